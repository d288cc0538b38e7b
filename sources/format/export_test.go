package format

import "bytes"

// CSVRecords parses data with the package's CSV parser and returns every
// record with all its fields, empty ones included, and each record's issue,
// for tests that compare the parser with encoding/csv.
func CSVRecords(data []byte, delim byte, maxRecord int) (recs [][]string, issues []string) {
	var l lineReader
	l.reset(bytes.NewReader(data), 0, maxRecord)
	var p csvParser
	p.reset(&l, delim, maxRecord)
	for {
		if _, ok := p.next(nil); !ok {
			return recs, issues
		}
		rec := make([]string, len(p.ends))
		for i := range p.ends {
			rec[i] = string(p.field(i))
		}
		recs = append(recs, rec)
		issues = append(issues, p.issue(len(p.ends), "cut"))
	}
}

// WalkJSON gives the fields and issue the JSONL reader finds in one line.
func WalkJSON(line []byte) (paths, texts []string, issue string) {
	var w jsonWalker
	fields, issue := w.walk(line, nil, maxFields)
	for _, f := range fields {
		paths = append(paths, f.Path)
		texts = append(texts, string(f.Text))
	}
	return paths, texts, issue
}
