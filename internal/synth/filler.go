package synth

import (
	"slices"
	"strconv"
)

// vocab is the filler vocabulary: common English words with no word that
// is itself a detector's context (no "password", "key", "token", "email",
// "card", "phone", "address", "account" …), and a few non-ASCII words so
// that byte offsets and rune offsets differ, as they do in real text.
var vocab = []string{
	"the", "of", "and", "to", "in", "is", "it", "that", "for", "on", "with", "as",
	"was", "at", "by", "this", "from", "but", "not", "or", "have", "are", "be",
	"we", "they", "you", "one", "all", "can", "will", "there", "which", "their",
	"what", "about", "so", "if", "more", "when", "some", "would", "out", "up",
	"time", "them", "like", "other", "into", "than", "then", "only", "new",
	"also", "just", "over", "after", "most", "many", "first", "well", "way",
	"even", "because", "any", "these", "give", "day", "very", "through", "back",
	"much", "before", "good", "where", "here", "should", "each", "right", "long",
	"great", "small", "large", "often", "together", "while", "might", "next",
	"again", "never", "always", "under", "still", "around", "between", "both",
	"few", "little", "own", "same", "another", "those", "every", "such",
	"without", "during", "against", "however", "perhaps", "almost", "rather",
	"quite", "enough", "later", "early", "today", "yesterday", "week", "month",
	"year", "morning", "evening", "people", "team", "group", "project", "report",
	"model", "data", "result", "results", "question", "answer", "problem", "idea",
	"plan", "change", "update", "issue", "feature", "release", "build", "test",
	"review", "draft", "note", "summary", "story", "book", "paper", "chapter",
	"page", "table", "figure", "sample", "file", "folder", "document", "list",
	"value", "number", "part", "place", "world", "city", "country", "river",
	"garden", "house", "room", "kitchen", "window", "door", "road", "train",
	"bus", "water", "coffee", "tea", "bread", "music", "movie", "game", "school",
	"class", "lesson", "teacher", "student", "friend", "family", "child",
	"weather", "rain", "snow", "sun", "light", "color", "green", "blue", "red",
	"bright", "quiet", "simple", "clear", "careful", "quick", "slow", "easy",
	"hard", "happy", "ready", "open", "close", "start", "finish", "run", "walk",
	"read", "write", "think", "know", "see", "look", "find", "use", "make",
	"take", "help", "show", "try", "ask", "need", "feel", "leave", "move",
	"play", "work", "learn", "explain", "describe", "compare", "improve", "check",
	"fix", "share", "send", "bring", "follow", "agree", "decide", "remember",
	"notice", "prefer", "suggest", "expect", "consider", "include", "continue",
	"measure", "collect", "evaluate", "deploy", "label", "clean", "sort", "merge",
	"split", "count", "average", "noise", "signal", "pattern", "layer", "batch",
	"step", "loss", "score", "metric", "baseline", "dataset", "corpus",
	"sentence", "word", "text", "language", "translation", "schedule", "meeting",
	"office", "budget", "cost", "price", "order", "delivery", "package", "shelf",
	"store", "market", "support", "service", "request", "response", "error",
	"warning", "log", "server", "cluster", "queue", "cache", "memory", "disk",
	"network", "latency", "throughput", "version", "branch", "commit",
	"honest", "strange", "useful", "obvious", "recent", "final", "usual",
	"café", "naïve", "déjà", "über", "résumé", "façade",
}

var hyphenated = []string{
	"well-known", "long-term", "state-of-the-art", "follow-up", "open-source",
	"real-time", "high-level", "low-cost", "read-only", "built-in", "end-to-end",
	"one-off", "day-to-day", "user-facing", "self-hosted", "so-called",
}

var mentions = []string{"@alice", "@bob", "@devops", "@ml-team", "@maria_k", "@tom", "@infra", "@data-eng", "@priya"}

var plainURLs = []string{
	"https://docs.python.org/3/library/",
	"https://pytorch.org/docs/stable/index.html",
	"https://en.wikipedia.org/wiki/Markov_chain",
	"https://go.dev/doc/effective_go",
	"https://www.rfc-editor.org/rfc/rfc9110",
	"https://huggingface.co/docs/datasets/",
	"http://localhost:8080/healthz",
	"https://numpy.org/doc/stable/reference/",
	"https://github.com/pandas-dev/pandas/issues/",
	"https://scikit-learn.org/stable/modules/",
}

