package sampling

import "math"

// Exact binomial bounds for the until-confident decision.
//
// For x hits in n independent rows the Clopper–Pearson bounds are Beta
// quantiles, because the binomial tail is an incomplete beta function:
// P(X ≥ x | p) = I_p(x, n−x+1). The lower bound at error e is the p where
// that tail is e, the e quantile of Beta(x, n−x+1); the upper bound the
// 1−e quantile of Beta(x+1, n−x). Unlike Wilson's, these bounds never
// err more often than e, whatever n and p. The Wilson lower bound is too
// high on a few hits: at 99 % it called a rate equal to the threshold
// "above" in the first round of 0.85 % of runs, where that side had
// 0.25 % to spend. A sample drawn in blocks counts as n/deff rows with as
// many hits in proportion, which are not whole, so the incomplete beta
// function here takes real parameters (and the bounds are then as good
// as the design effect).

// clopperPearson returns the one-sided bounds on a rate from x hits in n
// rows, each of error e: a lower bound that exceeds the true rate with a
// chance of at most e, and an upper bound that falls below it with a
// chance of at most e. x and n may be fractional (effective sizes), with
// 0 ≤ x ≤ n; e is at most 1/2, where the bounds are the medians, and a
// larger e is taken as 1/2 so that the bounds never cross.
func clopperPearson(x, n, e float64) (lo, hi float64) {
	if !(n > 0) || !(e > 0) || math.IsInf(n, 1) {
		return 0, 1
	}
	e = math.Min(e, 0.5)
	if !(x > 0) {
		x = 0
	}
	x = math.Min(x, n)
	// The upper bound is the 1−e quantile of Beta(x+1, n−x), which is 1
	// minus the e quantile of Beta(n−x, x+1): solving for the latter keeps
	// a small upper bound exact to its last digits.
	if x > 0 {
		lo, _ = betaQuantile(e, x, n-x+1)
	}
	hi = 1
	if x < n {
		_, hi = betaQuantile(e, n-x, x+1)
	}
	return lo, hi
}

// betaQuantile returns the q quantile p of Beta(a, b), the p where
// I_p(a, b) = q, and 1−p, each to about 1e-12 of its value (or, through
// incBeta, 1e-16/min(p, 1−p) when that is more), so a quantile near 1
// keeps its distance from 1. For 0 < q < 1 and a, b > 0; q ≤ 0 gives 0
// and q ≥ 1 gives 1.
func betaQuantile(q, a, b float64) (p, pc float64) {
	switch {
	case math.IsNaN(q) || math.IsNaN(a) || math.IsNaN(b):
		return math.NaN(), math.NaN()
	case q <= 0:
		return 0, 1
	case q >= 1:
		return 1, 0
	case a < 0x1p-1000 || b < 0x1p-1000:
		// Far below any effective size, and where math.Log on amd64 is
		// wrong (subnormals, Go issue 56600): take the limit, all the
		// mass at 0 and 1 in the proportion b : a.
		if q <= b/(a+b) {
			return 0, 1
		}
		return 1, 0
	case q > 0.5:
		// Solve the other tail, which is then the small one, in the mirror
		// distribution: 1−p is the 1−q quantile of Beta(b, a).
		pc, p = betaLowerQuantile(1-q, b, a)
		return p, pc
	}
	return betaLowerQuantile(q, a, b)
}

