package classify

// Validators of national identifiers, tax and bank numbers, cryptocurrency
// addresses and health codes. Like those in validate.go they are pure, never
// panic and do not allocate; each is written from the rule its comment
// names. Those taking "d" expect ASCII digits only (the caller strips the
// separators its pattern allowed) and reject anything else.

import (
	"crypto/sha256"
	"math/bits"
)

// idDigits appends the digits of v to dst and reports whether every other
// byte of v is one of seps.
func idDigits(dst, v []byte, seps string) ([]byte, bool) {
	for _, c := range v {
		switch {
		case isDigit(c):
			dst = append(dst, c)
		case idIndex(seps, c) >= 0:
		default:
			return dst, false
		}
	}
	return dst, true
}

func idIndex(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// idAllDigits reports whether d is n ASCII digits.
func idAllDigits(d []byte, n int) bool {
	if len(d) != n {
		return false
	}
	for _, c := range d {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// idSameDigit reports whether every byte of d is the same: 000000000 and
// 111111111 pass several checksums and are never issued.
func idSameDigit(d []byte) bool {
	for _, c := range d[1:] {
		if c != d[0] {
			return false
		}
	}
	return true
}

func idNum2(d []byte, i int) int { return int(d[i]-'0')*10 + int(d[i+1]-'0') }

func idLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// idDate reports whether y-m-d is a day of the proleptic Gregorian
// calendar.
func idDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	switch m {
	case 2:
		if idLeap(y) {
			return d <= 29
		}
		return d <= 28
	case 4, 6, 9, 11:
		return d <= 30
	}
	return d <= 31
}

// idDateEither: a two-digit year read in either of two centuries.
func idDateEither(yy, m, d, century1, century2 int) bool {
	return idDate(century1+yy, m, d) || idDate(century2+yy, m, d)
}

func idUpper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func idIsUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// --- United Kingdom -------------------------------------------------------

// ninoValid checks a UK National Insurance number, spaces allowed between
// the pairs (HMRC National Insurance Manual NIM39110): two prefix letters,
// the first not D, F, I, Q, U or V, the second not D, F, I, O, Q, U or V,
// and not the unallocated prefixes BG, GB, KN, NK, NT, TN or ZZ; six
// digits; a suffix A–D, which may be left off. suffix reports whether it is
// there.
func ninoValid(v []byte) (ok, suffix bool) {
	var buf [9]byte
	n := 0
	for _, c := range v {
		if c == ' ' {
			continue
		}
		if n == len(buf) {
			return false, false
		}
		buf[n] = c
		n++
	}
	if n != 8 && n != 9 {
		return false, false
	}
	a, b := buf[0], buf[1]
	if !idIsUpper(a) || !idIsUpper(b) || idIndex("DFIQUV", a) >= 0 || idIndex("DFIOQUV", b) >= 0 {
		return false, false
	}
	switch string(buf[:2]) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false, false
	}
	if !idAllDigits(buf[2:8], 6) {
		return false, false
	}
	if n == 9 {
		if buf[8] < 'A' || buf[8] > 'D' {
			return false, false
		}
		return true, true
	}
	return true, false
}

// nhsValid checks a ten-digit NHS number (NHS Data Dictionary, "NHS
// Number"): weights 10 down to 2 on the first nine digits, 11 less the sum
// mod 11 is the check digit, 11 reads as 0 and 10 is never issued. Numbers
// of one repeated digit and the 999 test range are rejected.
func nhsValid(d []byte) bool {
	if !idAllDigits(d, 10) || idSameDigit(d) || d[0] == '9' && d[1] == '9' && d[2] == '9' {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	return c != 10 && c == int(d[9]-'0')
}

// --- Canada ----------------------------------------------------------------

// sinValid checks a Canadian Social Insurance Number: nine digits, Luhn, and
// a first digit that is issued (ESDC: 1–7 by province, 9 for temporary
// residents; 0 and 8 are not issued to people).
func sinValid(d []byte) bool {
	return idAllDigits(d, 9) && d[0] != '0' && d[0] != '8' && luhn(d)
}

// --- France ----------------------------------------------------------------

// nirValid checks a French NIR (numéro d'inscription au répertoire, the
// "numéro de sécurité sociale") with its key, spaces allowed: sex 1 or 2
// (3, 4, 7, 8 for provisional numbers), year, month (01–12, or 20–42 and
// 50–99 where the civil record lacks one), department (two digits, or 2A/2B
// for Corsica), commune, order number, and a key of 97 less the 13-digit
// number mod 97, with 2A read as 19 and 2B as 18 (INSEE).
func nirValid(v []byte) bool {
	var buf [15]byte
	n := 0
	for _, c := range v {
		if c == ' ' {
			continue
		}
		if n == len(buf) {
			return false
		}
		buf[n] = idUpper(c)
		n++
	}
	if n != 15 {
		return false
	}
	var digits [15]byte
	copy(digits[:], buf[:])
	switch {
	case buf[5] == '2' && buf[6] == 'A':
		digits[5], digits[6] = '1', '9'
	case buf[5] == '2' && buf[6] == 'B':
		digits[5], digits[6] = '1', '8'
	}
	if !idAllDigits(digits[:], 15) || idIndex("123478", digits[0]) < 0 {
		return false
	}
	if m := idNum2(digits[:], 3); m == 0 || m > 12 && m < 20 || m > 42 && m < 50 {
		return false
	}
	var n13 uint64
	for _, c := range digits[:13] {
		n13 = n13*10 + uint64(c-'0')
	}
	return uint64(idNum2(digits[:], 13)) == 97-n13%97
}

// --- Germany ---------------------------------------------------------------

// icaoCheck is the check digit of ICAO Doc 9303 part 3 §4.9: weights 7, 3, 1
// repeated; digits count as themselves, letters A–Z as 10–35, '<' as 0.
func icaoCheck(v []byte) (byte, bool) {
	w := [3]int{7, 3, 1}
	sum := 0
	for i, c := range v {
		var x int
		switch {
		case isDigit(c):
			x = int(c - '0')
		case idIsUpper(c):
			x = int(c-'A') + 10
		case c == '<':
		default:
			return 0, false
		}
		sum += x * w[i%3]
	}
	return byte('0' + sum%10), true
}

// deIDCardValid checks the serial number of a German identity card issued
// since November 2010 (Personalausweisverordnung, Anlage 1): nine characters
// of the alphabet C F G H J K L M N P R T V W X Y Z and digits, the first a
// letter, and, when written with it as in the machine-readable zone, the
// ICAO check digit as a tenth. checked reports whether the check digit was
// there.
func deIDCardValid(v []byte) (ok, checked bool) {
	if len(v) != 9 && len(v) != 10 {
		return false, false
	}
	const alphabet = "CFGHJKLMNPRTVWXYZ0123456789"
	if idIndex(alphabet[:17], v[0]) < 0 {
		return false, false
	}
	digits := 0
	for _, c := range v[:9] {
		if idIndex(alphabet, c) < 0 {
			return false, false
		}
		if isDigit(c) {
			digits++
		}
	}
	if digits < 2 {
		return false, false // a word, not a serial
	}
	if len(v) == 9 {
		return true, false
	}
	c, _ := icaoCheck(v[:9])
	return c == v[9], true
}

// --- Spain -----------------------------------------------------------------

// dniLetters is the check letter table of the DNI and NIE (Real Decreto
// 1553/2005 art. 11; Orden INT/2058/2008 for the NIE): the number mod 23.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// dniValid checks a DNI: eight digits and the letter of their value mod 23,
// upper or lower case, a dash allowed before the letter.
func dniValid(v []byte) bool {
	if len(v) != 9 && !(len(v) == 10 && v[8] == '-') || !idAllDigits(v[:8], 8) {
		return false
	}
	n := 0
	for _, c := range v[:8] {
		n = n*10 + int(c-'0')
	}
	return idUpper(v[len(v)-1]) == dniLetters[n%23]
}

// nieValid checks a foreigner's NIE: X, Y or Z (read as 0, 1, 2) before
// seven digits, then the DNI letter of the eight-digit number; dashes
// allowed after the prefix and before the letter.
func nieValid(v []byte) bool {
	var buf [9]byte
	n := 0
	for i, c := range v {
		if c == '-' && (i == 1 || i == len(v)-2) {
			continue
		}
		if n == len(buf) {
			return false
		}
		buf[n] = idUpper(c)
		n++
	}
	if n != 9 || !idAllDigits(buf[1:8], 7) {
		return false
	}
	p := idIndex("XYZ", buf[0])
	if p < 0 {
		return false
	}
	num := p
	for _, c := range buf[1:8] {
		num = num*10 + int(c-'0')
	}
	return buf[8] == dniLetters[num%23]
}

// nifKLMValid checks the NIF of people without DNI or NIE (K: Spaniards
// under 14, L: Spaniards abroad, M: foreigners without NIE): the letter,
// seven digits and the DNI letter of the seven-digit number.
func nifKLMValid(v []byte) bool {
	if len(v) != 9 || idIndex("KLM", idUpper(v[0])) < 0 || !idAllDigits(v[1:8], 7) {
		return false
	}
	n := 0
	for _, c := range v[1:8] {
		n = n*10 + int(c-'0')
	}
	return idUpper(v[8]) == dniLetters[n%23]
}

// --- Italy -----------------------------------------------------------------

// Italian fiscal code tables (DM 23 dicembre 1976, allegato): the value of
// a character in an odd position (1st, 3rd, …) by its index, digits 0–9
// counting as A–J; the month letters; the letters that stand for digits in
// codes made unique by "omocodia", and the positions they may take.
var (
	cfOdd        = [26]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}
	cfMonths     = "ABCDEHLMPRST"
	cfOmocodia   = "LMNPQRSTUV"
	cfDigitSlots = [7]int{6, 7, 9, 10, 12, 13, 14}
)

// cfIndex maps 0–9 to 0–9 and A–Z to 0–25, the index both tables use.
func cfIndex(c byte) (int, bool) {
	switch {
	case isDigit(c):
		return int(c - '0'), true
	case idIsUpper(c):
		return int(c - 'A'), true
	}
	return 0, false
}

// cfNamePart reports whether three letters are a surname or name code:
// consonants, then vowels, then X padding.
func cfNamePart(p []byte) bool {
	stage := 0 // 0 consonants, 1 vowels, 2 padding
	for i, c := range p {
		if !idIsUpper(c) {
			return false
		}
		vowel := idIndex("AEIOU", c) >= 0
		switch {
		case vowel && stage <= 1:
			stage = 1
		case vowel:
			return false
		case c == 'X' && (stage >= 1 || i > 0 && p[i-1] == 'X'):
			stage = 2
		case stage > 0:
			return false
		}
	}
	return true
}

// itFiscalCodeValid checks an Italian codice fiscale of a person: surname
// and name codes, year, month letter, day (plus 40 for women), municipality
// code (a letter A–M or Z and three digits), the check letter, with
// omocodia letters in place of digits allowed; lower case is read as upper.
func itFiscalCodeValid(v []byte) bool {
	if len(v) != 16 {
		return false
	}
	var c [16]byte
	for i, b := range v {
		c[i] = idUpper(b)
	}
	if !cfNamePart(c[0:3]) || !cfNamePart(c[3:6]) {
		return false
	}
	d := c // digits with omocodia undone
	for _, i := range cfDigitSlots {
		if k := idIndex(cfOmocodia, c[i]); k >= 0 {
			d[i] = byte('0' + k)
		} else if !isDigit(c[i]) {
			return false
		}
	}
	m := idIndex(cfMonths, c[8])
	if m < 0 || idIndex("ABCDEFGHILMZ", c[11]) < 0 || !idIsUpper(c[15]) {
		return false
	}
	day := idNum2(d[:], 9)
	if day > 40 {
		day -= 40
	}
	if !idDateEither(idNum2(d[:], 6), m+1, day, 1900, 2000) {
		return false
	}
	sum := 0
	for i := 0; i < 15; i++ {
		x, ok := cfIndex(c[i])
		if !ok {
			return false
		}
		if i%2 == 0 {
			sum += cfOdd[x]
		} else {
			sum += x
		}
	}
	return c[15] == byte('A'+sum%26)
}

// --- India -----------------------------------------------------------------

// Verhoeff's dihedral-group tables (Verhoeff 1969): multiplication in D5
// and the position permutation.
var (
	verhoeffD = [10][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// verhoeff reports whether a digit string ends in its Verhoeff check digit.
func verhoeff(d []byte) bool {
	c := byte(0)
	for i := range d {
		x := d[len(d)-1-i]
		if !isDigit(x) {
			return false
		}
		c = verhoeffD[c][verhoeffP[i%8][x-'0']]
	}
	return len(d) > 1 && c == 0
}

// aadhaarValid checks an Aadhaar number: twelve digits, not starting with 0
// or 1 (UIDAI), ending in the Verhoeff check digit.
func aadhaarValid(d []byte) bool {
	return idAllDigits(d, 12) && d[0] >= '2' && verhoeff(d)
}

// panValid checks the structure of an Indian Permanent Account Number
// (Income Tax Department): five letters, four digits not all zero, a
// letter; the fourth letter is the holder type (A association, B body of
// individuals, C company, F firm, G government, H Hindu undivided family,
// L local authority, J artificial juridical person, P individual, T trust).
// individual requires P.
func panValid(v []byte, individual bool) bool {
	if len(v) != 10 {
		return false
	}
	for i, c := range v {
		if i >= 5 && i < 9 {
			if !isDigit(c) {
				return false
			}
		} else if !idIsUpper(c) {
			return false
		}
	}
	if string(v[5:9]) == "0000" {
		return false
	}
	if individual {
		return v[3] == 'P'
	}
	return idIndex("ABCFGHLJPT", v[3]) >= 0
}

// --- Brazil ----------------------------------------------------------------

// cpfValid checks a CPF: eleven digits, not one digit repeated, and two
// check digits, each the sum of the digits before it weighted from 10 (11
// for the second) down to 2, times 10, mod 11, with 10 read as 0 (Receita
// Federal, IN RFB 1548/2015).
func cpfValid(d []byte) bool {
	if !idAllDigits(d, 11) || idSameDigit(d) {
		return false
	}
	for k := 9; k <= 10; k++ {
		sum := 0
		for i := 0; i < k; i++ {
			sum += int(d[i]-'0') * (k + 1 - i)
		}
		c := sum * 10 % 11 % 10
		if c != int(d[k]-'0') {
			return false
		}
	}
	return true
}

// --- Australia -------------------------------------------------------------

// tfnValid checks an Australian Tax File Number: nine digits weighted 1, 4,
// 3, 7, 5, 8, 6, 9, 10 (or the older eight weighted 10, 7, 8, 4, 6, 3, 5,
// 1) summing to a multiple of 11.
func tfnValid(d []byte) bool {
	w9 := [9]int{1, 4, 3, 7, 5, 8, 6, 9, 10}
	w8 := [8]int{10, 7, 8, 4, 6, 3, 5, 1}
	var w []int
	switch len(d) {
	case 9:
		w = w9[:]
	case 8:
		w = w8[:]
	default:
		return false
	}
	if !idAllDigits(d, len(d)) || idSameDigit(d) {
		return false
	}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * w[i]
	}
	return sum%11 == 0
}

// --- Banking ---------------------------------------------------------------

// bicISO3166 lists the ISO 3166-1 alpha-2 codes in use, and XK (Kosovo, which
// SWIFT uses), as pairs of letters.
const bicISO3166 = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
	"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
	"UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"

var bicCountries = func() (t [26][26]bool) {
	for i := 0; i+1 < len(bicISO3166); i += 3 {
		t[bicISO3166[i]-'A'][bicISO3166[i+1]-'A'] = true
	}
	return t
}()

func bicCountry(a, b byte) bool {
	return idIsUpper(a) && idIsUpper(b) && bicCountries[a-'A'][b-'A']
}

// bicValid checks a business identifier code (ISO 9362): four letters of
// party prefix, an ISO 3166 country, two letters or digits of location, and
// optionally three of branch; upper case.
func bicValid(v []byte) bool {
	if len(v) != 8 && len(v) != 11 {
		return false
	}
	for i, c := range v {
		switch {
		case i < 6 && !idIsUpper(c):
			return false
		case i >= 6 && !idIsUpper(c) && !isDigit(c):
			return false
		}
	}
	return bicCountry(v[4], v[5])
}

// abaValid checks an ABA routing transit number: nine digits whose first
// two are a Federal Reserve district (01–12), a thrift's (21–32), an
// electronic one (61–72) or traveler's cheques (80), or the 00 of the
// government; and 3, 7, 1 weights summing to a multiple of 10 (ABA Key to
// Routing Numbers).
func abaValid(d []byte) bool {
	if !idAllDigits(d, 9) || idSameDigit(d) {
		return false
	}
	p := idNum2(d, 0)
	if !(p <= 12 || p >= 21 && p <= 32 || p >= 61 && p <= 72 || p == 80) {
		return false
	}
	w := [3]int{3, 7, 1}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * w[i%3]
	}
	return sum%10 == 0
}

// --- Cryptocurrency addresses -----------------------------------------------

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var base58Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// btcBase58Valid checks a legacy Bitcoin address (P2PKH, P2SH, and their
// testnet forms): Base58Check of a version byte 0x00, 0x05, 0x6f or 0xc4 and
// a 20-byte hash, with the first four bytes of the double SHA-256 of those
// 21 bytes as checksum.
func btcBase58Valid(v []byte) bool {
	if len(v) < 26 || len(v) > 35 {
		return false
	}
	var out [25]byte
	for _, c := range v {
		x := base58Index[c]
		if x < 0 {
			return false
		}
		carry := int(x)
		for i := len(out) - 1; i >= 0; i-- {
			carry += int(out[i]) * 58
			out[i] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false // more than 25 bytes
		}
	}
	ones, zeros := 0, 0
	for ones < len(v) && v[ones] == '1' {
		ones++
	}
	for zeros < len(out) && out[zeros] == 0 {
		zeros++
	}
	if ones != zeros {
		return false // fewer than 25 bytes
	}
	switch out[0] {
	case 0x00, 0x05, 0x6f, 0xc4:
	default:
		return false
	}
	h := sha256.Sum256(out[:21])
	h = sha256.Sum256(h[:])
	return h[0] == out[21] && h[1] == out[22] && h[2] == out[23] && h[3] == out[24]
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(chk uint32, v byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	b := chk >> 25
	chk = (chk&0x1ffffff)<<5 ^ uint32(v)
	for i := 0; i < 5; i++ {
		if (b>>i)&1 == 1 {
			chk ^= gen[i]
		}
	}
	return chk
}

// btcBech32Valid checks a segwit address (BIP 173, and BIP 350 for witness
// versions 1 and up): human-readable part bc or tb, one case throughout,
// the bech32 checksum for version 0 and the bech32m one after, and a
// witness program of 20 or 32 bytes for version 0, 2–40 bytes otherwise.
func btcBech32Valid(v []byte) bool {
	if len(v) < 14 || len(v) > 90 {
		return false
	}
	lowerSeen, upperSeen := false, false
	var buf [90]byte
	for i, c := range v {
		switch {
		case 'a' <= c && c <= 'z':
			lowerSeen = true
		case idIsUpper(c):
			upperSeen = true
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	s := buf[:len(v)]
	if lowerSeen && upperSeen || s[2] != '1' || !(s[0] == 'b' && s[1] == 'c' || s[0] == 't' && s[1] == 'b') {
		return false
	}
	data := s[3:]
	if len(data) < 6+1 {
		return false
	}
	chk := uint32(1)
	for _, c := range s[:2] {
		chk = bech32Polymod(chk, c>>5)
	}
	chk = bech32Polymod(chk, 0)
	for _, c := range s[:2] {
		chk = bech32Polymod(chk, c&31)
	}
	var vals [87]byte
	for i, c := range data {
		k := idIndex(bech32Charset, c)
		if k < 0 {
			return false
		}
		vals[i] = byte(k)
		chk = bech32Polymod(chk, byte(k))
	}
	version := vals[0]
	if version > 16 {
		return false
	}
	switch {
	case version == 0 && chk != 1, version > 0 && chk != 0x2bc830a3:
		return false
	}
	// The program: 5-bit groups regrouped into bytes, at most 4 bits of
	// zero padding.
	acc, nbits, n := uint32(0), 0, 0
	for _, x := range vals[1 : len(data)-6] {
		acc = acc<<5 | uint32(x)
		nbits += 5
		if nbits >= 8 {
			nbits -= 8
			n++
		}
	}
	if nbits > 4 || acc&(1<<nbits-1) != 0 {
		return false
	}
	if version == 0 {
		return n == 20 || n == 32
	}
	return n >= 2 && n <= 40
}

// btcAddressValid checks a Bitcoin address of any kind.
func btcAddressValid(v []byte) bool {
	if len(v) > 3 && (v[0] == 'b' || v[0] == 'B' || v[0] == 't' || v[0] == 'T') {
		return btcBech32Valid(v)
	}
	return btcBase58Valid(v)
}

// ethAddressValid checks an Ethereum address, "0x" and 40 hex digits; one
// written in mixed case must carry the EIP-55 checksum (a hex letter is
// upper case where the Keccak-256 hash of the lower-case address has a
// nibble of 8 or more). checksummed reports a mixed-case address that
// passed; all-lower and all-upper addresses carry no checksum.
func ethAddressValid(v []byte) (ok, checksummed bool) {
	if len(v) != 42 || v[0] != '0' || v[1] != 'x' && v[1] != 'X' {
		return false, false
	}
	var low [40]byte
	lowerSeen, upperSeen := false, false
	for i, c := range v[2:] {
		switch {
		case isDigit(c):
		case 'a' <= c && c <= 'f':
			lowerSeen = true
		case 'A' <= c && c <= 'F':
			upperSeen = true
			c += 'a' - 'A'
		default:
			return false, false
		}
		low[i] = c
	}
	if !lowerSeen || !upperSeen {
		return true, false
	}
	h := keccak256(low[:])
	for i, c := range v[2:] {
		if isDigit(c) {
			continue
		}
		nibble := h[i/2] >> 4
		if i%2 == 1 {
			nibble = h[i/2] & 15
		}
		if (nibble >= 8) != ('A' <= c && c <= 'F') {
			return false, false
		}
	}
	return true, true
}

// keccakRC are the round constants of Keccak-f[1600] (The Keccak reference,
// version 3.0, §1.2).
var keccakRC = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
	0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
	0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// keccakRho are the rotation offsets of lane x+5y.
var keccakRho = [25]int{
	0, 1, 62, 28, 27,
	36, 44, 6, 55, 20,
	3, 10, 43, 25, 39,
	41, 45, 15, 21, 8,
	18, 2, 61, 56, 14,
}

func keccakF1600(a *[25]uint64) {
	var b [25]uint64
	var c, d [5]uint64
	for round := 0; round < 24; round++ {
		for x := 0; x < 5; x++ {
			c[x] = a[x] ^ a[x+5] ^ a[x+10] ^ a[x+15] ^ a[x+20]
		}
		for x := 0; x < 5; x++ {
			d[x] = c[(x+4)%5] ^ bits.RotateLeft64(c[(x+1)%5], 1)
		}
		for i := range a {
			a[i] ^= d[i%5]
		}
		// ρ and π: lane (x, y) goes to (y, 2x+3y).
		for x := 0; x < 5; x++ {
			for y := 0; y < 5; y++ {
				b[y+5*((2*x+3*y)%5)] = bits.RotateLeft64(a[x+5*y], keccakRho[x+5*y])
			}
		}
		for y := 0; y < 5; y++ {
			for x := 0; x < 5; x++ {
				a[x+5*y] = b[x+5*y] ^ ^b[(x+1)%5+5*y]&b[(x+2)%5+5*y]
			}
		}
		a[0] ^= keccakRC[round]
	}
}

// keccak256 is the original Keccak with 256-bit output and rate 1088 (the
// padding 0x01…0x80 that Ethereum uses, not SHA3-256's 0x06), for inputs
// shorter than one block, which is all addresses need.
func keccak256(msg []byte) [32]byte {
	const rate = 136
	var block [rate]byte
	n := copy(block[:], msg[:min(len(msg), rate-1)])
	block[n] ^= 0x01
	block[rate-1] ^= 0x80
	var a [25]uint64
	for i := 0; i < rate/8; i++ {
		for k := 0; k < 8; k++ {
			a[i] |= uint64(block[8*i+k]) << (8 * k)
		}
	}
	keccakF1600(&a)
	var out [32]byte
	for i := 0; i < 4; i++ {
		for k := 0; k < 8; k++ {
			out[8*i+k] = byte(a[i] >> (8 * k))
		}
	}
	return out
}

// --- Health ----------------------------------------------------------------

// deaValid checks a DEA registration number (21 CFR 1301; DEA Diversion
// Control): a registrant-type letter, the first letter of the registrant's
// last name (or 9 for a business), seven digits, the last being the last
// digit of the sum of the 1st, 3rd and 5th plus twice the 2nd, 4th and 6th.
func deaValid(v []byte) bool {
	if len(v) != 9 || idIndex("ABCDEFGHJKLMPRSTUX", v[0]) < 0 || !idIsUpper(v[1]) && v[1] != '9' || !idAllDigits(v[2:], 7) {
		return false
	}
	d := v[2:]
	sum := int(d[0]-'0') + int(d[2]-'0') + int(d[4]-'0') + 2*(int(d[1]-'0')+int(d[3]-'0')+int(d[5]-'0'))
	return sum%10 == int(d[6]-'0') && !idSameDigit(d)
}

// icd10Valid checks the shape of an ICD-10 (WHO) or ICD-10-CM code: a
// letter, a digit, a digit (or the letter of the few ICD-10-CM categories
// that have one: C4A, C7A, C7B, D3A, M1A, Z3A), then up to four letters or
// digits after an optional dot; upper case.
func icd10Valid(v []byte) bool {
	if len(v) < 3 || len(v) > 8 || !idIsUpper(v[0]) || !isDigit(v[1]) {
		return false
	}
	if !isDigit(v[2]) {
		switch string(v[:3]) {
		case "C4A", "C7A", "C7B", "D3A", "M1A", "Z3A":
		default:
			return false
		}
	}
	rest := v[3:]
	if len(rest) > 0 && rest[0] == '.' {
		rest = rest[1:]
		if len(rest) == 0 {
			return false
		}
	}
	if len(rest) > 4 {
		return false
	}
	for _, c := range rest {
		if !isDigit(c) && !idIsUpper(c) {
			return false
		}
	}
	return true
}

// --- Poland, Netherlands, Belgium, Denmark, Finland, Sweden, Ireland --------

// peselValid checks a PESEL: eleven digits, a birth date whose month carries
// the century (+80 for the 1800s, +20 for the 2000s, +40, +60 after), and a
// check digit making the sum weighted 1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1 a
// multiple of 10 (Ustawa o ewidencji ludności, art. 15).
func peselValid(d []byte) bool {
	if !idAllDigits(d, 11) {
		return false
	}
	m := idNum2(d, 2)
	century := [5]int{1900, 2000, 2100, 2200, 1800}[m/20]
	if !idDate(century+idNum2(d, 0), m%20, idNum2(d, 4)) {
		return false
	}
	w := [11]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * w[i]
	}
	return sum%10 == 0
}

// peselChecksum is the PESEL check alone, as validator.js applies it.
func peselChecksum(d []byte) bool {
	if !idAllDigits(d, 11) {
		return false
	}
	w := [11]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * w[i]
	}
	return sum%10 == 0
}

// bsnValid checks a Dutch burgerservicenummer with the "11-proef" (Wet
// algemene bepalingen burgerservicenummer; Logisch Ontwerp BSN): nine digits
// (eight with a leading zero dropped) weighted 9 down to 2 and the last -1
// summing to a non-zero multiple of 11.
func bsnValid(d []byte) bool {
	var buf [9]byte
	switch len(d) {
	case 8:
		buf[0] = '0'
		copy(buf[1:], d)
		d = buf[:]
	case 9:
	default:
		return false
	}
	if !idAllDigits(d, 9) {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	sum -= int(d[8] - '0')
	return sum > 0 && sum%11 == 0
}

// beNationalNumberValid checks a Belgian national register number
// (Rijksregisternummer, numéro de registre national; KB 8 januari 2006):
// eleven digits, a birth date YYMMDD whose month may be 0 and day 0 when
// unknown, or whose month carries +20 or +40 for numbers of the bis
// register, then a sequence number and 97 less the first nine digits mod
// 97, with 2 prefixed to them for people born since 2000. The date must be
// a day of the century whose check passes.
func beNationalNumberValid(d []byte) bool {
	if !idAllDigits(d, 11) {
		return false
	}
	var n uint64
	for _, c := range d[:9] {
		n = n*10 + uint64(c-'0')
	}
	key := uint64(idNum2(d, 9))
	yy, m, day := idNum2(d, 0), idNum2(d, 2), idNum2(d, 4)
	if m >= 40 {
		m -= 40
	} else if m >= 20 {
		m -= 20
	}
	dateOK := func(y int) bool {
		switch {
		case m == 0:
			return day <= 31
		case day == 0:
			return m <= 12
		}
		return idDate(y, m, day)
	}
	if key == 97-n%97 && dateOK(1900+yy) {
		return true
	}
	return key == 97-(2000000000+n)%97 && dateOK(2000+yy)
}

// cprYear is the birth year of a Danish CPR number from its two-digit year
// and the first digit of the sequence number (CPR-kontoret, "Personnummeret
// i CPR-systemet").
func cprYear(yy int, s byte) int {
	switch s {
	case '0', '1', '2', '3':
		return 1900 + yy
	case '4', '9':
		if yy <= 36 {
			return 2000 + yy
		}
		return 1900 + yy
	}
	if yy <= 57 {
		return 2000 + yy
	}
	return 1800 + yy
}

// cprValid checks a Danish CPR number, DDMMYY and four digits: the date,
// with the century given by the seventh digit. The mod-11 check was dropped
// for numbers issued since 2007, so it does not decide; mod11 reports
// whether it holds (numbers from before then).
func cprValid(d []byte) (ok, mod11 bool) {
	if !idAllDigits(d, 10) || !idDate(cprYear(idNum2(d, 4), d[6]), idNum2(d, 2), idNum2(d, 0)) {
		return false, false
	}
	w := [10]int{4, 3, 2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * w[i]
	}
	return true, sum%11 == 0
}

// hetuChecks are the 31 check characters of the Finnish henkilötunnus.
const hetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// hetuValid checks a Finnish henkilötunnus (Väestötietojärjestelmälaki
// 128/2010; Valtioneuvoston asetus 1/2023 for the new century signs):
// DDMMYY, a century sign (+ for the 1800s; -, Y, X, W, V, U for the 1900s;
// A, B, C, D, E, F for the 2000s), an individual number 002–999 and the
// check character of the nine digits mod 31. Upper case.
func hetuValid(v []byte) bool {
	if len(v) != 11 || !idAllDigits(v[:6], 6) || !idAllDigits(v[7:10], 3) {
		return false
	}
	var century int
	switch c := v[6]; {
	case c == '+':
		century = 1800
	case c == '-' || c >= 'U' && c <= 'Y':
		century = 1900
	case c >= 'A' && c <= 'F':
		century = 2000
	default:
		return false
	}
	if !idDate(century+idNum2(v, 4), idNum2(v, 2), idNum2(v, 0)) {
		return false
	}
	n := 0
	for _, c := range v[:6] {
		n = n*10 + int(c-'0')
	}
	ind := 0
	for _, c := range v[7:10] {
		ind = ind*10 + int(c-'0')
	}
	if ind < 2 {
		return false
	}
	return v[10] == hetuChecks[(n*1000+ind)%31]
}

// personnummerValid checks a Swedish personnummer or samordningsnummer
// (Folkbokföringslagen 18 §; Skatteverket SKV 704): YYMMDD or YYYYMMDD, an
// optional '-' (or '+' from the year its holder turns 100), three digits
// and a Luhn check digit over the ten digits YYMMDDNNN C. A
// samordningsnummer adds 60 to the day. A two-digit year must make a real
// date in the 1900s or 2000s (1800s or 1900s after '+').
func personnummerValid(v []byte) bool {
	var d [12]byte
	n := 0
	sep := byte(0)
	for i, c := range v {
		if (c == '-' || c == '+') && sep == 0 && i == len(v)-5 {
			sep = c
			continue
		}
		if !isDigit(c) || n == len(d) {
			return false
		}
		d[n] = c
		n++
	}
	var ten []byte
	var yearOK func(yy, m, day int) bool
	switch n {
	case 12:
		if sep == '+' {
			return false
		}
		century := idNum2(d[:], 0) * 100
		if century < 1800 || century > 2000 {
			return false
		}
		ten = d[2:12]
		yearOK = func(yy, m, day int) bool { return idDate(century+yy, m, day) }
	case 10:
		ten = d[:10]
		c1, c2 := 1900, 2000
		if sep == '+' {
			c1, c2 = 1800, 1900
		}
		yearOK = func(yy, m, day int) bool { return idDateEither(yy, m, day, c1, c2) }
	default:
		return false
	}
	day := idNum2(ten, 4)
	if day > 60 {
		day -= 60
	}
	return yearOK(idNum2(ten, 0), idNum2(ten, 2), day) && luhn(ten)
}

// ppsnValid checks an Irish Personal Public Service Number (Social Welfare
// Consolidation Act 2005 s. 262; the check letter rule of the Department
// of Social Protection): seven digits, a check letter, and optionally a
// second letter A–I or W. The digits weighted 8 down to 2, plus 9 times the
// second letter's value (A=1 … I=9, W or none = 0), mod 23 give the check
// letter, 0 being W and 1–22 A–V. Upper case.
func ppsnValid(v []byte) bool {
	if len(v) != 8 && len(v) != 9 || !idAllDigits(v[:7], 7) {
		return false
	}
	sum := 0
	for i, c := range v[:7] {
		sum += int(c-'0') * (8 - i)
	}
	if len(v) == 9 {
		switch c := v[8]; {
		case c >= 'A' && c <= 'I':
			sum += 9 * int(c-'A'+1)
		case c == 'W':
		default:
			return false
		}
	}
	return v[7] == "WABCDEFGHIJKLMNOPQRSTUV"[sum%23]
}

// --- Korea, Singapore, Mexico, South Africa, Israel, China, Japan ----------

// rrnValid checks a Korean resident registration number, YYMMDD and seven
// digits: a real birth date in the century the seventh digit gives (9, 0:
// 1800s; 1, 2, 5, 6: 1900s; 3, 4, 7, 8: 2000s). checksum reports whether the
// last digit is (11 − the sum weighted 2–9, 2–5 mod 11) mod 10, which holds
// for numbers issued before October 2020 (Presidential Decree 30937 made the
// later ones random).
func rrnValid(d []byte) (ok, checksum bool) {
	if !idAllDigits(d, 13) {
		return false, false
	}
	century := [10]int{1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800}[d[6]-'0']
	if !idDate(century+idNum2(d, 0), idNum2(d, 2), idNum2(d, 4)) {
		return false, false
	}
	w := [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i, c := range d[:12] {
		sum += int(c-'0') * w[i]
	}
	return true, (11-sum%11)%10 == int(d[12]-'0')
}

// nricValid checks a Singapore NRIC or FIN (ICA): S, T (citizens and PRs
// born before and since 2000), F, G (foreigners) or M (FIN since 2022),
// seven digits weighted 2, 7, 6, 5, 4, 3, 2, plus 4 for T and G and 3 for M,
// and the check letter of the sum mod 11 from the prefix's table.
func nricValid(v []byte) bool {
	if len(v) != 9 || !idAllDigits(v[1:8], 7) {
		return false
	}
	w := [7]int{2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, c := range v[1:8] {
		sum += int(c-'0') * w[i]
	}
	var table string
	switch v[0] {
	case 'S':
		table = "JZIHGFEDCBA"
	case 'T':
		sum += 4
		table = "JZIHGFEDCBA"
	case 'F':
		table = "XWUTRQPNMLK"
	case 'G':
		sum += 4
		table = "XWUTRQPNMLK"
	case 'M':
		sum += 3
		table = "XWUTRQPNJLK"
	default:
		return false
	}
	return v[8] == table[sum%11]
}

// curpStates are the two-letter state codes of the CURP, NE for people
// born abroad.
const curpStates = "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE"

// curpValid checks a Mexican CURP (Instructivo normativo para la asignación
// de la CURP, DOF 18/10/2021): four letters (the second a vowel or X), a
// birth date YYMMDD, sex H, M or X, a state code, three consonants, a
// homoclave (a digit for people born in the 1900s, a letter for the 2000s)
// and a check digit: the values of the first 17 characters in
// "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ" (so letters after N count one
// more than their place in the Latin alphabet) weighted 18 down to 2, and
// (10 − the sum mod 10) mod 10. Upper case.
func curpValid(v []byte) bool {
	if len(v) != 18 {
		return false
	}
	for i := 0; i < 4; i++ {
		if !idIsUpper(v[i]) {
			return false
		}
	}
	if idIndex("AEIOUX", v[1]) < 0 || !idAllDigits(v[4:10], 6) || idIndex("HMX", v[10]) < 0 {
		return false
	}
	if !idIsUpper(v[11]) || !idIsUpper(v[12]) || !curpState(v[11], v[12]) {
		return false
	}
	for _, c := range v[13:16] {
		if !idIsUpper(c) || idIndex("AEIOU", c) >= 0 {
			return false
		}
	}
	century := 1900
	switch {
	case idIsUpper(v[16]):
		century = 2000
	case !isDigit(v[16]):
		return false
	}
	if !idDate(century+idNum2(v, 4), idNum2(v, 6), idNum2(v, 8)) || !isDigit(v[17]) {
		return false
	}
	sum := 0
	for i, c := range v[:17] {
		x := int(c - '0')
		if idIsUpper(c) {
			x = int(c-'A') + 10
			if c > 'N' {
				x++ // Ñ sits between N and O
			}
		}
		sum += x * (18 - i)
	}
	return (10-sum%10)%10 == int(v[17]-'0')
}

func curpState(a, b byte) bool {
	for i := 0; i+1 < len(curpStates); i += 3 {
		if curpStates[i] == a && curpStates[i+1] == b {
			return true
		}
	}
	return false
}

// zaIDValid checks a South African identity number (Identification Act 68
// of 1997; Department of Home Affairs): YYMMDD, a four-digit sequence, 0
// (citizen), 1 (permanent resident) or 2 (refugee), a digit, and a Luhn
// check digit. The two-digit year must make a real date in the 1900s or
// 2000s.
func zaIDValid(d []byte) bool {
	return idAllDigits(d, 13) && d[10] <= '2' && !idSameDigit(d) &&
		idDateEither(idNum2(d, 0), idNum2(d, 2), idNum2(d, 4), 1900, 2000) && luhn(d)
}

// ilIDValid checks an Israeli identity number (Teudat Zehut; Population
// Authority): up to nine digits, read with leading zeros to nine, weighted
// 1, 2, 1, 2, … with the digits of each product added, summing to a
// multiple of 10, which is Luhn on the nine digits; not all zeros.
func ilIDValid(d []byte) bool {
	if len(d) < 5 || len(d) > 9 || !idAllDigits(d, len(d)) {
		return false
	}
	var buf [9]byte
	for i := range buf {
		buf[i] = '0'
	}
	copy(buf[9-len(d):], d)
	zero := true
	for _, c := range buf {
		if c != '0' {
			zero = false
		}
	}
	return !zero && luhn(buf[:])
}

// cnProvince reports whether two digits open a Chinese administrative
// division code (GB/T 2260): the provinces, autonomous regions and
// municipalities, Taiwan, Hong Kong and Macao.
func cnProvince(a, b byte) bool {
	switch p := int(a-'0')*10 + int(b-'0'); {
	case p >= 11 && p <= 15, p >= 21 && p <= 23, p >= 31 && p <= 37, p >= 41 && p <= 46,
		p >= 50 && p <= 54, p >= 61 && p <= 65, p == 71, p == 81, p == 82, p == 83, p == 91:
		return true
	}
	return false
}

// cnResidentIDValid checks a citizen identity number of the People's
// Republic of China (GB 11643-1999): eighteen characters, a region code
// opening with a province, a birth date YYYYMMDD, a three-digit sequence
// and the ISO 7064 MOD 11-2 check character (X for 10). The fifteen-digit
// numbers of the first-generation cards (YYMMDD, 1900s, no check) are
// accepted too; checked reports the eighteen-character form.
func cnResidentIDValid(v []byte) (ok, checked bool) {
	switch len(v) {
	case 15:
		if !idAllDigits(v, 15) || !cnProvince(v[0], v[1]) {
			return false, false
		}
		return idDate(1900+idNum2(v, 6), idNum2(v, 8), idNum2(v, 10)), false
	case 18:
	default:
		return false, false
	}
	if !idAllDigits(v[:17], 17) || !cnProvince(v[0], v[1]) {
		return false, false
	}
	y := idNum2(v, 6)*100 + idNum2(v, 8)
	if y < 1880 || !idDate(y, idNum2(v, 10), idNum2(v, 12)) {
		return false, false
	}
	w := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range v[:17] {
		sum += int(c-'0') * w[i]
	}
	return v[17] == "10X98765432"[sum%11], true
}

// myNumberValid checks a Japanese Individual Number (My Number; 行政手続に
// おける特定の個人を識別するための番号の利用等に関する法律施行令 8条):
// twelve digits, the last being 11 less the sum of the others weighted
// (counting from the right) 2–7, 2–6, mod 11, or 0 when that sum mod 11 is
// 0 or 1.
func myNumberValid(d []byte) bool {
	if !idAllDigits(d, 12) || idSameDigit(d) {
		return false
	}
	sum := 0
	for n := 1; n <= 11; n++ {
		q := n + 1
		if n > 6 {
			q = n - 5
		}
		sum += int(d[11-n]-'0') * q
	}
	c := 0
	if r := sum % 11; r > 1 {
		c = 11 - r
	}
	return c == int(d[11]-'0')
}

// --- United States -------------------------------------------------------

// itinValid checks an Individual Taxpayer Identification Number (IRS):
// nine digits, the first 9, the fourth and fifth in 50–65, 70–88, 90–92 or
// 94–99.
func itinValid(d []byte) bool {
	if !idAllDigits(d, 9) || d[0] != '9' {
		return false
	}
	g := idNum2(d, 3)
	return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94
}

// einValid checks an Employer Identification Number (IRS, "How EINs are
// assigned and valid EIN prefixes"): nine digits whose first two are a
// prefix the IRS assigns.
func einValid(d []byte) bool {
	if !idAllDigits(d, 9) || idSameDigit(d[2:]) {
		return false
	}
	switch idNum2(d, 0) {
	case 0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97:
		return false
	}
	return true
}

// usPassportValid checks the shape of a US passport book number: nine
// digits, or a letter and eight digits (the Next Generation Passport since
// 2021); not one digit repeated.
func usPassportValid(v []byte) bool {
	if len(v) != 9 {
		return false
	}
	d := v
	if idIsUpper(v[0]) {
		d = v[1:]
		if !idAllDigits(d, 8) {
			return false
		}
	} else if !idAllDigits(v, 9) {
		return false
	}
	return !idSameDigit(d)
}

// passportValid checks the shape of a passport number of any country:
// six to nine upper-case letters and digits with at least five digits, not
// one digit repeated.
func passportValid(v []byte) bool {
	if len(v) < 6 || len(v) > 9 {
		return false
	}
	digits := 0
	var first byte
	same := true
	for _, c := range v {
		switch {
		case isDigit(c):
			if digits == 0 {
				first = c
			} else if c != first {
				same = false
			}
			digits++
		case !idIsUpper(c):
			return false
		}
	}
	return digits >= 5 && !same
}

// dlShapes are the shapes of US driver's license numbers, state by state
// (AAMVA DL/ID Card Design Standard, annex D, and the states' own
// descriptions), as runs: L3 is three letters, D7 seven digits, D4-9 four
// to nine digits. Shapes shorter than six characters are left out: with so
// few characters anything matches.
var dlShapes = []string{
	"D6-9",          // AL, AK, DE, LA, NC, OR, TN, TX and others: digits only
	"D10-14", "D16", // IN, MT, NV, SD, NC, WY; NY
	"L1D4-14", "L1D18", // CA, FL, IL, MD, MI, MN, NJ, NY, WI …
	"L2D2-7", "L2D6L1", "L3D6", // CO, OH, WV; ID; ND
	"D3L2D4", "D2L3D5", "D7L1", "D8L2", "D9L1", // IA; NH; ME, VT; MO
	"L1D6L1", "L8", // MO; NY
}

// dlValid checks that a value has the shape of some state's driver's
// license numbers.
func dlValid(v []byte) bool {
	if len(v) < 6 || len(v) > 19 {
		return false
	}
	digits := 0
	for _, c := range v {
		switch {
		case isDigit(c):
			digits++
		case !idIsUpper(c):
			return false
		}
	}
	if digits == 0 && len(v) != 8 {
		return false
	}
	for _, s := range dlShapes {
		if dlShapeMatches(s, v) {
			return true
		}
	}
	return false
}

// dlShapeMatches matches v against one shape of dlShapes.
func dlShapeMatches(shape string, v []byte) bool {
	i := 0
	for k := 0; k < len(shape); {
		kind := shape[k]
		k++
		lo := 0
		for k < len(shape) && isDigit(shape[k]) {
			lo = lo*10 + int(shape[k]-'0')
			k++
		}
		hi := lo
		if k < len(shape) && shape[k] == '-' {
			k++
			hi = 0
			for k < len(shape) && isDigit(shape[k]) {
				hi = hi*10 + int(shape[k]-'0')
				k++
			}
		}
		n := 0
		for i < len(v) && n < hi && (kind == 'D' && isDigit(v[i]) || kind == 'L' && idIsUpper(v[i])) {
			i++
			n++
		}
		if n < lo {
			return false
		}
	}
	return i == len(v)
}

// --- Devices and vehicles ------------------------------------------------

// imeiValid checks a 15-digit IMEI (3GPP TS 23.003 §6.2): a type allocation
// code whose first two digits are a reporting body GSMA recognises, and a
// Luhn check digit.
func imeiValid(d []byte) bool {
	if !idAllDigits(d, 15) || idSameDigit(d) || !luhn(d) {
		return false
	}
	switch idNum2(d, 0) {
	case 1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99:
		return true
	}
	return false
}

// vinValue is the ISO 3779 transliteration of VIN characters (I, O and Q
// are not used).
func vinValue(c byte) (int, bool) {
	switch {
	case isDigit(c):
		return int(c - '0'), true
	case c >= 'A' && c <= 'H':
		return int(c-'A') + 1, true
	case c >= 'J' && c <= 'N':
		return int(c-'J') + 1, true
	case c == 'P':
		return 7, true
	case c == 'R':
		return 9, true
	case c >= 'S' && c <= 'Z':
		return int(c-'S') + 2, true
	}
	return 0, false
}

// vinValid checks a vehicle identification number (ISO 3779; 49 CFR 565):
// seventeen upper-case letters and digits without I, O or Q, at least one
// letter and three digits. check reports whether the ninth character is
// the North American check digit (weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2,
// sum mod 11, X for 10), which vehicles built for other markets need not
// carry.
func vinValid(v []byte) (ok, check bool) {
	if len(v) != 17 {
		return false, false
	}
	w := [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum, letters, digits := 0, 0, 0
	for i, c := range v {
		x, ok := vinValue(c)
		if !ok {
			return false, false
		}
		if isDigit(c) {
			digits++
		} else {
			letters++
		}
		sum += x * w[i]
	}
	if letters == 0 || digits < 3 {
		return false, false
	}
	want := byte('0' + sum%11)
	if sum%11 == 10 {
		want = 'X'
	}
	return true, v[8] == want
}
