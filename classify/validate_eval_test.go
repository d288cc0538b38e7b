package classify

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The validator.js test vectors (MIT; see the README and LICENSE beside the
// file) live outside the repository, in the shared evaluation data. They
// measure agreement of our validators with third-party labels; they are not
// a source of patterns.
var valEvalCasesPath = filepath.Join("..", "..", "shared", "evaldata", "validatorjs-cases", "validatorjs_cases.json")

type valEvalBlock struct {
	ID        int               `json:"id"`
	Validator string            `json:"validator"`
	Args      []json.RawMessage `json:"args"`
	Valid     []json.RawMessage `json:"valid"`
	Invalid   []json.RawMessage `json:"invalid"`
}

// valEvalStrings keeps the string values (a few blocks of validators we do
// not implement also test non-string inputs).
func valEvalStrings(raw []json.RawMessage) []string {
	var out []string
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, s)
		}
	}
	return out
}

// valEvalCheck is one validator.js validator as we judge it.
type valEvalCheck struct {
	// defaults are validator.js's default option values: a block whose
	// options object sets only these keys to these values tests default
	// behaviour, as do blocks with no args.
	defaults map[string]any
	// positional selects blocks by their first non-object argument
	// (isIP's version), nil when the validator takes none.
	positional func(arg any) (variant string, ok bool)
	// ours is our verdict for one value under a block's variant.
	ours func(variant, v string) bool
	// exclude names the deliberate semantic difference that takes a value
	// out of the comparison, or "". It looks only at the value, never at
	// its label.
	exclude func(v string) string
	// minAgreement is asserted; 0 means log only.
	minAgreement float64
}

// valEvalChecks are the validator.js validators we implement, compared on
// their default-behaviour blocks.
var valEvalChecks = map[string]valEvalCheck{
	// isCreditCard strips spaces and dashes, requires a known network's
	// prefix and length, and Luhn. So do we, with digitsOnly, cardNetwork
	// and luhn.
	"isCreditCard": {
		ours: func(_, v string) bool {
			d := digitsOnly(nil, []byte(v))
			return cardNetwork(d) != "" && luhn(d)
		},
		exclude: func(v string) string {
			// validator.js counts an IIN 81 range as UnionPay. Our network
			// table (the issuers' published ranges: UnionPay 62) has no
			// network on MII 8, so 81… numbers are not cards to us.
			if d := digitsOnly(nil, []byte(v)); len(d) >= 2 && d[0] == '8' && d[1] == '1' {
				return "IIN 81 (UnionPay to validator.js)"
			}
			return ""
		},
		minAgreement: 0.99,
	},
	// isLuhnNumber strips spaces and dashes and checks Luhn.
	"isLuhnNumber": {
		ours: func(_, v string) bool { return luhn(digitsOnly(nil, []byte(v))) },
		exclude: func(v string) string {
			// luhn needs two digits (a check digit and something to check);
			// validator.js accepts "0".
			if len(digitsOnly(nil, []byte(v))) == 1 {
				return "single digit"
			}
			return ""
		},
		minAgreement: 0.99,
	},
	// isIBAN strips whitespace and dashes, upper-cases, and checks the
	// country format and mod 97.
	"isIBAN": {
		ours: func(_, v string) bool { return ibanValid(ibanCompact(nil, []byte(v))) },
		exclude: func(v string) string {
			// validator.js also knows IBAN-like national formats of
			// countries outside the SWIFT registry (Algeria, Iran, Morocco,
			// Mozambique, …). We follow the registry.
			c := ibanCompact(nil, []byte(v))
			if len(c) >= 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && ibanLength(c[0], c[1]) == 0 {
				return "country outside the SWIFT registry"
			}
			return ""
		},
		minAgreement: 0.99,
	},
	"isEmail": {
		defaults: map[string]any{
			"allow_display_name": false, "require_display_name": false,
			"allow_utf8_local_part": true, "require_tld": true,
			"ignore_max_length": false, "allow_ip_domain": false,
			"domain_specific_validation": false, "allow_underscores": false,
		},
		ours: func(_, v string) bool { return emailValid([]byte(v)) },
		exclude: func(v string) string {
			// Quoted local parts ("john doe"@example.com) are valid RFC 5322
			// but almost never real mailboxes; we match dot-atoms only.
			if strings.HasPrefix(v, `"`) {
				return "quoted local part"
			}
			// validator.js accepts internationalized addresses (RFC 6531)
			// by default; our detector and validator are ASCII.
			for _, r := range v {
				if r >= utf8.RuneSelf && unicode.IsLetter(r) {
					return "internationalized (non-ASCII letters)"
				}
			}
			return ""
		},
		minAgreement: 0.99,
	},
	"isIP": {
		defaults: map[string]any{"version": nil},
		positional: func(arg any) (string, bool) {
			switch arg {
			case nil:
				return "any", true
			case float64(4):
				return "4", true
			case float64(6):
				return "6", true
			}
			return "", false // unknown versions: validator.js rejects everything
		},
		ours: func(variant, v string) bool {
			a, ok := ipAddr([]byte(v))
			switch variant {
			case "4":
				return ok && a.Is4()
			case "6":
				return ok && a.Is6()
			}
			return ok
		},
		exclude: func(v string) string {
			// Zones ("fe80::1%eth0") name an interface on the host that
			// wrote them; we reject them, validator.js accepts them.
			if strings.Contains(v, "%") {
				return "zone"
			}
			return ""
		},
		minAgreement: 0.99,
	},
	"isMACAddress": {
		ours: func(_, v string) bool { return macValid([]byte(v)) },
		exclude: func(v string) string {
			// validator.js also accepts space-separated pairs and 8-byte
			// EUI-64 by default, and does not single out the broadcast
			// and zero addresses. We accept the MAC-48 forms that are not
			// easily confused with hex dumps, and reject addresses that
			// identify no device.
			if strings.Contains(v, " ") {
				return "space separators"
			}
			hex, fs, zeros := 0, 0, 0
			for _, c := range v {
				if h := valHex(byte(c)); c < utf8.RuneSelf && h >= 0 {
					hex++
					switch h {
					case 15:
						fs++
					case 0:
						zeros++
					}
				}
			}
			switch {
			case hex == 16:
				return "EUI-64"
			case hex == 12 && (fs == 12 || zeros == 12):
				return "broadcast or zero address"
			}
			return ""
		},
		minAgreement: 0.99,
	},
	"isJWT": {
		ours:         func(_, v string) bool { return jwtValid([]byte(v)) },
		minAgreement: 0.99,
	},
}

