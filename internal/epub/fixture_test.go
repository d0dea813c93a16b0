package epub

import (
	"fmt"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/meta"
)

// Hand-made stand-ins for what the cleaning pipeline will produce from the
// sample, built from real excerpts of assets/samples/hoxha-works-19-ocr.txt.

func txt(s string) book.Inline       { return book.Inline{Kind: book.Text, Text: s} }
func em(s string) book.Inline        { return book.Inline{Kind: book.Emphasis, Text: s} }
func ref(n int) book.Inline          { return book.Inline{Kind: book.NoteRef, Note: n} }
func pb(page string) book.Inline     { return book.Inline{Kind: book.PageBreak, Page: page} }
func br() book.Inline                { return book.Inline{Kind: book.LineBreak} }
func p(in ...book.Inline) book.Block { return book.Block{Kind: book.Para, Inlines: in} }
func blk(k book.BlockKind, in ...book.Inline) book.Block {
	return book.Block{Kind: k, Inlines: in}
}
func note(id, label string, paras ...string) book.Note {
	n := book.Note{ID: id, Label: label}
	for _, s := range paras {
		n.Paras = append(n.Paras, []book.Inline{txt(s)})
	}
	return n
}

// sampleMeta is the sample's metadata file, completed as the CLI does.
func sampleMeta(t testing.TB) book.Meta {
	t.Helper()
	m, err := meta.Load("../../assets/samples/hoxha-works-19-ocr.txt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Defaults(&m, "hoxha-works-19-ocr.txt"); err != nil {
		t.Fatal(err)
	}
	return m
}

