package classify

import "slices"

// Detectors of national identifiers, tax and bank numbers, cryptocurrency
// addresses and health codes, each backed by a validator (validate_ids.go)
// wherever the identifier has a checksum or a structure.
//
// Two kinds of anchoring, chosen for what they cost on text that holds
// none of these:
//
//   - An identifier with a strong structure and a written form nothing
//     else shares (a NINO's letters, a HETU's century sign, a CPF's dots, an
//     18-digit Chinese number with its date and MOD 11-2 check, a Bitcoin
//     address's Base58Check) is anchored on its digits, with a number gate
//     that ordinary prose (years, dates, times, zip codes, prices, versions,
//     order numbers) rarely passes, and is reported without context. Every
//     number-anchored rule is weighed for every number of four digits or
//     more, whatever its gate, so there are few of them.
//   - Everything else (a bare digit string whose only evidence is a weak
//     checksum, and structured identifiers whose digits would need a gate
//     prose passes) is reported only with context, anchored on context
//     words in the text, with a twin for fields named for it (a CSV column
//     "pesel", a JSON key "bsn"): where nothing names them they cost
//     nothing.
//
// Base likelihoods: POSSIBLE for what may stand alone, UNLIKELY for what
// needs context (which adds one); a validator that passes adds one.

func nationalIDDetectors() []*Detector {
	return slices.Concat(
		europeanIDDetectors(),
		americanIDDetectors(),
		asiaPacificIDDetectors(),
		idFinancialDetectors(),
		idHealthDetectors(),
		idDeviceDetectors(),
	)
}

// idContextReach is how far a context-anchored window reaches on either
// side of its keyword: past the engine's default context window (50 bytes),
// so every value that keyword makes context for is in it.
const idContextReach = 80

// contextAnchored returns d anchored on its keywords in the text, and a
// twin, "<id>-field", for the value of a field whose name is among fields.
// Both require context: a context word near the match, or the field name.
//
// Keywords are chosen for cost as much as meaning: the prefilter compares
// keywords wherever their first three bytes occur, so a keyword opening
// with a common trigram ("per", "ide", "tra", "rou") costs on every text.
// A keyword written with a leading '~' may start inside a word: "~nnummer"
// anchors personnummer and samordningsnummer alike, and opens with a rare
// trigram.
func contextAnchored(d *Detector, keywords, fields []string) []*Detector {
	d.Anchor = AnchorKeyword
	d.KeywordStartsWord = true
	for _, k := range keywords {
		if k[0] == '~' {
			d.KeywordStartsWord = false
			k = k[1:]
		}
		d.Keywords = append(d.Keywords, k)
	}
	d.Before, d.After = idContextReach, idContextReach
	d.RequireContext = true
	f := *d
	f.ID = d.ID + "-field"
	f.Description = d.Description + ", in a field named for it"
	f.Anchor = AnchorField
	f.Keywords, f.KeywordStartsWord = nil, false
	f.Before, f.After = 0, 0
	f.FieldNames = fields
	return []*Detector{d, &f}
}

// idValidate adapts a yes/no check of a value's digits (separators in seps
// dropped) to a Validate function that adds delta when it passes.
func idValidate(seps string, delta int, check func(d []byte) bool) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) {
		var buf [24]byte
		d, ok := idDigits(buf[:0], v, seps)
		return delta, ok && check(d)
	}
}

// idValidateRaw adapts a yes/no check of the value as matched.
func idValidateRaw(delta int, check func(v []byte) bool) func([]byte) (int, bool) {
	return func(v []byte) (int, bool) { return delta, check(v) }
}

// refineGrouped rejects a grouped number that is part of a longer one: a
// group of digits right before or after it across one space ("4-4-4" inside
// a card's "4-4-4-4").
func refineGrouped(text []byte, s, e int) (int, int, bool) {
	if s >= 2 && text[s-1] == ' ' && isDigit(text[s-2]) || e+1 < len(text) && text[e] == ' ' && isDigit(text[e+1]) {
		return 0, 0, false
	}
	return s, e, true
}

// idLooksLikeDate reports whether an eight-digit value reads as a date
// YYYYMMDD, DDMMYYYY or MMDDYYYY of the 1900s or 2000s: a birth date or an
// expiry next to a passport or licence number is not that number.
func idLooksLikeDate(v []byte) bool {
	if !idAllDigits(v, 8) {
		return false
	}
	y1 := idNum2(v, 0)*100 + idNum2(v, 2)
	y2 := idNum2(v, 4)*100 + idNum2(v, 6)
	return (y1 >= 1900 && y1 < 2100 && idDate(y1, idNum2(v, 4), idNum2(v, 6))) ||
		(y2 >= 1900 && y2 < 2100 && (idDate(y2, idNum2(v, 2), idNum2(v, 0)) || idDate(y2, idNum2(v, 0), idNum2(v, 2))))
}

// maskKeepLast masks every letter and digit but the last n, keeping
// separators so the preview shows the value's shape.
func maskKeepLast(n int) func(v []byte) string {
	return func(v []byte) string {
		total := 0
		for _, c := range v {
			if isAlnum(c) {
				total++
			}
		}
		out := make([]byte, len(v))
		seen := 0
		for i, c := range v {
			out[i] = c
			if isAlnum(c) {
				seen++
				if seen <= total-n {
					out[i] = '*'
				}
			}
		}
		return string(out)
	}
}

var (
	maskIDLast2 = maskKeepLast(2)
	maskIDLast4 = maskKeepLast(4)
)

// maskCrypto keeps an address's public prefix (0x, bc1, the version
// character) and its last four characters.
func maskCrypto(v []byte) string {
	p := 1
	switch {
	case len(v) > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X'):
		p = 2
	case len(v) > 3 && v[2] == '1' && (v[0]|0x20 == 'b' || v[0]|0x20 == 't'):
		p = 3
	}
	if len(v) < p+8 {
		return maskGeneric(v)
	}
	return string(v[:p]) + "********" + string(v[len(v)-4:])
}

