package format_test

import (
	"strings"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

func TestJSONLFields(t *testing.T) {
	deep := strings.Repeat("[", 600) + strings.Repeat("]", 600)
	tests := []struct {
		name string
		in   string
		want string // dump of the records
		rows int64
	}{
		{
			name: "flat",
			in:   `{"text":"hello world","id":3}` + "\n",
			want: `row=0 lines=1 key=0 text="hello world"` + "\n",
			rows: 1,
		},
		{
			name: "nested paths",
			in:   `{"meta":{"author":{"email":"a at b"}},"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]}`,
			want: `row=0 lines=1 key=0 meta.author.email="a at b" messages[0].role="user" messages[0].content="hi" messages[1].role="assistant" messages[1].content="yo"` + "\n",
			rows: 1,
		},
		{
			name: "top-level array and string",
			in:   "[\"a\",[\"b\",{\"c\":\"d\"}]]\n\"bare\"\n",
			want: `row=0 lines=1 key=0 [0]="a" [1][0]="b" [1][1].c="d"` + "\n" +
				`row=1 lines=1 key=22 ="bare"` + "\n",
			rows: 2,
		},
		{
			name: "identifier-like numbers",
			in:   `{"n":1234567,"short":123456,"f":12345678.5,"e":1234567e3,"neg":-7654321,"long":1234567890123456,"z":0,"a":[9876543]}`,
			want: `row=0 lines=1 key=0 n="1234567" neg="-7654321" long="1234567890123456" a[0]="9876543"` + "\n",
			rows: 1,
		},
		{
			name: "escapes",
			in:   `{"a":"x\ny\"z\\\/\t\b\f\r\u00e9\ud83d\ude00|\ud800x|\udc00|\ud800\u0041|\uD83D\uDE00"}`,
			want: `row=0 lines=1 key=0 a="x\ny\"z\\/\t\b\f\ré😀|�x|�|�A|😀"` + "\n",
			rows: 1,
		},
		{
			name: "escaped keys",
			in:   `{"a\u002eb":"v","k\"":{"in\\ner":"w"}}`,
			// Keys with dots, quotes or backslashes are bracketed so the
			// path stays unambiguous.
			want: `row=0 lines=1 key=0 ["a.b"]="v" ["k\""]["in\\ner"]="w"` + "\n",
			rows: 1,
		},
		{
			name: "invalid utf8 kept byte-exact",
			in:   "{\"a\":\"\xff\xfe ok \xc3\",\"b\":\"x\\n\xff\"}\n",
			want: `row=0 lines=1 key=0 a="\xff\xfe ok \xc3" b="x\n\xff"` + "\n",
			rows: 1,
		},
		{
			name: "bom crlf blank lines",
			in:   "\xef\xbb\xbf{\"a\":\"b\"}\r\n\r\n   \n{\"a\":\"c\"}\r\n\n",
			want: `row=0 lines=1 key=0 a="b"` + "\n" + `row=3 lines=1 key=20 a="c"` + "\n",
			rows: 5,
		},
		{
			name: "empty strings and literals give no fields",
			in:   `{"e":"","t":true,"f":false,"n":null,"x":"y"}` + "\n" + `{"t":true}` + "\n",
			want: `row=0 lines=1 key=0 x="y"` + "\n" + `row=1 lines=1 key=45` + "\n",
			rows: 2,
		},
		{
			name: "raw control bytes in strings are accepted",
			in:   "{\"a\":\"tab\there\"}",
			want: `row=0 lines=1 key=0 a="tab\there"` + "\n",
			rows: 1,
		},
		{
			name: "whitespace everywhere",
			in:   " { \"a\" : [ \"b\" , 1 ] , \"c\" : { } } \n",
			want: `row=0 lines=1 key=0 a[0]="b"` + "\n",
			rows: 1,
		},
		{
			name: "trailing data",
			in:   `{"a":"b"}}`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 9: data after the value" (raw)="{\"a\":\"b\"}}"` + "\n",
			rows: 1,
		},
		{
			name: "unterminated string",
			in:   `{"a":"b`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 5: unterminated string" (raw)="{\"a\":\"b"` + "\n",
			rows: 1,
		},
		{
			name: "bad nesting",
			in:   `{"a":[1}`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 7: unexpected '}'" (raw)="{\"a\":[1}"` + "\n",
			rows: 1,
		},
		{
			name: "bare word is not named",
			in:   `{"a":secret}`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 5: unexpected character" (raw)="{\"a\":secret}"` + "\n",
			rows: 1,
		},
		{
			name: "invalid escape",
			in:   `{"a":"x\q"}`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 7: invalid escape" (raw)="{\"a\":\"x\\q\"}"` + "\n",
			rows: 1,
		},
		{
			name: "short unicode escape",
			in:   `{"a":"\u12"}`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 6: invalid escape" (raw)="{\"a\":\"\\u12\"}"` + "\n",
			rows: 1,
		},
		{
			name: "invalid numbers",
			in:   "{\"a\":1.}\n{\"a\":-}\n{\"a\":1e}\n{\"a\":012}\n",
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 7: invalid number" (raw)="{\"a\":1.}"` + "\n" +
				`row=1 lines=1 key=9 issue="invalid JSON at byte 6: unexpected '}'" (raw)="{\"a\":-}"` + "\n" +
				`row=2 lines=1 key=17 issue="invalid JSON at byte 7: invalid number" (raw)="{\"a\":1e}"` + "\n" +
				`row=3 lines=1 key=26 issue="invalid JSON at byte 6: unexpected character" (raw)="{\"a\":012}"` + "\n",
			rows: 4,
		},
		{
			name: "missing colon and key",
			in:   "{\"a\" \"b\"}\n{,}\n{\"a\":\"b\",}\n",
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 5: unexpected '\"'" (raw)="{\"a\" \"b\"}"` + "\n" +
				`row=1 lines=1 key=10 issue="invalid JSON at byte 1: unexpected ','" (raw)="{,}"` + "\n" +
				`row=2 lines=1 key=14 issue="invalid JSON at byte 9: unexpected '}'" (raw)="{\"a\":\"b\",}"` + "\n",
			rows: 3,
		},
		{
			name: "truncated literal",
			in:   `{"a":tru`,
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 8: unexpected end of line" (raw)="{\"a\":tru"` + "\n",
			rows: 1,
		},
		{
			name: "nesting cap",
			in:   deep + "\n[[[\"ok\"]]]\n",
			want: `row=0 lines=1 key=0 issue="invalid JSON at byte 512: nesting deeper than 512" (raw)="` + deep + `"` + "\n" +
				`row=1 lines=1 key=1201 [0][0][0]="ok"` + "\n",
			rows: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, []byte(tt.in), "x.jsonl", format.Options{}, nil)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if res.Kind != format.JSONL {
				t.Fatalf("kind %q", res.Kind)
			}
			if got := dump(res.Recs); got != tt.want {
				t.Errorf("got:\n%swant:\n%s", got, tt.want)
			}
			if res.Rows != tt.rows {
				t.Errorf("rows %d, want %d", res.Rows, tt.rows)
			}
			if res.Bytes != int64(len(tt.in)) {
				t.Errorf("bytes %d, want %d", res.Bytes, len(tt.in))
			}
		})
	}
}

// TestJSONLFieldsStayValid checks that the fields of one record stay intact
// together when many need unescaping and the scratch buffer moves.
func TestJSONLFieldsStayValid(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{`)
	for i := range 200 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k":"v\n` + strings.Repeat("x", i) + `"`)
	}
	b.WriteString("}\n")
	res := read(t, []byte(b.String()), "x.jsonl", format.Options{}, nil)
	if len(res.Recs) != 1 || len(res.Recs[0].Fields) != 200 {
		t.Fatalf("got %d records", len(res.Recs))
	}
	for i, f := range res.Recs[0].Fields {
		if want := "v\n" + strings.Repeat("x", i); f.Text != want {
			t.Fatalf("field %d = %q, want %q", i, f.Text, want)
		}
	}
}

func TestJSONLTooManyFields(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 1<<16 + 5 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"w"`)
	}
	b.WriteString("]")
	res := read(t, []byte(b.String()), "x.jsonl", format.Options{}, nil)
	if len(res.Recs) != 1 {
		t.Fatalf("got %d records", len(res.Recs))
	}
	r := res.Recs[0]
	if r.Issue != "too many fields: over 65536, record given raw" || len(r.Fields) != 1 || r.Fields[0].Path != format.RawPath || r.Fields[0].Text != b.String() {
		t.Errorf("got issue %q and %d fields", r.Issue, len(r.Fields))
	}
}

func TestJSONLCutLine(t *testing.T) {
	long := `{"a":"` + strings.Repeat("y", 300) + `"}`
	in := "{\"a\":\"b\"}\n" + long + "\n{\"a\":\"c\"}\n"
	res := read(t, []byte(in), "x.jsonl", format.Options{MaxRecordBytes: 100}, nil)
	want := `row=0 lines=1 key=0 a="b"` + "\n" +
		`row=1 lines=1 key=10 issue="record cut at 100 bytes (max-record-bytes)" (raw)="` + strings.ReplaceAll(long[:100], `"`, `\"`) + `"` + "\n" +
		`row=2 lines=1 key=319 a="c"` + "\n"
	if got := dump(res.Recs); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	if res.Rows != 3 {
		t.Errorf("rows %d", res.Rows)
	}
	// A line of exactly the cap, with CRLF, is not cut.
	exact := `{"a":"` + strings.Repeat("z", 92) + `"}`
	res = read(t, []byte(exact+"\r\n"), "x.jsonl", format.Options{MaxRecordBytes: 100}, nil)
	if len(res.Recs) != 1 || res.Recs[0].Issue != "" {
		t.Errorf("line of exactly the cap: %v", res.Recs)
	}
}

func TestJSONLKeep(t *testing.T) {
	in := "{\"a\":\"0\"}\n\n{\"a\":\"2\"}\n{\"a\":\"3\"}\nnot json\n{\"a\":\"5\"}\n"
	var asked []int64
	res := read(t, []byte(in), "x.jsonl", format.Options{}, func(k int64) bool {
		asked = append(asked, k)
		return k != 11 && k != 31
	})
	want := `row=0 lines=1 key=0 a="0"` + "\n" +
		`row=3 lines=1 key=21 a="3"` + "\n" +
		`row=5 lines=1 key=40 a="5"` + "\n"
	if got := dump(res.Recs); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	if res.Rows != 6 {
		t.Errorf("rows %d, want 6", res.Rows)
	}
	if len(asked) != 5 {
		t.Errorf("Keep asked for %v; blank lines should not be offered", asked)
	}
}
