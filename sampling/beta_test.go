package sampling

import (
	"math"
	"testing"
)

// relErr is |got − want| relative to want (absolute below 1e-300).
func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

// binomialTails returns P(X ≥ x) and P(X < x) for X binomial(n, p), each
// summed directly from the probabilities of its own terms.
func binomialTails(x, n int, p float64) (ge, lt float64) {
	choose := 1.0 // C(n, k), exact in float64 for the n used here
	for k := 0; k <= n; k++ {
		if k > 0 {
			choose = choose * float64(n-k+1) / float64(k)
		}
		pk := choose * math.Pow(p, float64(k)) * math.Pow(1-p, float64(n-k))
		if k >= x {
			ge += pk
		} else {
			lt += pk
		}
	}
	return ge, lt
}

// TestIncBetaKnownValues: values computed apart, at 40 digits, by the
// hypergeometric series of I_x(a, b) (DLMF 8.17.8) on its smaller tail.
func TestIncBetaKnownValues(t *testing.T) {
	for _, tc := range []struct {
		x, a, b float64
		i, c    float64
	}{
		{0.05, 0.3, 7.2, 0.75436731262892008203, 0.24563268737107991797},
		{0.002, 2.5, 1000.5, 0.45188039193009848139, 0.54811960806990151861},
		{0.0087, 400, 39601, 0.0032891179694861425886, 0.99671088203051385741},
		{0.499, 1e5, 1e5, 0.18554674455755675465, 0.81445325544244324535},
		{0.3, 0.5, 0.5, 0.36901011956554537504, 0.63098988043445462496},
		{0.99, 50, 0.7, 0.44190140734246685849, 0.55809859265753314151},
		{0.004, 2e6, 5e8, 0.99999999247011268711, 7.5298873128909475722e-9},
		{0.0039, 2e6, 5e8, 1.7201145826424521619e-199, 1},
		{1e-5, 1e-3, 2, 0.98954163786606483242, 0.010458362133935167579},
	} {
		i, c, _ := incBeta(tc.x, 1-tc.x, tc.a, tc.b)
		// Digits are lost only to the size of the parameters.
		tol := 1e-13 * math.Max(1, math.Sqrt(tc.a+tc.b)/10)
		if relErr(i, tc.i) > tol || relErr(c, tc.c) > tol {
			t.Errorf("I_%v(%v, %v) = %.17g, complement %.17g; want %.17g, %.17g",
				tc.x, tc.a, tc.b, i, c, tc.i, tc.c)
		}
	}
}