// normAlnumUpper keeps letters and digits, upper-cased: the same
// identifier written with spaces, dashes or in lower case has one
// fingerprint.
func normAlnumUpper(dst, v []byte) []byte {
	for _, c := range v {
		if isAlnum(c) {
			dst = append(dst, idUpper(c))
		}
	}
	return dst
}

// normCrypto: hex and bech32 addresses are case-insensitive, Base58 ones
// are not.
func normCrypto(dst, v []byte) []byte {
	if len(v) > 2 && (v[0] == '0' || v[2] == '1' && (v[0]|0x20 == 'b' || v[0]|0x20 == 't')) {
		return normLower(dst, v)
	}
	return append(dst, v...)
}

// --- token finders -----------------------------------------------------------
//
// Number-anchored detectors whose gates let ordinary numbers through (a
// six-digit group is also an order number's) find their values by hand:
// the window is the numeric span itself, and a look at the bytes around it
// rejects a plain number at once, where a regular expression would cost
// more than the rest of the scan.

func isUpperOrDigit(c byte) bool { return isDigit(c) || idIsUpper(c) }

// findNINO reports UK National Insurance numbers at the digits in
// text[lo:hi]: two capital letters, six digits (in pairs or together), and
// an optional suffix letter A–D, single spaces allowed between the parts.
func findNINO(text []byte, lo, hi int, emit func(start, end int)) {
	// The window is one numeric span, and a NINO's digits are all of it.
	i := lo
	for i < hi && !isDigit(text[i]) {
		i++ // a span may open with '(' or '+'
	}
	if i == hi || i == 0 {
		return
	}
	s := i
	if text[s-1] == ' ' {
		s--
	}
	if s < 2 || !idIsUpper(text[s-1]) || !idIsUpper(text[s-2]) || s >= 3 && isAlnum(text[s-3]) {
		return // an order number's digits follow a dash or a space
	}
	s -= 2
	j, n := i, 0
	spaced := false
	for n < 6 && j < len(text) {
		if isDigit(text[j]) {
			n++
			j++
			continue
		}
		if text[j] == ' ' && n%2 == 0 && j+1 < len(text) && isDigit(text[j+1]) && (n == 2 || spaced) {
			spaced = true
			j++
			continue
		}
		break
	}
	if n != 6 || j < len(text) && isDigit(text[j]) {
		return
	}
	e := j
	if k := j; k < len(text) {
		if text[k] == ' ' && k+1 < len(text) {
			k++
		}
		if text[k] >= 'A' && text[k] <= 'D' && (k+1 == len(text) || !isAlnum(text[k+1])) {
			e = k + 1
		}
	}
	if e < len(text) && isAlnum(text[e]) {
		return
	}
	emit(s, e)
}

// findHETU reports Finnish henkilötunnus at the digits in text[lo:hi]: six
// digits standing alone, a century sign, three digits, a check character.
func findHETU(text []byte, lo, hi int, emit func(start, end int)) {
	for i := lo; i < hi && i+11 <= len(text); i++ {
		if !isDigit(text[i]) || i > 0 && isAlnum(text[i-1]) {
			continue
		}
		switch c := text[i+6]; {
		case c == '+', c == '-', c >= 'A' && c <= 'F', c >= 'U' && c <= 'Y':
		default:
			continue
		}
		if !idAllDigits(text[i:i+6], 6) || !idAllDigits(text[i+7:i+10], 3) ||
			!isUpperOrDigit(text[i+10]) || i+11 < len(text) && isAlnum(text[i+11]) {
			continue
		}
		emit(i, i+11)
		i += 10
	}
}

// findCURP reports CURP-shaped tokens at the digits in text[lo:hi]: four
// capital letters, six digits, and eight more capitals and digits, eighteen
// in all, standing alone.
func findCURP(text []byte, lo, hi int, emit func(start, end int)) {
	for i := lo; i < hi; i++ {
		if !isDigit(text[i]) || i < 4 || isDigit(text[i-1]) {
			continue
		}
		s := i - 4
		if s+18 > len(text) || !idIsUpper(text[s]) || !idIsUpper(text[s+1]) || !idIsUpper(text[s+2]) || !idIsUpper(text[s+3]) ||
			s > 0 && isAlnum(text[s-1]) || !idAllDigits(text[i:i+6], 6) || s+18 < len(text) && isAlnum(text[s+18]) {
			continue
		}
		ok := true
		for _, c := range text[i+6 : s+18] {
			if !isUpperOrDigit(c) {
				ok = false
				break
			}
		}
		if ok {
			emit(s, s+18)
			i = s + 17
		}
	}
}

// tokenReach bounds how far findBTC reads a token from where it looks:
// one longer than any address (74) is no address.
const tokenReach = 75

// findBTC reports the Bitcoin-address-shaped token around the digits in
// text[lo:hi]: a Base58 run of 26–35 characters starting with 1 or 3 (2, m
// or n on testnet), or a bech32 run of 14–74 starting with bc1 or tb1.
func findBTC(text []byte, lo, hi int, emit func(start, end int)) {
	for i := lo; i < hi; i++ {
		if !isAlnum(text[i]) {
			continue
		}
		s, e := i, i
		for s > 0 && i-s < tokenReach && isAlnum(text[s-1]) {
			s--
		}
		for e < len(text) && e-s < tokenReach && isAlnum(text[e]) {
			e++
		}
		i = e
		n := e - s
		if n < 14 || n > 74 || s > 0 && text[s-1] == '_' || e < len(text) && text[e] == '_' {
			continue
		}
		tok := text[s:e]
		if tok[2] == '1' && (tok[0]|0x20 == 'b' && tok[1]|0x20 == 'c' || tok[0]|0x20 == 't' && tok[1]|0x20 == 'b') {
			emit(s, e)
			continue
		}
		if n < 26 || n > 35 || !(tok[0] == '1' || tok[0] == '3' || tok[0] == '2' || tok[0] == 'm' || tok[0] == 'n') {
			continue
		}
		ok := true
		for _, c := range tok {
			if base58Index[c] < 0 {
				ok = false
				break
			}
		}
		if ok {
			emit(s, e)
		}
	}
}

// --- Europe ----------------------------------------------------------------

