package format_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/residuehq/residue/sources/format"
)

// issueRE is every Issue the readers may set. Issues go into reports, so
// they must never carry record contents: only reasons, columns and counts.
var issueRE = regexp.MustCompile(`^(` + issueAlt + `)(; (` + issueAlt + `))*$`)

const issueAlt = `invalid JSON at byte \d+: (unexpected '[{}\[\]:,"]'|unexpected character|unexpected end of line|unterminated string|invalid escape|invalid number|data after the value|nesting deeper than 512)` +
	`|record cut at \d+ bytes \(max-record-bytes\)` +
	`|too many fields: over 65536, (record given raw|rest joined into the last)` +
	`|unterminated quoted field` +
	`|ragged row: \d+ fields, header has \d+`

// checkRead reads every unit of data opened as name and checks what holds
// for any input: no panic, issues from the known set, fields within the
// cap, keys increasing, rows of line formats equal to the file's lines, and
// the same records whatever the unit size.
func checkRead(t *testing.T, data []byte, name string, unitBytes int64) {
	const maxRecord = 200
	opts := format.Options{MaxRecordBytes: maxRecord, UnitBytes: unitBytes}
	r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, opts)
	if err != nil {
		if !errors.Is(err, format.ErrUnsupported) && r == nil && len(data) > 0 && data[0] != 0x1f && data[0] != 0x28 && !columnarHead(data) {
			t.Fatalf("Open: unexpected error %v", err)
		}
		return
	}
	if k := r.Kind(); k == format.Parquet || k == format.Arrow {
		checkColumnar(t, r) // corrupt columnar data is a Read error, not a failure
		return
	}
	res := readAll(t, r, nil)
	if res.Err != nil && r.Compression() == format.None {
		t.Fatalf("Read: %v", res.Err)
	}
	lastKey := int64(-1)
	for _, rc := range res.Recs {
		if rc.Issue != "" && !issueRE.MatchString(rc.Issue) {
			t.Fatalf("unexpected issue %q", rc.Issue)
		}
		if rc.Key <= lastKey || rc.Row < 0 || rc.Row >= res.Rows || rc.Lines < 1 {
			t.Fatalf("record out of order: %v after key %d, %d rows", rc, lastKey, res.Rows)
		}
		lastKey = rc.Key
		for _, f := range rc.Fields {
			if len(f.Text) > maxRecord || len(f.Text) == 0 {
				t.Fatalf("field of %d bytes", len(f.Text))
			}
		}
	}
	if r.Compression() != format.None {
		return
	}
	if k := r.Kind(); k == format.JSONL || k == format.Text {
		if want := lineCount(data); res.Rows != want {
			t.Fatalf("%s: %d rows, want %d", k, res.Rows, want)
		}
		if res.Units > 1 && !bytes.Contains(data, []byte("-----BEGIN ")) {
			one := read(t, data, name, format.Options{MaxRecordBytes: maxRecord, UnitBytes: 1 << 40}, nil)
			if dump(one.Recs) != dump(res.Recs) {
				t.Fatalf("unit size %d changes the records:\n%s\nvs one unit:\n%s", unitBytes, dump(res.Recs), dump(one.Recs))
			}
		}
	}
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"a":"b","c":[1,"d",{"e":null}],"f":{"g":"h\u00e9\ud83d\ude00"}}`,
		`["x",12345678,-1234567.5e3,true,false]`,
		`"top"`,
		`{"a\"b":"c\\d\/e\n"}`,
		`{"a":"\ud800\udc00\ud800"}`,
		"{\"a\":\"\xff\xfe\"}\n\n{\"b\":1}\r\n",
		`{"a":}`,
		`[[[[[[[[`,
		`{"a":"b"} x`,
		"\xef\xbb\xbf{\"a\":\"b\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data, "x.jsonl", 1+int64(len(data)%97))
		if bytes.IndexByte(data, '\n') >= 0 {
			return
		}
		paths, texts, issue := format.WalkJSON(data)
		if issue != "" && !issueRE.MatchString(issue) {
			t.Fatalf("unexpected issue %q", issue)
		}
		valid := json.Valid(data)
		if issue == "" && !valid && !hasControl(data) {
			t.Fatalf("accepted what encoding/json rejects: %q", data)
		}
		if valid && issue != "" && !strings.Contains(issue, "nesting deeper") && !strings.Contains(issue, "too many fields") {
			t.Fatalf("rejected valid JSON %q: %s", data, issue)
		}
		if valid && issue == "" && utf8.Valid(data) {
			wantPaths, wantTexts := stdlibFields(t, data)
			if !reflect.DeepEqual(paths, wantPaths) || !reflect.DeepEqual(texts, wantTexts) {
				t.Fatalf("input %q\n got %q %q\nwant %q %q", data, paths, texts, wantPaths, wantTexts)
			}
		}
	})
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// stdlibFields lists the fields the JSONL reader should give for a valid
// JSON value, using encoding/json's token stream, which keeps member order.
func stdlibFields(t *testing.T, data []byte) (paths, texts []string) {
	type frame struct {
		array     bool
		n         int
		base, key string
		wantKey   bool
	}
	var stack []*frame
	valuePath := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if top.array {
			top.n++
			return top.base + "[" + strconv.Itoa(top.n-1) + "]"
		}
		top.wantKey = true
		// Keys that the dotted syntax would misread go in brackets.
		if top.key == "" || strings.ContainsAny(top.key, ".[]\"\\ \t\n\r") {
			q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(top.key)
			return top.base + `["` + q + `"]`
		}
		if top.base == "" {
			return top.key
		}
		return top.base + "." + top.key
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return paths, texts
		}
		if err != nil {
			t.Fatalf("encoding/json on valid input: %v", err)
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, &frame{array: d == '[', base: valuePath(), wantKey: true})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].wantKey {
			stack[len(stack)-1].key = tok.(string)
			stack[len(stack)-1].wantKey = false
			continue
		}
		p := valuePath()
		switch v := tok.(type) {
		case string:
			if v != "" {
				paths, texts = append(paths, p), append(texts, v)
			}
		case json.Number:
			s := strings.TrimPrefix(string(v), "-")
			if !strings.ContainsAny(s, ".eE") && len(s) >= 7 {
				paths, texts = append(paths, p), append(texts, string(v))
			}
		}
	}
}

func FuzzCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("a,b\n\"x\ny\",z\n1,2,3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkCSVAgainstStdlib(t, data, ',')
		checkCSVAgainstStdlib(t, data, '\t')
		checkRead(t, data, "x.csv", 1<<40)
		checkRead(t, data, "x.tsv", 1<<40)
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"one\ntwo\r\n\nthree",
		"\xef\xbb\xbf-----BEGIN X-----\r\nbody\r\n-----END X-----\r\nafter",
		"-----BEGIN X-----\nbody\n",
		"a\n-----BEGIN A----- -----END A-----\n",
		"\n\n\n",
		"caf\xe9 \xff\n",
	} {
		f.Add([]byte(s), uint8(7))
	}
	f.Fuzz(func(t *testing.T, data []byte, unit uint8) {
		checkRead(t, data, "x.txt", 1+int64(unit))
	})
}

func FuzzOpen(f *testing.F) {
	f.Add([]byte("{\"a\":\"b\"}\n"), uint8(0))
	f.Add([]byte("a,b\n1,2\n"), uint8(1))
	f.Add([]byte("PAR1\x00\x00PAR1"), uint8(4))
	f.Add(gz(f, []byte("{\"a\":\"b\"}\nline\n")), uint8(6))
	f.Add(zst(f, []byte("text\nmore text\n")), uint8(7))
	f.Add(append(gz(f, []byte("a\n")), gz(f, []byte("b\n"))...), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, n uint8) {
		names := []string{"x.jsonl", "x.csv", "x.tsv", "x.txt", "x", "x.json", "x.jsonl.gz", "x.zst"}
		checkRead(t, data, names[int(n)%len(names)], 1+int64(n%64))
	})
}
