package sampling

import (
	"math"
)

// Rows are sampled one by one (a Bernoulli draw per record of a line
// format) or in blocks of consecutive rows (columnar formats, where reading
// a row costs its whole page). Rows of one block resemble each other more
// than rows drawn apart, so a block sample knows less than its row count
// suggests. clusterStats keeps the sums the ratio estimator's variance
// needs, and the estimates turn that variance into a design effect: the
// factor by which the sample is worth fewer rows than it has.

// defaultBlockRows is the default block of a columnar sample.
const defaultBlockRows = 256

// anyType names the estimate for rows with any finding.
const anyType = "ANY"

// Methods of clustered estimates.
const (
	MethodClusterWilson      = "cluster-wilson"
	MethodClusterRuleOfThree = "cluster-rule-of-three"
)

type typeSums struct {
	yy, ym float64 // Σ y², Σ y·m over clusters
}

type clusterStats struct {
	n     int64   // clusters
	rows  int64   // Σ m
	mm    float64 // Σ m²
	maxM  int64
	types map[string]*typeSums
	any   typeSums
}

func (c *clusterStats) sums(t string) *typeSums {
	if c.types == nil {
		c.types = map[string]*typeSums{}
	}
	s, ok := c.types[t]
	if !ok {
		s = &typeSums{}
		c.types[t] = s
	}
	return s
}

func (c *clusterStats) merge(o *clusterStats) {
	c.n += o.n
	c.rows += o.rows
	c.mm += o.mm
	c.maxM = max(c.maxM, o.maxM)
	for t, s := range o.types {
		d := c.sums(t)
		d.yy += s.yy
		d.ym += s.ym
	}
	c.any.yy += o.any.yy
	c.any.ym += o.any.ym
}

// clusterer feeds one unit's rows into clusterStats: each row is a cluster
// of its own, or rows are grouped by block (row / block) when block > 0.
type clusterer struct {
	st    *clusterStats
	block int64
	cur   int64 // block of the rows being counted
	m     int64
	hits  map[string]int64
	any   int64
}

func newClusterer(st *clusterStats, block int) *clusterer {
	return &clusterer{st: st, block: int64(block), cur: -1}
}

// row counts a sampled row spanning m rows, with the infoTypes found in it.
func (c *clusterer) row(row, m int64, types []string) {
	if c.block <= 0 {
		st := c.st
		st.n++
		st.rows += m
		st.mm += float64(m * m)
		st.maxM = max(st.maxM, m)
		for _, t := range types {
			s := st.sums(t)
			s.yy++
			s.ym += float64(m)
		}
		if len(types) > 0 {
			st.any.yy++
			st.any.ym += float64(m)
		}
		return
	}
	if b := row / c.block; b != c.cur {
		c.flush()
		c.cur = b
	}
	c.m += m
	if len(types) > 0 {
		if c.hits == nil {
			c.hits = map[string]int64{}
		}
		for _, t := range types {
			c.hits[t]++
		}
		c.any++
	}
}

// flush closes the block being counted.
func (c *clusterer) flush() {
	if c.block <= 0 || c.m == 0 {
		return
	}
	st, m := c.st, c.m
	st.n++
	st.rows += m
	st.mm += float64(m * m)
	st.maxM = max(st.maxM, m)
	for t, y := range c.hits {
		s := st.sums(t)
		s.yy += float64(y * y)
		s.ym += float64(y * m)
	}
	st.any.yy += float64(c.any * c.any)
	st.any.ym += float64(c.any * m)
	c.m, c.any = 0, 0
	clear(c.hits)
}

// designEffect is the ratio of the clustered sample's variance to that of
// a simple random sample of as many rows, for rate p; at least 1 (a sample
// is not taken to know more than its rows), and the worst case (the block
// size) when there are too few clusters to tell.
func (c *clusterStats) designEffect(s *typeSums, p float64) float64 {
	if c.maxM <= 1 {
		return 1
	}
	if c.n < 2 || p <= 0 || p >= 1 {
		return math.NaN()
	}
	n := float64(c.n)
	mbar := float64(c.rows) / n
	v := (s.yy - 2*p*s.ym + p*p*c.mm) / (n * (n - 1) * mbar * mbar)
	if v <= 0 {
		return 1
	}
	deff := v / (p * (1 - p) / float64(c.rows))
	return math.Max(1, deff)
}

