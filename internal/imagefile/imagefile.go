// Package imagefile decodes and checks image files a book carries (a
// user's cover, an EPUB's pictures): what format they are, how large,
// in what colour space, whether they decode whole. It fixes what can be
// fixed without loss a reader would see (CMYK to RGB, 16 to 8 bits per
// channel, formats e-readers do not all show to PNG) and refuses the rest
// with a reason. Nothing is decoded before its size is known to fit.
package imagefile

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	_ "image/gif" // registered for image.Decode

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// Store and decoding limits.
const (
	// MaxSide is the longest side stores take (KDP: 10,000 pixels).
	MaxSide = 10_000
	// MinLongSide is the least stores ask of a cover's long side (KDP
	// 1,000 pixels; Apple wants 1,400 wide).
	MinLongSide = 1_000
	// MaxDecode bounds the memory one decoded image may take.
	MaxDecode = 512 << 20
)

// Info is what an image file is.
type Info struct {
	Format        string // "jpeg", "png", "gif", "webp", "tiff", "bmp"
	Width, Height int
	Colour        string // "RGB", "grey", "CMYK", "16-bit RGB"…
	CMYK          bool
	Deep          bool // 16 bits per channel
	Alpha         bool // has transparent pixels (known once decoded)
}

// MediaType is the format's media type.
func (in Info) MediaType() string { return "image/" + in.Format }

// Sniff names the image format of data from its first bytes, "" when it
// is none folio reads.
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "tiff"
	case bytes.HasPrefix(data, []byte("BM")):
		return "bmp"
	}
	return ""
}

// what describes data that is not an image, for the refusal.
func what(data []byte) string {
	switch {
	case len(data) == 0:
		return "empty"
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "a PDF, not an image: export the cover page as a JPEG (e.g. `pdftoppm -jpeg -r 300 -singlefile cover.pdf cover`)"
	case bytes.HasPrefix(data, []byte("<svg")), bytes.Contains(data[:min(len(data), 512)], []byte("<svg")):
		return "an SVG drawing: export it as a PNG or JPEG of about 2560 × 1600 pixels"
	case bytes.HasPrefix(data, []byte("8BPS")):
		return "a Photoshop file: export it as a JPEG"
	}
	return "not a JPEG or PNG image (nor GIF, WebP, TIFF or BMP): convert it (e.g. `convert cover.tif cover.jpg`)"
}

// Inspect reads an image's header: format, size and colour model, with
// no pixel decoded. The error says what the file is when it is no image
// folio reads, or why its header cannot be read.
func Inspect(data []byte) (Info, error) {
	var in Info
	in.Format = Sniff(data)
	if in.Format == "" {
		return in, errors.New("is " + what(data))
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return in, fmt.Errorf("is a damaged %s image (%v): export it again", name(in.Format), err)
	}
	in.Width, in.Height = cfg.Width, cfg.Height
	in.Colour, in.CMYK, in.Deep = model(cfg.ColorModel)
	if in.Width <= 0 || in.Height <= 0 {
		return in, fmt.Errorf("is a %s image of %d × %d pixels: it has no picture in it", name(in.Format), in.Width, in.Height)
	}
	return in, nil
}

// CheckSize refuses an image larger than stores take, or than folio
// decodes; a side over MaxSide is refused before decoding.
func (in Info) CheckSize() error {
	if in.Width > MaxSide || in.Height > MaxSide {
		return fmt.Errorf("is %d × %d pixels: stores take at most %d pixels a side (KDP); scale it down to about 1600 × 2560", in.Width, in.Height, MaxSide)
	}
	if int64(in.Width)*int64(in.Height)*bytesPerPixel(in) > MaxDecode {
		return fmt.Errorf("is %d × %d pixels of %s: too large to decode in %d MB; scale it down to about 1600 × 2560", in.Width, in.Height, in.Colour, MaxDecode>>20)
	}
	return nil
}

// bytesPerPixel is the memory a decoded pixel of this kind takes, at most.
func bytesPerPixel(in Info) int64 {
	switch {
	case in.Deep:
		return 8
	case in.Format == "jpeg" && !in.CMYK:
		return 3 // YCbCr at full chroma, at most
	}
	return 4
}

func name(format string) string {
	switch format {
	case "jpeg":
		return "JPEG"
	case "png":
		return "PNG"
	case "gif":
		return "GIF"
	case "webp":
		return "WebP"
	case "tiff":
		return "TIFF"
	case "bmp":
		return "BMP"
	}
	return format
}