func europeanIDDetectors() []*Detector {
	ds := []*Detector{
		{
			ID: "uk-nino", InfoType: UKNationalInsuranceNumber, Category: CategoryIdentity, Version: 1,
			Description: "UK National Insurance number: allocated two-letter prefix, six digits, suffix A-D",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 6, Capital: true, Groups: []string{"6", "2-2-2"}},
			Find: findNINO,
			Validate: func(v []byte) (int, bool) {
				ok, suffix := ninoValid(v)
				if !suffix {
					return -1, ok // "AB123456" is also a booking or part number
				}
				return 1, ok
			},
			Likelihood: Possible,
			Context:    []string{"national insurance", "nino", "ni number", "ni no", "insurance number"},
			Normalize:  normAlnumUpper, Mask: maskIDLast2,
		},
		{
			ID: "es-dni", InfoType: SpainDNINumber, Category: CategoryIdentity, Version: 1,
			Description: "Spanish DNI (eight digits) or NIE (X, Y or Z and seven digits) with the check letter of the number mod 23",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 7, CapitalAfter: true, Groups: []string{"7..8"}}, Before: 2, After: 2,
			Pattern:  `[XYZ]-?\d{7}-?[A-Z]|\d{8}-?[A-Z]`,
			Edge:     EdgeNumber,
			Validate: idValidateRaw(1, func(v []byte) bool { return dniValid(v) || nieValid(v) }), Likelihood: Possible,
			Context:   []string{"dni", "nif", "nie", "d.n.i.", "n.i.e.", "documento nacional de identidad", "número de identificación", "numero de identificacion", "documento de identidad", "tarjeta de residencia"},
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
		{
			ID: "fr-nir", InfoType: FranceNIR, Category: CategoryIdentity, Version: 1,
			Description: "French NIR (social security number) written in groups 1 2 2 2 3 3 2, Corsica 2A/2B, key 97 - n mod 97",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 13, Groups: []string{"1-2-2-2-3-3-2", "1-2-2-1"}}, Before: 0, After: 14,
			Pattern: `[1234578] \d{2} \d{2} (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}`,
			Edge:    EdgeNumber, Refine: refineGrouped,
			Validate: idValidateRaw(1, nirValid), Likelihood: Possible,
			Context:   nirContext,
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
		{
			ID: "be-national-number", InfoType: BelgiumNationalIDCardNumber, Category: CategoryIdentity, Version: 1,
			Description: "Belgian national register number written YY.MM.DD-SSS.CC (or YYMMDD-SSS-CC): birth date and mod-97 key for both centuries",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 11, Groups: []string{"2-2-2-3-2", "6-3-2"}},
			Pattern: `\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}|\d{6}-\d{3}[-.]\d{2}|\d{6} \d{3} \d{2}`,
			Edge:    EdgeNumber, Refine: refineGrouped,
			Validate: idValidate(".- ", 1, beNationalNumberValid), Likelihood: Possible,
			Context:   beContext,
			Normalize: normDigits, Mask: maskIDLast2,
		},
		{
			ID: "fi-hetu", InfoType: FinlandNationalIDNumber, Category: CategoryIdentity, Version: 1,
			Description: "Finnish henkilötunnus written with '-' or '+' (born before 2000): birth date, individual number and mod-31 check character",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 9, Groups: []string{"6-3", "6-4"}},
			Find:     findHETU,
			Validate: idValidateRaw(1, hetuValid), Likelihood: Possible,
			Context:   hetuContext,
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
		{
			ID: "se-personnummer", InfoType: SwedenNationalIDNumber, Category: CategoryIdentity, Version: 1,
			Description: "Swedish personnummer or samordningsnummer written with its '-' or '+': birth date and Luhn over ten digits",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 10, Groups: []string{"6-4", "8-4"}},
			Pattern:  `(?:\d{2})?\d{6}[-+]\d{4}`,
			Edge:     EdgeNumber,
			Validate: idValidateRaw(1, personnummerValid), Likelihood: Possible,
			Context:   seContext,
			Normalize: normDigits, Mask: maskIDLast2,
		},
	}
	ds = append(ds, contextAnchored(&Detector{
		// A letter for a century sign (A for 2000–2099 and the signs added in
		// 2023) splits the digits into groups of six and three, the shape
		// of every order number's tail: those need context.
		ID: "fi-hetu-letter", InfoType: FinlandNationalIDNumber, Category: CategoryIdentity, Version: 1,
		Description: "Finnish henkilötunnus with a letter century sign (born since 2000), with context nearby",
		Pattern:     `\d{6}[A-FU-Y]\d{3}[0-9A-Y]`, Edge: EdgeWord,
		Validate: idValidateRaw(1, hetuValid), Likelihood: Unlikely,
		Context:   hetuContext,
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"~ilötunnus", "~ilotunnus", "hetu", "sotu"}, []string{"henkilötunnus", "henkilotunnus", "hetu", "sotu", "personbeteckning"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "dk-cpr", InfoType: DenmarkCPRNumber, Category: CategoryIdentity, Version: 1,
		Description: "Danish CPR number DDMMYY-SSSS with context nearby: birth date with the century the seventh digit gives",
		Pattern:     `\d{6}-?\d{4}`, Edge: EdgeNumber,
		Validate: func(v []byte) (int, bool) {
			var buf [12]byte
			d, ok := idDigits(buf[:0], v, "-")
			if !ok {
				return 0, false
			}
			ok, mod11 := cprValid(d)
			if mod11 {
				return 1, ok
			}
			return 0, ok
		},
		Likelihood: Unlikely,
		Context:    []string{"cpr", "cpr-nr", "cpr nr", "cpr-nummer", "cpr nummer", "personnummer", "personnr"},
		Normalize:  normDigits, Mask: maskIDLast2,
	}, []string{"cpr", "~nnummer"}, []string{"cpr", "cpr nr", "cpr nummer", "personnummer"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "se-personnummer-bare", InfoType: SwedenNationalIDNumber, Category: CategoryIdentity, Version: 1,
		Description: "Swedish personnummer of ten or twelve digits with context nearby",
		Pattern:     `\d{12}|\d{10}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, personnummerValid), Likelihood: Unlikely,
		Context:   seContext,
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"~nnummer"}, []string{"personnummer", "personnr", "samordningsnummer", "pnr"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "pl-pesel", InfoType: PolandPESELNumber, Category: CategoryIdentity, Version: 1,
		Description: "Polish PESEL with context nearby: birth date with the century in the month, weighted check digit",
		Pattern:     `\d{11}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, peselValid), Likelihood: Unlikely,
		Context:   []string{"pesel", "numer pesel", "nr pesel"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"pesel"}, []string{"pesel"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "nl-bsn", InfoType: NetherlandsBSNNumber, Category: CategoryIdentity, Version: 1,
		Description: "Dutch burgerservicenummer with context nearby: nine digits passing the 11-proef",
		Pattern:     `\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(". ", 1, bsnValid), Likelihood: Unlikely,
		Context:   []string{"bsn", "burgerservicenummer", "burger service nummer", "sofinummer", "sofi-nummer", "sofi nummer", "citizen service number"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"bsn", "burgerservicenummer"}, []string{"bsn", "burgerservicenummer", "sofinummer", "sofi nummer", "citizen service number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "be-national-number-bare", InfoType: BelgiumNationalIDCardNumber, Category: CategoryIdentity, Version: 1,
		Description: "Belgian national register number of eleven digits with context nearby",
		Pattern:     `\d{11}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, beNationalNumberValid), Likelihood: Unlikely,
		Context:   beContext,
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"rijksregister"},
		[]string{"rijksregisternummer", "rijksregister nummer", "registre national", "national number", "national register number", "insz", "niss"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "fr-nir-bare", InfoType: FranceNIR, Category: CategoryIdentity, Version: 1,
		Description: "French NIR of fifteen characters without spaces, with context nearby",
		Pattern:     `[1234578]\d{4}(?:\d{2}|2[AB])\d{8}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, nirValid), Likelihood: Unlikely,
		Context:   nirContext,
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"nir", "sécurité sociale", "securite sociale", "sécu", "secu"},
		[]string{"nir", "securite sociale", "numero securite sociale", "num secu", "secu", "insee", "social security number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "de-id-card", InfoType: GermanyIdentityCardNumber, Category: CategoryIdentity, Version: 1,
		Description: "German identity card serial (since 2010), its ICAO check digit when written, with context nearby",
		Pattern:     `[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d?`, Edge: EdgeWord,
		Validate: func(v []byte) (int, bool) {
			ok, checked := deIDCardValid(v)
			if checked {
				return 1, ok
			}
			return 0, ok
		},
		Likelihood: Unlikely,
		Context:    []string{"personalausweis", "ausweis", "ausweisnummer", "ausweis-nr", "ausweis nr", "personalausweisnummer", "id card", "id-card", "identity card", "identitätskarte"},
		Normalize:  normAlnumUpper, Mask: maskIDLast2,
	}, []string{"~usweis"}, []string{"personalausweis", "ausweis", "ausweisnummer", "personalausweisnummer", "id card number", "identity card number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "it-fiscal-code", InfoType: ItalyFiscalCode, Category: CategoryIdentity, Version: 1,
		Description: "Italian codice fiscale of a person with context nearby: name codes, birth date, municipality, check character; omocodia allowed",
		Pattern:     `[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]`, Edge: EdgeWord,
		Validate: idValidateRaw(1, itFiscalCodeValid), Likelihood: Unlikely,
		Context:   []string{"codice fiscale", "cod. fisc", "cod fisc", "c.f.", "cf", "fiscal code", "tax code", "codicefiscale"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"~fisc", "c.f.", "cf:", "cf "}, []string{"codice fiscale", "codicefiscale", "cf", "fiscal code", "tax code", "cod fisc"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "ie-ppsn", InfoType: IrelandPPSN, Category: CategoryIdentity, Version: 1,
		Description: "Irish PPS number with context nearby: seven digits, a mod-23 check letter, an optional second letter",
		Pattern:     `\d{7}[A-W][A-IW]?`, Edge: EdgeWord,
		Validate: idValidateRaw(1, ppsnValid), Likelihood: Unlikely,
		Context:   []string{"ppsn", "pps number", "pps no", "pps", "personal public service"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"ppsn", "pps no", "pps number"}, []string{"ppsn", "pps number", "pps no", "pps"})...)
	return ds
}

var (
	nirContext = []string{"nir", "sécurité sociale", "securite sociale", "numéro de sécurité sociale", "numero de securite sociale",
		"n° ss", "secu", "sécu", "insee", "carte vitale", "social security"}
	beContext = []string{"rijksregisternummer", "rijksregister", "registre national", "numéro national", "numero national",
		"national number", "national register", "insz", "niss", "identificatienummer"}
	seContext   = []string{"personnummer", "personnr", "samordningsnummer", "person number", "personal identity number"}
	hetuContext = []string{"henkilötunnus", "henkilotunnus", "hetu", "sotu", "personbeteckning", "personal identity code"}
)

// --- the Americas -----------------------------------------------------------

func americanIDDetectors() []*Detector {
	ds := []*Detector{
		{
			ID: "br-cpf", InfoType: BrazilCPFNumber, Category: CategoryIdentity, Version: 1,
			Description: "Brazilian CPF written 000.000.000-00: two mod-11 check digits",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 11, Groups: []string{"3-3-3-2"}},
			Pattern:  `\d{3}\.\d{3}\.\d{3}-\d{2}`,
			Edge:     EdgeNumber,
			Validate: idValidate(".-", 1, cpfValid), Likelihood: Possible,
			Context:   cpfContext,
			Normalize: normDigits, Mask: maskIDLast2,
		},

		{
			ID: "mx-curp", InfoType: MexicoCURPNumber, Category: CategoryIdentity, Version: 1,
			Description: "Mexican CURP: name letters, birth date, sex, state, consonants, homoclave and check digit",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 6, Letters: true, Groups: []string{"6"}},
			Find:     findCURP,
			Validate: idValidateRaw(1, curpValid), Likelihood: Possible,
			Context:   []string{"curp", "clave única de registro de población", "clave unica de registro de poblacion", "clave única", "clave unica"},
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
	}
	ds = append(ds, contextAnchored(&Detector{
		ID: "us-routing-number", InfoType: USBankRoutingMICR, Category: CategoryFinancial, Version: 1,
		Description: "ABA routing transit number with context nearby: Federal Reserve prefix and 3-7-1 checksum",
		Pattern:     `\d{9}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, abaValid), Likelihood: Unlikely,
		Context:   []string{"routing", "aba", "rtn", "micr", "transit number", "routing transit", "bank routing"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"~uting n", "~uting #", "~uting:", "~aba:", "~aba #", "~aba no", "~aba num", "~aba rout", "~rtn"}, []string{"routing", "routing number", "aba", "aba number", "rtn", "micr", "transit number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "us-ein", InfoType: USEmployerIdentification, Category: CategoryIdentity, Version: 1,
		Description: "US Employer Identification Number XX-XXXXXXX with an IRS-assigned prefix and context nearby",
		Pattern:     `\d{2}-\d{7}|\d{9}`, Edge: EdgeNumber,
		Validate: idValidate("-", 0, einValid), Likelihood: Unlikely,
		Context:   []string{"ein", "fein", "employer identification", "employer id", "federal tax id", "federal tax identification", "federal employer"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"ein:", "ein#", "ein no", "ein number", "fein", "federal tax", "federal employer"}, []string{"ein", "fein", "employer identification number", "employer id", "federal tax id"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "us-itin", InfoType: USIndividualTaxpayerID, Category: CategoryIdentity, Version: 1,
		Description: "US ITIN (9XX-XX-XXXX, grouped or not) with the IRS's group ranges (50-65, 70-88, 90-92, 94-99) and context nearby",
		Pattern:     `9\d{2}-\d{2}-\d{4}|9\d{2} \d{2} \d{4}|9\d{8}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate("- ", 1, itinValid), Likelihood: Unlikely,
		Context:   itinContext,
		Normalize: normDigits, Mask: maskSSN,
	}, []string{"itin"}, []string{"itin", "individual taxpayer identification number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "us-passport", InfoType: USPassport, Category: CategoryIdentity, Version: 1,
		Description: "US passport book or card number (nine digits, or a letter and eight digits) with US passport context nearby",
		Pattern:     `[A-Z]\d{8}|\d{9}`, Edge: EdgeWord,
		Validate: idValidateRaw(1, func(v []byte) bool { return usPassportValid(v) && !idLooksLikeDate(v) }), Likelihood: Unlikely,
		Context:   []string{"us passport", "u.s. passport", "united states passport", "american passport", "passport card", "usa passport"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"passport"}, []string{"us passport", "us passport number", "usa passport", "united states passport"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "us-drivers-license", InfoType: USDriversLicenseNumber, Category: CategoryIdentity, Version: 1,
		Description: "US driver's license number in one of the states' formats, with context nearby",
		Pattern:     `[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z0-9]{6,19}`, Edge: EdgeWord,
		Validate: func(v []byte) (int, bool) {
			var buf [20]byte
			c := buf[:0]
			for _, b := range v {
				if b != '-' && len(c) < len(buf) {
					c = append(c, b)
				}
			}
			return 0, dlValid(c) && !idLooksLikeDate(c)
		},
		Likelihood: Unlikely,
		Context:    dlContext,
		Normalize:  normAlnumUpper, Mask: maskIDLast2,
	}, []string{"driver's lic", "drivers lic", "driver lic", "driving lic", "dl#", "dl no", "dl:", "dln", "cdl"},
		[]string{"drivers license", "driver license", "drivers licence", "driving licence", "driving license", "dl", "dln", "dl number", "license number", "licence number", "cdl"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "br-cpf-bare", InfoType: BrazilCPFNumber, Category: CategoryIdentity, Version: 1,
		Description: "Brazilian CPF of eleven digits with context nearby",
		Pattern:     `\d{11}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, cpfValid), Likelihood: Unlikely,
		Context:   cpfContext,
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"cpf"}, []string{"cpf", "cpf number", "numero cpf"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "ca-sin", InfoType: CanadaSocialInsuranceNumber, Category: CategoryIdentity, Version: 1,
		Description: "Canadian Social Insurance Number with context nearby: nine digits, Luhn, an issued first digit",
		Pattern:     `\d{3}[ -]\d{3}[ -]\d{3}|\d{9}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(" -", 1, sinValid), Likelihood: Unlikely,
		Context:   []string{"sin", "social insurance", "numéro d'assurance sociale", "numero d'assurance sociale", "assurance sociale", "nas"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"sin ", "sin:", "sin#", "sin-", "sin no", "sin number", "social insurance"}, []string{"sin", "social insurance number", "nas"})...)
	return ds
}

var (
	itinContext = []string{"itin", "individual taxpayer", "taxpayer identification", "taxpayer id"}
	cpfContext  = []string{"cpf", "cadastro de pessoas", "cpf/mf"}
	dlContext   = []string{"driver's license", "drivers license", "driver license", "driver's licence", "drivers licence",
		"driving licence", "driving license", "driver lic", "dl#", "dl no", "dl number", "dln", "license number",
		"licence number", "license no", "lic no", "lic#", "operator license", "cdl"}
)

// --- Asia, Africa, Oceania --------------------------------------------------

func asiaPacificIDDetectors() []*Detector {
	ds := []*Detector{
		{
			ID: "kr-rrn", InfoType: KoreaRRN, Category: CategoryIdentity, Version: 1,
			Description: "Korean resident registration number YYMMDD-GNNNNNN: birth date and century digit; the check digit of numbers issued before 2020 raises it",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 13, Groups: []string{"6-7"}},
			Pattern: `\d{6}-\d{7}`, Edge: EdgeNumber,
			Validate: rrnValidate, Likelihood: Possible,
			Context:   rrnContext,
			Normalize: normDigits, Mask: maskIDLast2,
		},
		{
			ID: "sg-nric", InfoType: SingaporeNRIC, Category: CategoryIdentity, Version: 1,
			Description: "Singapore NRIC/FIN: S, T, F, G or M, seven digits and the check letter of the prefix's table",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 7, Capital: true, Groups: []string{"7"}}, Before: 1, After: 1,
			Pattern: `[STFGM]\d{7}[A-Z]`, Edge: EdgeWord,
			Validate: idValidateRaw(1, nricValid), Likelihood: Possible,
			Context:   []string{"nric", "fin", "nric/fin", "identity card", "ic number", "ic no"},
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
		{
			ID: "cn-resident-id", InfoType: ChinaResidentIDNumber, Category: CategoryIdentity, Version: 1,
			Description: "Chinese resident identity number: region, birth date, sequence, ISO 7064 MOD 11-2 check (X); 15-digit first-generation numbers need context",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 15, Groups: []string{"17..18", "15"}}, After: 1,
			Pattern: `\d{17}[\dXx]|\d{15}`,
			Edge:    EdgeNumber,
			Validate: func(v []byte) (int, bool) {
				var buf [18]byte
				ok, checked := cnResidentIDValid(normAlnumUpper(buf[:0], v))
				if !checked {
					return -1, ok // no check digit
				}
				return 1, ok
			},
			Likelihood: Possible,
			Context:    []string{"身份证", "身份证号", "居民身份证", "公民身份号码", "resident id", "identity card", "id card", "shenfenzheng", "citizen id"},
			Normalize:  normAlnumUpper, Mask: maskIDLast2,
		},
	}
	ds = append(ds, contextAnchored(&Detector{
		ID: "kr-rrn-bare", InfoType: KoreaRRN, Category: CategoryIdentity, Version: 1,
		Description: "Korean resident registration number of thirteen digits with context nearby",
		Pattern:     `\d{13}`, Edge: EdgeNumber,
		Validate: rrnValidate, Likelihood: Unlikely,
		Context:   rrnContext,
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"주민등록번호", "주민번호", "rrn", "jumin"}, []string{"rrn", "resident registration number", "jumin", "주민등록번호"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "in-aadhaar", InfoType: IndiaAadhaarIndividual, Category: CategoryIdentity, Version: 1,
		Description: "Indian Aadhaar number with context nearby: twelve digits not starting with 0 or 1, Verhoeff check digit",
		Pattern:     `\d{4} \d{4} \d{4}|\d{4}-\d{4}-\d{4}|\d{12}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(" -", 1, aadhaarValid), Likelihood: Unlikely,
		Context:   []string{"aadhaar", "aadhar", "adhaar", "uidai", "आधार"},
		Normalize: normDigits, Mask: maskIDLast4,
	}, []string{"aadhaar", "aadhar", "adhaar", "uidai", "आधार"}, []string{"aadhaar", "aadhar", "adhaar", "aadhaar number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "in-pan", InfoType: IndiaPANIndividual, Category: CategoryIdentity, Version: 1,
		Description: "Indian PAN of an individual (fourth letter P) with context nearby",
		Pattern:     `[A-Z]{3}P[A-Z]\d{4}[A-Z]`, Edge: EdgeWord,
		Validate: idValidateRaw(1, func(v []byte) bool { return panValid(v, true) }), Likelihood: Unlikely,
		Context:   []string{"pan", "pan card", "pan no", "pan number", "permanent account", "income tax"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"pan ", "pan:", "pan#"}, []string{"pan", "pan number", "pan no", "pan card", "permanent account number"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "au-tfn", InfoType: AustraliaTaxFileNumber, Category: CategoryIdentity, Version: 1,
		Description: "Australian Tax File Number with context nearby: eight or nine digits, weighted mod 11",
		Pattern:     `\d{3}[ -]\d{3}[ -]\d{3}|\d{9}|\d{8}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(" -", 1, tfnValid), Likelihood: Unlikely,
		Context:   []string{"tfn", "tax file number", "tax file no", "tax file"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"tfn", "tax file"}, []string{"tfn", "tax file number", "tax file no"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "jp-my-number", InfoType: JapanIndividualNumber, Category: CategoryIdentity, Version: 1,
		Description: "Japanese Individual Number (My Number) with context nearby: twelve digits with a weighted mod-11 check digit",
		Pattern:     `\d{4} \d{4} \d{4}|\d{4}-\d{4}-\d{4}|\d{12}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(" -", 1, myNumberValid), Likelihood: Unlikely,
		Context:   []string{"my number", "mynumber", "マイナンバー", "個人番号", "individual number", "kojin bango"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"my number", "mynumber", "マイナンバー", "個人番号", "kojin bango"},
		[]string{"my number", "mynumber", "individual number", "kojin bango"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "za-id", InfoType: SouthAfricaIDNumber, Category: CategoryIdentity, Version: 1,
		Description: "South African identity number with context nearby: birth date, citizenship digit, Luhn",
		Pattern:     `\d{6} \d{4} \d{3}|\d{13}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(" ", 1, zaIDValid), Likelihood: Unlikely,
		Context:   []string{"south african id", "rsa id", "sa id", "za id", "identity number", "id number", "id no"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"rsa id", "za id"},
		[]string{"sa id", "rsa id", "za id", "identity number", "id number", "south african id"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "il-id", InfoType: IsraelIdentityCardNumber, Category: CategoryIdentity, Version: 1,
		Description: "Israeli identity number (Teudat Zehut) with context nearby: nine digits, Luhn-style check",
		Pattern:     `\d{9}`, Edge: EdgeNumber,
		Validate: idValidateRaw(1, ilIDValid), Likelihood: Unlikely,
		Context:   ilContext,
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"zehut", "israeli id", "israel id", "תעודת זהות", "ת.ז", "ת\"ז"}, []string{"teudat zehut", "zehut", "israeli id", "mispar zehut"})...)
	return ds
}

var rrnContext = []string{"주민등록번호", "주민번호", "resident registration", "rrn", "jumin"}

// rrnValidate: a real birth date and century digit decide; the check digit
// of numbers issued before October 2020 raises the likelihood.
func rrnValidate(v []byte) (int, bool) {
	var buf [14]byte
	d, ok := idDigits(buf[:0], v, "-")
	if !ok {
		return 0, false
	}
	ok, checksum := rrnValid(d)
	if checksum {
		return 1, ok
	}
	return 0, ok
}

var ilContext = []string{"teudat zehut", "mispar zehut", "zehut", "israeli id", "israel id", "תעודת זהות", "ת.ז", "ת\"ז"}

// --- banking and cryptocurrency ---------------------------------------------

// ethKeywords are "0x" and a hex digit: the prefilter needs three bytes.
var ethKeywords = []string{"0x0", "0x1", "0x2", "0x3", "0x4", "0x5", "0x6", "0x7", "0x8", "0x9", "0xa", "0xb", "0xc", "0xd", "0xe", "0xf"}

func idFinancialDetectors() []*Detector {
	ds := []*Detector{
		{
			ID: "bitcoin-address", InfoType: CryptoWalletAddress, Category: CategoryFinancial, Version: 1,
			Description: "Bitcoin address: Base58Check (P2PKH, P2SH) with its double-SHA-256 checksum, or bech32/bech32m segwit (BIP 173/350)",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 1, Letters: true},
			Find: findBTC, findsTokens: true,
			Validate: idValidateRaw(1, btcAddressValid), Likelihood: Possible,
			Context:   []string{"bitcoin", "btc", "wallet", "address", "segwit", "crypto"},
			Normalize: normCrypto, Mask: maskCrypto,
		},
		{
			ID: "ethereum-address", InfoType: CryptoWalletAddress, Category: CategoryFinancial, Version: 1,
			Description: "Ethereum address 0x + 40 hex digits in mixed case carrying its EIP-55 checksum",
			Anchor:      AnchorKeyword, Keywords: ethKeywords, KeywordStartsWord: true, After: 42,
			Pattern: `0x[0-9a-fA-F]{40}`, Edge: EdgeWord,
			Validate: func(v []byte) (int, bool) {
				ok, checksummed := ethAddressValid(v)
				return 1, ok && checksummed
			},
			Likelihood: Possible,
			Context:    ethContext,
			Normalize:  normCrypto, Mask: maskCrypto,
		},
		{
			ID: "ethereum-address-unchecked", InfoType: CryptoWalletAddress, Category: CategoryFinancial, Version: 1,
			Description: "Ethereum address 0x + 40 hex digits in one case (no EIP-55 checksum), with context nearby or in the field name",
			Anchor:      AnchorKeyword, Keywords: ethKeywords, KeywordStartsWord: true, After: 42,
			Pattern: `0x[0-9a-fA-F]{40}`, Edge: EdgeWord,
			Validate: func(v []byte) (int, bool) {
				ok, checksummed := ethAddressValid(v)
				return 0, ok && !checksummed
			},
			Likelihood: Unlikely, RequireContext: true,
			Context:   ethContext,
			Normalize: normCrypto, Mask: maskCrypto,
		},
	}
	ds = append(ds, contextAnchored(&Detector{
		ID: "swift-code", InfoType: SwiftCode, Category: CategoryFinancial, Version: 1,
		Description: "SWIFT/BIC code (ISO 9362): bank code, ISO 3166 country, location, optional branch; with context nearby",
		Pattern:     `[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?`, Edge: EdgeWord, Refine: refineBIC,
		Validate: idValidateRaw(1, bicValid), Likelihood: Unlikely,
		Context:   []string{"swift", "bic", "swift code", "bic code", "swift/bic", "bank identifier", "swift-code"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"swift", "bic ", "bic:", "bic/", "bic-", "bic)", "bic code"}, []string{"swift", "bic", "swift code", "bic code", "swift bic"})...)
	return ds
}

var ethContext = []string{"eth", "ethereum", "wallet", "address", "erc20", "erc-20", "metamask", "ens", "etherscan"}

// refineBIC rejects a BIC-shaped word inside upper-case prose: "BUSINESS"
// and "CUSTOMER" have the shape and a country code in the right place, and
// next to other capitalised words they are words.
func refineBIC(text []byte, s, e int) (int, int, bool) {
	if capsWordNear(text, s, -1) || capsWordNear(text, e, 1) {
		return 0, 0, false
	}
	return s, e, true
}

// capsWordNear reports whether, past the one space at the edge i of a match
// (dir -1: before it, 1: after it), there is an upper-case word of four or
// more letters other than the words that name a BIC.
func capsWordNear(text []byte, i, dir int) bool {
	j := i
	if dir < 0 {
		j--
	}
	if j < 0 || j >= len(text) || text[j] != ' ' {
		return false
	}
	var s, e int
	if dir < 0 {
		e = j
		s = e
		for s > 0 && idIsUpper(text[s-1]) {
			s--
		}
	} else {
		s = j + 1
		e = s
		for e < len(text) && idIsUpper(text[e]) {
			e++
		}
	}
	if e-s < 4 {
		return false
	}
	switch string(text[s:e]) {
	case "SWIFT", "CODE", "BANK", "IBAN", "ACCOUNT":
		return false
	}
	return true
}

// --- health ------------------------------------------------------------------

func idHealthDetectors() []*Detector {
	ds := []*Detector{
		{
			ID: "mrn", InfoType: MedicalRecordNumber, Category: CategoryHealth, Version: 1,
			Description: "Medical record number right after its label (MRN, medical record number)",
			Anchor:      AnchorKeyword, Keywords: []string{"mrn", "medical record", "med rec"}, KeywordStartsWord: true, After: 48, Until: UntilLine,
			Pattern:  `(?i:mrn|medical record(?: number| no\.?| #)?|med\.? rec\.?(?: no\.?| #)?)[ \t]*(?:#|no\.?|number)?[ \t]*[:=#-]?[ \t]*"?(?P<v>[A-Z]{0,3}-?\d{4,12})`,
			Edge:     EdgeWord,
			Validate: idValidateRaw(1, mrnValid), Likelihood: Unlikely, RequireContext: true,
			Context:   mrnContext,
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
		{
			ID: "mrn-field", InfoType: MedicalRecordNumber, Category: CategoryHealth, Version: 1,
			Description: "Medical record number in a field named for it",
			Anchor:      AnchorField, FieldNames: []string{"mrn", "medical record number", "medical record no", "medical record", "med rec no"},
			Pattern: `[A-Z]{0,3}-?\d{4,12}`, Edge: EdgeWord,
			Validate: idValidateRaw(1, mrnValid), Likelihood: Unlikely, RequireContext: true,
			Context:   mrnContext,
			Normalize: normAlnumUpper, Mask: maskIDLast2,
		},
	}
	ds = append(ds, contextAnchored(&Detector{
		ID: "icd10", InfoType: ICD10Code, Category: CategoryHealth, Version: 1,
		Description: "ICD-10 / ICD-10-CM diagnosis code with context nearby",
		Pattern:     `[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?`, Edge: EdgeWord,
		Validate: idValidateRaw(1, icd10Valid), Likelihood: Unlikely,
		Context:   []string{"icd", "icd-10", "icd10", "icd-10-cm", "diagnosis", "diagnoses", "diagnostic", "dx"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"icd", "diagnos", "dx:", "dx "}, []string{"icd", "icd10", "icd 10", "diagnosis", "diagnosis code", "dx", "dx code"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "us-dea", InfoType: USDEANumber, Category: CategoryHealth, Version: 1,
		Description: "US DEA registration number with context nearby: registrant type, name initial, seven digits with the DEA checksum",
		Pattern:     `[A-Z][A-Z9]\d{7}`, Edge: EdgeWord,
		Validate: idValidateRaw(1, deaValid), Likelihood: Unlikely,
		Context:   []string{"dea", "dea number", "dea no", "dea#", "dea registration", "prescriber"},
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"dea ", "dea:", "dea#"}, []string{"dea", "dea number", "dea no", "dea registration"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "uk-nhs", InfoType: UKNHSNumber, Category: CategoryHealth, Version: 1,
		Description: "UK NHS number with context nearby: ten digits, weighted mod-11 check digit",
		Pattern:     `\d{3} \d{3} \d{4}|\d{3}-\d{3}-\d{4}|\d{10}`, Edge: EdgeNumber, Refine: refineGrouped,
		Validate: idValidate(" -", 1, nhsValid), Likelihood: Unlikely,
		Context:   []string{"nhs", "nhs number", "nhs no", "national health service"},
		Normalize: normDigits, Mask: maskIDLast2,
	}, []string{"nhs"}, []string{"nhs", "nhs number", "nhs no"})...)
	return ds
}

var mrnContext = []string{"mrn", "medical record", "med rec"}

// mrnValid accepts a record number with four to twelve digits that is not
// one digit repeated and not a date.
func mrnValid(v []byte) bool {
	var buf [16]byte
	d := buf[:0]
	for _, c := range v {
		if isDigit(c) && len(d) < len(buf) {
			d = append(d, c)
		}
	}
	return len(d) >= 4 && !idSameDigit(d) && !idLooksLikeDate(d)
}

// --- devices, vehicles, travel documents --------------------------------------

func idDeviceDetectors() []*Detector {
	ds := []*Detector{
		{
			ID: "imei", InfoType: IMEIHardwareID, Category: CategoryIdentity, Version: 1,
			Description: "IMEI: fifteen digits (or AA-BBBBBB-CCCCCC-D) with a GSMA reporting body prefix and Luhn; context raises it",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 15, Groups: []string{"15", "2-6-6-1"}},
			Pattern: `\d{2}-\d{6}-\d{6}-\d|\d{15}`, Edge: EdgeNumber,
			Validate: func(v []byte) (int, bool) {
				var buf [16]byte
				d, _ := idDigits(buf[:0], v, "-")
				if len(v) == 18 {
					return 2, imeiValid(d) // the IMEI's own grouping
				}
				return 1, imeiValid(d)
			},
			Likelihood: Unlikely,
			Context:    []string{"imei", "imei number", "imei no", "handset", "device id"},
			Normalize:  normDigits, Mask: maskIDLast2,
		},
	}
	ds = append(ds, contextAnchored(&Detector{
		ID: "vin", InfoType: VehicleIdentificationNumber, Category: CategoryIdentity, Version: 1,
		Description: "Vehicle identification number (seventeen characters without I, O, Q) with context nearby; the position-9 check digit raises it",
		Pattern:     `[A-HJ-NPR-Z0-9]{17}`, Edge: EdgeWord,
		Validate: func(v []byte) (int, bool) {
			ok, check := vinValid(v)
			if check {
				return 1, ok
			}
			return 0, ok
		},
		Likelihood: Unlikely,
		Context:    []string{"vin", "vin number", "vehicle identification", "chassis", "chassis number", "fahrgestellnummer", "vehicle id"},
		Normalize:  normAlnumUpper, Mask: maskIDLast4,
	}, []string{"vin ", "vin:", "vin#", "vin-", "vin)", "(vin", "vin no", "vin number", "vehicle identification", "fahrgestell"},
		[]string{"vin", "vin number", "vehicle identification number", "vehicle id", "chassis number", "fahrgestellnummer"})...)
	ds = append(ds, contextAnchored(&Detector{
		ID: "passport", InfoType: PassportNumber, Category: CategoryIdentity, Version: 1,
		Description: "Passport number of any country (six to nine capitals and digits, at least five digits) with context nearby",
		Pattern:     `[A-Z0-9]{6,9}`, Edge: EdgeWord,
		Validate: idValidateRaw(0, func(v []byte) bool { return passportValid(v) && !idLooksLikeDate(v) }), Likelihood: Unlikely,
		Context:   passportContext,
		Normalize: normAlnumUpper, Mask: maskIDLast2,
	}, []string{"passport", "pasaporte", "passeport", "reisepass", "passaporto", "paszport", "paspoort", "passnummer"},
		[]string{"passport", "passport number", "passport no", "pasaporte", "passeport", "reisepass", "passaporto", "paszport", "paspoort", "passnummer"})...)
	return ds
}

var passportContext = []string{"passport", "pasaporte", "passeport", "reisepass", "passaporto", "paszport", "paspoort", "passnummer", "travel document"}
