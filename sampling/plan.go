package sampling

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/format"
)

// Confident asks for sampling in rounds until the rate of every infoType
// is decided against MaxRate at the Confidence level: below it ("clean"),
// above it, or undecided when the row budget runs out ("inconclusive").
//
// The data are looked at after every round, and every look is a chance
// to decide wrongly, so no round's bounds can be at Confidence itself:
// round i spends an error of (1−Confidence)/2^i (alpha spending), and as
// these sum to less than 1−Confidence the verdict of the whole procedure
// holds at Confidence. Within a round the error is split evenly between
// the lower bound (a wrong "above") and the upper bound (a wrong
// "clean"); decide says why.
type Confident struct {
	MaxRate    float64
	Confidence float64
	// MaxRows is the row budget; 0 allows every row.
	MaxRows int64
	// FirstRows is the first round's size; 0 picks enough rows to call a
	// sample without findings clean.
	FirstRows int64
}

func (c *Confident) check() error {
	switch {
	case c.MaxRate <= 0 || c.MaxRate >= 1:
		return fmt.Errorf("max rate %v: want a rate between 0 and 1", c.MaxRate)
	case c.Confidence <= 0 || c.Confidence >= 1:
		return fmt.Errorf("confidence %v: want a level between 0 and 1", c.Confidence)
	case c.MaxRows < 0 || c.FirstRows < 0:
		return errors.New("row counts must not be negative")
	}
	return nil
}

// firstRows is the smallest sample in which finding nothing proves the
// rate below MaxRate at the first round's confidence, with a margin: no
// hits in n rows put the upper bound at 1 − e^(1/n) for the error e of
// one side, below MaxRate once n > −log(e)/MaxRate.
func (c *Confident) firstRows() int64 {
	if c.FirstRows > 0 {
		return c.FirstRows
	}
	return int64(math.Ceil(1.25 * -math.Log(c.sideError(1)) / c.MaxRate))
}

// roundConfidence is the confidence of the bounds of round i (from 1):
// 1 − (1−Confidence)/2^i, so the errors of all rounds together stay
// within 1 − Confidence. [Lower, Upper] is an interval at that level.
func (c *Confident) roundConfidence(i int) float64 {
	return 1 - math.Ldexp(1-c.Confidence, -i)
}

// sideError is the error of each one-sided bound of round i: half the
// round's (1−Confidence)/2^i.
func (c *Confident) sideError(i int) float64 {
	return math.Ldexp(1-c.Confidence, -i-1)
}

// Verdicts of a Decision.
const (
	VerdictClean        = "clean"
	VerdictAbove        = "above"
	VerdictInconclusive = "inconclusive"
)

// SamplingInfo says how the rows of a sampled report were chosen.
type SamplingInfo struct {
	Method    string  `json:"method"` // "rate", "rows", "until-confident"
	Rate      float64 `json:"rate,omitempty"`
	Rows      int64   `json:"rows,omitempty"`       // rows asked for
	BlockRows int     `json:"block_rows,omitempty"` // rows per block of a columnar sample
	Rounds    int     `json:"rounds,omitempty"`
}

// Decision is the outcome of sampling until confident. Its Verdict holds
// at Confidence over the whole procedure, every round's look included:
// round i bounds the rates at 1 − (1−Confidence)/2^i, so the chances of
// a wrong verdict over all rounds add up to at most 1 − Confidence. The
// bounds are exact (Clopper–Pearson), each side erring at most half of
// the round's share.
// RoundConfidence is the level of the last round, the one of the bounds
// in InfoTypes.
type Decision struct {
	MaxRate         float64        `json:"max_rate"`
	Confidence      float64        `json:"confidence"`
	RoundConfidence float64        `json:"round_confidence"`
	Verdict         string         `json:"verdict"`
	RowsSampled     int64          `json:"rows_sampled"`
	RowsTotal       int64          `json:"rows_total"`
	Rounds          int            `json:"rounds"`
	InfoTypes       []TypeDecision `json:"info_types"`
	// Groups, when the run counts groups, decide the verdict; InfoTypes
	// are then for information.
	Groups []TypeDecision `json:"groups,omitempty"`
	// Stopped says Drain ended the rounds before a verdict (a time
	// budget).
	Stopped bool `json:"stopped,omitempty"`
}

