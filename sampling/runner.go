package sampling

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/format"
)

// Root is one place to scan: a store and a root URL or path within it.
type Root struct {
	Store sources.Store
	URL   string
}

// Config says how to scan. With none of SampleRate, SampleRows and
// UntilConfident set, every record is read.
type Config struct {
	Engine *classify.Engine
	// Workers bounds the units read at once. Default: every core.
	Workers int
	// SampleRate keeps each record with this probability; 0 or 1 reads
	// every record.
	SampleRate float64
	// SampleRows asks for a simple random sample of about this many rows
	// across every input, allocated to objects by their row counts.
	SampleRows int64
	// UntilConfident samples in rounds until a prevalence is decided.
	UntilConfident *Confident
	// Groups count the rows holding any finding a group matches, and
	// decisions until confident then bound each group's rate instead of
	// each infoType's: a policy's rule over a category.
	Groups []Group
	// BlockRows is how many consecutive rows of a columnar object form one
	// sampling cluster (default 256): reading a row costs its page, so rows
	// are drawn in blocks, and the intervals allow for it.
	BlockRows int
	// Seed makes sampling reproducible.
	Seed uint64
	// MaxFindings caps the findings listed in the report (counts stay
	// exact); negative lists all.
	MaxFindings int
	Format      format.Options
	// Progress, when set, is updated as the run goes.
	Progress *Progress
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// Objects, when set, reads a stratified sample of the objects listed.
	Objects *ObjectSample
	// Shard reads only the objects of one shard of a sharded sweep; the
	// zero value reads every object. Full and rate-sampled runs only.
	Shard Shard

	// Hooks for incremental sweeps, honoured when every record is read or
	// records are sampled at a rate (objects are then read in one pass).
	//
	// Skip, when it returns true for a listed object, leaves it unread and
	// out of the report: a sweep reuses its earlier result.
	Skip func(obj sources.Object) bool
	// Done receives each object read, with its findings (all of them,
	// whatever MaxFindings), as soon as it is finished; it must not change
	// them. Calls may come from several goroutines at once.
	Done func(obj Object, findings []Finding)
	// Skipped receives each object that could not be read, with the error
	// (errors.Is tells sources.ErrPermission and sources.ErrNotExist).
	Skipped func(url string, err error)
	// Drain, when closed, stops reading new objects; the objects being
	// read are finished and reported, and Run returns the report so far
	// with ErrDrained.
	Drain <-chan struct{}
}

// ErrDrained is returned by Run when Config.Drain stopped it early.
var ErrDrained = errors.New("stopped before every object was read")

// Progress counts a run's work for a progress display; every field may be
// read while the run goes on.
type Progress struct {
	ObjectsListed atomic.Int64
	ObjectsDone   atomic.Int64
	BytesListed   atomic.Int64
	BytesRead     atomic.Int64
	Findings      atomic.Int64
	ListingDone   atomic.Bool
}

