package classify

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// The national identifier, tax number, bank code and address validators
// compared with validator.js's test vectors (see validate_eval_test.go for
// where they live and why). Each check names the validator.js block it
// reads by validator and locale, and says where the two deliberately
// differ; those values are left out of the agreement by a rule that looks
// at the value only, never at its label.

type idEvalCheck struct {
	validator string // validator.js's name
	locale    string // the block's one argument; "" for a block without
	ours      string // what we compare it with
	judge     func(v string) bool
	exclude   func(v string) string
}

// idEvalDigits returns the digits of v when v holds nothing but digits and
// the separators in seps, else "".
func idEvalDigits(v, seps string) string {
	d, ok := idDigits(nil, []byte(v), seps)
	if !ok {
		return ""
	}
	return string(d)
}

var idEvalChecks = []idEvalCheck{
	{validator: "isIdentityCard", locale: "ES", ours: "dniValid, nieValid",
		judge: func(v string) bool { return dniValid([]byte(v)) || nieValid([]byte(v)) },
		exclude: func(v string) string {
			// Spanish records often write the letter after a dash; we
			// accept it, validator.js does not.
			if strings.Count(v, "-") == 1 && len(v) >= 2 && v[len(v)-2] == '-' {
				return "dash before the check letter"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "es-ES", ours: "dniValid, nieValid, nifKLMValid",
		judge: func(v string) bool { return dniValid([]byte(v)) || nieValid([]byte(v)) || nifKLMValid([]byte(v)) },
		exclude: func(v string) string {
			// validator.js pads a short DNI with zeros; a DNI is written
			// with all eight digits.
			if d := idEvalDigits(strings.TrimRight(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), ""); d != "" && len(d) < 8 && len(v) == len(d)+1 {
				return "fewer than eight digits"
			}
			return ""
		}},
	{validator: "isIdentityCard", locale: "FI", ours: "hetuValid", judge: func(v string) bool { return hetuValid([]byte(v)) }},
	{validator: "isTaxID", locale: "fi-FI", ours: "hetuValid", judge: func(v string) bool { return hetuValid([]byte(v)) }},
	{validator: "isIdentityCard", locale: "IN", ours: "aadhaarValid",
		judge: func(v string) bool { return aadhaarValid([]byte(idEvalDigits(v, " "))) }},
	{validator: "isIdentityCard", locale: "PL", ours: "peselValid",
		judge: func(v string) bool { return peselValid([]byte(v)) },
		exclude: func(v string) string {
			// validator.js checks the digit sum only; the first six digits
			// are a birth date, and we reject dates that do not exist.
			if peselChecksum([]byte(v)) && !peselValid([]byte(v)) {
				return "checksum holds, birth date impossible"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "pl-PL", ours: "peselValid",
		judge: func(v string) bool { return peselValid([]byte(v)) },
		exclude: func(v string) string {
			if idEvalDigits(v, "") != "" && len(v) == 10 {
				return "ten digits: a NIP (business tax number), not a PESEL"
			}
			return ""
		}},
	{validator: "isIdentityCard", locale: "he-IL", ours: "ilIDValid",
		judge: func(v string) bool { return len(v) == 9 && ilIDValid([]byte(v)) }},
	{validator: "isIdentityCard", locale: "zh-CN", ours: "cnResidentIDValid",
		judge: func(v string) bool { ok, _ := cnResidentIDValid([]byte(v)); return ok }},
	{validator: "isTaxID", locale: "dk-DK", ours: "cprValid",
		judge: func(v string) bool {
			d := idEvalDigits(v, "-")
			ok, _ := cprValid([]byte(d))
			return ok && (len(v) == 10 || len(v) == 11 && v[6] == '-')
		},
		exclude: func(v string) string {
			// validator.js requires the mod-11 check, which CPR numbers
			// issued since 2007 need not pass.
			if ok, mod11 := cprValid([]byte(idEvalDigits(v, "-"))); ok && !mod11 {
				return "date valid, mod 11 fails (allowed since 2007)"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "en-CA", ours: "sinValid",
		judge: func(v string) bool { return sinValid([]byte(idEvalDigits(v, " -"))) },
		exclude: func(v string) string {
			d := idEvalDigits(v, " -")
			switch {
			case d != "" && (d[0] == '0' || d[0] == '8'):
				// validator.js checks Luhn only; ESDC issues no SIN
				// starting with 0 or 8 (0… are the specimens of its
				// documentation).
				return "first digit 0 or 8"
			case d != "" && d != v:
				// SINs are written 3-3-3 with spaces or dashes;
				// validator.js takes the compact form only.
				return "grouped with separators"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "en-GB", ours: "ninoValid",
		judge: func(v string) bool {
			if strings.Contains(strings.TrimRight(v, " "), " ") {
				return false // validator.js and HMRC's written form: no inner spaces here
			}
			ok, _ := ninoValid([]byte(v))
			return ok
		},
		exclude: func(v string) string {
			if len(v) == 10 && idEvalDigits(v, "") != "" {
				return "ten digits: a UTR (self-assessment reference), not a NINO"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "en-IE", ours: "ppsnValid", judge: func(v string) bool { return ppsnValid([]byte(v)) }},
	{validator: "isTaxID", locale: "en-IN", ours: "panValid (any holder type)", judge: func(v string) bool { return panValid([]byte(v), false) }},
	{validator: "isTaxID", locale: "en-US", ours: "einValid",
		judge: func(v string) bool {
			ok := len(v) == 9 || len(v) == 10 && (v[2] == '-' || v[2] == ' ')
			return ok && einValid([]byte(idEvalDigits(v, "- ")))
		}},
	{validator: "isTaxID", locale: "nl-BE", ours: "beNationalNumberValid",
		judge: func(v string) bool { return beNationalNumberValid([]byte(idEvalDigits(v, "-./"))) }},
	{validator: "isTaxID", locale: "fr-BE", ours: "beNationalNumberValid",
		judge: func(v string) bool { return beNationalNumberValid([]byte(idEvalDigits(v, "-./"))) }},
	{validator: "isTaxID", locale: "it-IT", ours: "itFiscalCodeValid",
		judge: func(v string) bool { return itFiscalCodeValid([]byte(v)) },
		exclude: func(v string) string {
			// A code made unique by omocodia has letters in digit places,
			// and its check character is computed over the code as written
			// (Agenzia delle Entrate); validator.js restores the digits
			// first.
			if len(v) == 16 {
				for _, i := range cfDigitSlots {
					if strings.IndexByte(cfOmocodia, v[i]) >= 0 {
						return "omocodia letters"
					}
				}
			}
			return ""
		}},
	{validator: "isTaxID", locale: "nl-NL", ours: "bsnValid",
		judge: func(v string) bool { return idEvalDigits(v, "") != "" && bsnValid([]byte(v)) },
		exclude: func(v string) string {
			// A BSN kept as a number loses its leading zero; we read
			// eight digits as nine.
			if len(v) == 8 && idEvalDigits(v, "") != "" {
				return "eight digits (leading zero dropped)"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "pt-BR", ours: "cpfValid",
		judge: func(v string) bool {
			if len(v) == 14 && v[3] == '.' && v[7] == '.' && v[11] == '-' {
				v = idEvalDigits(v, ".-")
			}
			return cpfValid([]byte(v))
		},
		exclude: func(v string) string {
			if n := len(strings.NewReplacer(".", "", "/", "", "-", "").Replace(v)); n == 14 || n > 14 {
				return "fourteen characters: a CNPJ (company number), not a CPF"
			}
			return ""
		}},
	{validator: "isTaxID", locale: "sv-SE", ours: "personnummerValid",
		judge: func(v string) bool { return personnummerValid([]byte(v)) },
		exclude: func(v string) string {
			d := idEvalDigits(v, "-+")
			switch {
			case len(d) == 12:
				// The check digit covers YYMMDDNNN (Skatteverket);
				// validator.js runs Luhn over all twelve digits.
				return "twelve-digit (century) form"
			case strings.Contains(v, "+"):
				// '+' marks a holder of 100 or more; validator.js ties that
				// to today's date, we accept any real date a century back.
				return "centenarian sign"
			}
			return ""
		}},
	{validator: "isIMEI", ours: "imeiValid", judge: func(v string) bool { return imeiValid([]byte(v)) }},
	{validator: "isIMEI", locale: `{"allow_hyphens":true}`, ours: "imeiValid",
		judge: func(v string) bool {
			if len(v) == 18 && v[2] == '-' && v[9] == '-' && v[16] == '-' {
				v = idEvalDigits(v, "-")
			}
			return imeiValid([]byte(v))
		}},
	{validator: "isBIC", ours: "bicValid", judge: func(v string) bool { return bicValid([]byte(v)) }},
	{validator: "isAbaRouting", ours: "abaValid", judge: func(v string) bool { return abaValid([]byte(v)) }},
	{validator: "isEthereumAddress", ours: "ethAddressValid",
		judge: func(v string) bool { ok, _ := ethAddressValid([]byte(v)); return ok }},
	{validator: "isBtcAddress", ours: "btcAddressValid",
		judge: func(v string) bool { return btcAddressValid([]byte(v)) },
		exclude: func(v string) string {
			// BIP 173 allows a bech32 address in upper case throughout
			// (for QR codes); validator.js's pattern is lower case.
			if len(v) > 3 && (strings.HasPrefix(v, "BC1") || strings.HasPrefix(v, "TB1")) && strings.ToUpper(v) == v {
				return "upper-case bech32"
			}
			// validator.js matches the Base58 alphabet and a length; we
			// decode and verify the Base58Check checksum.
			if len(v) >= 26 && len(v) <= 35 && strings.IndexByte("123mn", v[0]) >= 0 && !btcBase58Valid([]byte(v)) {
				for i := 0; i < len(v); i++ {
					if base58Index[v[i]] < 0 {
						return ""
					}
				}
				return "Base58 shape, Base58Check checksum fails"
			}
			return ""
		}},
	{validator: "isPassportNumber", locale: "US", ours: "usPassportValid", judge: func(v string) bool { return usPassportValid([]byte(v)) }},
}

// idEvalArgs is the one argument of a block, compacted, or "".
func idEvalArgs(args []json.RawMessage) (string, bool) {
	switch len(args) {
	case 0:
		return "", true
	case 1:
		var s string
		if json.Unmarshal(args[0], &s) == nil {
			return s, true
		}
		var obj map[string]any
		if json.Unmarshal(args[0], &obj) == nil {
			b, _ := json.Marshal(obj)
			return string(b), true
		}
	}
	return "", false
}

func TestIDValidatorJSAgreement(t *testing.T) {
	var idTable [][]string
	raw, err := os.ReadFile(valEvalCasesPath)
	if os.IsNotExist(err) {
		t.Skipf("validator.js cases not present at %s", valEvalCasesPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var blocks []valEvalBlock
	if err := json.Unmarshal(raw, &blocks); err != nil {
		t.Fatalf("parse %s: %v", valEvalCasesPath, err)
	}
	var rows []string
	allAgree, allTotal := 0, 0
	for _, c := range idEvalChecks {
		agree, total, found := 0, 0, 0
		excluded := map[string]int{}
		var diffs []string
		for _, b := range blocks {
			arg, ok := idEvalArgs(b.Args)
			if b.Validator != c.validator || !ok || arg != c.locale {
				continue
			}
			found++
			for _, lc := range []struct {
				values []string
				want   bool
			}{{valEvalStrings(b.Valid), true}, {valEvalStrings(b.Invalid), false}} {
				for _, v := range lc.values {
					if c.exclude != nil {
						if why := c.exclude(v); why != "" {
							excluded[why]++
							continue
						}
					}
					total++
					if c.judge(v) == lc.want {
						agree++
					} else {
						diffs = append(diffs, valEvalShow(b.ID, c.locale, v, lc.want))
					}
				}
			}
		}
		if found == 0 || total == 0 {
			t.Errorf("%s %s: no cases found", c.validator, c.locale)
			continue
		}
		allAgree += agree
		allTotal += total
		rate := float64(agree) / float64(total)
		ex := ""
		whys := make([]string, 0, len(excluded))
		for why := range excluded {
			whys = append(whys, why)
		}
		sort.Strings(whys)
		for _, why := range whys {
			ex += fmt.Sprintf("; excluded %d: %s", excluded[why], why)
		}
		rows = append(rows, fmt.Sprintf("%-17s %-20s %-32s %3d/%3d  %.3f%s", c.validator, c.locale, c.ours, agree, total, rate, ex))
		idTable = append(idTable, []string{c.validator, c.locale, "`" + c.ours + "`", fmt.Sprintf("%d/%d", agree, total), fmt.Sprintf("%.3f", rate), strings.TrimPrefix(ex, "; ")})
		for _, d := range diffs {
			rows = append(rows, "    disagree: "+d)
		}
		if rate < 0.99 {
			t.Errorf("%s %s (%s): agreement %.3f < 0.99", c.validator, c.locale, c.ours, rate)
		}
	}
	t.Logf("validator.js agreement of the identifier validators (%d/%d overall):\n%s", allAgree, allTotal, strings.Join(rows, "\n"))
	idTable = append(idTable, []string{"**all**", "", "", fmt.Sprintf("%d/%d", allAgree, allTotal), fmt.Sprintf("%.3f", float64(allAgree)/float64(max(allTotal, 1))), ""})
	writeEvalTable(t, "4-validatorjs-ids", "Identifier validators against validator.js (validatorjs-cases)",
		"validator.js's own test vectors for the identifier validators residue implements, by locale. Values are excluded "+
			"only by rules that look at the value (stated per row), never by listing strings.",
		[]string{"validator.js", "locale", "residue", "agree", "rate", "excluded"}, idTable)
}
