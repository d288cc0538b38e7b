package classify

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Detectors of person names, street addresses and dates of birth, which
// have no checksum and are found from dictionaries, shapes and context
// (names.go, address.go, dob.go; the word lists in names_data.go).

func nameAddressDetectors() []*Detector {
	return []*Detector{
		{
			ID: "person-name", InfoType: PersonName, Category: CategoryIdentity, Version: 2,
			Description: "Person name: given names and surnames from US, French and Spanish statistics, surname endings, titles, initials and context (cues, verbs, dialogue labels, lists, signature lines), in any case",
			Anchor:      AnchorAlways, Find: findNames, findMarked: findNamesMarked,
			Validate:   validPersonName,
			Likelihood: Possible, Context: nameContext,
			Normalize: normName, Mask: maskName,
		},
		{
			ID: "person-name-field", InfoType: PersonName, Category: CategoryIdentity, Version: 2,
			Description: "The value of a name column (name, full_name, first_name, last_name, author, customer, patient …) that is shaped like a name",
			Anchor:      AnchorField, FieldNames: personFields, Find: findNameField,
			Likelihood: Likely, Context: nameContext,
			Normalize: normName, Mask: maskName,
		},
		{
			ID: "street-address", InfoType: StreetAddress, Category: CategoryContact, Version: 2,
			Description: "Street address (US, UK, DE, FR and similar shapes, PO and military boxes, crossings): house number, street and type, unit, city, state, postcode and country, over several lines, in any case",
			Anchor:      AnchorAlways, Find: findAddresses, findMarked: findAddressesMarked, notesHouses: true,
			Validate:   validAddress,
			Likelihood: Possible, Context: addressContext,
			Normalize: normAddress, Mask: maskAddress,
		},
		{
			ID: "street-address-field", InfoType: StreetAddress, Category: CategoryContact, Version: 1,
			Description: "The value of an address column (address, street, address_line1 …) with a number and a name in it",
			Anchor:      AnchorField, FieldNames: addressFields, Find: findAddressField,
			Likelihood: Likely, Context: addressContext,
			Normalize: normAddress, Mask: maskAddress,
		},
		{
			ID: "date-of-birth", InfoType: DateOfBirth, Category: CategoryIdentity, Version: 1,
			Description: "A date after \"date of birth\", \"DOB\", \"born on\", \"geboren\", \"née le\", \"fecha de nacimiento\" …",
			Anchor:      AnchorKeyword, Keywords: dobKeywords, KeywordStartsWord: true, After: dobReach + 24,
			Find:       findDOB,
			Likelihood: Likely,
			Normalize:  normDOB, Mask: maskDOB,
		},
		{
			ID: "date-of-birth-field", InfoType: DateOfBirth, Category: CategoryIdentity, Version: 1,
			Description: "The value of a date-of-birth column (dob, birth_date, birthdate, date_of_birth …) that is a date",
			Anchor:      AnchorField, FieldNames: dobFields, Find: findDOBField,
			Likelihood: Likely,
			Normalize:  normDOB, Mask: maskDOB,
		},
	}
}

var (
	nameContext    = []string{"name", "patient", "customer", "contact", "author", "dear", "signed", "regards", "mr", "mrs", "ms", "dr"}
	addressContext = []string{"address", "street", "ship to", "lives at", "located at", "deliver", "mailing", "billing", "anschrift", "adresse"}

	// personFields name columns of people's names; "!" words exclude
	// columns whose values are names of other things.
	personFields = []string{
		"name", "names", "full name", "fullname", "first name", "firstname", "last name", "lastname", "surname",
		"given name", "family name", "middle name", "maiden name", "forename", "author", "customer", "patient",
		"contact", "employee", "recipient", "cardholder", "signatory", "vorname", "nachname", "nom", "prenom",
		"nombre", "apellido",
		"!file", "!user", "!username", "!host", "!hostname", "!domain", "!product", "!company", "!org",
		"!organization", "!organisation", "!business", "!brand", "!model", "!dataset", "!table", "!column",
		"!field", "!app", "!application", "!project", "!package", "!service", "!bucket", "!key", "!type",
		"!class", "!category", "!tag", "!label", "!role", "!city", "!country", "!state", "!street", "!place",
		"!location", "!region", "!venue", "!store", "!shop", "!team", "!group", "!event", "!display",
		"!screen", "!nick", "!email", "!mail", "!id", "!code", "!path", "!url", "!queue", "!topic", "!device",
		"!node", "!pod", "!cluster", "!namespace", "!container", "!image", "!branch", "!repo", "!function",
		"!method", "!variable", "!param", "!attribute", "!property", "!metric", "!feature", "!species",
		"!drug", "!medication", "!disease", "!item", "!course", "!school", "!university", "!bank",
		"!account", "!plan", "!phone", "!number", "!address", "!ip", "!count", "!length", "!format",
	}
	addressFields = []string{
		"address", "street", "street address", "address line", "addr", "adresse", "anschrift", "strasse",
		"direccion", "indirizzo", "endereco", "home address", "mailing address", "shipping address",
		"billing address",
		"!email", "!mail", "!ip", "!mac", "!wallet", "!web", "!url", "!server", "!remote", "!client",
		"!host", "!hash", "!contract", "!memory", "!bitcoin", "!eth", "!count", "!type", "!verified",
	}
	dobFields = []string{
		"dob", "birth", "birth date", "birthdate", "birthday", "date of birth", "bday", "geburtsdatum",
		"geburtstag", "naissance", "date naissance", "nacimiento", "fecha nacimiento", "nascita",
		"!place", "!city", "!country", "!weight", "!name", "!order", "!year", "!count",
	}
)

