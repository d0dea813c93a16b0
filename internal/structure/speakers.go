package structure

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/report"
)

// A transcript or a play names its speakers in a style of its own:
// "KEEPER. Set them down…", "Mr. Smith: If it please the Court…",
// "Q. You were the skipper?—A. I was, sir." A label is a speaker's when
// the book opens paragraphs with it again and again; once is a sentence.

var speakerLabelRe = regexp.MustCompile(`^((?:(?:Mr|Mrs|Miss|Dr|Sir|Lord|Lady|Captain|Capt|Rev|Colonel|Col)\.?\s+[\p{Lu}][\p{L}’'-]+)|[\p{Lu}][\p{Lu}.’' -]{0,40}[\p{Lu}.]|Q|A)([.:])\s+(\S)`)

var notaBeneRe = regexp.MustCompile(`^(?:N\.\s?B|P\.\s?S|P\.\s?P\.\s?S)\.?[.:]?$`)

// learnSpeakers finds the labels that open three paragraphs or more.
func (b *builder) learnSpeakers() {
	counts := map[string]int{}
	letters := map[byte]int{} // "Q. …", "A. …": a single capital and a stop
	for _, p := range b.in.Paras {
		if !mayBeSpeaker(p.Text) {
			continue
		}
		plain := strings.TrimSpace(clean.StripSentinels(p.Text))
		if m := speakerLabelRe.FindStringSubmatch(plain); m != nil {
			label := strings.TrimSpace(m[1]) + m[2]
			if len([]rune(strings.TrimSuffix(m[1], "."))) < 1 || notaBeneRe.MatchString(label) {
				continue // "N.B.", "P.S.": a note's label, no speaker's
			}
			if sectionNumber.MatchString(plain) {
				if len(m[1]) == 1 && m[2] == "." {
					letters[m[1][0]]++
				}
				continue
			}
			counts[label]++
		}
	}
	b.speakers = map[string]bool{}
	var names []string
	total := 0
	for l, n := range counts {
		if n >= 3 {
			b.speakers[l] = true
			names = append(names, l)
			total += n
		}
	}
	// A letter that opens paragraphs again and again is a speaker's
	// label ("Q.", "A." of a transcript) unless the letters after or
	// before it open as many (A., B., C. of an enumeration); roman
	// numerals number sections. Such labels come in pairs, question and
	// answer: a letter alone is a name's initial ("A. Mikoyan").
	var pair []string
	sum := 0
	for c, n := range letters {
		if n >= 3 && !strings.ContainsRune("IVXLCDM", rune(c)) && letters[c+1]*2 < n && letters[c-1]*2 < n {
			pair = append(pair, string(c)+".")
			sum += n
		}
	}
	if len(pair) >= 2 {
		for _, l := range pair {
			b.speakers[l] = true
		}
		names = append(names, pair...)
		total += sum
	}
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	b.rep.Add(report.Decision{Stage: "structure", Kind: "speakers", Line: 1,
		Text:     fmt.Sprintf("speakers named %s", strings.Join(names, ", ")),
		Evidence: fmt.Sprintf("%d paragraphs open with these labels, three at least each", total), Confidence: 0.85})
	// Two speakers or more named with a colon make the colon the book's
	// style: a label so set that opens fewer paragraphs ("Mr. Campbell:"
	// heard twice) is a speaker's too, with less certainty.
	colon := 0
	for l := range b.speakers {
		if strings.HasSuffix(l, ":") {
			colon++
		}
	}
	if colon < 2 {
		return
	}
	var more []string
	for l, n := range counts {
		if n < 3 && strings.HasSuffix(l, ":") {
			b.speakers[l] = true
			more = append(more, l)
		}
	}
	if len(more) > 0 {
		sort.Strings(more)
		b.rep.Add(report.Decision{Stage: "structure", Kind: "speakers", Line: 1,
			Text:     fmt.Sprintf("speakers named %s, by the book's style of label", strings.Join(more, ", ")),
			Evidence: fmt.Sprintf("fewer than three paragraphs each, but labelled with a colon as %d speakers are", colon), Confidence: 0.65})
	}
}

// speech reads a paragraph opening with a learnt speaker's label.
func (b *builder) speech(p clean.Para, plain string, st *chapterState) (book.Block, bool) {
	if len(b.speakers) == 0 || !mayBeSpeaker(plain) {
		return book.Block{}, false
	}
	m := speakerLabelRe.FindStringSubmatch(plain)
	if m == nil || !b.speakers[strings.TrimSpace(m[1])+m[2]] {
		return book.Block{}, false
	}
	cut := len(m[0]) - len(m[3])
	rest := cutPrefixKeepingSentinels(p.Text, cut)
	name := strings.TrimSpace(m[1])
	if clean.IsCaps(name) && len(name) > 1 {
		name = b.caser.Name(name)
	}
	if m[2] == "." && !strings.HasSuffix(name, ".") {
		name += "." // "Q.", "Hamlet.": the label keeps its stop
	}
	return book.Block{Kind: book.Speech, Line: p.Line, Speaker: name, Inlines: b.inlines(rest, st)}, true
}

// mayBeSpeaker: a stop or a colon within a label's length of the start
// (most paragraphs are spared the pattern).
func mayBeSpeaker(s string) bool {
	s = s[:min(len(s), 60)]
	return strings.IndexByte(s, '.') > 0 || strings.IndexByte(s, ':') > 0
}
