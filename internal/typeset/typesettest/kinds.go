package typesettest

import (
	"time"

	"folio/internal/book"
)

func txt(s string) []book.Inline { return []book.Inline{{Kind: book.Text, Text: s}} }

// Kinds returns a book whose chapters use every block kind, with real
// excerpts of the sample: a radiogram with a notice, a letter with
// salutation, closing, signature, postscript and source note, a
// conversation with speaker labels, and a report with sections, a list, a
// quotation and a note of several paragraphs long enough to run on.
func Kinds() *book.Book {
	long := "At the beginning of February 1960, Comrade Enver Hoxha, who was in Moscow at the head of the delegation of the PLA to take part in the Meeting of the representatives of the communist and workers’ parties of the socialist countries of Europe on the questions of the development of agriculture, met A. Mikoyan at the latter’s request. Mikoyan spoke at this meeting for nearly five hours about the ideological and political disagreements between the CPSU and the CP of China."
	b := &book.Book{Meta: book.Meta{
		Title:    "Works, Volume 19",
		Authors:  []book.Contributor{{Name: "Enver Hoxha", Role: "aut"}},
		Language: "en",
		Modified: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
	}}
	b.Chapters = []book.Chapter{
		{
			ID: "ch01", Kind: book.Document,
			Title: txt("Radiogram to Comrade Hysni Kapo in Bucharest"),
			Date:  "June 21, 1960", Time: "11:30 hrs.",
			Blocks: []book.Block{
				{Kind: book.Notice, Inlines: txt("STRICTLY PERSONAL")},
				{Kind: book.Para, Inlines: txt("From your radiograms we see that things are taking a wrong course; therefore the situation is very delicate.")},
				{Kind: book.Para, Inlines: []book.Inline{
					{Kind: book.Text, Text: "Be very careful. Let them know that you will take part only in the meeting we have decided jointly, in which only the parties of the socialist camp will be present, to decide the date and place of the coming broader Meeting of the communist and workers’ parties."},
					{Kind: book.NoteRef, Note: 0},
					{Kind: book.Text, Text: " Keep us up to date. Inform us exactly when the meeting will be held."},
				}},
				{Kind: book.Signature, Inlines: txt("Enver")},
				{Kind: book.SourceNote, Inlines: txt("Published for the first time in Volume 19 according to the original in the Central Archives of the Party.")},
			},
			Notes: []book.Note{{ID: "ch01-n1", Label: "1", Paras: [][]book.Inline{txt("The meeting of the representatives of the communist and workers’ parties of the socialist countries held in Bucharest on June 24–26, 1960.")}}},
		},
		{
			ID: "ch02", Kind: book.Document,
			Title: txt("Letter to Comrade Hysni Kapo in Bucharest"),
			Date:  "June 22, 1960",
			Blocks: []book.Block{
				{Kind: book.Salutation, Inlines: txt("Dear Comrade Hysni,")},
				{Kind: book.Para, Inlines: txt("We received your telegrams and letter and studied them in the Political Bureau. We are unanimously of the opinion that the situation is very grave and is not developing in a proper party way.")},
				{Kind: book.Para, Inlines: []book.Inline{
					{Kind: book.Text, Text: "Or, for example, make sure that Andropov"},
					{Kind: book.NoteRef, Note: 0},
					{Kind: book.Text, Text: " thoroughly understands that we do not accept that the Soviet representatives should approach our comrades, members of the delegation to the Congress of the Rumanian Workers’ Party, and say to them in tones of amazement: “What, has your leadership not informed you of these things?”"},
				}},
				{Kind: book.Quote, Inlines: txt("“The times are gone when our Party of Labor and its leadership could be misled by anyone and become a partisan of wrong lines. Our Party has been tempered in struggle and does not step on rotten planks.”")},
				{Kind: book.Closing, Inlines: txt("With comradely greetings,")},
				{Kind: book.Signature, Inlines: []book.Inline{{Kind: book.Text, Text: "First Secretary of the CC of the PLA"}, {Kind: book.LineBreak}, {Kind: book.Text, Text: "Enver Hoxha"}}},
				{Kind: book.Postscript, Inlines: txt("P.S. Keep us informed about everything. Splendid news: Yesterday good rain fell everywhere. All the comrades send you their best regards.")},
				{Kind: book.Dateline, Inlines: txt("Tirana, June 22, 1960")},
				{Kind: book.SourceNote, Inlines: txt("Published for the first time in Volume 19 according to the original in the Central Archives of the Party.")},
			},
			Notes: []book.Note{{ID: "ch02-n1", Label: "1", Paras: [][]book.Inline{txt("At that time chief of the Foreign Department for the East European countries at the CC of the CPSU, he is today a Member of the Political Bureau of the CC of the CPSU.")}}},
		},
		{
			ID: "ch03", Kind: book.Document,
			Title:    txt("The Central Committee Is the Leadership of the Party Which Always Judges Fairly, Wisely, Calmly and, When Necessary, Severely, Too"),
			Subtitle: []book.Inline{{Kind: book.Text, Text: "From the Conversation with Koço Tashko"}, {Kind: book.NoteRef, Note: 0}},
			Date:     "August 3, 1960",
			Blocks: []book.Block{
				{Kind: book.Speech, Speaker: "Comrade Enver Hoxha", Inlines: txt("I received your letter in which you asked to meet me. I authorized Comrade Hysni Kapo to talk with you, but you were not satisfied because you wanted to speak with me or with nobody.")},
				{Kind: book.Speech, Speaker: "Koço Tashko", Inlines: txt("I say that he has not made mistakes.")},
				{Kind: book.Speech, Speaker: "Comrade Enver Hoxha", Inlines: txt("You are trying to jump from one thing to another, but we shall not allow you to do so. What is this you are saying?")},
			},
			Notes: []book.Note{{ID: "ch03-n1", Label: "1", Paras: [][]book.Inline{txt("At that time Chairman of the Auditing Commission of the PLA.")}}},
		},
		{
			ID: "ch04", Kind: book.Document,
			Title:    txt("We Shall Go to Moscow Not with Ten Banners, but with Only One, with the Banner of Marxism-Leninism"),
			Subtitle: txt("Report to the Plenum of the CC of the PLA"),
			Date:     "September 6, 1960",
		},
	}
	ch := &b.Chapters[3]
	paras := paragraphs(string(sampleText()))
	n := 0
	for i, p := range paras {
		if i < 400 || len(p) < 300 {
			continue
		}
		if n%9 == 0 {
			ch.Blocks = append(ch.Blocks, book.Block{Kind: book.Heading, Level: 2, Inlines: txt([]string{"I", "II", "III", "On the Yugoslav Question", "IV", "V"}[n/9%6])})
		}
		if n%9 == 4 {
			ch.Blocks = append(ch.Blocks,
				book.Block{Kind: book.ListItem, Label: "1)", Inlines: txt(p[:len(p)/2])},
				book.Block{Kind: book.ListItem, Label: "2)", Inlines: txt(p[len(p)/2:])})
			n++
			continue
		}
		in := txt(p)
		if n%3 == 1 {
			note := len(ch.Notes)
			ch.Notes = append(ch.Notes, book.Note{ID: "n", Label: itoa(note + 1), Paras: [][]book.Inline{txt(long), txt(long[:300])}})
			in = append(in, book.Inline{Kind: book.NoteRef, Note: note}, book.Inline{Kind: book.Text, Text: " Thus it was."})
		}
		ch.Blocks = append(ch.Blocks, book.Block{Kind: book.Para, Inlines: in})
		n++
		if n == 54 {
			break
		}
	}
	return b
}
