package synth

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/residuehq/residue/classify"
)

// Truth is the ground truth for one planted value, located the way
// INFOTYPES.md locates a finding, so a test can compare findings with it
// field by field. Value is the planted text, kept in memory only: it is
// never marshalled, so a truth file is as clean as the report it checks.
type Truth struct {
	Object   string `json:"object"` // path relative to the dataset directory
	Row      int64  `json:"row"`
	Field    string `json:"field"`
	Offset   int    `json:"offset"`
	Length   int    `json:"length"`
	InfoType string `json:"info_type"`
	Value    string `json:"-"`
}

// Kind is the shape of a generated dataset.
type Kind string

// Dataset kinds.
const (
	// ProseJSONL: {"id":n,"text":"…","meta":{…}}; plants in text, and now
	// and then in meta.author_email or meta.client_ip.
	ProseJSONL Kind = "prose-jsonl"
	// ChatJSONL: {"id":n,"messages":[{"role":…,"content":…},…]}; plants in
	// messages[i].content.
	ChatJSONL Kind = "chat-jsonl"
	// CSV: id,name,email,phone,card,iban,ssn,ip,password,notes with a
	// quoted prose notes column that holds embedded newlines and "" escapes.
	CSV Kind = "csv"
	// TSV: the CSV columns, tab-separated, and no cell ever needs quoting
	// (no tab, newline or double quote anywhere), so a quote-aware and a
	// plain split reader see the same cells.
	TSV Kind = "tsv"
	// TextLog: "2024-03-15T14:05:09Z INFO service=api msg=\"…\" k=v" lines,
	// with PEM blocks spread over several lines.
	TextLog Kind = "log"
)

// DefaultPlantRate is the share of records that carry a planted value when
// Spec.PlantRate is zero: dense enough to find, sparse enough that most
// records are clean.
const DefaultPlantRate = 0.05

// Spec describes one dataset object to generate.
type Spec struct {
	Kind Kind
	// Object is the name recorded in every Truth: the object's path
	// relative to the dataset directory.
	Object string
	// Rows is how many records to write (log entries for TextLog). If
	// Bytes is also set, writing stops at whichever limit comes first.
	Rows int
	// Bytes, if positive, makes the writer keep adding whole records until
	// at least this many bytes were written.
	Bytes int64
	// PlantRate is the probability that a record (for CSV: a sensitive
	// cell, and the notes cell) carries a planted value. Zero means
	// DefaultPlantRate.
	PlantRate float64
	// InfoTypes restricts what is planted; nil plants every infoType.
	// Values are chosen by shuffled round robin, so every listed type turns
	// up evenly.
	InfoTypes []string
	// Clean plants nothing: the object is filler only.
	Clean bool
	// Seed makes the object reproducible: the same Spec writes the same
	// bytes and the same truth, on any platform and any number of cores.
	Seed uint64
}

// Stats says what a writer produced.
type Stats struct {
	Records int64 // JSON lines, CSV data rows, log entries
	Rows    int64 // rows as INFOTYPES.md counts them (a PEM block's lines count)
	Bytes   int64 // uncompressed bytes written
	Truths  int64 // planted values, nested passwords included
}

