package classify

import (
	"bytes"
	"time"
)

// Dates of birth: a date is one only where the text or the column says so
// ("date of birth", "DOB", "born on", "geboren am", "née le", "fecha de
// nacimiento"; a column named dob or birth_date). Dates are read in the
// usual numeric forms (1984-03-15, 15/03/1984, 03/15/1984, 15.03.1984) and
// spelled forms in English, German, French, Spanish, Italian and
// Portuguese ("March 15, 1984", "15 March 1984", "15. März 1984", "15 de
// marzo de 1984"), with a plausible year: 1900 to this year.

// dobKeywords announce a date of birth; the date follows within dobReach
// bytes.
var dobKeywords = []string{
	"birth", "born", "dob", "d.o.b", "geboren", "geburt", "naissance", "né le", "née le", "né(e)", "nee le",
	"nacimiento", "nacido", "nacida", "nascita", "nato il", "nata il", "nascimento", "nasceu",
}

const dobReach = 48

// minBirthYear and maxBirthYear bound a plausible year of birth.
const minBirthYear = 1900

var maxBirthYear = time.Now().Year()

// monthNames maps month names and abbreviations (lower case, diacritics
// as written) to month numbers.
var monthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan januar janvier enero gennaio janeiro jänner",
		"february feb februar février fevrier febrero febbraio fevereiro",
		"march mar märz maerz mars marzo março",
		"april apr avril abril aprile",
		"may mai mayo maggio maio",
		"june jun juni juin junio giugno junho",
		"july jul juli juillet julio luglio julho",
		"august aug août aout agosto",
		"september sep sept septembre septiembre settembre setembro",
		"october oct oktober octobre octubre ottobre outubro okt",
		"november nov novembre noviembre novembro",
		"december dec dezember décembre decembre diciembre dicembre dezembro dez déc",
	} {
		for _, n := range bytes.Fields([]byte(names)) {
			m[string(n)] = i + 1
		}
	}
	return m
}()

// dateAt parses a date that starts at i and returns its end and its parts.
func dateAt(text []byte, i int) (end, y, mo, d int, ok bool) {
	n := len(text)
	if i >= n {
		return 0, 0, 0, 0, false
	}
	if isDigit(text[i]) {
		if e, y, mo, d, ok := numericDate(text, i); ok {
			return e, y, mo, d, true
		}
		return dayMonthYear(text, i)
	}
	return monthDayYear(text, i)
}

// digitsAt reads a run of digits at i: its value, end and length.
func digitsAt(text []byte, i int) (v, end, n int) {
	end = i
	for end < len(text) && isDigit(text[end]) && end-i < 5 {
		v = v*10 + int(text[end]-'0')
		end++
	}
	return v, end, end - i
}

// numericDate reads Y-M-D, D/M/Y, M/D/Y and D.M.Y with one separator.
func numericDate(text []byte, i int) (end, y, mo, d int, ok bool) {
	a, e1, n1 := digitsAt(text, i)
	if e1 >= len(text) || n1 == 0 {
		return
	}
	sep := text[e1]
	if sep != '-' && sep != '/' && sep != '.' {
		return
	}
	b, e2, n2 := digitsAt(text, e1+1)
	if n2 == 0 || n2 > 2 || e2 >= len(text) || text[e2] != sep {
		return
	}
	c, e3, n3 := digitsAt(text, e2+1)
	if n3 == 0 {
		return
	}
	// Nothing numeric may continue the date: "1984-03-15-7", "15.03.1984.2".
	if e3 < len(text) && (isAlnum(text[e3]) && !(n1 == 4 && text[e3] == 'T' && e3+1 < len(text) && isDigit(text[e3+1])) ||
		(text[e3] == sep || text[e3] == '.' || text[e3] == ':') && e3+1 < len(text) && isDigit(text[e3+1])) {
		return
	}
	if i > 0 && (isAlnum(text[i-1]) || text[i-1] == sep || text[i-1] == '.' && i > 1 && isDigit(text[i-2])) {
		return
	}
	switch {
	case n1 == 4 && n3 <= 2:
		y, mo, d = a, b, c
	case n1 <= 2 && n3 == 4:
		y = c
		switch {
		case validDate(y, b, a) && (sep != '/' || !validDate(y, a, b)):
			mo, d = b, a // 15/03/1984, 15.03.1984
		case validDate(y, a, b):
			mo, d = a, b // 03/15/1984, and 03/04/1984 read the US way
		default:
			return
		}
	default:
		return
	}
	if !validDate(y, mo, d) {
		return
	}
	return e3, y, mo, d, true
}

