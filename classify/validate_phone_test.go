package classify

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// phoneE164 is the E.164 form ("+14155550132") of a number phoneValid
// accepts, else "", false: what the tests compare with the library's.
func phoneE164(s []byte, defaultRegion string) (e164 string, ok bool) {
	cc, nsn, ok := phoneNumber(s, defaultRegion)
	if !ok {
		return "", false
	}
	out := append(strconv.AppendInt([]byte{'+'}, int64(cc), 10), nsn...)
	return string(out), true
}

// vtPhoneExample returns libphonenumber's own example number for region
// (its documentation value, not anyone's line) in the given format.
func vtPhoneExample(t testing.TB, region string, format phonenumbers.PhoneNumberFormat) string {
	t.Helper()
	n := phonenumbers.GetExampleNumber(region)
	if n == nil {
		t.Fatalf("no example number for %s", region)
	}
	return phonenumbers.Format(n, format)
}

func TestPhoneE164(t *testing.T) {
	type tc struct {
		name   string
		in     string
		region string
		want   string // "" = invalid
	}
	var tests []tc
	for _, region := range []string{"US", "GB", "DE", "FR", "IN", "BR", "JP", "AU", "NG"} {
		e164 := vtPhoneExample(t, region, phonenumbers.E164)
		intl := vtPhoneExample(t, region, phonenumbers.INTERNATIONAL)
		national := vtPhoneExample(t, region, phonenumbers.NATIONAL)
		tests = append(tests,
			tc{region + " e164", e164, "US", e164},
			tc{region + " international", intl, "US", e164},
			tc{region + " national in its region", national, region, e164},
		)
		if region != "US" {
			// A national number read with the wrong default region is
			// either invalid or a different number, never this one.
			tests = append(tests, tc{region + " national read as US", national, "US", "!" + e164})
		}
	}
	us := vtPhoneExample(t, "US", phonenumbers.E164) // +1NPANXXXXXX
	nsn := us[2:]
	tests = append(tests, []tc{
		{"us dashes", nsn[:3] + "-" + nsn[3:6] + "-" + nsn[6:], "US", us},
		{"us parens", "(" + nsn[:3] + ") " + nsn[3:6] + "-" + nsn[6:], "US", us},
		{"us dots", nsn[:3] + "." + nsn[3:6] + "." + nsn[6:], "US", us},
		{"us leading 1", "1 " + nsn, "US", us},
		{"us idd from us", "011 44 " + vtPhoneExample(t, "GB", phonenumbers.E164)[3:], "US", vtPhoneExample(t, "GB", phonenumbers.E164)},
		{"us slash", nsn[:3] + "/" + nsn[3:], "US", us},
		{"us tab", nsn[:3] + "\t" + nsn[3:], "US", ""},
		{"us area code 0xx", "099-555-0123", "US", ""},
		{"us 7-digit local", nsn[3:6] + "-" + nsn[6:], "US", ""},
		{"six digits", "555-012", "US", ""},
		{"sixteen digits", "+1 " + nsn + "123456", "US", ""},
		{"unknown country code", "+999 1234 5678", "US", ""},
		{"plus in the middle", nsn[:3] + "+" + nsn[3:], "US", ""},
		{"two pluses", "++" + us[1:], "US", ""},
		{"letters", "1-800-FLOWERS", "US", ""},
		{"extension", nsn + " ext. 12", "US", ""},
		{"x extension", nsn + "x12", "US", ""},
		{"fullwidth digits", "２０１５５５０１２３", "US", ""},
		{"arabic-indic digits", "٢٠١٥٥٥٠١٢٣", "US", ""},
		{"hash", nsn + "#", "US", ""},
		{"comma", nsn[:3] + "," + nsn[3:], "US", ""},
		{"empty", "", "US", ""},
		{"only separators", "(--) ..", "US", ""},
		{"huge", strings.Repeat("5", 1<<16), "US", ""},
		{"long with separators", strings.Repeat(" -", 30) + nsn, "US", ""},
		{"huge with separators", strings.Repeat(" -", 1<<15) + nsn, "US", ""},
		{"unknown region national", nsn, "ZZ", ""},
		{"unknown region international", us, "ZZ", us},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := phoneE164([]byte(tt.in), tt.region)
			switch {
			case strings.HasPrefix(tt.want, "!"):
				if ok && got == tt.want[1:] {
					t.Errorf("phoneE164(%q, %s) = %q, want anything else", tt.in, tt.region, got)
				}
			case tt.want == "":
				if ok || got != "" {
					t.Errorf("phoneE164(%.40q, %s) = %q, %v; want invalid", tt.in, tt.region, got, ok)
				}
			default:
				if !ok || got != tt.want {
					t.Errorf("phoneE164(%.40q, %s) = %q, %v; want %q", tt.in, tt.region, got, ok, tt.want)
				}
			}
			if ok {
				// The result is E.164: '+', 8–15 digits, and stable.
				if len(got) < 2 || got[0] != '+' || len(got) > 16 || strings.Trim(got[1:], "0123456789") != "" {
					t.Errorf("result %q is not E.164", got)
				}
				if again, ok2 := phoneE164([]byte(got), "US"); !ok2 || again != got {
					t.Errorf("phoneE164(%q) = %q, %v; want itself", got, again, ok2)
				}
			}
		})
	}
}