// sampleBook mimics the first documents of the sample.
func sampleBook(t testing.TB) *book.Book {
	return &book.Book{
		Meta:        sampleMeta(t),
		SourcePages: 314,
		Chapters: []book.Chapter{
			{
				ID: "preface", Kind: book.Preface, Title: []book.Inline{txt("Publisher’s Preface")}, StartPage: "v",
				Blocks: []book.Block{
					p(pb("v"), txt("On Nov. 8, 1975, the 34th anniversary of the founding of the Party of Labor of Albania, Volume 19 of Enver Hoxha’s Works was released to the public and distributed throughout Albania.")),
					p(txt("This volume, which covers the period from June to December 1960, was immediately hailed for its extraordinary political and ideological importance.")),
					p(txt("In June 1960, Khrushchev organized the Bucharest meeting at which he plotted a “coup d’etat” against the Communist Party of China and Mao Tsetung."), pb("vi"), txt(" Without warning, he presented the delegations with a long document full of slanders.")),
					blk(book.Signature, txt("Jack Shulman")),
					blk(book.Dateline, txt("Gamma Publishing Co."), br(), txt("New York City"), br(), txt("June 1976")),
				},
			},
			{
				ID: "foreword", Kind: book.Foreword,
				Title:    []book.Inline{txt("Extracts from the Foreword to Volume 19 of Enver Hoxha’s Works")},
				Subtitle: []book.Inline{txt("In Albanian")},
				Blocks: []book.Block{
					p(txt("In the series of volumes of the Works of Comrade Enver Hoxha, the documents of this volume occupy a special place. These documents, most of which are published for the first time, belong to the period June–December 1960.")),
					p(txt("The materials of this volume bring to light not only the activity of the external enemies, but also that of the internal enemies, too, the class struggle carried out by the PLA against them to defend its steel-like unity, its crystal-clear line, and the purity of Marxism-Leninism [....].")),
					blk(book.Dateline, txt("Tirana, 1975")),
				},
			},
			{
				ID: "ch01", Kind: book.Document, StartPage: "1", Line: 263,
				Title: []book.Inline{txt("Radiogram to Comrade Hysni Kapo in Bucharest"), ref(0)},
				Date:  "June 21, 1960", DateISO: "1960-06-21", Time: "11:30 hrs.",
				Blocks: []book.Block{
					blk(book.Notice, txt("Strictly Personal")),
					p(pb("1"), txt("From your radiograms we see that things are taking a wrong course; therefore the situation is very delicate.")),
					p(txt("Be very careful. Let them know that you will take part only in the meeting we have decided jointly. Keep us up to date. Inform us exactly when the meeting will be held.")),
					blk(book.Closing, txt("Affectionately yours,")),
					blk(book.Signature, txt("Enver")),
					blk(book.SourceNote, txt("Published for the first time in Volume 19 according to the original in the Central Archives of the Party.")),
				},
				Notes: []book.Note{note("ch01-n1", "1",
					"On June 2, 1960, in a letter to the CC of the PLA, the CC of the CPSU proposed a meeting of representatives of the communist and workers’ Parties of the socialist camp to be held at the end of June.",
					"In fact, in Bucharest, the delegation of the PLA found itself faced with an international meeting organized by the Soviet leaders to attack the People’s Republic of China.")},
			},
			{
				ID: "ch02", Kind: book.Document, StartPage: "2",
				Title:    []book.Inline{txt("Always Follow a Correct Line")},
				Subtitle: []book.Inline{txt("From the contribution to the discussion at the meeting of the Political Bureau of the CC of the PLA")},
				Date:     "June 22, 1960", DateISO: "1960-06-22",
				Blocks: []book.Block{
					p(txt("The question we are going to discuss today has to do with the Bucharest Meeting.")),
					p(txt("Khrushchev says the Declaration of the Moscow Meeting of 1957,"), ref(0), txt(" “the Chinese comrades are not upholding”! I think that the decision we have taken"), ref(1), pb("3"), txt(" is correct.")),
					{Kind: book.Heading, Level: 2, ID: "ch02-after-reading", Inlines: []book.Inline{txt("After Reading the Radiogram")}},
					p(txt("As soon as Comrade Gogo [Nushi]"), ref(2), txt(" arrived in Moscow, he was summoned by Brezhnev.")),
					{Kind: book.Heading, Level: 3, ID: "ch02-unity", Inlines: []book.Inline{txt("On Unity & Discipline <of the Party>")}},
					p(txt("I want to stress that our strength consists in the unity of thought and deed of our leadership and the entire Party.")),
					blk(book.SourceNote, txt("Published for the first time in Volume 19 according to the original in the Central Archives of the Party.")),
				},
				Notes: []book.Note{
					note("ch02-n1", "1", "At this meeting of communist and workers’ parties, held in 1957 in Moscow, the Khrushchev group tried to legalize the revisionist course of the 20th Congress of the CPSU.",
						"Confronted with the iron logic of scientific arguments, the revisionists were forced to retreat.",
						"On other questions included in the Declaration, too, the PLA had its reservations."),
					note("ch02-n2", "2", "Concerning participation in the Meeting of the parties of the socialist camp in Bucharest."),
					note("ch02-n3", "3", "At that time Member of the Political Bureau of the CC of the PLA and President of the Trade Unions of Albania."),
				},
			},
			{
				ID: "ch03", Kind: book.Document,
				Title: []book.Inline{txt("Letter to Comrade Hysni Kapo in Bucharest")},
				Date:  "June 22, 1960", DateISO: "1960-06-22",
				Blocks: []book.Block{
					blk(book.Salutation, txt("Dear Comrade Hysni,")),
					p(txt("We received your telegrams and letter and studied them in the Political Bureau. For example, is it not ridiculous that a certain Magyaros"), ref(0), txt(" should come “to convince us”?")),
					p(txt("On the basis of the decisions of the Political Bureau you will act as follows:")),
					{Kind: book.ListItem, Label: "I.", Inlines: []book.Inline{txt("Call Andropov and tell him, on behalf of the leadership of the Party: “I communicated to my leadership what you told me.”")}},
					{Kind: book.ListItem, Label: "II.", Inlines: []book.Inline{txt("Tell them: “I [Hysni] am authorized to discuss the setting of the date.”")}},
					blk(book.Quote, txt("The times are gone when our Party of Labor and its leadership could be misled by anyone and become a partisan of wrong lines.")),
					blk(book.Quote, txt("Our Party has been tempered in struggle and does not step on rotten planks.")),
					p(txt("Keep us informed about everything. Splendid news: Yesterday good rain fell everywhere."), pb("3")),
					blk(book.Closing, txt("I embrace you,")),
					blk(book.Signature, txt("First Secretary of the CC of the PLA"), br(), txt("Enver Hoxha")),
					blk(book.Postscript, txt("P.S. To any attempt or suggestion on the part of the Soviet comrades about my coming to Bucharest, you must answer, “He is not coming.”")),
					blk(book.SourceNote, txt("Published for the first time in abridged form in Volume 19 according to the original in the Central Archives of the Party.")),
				},
				Notes: []book.Note{note("ch03-n1", "1", "Magyaros was then a member of the Political Bureau of the CC of the Rumanian Workers’ Party.")},
			},
			{
				ID: "ch04", Kind: book.Document,
				Title:    []book.Inline{txt("The Central Committee Is the Leadership of the Party"), ref(0)},
				Subtitle: []book.Inline{txt("From the Conversation with Koço Tashko"), ref(0)},
				Date:     "August 3, 1960", DateISO: "1960-08-03",
				Blocks: []book.Block{
					{Kind: book.Speech, Speaker: "Comrade Enver Hoxha", Inlines: []book.Inline{txt("I received your letter in which you asked to meet me."), pb("")}},
					{Kind: book.Speech, Speaker: "Koço Tashko", Inlines: []book.Inline{txt("I wanted to speak with you, "), em("personally"), txt(".")}},
					p(txt("When a secretary of the Central Committee asks you to come to meet him, you should go there at once.")),
					{Kind: book.Speech, Speaker: "Comrade Enver Hoxha:", Inlines: []book.Inline{txt("What is this you are saying?"), pb("4")}},
					{Kind: book.ListItem, Label: "—", Inlines: []book.Inline{txt("first, they underrate the danger of revisionism;")}},
					{Kind: book.ListItem, Label: "—", Inlines: []book.Inline{txt("second, the tendency to present the leadership of our Party as guilty.")}},
				},
				Notes: []book.Note{note("", "*", "Former member of the CC of the PLA.")},
			},
		},
	}
}