// TypeDecision is the bound on one infoType's rate at the last round's
// confidence (the Decision's RoundConfidence, stricter than its
// Confidence so that the verdict holds at Confidence across all rounds);
// when every row was read the bounds are the exact rate. InfoType "*"
// stands for every infoType not found, whose bound is the same.
type TypeDecision struct {
	InfoType string  `json:"info_type"`          // or the group's name
	MaxRate  float64 `json:"max_rate,omitempty"` // a group's own threshold
	Rows     int64   `json:"rows_with_hits"`
	Lower    float64 `json:"lower"`
	Upper    float64 `json:"upper"`
	Verdict  string  `json:"verdict"`
}

// planned is one object of a planned sample.
type planned struct {
	store sources.Store
	root  string
	obj   sources.Object
	rows  int64 // exact for columnar objects, estimated for line formats
	exact bool  // rows come from metadata: sample in blocks
	units []format.Unit
	// Columnar: every block ordered by its seeded priority, and how many of
	// them earlier rounds read.
	blocks []block
	taken  int
	// Line formats: the keep threshold earlier rounds reached.
	rate float64
	// open is the columnar object as planning opened it, kept for the
	// first round: its footer is read once, not twice.
	open *object
	// tail is the footer bytes of an object planning closed.
	tail sources.Block
	// kind and comp are the format, for the report of an object the
	// sample drew no rows from.
	kind, comp string
	read       bool // a round read from it
}

// maxKeptOpen bounds the objects planning keeps open for the first round
// (each holds its footer's bytes until then).
const maxKeptOpen = 512

// maxTailBytes bounds the footer bytes kept of the objects planning does
// not keep open; one footer may take at most a thousandth of it.
const maxTailBytes = 32 << 20

type block struct {
	unit       int
	start, end int64 // rows within the unit
	priority   uint64
}

// planned runs a sample of SampleRows rows, or rounds until confident.
func (r *run) planned(ctx context.Context, roots []Root) error {
	cfg := r.cfg
	objs, err := r.plan(ctx, roots)
	if err != nil {
		return err
	}
	var total int64
	for _, p := range objs {
		total += p.rows
	}
	// Objects the first round had nothing to read from.
	defer closeKept(objs)
	// Objects no round drew a row from still hold rows of the population:
	// they are reported, read or not, so totals and extrapolations count
	// them.
	defer r.reportUnread(objs)
	info := &SamplingInfo{Method: "rows", Rows: cfg.SampleRows, BlockRows: cfg.BlockRows}
	r.report.Sampling = info
	c := cfg.UntilConfident
	if c == nil {
		info.Rounds = 1
		return r.round(ctx, objs, total, cfg.SampleRows)
	}
	info.Method = "until-confident"
	budget := total
	if c.MaxRows > 0 {
		budget = min(budget, c.MaxRows)
	}
	target := min(c.firstRows(), budget)
	for {
		info.Rounds++
		if err := r.round(ctx, objs, total, target); err != nil {
			return err
		}
		d := r.decide(c, total, info.Rounds)
		r.report.Decision = d
		if d.Verdict != VerdictInconclusive || target >= budget {
			return nil
		}
		if r.draining() {
			// Out of time: the last round's decision stands, undecided.
			d.Stopped = true
			return nil
		}
		target = min(2*target, budget)
	}
}

// plan lists every object and learns its row count, exactly from columnar
// metadata, estimated from the density of its first megabyte otherwise.
func (r *run) plan(ctx context.Context, roots []Root) ([]*planned, error) {
	queue, stop := r.listSelected(ctx, roots)
	defer stop()
	var objs []*planned
	kept := 0
	var tailBytes int64
	for it := range queue {
		if err := ctx.Err(); err != nil {
			closeKept(objs)
			return nil, err
		}
		if it.err != nil {
			r.listError(it)
			continue
		}
		o := r.open(ctx, it.store, it.obj, sources.Block{})
		if o == nil {
			continue
		}
		p := &planned{store: it.store, root: it.root, obj: it.obj, units: o.rd.Units(), exact: true,
			kind: string(o.rd.Kind()), comp: string(o.rd.Compression())}
		for _, u := range p.units {
			if u.Rows < 0 {
				p.exact = false
				break
			}
			p.rows += u.Rows
		}
		if !p.exact {
			p.rows = 0
			if est, ok := o.rd.(format.RowEstimator); ok {
				n, exact, err := est.EstimateRows(ctx)
				if err != nil {
					o.h.Close()
					r.skip(it.obj.URL, "estimate rows: "+err.Error())
					continue
				}
				// Even an exact line count gives no access by row: line
				// formats are sampled record by record.
				_ = exact
				p.rows = max(n, 1)
			}
		}
		// Only a remote store charges a request for the footer again:
		// keep the first objects open, and of the others the footer
		// bytes, within a budget, so that a round opens them again
		// without a request.
		switch {
		case p.exact && kept < maxKeptOpen && it.store.Scheme() != "file":
			p.open = o
			kept++
		default:
			if o.tail != nil && p.exact && tailBytes < maxTailBytes {
				from := int64(-1)
				if ix, ok := o.rd.(interface{ IndexStart() int64 }); ok {
					from = ix.IndexStart()
				}
				if t, ok := o.tail.Tail(from); ok && len(t.Data) <= maxTailBytes/1024 {
					p.tail = t
					tailBytes += int64(len(t.Data))
				}
			}
			o.h.Close()
		}
		objs = append(objs, p)
	}
	stop()
	slices.SortFunc(objs, func(a, b *planned) int { return cmp.Compare(a.obj.URL, b.obj.URL) })
	return objs, ctx.Err()
}

