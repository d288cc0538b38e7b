package classify_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
)

// FuzzScan: any text under any field name is scanned without panic;
// findings lie inside the text, come in offset order, never carry the
// value in their preview, and do not depend on what the scanner saw
// before.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"", "plain words only", "mail a.b@c.de now", "call (212) 200-3000", "2001:db8::1 and 10.0.0.1",
		"password=abc-123!", "postgres://u:p@h/db", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
		"4111 1111 1111 1111", "DE00 0000 0000 0000 0000 00", "ghp_", "eyJ.eyJ.", "xoxb-1-", "sk-ant-", "AIza", "::", "@@",
		"\xff\xfe invalid utf-8 \xc3", strings.Repeat("9", 40), strings.Repeat("a:", 30),
		"blob Y29udGFjdCBtZSBhdCBhLmJAYy5kZSBub3c= end", "to=a.b%40c.de&x=1", `{\"m\":\"a.b\u0040c.de\"}`,
		"ZXlKbGJXRnBiQ0k2SW1FdVlrQmpMbVJsSW4w", "%%%41%4", `\u00`,
		"Der Hund lief über die Wiese, und Herr Koch kam mit dem Zucker.",
		"the Sines of Incidence, the Angle of Refraction, the Rays of Light, the Sines had, Grace said",
	} {
		f.Add("text", s)
	}
	f.Add("password", "hunter-22x")
	f.Add("ssn", "123456789")
	e := testEngine(f, classify.Options{MinLikelihood: classify.VeryUnlikely})
	warm := e.NewScanner()
	f.Fuzz(func(t *testing.T, field, text string) {
		got := scanAll(warm, field, []byte(text))
		fresh := scanAll(e.NewScanner(), field, []byte(text))
		if !reflect.DeepEqual(got, fresh) {
			t.Fatalf("a used scanner and a fresh one disagree:\n%+v\n%+v", got, fresh)
		}
		last := -1
		for _, fd := range got {
			if fd.Offset < 0 || fd.Length <= 0 || fd.Offset+fd.Length > len(text) {
				t.Fatalf("finding %+v outside text of %d bytes", fd, len(text))
			}
			if fd.Offset < last {
				t.Fatalf("findings out of order: %+v", got)
			}
			last = fd.Offset
			if v := text[fd.Offset : fd.Offset+fd.Length]; len(v) >= 8 && strings.Contains(fd.Preview, v) {
				t.Fatalf("preview holds the value: %+v", fd)
			}
			if fd.Likelihood < classify.VeryUnlikely || fd.Likelihood > classify.VeryLikely {
				t.Fatalf("likelihood out of range: %+v", fd)
			}
		}
	})
}