// betaLowerQuantile solves I_p(a, b) = q for q ≤ 1/2 and returns p and
// 1−p. It runs Halley's method on log I against s = log(p/(1−p)), which
// keeps p and 1−p exact at either end, and on which the tail is nearly
// straight where p is small (exactly so for b = 1, where I_p = p^a, and
// close to it for few hits). A bracket that bisection falls back on
// whenever a step leaves it keeps the iteration safe; it stops once a
// step changes p and 1−p by less than about 1e-13 of themselves.
func betaLowerQuantile(q, a, b float64) (p, pc float64) {
	if b == 1 {
		u := math.Log(q) / a
		return math.Exp(u), -math.Expm1(u)
	}
	if a == 1 { // I_p(1, b) = 1 − (1−p)^b
		v := math.Log1p(-q) / b
		return -math.Expm1(v), math.Exp(v)
	}
	lq := math.Log(q)
	d := newBetaDist(a, b)
	// s stays within [lo, hi], p and 1−p no smaller than the least
	// normal float (math.Log is not to be trusted on subnormals, Go issue
	// 56600); a quantile beyond is taken as 0 or 1.
	edge := -math.Log(0x1p-1022)
	lo, hi := -edge, edge
	s := d.guess(q)
	if !(s > lo && s < hi) {
		s = 0
	}
	for range 300 {
		x, y := logistic(s)
		i, _, front := d.inc(x, y)
		f := math.Inf(-1) // I underflowed: far below the quantile
		if i > 0 {
			f = math.Log(i) - lq
		}
		switch {
		case f > 0:
			hi = s
		case f < 0:
			lo = s
		default:
			return x, y
		}
		// Halley's step on h(s) = log I − log q, where dp/ds = p(1−p):
		// h' = p(1−p) · density / I = front / I, and
		// h'' = h' (a(1−p) − bp − h'); where its correction is large,
		// Newton's.
		g := front / i
		step := f / g
		if k := 1 - f*(a*y-b*x-g)/(2*g); k > 0.5 && k < 2 {
			step /= k
		}
		// A change of s moves p and 1−p by at most as much of themselves.
		tol := 1e-13 * math.Max(1, math.Abs(s))
		if math.Abs(step) <= tol {
			s -= step
			break
		}
		// A step that is not finite or leaves the bracket bisects instead.
		next := s - step
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		done := hi-lo <= tol
		s = next
		if done {
			break
		}
	}
	switch {
	case s <= 1e-9-edge:
		return 0, 1
	case s >= edge-1e-9:
		return 1, 0
	}
	return logistic(s)
}

// logistic returns p = 1/(1+e^−s) and 1−p, each to its last digits.
func logistic(s float64) (p, pc float64) {
	if s < 0 {
		e := math.Exp(s)
		return e / (1 + e), 1 / (1 + e)
	}
	e := math.Exp(-s)
	return 1 / (1 + e), e / (1 + e)
}

// betaDist is Beta(a, b) with the parts of its density that do not depend
// on x worked out once.
type betaDist struct {
	a, b     float64
	lca, lcb float64 // log(c/a), log(c/b) with c = a+b
	k        float64 // ½ log(ab/(2πc)) − (δ(a)+δ(b)−δ(c)); see front
}

func newBetaDist(a, b float64) betaDist {
	c := a + b
	return betaDist{a: a, b: b,
		lca: math.Log(c) - math.Log(a),
		lcb: math.Log(c) - math.Log(b),
		k: 0.5*(math.Log(a)+math.Log(b)-math.Log(c)-math.Log(2*math.Pi)) -
			(stirlingRest(a) + stirlingRest(b) - stirlingRest(c)),
	}
}

// incBeta returns the regularized incomplete beta function I_x(a, b), its
// complement I_y(b, a) with y = 1−x given separately so that either can be
// tiny, and the front factor x^a y^b / B(a, b). Whichever of the two is
// the smaller tail comes from the continued fraction, to a relative
// accuracy of about 1e-14; the other is 1 minus it. When the fraction runs
// on the argument next to 1 (x or y small but above the mean of its side
// of the distribution, as for Beta(1, 1e7) at 1e-7), its terms cancel to
// about that argument's distance from 1, and the accuracy is about
// 1e-16/min(x, y).
func incBeta(x, y, a, b float64) (i, c, front float64) {
	return newBetaDist(a, b).inc(x, y)
}

func (d betaDist) inc(x, y float64) (i, c, front float64) {
	a, b := d.a, d.b
	switch {
	case x <= 0:
		return 0, 1, 0
	case y <= 0:
		return 1, 0, 0
	}
	front = d.front(x, y)
	// The continued fraction for I_x(a, b) converges quickly below the
	// point (a+1)/(a+b+2); above it, the one for I_y(b, a) does.
	if x*(a+b+2) < a+1 {
		i = front * betaFraction(x, a, b) / a
		return i, 1 - i, front
	}
	c = front * betaFraction(y, b, a) / b
	return 1 - c, c, front
}