// TestIncBetaIdentities checks I_x(a, b) on real parameters against closed
// forms and the recurrence in a, which exercise both continued fractions.
func TestIncBetaIdentities(t *testing.T) {
	xs := []float64{1e-9, 1e-4, 0.01, 0.2, 0.5, 0.7, 0.97, 1 - 1e-6}
	params := []float64{0.013, 0.5, 1, 1.7, 4, 19.5, 300, 2.5e4}
	for _, x := range xs {
		y := 1 - x
		// I_x(1/2, 1/2) = (2/π) asin √x.
		if i, _, _ := incBeta(x, y, 0.5, 0.5); relErr(i, 2/math.Pi*math.Asin(math.Sqrt(x))) > 1e-13 {
			t.Errorf("I_%v(1/2, 1/2) = %v, want %v", x, i, 2/math.Pi*math.Asin(math.Sqrt(x)))
		}
		for _, a := range params {
			// I_x(a, 1) = x^a and I_x(1, a) = 1 − (1−x)^a.
			if i, _, _ := incBeta(x, y, a, 1); relErr(i, math.Pow(x, a)) > 1e-13 {
				t.Errorf("I_%v(%v, 1) = %v, want %v", x, a, i, math.Pow(x, a))
			}
			// (The fraction runs on y next to 1 here when x is above the
			// mean: accurate to about 1e-16/x.)
			if _, c, _ := incBeta(x, y, 1, a); relErr(c, math.Exp(a*math.Log1p(-x))) > 1e-13+2e-16/x {
				t.Errorf("1 − I_%v(1, %v) = %v, want %v", x, a, c, math.Exp(a*math.Log1p(-x)))
			}
			for _, b := range params {
				// The complement is the mirror: 1 − I_x(a, b) = I_y(b, a)
				// (the same fraction but at x = 1/2 and a = b).
				i, c, front := incBeta(x, y, a, b)
				mi, mc, _ := incBeta(y, x, b, a)
				tol := 1e-13 * math.Max(1, math.Sqrt(a+b)/10)
				if relErr(i, mc) > tol || relErr(c, mi) > tol {
					t.Errorf("I_%v(%v, %v) = %v/%v, mirror %v/%v", x, a, b, i, c, mc, mi)
				}
				// I_x(a, b) − I_x(a+1, b) = x^a y^b / (a B(a, b)): the
				// difference is taken on the complements where those
				// are the small, exact tails.
				i1, c1, _ := incBeta(x, y, a+1, b)
				diff := i - i1
				if c < 0.5 {
					diff = c1 - c
				}
				want := front / a
				if want > 1e-290 && math.Abs(diff-want) > 1e-12*want+1e-14*math.Max(i, math.Min(c, c1)) {
					t.Errorf("I_%v(%v, %v) − I_%v(%v, %v) = %v, want %v", x, a, b, x, a+1, b, diff, want)
				}
			}
		}
		// I_{1/2}(a, a) = 1/2 by symmetry.
		for _, a := range params {
			if i, c, _ := incBeta(0.5, 0.5, a, a); math.Abs(i-0.5) > 1e-13 || math.Abs(c-0.5) > 1e-13 {
				t.Errorf("I_1/2(%v, %v) = %v", a, a, i)
			}
		}
	}
	// The front factor with its Stirling parts against the log-gammas,
	// which lose digits to their size.
	for _, a := range params {
		for _, b := range params {
			x := a / (a + b)
			l := a*math.Log(x) + b*math.Log1p(-x) - lbeta(a, b)
			want := math.Exp(l)
			la, _ := math.Lgamma(a)
			lb, _ := math.Lgamma(b)
			lc, _ := math.Lgamma(a + b)
			tol := 1e-14 + 4e-16*(math.Abs(la)+math.Abs(lb)+math.Abs(lc)+math.Abs(l))
			if got := newBetaDist(a, b).front(x, 1-x); relErr(got, want) > tol {
				t.Errorf("front(%v; %v, %v) = %v, want %v", x, a, b, got, want)
			}
		}
	}
}

// TestIncBetaBinomial: P(X ≥ x) for X binomial(n, p) is I_p(x, n−x+1),
// checked against the direct sum on both tails.
func TestIncBetaBinomial(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 12, 30} {
		for _, p := range []float64{1e-6, 0.003, 0.05, 0.25, 0.5, 0.81, 0.999} {
			for x := 1; x <= n; x++ {
				ge, lt := binomialTails(x, n, p)
				i, c, _ := incBeta(p, 1-p, float64(x), float64(n-x+1))
				if relErr(i, ge) > 1e-12 || relErr(c, lt) > 1e-12 && lt > 1e-300 {
					t.Errorf("n %d p %v x %d: I = %.17g, 1−I = %.17g; sums %.17g, %.17g", n, p, x, i, c, ge, lt)
				}
			}
		}
	}
}