// syntheticBook is a book of the sample's size: 46 chapters, 115 notes and
// about 120,000 words, for benchmarks.
func syntheticBook(t testing.TB) *book.Book {
	b := &book.Book{Meta: sampleMeta(t)}
	words := strings.Fields("the question we are going to discuss today has to do with the Bucharest Meeting and the stand of our Party toward it, which is correct and principled")
	page := 1
	notes := 0
	for c := 0; c < 46; c++ {
		ch := book.Chapter{ID: fmt.Sprintf("ch%02d", c+1), Kind: book.Document,
			Title: []book.Inline{txt(fmt.Sprintf("Document Number %d", c+1))}, Date: "June 22, 1960", DateISO: "1960-06-22"}
		nNotes := 2
		if c%2 == 0 {
			nNotes = 3
		}
		if notes+nNotes > 115 {
			nNotes = 115 - notes
		}
		for s := 0; s < 2; s++ {
			ch.Blocks = append(ch.Blocks, book.Block{Kind: book.Heading, Level: 2, ID: fmt.Sprintf("ch%02d-s%d", c+1, s+1), Inlines: []book.Inline{txt(fmt.Sprintf("Section %d", s+1))}})
			for q := 0; q < 13; q++ {
				var in []book.Inline
				var sb strings.Builder
				for w := 0; w < 100; w++ {
					sb.WriteString(words[(c+q+w)%len(words)])
					sb.WriteByte(' ')
				}
				in = append(in, txt(sb.String()))
				if q%4 == 0 {
					in = append(in, pb(fmt.Sprint(page)))
					page++
				}
				if k := s*13 + q; k < nNotes {
					in = append(in, ref(k))
				}
				ch.Blocks = append(ch.Blocks, p(in...))
			}
		}
		for k := 0; k < nNotes; k++ {
			ch.Notes = append(ch.Notes, note(fmt.Sprintf("ch%02d-n%d", c+1, k+1), fmt.Sprint(k+1), "A note on the document, long enough to be a real note of some forty words or so; it names the people and the meetings concerned.", "A second paragraph."))
		}
		notes += nNotes
		b.Chapters = append(b.Chapters, ch)
	}
	return b
}