// TestPhoneE164Rejects pins the cheap rejections: they must return before
// the library runs, so they do not allocate.
func TestPhoneE164Rejects(t *testing.T) {
	for _, in := range []string{"12345", "1-800-FLOWERS", "1234567890123456", "２０１５５５０１２３", "555+0123", strings.Repeat(" ", 60) + "2015550123"} {
		b := []byte(in)
		if a := testing.AllocsPerRun(100, func() { phoneE164(b, "US") }); a != 0 {
			t.Errorf("phoneE164(%q) allocates %v times; the pre-check should reject it first", in, a)
		}
	}
}

func BenchmarkPhoneE164(b *testing.B) {
	cases := []struct {
		name string
		in   string
	}{
		{"us national", "(" + vtPhoneExample(b, "US", phonenumbers.E164)[2:5] + ") " + vtPhoneExample(b, "US", phonenumbers.E164)[5:8] + "-" + vtPhoneExample(b, "US", phonenumbers.E164)[8:]},
		{"gb international", vtPhoneExample(b, "GB", phonenumbers.INTERNATIONAL)},
		{"invalid us", "099-555-0123"},
		{"precheck reject", "1-800-FLOWERS"},
	}
	for _, c := range cases {
		in := []byte(c.in)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				phoneE164(in, "US")
			}
		})
	}
}

func FuzzValidatePhone(f *testing.F) {
	f.Add([]byte(vtPhoneExample(f, "US", phonenumbers.NATIONAL)), "US")
	f.Add([]byte(vtPhoneExample(f, "GB", phonenumbers.INTERNATIONAL)), "US")
	f.Add([]byte(vtPhoneExample(f, "DE", phonenumbers.NATIONAL)), "DE")
	f.Add([]byte("+1 (201) 555-0123"), "ZZ")
	f.Add([]byte("+011 44 20 7946 0000"), "US")
	f.Fuzz(func(t *testing.T, s []byte, region string) {
		got, ok := phoneE164(s, region)
		if want, wok := libraryPhoneE164(s, region); got != want || ok != wok {
			t.Fatalf("phoneE164(%q, %q) = %q, %v; the library says %q, %v", s, region, got, ok, want, wok)
		}
		if !ok {
			if got != "" {
				t.Fatalf("phoneE164(%q) = %q, false", s, got)
			}
			return
		}
		// A calling code of up to three digits and a national number of up
		// to 17: read as national, 14 digits in Germany come out as 16.
		if len(got) < 2 || got[0] != '+' || len(got) > 1+3+17 || strings.Trim(got[1:], "0123456789") != "" {
			t.Fatalf("phoneE164(%q, %q) = %q, not E.164", s, region, got)
		}
	})
}