// Run scans every object under roots and returns the report. Problems with
// single objects are recorded in the report and never stop the run; Run
// fails only when ctx is cancelled.
func Run(ctx context.Context, roots []Root, cfg Config) (*Report, error) {
	if cfg.Engine == nil {
		return nil, errors.New("sampling: no classify engine")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Progress == nil {
		cfg.Progress = new(Progress)
	}
	if cfg.BlockRows <= 0 {
		cfg.BlockRows = defaultBlockRows
	}
	if c := cfg.UntilConfident; c != nil {
		if err := c.check(); err != nil {
			return nil, err
		}
	}
	if err := cfg.Shard.check(); err != nil {
		return nil, err
	}
	if err := cfg.Objects.check(); err != nil {
		return nil, err
	}
	if cfg.Shard.Count > 1 && (cfg.SampleRows > 0 || cfg.UntilConfident != nil) {
		return nil, errors.New("a shard reads part of the objects; sampling by rows or until confident allocates over all of them: shard full or rate-sampled runs")
	}
	r := &run{
		cfg:      cfg,
		scanners: make(chan *classify.Scanner, cfg.Workers),
		types:    map[string]*typeAgg{},
		objects:  map[string]*objAcc{},
	}
	for range cfg.Workers {
		r.scanners <- cfg.Engine.NewScanner()
	}
	rep := &r.report
	rep.Schema = Schema
	rep.Started = cfg.Now().UTC()
	rep.Seed = cfg.Seed
	rep.Mode = ModeFull
	rep.FingerprintKey = cfg.Engine.KeyID()
	rep.MinLikelihood = cfg.Engine.MinLikelihood()
	for _, root := range roots {
		rep.Roots = append(rep.Roots, root.URL)
	}
	var err error
	switch {
	case cfg.SampleRows > 0 || cfg.UntilConfident != nil:
		rep.Mode = ModeSampled
		err = r.planned(ctx, roots)
	default:
		if cfg.SampleRate > 0 && cfg.SampleRate < 1 {
			rep.Mode = ModeSampled
			rep.SampleRate = cfg.SampleRate
			rep.Sampling = &SamplingInfo{Method: "rate", Rate: cfg.SampleRate}
		}
		err = r.stream(ctx, roots)
	}
	if errors.Is(err, ErrDrained) && ctx.Err() == nil {
		r.finish()
		return rep, err
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.finish()
	return rep, nil
}

// stream lists and reads in one go: listing runs ahead of reading, up to a
// bounded queue, so the progress display learns the total early while
// memory stays bounded on huge listings.
func (r *run) stream(ctx context.Context, roots []Root) error {
	cfg := r.cfg
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Workers)
	queue, stop := r.listSelected(gctx, roots)
	defer stop()
	drained := false
	for it := range queue {
		if gctx.Err() != nil {
			break
		}
		if r.draining() {
			drained = true
			break
		}
		if it.obj.URL != "" && !cfg.Shard.holds(it.root, it.obj.URL) {
			continue // another shard's
		}
		if it.err != nil {
			r.listError(it)
			continue
		}
		if cfg.Skip != nil && cfg.Skip(it.obj) {
			continue
		}
		o := r.open(gctx, it.store, it.obj, sources.Block{})
		if o == nil {
			continue
		}
		o.root = it.root
		if r.report.Mode == ModeSampled {
			k := newKeeper(cfg.Seed, sampleKey(it.root, it.obj.URL), cfg.SampleRate)
			o.keep = k.keep
		}
		r.start(gctx, g, o)
	}
	stop()
	if err := g.Wait(); err != nil {
		return err
	}
	if drained {
		return ErrDrained
	}
	return nil
}

func (r *run) draining() bool {
	select {
	case <-r.cfg.Drain:
		return true
	default:
		return false
	}
}

// listSelected lists roots, through the object sample when one is asked
// for; stop ends both and waits for them.
func (r *run) listSelected(ctx context.Context, roots []Root) (<-chan listed, func()) {
	queue, stop := r.list(ctx, roots)
	if !r.cfg.Objects.on() {
		return queue, stop
	}
	sel := r.selectObjects(ctx, roots, queue)
	return sel, func() {
		stop()
		for range sel {
			// Let the selection finish.
		}
	}
}

// listed is one listing result.
type listed struct {
	store sources.Store
	root  string
	obj   sources.Object
	err   error
}

// list streams the objects under roots into a bounded queue; stop ends the
// listing early and waits for it.
func (r *run) list(ctx context.Context, roots []Root) (<-chan listed, func()) {
	queue := make(chan listed, 1024)
	listCtx, cancel := context.WithCancel(ctx)
	go func() {
		defer close(queue)
		defer r.cfg.Progress.ListingDone.Store(true)
		for _, root := range roots {
			for obj, err := range root.Store.List(listCtx, root.URL) {
				if err == nil {
					r.cfg.Progress.ObjectsListed.Add(1)
					r.cfg.Progress.BytesListed.Add(obj.Size)
				}
				select {
				case queue <- listed{root.Store, root.URL, obj, err}:
				case <-listCtx.Done():
					return
				}
			}
		}
	}()
	var once sync.Once
	return queue, func() {
		once.Do(func() {
			cancel()
			for range queue {
				// Let the lister finish.
			}
		})
	}
}

func (r *run) listError(it listed) {
	if it.obj.URL == "" {
		r.rootFailed(it.root, it.err)
	} else {
		r.skipErr(it.obj.URL, it.err)
	}
}

// start schedules every unit of an object that has something to read.
func (r *run) start(ctx context.Context, g *errgroup.Group, o *object) {
	if len(o.units) == 0 {
		o.h.Close()
		r.finishObject(o)
		return
	}
	for u := range o.units {
		g.Go(func() error { return r.scanUnit(ctx, o, u) })
	}
}

type run struct {
	cfg      Config
	scanners chan *classify.Scanner

	mu      sync.Mutex
	report  Report
	types   map[string]*typeAgg
	anyRows int64
	// groupRows counts the rows with hits of each group, by groupKey.
	groupRows map[string]int64
	findings  []Finding
	objects   map[string]*objAcc
	clusters  clusterStats
}

type typeAgg struct {
	findings   int64
	likelihood [classify.VeryLikely + 1]int64
	rowsHit    int64
}

// objAcc accumulates what every pass over an object found: one pass for a
// full or rate-sampled scan, one per round when sampling until confident.
type objAcc struct {
	rep      Object
	root     string
	cols     columns
	types    map[string]bool  // infoTypes found in it
	typeRows map[string]int64 // rows with hits, per infoType
	anyRows  int64
	clusters clusterStats
}

// object is one pass over an object, shared by the goroutines reading its
// units.
type object struct {
	obj       sources.Object
	root      string
	h         sources.Handle
	rd        format.Reader
	keep      func(int64) bool
	rows      [][]int64 // per unit: the rows to read (block sampling), or nil for all
	block     int       // rows per block when rows is set
	units     []unitResult
	remaining atomic.Int32
	bytesRead atomic.Int64
	// tail gives back the footer bytes of a remote object, to keep when
	// the object is closed until a later round opens it again.
	tail sources.TailKeeper
}

// unitResult is what reading one unit produced; rows are counted from the
// unit's start until the object is finished.
type unitResult struct {
	stats       format.UnitStats
	rowsScanned int64
	findings    []Finding
	errors      []ObjectError
	errorsTotal int64
	typeRows    map[string]int64
	anyRows     int64
	cols        columns
	clusters    clusterStats
	err         error
}

// skipErr records an object that is not read because of err.
func (r *run) skipErr(url string, err error) {
	if r.cfg.Skipped != nil {
		r.cfg.Skipped(url, err)
	}
	r.skip(url, err.Error())
}

// skip records an object that is not read.
func (r *run) skip(url, reason string) {
	r.cfg.Progress.ObjectsDone.Add(1)
	r.mu.Lock()
	r.report.Skipped = append(r.report.Skipped, Skipped{URL: url, Reason: reason})
	r.mu.Unlock()
}

// rootFailed records a root that could not be listed at all.
func (r *run) rootFailed(url string, err error) {
	r.mu.Lock()
	r.report.Skipped = append(r.report.Skipped, Skipped{URL: url, Reason: err.Error()})
	r.report.Totals.RootsFailed++
	r.mu.Unlock()
}

// open prepares an object for reading, or records why it is skipped.
// seed, when it holds bytes, is the object's tail as an earlier opening
// read it: opening again reads the footer from it, without a request.
func (r *run) open(ctx context.Context, st sources.Store, obj sources.Object, seed sources.Block) *object {
	h, err := st.Open(ctx, obj)
	if err != nil {
		r.skipErr(obj.URL, err)
		return nil
	}
	o := &object{obj: obj}
	// Count what comes from the store; serve the head, which detection and
	// then the reader both read, from memory the second time.
	var counted sources.Handle = &countingHandle{Handle: h, obj: &o.bytesRead, total: &r.cfg.Progress.BytesRead}
	if st.Scheme() != "file" {
		// Every request to an object store costs a round trip: gather the
		// readers' small and sequential reads into few. Counting below it
		// reports what the store sent, read-ahead included.
		ra := sources.NewReadAhead(counted, sources.ReadAhead{Seed: seed})
		o.tail, _ = ra.(sources.TailKeeper)
		counted = ra
	}
	o.h = sources.CacheHead(counted, headCache)
	rd, err := format.Open(ctx, o.h, h.Size(), obj.URL, r.cfg.Format)
	if err != nil {
		h.Close()
		if !errors.Is(err, format.ErrUnsupported) {
			err = fmt.Errorf("open: %w", err)
		}
		r.skipErr(obj.URL, err)
		return nil
	}
	o.rd = rd
	o.units = make([]unitResult, len(rd.Units()))
	o.remaining.Store(int32(len(o.units)))
	return o
}

// scanUnit reads one unit and, when it is the object's last, finishes the
// object.
func (r *run) scanUnit(ctx context.Context, o *object, u int) error {
	sc := <-r.scanners
	defer func() { r.scanners <- sc }()
	res := &o.units[u]
	res.typeRows = map[string]int64{}
	var pathSeen []classify.Fingerprint
	profile := profiled(o.rd.Kind())
	k := &recordSink{r: r, o: o, res: res}
	found := k.found // bound once: a closure per field would be an allocation per field
	cl := newClusterer(&res.clusters, o.block)
	opts := format.ReadOptions{Keep: o.keep, HeaderIsData: func(cells [][]byte) bool {
		for _, c := range cells {
			if sc.HasFindings(c) {
				return true
			}
		}
		return false
	}}
	if o.rows != nil {
		opts.Rows = o.rows[u]
		if len(opts.Rows) == 0 {
			opts.Rows = []int64{} // nothing of this unit is in the sample
		}
	}
	var stats format.UnitStats
	var err error
	if opts.Rows != nil && len(opts.Rows) == 0 {
		// Nothing to read, but the unit's rows still count.
		stats.Rows = o.rd.Units()[u].Rows
	} else {
		stats, err = o.rd.Read(ctx, u, opts, func(rec *format.Record) error {
			res.rowsScanned += int64(max(1, rec.Lines))
			if rec.Issue != "" {
				res.errorsTotal++
				if len(res.errors) < maxObjectErrors {
					row := rec.Row
					res.errors = append(res.errors, ObjectError{Row: &row, Reason: rec.Issue})
				}
			}
			k.seen, pathSeen = k.seen[:0], pathSeen[:0]
			rowStart := len(res.findings)
			k.rec = rec
			k.recSeq++
			for _, f := range rec.Fields {
				fp := sc.Field(f.Path)
				for _, pf := range fp.Findings {
					// Fields under one sensitive key share it: report it
					// once per record.
					if !slices.Contains(pathSeen, pf.Fingerprint) {
						pathSeen = append(pathSeen, pf.Fingerprint)
						k.add(pf, fp.Safe, "path")
					}
				}
				var col *colStat
				if profile {
					if col = res.cols.col(fp); col != nil {
						if col.lastRow != k.recSeq {
							col.lastRow = k.recSeq
							col.present++
						}
						col.hll.add(f.Text)
					}
				}
				k.field, k.col = fp.Safe, col
				sc.Scan(f.Path, f.Text, found)
				if col != nil {
					sc.LastValidation(func(infoType string, tried, passed int) {
						ct := col.typ(infoType)
						ct.tried += int64(tried)
						ct.passed += int64(passed)
					})
				}
			}
			if len(r.cfg.Groups) > 0 {
				k.seen = r.groupsHit(k.seen, res.findings[rowStart:])
			}
			for _, t := range k.seen {
				res.typeRows[t]++
			}
			if len(k.seen) > 0 && !isGroupKey(k.seen[0]) {
				res.anyRows++
			}
			cl.row(rec.Row, int64(max(1, rec.Lines)), k.seen)
			return nil
		})
	}
	cl.flush()
	res.stats = stats
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res.err = err
	}
	if o.remaining.Add(-1) == 0 {
		if err := o.h.Close(); err != nil && res.err == nil {
			res.err = fmt.Errorf("close: %w", err)
		}
		r.finishObject(o)
	}
	return nil
}

