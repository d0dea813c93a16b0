package meta

import "folio/internal/book"

// FromSource fills what the user's metadata left blank (or only
// defaulted: a title made from the file name) with what the source's
// title page says, and names the fields it filled, for the summary and
// the report. The user's metadata always wins where it gives a value.
func FromSource(user, source book.Meta, inputName string) (book.Meta, []string) {
	m := user
	var filled []string
	take := func(name string, dst *string, v string) {
		if v != "" && *dst == "" {
			*dst = v
			filled = append(filled, name)
		}
	}
	if source.Title != "" && (m.Title == "" || m.Title == titleFromName(inputName)) {
		m.Title = source.Title
		filled = append(filled, "title")
	}
	take("subtitle", &m.Subtitle, source.Subtitle)
	take("publisher", &m.Publisher, source.Publisher)
	take("date", &m.Date, source.Date)
	if len(m.Authors) == 0 && len(source.Authors) > 0 {
		m.Authors = append([]book.Contributor(nil), source.Authors...)
		filled = append(filled, "authors")
	}
	return m, filled
}