// round reads, across every object, what is needed to bring the sample up
// to target rows in all, allocated by the objects' shares of total.
func (r *run) round(ctx context.Context, objs []*planned, total, target int64) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.cfg.Workers)
	for _, p := range objs {
		if gctx.Err() != nil {
			break
		}
		want := float64(target) * float64(p.rows) / float64(max(total, 1))
		var rows [][]int64
		var keep func(int64) bool
		if p.exact {
			rows = r.nextBlocks(p, want)
			if rows == nil {
				continue
			}
		} else {
			rate := math.Min(1, want/float64(max(p.rows, 1)))
			if rate <= p.rate {
				continue
			}
			key := sampleKey(p.root, p.obj.URL)
			k := newKeeper(r.cfg.Seed, key, rate)
			k.lo = newKeeper(r.cfg.Seed, key, p.rate).threshold
			keep, p.rate = k.keep, rate
		}
		o := p.open
		p.open = nil
		if o == nil {
			o = r.open(gctx, p.store, p.obj, p.tail)
			p.tail = sources.Block{}
		}
		if o == nil {
			continue
		}
		if len(o.rd.Units()) != len(p.units) {
			o.h.Close()
			r.skip(p.obj.URL, "changed while being sampled")
			continue
		}
		p.read = true
		o.keep, o.rows, o.root = keep, rows, p.root
		if rows != nil {
			o.block = r.cfg.BlockRows
		}
		r.start(gctx, g, o)
	}
	return g.Wait()
}

// nextBlocks chooses the blocks that bring an object's sample up to want
// rows, in the order of their seeded priorities, so every round extends the
// one before. It returns the rows to read per unit, or nil for nothing new.
func (r *run) nextBlocks(p *planned, want float64) [][]int64 {
	if p.blocks == nil {
		bs := int64(r.cfg.BlockRows)
		base := newKeeper(r.cfg.Seed, sampleKey(p.root, p.obj.URL), 1).base
		for u, unit := range p.units {
			for s := int64(0); s < unit.Rows; s += bs {
				b := block{unit: u, start: s, end: min(s+bs, unit.Rows)}
				b.priority = mix64(base ^ mix64(uint64(u)<<40|uint64(s)))
				p.blocks = append(p.blocks, b)
			}
		}
		slices.SortFunc(p.blocks, func(a, b block) int { return cmp.Compare(a.priority, b.priority) })
	}
	var have int64
	for _, b := range p.blocks[:p.taken] {
		have += b.end - b.start
	}
	end := p.taken
	for end < len(p.blocks) {
		b := p.blocks[end]
		size := float64(b.end - b.start)
		// Randomized rounding: the block that would carry the sample past
		// want is taken with the probability of the part of it want still
		// covers. An object owed less than a block is read with that
		// probability, not always (10,000 small shards and a sample of
		// 20,000 rows read 1,000,000 rows before), every block keeps the
		// same chance, and a larger want takes every block a smaller one
		// took, so rounds extend one another.
		u := float64(mix64(b.priority^0x5bd1e9955bd1e995)>>11) / (1 << 53)
		if float64(have)+u*size >= want {
			break
		}
		have += b.end - b.start
		end++
	}
	if end == p.taken {
		return nil
	}
	rows := make([][]int64, len(p.units))
	for _, b := range p.blocks[p.taken:end] {
		for row := b.start; row < b.end; row++ {
			rows[b.unit] = append(rows[b.unit], row)
		}
	}
	for u := range rows {
		slices.Sort(rows[u])
		if rows[u] == nil {
			rows[u] = []int64{}
		}
	}
	p.taken = end
	return rows
}

