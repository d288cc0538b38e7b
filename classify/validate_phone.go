package classify

import "github.com/nyaruka/phonenumbers"

// Phone numbers as written in text are between 7 digits (a short national
// number with no area code) and 15 (the E.164 maximum, country code included).
// Anything longer than phoneMaxLen bytes, separators included, is not one
// phone number written by a person (libphonenumber itself stops at 250).
const (
	phoneMinDigits = 7
	phoneMaxDigits = 15
	phoneMaxLen    = 64
)

// phoneE164 parses a phone number as written in text: with a leading '+' as
// international, otherwise as a national number of defaultRegion (an ISO
// 3166 code such as "US"; numbers dialled with that region's international
// prefix, e.g. "011 44 …" from the US, are international too). It returns
// the E.164 form ("+14155550132") when libphonenumber's metadata says the
// number is valid (IsValidNumber: a known country code and a number range
// allocated there), else "", false.
//
// Before calling the library (which allocates and runs regular expressions)
// it rejects, cheaply: more than 64 bytes; fewer than 7 or more than 15
// ASCII digits; any byte other than digits, spaces and the separators
// - . ( ) /; a '+' that is not the first byte. So letters ("1-800-FLOWERS", "ext. 12"), Unicode
// digits and other text are rejected. A panic in the library is recovered
// and reported as not valid.
func phoneE164(s []byte, defaultRegion string) (e164 string, ok bool) {
	if len(s) > phoneMaxLen {
		return "", false
	}
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' && i == 0:
		case c == ' ', c == '-', c == '.', c == '(', c == ')', c == '/':
		default:
			return "", false
		}
	}
	if digits < phoneMinDigits || digits > phoneMaxDigits {
		return "", false
	}
	defer func() {
		if recover() != nil {
			e164, ok = "", false
		}
	}()
	var num phonenumbers.PhoneNumber
	if err := phonenumbers.ParseToNumber(string(s), defaultRegion, &num); err != nil {
		return "", false
	}
	if !phonenumbers.IsValidNumber(&num) {
		return "", false
	}
	return phonenumbers.Format(&num, phonenumbers.E164), true
}