var paths = []string{
	"/var/log/nginx/access.log", "./data/train.jsonl", "~/projects/notes/todo.md",
	"src/utils/helpers.py", "configs/base.yaml", "/tmp/cache/shard-0007.bin",
	"/usr/local/bin/python3", "notebooks/eda.ipynb", "scripts/run_eval.sh",
	"/opt/models/checkpoint-1200/",
}

var hashtags = []string{"#ml", "#python", "#release", "#weekend", "#til", "#dataengineering", "#nlp", "#opensource"}

var firstNames = []string{
	"james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda",
	"david", "elizabeth", "william", "barbara", "richard", "susan", "joseph",
	"jessica", "thomas", "sarah", "charles", "karen", "daniel", "nancy", "matthew",
	"lisa", "anthony", "sofia", "lukas", "emma", "noah", "chloe", "mateo", "lucia",
	"hugo", "ines", "jonas", "lea", "marco", "giulia", "sven", "anouk", "priya", "kenji",
}

var lastNames = []string{
	"smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis",
	"rodriguez", "martinez", "hernandez", "lopez", "wilson", "anderson", "thomas",
	"taylor", "moore", "jackson", "martin", "lee", "thompson", "white", "harris",
	"clark", "lewis", "walker", "hall", "young", "muller", "schmidt", "dubois",
	"moreau", "rossi", "bianchi", "jansen", "devries", "fernandez", "novak",
	"keller", "okafor", "tanaka", "patel",
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-32) + s[1:]
}

// filler styles
const (
	styleQuotes    = 1 << iota // may wrap a word in double quotes
	styleNewlines              // may break paragraphs with "\n\n" (or "\n")
	styleWordsOnly             // no look-alikes: words and punctuation only
)

// slot is a vocabulary word followed by a space, padded to 16 bytes so
// that it is copied with two word-sized stores instead of a memmove call:
// filler is most of every benchmark corpus, and its speed is theirs.
type slot struct {
	b [16]byte
	n int
}

// slots is read-only after package initialisation; every vocabulary word
// is shorter than 16 bytes (TestVocabulary).
var slots = func() []slot {
	s := make([]slot, len(vocab))
	for i, w := range vocab {
		s[i].n = copy(s[i].b[:15], w) + 1
		s[i].b[s[i].n-1] = ' '
	}
	return s
}()

// appendSentence appends one filler sentence. Look-alikes (numbers, dates,
// ids …) are always between two words, so two of them never touch and a
// sentence never ends on one: "1.2.3." or "2024 94103" cannot appear.
func (g *Generator) appendSentence(b []byte, style int) []byte {
	sr := g.u64() // sentence length and final punctuation
	n := 6 + int((sr&0xffff)*13>>16)
	start := len(b)
	prevLook := true // the first token is a word
	var r uint64
	for i := 0; i < n || prevLook; i++ {
		if cap(b)-len(b) < 128 {
			b = slices.Grow(b, 1024)
		}
		// 32 random bits per token: 3 pick look-alikes, 5 commas, 6
		// quotes, 16 the word
		if i&1 == 0 {
			r = g.u64()
		} else {
			r >>= 32
		}
		if !prevLook && r&7 == 0 && style&styleWordsOnly == 0 {
			b = g.appendLookalike(b, int((r>>3)&0x1fff)%19)
			b = append(b, ' ')
			prevLook = true
			continue
		}
		w := &slots[(r>>16&0xffff)*uint64(len(slots))>>16]
		l := len(b)
		if style&styleQuotes != 0 && (r>>8)&63 == 0 && i > 0 {
			b = append(b, '"')
			b = append(b, w.b[:w.n-1]...)
			b = append(b, '"', ' ')
		} else {
			b = b[:l+16]
			*(*[16]byte)(b[l:]) = w.b
			b = b[:l+w.n]
		}
		prevLook = false
		if (r>>3)&31 == 0 && i < n-1 {
			b[len(b)-1] = ','
			b = append(b, ' ')
		}
	}
	if c := b[start]; c >= 'a' && c <= 'z' {
		b[start] = c - 32
	}
	switch r := sr >> 16 & 31; {
	case r < 3:
		b[len(b)-1] = '?'
	case r < 5:
		b[len(b)-1] = '!'
	default:
		b[len(b)-1] = '.'
	}
	return b
}