// valEvalVariant decides whether a block tests default behaviour (and which
// variant), from its args.
func valEvalVariant(c valEvalCheck, args []json.RawMessage) (string, bool) {
	variant := "any"
	for _, raw := range args {
		var a any
		if err := json.Unmarshal(raw, &a); err != nil {
			return "", false
		}
		obj, isObj := a.(map[string]any)
		if !isObj {
			if c.positional == nil {
				return "", false
			}
			v, ok := c.positional(a)
			if !ok {
				return "", false
			}
			variant = v
			continue
		}
		for k, v := range obj {
			def, known := c.defaults[k]
			if !known {
				return "", false
			}
			if k == "version" && c.positional != nil {
				pv, ok := c.positional(v)
				if !ok {
					return "", false
				}
				variant = pv
				continue
			}
			if v != def {
				return "", false
			}
		}
	}
	return variant, true
}

func TestValidatorJSAgreement(t *testing.T) {
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
	type tally struct {
		blocks, agree, total int
		excluded             map[string]int
		excludedAgree        int // excluded values we judge as labeled anyway
		disagreements        []string
	}
	results := map[string]*tally{}
	for _, b := range blocks {
		c, ok := valEvalChecks[b.Validator]
		if !ok {
			continue
		}
		variant, ok := valEvalVariant(c, b.Args)
		if !ok {
			continue
		}
		r := results[b.Validator]
		if r == nil {
			r = &tally{excluded: map[string]int{}}
			results[b.Validator] = r
		}
		r.blocks++
		for _, lc := range []struct {
			values []string
			want   bool
		}{{valEvalStrings(b.Valid), true}, {valEvalStrings(b.Invalid), false}} {
			for _, v := range lc.values {
				if c.exclude != nil {
					if why := c.exclude(v); why != "" {
						r.excluded[why]++
						if c.ours(variant, v) == lc.want {
							r.excludedAgree++
						}
						continue
					}
				}
				r.total++
				if c.ours(variant, v) == lc.want {
					r.agree++
					continue
				}
				r.disagreements = append(r.disagreements, valEvalShow(b.ID, variant, v, lc.want))
			}
		}
	}
	var table [][]string
	for _, name := range []string{"isCreditCard", "isLuhnNumber", "isIBAN", "isEmail", "isIP", "isMACAddress", "isJWT"} {
		r := results[name]
		if r == nil || r.total == 0 {
			t.Errorf("%s: no default-behaviour cases found", name)
			continue
		}
		agreement := float64(r.agree) / float64(r.total)
		ex := ""
		whys := make([]string, 0, len(r.excluded))
		for why := range r.excluded {
			whys = append(whys, why)
		}
		sort.Strings(whys)
		for _, why := range whys {
			ex += fmt.Sprintf("%d %s; ", r.excluded[why], why)
		}
		table = append(table, []string{name, fmt.Sprintf("%d/%d", r.agree, r.total), fmt.Sprintf("%.3f", agreement), strings.TrimSuffix(ex, "; ")})
		t.Logf("%-13s %d blocks, %3d/%3d agree (%.3f); excluded %v (%d of them judged as labeled anyway)",
			name, r.blocks, r.agree, r.total, agreement, r.excluded, r.excludedAgree)
		for _, d := range r.disagreements {
			t.Logf("    disagree: %s", d)
		}
		if min := valEvalChecks[name].minAgreement; agreement < min {
			t.Errorf("%s agreement %.3f < %.2f", name, agreement, min)
		}
	}
	writeEvalTable(t, "3-validatorjs", "Validators against validator.js (validatorjs-cases)",
		"validator.js's own test vectors (valid and invalid values) for the validators behind residue's contact, "+
			"financial and network detectors, default options. Excluded values differ from validator.js by design "+
			"(reason per row), by rules on the value, not by listing strings.",
		[]string{"validator.js", "agree", "rate", "excluded"}, table)
	valEvalProviders(t, blocks)
}

