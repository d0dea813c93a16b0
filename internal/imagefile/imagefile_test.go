package imagefile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a PNG header claiming w × h pixels, with one byte of data:
// a few dozen bytes that would decode to gigabytes.
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func rgb(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	return img
}

// TestPrepare: sound JPEGs and PNGs pass as they are; CMYK, 16-bit,
// transparent and non-JPEG/PNG images are converted (and say so); huge,
// truncated and non-image files are refused with a reason.
func TestPrepare(t *testing.T) {
	cmyk, err := os.ReadFile("../../testdata/hostile/cmyk.jpeg")
	if err != nil {
		t.Fatal(err)
	}
	deep := image.NewRGBA64(image.Rect(0, 0, 64, 100))
	for i := range deep.Pix {
		deep.Pix[i] = 0xff
	}
	clear := image.NewNRGBA(image.Rect(0, 0, 64, 100))
	clear.Set(3, 3, color.NRGBA{R: 200, A: 255})
	good := encodeJPEG(t, rgb(1600, 2560))
	truncated := good[:len(good)/2]
	tests := []struct {
		name   string
		data   []byte
		format string // the result's format; "" for a refusal
		done   string // what was done, "" for nothing
		refuse string
	}{
		{"jpeg", good, "jpeg", "", ""},
		{"png", encodePNG(t, rgb(160, 256)), "png", "", ""},
		{"cmyk jpeg", cmyk, "jpeg", "converted from CMYK to RGB", ""},
		{"16-bit png", encodePNG(t, deep), "png", "converted from 16 to 8 bits", ""},
		{"transparent png", encodePNG(t, clear), "png", "transparent parts set on white", ""},
		{"huge png", hugePNG(50000, 50000), "", "", "is 50000 × 50000 pixels: stores take at most 10000 pixels a side"},
		{"truncated jpeg", truncated, "", "", "is a damaged or truncated JPEG image"},
		{"pdf", []byte("%PDF-1.4\n"), "", "", "is a PDF, not an image"},
		{"text", []byte("root:x:0:0:root:/root:/bin/bash\n"), "", "", "is not a JPEG or PNG image"},
		{"png magic then junk", []byte("\x89PNG\r\n\x1a\nroot:x:0:0:root"), "", "", "is a damaged PNG image"},
		{"empty", nil, "", "", "is empty"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			f, err := Prepare(c.data)
			if c.refuse != "" {
				if err == nil || !strings.Contains(err.Error(), c.refuse) {
					t.Fatalf("error %v, want %q", err, c.refuse)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Info.Format != c.format || Sniff(f.Data) != c.format {
				t.Errorf("format %s (bytes: %s), want %s", f.Info.Format, Sniff(f.Data), c.format)
			}
			switch {
			case c.done == "" && (len(f.Done) > 0 || !bytes.Equal(f.Data, c.data)):
				t.Errorf("changed a sound image: %v", f.Done)
			case c.done != "" && (len(f.Done) == 0 || !strings.Contains(strings.Join(f.Done, "; "), c.done)):
				t.Errorf("done %v, want %q", f.Done, c.done)
			}
			// The result itself needs nothing more.
			again, err := Prepare(f.Data)
			if err != nil || len(again.Done) > 0 {
				t.Errorf("the converted image still needs work: %v %v", again.Done, err)
			}
			if c.done != "" {
				img, _, err := image.Decode(bytes.NewReader(f.Data))
				if err != nil {
					t.Fatal(err)
				}
				if img.Bounds() != image.Rect(0, 0, f.Info.Width, f.Info.Height) {
					t.Errorf("size changed: %v", img.Bounds())
				}
			}
		})
	}
}

// TestPrepareWarnings: a small or landscape cover is taken, with a warning.
func TestPrepareWarnings(t *testing.T) {
	f, err := Prepare(encodePNG(t, rgb(300, 200)))
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(f.Warn, "; ")
	if !strings.Contains(w, "at least 1000 on the long side") || !strings.Contains(w, "wider than tall") {
		t.Errorf("warnings %q", w)
	}
}
