package classify

// refinePhoneContext is the Refine of the phone-context detector: besides
// what refineNotCode rejects (the tail of an id), a date or a date and an
// hour ("1970-09-29 20" of "1970-09-29 20:21:24"), a number that runs into
// a time and a number an identifier's noun introduces ("ticket 4417821")
// are no phone numbers, whatever words stand near them.
func refinePhoneContext(text []byte, s, e int) (int, int, bool) {
	s, e, ok := refineNotCode(text, s, e)
	if !ok || dateLead(text[s:e]) || idBefore(text, s) {
		return 0, 0, false
	}
	if e+2 < len(text) && text[e] == ':' && isDigit(text[e+1]) && isDigit(text[e+2]) {
		return 0, 0, false
	}
	if allDigits(text[s:e]) && quantityBefore(text, s) {
		return 0, 0, false // "call volume rose to 1030423": a count beside a phone word
	}
	return s, e, true
}

func allDigits(v []byte) bool {
	for _, c := range v {
		if !isDigit(c) {
			return false
		}
	}
	return len(v) > 0
}

// quantityBefore reports whether the word before s makes the number after
// it a quantity: "rose to", "a total of", "reached", "over", "than".
// Only bare digit runs are tested: a phone written in groups is not a count.
func quantityBefore(text []byte, s int) bool {
	e := s
	for e > 0 && text[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && e-b < 12 && isLetter(text[b-1]) {
		b--
	}
	if b == e || b > 0 && isLetter(text[b-1]) {
		return false
	}
	var lb [16]byte
	switch string(lowerWord(&lb, text[b:e])) {
	case "to", "of", "by", "from", "reached", "reaching", "totalled", "totaled", "totalling", "totaling", "about",
		"approximately", "around", "nearly", "almost", "over", "under", "than", "exceeded", "exceeding", "some":
		return true
	}
	return false
}

// dateLead reports whether v starts with a numeric date: 2024-03-15,
// 2024/3/15, 15.03.2024, 3/15/2024.
func dateLead(v []byte) bool {
	var g [3]int
	var seps [2]byte
	n, i := 0, 0
	for n < 3 {
		j := i
		for j < len(v) && isDigit(v[j]) {
			j++
		}
		if j == i {
			return false
		}
		g[n] = j - i
		n++
		if n == 3 {
			break
		}
		if j >= len(v) || v[j] != '-' && v[j] != '/' && v[j] != '.' {
			return false
		}
		seps[n-1] = v[j]
		i = j + 1
	}
	if seps[0] != seps[1] {
		return false
	}
	return g[0] == 4 && g[1] <= 2 && g[2] <= 2 || g[0] <= 2 && g[1] <= 2 && g[2] == 4
}

// idBefore reports whether the word just before s names what an
// identifier numbers: "ticket 4417821", "order no. 5521093", "case #".
func idBefore(text []byte, s int) bool {
	j := s
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '#' || text[j-1] == ':' || text[j-1] == '.') && s-j < 4 {
		j--
	}
	if j >= 2 && (text[j-2 : j][0]|0x20) == 'n' && (text[j-1]|0x20) == 'o' && j < s {
		j -= 2 // "no."
		for j > 0 && text[j-1] == ' ' {
			j--
		}
	}
	k := j
	for k > 0 && isLetter(text[k-1]) && j-k < 16 {
		k--
	}
	if k == j || k > 0 && isAlnum(text[k-1]) {
		return false
	}
	var lb [16]byte
	switch string(lowerWord(&lb, text[k:j])) {
	case "ticket", "order", "invoice", "case", "ref", "reference", "id", "incident", "issue", "build", "version",
		"tracking", "booking", "confirmation", "receipt", "serial", "item", "sku", "batch", "job", "bug", "request",
		"transaction", "policy", "claim", "shipment", "parcel", "po", "pr", "commit", "run", "record", "row":
		return true
	}
	return false
}
