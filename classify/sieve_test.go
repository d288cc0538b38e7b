package classify_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// sieveTexts are the texts the sieve of house numbers is checked on:
// prose with look-alikes, dense text with planted addresses, the same
// lower-cased, and numbers before and after every byte houseNumber reads.
func sieveTexts() map[string][]byte {
	rng := rand.New(rand.NewPCG(9, 10))
	var edge []byte
	const after = " ,\n\r\t?!;).-/:%ab\"'"
	words := []string{"Main Street", "rue des Lilas", "main st", "Table", "compare all", "x", "PO Box", "Lindenstraße",
		"Apt 5", "Stensås terrasse", "in", "the", "Via Roma", "calle", "Ave"}
	for len(edge) < 1<<19 {
		edge = append(edge, words[rng.IntN(len(words))]...)
		edge = append(edge, ' ')
		for k := rng.IntN(7) + 1; k > 0; k-- {
			edge = append(edge, '0'+byte(rng.IntN(10)))
		}
		edge = append(edge, after[rng.IntN(len(after))])
		edge = append(edge, after[rng.IntN(len(after))])
		if rng.IntN(2) == 0 {
			edge = append(edge, '1', '2')
		}
		edge = append(edge, ' ')
		edge = append(edge, words[rng.IntN(len(words))]...)
		edge = append(edge, []string{" ", ". ", "\n", ", "}[rng.IntN(4)]...)
	}
	dense := synth.Dense(1<<20, 9)
	return map[string][]byte{
		"prose":       synth.Prose(1<<20, 9),
		"dense":       dense,
		"dense-lower": bytes.ToLower(dense),
		"edges":       edge,
		"edges-lower": bytes.ToLower(edge),
	}
}

// TestSieveSound checks that the sieve drops only numbers where no address
// starts, in texts with and without capitals, and that it drops most of
// prose's.
func TestSieveSound(t *testing.T) {
	for name, text := range sieveTexts() {
		dropped, runs := 0, 0
		for off := 0; off < len(text); off += 4096 {
			d, r, err := classify.SieveSoundForTest(text[off:min(off+4096, len(text))])
			if err != nil {
				t.Fatalf("%s, field at %d: %v", name, off, err)
			}
			dropped, runs = dropped+d, runs+r
		}
		t.Logf("%s: %d of %d numbers dropped", name, dropped, runs)
		if name == "prose" && dropped < runs*3/4 {
			t.Errorf("prose: %d of %d numbers dropped, want three quarters", dropped, runs)
		}
	}
}

