package format

import (
	"cmp"
	"slices"
)

// prefetcher is a reader of an object store that takes hints of the ranges
// about to be read and fetches them in one request (sources.NewReadAhead).
type prefetcher interface {
	Prefetch(off, n int64)
}

// prefetchGap is the largest stretch of unwanted bytes worth fetching to
// join two wanted ranges into one request: about what a request's round
// trip costs in transfer.
const prefetchGap = 1 << 20

// prefetchSpans lists, in order, the byte ranges a row group's read will
// touch: each column's dictionary and the pages holding selected rows (the
// whole chunk where no offset index says where pages are), merged across
// gaps of up to prefetchGap, so the row group costs one request or few.
func prefetchSpans(spans [][2]int64, cols []pqColumn, sel []int64, all bool) [][2]int64 {
	for i := range cols {
		c := &cols[i]
		if all || len(c.locs) == 0 {
			spans = append(spans, [2]int64{c.chunkStart, c.chunkEnd})
			continue
		}
		if c.dictOff >= 0 && len(c.locs) > 0 {
			spans = append(spans, [2]int64{c.dictOff, c.locs[0].Offset})
		}
		k := 0 // first selected row not yet placed
		for p, l := range c.locs {
			end := int64(-1) // the page's rows: [FirstRowIndex, end)
			if p+1 < len(c.locs) {
				end = c.locs[p+1].FirstRowIndex
			}
			for k < len(sel) && sel[k] < l.FirstRowIndex {
				k++
			}
			if k < len(sel) && (end < 0 || sel[k] < end) {
				spans = append(spans, [2]int64{l.Offset, l.Offset + int64(l.CompressedPageSize)})
			}
		}
	}
	slices.SortFunc(spans, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp[0] <= out[n-1][1]+prefetchGap {
			out[n-1][1] = max(out[n-1][1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return out
}