// TestClopperPearsonKnownValues: bounds computed apart at 40 digits (by
// bisection on the series of the test above, and on quadrature of the
// Beta density for the large sample).
func TestClopperPearsonKnownValues(t *testing.T) {
	for _, tc := range []struct {
		x, n, e float64
		lo, hi  float64
	}{
		{5, 10, 0.025, 0.18708602844739853, 0.81291397155260147},
		{0, 10, 0.025, 0, 0.30849710781876082},
		{10, 10, 0.025, 0.69150289218123918, 1},
		{1, 1000, 0.025, 2.5317487491294045e-5, 0.0055589242798266728},
		{3.7, 812.4, 0.00125, 0.00045874205239612238, 0.01711064423848487},
		{40, 4000, 0.0025, 0.0061414989029191282, 0.015277094472929743},
		{12345, 1e7, 1e-6, 0.0011824343418400169, 0.0012881036268503457},
	} {
		lo, hi := clopperPearson(tc.x, tc.n, tc.e)
		if relErr(lo, tc.lo) > 1e-11 || relErr(hi, tc.hi) > 1e-11 {
			t.Errorf("%v hits in %v rows at %v: [%.17g, %.17g], want [%.17g, %.17g]",
				tc.x, tc.n, tc.e, lo, hi, tc.lo, tc.hi)
		}
	}
}

// TestClopperPearsonBinomial: the bounds are where the binomial tails
// reach the error, P(X ≥ x | lower) = e and P(X ≤ x | upper) = e, and so
// for every true rate the chance that a bound is on the wrong side of it
// is at most e.
func TestClopperPearsonBinomial(t *testing.T) {
	for _, n := range []int{1, 5, 20, 60} {
		for _, e := range []float64{0.25, 0.025, 1e-4} {
			los, his := make([]float64, n+1), make([]float64, n+1)
			for x := 0; x <= n; x++ {
				lo, hi := clopperPearson(float64(x), float64(n), e)
				los[x], his[x] = lo, hi
				if !(0 <= lo && lo <= float64(x)/float64(n) && float64(x)/float64(n) <= hi && hi <= 1) {
					t.Fatalf("%d of %d at %v: [%v, %v]", x, n, e, lo, hi)
				}
				if x > 0 {
					if ge, _ := binomialTails(x, n, lo); relErr(ge, e) > 1e-10 {
						t.Errorf("%d of %d at %v: P(X ≥ x | %v) = %v", x, n, e, lo, ge)
					}
				}
				if x < n {
					if ge, lt := binomialTails(x+1, n, hi); relErr(lt, e) > 1e-10 {
						t.Errorf("%d of %d at %v: P(X ≤ x | %v) = %v (%v)", x, n, e, hi, lt, 1-ge)
					}
				}
			}
			for _, p := range []float64{1e-3, 0.01, 0.1, 0.3, 0.5, 0.77, 0.99} {
				var above, below float64
				pk := math.Pow(1-p, float64(n)) // P(X = 0)
				for x := 0; x <= n; x++ {
					if x > 0 {
						pk *= float64(n-x+1) / float64(x) * p / (1 - p)
					}
					if los[x] > p {
						above += pk
					}
					if his[x] < p {
						below += pk
					}
				}
				if above > e*(1+1e-9) || below > e*(1+1e-9) {
					t.Errorf("n %d at %v, rate %v: lower bound above it with chance %v, upper below with %v", n, e, p, above, below)
				}
			}
		}
	}
}

// TestBetaQuantile: the quantile brackets q within 1e-10 of itself, over
// real parameters from a fraction of a hit to millions of rows, on both
// tails.
func TestBetaQuantile(t *testing.T) {
	params := []float64{0.02, 0.4, 1, 2.3, 7, 55, 1200, 3e5, 4e7}
	qs := []float64{1e-12, 1e-6, 0.00125, 0.025, 0.3, 0.5, 0.9, 1 - 1e-9}
	for _, a := range params {
		for _, b := range params {
			for _, q := range qs {
				p, pc := betaQuantile(q, a, b)
				if !(p >= 0 && p <= 1 && pc >= 0 && pc <= 1) || math.Abs(p+pc-1) > 1e-15 {
					t.Fatalf("Beta(%v, %v) quantile %v: %v, 1−p %v", a, b, q, p, pc)
				}
				// Move p by 1e-10 of the smaller of p and 1−p either way
				// (or by 1e-15, as incBeta is only as accurate as 1−p next
				// to 1 is): the tail must pass q in between.
				m := math.Min(p, pc)
				if m < 1e-300 {
					continue // a quantile that underflows: nothing to move
				}
				h := math.Max(1e-10*m, 1e-15)
				ilo, clo, _ := incBeta(p-h, pc+h, a, b)
				ihi, chi, _ := incBeta(p+h, pc-h, a, b)
				if q <= 0.5 && !(ilo <= q && q <= ihi) || q > 0.5 && !(chi <= 1-q && 1-q <= clo) {
					t.Errorf("Beta(%v, %v) quantile %v: %.17g, where I runs %v to %v", a, b, q, p, ilo, ihi)
				}
			}
		}
	}
}