// valEvalProviders compares cardNetwork with validator.js's per-provider
// blocks. Logged, not asserted: the networks' ranges differ by design
// (622126–622925 is Discover to us, UnionPay to validator.js; 67… is Maestro
// to us; 81… is no network to us).
func valEvalProviders(t *testing.T, blocks []valEvalBlock) {
	names := map[string]string{
		"amex": cardAmex, "dinersclub": cardDiners, "discover": cardDiscover, "jcb": cardJCB,
		"mastercard": cardMastercard, "unionpay": cardUnionPay, "visa": cardVisa,
	}
	agree, total := 0, 0
	var diffs []string
	for _, b := range blocks {
		if b.Validator != "isCreditCard" || len(b.Args) != 1 {
			continue
		}
		var opt struct{ Provider string }
		if json.Unmarshal(b.Args[0], &opt) != nil {
			continue
		}
		want, ok := names[strings.ToLower(opt.Provider)]
		if !ok {
			continue
		}
		for _, lc := range []struct {
			values []string
			label  bool
		}{{valEvalStrings(b.Valid), true}, {valEvalStrings(b.Invalid), false}} {
			for _, v := range lc.values {
				d := digitsOnly(nil, []byte(v))
				got := cardNetwork(d) == want && luhn(d)
				total++
				if got == lc.label {
					agree++
				} else {
					diffs = append(diffs, fmt.Sprintf("%s; cardNetwork %q", valEvalShow(b.ID, want, v, lc.label), cardNetwork(d)))
				}
			}
		}
	}
	if total == 0 {
		return
	}
	t.Logf("cardNetwork vs isCreditCard{provider}: %d/%d agree (%.3f), informational", agree, total, float64(agree)/float64(total))
	for _, d := range diffs {
		t.Logf("    differ: %s", d)
	}
}

// valEvalShow describes one disagreement. The values are validator.js's
// public test vectors, so printing them is fine.
func valEvalShow(id int, variant, v string, label bool) string {
	want := "invalid"
	if label {
		want = "valid"
	}
	if len(v) > 90 {
		v = v[:90] + "…"
	}
	return fmt.Sprintf("block %d [%s] labeled %s: %q", id, variant, want, v)
}