// validDate reports whether y-mo-d is a real date in a plausible birth year.
func validDate(y, mo, d int) bool {
	if y < minBirthYear || y > maxBirthYear || mo < 1 || mo > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mo]
	if mo == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// monthAt reads a month name at i (letters, an optional '.') and returns
// its number and end.
func monthAt(text []byte, i int) (mo, end int) {
	j := i
	for j < len(text) && (isLetter(text[j]) || text[j] >= 0x80) && j-i < 12 {
		j++
	}
	if j == i || i > 0 && (isLetter(text[i-1]) || text[i-1] >= 0x80) {
		return 0, 0
	}
	var buf [16]byte
	w := buf[:0]
	for _, c := range text[i:j] {
		w = append(w, lower(c))
	}
	mo = monthNames[string(w)]
	if mo == 0 {
		return 0, 0
	}
	if j < len(text) && text[j] == '.' {
		j++
	}
	return mo, j
}

// dayAt reads a day of the month with its ordinal ending at i: "15",
// "15th", "1st", "1er", "15.", "15º".
func dayAt(text []byte, i int) (d, end int) {
	d, end, n := digitsAt(text, i)
	if n == 0 || n > 2 || d < 1 || d > 31 {
		return 0, 0
	}
	for _, suf := range []string{"st", "nd", "rd", "th", "er", "e", "º", "."} {
		if bytes.HasPrefix(text[end:], []byte(suf)) {
			k := end + len(suf)
			if k == len(text) || !isAlnum(text[k]) {
				return d, k
			}
		}
	}
	if end < len(text) && isAlnum(text[end]) {
		return 0, 0
	}
	return d, end
}

// yearAt reads a four-digit year at i, after an optional comma and spaces.
func yearAt(text []byte, i int) (y, end int) {
	j := i
	if j < len(text) && text[j] == ',' {
		j++
	}
	for j < len(text) && text[j] == ' ' && j-i < 3 {
		j++
	}
	if j == i {
		return 0, 0
	}
	y, end, n := digitsAt(text, j)
	if n != 4 || end < len(text) && isAlnum(text[end]) {
		return 0, 0
	}
	return y, end
}

// skipWord skips one space and, if it is there, the word w and another
// space: "15 of March", "15 de marzo de 1984".
func skipWord(text []byte, i int, words ...string) int {
	if i >= len(text) || text[i] != ' ' {
		return i
	}
	for _, w := range words {
		if bytes.HasPrefix(text[i+1:], []byte(w+" ")) {
			return i + 1 + len(w)
		}
	}
	return i
}

// dayMonthYear reads "15 March 1984", "15th of March, 1984", "15. März
// 1984", "1er mars 1984", "15 de marzo de 1984".
func dayMonthYear(text []byte, i int) (end, y, mo, d int, ok bool) {
	if i > 0 && isAlnum(text[i-1]) {
		return
	}
	d, k := dayAt(text, i)
	if k == 0 {
		return
	}
	k = skipWord(text, k, "of", "de", "di")
	if k >= len(text) || text[k] != ' ' {
		return
	}
	mo, k = monthAt(text, k+1)
	if mo == 0 {
		return
	}
	k = skipWord(text, k, "de", "del")
	y, k = yearAt(text, k)
	if y == 0 || !validDate(y, mo, d) {
		return
	}
	return k, y, mo, d, true
}

