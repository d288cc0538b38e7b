package synth

import (
	"fmt"
	"math/bits"
	"math/rand/v2"

	"github.com/residuehq/residue/classify"
)

// Generator is a seeded source of sensitive values, carrier sentences and
// filler prose. It is not safe for concurrent use: give each goroutine its
// own, seeded from a distinct seed, to keep output reproducible.
type Generator struct {
	pcg *rand.PCG
}

// New returns a Generator whose whole output is a function of seed.
func New(seed uint64) *Generator {
	return &Generator{pcg: rand.NewPCG(seed, mix(seed^0x5851f42d4c957f2d))}
}

// mix is the SplitMix64 finaliser: it turns related seeds (1, 2, 3 …) into
// unrelated ones, which is how one user seed fans out into per-file seeds.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// u64 is the raw 64-bit output everything else is derived from.
func (g *Generator) u64() uint64 { return g.pcg.Uint64() }

// intn returns a number in [0, n). It uses the high half of a 64×64-bit
// product rather than math/rand's IntN, whose consumption of the source
// differs on 32-bit platforms; the bias (n/2⁶⁴) is irrelevant here.
func (g *Generator) intn(n int) int {
	hi, _ := bits.Mul64(g.u64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (g *Generator) between(lo, hi int) int { return lo + g.intn(hi-lo+1) }

// chance reports true with probability p.
func (g *Generator) chance(p float64) bool {
	return float64(g.u64()>>11)/(1<<53) < p
}

func pick[T any](g *Generator, xs []T) T { return xs[g.intn(len(xs))] }

// shuffle is Fisher–Yates on top of intn, for the same platform reason.
func shuffle[T any](g *Generator, xs []T) {
	for i := len(xs) - 1; i > 0; i-- {
		j := g.intn(i + 1)
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// Span locates one sensitive value inside a larger text by byte offset and
// length; a Value's Inner spans and a corpus's truth are Spans.
type Span struct {
	InfoType string
	Offset   int
	Length   int
}

// Value is one generated sensitive value. Inner lists the values nested in
// it that a detector must also report, with offsets relative to Text: the
// password inside a connection string or a URL with credentials.
type Value struct {
	InfoType string
	Text     string
	Inner    []Span
}

// allInfoTypes is the canonical planting order: the order of
// classify/infotypes.go.
var allInfoTypes = []string{
	classify.EmailAddress,
	classify.PhoneNumber,
	classify.CreditCardNumber,
	classify.IBANCode,
	classify.USSocialSecurityNumber,
	classify.IPAddress,
	classify.MACAddress,
	classify.AWSAccessKeyID,
	classify.AWSSecretAccessKey,
	classify.GitHubToken,
	classify.SlackToken,
	classify.StripeAPIKey,
	classify.OpenAIAPIKey,
	classify.AnthropicAPIKey,
	classify.HuggingFaceToken,
	classify.GCPAPIKey,
	classify.JSONWebToken,
	classify.PrivateKey,
	classify.DatabaseConnectionString,
	classify.URLWithCredentials,
	classify.Password,
	classify.PersonName,
	classify.StreetAddress,
	classify.DateOfBirth,
}

// InfoTypes lists every infoType the package can plant, in a stable order.
// A fresh slice is returned so callers may filter it in place.
func InfoTypes() []string { return append([]string(nil), allInfoTypes...) }

func knownInfoType(t string) bool {
	for _, k := range allInfoTypes {
		if k == t {
			return true
		}
	}
	return false
}

func checkInfoTypes(ts []string) error {
	for _, t := range ts {
		if !knownInfoType(t) {
			return fmt.Errorf("synth: cannot plant infoType %q", t)
		}
	}
	return nil
}