// validPersonName: a name of two words or more is likelier than one word
// alone.
func validPersonName(v []byte) (int, bool) {
	if bytes.IndexByte(v, ' ') > 0 {
		return 1, true
	}
	return 0, true
}

// validAddress: an address with its unit or locality (a comma, a line
// break, a postcode) is likelier than a street alone.
func validAddress(v []byte) (int, bool) {
	if bytes.ContainsAny(v, ",\n") {
		return 1, true
	}
	return 0, true
}

// findNameField reports the value of a name column when it is shaped like
// a person's name: one to five words of letters (with initials, hyphens,
// apostrophes, "Last, First"), no organisation or street word, and a known
// name that is no common word, or two words none of which is common.
func findNameField(text []byte, lo, hi int, emit func(start, end int)) {
	s, e := trimSpaces(text, lo, hi)
	if e-s < 2 || e-s > 80 || isPlaceholder(text[s:e]) {
		return
	}
	x := theLexicon()
	words, strong, uncommon, named := 0, 0, 0, 0
	for i := s; i < e; {
		c := text[i]
		switch {
		case c == ' ' || c == ',' && i+1 < e && text[i+1] == ' ':
			i++
			continue
		case c == '.' || c == '-' || c == '\'':
			i++
			continue
		case !isLetter(c) && c < 0xC0:
			return // digits, '@', '/', '_': not a name
		}
		we, h, n, _, _, _, _, _ := wordEnd(text, i, e)
		if n == 0 {
			return
		}
		info := x.get(h)
		i = we
		if info&lexParticle != 0 && n <= 4 {
			continue // "van", "de la"
		}
		words++
		if info&lexNotPerson != 0 || info&lexStreet != 0 && info&lexStreetSurname == 0 && info.given() == 0 {
			return // "Acme Corp", "Main Street"
		}
		isName := info.given() > 0 || info.surname() > 0
		if isName {
			named++
		}
		if info.common() == 0 && info&lexStop == 0 {
			uncommon++
			if isName {
				strong++
			}
		}
	}
	// One word: a known name that is no common word. Two or more: not all
	// common words ("Blue Widget"), unless all are names ("Mark Green").
	if words == 0 || words > 5 || words == 1 && strong == 0 || words > 1 && uncommon == 0 && named < words {
		return
	}
	emit(s, e)
}

// findAddressField reports the value of an address column when it holds a
// number and a word: an address with or without the shapes the text
// detector needs ("Pivovarská 276").
func findAddressField(text []byte, lo, hi int, emit func(start, end int)) {
	s, e := trimSpaces(text, lo, hi)
	if e-s < 5 || e-s > 300 || isPlaceholder(text[s:e]) {
		return
	}
	v := text[s:e]
	if bytes.ContainsAny(v, "@") || bytes.Contains(v, []byte("://")) {
		return
	}
	digits, letters := 0, 0
	for _, c := range v {
		switch {
		case isDigit(c):
			digits++
		case isLetter(c) || c >= 0x80:
			letters++
		}
	}
	if digits == 0 || letters < 3 || digits > 12 {
		return
	}
	emit(s, e)
}

// normName lower-cases a name, folds its diacritics and its spacing.
func normName(dst, v []byte) []byte {
	space := false
	for i := 0; i < len(v); {
		c := v[i]
		if c == ' ' || c == '\t' || c == '\n' || c == ',' {
			space = len(dst) > 0
			i++
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		if c < utf8.RuneSelf {
			dst = append(dst, lower(c))
			i++
			continue
		}
		r, n := utf8.DecodeRune(v[i:])
		if r >= latinFoldBase && r < 0x250 && latinFold[r-latinFoldBase] != "" {
			dst = append(dst, latinFold[r-latinFoldBase]...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
		i += n
	}
	return dst
}

// normAddress: as a name, with commas, line breaks and runs of spaces one
// space.
func normAddress(dst, v []byte) []byte { return normName(dst, v) }

// maskName keeps the first letter of each word: "J*** S****".
func maskName(v []byte) string {
	var b strings.Builder
	first := true
	for _, r := range string(v) {
		switch {
		case r == ' ' || r == '\n' || r == '-' || r == '\'' || r == '.' || r == ',':
			first = true
			b.WriteRune(r)
		case first:
			first = false
			b.WriteRune(r)
		default:
			b.WriteByte('*')
		}
	}
	return b.String()
}

// maskAddress masks the numbers and every word but its first letter,
// keeps the street type, and cuts the rest: "*** M*** Street…".
func maskAddress(v []byte) string {
	x := theLexicon()
	var b strings.Builder
	line := v
	if i := bytes.IndexAny(v, ",\n"); i >= 0 {
		line = v[:i]
	}
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case isDigit(c):
			b.WriteByte('*')
			i++
		case isLetter(c) || c >= 0xC0:
			e, h, _, _, _, _, _, _ := wordEnd(line, i, len(line))
			if e == i {
				b.WriteByte('*')
				i++
				continue
			}
			if x.get(h)&(lexStreet|lexStreetPre) != 0 {
				b.Write(line[i:e])
			} else {
				r, n := utf8.DecodeRune(line[i:e])
				b.WriteRune(r)
				b.WriteString(strings.Repeat("*", utf8.RuneCount(line[i+n:e])))
			}
			i = e
		default:
			if c < utf8.RuneSelf {
				b.WriteByte(c)
			} else {
				b.WriteByte('*')
			}
			i++
		}
	}
	if len(line) < len(v) {
		b.WriteString("…")
	}
	return b.String()
}