// Write streams the dataset spec describes to w and reports each planted
// value to onTruth (which may be nil), in order, as it is written.
//
// Records are made in batches of a fixed size, each from its own seed
// derived from Spec.Seed and the batch's index, on all cores; the output is
// the same whatever the number of cores, and memory stays constant
// whatever the size.
func Write(w io.Writer, spec Spec, onTruth func(Truth)) (Stats, error) {
	if spec.Rows <= 0 && spec.Bytes <= 0 {
		return Stats{}, errors.New("synth: Spec needs Rows or Bytes")
	}
	if err := checkInfoTypes(spec.InfoTypes); err != nil {
		return Stats{}, err
	}
	switch spec.Kind {
	case ProseJSONL, ChatJSONL, CSV, TSV, TextLog:
	default:
		return Stats{}, fmt.Errorf("synth: unknown dataset kind %q", spec.Kind)
	}
	if spec.PlantRate <= 0 {
		spec.PlantRate = DefaultPlantRate
	}
	if spec.Clean {
		spec.PlantRate = 0
	}
	if spec.InfoTypes == nil {
		spec.InfoTypes = allInfoTypes
	}

	bw := bufio.NewWriterSize(w, 256<<10)
	var st Stats
	if spec.Kind == CSV || spec.Kind == TSV {
		h := csvHeader(spec.Kind)
		st.Bytes += int64(len(h))
		if _, err := bw.Write(h); err != nil {
			return st, err
		}
	}
	// consume takes records from one batch until the limits are reached and
	// reports whether more are wanted.
	consume := func(b *batch) (bool, error) {
		n := 0
		for n < len(b.ends) {
			if spec.Rows > 0 && st.Records+int64(n) >= int64(spec.Rows) {
				break
			}
			if spec.Bytes > 0 && n > 0 && st.Bytes+int64(b.ends[n-1]) >= spec.Bytes {
				break
			}
			if spec.Bytes > 0 && n == 0 && st.Bytes >= spec.Bytes {
				break
			}
			n++
		}
		if n == 0 {
			return false, nil
		}
		if _, err := bw.Write(b.out[:b.ends[n-1]]); err != nil {
			return false, err
		}
		for _, t := range b.truths[:b.nTruths[n-1]] {
			t.Row += st.Rows
			if onTruth != nil {
				onTruth(t)
			}
		}
		st.Bytes += int64(b.ends[n-1])
		st.Rows += b.rows[n-1]
		st.Records += int64(n)
		st.Truths += int64(b.nTruths[n-1])
		return n == len(b.ends), nil
	}

	workers := min(runtime.GOMAXPROCS(0), 8)
	if spec.Bytes <= 0 && spec.Rows <= batchRecords {
		workers = 1 // one batch: not worth a goroutine
	}
	if workers == 1 {
		var b batch
		for i := int64(0); ; i++ {
			b.make(spec, i)
			more, err := consume(&b)
			if err != nil || !more {
				return st, errors.Join(err, bw.Flush())
			}
		}
	}

	// Worker k makes batches k, k+W, k+2W … and hands them over in order
	// through its own channel; each has two batches in circulation.
	done := make(chan struct{})
	var wg sync.WaitGroup
	outs := make([]chan *batch, workers)
	free := make([]chan *batch, workers)
	for k := range workers {
		outs[k], free[k] = make(chan *batch, 1), make(chan *batch, 2)
		free[k] <- new(batch)
		free[k] <- new(batch)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int64(k); ; i += int64(workers) {
				var b *batch
				select {
				case b = <-free[k]:
				case <-done:
					return
				}
				b.make(spec, i)
				select {
				case outs[k] <- b:
				case <-done:
					return
				}
			}
		}()
	}
	defer wg.Wait()
	defer close(done)
	for i := 0; ; i++ {
		b := <-outs[i%workers]
		more, err := consume(b)
		if err != nil || !more {
			return st, errors.Join(err, bw.Flush())
		}
		free[i%workers] <- b
	}
}

// batchRecords is the number of records in a batch: large enough to keep
// the hand-over cheap, small enough that a few batches per core stay in
// cache.
const batchRecords = 256

// batchSeed derives the seed of batch i, so that any batch can be made
// without making those before it.
func batchSeed(seed uint64, i int64) uint64 { return mix(seed ^ mix(uint64(i))) }

// batch is a run of whole records: their bytes, where each ends, the rows
// and truths after each, and the truths with rows counted from the start
// of the batch.
type batch struct {
	out     []byte
	ends    []int
	rows    []int64
	nTruths []int
	truths  []Truth
	dw      datasetWriter
}

