package format_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/residuehq/residue/sources/format"
)

// Reading every unit of an object in order, adding the rows of earlier
// units to make row numbers absolute. Units may also be read in parallel;
// the row offsets are then added once every unit's Rows is known.
func ExampleOpen() {
	data := `{"messages":[{"role":"user","content":"hello"}]}` + "\n" +
		"\n" +
		`{"meta":{"author":{"email":"someone at example"}}}` + "\n"
	r, err := format.Open(context.Background(), strings.NewReader(data), int64(len(data)), "s3://bucket/chat.jsonl", format.Options{UnitBytes: 40})
	if err != nil {
		fmt.Println(err)
		return
	}
	var base int64
	for _, u := range r.Units() {
		st, err := r.Read(context.Background(), u.Index, format.ReadOptions{}, func(rec *format.Record) error {
			for _, f := range rec.Fields {
				fmt.Printf("unit %d row %d %s = %q\n", u.Index, base+rec.Row, f.Path, f.Text)
			}
			return nil
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		base += st.Rows
	}
	fmt.Println(r.Kind(), len(r.Units()), "units,", base, "rows")
	// Output:
	// unit 0 row 0 messages[0].role = "user"
	// unit 0 row 0 messages[0].content = "hello"
	// unit 1 row 2 meta.author.email = "someone at example"
	// jsonl 3 units, 3 rows
}