// recordSink takes the findings of one record of a unit: the record, its
// infoTypes so far and, while a field is scanned, the field's reported
// path and column profile.
type recordSink struct {
	r      *run
	o      *object
	res    *unitResult
	rec    *format.Record
	recSeq int64
	seen   []string // infoTypes found in the record
	field  string
	col    *colStat
}

func (k *recordSink) add(fd classify.Finding, field, part string) {
	k.res.findings = append(k.res.findings, Finding{
		InfoType:   fd.InfoType,
		Likelihood: fd.Likelihood,
		Location: Location{Object: k.o.obj.URL, Row: k.rec.Row, Field: field, Offset: fd.Offset, Length: fd.Length,
			Part: part, Encoding: fd.Encoding},
		Fingerprint: fd.Fingerprint,
		Preview:     fd.Preview,
		Detector:    fd.Detector,
	})
	if !slices.Contains(k.seen, fd.InfoType) {
		k.seen = append(k.seen, fd.InfoType)
	}
	k.r.cfg.Progress.Findings.Add(1)
}

// found takes a finding in the field being scanned.
func (k *recordSink) found(fd classify.Finding) {
	k.add(fd, k.field, "")
	if k.col != nil {
		if ct := k.col.typ(fd.InfoType); ct.lastRow != k.recSeq {
			ct.lastRow = k.recSeq
			ct.rowsHit++
		}
	}
}