// estimate makes the 95 % estimate of one infoType (or anyType), allowing
// for clusters when the sample was drawn in blocks.
func (c *clusterStats) estimate(name string, sampled, hits, total, anyHits int64) Estimate {
	e := NewEstimate(name, sampled, hits, total)
	if e.Method == MethodExact || c.maxM <= 1 {
		return e
	}
	deff := math.NaN()
	if s := c.typeSums(name); s != nil && hits > 0 {
		deff = c.designEffect(s, e.Rate)
	}
	if math.IsNaN(deff) {
		// No variation to learn from (no hits, or all): borrow the design
		// effect of any finding when it has one, else assume none, and say
		// so through the method.
		deff = 1
		if r := float64(anyHits) / float64(sampled); r > 0 && r < 1 {
			if d := c.designEffect(&c.any, r); !math.IsNaN(d) {
				deff = d
			}
		}
	}
	nEff := float64(sampled) / deff
	if hits == 0 {
		e.Method = MethodClusterRuleOfThree
		e.CI95 = [2]float64{0, math.Min(1, 3/nEff)}
	} else {
		e.Method = MethodClusterWilson
		lo, hi := wilsonZ(e.Rate*nEff, nEff, z95)
		e.CI95 = [2]float64{lo, hi}
	}
	e.DesignEffect = deff
	e.EstimatedCI95 = extrapolate(e, sampled, hits, total)
	return e
}

func (c *clusterStats) typeSums(name string) *typeSums {
	if name == anyType {
		return &c.any
	}
	return c.types[name]
}

// wilsonZ is the Wilson score interval for x successes in n trials at the
// normal quantile z; x and n may be fractional (effective sizes).
func wilsonZ(x, n, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := x / n
	z2 := z * z
	den := 1 + z2/n
	center := (p + z2/(2*n)) / den
	half := z * math.Sqrt(p*(1-p)/n+z2/(4*n*n)) / den
	return math.Max(0, center-half), math.Min(1, center+half)
}

// ClusterSums are the sums behind clustered estimates, in a sampled
// report so that the reports of a sharded run can be merged exactly.
type ClusterSums struct {
	Clusters    int64               `json:"clusters"`
	Rows        int64               `json:"rows"`
	RowsSquared float64             `json:"rows_squared"`
	MaxRows     int64               `json:"max_rows"`
	Any         TypeSums            `json:"any"`
	Types       map[string]TypeSums `json:"types,omitempty"`
}

// TypeSums are one infoType's sums over clusters: Σ y² and Σ y·m, with y
// a cluster's rows with hits and m its rows.
type TypeSums struct {
	HitsSquared float64 `json:"hits_squared"`
	HitsRows    float64 `json:"hits_rows"`
}

// export gives the sums for a report of a sampled run (nil for a full
// one, whose estimates are exact, and for an empty one). They are given
// even when every cluster is one row: merged with a shard's blocks, those
// rows count too.
func (c *clusterStats) export(sampled bool) *ClusterSums {
	if !sampled || c.n == 0 {
		return nil
	}
	s := &ClusterSums{Clusters: c.n, Rows: c.rows, RowsSquared: c.mm, MaxRows: c.maxM,
		Any: TypeSums{c.any.yy, c.any.ym}}
	for t, v := range c.types {
		if isGroupKey(t) {
			continue
		}
		if s.Types == nil {
			s.Types = map[string]TypeSums{}
		}
		s.Types[t] = TypeSums{v.yy, v.ym}
	}
	return s
}

// add sums exported sums back in.
func (c *clusterStats) add(s *ClusterSums) {
	if s == nil {
		return
	}
	o := clusterStats{n: s.Clusters, rows: s.Rows, mm: s.RowsSquared, maxM: s.MaxRows, any: typeSums{s.Any.HitsSquared, s.Any.HitsRows}}
	for t, v := range s.Types {
		*o.sums(t) = typeSums{v.HitsSquared, v.HitsRows}
	}
	c.merge(&o)
}