// TestSieveAgrees checks that the vector sieve keeps what the Go one does,
// in fields of every size.
func TestSieveAgrees(t *testing.T) {
	if !classify.VectorSieve {
		t.Skip("no vector sieve on this machine")
	}
	for name, text := range sieveTexts() {
		for _, size := range []int{len(text), 4096, 333, 60} {
			for lo := 0; lo < len(text); lo += size {
				if err := classify.SieveAgreesForTest(text, lo, min(lo+size, len(text))); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
	}
}

// FuzzSieve checks the sieve on any text.
func FuzzSieve(f *testing.F) {
	f.Add([]byte("Table compare 37887 all. 12 Main Street, 15:48:27 and 67.6% at 2026-09-16; 12a rue des Lilas x 4 Box 5"))
	f.Add([]byte("see 1600 pennsylvania avenue nw, washington dc 20500 and 10 downing street"))
	f.Add([]byte("I think I live at 1600 pennsylvania avenue nw, washington dc 20500, as I said"))
	f.Add([]byte("we moved to Iowa, i think: 12 main street, ames"))
	f.Add([]byte("Done. Kitchen 272 collect all! Avda. Rio 5 bus? Zorblat 12 apt 5. Adresse 9 rue."))
	f.Fuzz(func(t *testing.T, text []byte) {
		if _, _, err := classify.SieveSoundForTest(text); err != nil {
			t.Fatal(err)
		}
		if err := classify.SieveAgreesForTest(text, 0, len(text)); err != nil {
			t.Fatal(err)
		}
		if _, err := classify.PlainAroundForTest(text); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLowerStreetTypes checks that lowerStreetPre knows every street type
// the sieve's keys stand for, in a text and at its end, and no word that
// differs from one by a letter.
func TestLowerStreetTypes(t *testing.T) {
	types := classify.LowerStreetTypesForTest()
	for _, w := range types {
		for _, text := range []string{w + " de la Paix", w} {
			if !classify.LowerStreetPreForTest([]byte(text)) {
				t.Errorf("lowerStreetPre(%q) = false", text)
			}
		}
		for _, near := range []string{w + "s", "x" + w, w[:len(w)-1]} {
			if !slices.Contains(types, near) && classify.LowerStreetPreForTest([]byte(near+" de la Paix")) {
				t.Errorf("lowerStreetPre(%q) = true", near)
			}
		}
	}
	for _, text := range []string{"élan vital", "été", "\xc3", "", "9 rue"} {
		if classify.LowerStreetPreForTest([]byte(text)) {
			t.Errorf("lowerStreetPre(%q) = true", text)
		}
	}
}

// TestPlainBefore checks the sieve's reading of the word before a
// number against wordBeforeCapitalised, on the sieve's texts and on
// words of the lists after capitals, particles and street types.
func TestPlainBefore(t *testing.T) {
	texts := sieveTexts()
	texts["words"] = []byte("Mainstreet rue 12 Avenue de la 3 Via del corso 4 Calle mayor 5 Stensås terrasse 6 Kálmán Imre u. 7 . x 8 Lindenstr. 9 " +
		"the main st 10 the rue 11 the str. 12 at no. 13 in apt 14 Hauptstraße nr 15 Flat 5 the unit 16 PO box 17 lower word 18 e.g. word 19 ")
	for name, text := range texts {
		n, err := classify.PlainBeforeForTest(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: %d words before a space plain", name, n)
		if name == "prose" && n < 50000 {
			t.Errorf("prose: only %d plain words", n)
		}
	}
}

// TestStreetWords checks mayBeStreetWord, which spares wordBeforeCapitalised
// a probe of the lexicon, against the lexicon itself: every word of the
// lists that it makes a street, unit or box word passes, in every case
// and with an abbreviation's dot, and most other words are turned away.
func TestStreetWords(t *testing.T) {
	street, turned, err := classify.StreetWordsForTest()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d street words pass, %d other words turned away", street, turned)
	// Words the lists hold with diacritics, written without them.
	for _, w := range []string{"korut", "Korut", "ut", "ter", "setany", "koz", "batiment", "Batiment."} {
		if !classify.MayBeStreetWordForTest([]byte(w)) {
			t.Errorf("%q is a street word the keys turn away", w)
		}
	}
	if street < 150 || turned < 100000 {
		t.Errorf("only %d street words checked and %d other words turned away", street, turned)
	}
}

// plainAroundText writes every word of the hand-made lists, the address
// cues and street compounds where plainAround reads: the sentence's first
// word before a number, the word before that sentence's '.' (after an
// abbreviation, too), the word after the number, and a cue before a
// sentence's end that no space follows.
func plainAroundText() []byte {
	var b bytes.Buffer
	for _, w := range classify.HandWordsForTest() {
		if w == "" {
			continue
		}
		lw := strings.ToLower(w)
		cw := strings.ToUpper(lw[:1]) + lw[1:]
		for _, first := range []string{cw, "Linden" + lw, "Linden" + cw, "Ab" + lw, cw + "str"} {
			b.WriteString("Done. " + first + " 12 collect all.\n")
			b.WriteString("Done? " + first + " 12 " + lw + " 5 Springfield.\n")
		}
		for _, before := range []string{lw, cw, "linden" + lw, lw + "str", "x-" + lw} {
			b.WriteString(before + ". Kitchen 12 collect all.\n")
			b.WriteString("so " + before + ". Rio 12 bus.\n")
		}
		b.WriteString(cw + ". Lindenstr. Kitchen 12 collect all.\n")
		b.WriteString("I " + lw + ".(Zorblat 12 collect all.\n")
		b.WriteString("Done! Kitchen 12 " + lw + " 5, Springfield, IL 62704.\n")
		b.WriteString("Done. Zorblat 12 " + lw + " 5.\n")
	}
	return b.Bytes()
}

// TestPlainAround checks that the address finder skips its street
// readings only where both would fail, and that prose gives it the
// chance: a hundred numbers a MiB or more.
func TestPlainAround(t *testing.T) {
	texts := sieveTexts()
	texts["hand words"] = plainAroundText()
	for name, text := range texts {
		passed := 0
		for off := 0; off < len(text); off += 4096 {
			n, err := classify.PlainAroundForTest(text[off:min(off+4096, len(text))])
			if err != nil {
				t.Fatalf("%s, field at %d: %v", name, off, err)
			}
			passed += n
		}
		t.Logf("%s: plainAround passed %d numbers", name, passed)
		if name == "prose" && passed < 100 {
			t.Errorf("prose: plainAround passed %d numbers, want 100 or more", passed)
		}
	}
}