// finishObject makes rows exact (each unit counted from its own start) and
// merges the pass into the object's accumulator and the run's totals.
func (r *run) finishObject(o *object) {
	pass := Object{BytesRead: o.bytesRead.Load()}
	objTypes := map[string]bool{}
	var cols columns
	var base int64
	var findings []Finding
	typeRows := map[string]int64{}
	var anyRows int64
	var clusters clusterStats
	for i := range o.units {
		u := &o.units[i]
		for j := range u.findings {
			u.findings[j].Location.Row += base
			objTypes[u.findings[j].InfoType] = true
		}
		for j := range u.errors {
			*u.errors[j].Row += base
		}
		findings = append(findings, u.findings...)
		if n := maxObjectErrors - len(pass.Errors); n > 0 {
			pass.Errors = append(pass.Errors, u.errors[:min(n, len(u.errors))]...)
		}
		pass.ErrorsTotal += u.errorsTotal
		if u.err != nil {
			pass.ErrorsTotal++
			reason := u.err.Error()
			if len(o.units) > 1 {
				reason = fmt.Sprintf("unit %d (rows from %d): %s", i, base, reason)
			}
			pass.Errors = append(pass.Errors, ObjectError{Reason: reason})
		}
		for t, n := range u.typeRows {
			typeRows[t] += n
		}
		anyRows += u.anyRows
		cols.merge(&u.cols)
		clusters.merge(&u.clusters)
		if o.keep == nil && o.rows == nil {
			// Reading everything reads blank lines too, which readers do
			// not hand over as records.
			pass.RowsScanned += u.stats.Rows
		} else {
			pass.RowsScanned += u.rowsScanned
		}
		pass.BytesDecoded += u.stats.Bytes
		base += u.stats.Rows
		*u = unitResult{}
	}
	pass.Rows = base
	pass.Findings = int64(len(findings))
	r.cfg.Progress.ObjectsDone.Add(1)

	r.mu.Lock()
	snapshot := r.mergeObject(o, &pass, objTypes, cols, typeRows, anyRows, &clusters, findings)
	r.mu.Unlock()
	if r.cfg.Done != nil {
		r.cfg.Done(snapshot, findings)
	}
}