// decide bounds every infoType's rate after the given round (from 1) at
// that round's share of the confidence and calls the sample clean, above
// the rate, or inconclusive.
//
// Each verdict rests on one bound: "above" on the lower bound exceeding
// MaxRate, "clean" on the upper bound falling below it. Above is wrong
// only when the true rate p ≤ MaxRate, and then the lower bound exceeds
// p; clean is wrong only when p ≥ MaxRate, and then the upper bound is
// below p. So a round errs with a chance of at most P(lower > p) +
// P(upper < p), and the exact bounds hold each term to its side's error.
// Away from MaxRate only one of the verdicts can be wrong, and the whole
// round's error could go to either side; at p = MaxRate both are wrong,
// and the two sides together must stay within the round's share, hence
// half each. Rates at the threshold are those a decision is asked about,
// so the bounds keep the guarantee there too, at the price of rounds a
// little longer elsewhere.
func (r *run) decide(c *Confident, total int64, round int) *Decision {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.report.Totals.RowsScanned
	conf := c.roundConfidence(round)
	d := &Decision{MaxRate: c.MaxRate, Confidence: c.Confidence, RoundConfidence: conf,
		RowsSampled: n, RowsTotal: total, Rounds: round}
	exact := n >= total
	e := c.sideError(round)
	nEff := func(s *typeSums, hits int64) float64 {
		if exact {
			return float64(n)
		}
		deff := r.clusters.designEffect(s, float64(hits)/float64(max(n, 1)))
		if math.IsNaN(deff) {
			deff = 1
		}
		return float64(n) / deff
	}
	bound := func(name string, hits int64, s *typeSums, limit float64) TypeDecision {
		td := TypeDecision{InfoType: name, Rows: hits}
		p := float64(hits) / float64(max(n, 1))
		switch {
		case exact:
			td.Lower, td.Upper = p, p
		case hits == 0:
			// No variation of its own to learn a design effect from:
			// borrow that of any finding.
			td.Lower, td.Upper = clopperPearson(0, nEff(&r.clusters.any, r.anyRows), e)
		default:
			// Exact for rows drawn one by one; for blocks, on the rows
			// they are worth (n/deff), which makes it an approximation.
			ne := nEff(s, hits)
			td.Lower, td.Upper = clopperPearson(p*ne, ne, e)
		}
		switch {
		case exact && p > limit, !exact && td.Lower > limit:
			td.Verdict = VerdictAbove
		case td.Upper < limit || exact:
			td.Verdict = VerdictClean
		default:
			td.Verdict = VerdictInconclusive
		}
		return td
	}
	names := make([]string, 0, len(r.types))
	for name := range r.types {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		s := r.clusters.types[name]
		if s == nil {
			s = &typeSums{}
		}
		d.InfoTypes = append(d.InfoTypes, bound(name, r.types[name].rowsHit, s, c.MaxRate))
	}
	d.InfoTypes = append(d.InfoTypes, bound("*", 0, nil, c.MaxRate))
	decided := d.InfoTypes
	if len(r.cfg.Groups) > 0 {
		for _, g := range r.cfg.Groups {
			key := groupKey(g.Name)
			s := r.clusters.types[key]
			if s == nil {
				s = &typeSums{}
			}
			hits := r.groupRows[key]
			limit := cmp.Or(g.MaxRate, c.MaxRate)
			td := bound(g.Name, hits, s, limit)
			td.MaxRate = limit
			if g.Forbid {
				td.MaxRate, td.Verdict = 0, VerdictClean
				if hits > 0 {
					td.Verdict = VerdictAbove
				}
			}
			d.Groups = append(d.Groups, td)
		}
		decided = d.Groups
	}
	d.Verdict = VerdictClean
	for _, td := range decided {
		switch {
		case td.Verdict == VerdictAbove:
			d.Verdict = VerdictAbove
			return d
		case td.Verdict == VerdictInconclusive:
			d.Verdict = VerdictInconclusive
		}
	}
	return d
}

// closeKept closes the objects planning kept open that no round took.
func closeKept(objs []*planned) {
	for _, p := range objs {
		if p.open != nil {
			p.open.h.Close()
			p.open = nil
		}
	}
}

// reportUnread adds to the report the planned objects no round read from,
// with their rows and none scanned.
func (r *run) reportUnread(objs []*planned) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range objs {
		if p.read || r.objects[p.obj.URL] != nil {
			continue
		}
		r.objects[p.obj.URL] = &objAcc{root: p.root, types: map[string]bool{}, typeRows: map[string]int64{},
			rep: Object{URL: p.obj.URL, Format: p.kind, Compression: p.comp, Size: p.obj.Size, Version: p.obj.Version, Rows: p.rows}}
		r.report.Totals.Objects++
		r.report.Totals.Rows += p.rows
	}
}
