package dehyphen

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/words"
)

// Decision is the verdict on one line-end hyphen.
type Decision struct {
	Join       bool    // true: "compli"+"cated" → "complicated"; false: keep "Marxist-Leninist"
	Word       string  // the resulting word as it should appear
	Confidence float64 // 0..1; below 0.8 deserves a human look
	Evidence   string  // short and human: why
}

// hyphens are the characters OCR gives for a line-end hyphen: the ASCII
// one, the soft hyphen and the Unicode hyphen.
const hyphens = "-\u00ad\u2010"

// NeedsReview reports whether a human should check the decision.
func (d Decision) NeedsReview() bool { return d.Confidence < ReviewBelow }

// ReviewBelow is the confidence under which a decision should be shown to
// a human editor.
const ReviewBelow = 0.8

// hyphenPrefixes take a hyphen in this kind of text when the joined form
// is not an established word.
var hyphenPrefixes = map[string]bool{
	"anti": true, "non": true, "pro": true, "self": true, "neo": true,
	"ex": true, "semi": true, "quasi": true, "pseudo": true, "ultra": true,
	"all": true, "well": true, "ill": true, "half": true, "pan": true,
	"counter": true, "vice": true, "extra": true, "post": true,
}

// closedFirsts (words of four letters or more) form closed compounds
// ("overthrew", "somehow", "afterwards"), so "both halves are words" is no
// reason to doubt a join after them.
var closedFirsts = map[string]bool{
	"over": true, "under": true, "with": true, "some": true, "every": true,
	"fore": true, "after": true, "back": true, "there": true, "where": true,
	"here": true, "what": true, "when": true, "them": true, "your": true,
	"trans": true, "down": true, "inter": true, "super": true,
}

// suffixWords join as the second half of a closed compound ("seamen",
// "armymen") even when the dictionary lacks the compound.
var suffixWords = map[string]bool{
	"man": true, "men": true, "woman": true, "women": true,
	"ship": true, "ships": true, "hood": true, "less": true, "ness": true,
	"ful": true, "like": true, "wise": true, "ward": true, "wards": true,
}

// Decide says what to do with a hyphen at the end of a line. left is the
// word material before the hyphen (it may hold earlier hyphens:
// "self-reli"), right the start of the next line's first word (it may
// hold later hyphens: "ism-Leninism"). Neither carries punctuation.
// A nil Lexicon decides from the word list and rules alone.
func (l *Lexicon) Decide(left, right string) Decision {
	if l == nil {
		l = wordListOnly()
	}
	left = strings.TrimRight(strings.TrimSpace(left), hyphens)
	right = strings.TrimLeft(strings.TrimSpace(right), hyphens)
	joined, kept := left+right, left+"-"+right
	if left == "" || right == "" {
		return Decision{Word: kept, Evidence: "a part is empty: nothing to join"}
	}
	if hasDigit(left) || hasDigit(right) {
		return Decision{Word: kept, Confidence: 0.97, Evidence: "digits: a range or numeric compound keeps its hyphen"}
	}

	// The decision is about the two pieces that meet at the break.
	pre, lp := "", left
	if i := strings.LastIndexByte(left, '-'); i >= 0 {
		pre, lp = left[:i+1], left[i+1:]
	}
	rf, rest := right, ""
	if i := strings.IndexByte(right, '-'); i >= 0 {
		rf, rest = right[:i], right[i:]
	}
	jk, hk := key(lp+rf), key(lp+"-"+rf)
	if key(lp) == "" || key(rf) == "" {
		return Decision{Word: kept, Evidence: "no letters on one side of the hyphen"}
	}
	show := func(s string) string { return "‘" + strings.ToLower(s) + "’" }
	jShow, hShow := show(lp+rf), show(lp+"-"+rf)

	// 1. The book's own usage away from line ends.
	jn := l.plain[jk]
	if pre != "" || rest != "" {
		jn += l.hyph[key(pre+lp+rf+rest)]
	}
	hn := l.hyph[hk]
	family := false
	if jn == 0 && hn == 0 {
		var jr, hr string
		jn, jr = familyCount(l.plain, jk)
		hn, hr = familyCount(l.hyph, hk)
		family = true
		if jr != "" { // show the form the book actually has
			jShow = "‘" + jr + "’"
		}
		if hr != "" {
			hShow = "‘" + hr + "’"
		}
	}
	jd := l.inDict(jk)
	if jn > 0 || hn > 0 {
		return l.byBook(joined, kept, jShow, hShow, jn, hn, family, jd)
	}

	// 2. No usage in the book: typography, prefixes, the dictionary.
	lk, rk := key(lp), key(rf)
	// "Is a word" means an ordinary word: a name is no half of a compound.
	ld, rd := words.Lookup(lk)&words.Lower != 0, words.Lookup(rk)&words.Lower != 0
	if utf8.RuneCountInString(lk) == 1 || utf8.RuneCountInString(rk) == 1 {
		return Decision{Word: kept, Confidence: 0.8, Evidence: "single-letter part: typesetters never break there"}
	}
	capL, capR := startsUpper(lp), startsUpper(rf)
	if capR && !isUpper(lp+rf) {
		switch {
		case !capL && (hyphenPrefixes[lk] || l.first[lk] > 0 || l.last[rk] > 0):
			return Decision{Word: kept, Confidence: 0.92,
				Evidence: fmt.Sprintf("capitalised second part after ‘%s-’: %s", lk, hShow)}
		case !capL:
			return Decision{Word: kept, Confidence: 0.5,
				Evidence: "capitalised word after an ordinary one: the ‘-’ may be a misread full stop"}
		case jd:
			return Decision{Join: true, Word: joined, Confidence: 0.6,
				Evidence: "both parts capitalised, but " + jShow + " is a dictionary word"}
		default:
			return Decision{Word: kept, Confidence: 0.8,
				Evidence: "both parts capitalised: a compound of names"}
		}
	}
	if jd {
		switch {
		case hyphenPrefixes[lk] && len(rk) >= 3 && l.inDict(rk):
			return Decision{Join: true, Word: joined, Confidence: 0.6,
				Evidence: "dictionary has " + jShow + ", but " + hShow + " is a common spelling too"}
		case ld && rd && len(lk) >= 4 && len(rk) >= 4 && !closedFirsts[lk]:
			return Decision{Join: true, Word: joined, Confidence: 0.75,
				Evidence: "dictionary has " + jShow + "; both parts are words too"}
		}
		return Decision{Join: true, Word: joined, Confidence: 0.95, Evidence: "dictionary word " + jShow}
	}
	switch {
	case hyphenPrefixes[lk] && rd:
		return Decision{Word: kept, Confidence: 0.85,
			Evidence: fmt.Sprintf("‘%s-’ takes a hyphen; %s is not a word", lk, jShow)}
	case suffixWords[rk] && ld:
		return Decision{Join: true, Word: joined, Confidence: 0.65,
			Evidence: fmt.Sprintf("‘-%s’ closes compounds; neither form seen", rk)}
	case l.first[lk] > 0 && rd:
		return Decision{Word: kept, Confidence: 0.7,
			Evidence: fmt.Sprintf("book hyphenates other ‘%s-’ compounds; %s not a word", lk, jShow)}
	case ld && rd:
		return Decision{Word: kept, Confidence: 0.6,
			Evidence: "both parts are words and " + jShow + " is not"}
	}
	return Decision{Join: true, Word: joined, Confidence: 0.7,
		Evidence: "neither form known: soft hyphens are the rule"}
}