// mergeObject adds one pass over an object to the run's report and returns
// the object's entry as it now stands. r.mu is held.
func (r *run) mergeObject(o *object, pass *Object, objTypes map[string]bool, cols columns, typeRows map[string]int64,
	anyRows int64, clusters *clusterStats, findings []Finding) Object {
	acc := r.objects[o.obj.URL]
	first := acc == nil
	if first {
		acc = &objAcc{root: o.root, types: map[string]bool{}, typeRows: map[string]int64{}}
		acc.rep = Object{
			URL: o.obj.URL, Format: string(o.rd.Kind()), Compression: string(o.rd.Compression()),
			Size: o.obj.Size, Version: o.obj.Version, Rows: pass.Rows,
		}
		r.objects[o.obj.URL] = acc
	}
	a := &acc.rep
	a.RowsScanned += pass.RowsScanned
	a.BytesRead += pass.BytesRead
	a.BytesDecoded += pass.BytesDecoded
	a.Findings += pass.Findings
	if n := maxObjectErrors - len(a.Errors); n > 0 {
		a.Errors = append(a.Errors, pass.Errors[:min(n, len(pass.Errors))]...)
	}
	a.ErrorsTotal += pass.ErrorsTotal
	acc.cols.merge(&cols)
	acc.anyRows += anyRows
	acc.clusters.merge(clusters)
	for tname, n := range typeRows {
		if isGroupKey(tname) {
			continue
		}
		acc.typeRows[tname] += n
	}
	t := &r.report.Totals
	if first {
		t.Objects++
		t.Rows += pass.Rows
	}
	t.RowsScanned += pass.RowsScanned
	t.BytesRead += pass.BytesRead
	t.BytesDecoded += pass.BytesDecoded
	t.ObjectErrors += pass.ErrorsTotal
	t.Findings += pass.Findings
	r.anyRows += anyRows
	r.clusters.merge(clusters)
	for _, f := range findings {
		a := r.agg(f.InfoType)
		a.findings++
		a.likelihood[f.Likelihood]++
	}
	for tname := range objTypes {
		acc.types[tname] = true
	}
	for tname, n := range typeRows {
		if isGroupKey(tname) {
			if r.groupRows == nil {
				r.groupRows = map[string]int64{}
			}
			r.groupRows[tname] += n
			continue
		}
		r.agg(tname).rowsHit += n
	}
	r.keepFindings(findings)
	return acc.rep
}

