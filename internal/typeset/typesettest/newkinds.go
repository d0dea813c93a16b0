package typesettest

import (
	"time"

	"folio/internal/book"
)

// NewKinds returns a small book with every block, inline and chapter kind
// the sample lacks (issue 10): the source's title page and contents (not
// set), a dedication, a part, chapters with labels, verse with indents,
// stanzas and a line too long for the measure, a block quotation, a
// table with a header and one kept as printed, a scene break, a figure,
// an epigraph with its attribution, strong and small-caps inlines, and
// an index whose page references name the source's pages.
func NewKinds() *book.Book {
	para := func(s string) book.Block { return book.Block{Kind: book.Para, Inlines: txt(s)} }
	vl := func(indent int, s string) book.VerseLine { return book.VerseLine{Indent: indent, Inlines: txt(s)} }
	long := "The lamp was lit at dusk and kept till dawn, as the rules of the Board required, and the keeper wrote in the log each hour the state of the sea, the wind and the light."
	b := &book.Book{Meta: book.Meta{
		Title: "The Keeper’s Year", Authors: []book.Contributor{{Name: "Margaret Hale", Role: "aut"}},
		Language: "en", Modified: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
	}}
	b.Chapters = []book.Chapter{
		{ID: "tp", Kind: book.TitlePage, Title: txt("The Keeper’s Year Being the Recollections of a Lighthouse Keeper’s Wife")},
		{ID: "toc", Kind: book.Contents, Title: txt("Contents")},
		{ID: "ded", Kind: book.Dedication, Blocks: []book.Block{{Kind: book.Para, Inlines: txt("To my mother")}}},
		{ID: "p1", Kind: book.Part, Label: "Part One", Title: txt("The Rock")},
		{ID: "c1", Kind: book.Document, Label: "Chapter I", Title: txt("The Arrival at Skerryvore"), Blocks: []book.Block{
			{Kind: book.Epigraph, Inlines: txt("The sea is His, and He made it."), Attribution: txt("Psalm xcv")},
			{Kind: book.Para, Inlines: []book.Inline{{Kind: book.Text, Text: "We came to the rock in the "}, {Kind: book.SmallCaps, Text: "Pharos"}, {Kind: book.Text, Text: ", the Board’s tender, on a grey morning; the "}, {Kind: book.Strong, Text: "first"}, {Kind: book.Text, Text: " thing I saw was the tower. " + long}, {Kind: book.PageBreak, Page: "12"}, {Kind: book.Text, Text: " " + long}}},
			{Kind: book.Verse, Lines: []book.VerseLine{
				vl(0, "Far out at sea the tower stands,"), vl(2, "Above the breakers’ roar;"), vl(0, "It guards the ships of many lands,"), vl(2, "And lights them to the shore."),
				{},
				vl(0, "And when the storm is loud and long and every other light is gone, the keeper climbs the winding stair"), vl(2, "And trims the lamp once more."),
			}},
			para(long),
			{Kind: book.Quote, Inlines: txt("“The keeper shall on no account leave the light unattended between sunset and sunrise, nor permit any stranger to enter the lightroom.” " + long)},
			para("So the rules ran, and so we kept them. " + long),
			{Kind: book.SceneBreak},
			para("In the spring the relief came. " + long),
			{Kind: book.Table, Header: true, Rows: [][]book.Cell{
				{{Inlines: txt("Month")}, {Inlines: txt("Hours lit")}, {Inlines: txt("Oil (gallons)")}},
				{{Inlines: txt("January")}, {Inlines: txt("496")}, {Inlines: txt("62")}},
				{{Inlines: txt("February")}, {Inlines: txt("412")}, {Inlines: txt("51")}},
				{{Inlines: txt("March")}, {Inlines: txt("388")}, {Inlines: txt("48")}},
			}},
			{Kind: book.Table, Pre: true, Lines: []book.VerseLine{vl(0, "Stores      Received   Used"), vl(0, "Wicks           24        19"), vl(0, "Chimneys         6         2")}},
			{Kind: book.Figure, Inlines: txt("[Illustration: Skerryvore Lighthouse from the south-west]")},
			para(long + " " + long),
		}},
		{ID: "c2", Kind: book.Document, Label: "Chapter II", Title: txt("A Letter from Home"), Blocks: []book.Block{para(long), para(long)}},
		{ID: "ix", Kind: book.Index, Title: txt("Index"), Blocks: []book.Block{
			{Kind: book.IndexEntry, Level: 1, Inlines: []book.Inline{{Kind: book.Text, Text: "Board of Northern Lights, "}, {Kind: book.PageRef, Page: "12", Text: "12"}}},
			{Kind: book.IndexEntry, Level: 2, Inlines: []book.Inline{{Kind: book.Text, Text: "rules of, "}, {Kind: book.PageRef, Page: "12", Text: "12"}, {Kind: book.Text, Text: ", "}, {Kind: book.PageRef, Page: "99", Text: "99"}}},
			{Kind: book.IndexEntry, Level: 1, Inlines: []book.Inline{{Kind: book.Text, Text: "Pharos, the tender, "}, {Kind: book.PageRef, Page: "12", Text: "12"}}},
		}},
	}
	return b
}