func strong(s string) book.Inline    { return book.Inline{Kind: book.Strong, Text: s} }
func smallcaps(s string) book.Inline { return book.Inline{Kind: book.SmallCaps, Text: s} }
func pageref(page string) book.Inline {
	return book.Inline{Kind: book.PageRef, Page: page, Text: page}
}
func line(indent int, s string) book.VerseLine {
	return book.VerseLine{Indent: indent, Inlines: []book.Inline{txt(s)}}
}
func cell(s string) book.Cell { return book.Cell{Inlines: []book.Inline{txt(s)}} }

// kindsBook has every chapter kind, block kind and inline kind of the
// model, made by hand from public-domain texts (Gibbon's Decline and Fall,
// Coleridge, Milton, Beethoven's letters), as the cleaning stages will
// produce them from a book with front matter, parts, verse, tables and an
// index.
func kindsBook(t testing.TB) *book.Book {
	m := book.Meta{Title: "The History of the Decline and Fall of the Roman Empire", Subtitle: "Volume the First",
		Authors: []book.Contributor{{Name: "Edward Gibbon", FileAs: "Gibbon, Edward", Role: "aut"}}, Language: "en",
		Identifier: "urn:uuid:0b5ad3c2-7d0f-5e1a-9a53-000000000002", Date: "1776", ISBNEPUB: "9780306406157", ISBNPrint: "9781492067665",
		Publisher: "folio test shelf", Source: "The first edition, London, 1776."}
	return &book.Book{Meta: m, Provenance: book.Provenance{Source: "gibbon.txt", Format: "text"}, Chapters: []book.Chapter{
		{ID: "title", Kind: book.TitlePage, Title: []book.Inline{txt("The History of the Decline and Fall")}, Blocks: []book.Block{p(pb("i"), txt("By Edward Gibbon, Esq."))}},
		{ID: "contents", Kind: book.Contents, Title: []book.Inline{txt("Contents")}, Blocks: []book.Block{p(pb("iii"), txt("Chapter I … 1"))}},
		{ID: "imprint", Kind: book.Copyright, Blocks: []book.Block{p(pb("iv"), txt("London: Printed for W. Strahan; and T. Cadell, in the Strand. MDCCLXXVI."))}},
		{ID: "dedication", Kind: book.Dedication, Blocks: []book.Block{blk(book.Para, txt("To the memory of my father."))}},
		{ID: "motto", Kind: book.EpigraphPage, Blocks: []book.Block{{Kind: book.Epigraph,
			Lines:       []book.VerseLine{line(0, "Of Man’s first disobedience, and the fruit"), line(0, "Of that forbidden tree, whose mortal taste"), line(1, "Brought death into the World, and all our woe,")},
			Attribution: []book.Inline{txt("Milton, "), em("Paradise Lost")}}}},
		{ID: "intro", Kind: book.Introduction, Title: []book.Inline{txt("Preface")}, Blocks: []book.Block{
			p(pb("v"), txt("It is not my intention to detain the reader by expatiating on the variety or the importance of the subject.")),
			p(txt("The author of the "), strong("Table Talk"), txt(" says of it:"), pb(""), txt(" nothing.")),
			p(pb("vii"), txt("The whole work will be divided into three periods.")),
		}},
		{ID: "part1", Kind: book.Part, Label: "Part I", Title: []book.Inline{txt("The Age of the Antonines")}, Blocks: []book.Block{
			{Kind: book.Epigraph, Inlines: []book.Inline{txt("The empire of the Romans filled the world.")}, Attribution: []book.Inline{txt("— Gibbon")}},
		}},
		{ID: "ch1", Kind: book.Document, Label: "Chapter I", Title: []book.Inline{txt("The Extent and Military Force of the Empire"), ref(0)}, StartPage: "1", Blocks: []book.Block{
			p(pb("1"), txt("In the second century of the Christian Æra, the empire of Rome comprehended the fairest part of the earth, and the most civilized portion of mankind."), ref(1)),
			{Kind: book.Heading, Level: 3, ID: "ch1-frontiers", Inlines: []book.Inline{txt("The Frontiers")}},
			p(txt("The frontiers of that extensive monarchy were guarded by ancient renown and disciplined valour; "), smallcaps("Augustus"), txt(" was content.")),
			blk(book.Quote, txt("Their distant voices seemed to fill the air.")),
			{Kind: book.Quote, Inlines: []book.Inline{txt("Such was the state of the Roman world.")}, Attribution: []book.Inline{txt("— Tacitus, "), em("Annals")}},
			{Kind: book.Verse, Lines: []book.VerseLine{line(0, "In Xanadu did Kubla Khan"), line(2, "A stately pleasure-dome decree:"), {}, line(0, "Where Alph, the sacred river, ran"), line(14, "Through caverns measureless to man")}},
			p(txt("The legions were distributed as follows:"), pb("2")),
			{Kind: book.Table, Header: true, Rows: [][]book.Cell{{cell("Province"), {Inlines: []book.Inline{txt("Legions")}, Align: "right"}}, {cell("Britain"), {Inlines: []book.Inline{txt("3")}, Align: "right"}}, {cell("Upper Rhine"), {Inlines: []book.Inline{txt("4")}, Align: "right"}}}},
			{Kind: book.SceneBreak},
			{Kind: book.Figure, Inlines: []book.Inline{txt("A map of the Roman Empire under Trajan")}},
			p(txt("Such was the state of the army."), pb("3")),
		}, Notes: []book.Note{note("ch1-n1", "*", "The first chapter describes the empire at its widest extent."), note("ch1-n2", "1", "Dion Cassius, l. lvi. p. 833, and the speech of Augustus himself."), note("ch1-n3", "2", "A note the text does not call, kept as printed.")}},
		{ID: "part2", Kind: book.Part, Label: "Part II", Title: []book.Inline{txt("The Decline")}},
		{ID: "ch2", Kind: book.Document, Label: "Chapter II", Blocks: []book.Block{
			p(pb("4"), txt("The numbers of the legions, as printed:")),
			{Kind: book.Table, Pre: true, Lines: []book.VerseLine{{Inlines: []book.Inline{txt("Legion      Station        Men")}}, {Inlines: []book.Inline{txt("II Augusta  Isca           6,000")}}}},
		}},
		{ID: "app", Kind: book.Appendix, Title: []book.Inline{txt("Letters of Beethoven")}, Blocks: []book.Block{
			blk(book.Salutation, txt("My dear Zmeskall,")),
			p(pb("5"), txt("Be so good as to send me the pens at once.")),
			blk(book.Signature, txt("Beethoven")),
		}},
		{ID: "biblio", Kind: book.Bibliography, Title: []book.Inline{txt("Authorities")}, Blocks: []book.Block{
			{Kind: book.ListItem, Label: "—", Inlines: []book.Inline{em("Dion Cassius"), txt(", Roman History.")}},
		}},
		{ID: "gloss", Kind: book.Glossary, Title: []book.Inline{txt("Glossary")}, Blocks: []book.Block{p(strong("Legion"), txt(": a body of some six thousand foot."))}},
		{ID: "index", Kind: book.Index, Title: []book.Inline{txt("Index")}, Blocks: []book.Block{
			{Kind: book.IndexEntry, Level: 1, Inlines: []book.Inline{txt("Augustus, "), pageref("1"), txt(", "), pageref("3")}},
			{Kind: book.IndexEntry, Level: 2, Inlines: []book.Inline{txt("his moderation, "), pageref("2")}},
			{Kind: book.IndexEntry, Level: 3, Inlines: []book.Inline{txt("praised by Tacitus, "), pageref("2")}},
			{Kind: book.IndexEntry, Level: 1, Inlines: []book.Inline{txt("Britain, "), pageref("2"), txt(", "), pageref("99")}},
			{Kind: book.IndexEntry, Level: 1, Inlines: []book.Inline{txt("Preface, "), pageref("v")}},
		}},
		{ID: "notes", Kind: book.Endnotes, Title: []book.Inline{txt("Notes")}, Notes: []book.Note{note("en1", "3", "A note whose marker the scan lost.")}},
	}}
}