// monthDayYear reads "March 15, 1984", "Mar. 15th 1984".
func monthDayYear(text []byte, i int) (end, y, mo, d int, ok bool) {
	mo, k := monthAt(text, i)
	if mo == 0 || k >= len(text) || text[k] != ' ' {
		return
	}
	d, k = dayAt(text, k+1)
	if k == 0 {
		return
	}
	y, k = yearAt(text, k)
	if y == 0 || !validDate(y, mo, d) {
		return
	}
	return k, y, mo, d, true
}

// dobKeywordAt reports the length of a DOB keyword at i, or 0.
func dobKeywordAt(text []byte, i int) int {
	if i > 0 && (isLetter(text[i-1]) || text[i-1] >= 0x80) {
		return 0
	}
	for _, k := range dobKeywords {
		if len(text)-i >= len(k) && equalFoldASCII(text[i:i+len(k)], k) {
			return len(k)
		}
	}
	return 0
}

// findDOB is the Find of the keyword-anchored date-of-birth detector: the
// first date after each keyword, within dobReach bytes.
func findDOB(text []byte, lo, hi int, emit func(start, end int)) {
	armed := -1 // end of the last keyword whose date is still to come
	for i := lo; i < hi; i++ {
		if n := dobKeywordAt(text, i); n > 0 {
			armed = i + n
			i += n - 1
			continue
		}
		if armed < 0 || i-armed > dobReach {
			armed = -1
			continue
		}
		c := text[i]
		if !isAlnum(c) || i > 0 && isAlnum(text[i-1]) {
			continue
		}
		if e, _, _, _, ok := dateAt(text, i); ok {
			emit(i, e)
			armed = -1
			i = e - 1
		}
	}
}

// findDOBField is the Find of the column-anchored date-of-birth detector:
// the field's value (spaces trimmed) is one date, perhaps with a time.
func findDOBField(text []byte, lo, hi int, emit func(start, end int)) {
	s, e := trimSpaces(text, lo, hi)
	if s >= e {
		return
	}
	end, _, _, _, ok := dateAt(text[:e], s)
	if !ok {
		return
	}
	if end < e && !(text[end] == 'T' || text[end] == ' ' && end+1 < e && isDigit(text[end+1])) {
		return
	}
	emit(s, end)
}

func trimSpaces(text []byte, lo, hi int) (int, int) {
	for lo < hi && (text[lo] == ' ' || text[lo] == '\t' || text[lo] == '\n' || text[lo] == '\r') {
		lo++
	}
	for hi > lo && (text[hi-1] == ' ' || text[hi-1] == '\t' || text[hi-1] == '\n' || text[hi-1] == '\r') {
		hi--
	}
	return lo, hi
}

// normDOB writes the date as YYYY-MM-DD.
func normDOB(dst, v []byte) []byte {
	_, y, mo, d, ok := dateAt(v, 0)
	if !ok {
		return dst
	}
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+mo/10), byte('0'+mo%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// maskDOB keeps only the century of the year: "19**-**-**", "***** **,
// 19**".
func maskDOB(v []byte) string {
	out := []byte(string(v))
	keep := -1
	for i := 0; i+4 <= len(v); i++ {
		if isDigit(v[i]) && isDigit(v[i+1]) && isDigit(v[i+2]) && isDigit(v[i+3]) && (i+4 == len(v) || !isDigit(v[i+4])) && (i == 0 || !isDigit(v[i-1])) {
			keep = i
		}
	}
	for i, c := range v {
		if (i == keep || i == keep+1) && keep >= 0 {
			continue
		}
		if isAlnum(c) || c >= 0x80 {
			out[i] = '*'
		}
	}
	return string(out)
}