// appendProse appends whole sentences until at least n bytes were added.
func (g *Generator) appendProse(b []byte, n int, style int) []byte {
	end := len(b) + n
	first := true
	for len(b) < end {
		if !first {
			if style&styleNewlines != 0 && g.intn(12) == 0 {
				b = append(b, pick(g, []string{"\n\n", "\n"})...)
			} else {
				b = append(b, ' ')
			}
		}
		first = false
		b = g.appendSentence(b, style)
	}
	return b
}

// bitSource deals out 20-bit slices of one 64-bit draw: look-alikes need
// several small numbers each, and a PCG step per number would cost a fifth
// of the filler's speed.
type bitSource struct {
	g    *Generator
	v    uint64
	left int
}

func (r *bitSource) intn(n int) int {
	if r.left == 0 {
		r.v, r.left = r.g.u64(), 3
	}
	x := r.v & (1<<20 - 1)
	r.v >>= 20
	r.left--
	return int(x * uint64(n) >> 20)
}

func pickBits[T any](r *bitSource, xs []T) T { return xs[r.intn(len(xs))] }

func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// appendLookalike appends one token of kind k that resembles, but is not,
// a sensitive value.
func (g *Generator) appendLookalike(b []byte, k int) []byte {
	r := bitSource{g: g}
	switch k {
	case 0: // year
		return strconv.AppendInt(b, int64(1990+r.intn(41)), 10)
	case 1: // small number
		return strconv.AppendInt(b, int64(r.intn(500)), 10)
	case 2: // ISO date
		b = strconv.AppendInt(b, int64(2015+r.intn(12)), 10)
		b = append(b, '-')
		b = append2(b, 1+r.intn(12))
		b = append(b, '-')
		return append2(b, 1+r.intn(28))
	case 3: // European date
		b = append2(b, 1+r.intn(28))
		b = append(b, '/')
		b = append2(b, 1+r.intn(12))
		b = append(b, '/')
		return strconv.AppendInt(b, int64(2015+r.intn(12)), 10)
	case 4, 5: // time
		b = append2(b, r.intn(24))
		b = append(b, ':')
		b = append2(b, r.intn(60))
		if k == 5 {
			b = append(b, ':')
			b = append2(b, r.intn(60))
		}
		return b
	case 6, 7: // version
		if k == 6 {
			b = append(b, 'v')
		}
		b = strconv.AppendInt(b, int64(r.intn(12)), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(r.intn(20)), 10)
		b = append(b, '.')
		return strconv.AppendInt(b, int64(r.intn(30)), 10)
	case 8: // price
		if r.intn(4) == 0 {
			b = append(b, "€"...)
		} else {
			b = append(b, '$')
		}
		v := r.intn(20000)
		if v >= 1000 {
			b = strconv.AppendInt(b, int64(v/1000), 10)
			b = append(b, ',')
			b = append(b, byte('0'+v/100%10))
			b = append2(b, v%100)
		} else {
			b = strconv.AppendInt(b, int64(v), 10)
		}
		b = append(b, '.')
		return append2(b, r.intn(100))
	case 9: // percentage
		b = strconv.AppendInt(b, int64(r.intn(100)), 10)
		if r.intn(2) == 0 {
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(r.intn(10)), 10)
		}
		return append(b, '%')
	case 10: // ZIP-like
		return strconv.AppendInt(b, int64(10000+r.intn(90000)), 10)
	case 11: // order id
		b = append(b, "ORD-"...)
		b = strconv.AppendInt(b, int64(2018+r.intn(9)), 10)
		b = append(b, '-')
		v := r.intn(1000000)
		b = append2(b, v/10000)
		b = append2(b, v/100%100)
		return append2(b, v%100)
	case 12:
		return append(b, pickBits(&r, hyphenated)...)
	case 13:
		return append(b, pickBits(&r, []string{"e.g.", "i.e.", "etc."})...)
	case 14:
		return append(b, pickBits(&r, mentions)...)
	case 15:
		return append(b, pickBits(&r, plainURLs)...)
	case 16:
		return append(b, pickBits(&r, paths)...)
	case 17:
		return append(b, pickBits(&r, hashtags)...)
	default: // short commit id, with at least one letter
		v := g.u64()
		s := len(b)
		for i := 0; i < 7; i++ {
			b = append(b, hexLower[v&15])
			v >>= 4
		}
		b[s+int(v%7)] = "abcdef"[(v>>3)%6]
		return b
	}
}
