package classify_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// skimTexts are the texts the skim of capitals is checked on: prose with
// and without look-alikes, dense text, names and addresses, and bytes
// around every edge skimWord tests.
func skimTexts() map[string][]byte {
	rng := rand.New(rand.NewPCG(5, 6))
	random := make([]byte, 1<<19)
	const edges = ".!?\n\r \t\"'(*[AZaz@_-,:;09\xc3\x97\x9f\xbf\xc0é\xe2\x80\x83\x84“€ℂ"
	for i := range random {
		random[i] = edges[rng.IntN(len(edges))]
		if rng.IntN(2) == 0 {
			random[i] = 'a' + byte(rng.IntN(26))
		}
	}
	// Sentences of a capitalised word and a lower-case one, of every
	// length, with the verbs and particles sentenceWord looks for, and
	// names from the lists.
	words := []string{"The", "It", "A", "Anna", "Maria", "Tom", "Question", "Xylophonesque", "Everythingthere",
		"said", "is", "was", "van", "de", "la", "and", "explained", "thought", "wonderfully", "a", "an", "extraordinarily",
		"Smith", "Gogh", "Cruz", "é", "Émile", "Ünal", "“Tom”", "—", "€5", "ℂ", "Ⅻ",
		// Labels inside a sentence (skimLabel), and words like them.
		"ORD-2023", "Build 2.1", "GPT-4", "Room (12)", "Room(12)", "McD-12", "I-9", "Abcdefgh 12", "ABCDEFG-1", "Build x2"}
	var sent []byte
	for len(sent) < 1<<19 {
		for k := 0; k < 2+rng.IntN(4); k++ {
			sent = append(sent, words[rng.IntN(len(words))]...)
			sent = append(sent, ' ')
		}
		sent = append(sent, []string{". ", "? ", "\n", ".\"", ". (", ", "}[rng.IntN(6)]...)
	}
	// And every first word before every shape that decides it: a verb, a
	// particle before a capital, after a second particle or before a
	// lower-case word, a short word before a capital, a long word.
	rare := classify.RareNamesForTest([]string{"Aniela", "Abramovich", "Rubija", "Kadiev", "Arcuri", "Bogdan", "Selma",
		"Silvana", "Borna", "Holinka", "Lindqvist", "Samoylova", "Desrosiers", "Seiler", "Kovac", "Jerkovic", "Zola"})
	if len(rare) < 3 {
		panic(fmt.Sprintf("the name lists know %v alone of the rare names the skim is tested with", rare))
	}
	for _, first := range append([]string{"Maria", "Anna", "Table", "The", "Question", "Everythingthere",
		// Words with letters of Latin-1, folded to one ASCII letter or two,
		// or none (÷), up to and past fifteen bytes.
		"Déjà", "Straße", "Cæsar", "Þórr", "Brøndby", "Zoë", "José", "Aé÷b", "Aééééééé", "Abcdefghijklmé", "Abcdefghijklméa"}, rare...) {
		for _, rest := range []string{"said so", "is here", "was late", "explained it", "van Gogh", "van der Berg", "de la Cruz",
			"de la casa", "and Tom", "and the", "about Maria", "an Émile", "to X", "extraordinarily", "a b", "saidX", "thought about"} {
			sent = append(sent, ". "+first+" "+rest+".\n"...)
		}
		for _, rest := range []string{", the house", ", Tom and", ", é", ",the", ", 12", ",  the", " \"they\"", " #tag", " @ml", " $5", " (x)", " ~", " Tom", "  x",
			" über", " über x", " ÷", " ×", " €5", " €", " £5", " ¥5", " ¢5", " ORD-2023", " ORD-x", " GPT-4", " SKU12", " AB-", " A-1", " ABCDEFGH-1", " ABCDEFGHI-1", " AbC-1"} {
			sent = append(sent, ". "+first+rest+".\n! "+first+rest+".\n"+first+rest+".\n\""+first+rest+". "...)
		}
	}
	return map[string][]byte{
		"prose":   synth.Prose(1<<20, 7),
		"plain":   synth.PlainProse(1<<20, 7),
		"dense":   synth.Dense(1<<20, 7),
		"random":  random,
		"phrases": sent,
	}
}

// TestSkimAgrees checks that the vector skim of capitals lists what the Go
// one does, in whole texts and in fields, from any place, with any room.
func TestSkimAgrees(t *testing.T) {
	if !classify.VectorSkim {
		t.Skip("no vector skim on this machine")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for name, text := range skimTexts() {
		for _, size := range []int{len(text), 4096, 200, 37} {
			for lo := 0; lo < len(text); lo += size {
				hi := min(lo+size, len(text))
				at := lo
				if rng.IntN(2) == 0 {
					at += rng.IntN(hi - lo)
				}
				room := []int{512, 7, 1}[rng.IntN(3)]
				if err := classify.SkimForTest(text, at, lo, hi, room); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
	}
}

// TestSkimSound checks that every capital the skim passes is one the name
// finder would pass, and that the skim passes most sentence starts in
// prose.
func TestSkimSound(t *testing.T) {
	for name, text := range skimTexts() {
		passed := 0
		for lo := 0; lo < len(text); lo += 4096 {
			n, err := classify.SkimSoundForTest(text, lo, min(lo+4096, len(text)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			passed += n
		}
		t.Logf("%s: %d capitals passed", name, passed)
		if name == "prose" && passed < 10000 {
			t.Errorf("prose: %d capitals passed, want most of its sentence starts", passed)
		}
	}
}

// FuzzSkim checks both on any text.
func FuzzSkim(f *testing.F) {
	f.Add([]byte("End. The team said so. Anna is here.\nTom and Maria de la Cruz met. É. Émile van Gogh was. Xyz abc"), 3)
	f.Add([]byte(". Aaaaaaaaaaaaaaa bbbbbbbbbbb c. Bb cc Dd! Ee ff\"Gg hh"), 0)
	f.Add([]byte("End. However, the x. Later \"they\" went. Brzekov and Wilson met.\nName, the x. ORD-2023 x. Déjà vu. “Quote” €5 ℂ"), 1)
	f.Add([]byte("Fine. Ship ORD-2023-41 now. Refund €12 or £5. Server über alles. Anna ¥5. Tom GPT-4. Zed AB-x. Kit ÷ x."), 2)
	f.Fuzz(func(t *testing.T, text []byte, at int) {
		if len(text) == 0 {
			return
		}
		at = max(at, 0) % len(text)
		if err := classify.SkimForTest(text, at, 0, len(text), 3); err != nil {
			t.Fatal(err)
		}
		if _, err := classify.SkimSoundForTest(text, 0, len(text)); err != nil {
			t.Fatal(err)
		}
	})
}