// model names a colour model: its description, whether it is CMYK, and
// whether it has 16 bits a channel.
func model(m color.Model) (string, bool, bool) {
	switch m {
	case color.CMYKModel:
		return "CMYK", true, false
	case color.RGBA64Model, color.NRGBA64Model:
		return "16-bit RGB", false, true
	case color.Gray16Model:
		return "16-bit grey", false, true
	case color.GrayModel:
		return "grey", false, false
	case color.YCbCrModel:
		return "RGB", false, false
	}
	if _, ok := m.(color.Palette); ok {
		return "indexed colour", false, false
	}
	return "RGB", false, false
}

// Decode decodes the whole image (after CheckSize), so that a truncated
// or damaged file is found before it goes into a book.
func Decode(data []byte, in Info) (image.Image, error) {
	if err := in.CheckSize(); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("is a damaged or truncated %s image (%v): export it again", name(in.Format), err)
	}
	if b := img.Bounds(); b.Dx() != in.Width || b.Dy() != in.Height {
		return nil, fmt.Errorf("is a damaged %s image (its header says %d × %d, its pixels %d × %d): export it again", name(in.Format), in.Width, in.Height, b.Dx(), b.Dy())
	}
	return img, nil
}

// Fixed is an image ready for an EPUB: its bytes (the original's when
// nothing needed fixing), what it is, and what was done to it.
type Fixed struct {
	Data []byte
	Info Info
	Done []string // "converted from CMYK to RGB"…, for the report
	Warn []string // what a store may still object to
}

// Prepare makes an image file ready for an e-book: decoded whole (to
// refuse damage), converted to 8-bit RGB or grey in JPEG or PNG when it
// is not, transparency set on white. The error is a refusal with its
// reason, phrased to follow the file's name.
func Prepare(data []byte) (Fixed, error) {
	in, err := Inspect(data)
	if err != nil {
		return Fixed{}, err
	}
	img, err := Decode(data, in)
	if err != nil {
		return Fixed{}, err
	}
	if o, ok := img.(interface{ Opaque() bool }); ok {
		in.Alpha = !o.Opaque()
	}
	f := Fixed{Data: data, Info: in}
	if long := max(in.Width, in.Height); long < MinLongSide {
		f.Warn = append(f.Warn, fmt.Sprintf("the cover is %d × %d pixels: stores ask for at least %d on the long side (KDP; Apple wants 1,400 wide, and 1600 × 2560 is best)", in.Width, in.Height, MinLongSide))
	}
	if in.Width > in.Height {
		f.Warn = append(f.Warn, fmt.Sprintf("the cover is %d × %d pixels, wider than tall: stores show covers upright, at about 1 : 1.6", in.Width, in.Height))
	}
	var why []string
	switch {
	case in.CMYK:
		why = append(why, "converted from CMYK to RGB (e-readers show CMYK JPEGs with wrong colours, or not at all)")
	case in.Deep:
		why = append(why, "converted from 16 to 8 bits a channel (several e-readers cannot show 16-bit PNGs)")
	}
	if in.Format != "jpeg" && in.Format != "png" {
		why = append(why, fmt.Sprintf("converted from %s to PNG (e-readers all show JPEG and PNG)", name(in.Format)))
	}
	if in.Alpha {
		why = append(why, "its transparent parts set on white (readers show transparency as black or as the page colour)")
	}
	if len(why) == 0 {
		return f, nil
	}
	out, format, err := encode(img, in)
	if err != nil {
		return Fixed{}, fmt.Errorf("could not be converted for the e-book: %v", err)
	}
	f.Data, f.Done = out, why
	f.Info.Format, f.Info.CMYK, f.Info.Deep, f.Info.Alpha = format, false, false, false
	f.Info.Colour = "RGB"
	if format == "png" && isGrey(in) {
		f.Info.Colour = "grey"
	}
	return f, nil
}

func isGrey(in Info) bool { return in.Colour == "grey" || in.Colour == "16-bit grey" }

// encode writes img as 8-bit RGB (or grey) on white: a JPEG when it came
// as one (CMYK), else a PNG, lossless.
func encode(img image.Image, in Info) ([]byte, string, error) {
	b := img.Bounds()
	var buf bytes.Buffer
	if isGrey(in) && !in.Alpha {
		g := image.NewGray(b)
		draw.Draw(g, b, img, b.Min, draw.Src)
		err := png.Encode(&buf, g)
		return buf.Bytes(), "png", err
	}
	rgba := image.NewRGBA(b)
	draw.Draw(rgba, b, image.White, image.Point{}, draw.Src)
	draw.Draw(rgba, b, img, b.Min, draw.Over)
	if in.Format == "jpeg" {
		err := jpeg.Encode(&buf, rgba, &jpeg.Options{Quality: 92})
		return buf.Bytes(), "jpeg", err
	}
	err := png.Encode(&buf, rgba)
	return buf.Bytes(), "png", err
}