// make fills b with batch i of spec.
func (b *batch) make(spec Spec, i int64) {
	b.out, b.ends, b.rows, b.nTruths, b.truths = b.out[:0], b.ends[:0], b.rows[:0], b.nTruths[:0], b.truths[:0]
	dw := &b.dw
	dw.b, dw.spec, dw.g = b, spec, New(batchSeed(spec.Seed, i))
	dw.record, dw.rows = i*batchRecords, 0
	types := spec.InfoTypes
	switch spec.Kind {
	case CSV, TSV:
		// values of the column types go in their columns, the rest in notes
		var notes []string
		for _, t := range types {
			if csvColumnType(t) == "" {
				notes = append(notes, t)
			}
		}
		mode := modeProse
		if spec.Kind == TSV {
			mode = modeFlat
		}
		dw.pick = newPicker(dw.g, notes, mode)
	default:
		dw.pick = newPicker(dw.g, types, modeProse)
	}
	// log entries are at most 5 s apart, so batch i's clock starts where
	// batch i-1's ended at the latest and time never runs backwards
	dw.clock = time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC).Unix() + i*batchRecords*5
	for range batchRecords {
		switch spec.Kind {
		case ProseJSONL:
			dw.proseRecord()
		case ChatJSONL:
			dw.chatRecord()
		case CSV, TSV:
			dw.csvRecord()
		case TextLog:
			dw.logRecord()
		}
		dw.record++
	}
}

// WriteJSONLBytes streams prose or chat JSONL (spec.Kind; ProseJSONL if
// unset) until at least targetBytes were written: the input of the
// end-to-end benchmark, which must not be limited by its own generator.
func WriteJSONLBytes(w io.Writer, targetBytes int64, spec Spec, onTruth func(Truth)) (Stats, error) {
	if spec.Kind == "" {
		spec.Kind = ProseJSONL
	}
	if spec.Kind != ProseJSONL && spec.Kind != ChatJSONL {
		return Stats{}, fmt.Errorf("synth: WriteJSONLBytes writes JSONL, not %q", spec.Kind)
	}
	spec.Rows, spec.Bytes = 0, targetBytes
	return Write(w, spec, onTruth)
}

// picker hands out infoTypes in shuffled rounds, so that every type is
// planted about equally often and none is starved by chance.
type picker struct {
	g     *Generator
	types []string
	order []string
	pos   int
}

func newPicker(g *Generator, types []string, mode int) *picker {
	var ok []string
	for _, t := range types {
		if plantable(t, mode) {
			ok = append(ok, t)
		}
	}
	return &picker{g: g, types: ok}
}

// next returns the next infoType to plant, or "" if there is none.
func (p *picker) next() string {
	if len(p.types) == 0 {
		return ""
	}
	if p.pos >= len(p.order) {
		p.order = append(p.order[:0], p.types...)
		shuffle(p.g, p.order)
		p.pos = 0
	}
	p.pos++
	return p.order[p.pos-1]
}

// plant returns the next infoType if a record is to be planted, else "".
func (dw *datasetWriter) plant() string {
	if !dw.g.chance(dw.spec.PlantRate) {
		return ""
	}
	return dw.pick.next()
}

// datasetWriter makes the records of one batch.
type datasetWriter struct {
	b      *batch
	g      *Generator
	spec   Spec
	pick   *picker
	record int64 // index of the record being made, in the whole object
	rows   int64 // rows made so far in this batch
	clock  int64 // TextLog: current timestamp

	text  []byte // decoded value of the field being built
	spans []Span
}

// emit records the truths of one field of the current record.
func (dw *datasetWriter) emit(field string, rowOffset int64, text []byte, spans []Span) {
	for _, s := range spans {
		dw.b.truths = append(dw.b.truths, Truth{
			Object: dw.spec.Object, Row: dw.rows + rowOffset, Field: field,
			Offset: s.Offset, Length: s.Length, InfoType: s.InfoType,
			Value: string(text[s.Offset : s.Offset+s.Length]),
		})
	}
}

// endRecord closes the current record, whose bytes (ending in '\n') were
// appended to out, and which covers rows rows.
func (dw *datasetWriter) endRecord(out []byte, rows int64) {
	b := dw.b
	b.out = out
	dw.rows += rows
	b.ends = append(b.ends, len(out))
	b.rows = append(b.rows, dw.rows)
	b.nTruths = append(b.nTruths, len(b.truths))
}

