package sampling

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestWilsonKnownValues(t *testing.T) {
	// Reference values computed from the closed form with z = 1.959964.
	tests := []struct {
		name   string
		hits   int64
		n      int64
		lo, hi float64
	}{
		{"half", 50, 100, 0.40383, 0.59617},
		{"rare", 1, 1000, 0.0001765, 0.0056512},
		{"all", 10, 10, 0.72246, 1},
		{"none", 0, 10, 0, 0.27754},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := Wilson(tt.hits, tt.n)
			if math.Abs(lo-tt.lo) > 1e-5 || math.Abs(hi-tt.hi) > 1e-5 {
				t.Errorf("Wilson(%d, %d) = [%.7f, %.7f], want [%.7f, %.7f]", tt.hits, tt.n, lo, hi, tt.lo, tt.hi)
			}
		})
	}
}

func TestNewEstimate(t *testing.T) {
	full := NewEstimate("X", 1000, 37, 1000)
	if full.Method != MethodExact || full.CI95 != [2]float64{0.037, 0.037} || full.Estimated != 37 {
		t.Errorf("full scan estimate = %+v", full)
	}
	zero := NewEstimate("X", 3000, 0, 100000)
	if zero.Method != MethodRuleOfThree || zero.CI95[1] != 0.001 || zero.EstimatedCI95 != [2]int64{0, 100} {
		t.Errorf("zero-hit estimate = %+v", zero)
	}
	s := NewEstimate("X", 1000, 10, 100000)
	if s.Method != MethodWilson || s.Estimated != 1000 {
		t.Errorf("sampled estimate = %+v", s)
	}
	if s.EstimatedCI95[0] > 1000 || s.EstimatedCI95[1] < 1000 || s.EstimatedCI95[0] < 10 {
		t.Errorf("extrapolated interval %v does not hold the estimate", s.EstimatedCI95)
	}
}

// TestWilsonCoverage: over many simulated samples the 95 % interval holds
// the true rate about 95 % of the time (deterministic seeds).
func TestWilsonCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 43))
	for _, p := range []float64{0.002, 0.01, 0.1, 0.5} {
		const trials, n = 1000, 2000
		covered := 0
		for range trials {
			var hits int64
			for range n {
				if rng.Float64() < p {
					hits++
				}
			}
			lo, hi := Wilson(hits, n)
			if hits == 0 {
				lo, hi = 0, RuleOfThree(n)
			}
			if lo <= p && p <= hi {
				covered++
			}
		}
		if c := float64(covered) / trials; c < 0.93 {
			t.Errorf("p=%g: coverage %.3f, want ≥ 0.93", p, c)
		}
	}
}

func TestKeeper(t *testing.T) {
	k := newKeeper(7, "file:///a", 0.25)
	kept := 0
	const n = 200000
	for i := range int64(n) {
		if k.keep(i * 97) {
			kept++
		}
	}
	if r := float64(kept) / n; math.Abs(r-0.25) > 0.005 {
		t.Errorf("kept %.4f of records, want 0.25", r)
	}
	same := newKeeper(7, "file:///a", 0.25)
	other := newKeeper(8, "file:///a", 0.25)
	otherObj := newKeeper(7, "file:///b", 0.25)
	diffSeed, diffObj := 0, 0
	for i := range int64(10000) {
		if k.keep(i) != same.keep(i) {
			t.Fatal("same seed and object, different decisions")
		}
		if k.keep(i) != other.keep(i) {
			diffSeed++
		}
		if k.keep(i) != otherObj.keep(i) {
			diffObj++
		}
	}
	if diffSeed < 1000 || diffObj < 1000 {
		t.Errorf("decisions barely depend on seed (%d) or object (%d)", diffSeed, diffObj)
	}
	if all := newKeeper(1, "x", 1); !all.keep(12345) {
		t.Error("rate 1 dropped a record")
	}
}

func TestSampleKey(t *testing.T) {
	for _, c := range []struct{ root, url, want string }{
		{"/home/a/chats", "file:///home/a/chats/data/train-0.parquet", "chats/data/train-0.parquet"},
		{"chats/", "file:///tmp/x/chats/data/train-0.parquet", "chats/data/train-0.parquet"},
		{"file:///srv/chats", "file:///srv/chats/a/chats/b.jsonl", "chats/b.jsonl"},
		{"/srv/one.jsonl", "file:///srv/one.jsonl", "one.jsonl"},
		{"s3://bucket/corpus", "s3://bucket/corpus/part-1.jsonl", "corpus/part-1.jsonl"},
		{".", "file:///srv/x/a.jsonl", "file:///srv/x/a.jsonl"},
	} {
		if got := sampleKey(c.root, c.url); got != c.want {
			t.Errorf("sampleKey(%q, %q) = %q, want %q", c.root, c.url, got, c.want)
		}
	}
}
