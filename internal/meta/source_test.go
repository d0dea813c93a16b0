package meta

import (
	"reflect"
	"testing"

	"folio/internal/book"
)

func TestFromSource(t *testing.T) {
	src := book.Meta{Title: "The Mill at Arden", Subtitle: "Recollections of a Border Childhood", Publisher: "Thistle & Crane", Date: "1909",
		Authors: []book.Contributor{{Name: "Eleanor Marsh", Role: "aut"}}}
	// Nothing given but the defaults: the title page fills it all.
	got, filled := FromSource(book.Meta{Title: "Memoir Layout", Language: "en"}, src, "memoir-layout.txt")
	if got.Title != src.Title || got.Subtitle != src.Subtitle || got.Publisher != src.Publisher || got.Date != "1909" || len(got.Authors) != 1 {
		t.Errorf("filled %+v", got)
	}
	if want := []string{"title", "subtitle", "publisher", "date", "authors"}; !reflect.DeepEqual(filled, want) {
		t.Errorf("filled %v, want %v", filled, want)
	}
	// The user's metadata wins.
	user := book.Meta{Title: "Arden", Date: "2026", Authors: []book.Contributor{{Name: "E. M."}}}
	got, filled = FromSource(user, src, "memoir-layout.txt")
	if got.Title != "Arden" || got.Date != "2026" || got.Authors[0].Name != "E. M." || got.Subtitle != src.Subtitle {
		t.Errorf("user metadata overridden: %+v", got)
	}
	if want := []string{"subtitle", "publisher"}; !reflect.DeepEqual(filled, want) {
		t.Errorf("filled %v, want %v", filled, want)
	}
}