func (r *run) agg(infoType string) *typeAgg {
	a := r.types[infoType]
	if a == nil {
		a = &typeAgg{}
		r.types[infoType] = a
	}
	return a
}

// keepFindings adds findings to the listing, holding no more than twice
// the cap between trims so a capped listing stays small on huge inputs.
func (r *run) keepFindings(fs []Finding) {
	r.findings = append(r.findings, fs...)
	if c := r.cfg.MaxFindings; c >= 0 && len(r.findings) > 2*c+1024 {
		slices.SortFunc(r.findings, compareFindings)
		r.findings = slices.Clip(r.findings[:c])
	}
}

func (r *run) finish() {
	rep := &r.report
	rep.Finished = r.cfg.Now().UTC()
	rep.Findings = r.findings
	slices.SortFunc(rep.Findings, compareFindings)
	if c := r.cfg.MaxFindings; c >= 0 && len(rep.Findings) > c {
		rep.Findings = rep.Findings[:c]
	}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	rep.FindingsTotal = rep.Totals.Findings
	rep.FindingsTruncated = int64(len(rep.Findings)) < rep.FindingsTotal
	t := &rep.Totals
	t.Skipped = int64(len(rep.Skipped))
	objectsWith := map[string]int64{}
	for _, acc := range r.objects {
		o := acc.rep
		if o.Format != string(format.Text) {
			o.Columns = acc.cols.profiles(o.RowsScanned, o.Rows)
			o.ColumnsNotProfiled = acc.cols.overflow
		}
		rep.Objects = append(rep.Objects, o)
		for tname := range acc.types {
			objectsWith[tname]++
		}
	}
	for name, a := range r.types {
		st := InfoTypeStat{
			InfoType: name, Category: r.cfg.Engine.Category(name), Findings: a.findings,
			Objects: objectsWith[name], Likelihood: map[string]int64{},
		}
		for l, n := range a.likelihood {
			if n > 0 {
				st.Likelihood[classify.Likelihood(l).String()] = n
			}
		}
		rep.InfoTypes = append(rep.InfoTypes, st)
		rep.Estimates = append(rep.Estimates, r.clusters.estimate(name, t.RowsScanned, a.rowsHit, t.Rows, r.anyRows))
	}
	t.Any = r.clusters.estimate(anyType, t.RowsScanned, r.anyRows, t.Rows, r.anyRows)
	rep.Clusters = r.clusters.export(rep.Mode == ModeSampled)
	rep.Datasets = r.datasets()
	if rep.Objects == nil {
		rep.Objects = []Object{}
	}
	if rep.Skipped == nil {
		rep.Skipped = []Skipped{}
	}
	if rep.InfoTypes == nil {
		rep.InfoTypes = []InfoTypeStat{}
	}
	if rep.Estimates == nil {
		rep.Estimates = []Estimate{}
	}
	sortReport(rep)
}

// headCache is how much of each object's start is kept after format
// detection reads it.
const headCache = 64 << 10

// countingHandle counts the bytes read from an object, for the report and
// the progress display.
type countingHandle struct {
	sources.Handle
	obj, total *atomic.Int64
}

func (c *countingHandle) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.Handle.ReadAt(p, off)
	c.obj.Add(int64(n))
	c.total.Add(int64(n))
	return n, err
}