// byBook decides from the book's counts of the joined (jn) and hyphenated
// (hn) forms; family says the counts are of inflected relatives only.
func (l *Lexicon) byBook(joined, kept, jShow, hShow string, jn, hn int, family, jd bool) Decision {
	forms := ""
	if family {
		forms = " (a related form)"
	}
	dictNote := ""
	if jd {
		dictNote = "; dictionary word"
	}
	switch {
	case hn == 0:
		c := 0.93
		if jn >= 2 || jd {
			c = 0.97
		}
		if jn >= 2 && jd {
			c = 0.99
		}
		if family {
			c -= 0.04
		}
		return Decision{Join: true, Word: joined, Confidence: c,
			Evidence: fmt.Sprintf("book has %s ×%d%s%s", jShow, jn, forms, dictNote)}
	case jn == 0:
		c := 0.86
		switch {
		case hn >= 3:
			c = 0.97
		case hn == 2:
			c = 0.92
		}
		if family {
			c -= 0.04
		}
		if jd {
			c -= 0.05
		}
		return Decision{Word: kept, Confidence: c,
			Evidence: fmt.Sprintf("book has %s ×%d%s, never joined%s", hShow, hn, forms, dictNote)}
	}
	both := fmt.Sprintf("book has %s ×%d and %s ×%d%s", jShow, jn, hShow, hn, forms)
	if jn == hn {
		if jd {
			return Decision{Join: true, Word: joined, Confidence: 0.55, Evidence: both + "; dictionary word decides"}
		}
		return Decision{Word: kept, Confidence: 0.5, Evidence: both + "; a tie"}
	}
	d := float64(jn-hn) / float64(jn+hn)
	if d < 0 {
		d = -d
	}
	c := 0.5 + 0.45*d
	if jn > hn {
		return Decision{Join: true, Word: joined, Confidence: c, Evidence: both}
	}
	return Decision{Word: kept, Confidence: c, Evidence: both}
}

// familyCount sums the counts of w's inflected relatives (plural, -ed,
// -ing and their stems, -ism/-ist) and names the commonest.
func familyCount(m map[string]int, w string) (n int, commonest string) {
	best := 0
	for _, s := range relatives(w) {
		c := m[s]
		n += c
		if c > best {
			best, commonest = c, s
		}
	}
	return n, commonest
}

// relatives are the forms that vouch for w: "fascists" ↔ "fascist",
// "opportunism" ↔ "opportunist", "demand" ↔ "demanded".
func relatives(w string) []string {
	out := []string{w + "s", w + "es", w + "ed", w + "d", w + "ing"}
	cut := func(suf, add string) {
		if s, ok := strings.CutSuffix(w, suf); ok && len(s) >= 2 {
			out = append(out, s+add)
		}
	}
	cut("s", "")
	cut("es", "")
	cut("ed", "")
	cut("ed", "e")
	cut("d", "")
	cut("ing", "")
	cut("ing", "e")
	cut("ism", "ist")
	cut("ism", "ists")
	cut("ist", "ism")
	cut("ists", "ism")
	return out
}

// listed says whether the word list has w as a word or a name (its
// possessives aside).
func listed(w string) bool { return words.Lookup(w)&(words.Lower|words.Capital) != 0 }

// inDict reports whether w or a plain inflection of it is a listed word.
func (l *Lexicon) inDict(w string) bool {
	if listed(w) {
		return true
	}
	for _, s := range relatives(w)[5:] { // stems only: the list holds inflections itself
		if listed(s) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	return strings.ContainsFunc(s, unicode.IsDigit)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isUpper reports whether s is written in capitals (a heading): then case
// says nothing about the compound.
func isUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}
