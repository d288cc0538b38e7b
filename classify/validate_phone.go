package classify

// Phone numbers as written in text are between 7 digits (a short national
// number with no area code) and 15 (the E.164 maximum, country code included).
// Anything longer than phoneMaxLen bytes, separators included, is not one
// phone number written by a person (libphonenumber itself stops at 250).
const (
	phoneMinDigits = 7
	phoneMaxDigits = 15
	phoneMaxLen    = 64
)

// phoneValid reports whether s is a phone number as written in text: with
// a leading '+' as international, otherwise as a national number of
// defaultRegion (an ISO 3166 code such as "US"; numbers dialled with that
// region's international prefix, e.g. "011 44 …" from the US, are
// international too), valid where libphonenumber's metadata says so
// (IsValidNumber: a known country code and a number range allocated
// there).
//
// It first rejects, cheaply (phoneShaped): more than 64 bytes; fewer than
// 7 or more than 15 ASCII digits; any byte other than digits, spaces and
// the separators - . ( ) /; a '+' that is not the first byte. So letters
// ("1-800-FLOWERS", "ext. 12"), Unicode digits and other text are
// rejected. What passes is decided as the library decides it, by our code
// over the library's metadata (phoneplan.go).
func phoneValid(s []byte, defaultRegion string) bool {
	_, _, ok := phoneNumber(s, defaultRegion)
	return ok
}

// phoneShaped is phoneValid's cheap check: its digits, and whether s is
// short enough and holds nothing but digits, separators and a leading '+'.
func phoneShaped(s []byte) (digits int, ok bool) {
	if len(s) > phoneMaxLen {
		return 0, false
	}
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' && i == 0:
		case c == ' ', c == '-', c == '.', c == '(', c == ')', c == '/':
		default:
			return 0, false
		}
	}
	return digits, digits >= phoneMinDigits && digits <= phoneMaxDigits
}

// phoneNumber parses and validates s: the calling code and the national
// significant number of a valid number.
func phoneNumber(s []byte, defaultRegion string) (cc int, nsn []byte, ok bool) {
	n, ok := phoneShaped(s)
	if !ok {
		return 0, nil, false
	}
	// The regular expressions keep what they read, so the digits are on
	// the heap: allocated only for what passed the checks above.
	digits := make([]byte, 0, n)
	for _, c := range s {
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	ps := thePhonePlans()
	cc, nsn, ok = ps.parse(digits, s[0] == '+', defaultRegion)
	if !ok || !ps.valid(cc, nsn) {
		return 0, nil, false
	}
	return cc, nsn, true
}