// plantedText builds a prose field into dw.text and its truths into
// dw.spans: about filler bytes of prose if first is "", else a carrier of
// first (now and then followed by one of another type) with up to filler
// bytes of prose on either side.
func (dw *datasetWriter) plantedText(filler int, first string, mode, style int) {
	g := dw.g
	dw.text, dw.spans = dw.text[:0], dw.spans[:0]
	if first == "" {
		dw.text = g.appendProse(dw.text, filler, style)
		return
	}
	for t := first; t != ""; {
		if g.intn(3) != 0 {
			dw.text = g.appendProse(dw.text, 1+g.intn(filler), style)
			dw.text = append(dw.text, ' ')
		}
		dw.text, dw.spans = g.appendPlant(dw.text, dw.spans, t, mode)
		t = ""
		if g.intn(7) == 0 {
			t = dw.pick.next()
			dw.text = append(dw.text, ' ')
		}
	}
	if g.intn(4) != 0 {
		dw.text = append(dw.text, ' ')
		dw.text = g.appendProse(dw.text, 1+g.intn(filler), style)
	}
}

var sources = []string{"forum", "support-tickets", "wiki", "news", "reviews", "mailing-list", "qa"}
var licenses = []string{"cc-by-4.0", "cc-by-sa-4.0", "mit", "apache-2.0", "odc-by"}

func (dw *datasetWriter) proseRecord() {
	g := dw.g
	t := dw.plant()
	var metaType string
	var meta Value
	if (t == classify.EmailAddress || t == classify.IPAddress) && g.intn(3) == 0 {
		// now and then the value sits in a metadata field on its own
		metaType, meta, t = t, g.Value(t), ""
	}
	dw.plantedText(g.between(150, 1200), t, modeProse, styleQuotes|styleNewlines)
	b := append(dw.b.out, `{"id":`...)
	b = strconv.AppendInt(b, dw.record, 10)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, dw.text)
	b = append(b, `,"meta":{"source":"`...)
	b = append(b, pick(g, sources)...)
	b = append(b, `","lang":"en","license":"`...)
	b = append(b, pick(g, licenses)...)
	b = append(b, '"')
	switch metaType {
	case classify.EmailAddress:
		b = append(b, `,"author_email":`...)
		b = appendJSONString(b, []byte(meta.Text))
	case classify.IPAddress:
		b = append(b, `,"client_ip":`...)
		b = appendJSONString(b, []byte(meta.Text))
	}
	b = append(b, "}}\n"...)
	dw.emit("text", 0, dw.text, dw.spans)
	if metaType != "" {
		field := "meta.author_email"
		if metaType == classify.IPAddress {
			field = "meta.client_ip"
		}
		dw.emit(field, 0, []byte(meta.Text), []Span{{InfoType: metaType, Length: len(meta.Text)}})
	}
	dw.endRecord(b, 1)
}

var systemPrompts = []string{
	"You are a helpful assistant.",
	"You are a concise assistant for a data engineering team. Answer in plain English.",
	"You are a friendly tutor. Explain each step and check the answer at the end.",
	"You summarise support conversations for the weekly report.",
}