// betaFraction evaluates the continued fraction of I_x(a, b)
// (DLMF 8.17.22): I_x(a, b) = front/a · 1/(1+ d1/(1+ d2/(1+ …))) with
//
//	d(2m+1) = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1))
//	d(2m)   = m(b−m) x / ((a+2m−1)(a+2m))
//
// by the modified Lentz method, and returns 1/(1+ d1/(1+ …)).
func betaFraction(x, a, b float64) float64 {
	const tiny, eps = 1e-300, 1e-15
	// f = 1 + d1/(1+ d2/(1+ …)) as a product of ratios cd.
	f, c, d := 1.0, 1.0, 0.0
	step := func(dj float64) float64 {
		d = 1 + dj*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + dj/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		cd := c * d
		f *= cd
		return cd
	}
	// The number of terms grows as the square root of the larger
	// parameter near the mean and is far smaller in the tails; the cap
	// only guards against a parameter no sample reaches.
	for m := 0.0; m < 1e6; m++ {
		odd := step(-(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1)))
		even := step((m + 1) * (b - m - 1) * x / ((a + 2*m + 1) * (a + 2*m + 2)))
		if math.Abs(odd-1) < eps && math.Abs(even-1) < eps {
			break
		}
	}
	return 1 / f
}

// front returns x^a y^b / B(a, b) with y = 1−x. Stirling's series
// carries the large parts of the three log-gammas of B(a, b) so that
// they cancel in closed form: with c = a+b and d = x·b − y·a,
//
//	x^a y^b / B(a, b) = √(ab/(2πc)) · (1+d/a)^a · (1−d/b)^b · e^−(δ(a)+δ(b)−δ(c))
//
// where δ is the remainder of Stirling's series. Taking the log-gammas
// apart instead loses digits to cancellation as a and b grow.
func (bd betaDist) front(x, y float64) float64 {
	a, b := bd.a, bd.b
	c := a + b
	d := x*b - y*a
	// a·log(x·c/a) and b·log(y·c/b), by log1p of the small difference d
	// when the ratio is near 1, where the log is small and most of the
	// digits are in the difference.
	var la, lb float64
	if r := x * c / a; r > 0.5 && r < 2 {
		la = math.Log1p(d / a)
	} else {
		la = math.Log(x) + bd.lca
	}
	if r := y * c / b; r > 0.5 && r < 2 {
		lb = math.Log1p(-d / b)
	} else {
		lb = math.Log(y) + bd.lcb
	}
	return math.Exp(a*la + b*lb + bd.k)
}

// guess is a first s = log(p/(1−p)) for the q quantile, q ≤ 1/2: for a
// few hits (a < 8) from the leading term of the tail at small p,
// I_p ≈ p^a / (a B(a, b)); for more, Wilson's lower bound for a hits in
// a+b−1 rows, the normal approximation that exact bounds come close to.
func (d betaDist) guess(q float64) float64 {
	a, b := d.a, d.b
	u := (math.Log(q) + math.Log(a) + lbeta(a, b)) / a // log p
	if a >= 8 && b > 1 {
		z := math.Sqrt2 * math.Erfcinv(2*q)
		if lo, _ := wilsonZ(a, a+b-1, z); lo > 0 && lo < 1 {
			return math.Log(lo) - math.Log1p(-lo)
		}
	}
	if u >= 0 {
		return 0
	}
	return u - math.Log(-math.Expm1(u))
}

// lbeta is log B(a, b).
func lbeta(a, b float64) float64 {
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lc, _ := math.Lgamma(a + b)
	return la + lb - lc
}

// stirlingRest is δ(x) = log Γ(x) − ((x−½) log x − x + ½ log 2π), the
// remainder of Stirling's series, for x > 0.
func stirlingRest(x float64) float64 {
	if x < 10 {
		lg, _ := math.Lgamma(x)
		return lg - ((x-0.5)*math.Log(x) - x + 0.5*math.Log(2*math.Pi))
	}
	// 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹); the
	// next term is below 2e-14 at x = 10.
	r := 1 / (x * x)
	return (1.0/12 - r*(1.0/360-r*(1.0/1260-r*(1.0/1680-r/1188)))) / x
}