// FuzzBetaQuantile: whatever the arguments, the quantile is no NaN, lies
// in [0, 1] with its complement, grows with q and, for parameters a
// sample can have, is where the tail passes q; the Clopper–Pearson bounds
// built on it are ordered and hold the estimate.
func FuzzBetaQuantile(f *testing.F) {
	for _, s := range [][3]float64{
		{0.025, 5, 6}, {0.00125, 3.7, 809.7}, {0.5, 1, 1}, {1e-300, 0.5, 1e9},
		{0.999, 1e-9, 3}, {0, 1, 1}, {1, 2, 2}, {-1, 2, 2}, {0.3, 1e-320, 1e-320},
		{0.1, 1e15, 1e15}, {0.1, math.Inf(1), 2}, {0.7, 3, 1}, {0.2, 1, 0.5},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, q, a, b float64) {
		if !(a > 0 && b > 0) || math.IsInf(a, 0) || math.IsInf(b, 0) || math.IsNaN(q) {
			return // outside the domain
		}
		// Parameters beyond what any sample reaches only cost time.
		a, b = math.Min(a, 1e12), math.Min(b, 1e12)
		p, pc := betaQuantile(q, a, b)
		if !(p >= 0 && p <= 1 && pc >= 0 && pc <= 1) || math.Abs(p+pc-1) > 1e-15 {
			t.Fatalf("Beta(%v, %v) quantile %v: %v, 1−p %v", a, b, q, p, pc)
		}
		// Where the parameters are those of real samples, the quantile
		// is where the tail passes q, as in TestBetaQuantile.
		if m := math.Min(p, pc); a >= 0.05 && b >= 0.05 && a <= 1e8 && b <= 1e8 && m > 1e-300 {
			h := math.Max(1e-10*m, 1e-15)
			ilo, clo, _ := incBeta(p-h, pc+h, a, b)
			ihi, chi, _ := incBeta(p+h, pc-h, a, b)
			if q <= 0.5 && !(ilo <= q && q <= ihi) || q > 0.5 && !(chi <= 1-q && 1-q <= clo) {
				t.Fatalf("Beta(%v, %v) quantile %v: %.17g, where I runs %v to %v", a, b, q, p, ilo, ihi)
			}
		}
		if q2 := math.Min(1, q*1.5+1e-300); q > 0 {
			p2, pc2 := betaQuantile(q2, a, b)
			if p2 < p*(1-1e-9) || pc2 > pc*(1+1e-9) {
				t.Fatalf("Beta(%v, %v): quantile %v is %v, quantile %v is %v", a, b, q, p, q2, p2)
			}
		}
		lo, hi := clopperPearson(a, a+b, q)
		if !(0 <= lo && lo <= hi && hi <= 1) {
			t.Fatalf("%v hits in %v rows at %v: [%v, %v]", a, a+b, q, lo, hi)
		}
		if p := a / (a + b); q <= 0.25 && !(lo <= p*(1+1e-12)+math.SmallestNonzeroFloat64 && p <= hi*(1+1e-12)) {
			t.Fatalf("%v hits in %v rows at %v: [%v, %v] misses %v", a, a+b, q, lo, hi, p)
		}
	})
}
