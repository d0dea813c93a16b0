package typesettest

import "testing"

func TestStats(t *testing.T) {
	b := Sample(0)
	mx, n := 0, 0
	for _, c := range b.Chapters {
		for _, bl := range c.Blocks {
			l := 0
			for _, r := range bl.Inlines {
				l += len(r.Text)
			}
			n++
			if l > mx {
				mx = l
			}
		}
	}
	t.Logf("blocks %d max %d", n, mx)
}