func (dw *datasetWriter) chatRecord() {
	g := dw.g
	system := g.intn(10) < 7
	turns := 2 * g.between(1, 3)
	n := turns
	if system {
		n++
	}
	t, target := dw.plant(), -1
	if t != "" {
		target = g.intn(n)
	}
	b := append(dw.b.out, `{"id":`...)
	b = strconv.AppendInt(b, dw.record, 10)
	b = append(b, `,"messages":[`...)
	for i := 0; i < n; i++ {
		role := "user"
		switch {
		case system && i == 0:
			role = "system"
		case (i-btoi(system))%2 == 1:
			role = "assistant"
		}
		if role == "system" && i != target {
			dw.text = append(dw.text[:0], pick(g, systemPrompts)...)
			dw.spans = dw.spans[:0]
		} else {
			first := ""
			if i == target {
				first = t
			}
			dw.plantedText(g.between(60, 500), first, modeProse, styleQuotes|styleNewlines)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"role":"`...)
		b = append(b, role...)
		b = append(b, `","content":`...)
		b = appendJSONString(b, dw.text)
		b = append(b, '}')
		if len(dw.spans) > 0 {
			dw.emit("messages["+strconv.Itoa(i)+"].content", 0, dw.text, dw.spans)
		}
	}
	b = append(b, "]}\n"...)
	dw.endRecord(b, 1)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// csvColumns is the CSV/TSV header; the infoType planted in each column,
// if any, is csvColumnType's.
var csvColumns = []string{"id", "name", "email", "phone", "card", "iban", "ssn", "ip", "password", "notes"}

func csvColumnType(t string) string {
	switch t {
	case classify.EmailAddress:
		return "email"
	case classify.PhoneNumber:
		return "phone"
	case classify.CreditCardNumber:
		return "card"
	case classify.IBANCode:
		return "iban"
	case classify.USSocialSecurityNumber:
		return "ssn"
	case classify.IPAddress:
		return "ip"
	case classify.Password:
		return "password"
	case classify.PersonName:
		return "name"
	}
	return ""
}

var columnType = map[string]string{
	"email": classify.EmailAddress, "phone": classify.PhoneNumber,
	"card": classify.CreditCardNumber, "iban": classify.IBANCode,
	"ssn": classify.USSocialSecurityNumber, "ip": classify.IPAddress,
	"password": classify.Password,
}

var placeholders = []string{"", "", "", "", "n/a", "-", "unknown", "pending", "none"}

func sep(k Kind) byte {
	if k == TSV {
		return '\t'
	}
	return ','
}

func csvHeader(k Kind) []byte {
	var b []byte
	for i, c := range csvColumns {
		if i > 0 {
			b = append(b, sep(k))
		}
		b = append(b, c...)
	}
	return append(b, '\n')
}

func (dw *datasetWriter) planting(t string) bool {
	for _, c := range dw.spec.InfoTypes {
		if c == t {
			return true
		}
	}
	return false
}

func (dw *datasetWriter) csvRecord() {
	g := dw.g
	tsv := dw.spec.Kind == TSV
	b := dw.b.out
	for i, col := range csvColumns {
		if i > 0 {
			b = append(b, sep(dw.spec.Kind))
		}
		switch col {
		case "id":
			b = strconv.AppendInt(b, dw.record+1, 10)
		case "name":
			v, planted := g.nameCell(dw.planting(classify.PersonName) && !dw.spec.Clean)
			b = dw.appendCell(b, []byte(v))
			if planted {
				dw.emit(col, 0, []byte(v), []Span{{InfoType: classify.PersonName, Length: len(v)}})
			}
		case "notes":
			mode, style := modeProse, styleQuotes|styleNewlines
			if tsv {
				mode, style = modeFlat, 0
			}
			dw.plantedText(g.between(30, 300), dw.plant(), mode, style)
			b = dw.appendCell(b, dw.text)
			dw.emit(col, 0, dw.text, dw.spans)
		default:
			t := columnType[col]
			if dw.planting(t) && g.chance(dw.spec.PlantRate) {
				v := g.Value(t)
				b = dw.appendCell(b, []byte(v.Text))
				dw.emit(col, 0, []byte(v.Text), []Span{{InfoType: t, Length: len(v.Text)}})
			} else {
				b = append(b, pick(g, placeholders)...)
			}
		}
	}
	dw.endRecord(append(b, '\n'), 1)
}

// appendCell quotes a CSV cell as RFC 4180 says when it must; TSV cells are
// built never to need it.
func (dw *datasetWriter) appendCell(b, cell []byte) []byte {
	if dw.spec.Kind == TSV {
		return append(b, cell...)
	}
	quote := len(cell) > 0 && cell[0] == ' '
	for _, c := range cell {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			quote = true
			break
		}
	}
	if !quote {
		return append(b, cell...)
	}
	b = append(b, '"')
	for _, c := range cell {
		if c == '"' {
			b = append(b, '"')
		}
		b = append(b, c)
	}
	return append(b, '"')
}

var services = []string{"api", "worker", "billing", "ingest", "scheduler", "gateway"}
var levels = []string{"INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"}
var methods = []string{"GET", "GET", "POST", "PUT", "DELETE"}
var routes = []string{"/v1/orders", "/v1/datasets", "/healthz", "/v2/jobs", "/v1/models/latest", "/metrics"}

func (dw *datasetWriter) logRecord() {
	g := dw.g
	dw.clock += int64(g.intn(6))
	start := len(dw.b.out) // offsets are within the line
	b := time.Unix(dw.clock, 0).UTC().AppendFormat(dw.b.out, "2006-01-02T15:04:05Z")
	b = append(b, ' ')
	b = append(b, pick(g, levels)...)
	b = append(b, " service="...)
	b = append(b, pick(g, services)...)
	b = append(b, ' ')
	t := dw.plant()
	if t == classify.PrivateKey {
		// the key is dumped on the lines after the entry that announces it
		b = append(b, `msg="loaded signing material" path=`...)
		b = append(b, pick(g, paths)...)
		b = append(b, '\n')
		v := g.Value(t)
		lines := int64(1)
		for i := range len(v.Text) {
			if v.Text[i] == '\n' {
				lines++
			}
		}
		b = append(b, v.Text...)
		dw.emit("text", 1, []byte(v.Text), []Span{{InfoType: t, Length: len(v.Text)}})
		dw.endRecord(append(b, '\n'), 1+lines)
		return
	}
	dw.spans = dw.spans[:0]
	if g.intn(3) == 0 {
		b = append(b, "method="...)
		b = append(b, pick(g, methods)...)
		b = append(b, " path="...)
		b = append(b, pick(g, routes)...)
		b = append(b, " status="...)
		b = strconv.AppendInt(b, int64(pick(g, []int{200, 200, 201, 204, 301, 400, 404, 500})), 10)
	} else {
		b = append(b, `msg="`...)
		if t != "" && g.intn(2) == 0 {
			b, dw.spans = g.appendPlant(b, dw.spans, t, modeFlat)
			t = ""
		} else {
			b = g.appendSentence(b, 0)
		}
		b = append(b, '"')
	}
	if t != "" {
		b = append(b, ' ')
		b, dw.spans = g.appendPlant(b, dw.spans, t, modeLog)
	}
	b = append(b, " latency_ms="...)
	b = strconv.AppendInt(b, int64(g.between(1, 900)), 10)
	for i := range dw.spans {
		dw.spans[i].Offset -= start
	}
	dw.emit("text", 0, b[start:], dw.spans)
	dw.endRecord(append(b, '\n'), 1)
}

// appendJSONString appends s as a JSON string. Only what JSON requires is
// escaped, so the decoded value is s byte for byte and offsets computed on
// s hold after any decoder unescapes it.
func appendJSONString(b, s []byte) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		// skip eight bytes at a time while none needs escaping
		for i+8 <= len(s) && !needsEscape8(binary.LittleEndian.Uint64(s[i:])) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// needsEscape8 reports whether any of eight bytes is a control character,
// '"' or '\\' (the SWAR zero-byte test of Hacker's Delight, 6-1).
func needsEscape8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	hasZero := func(v uint64) uint64 { return (v - lo) & ^v & hi }
	ctl := (x - 0x20*lo) & ^x & hi
	return ctl|hasZero(x^('"'*lo))|hasZero(x^('\\'*lo)) != 0
}

// WriteTruth writes truths as JSON lines (object, row, field, offset,
// length, info_type); the values themselves are never written.
func WriteTruth(w io.Writer, truths []Truth) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, t := range truths {
		if err := enc.Encode(t); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadTruth reads what WriteTruth wrote. Value is empty: a truth file does
// not hold values, so a test that needs them must keep the in-memory truth.
func ReadTruth(r io.Reader) ([]Truth, error) {
	var out []Truth
	dec := json.NewDecoder(r)
	for {
		var t Truth
		if err := dec.Decode(&t); err == io.EOF {
			return out, nil
		} else if err != nil {
			return out, fmt.Errorf("synth: reading truth: %w", err)
		}
		out = append(out, t)
	}
}
