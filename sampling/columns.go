package sampling

import (
	"cmp"
	"slices"
	"strings"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sources/format"
)

// ColumnProfile describes one column of an object: a CSV column, a Parquet
// or Arrow column path, or a JSON path with list indexes folded
// ("messages[].content"). Counts are of rows scanned.
type ColumnProfile struct {
	Column           string  `json:"column"`
	Rows             int64   `json:"rows"`
	Nulls            int64   `json:"nulls"`
	NullRate         float64 `json:"null_rate"`
	DistinctEstimate int64   `json:"distinct_estimate"`
	// Dominant is the infoType found in most rows of the column; InfoTypes
	// lists it first, then the runners-up.
	Dominant  string           `json:"dominant,omitempty"`
	InfoTypes []ColumnInfoType `json:"info_types,omitempty"`
}

// ColumnInfoType is one infoType within a column.
type ColumnInfoType struct {
	InfoType     string `json:"info_type"`
	RowsWithHits int64  `json:"rows_with_hits"`
	// MatchRate is rows with hits over rows where the column has a value.
	MatchRate float64 `json:"match_rate"`
	// ValidatorPassRate is the share of candidate values that passed the
	// infoType's validator (a checksum, a structure), when it has one: a
	// column of card-shaped numbers that fail Luhn holds order ids.
	ValidatorPassRate *float64 `json:"validator_pass_rate,omitempty"`
	// Estimate is the share of the object's rows with this infoType in
	// this column, with its interval when the rows were sampled.
	Estimate Estimate `json:"estimate"`
}

// maxColumns bounds the columns profiled per object: JSON keyed by ids has
// unbounded paths.
const maxColumns = 512

type colType struct {
	rowsHit       int64
	tried, passed int64
	lastRow       int64
}

type colStat struct {
	present int64
	lastRow int64
	hll     hll
	types   map[string]*colType
}

// columns collects the column statistics of one unit.
type columns struct {
	// byField maps the scanner's description of a field path to its
	// column's stats: the scanner keeps one per path, and a pointer hashes
	// faster than the path, once for every value scanned.
	byField  map[*classify.FieldPath]*colStat
	byName   map[string]*colStat // folded name -> stats
	overflow int64
}

func profiled(k format.Kind) bool { return k != format.Text }

// col returns the stats of the column a field path belongs to, or nil when
// the object has too many columns.
func (c *columns) col(fp *classify.FieldPath) *colStat {
	if st, ok := c.byField[fp]; ok {
		return st
	}
	if c.byField == nil {
		c.byField, c.byName = map[*classify.FieldPath]*colStat{}, map[string]*colStat{}
	}
	name := foldIndexes(fp.Safe)
	st, ok := c.byName[name]
	if !ok {
		if len(c.byName) >= maxColumns {
			c.overflow++
			return nil
		}
		st = &colStat{lastRow: -1, types: map[string]*colType{}}
		c.byName[name] = st
	}
	c.byField[fp] = st
	return st
}

func (s *colStat) typ(infoType string) *colType {
	t, ok := s.types[infoType]
	if !ok {
		t = &colType{lastRow: -1}
		s.types[infoType] = t
	}
	return t
}

// foldIndexes replaces list indexes by [] so every element of a list is
// one column: "messages[3].content" -> "messages[].content".
func foldIndexes(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] == '[' && i+1 < len(path) && path[i+1] >= '0' && path[i+1] <= '9' {
			j := i + 1
			for j < len(path) && path[j] >= '0' && path[j] <= '9' {
				j++
			}
			if j < len(path) && path[j] == ']' {
				b.WriteString("[]")
				i = j
				continue
			}
		}
		b.WriteByte(path[i])
	}
	return b.String()
}

// merge adds another unit's statistics.
func (c *columns) merge(o *columns) {
	for name, os := range o.byName {
		if c.byName == nil {
			c.byName = map[string]*colStat{}
		}
		st, ok := c.byName[name]
		if !ok {
			if len(c.byName) >= maxColumns {
				c.overflow++
				continue
			}
			st = &colStat{types: map[string]*colType{}}
			c.byName[name] = st
		}
		st.present += os.present
		st.hll.merge(&os.hll)
		for t, ot := range os.types {
			ct := st.typ(t)
			ct.rowsHit += ot.rowsHit
			ct.tried += ot.tried
			ct.passed += ot.passed
		}
	}
	c.overflow += o.overflow
}

// profiles turns the statistics into the report's column profiles.
func (c *columns) profiles(rowsScanned, rowsTotal int64) []ColumnProfile {
	var out []ColumnProfile
	for name, st := range c.byName {
		p := ColumnProfile{
			Column: name, Rows: rowsScanned, Nulls: max(0, rowsScanned-st.present),
			DistinctEstimate: min(st.hll.estimate(), st.present),
		}
		if rowsScanned > 0 {
			p.NullRate = float64(p.Nulls) / float64(rowsScanned)
		}
		for t, ct := range st.types {
			if ct.rowsHit == 0 {
				continue // a validator that only ever said no is not a finding
			}
			it := ColumnInfoType{InfoType: t, RowsWithHits: ct.rowsHit,
				Estimate: NewEstimate(t, rowsScanned, ct.rowsHit, rowsTotal)}
			if st.present > 0 {
				it.MatchRate = float64(ct.rowsHit) / float64(st.present)
			}
			if ct.tried > 0 {
				r := float64(ct.passed) / float64(ct.tried)
				it.ValidatorPassRate = &r
			}
			p.InfoTypes = append(p.InfoTypes, it)
		}
		slices.SortFunc(p.InfoTypes, func(a, b ColumnInfoType) int {
			return cmp.Or(cmp.Compare(b.RowsWithHits, a.RowsWithHits), cmp.Compare(a.InfoType, b.InfoType))
		})
		if len(p.InfoTypes) > 0 && p.InfoTypes[0].RowsWithHits > 0 {
			p.Dominant = p.InfoTypes[0].InfoType
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b ColumnProfile) int { return cmp.Compare(a.Column, b.Column) })
	return out
}
