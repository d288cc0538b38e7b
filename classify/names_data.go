package classify

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// The person-name, street-address and date-of-birth detectors look words up
// in one lexicon: given names, surnames and common English words from the
// public lists under namedata/ (see namedata/README.md for their sources
// and licences), and the short hand-made lists below (titles, particles,
// street types, unit words, places that are not people). Words are looked
// up by a hash of their folded form: lower case, Latin diacritics removed
// ("Szöllösy" is looked up as "szollosy", "Straße" as "strasse"), so a scan
// folds and hashes a word in one pass without allocating.

//go:embed namedata/given.txt.gz namedata/surnames.txt.gz namedata/words.txt.gz
var nameData embed.FS

// lexInfo is what the lexicon knows of a word: tiers from the public lists
// (1 most frequent) and flags from the hand-made ones.
type lexInfo uint32

const (
	lexGivenMask     lexInfo = 7       // given-name tier 1..4 (SSA rank <1000, <5000, <20000, rest; namedata/README.md)
	lexSurShift              = 3       // surname tier 1..4 (1990 Census rank <1000, <10000, <40000, rest)
	lexWordShift             = 6       // English word tier 1..2 (SCOWL size 10-20, 35)
	lexStop          lexInfo = 1 << 8  // not a person on its own, whatever the name lists say: months, places, products
	lexTitle         lexInfo = 1 << 9  // Mr, Mrs, Dr, Herr, Mme …
	lexParticle      lexInfo = 1 << 10 // van, von, de, da, di …
	lexNotPerson     lexInfo = 1 << 11 // a capitalised run followed by it names an organisation or a place: Inc, University
	lexSuffix        lexInfo = 1 << 12 // Jr, Sr, II, MD, PhD
	lexStreet        lexInfo = 1 << 13 // a street type written after the name: Street, Road, Straße, weg
	lexStreetPre     lexInfo = 1 << 14 // a street type written before the name: rue, avenue, via, calle
	lexUnit          lexInfo = 1 << 15 // Apt, Suite, Unit, Flat, Wohnung
	lexCue           lexInfo = 1 << 16 // a word that introduces a person: dear, hi, thanks, patient
	lexCountry       lexInfo = 1 << 17 // a country's name (or its first word)
	lexBox           lexInfo = 1 << 18 // PO Box, PSC, APO/FPO/DPO shapes
	lexDirection     lexInfo = 1 << 19 // N, S, NE, Nord, Ouest …
	lexAbbrev        lexInfo = 1 << 20 // street or unit abbreviation that may take a '.'
	lexStreetSurname lexInfo = 1 << 21 // a street type that is also a frequent surname: Hill, Park, Lane
)

func (l lexInfo) given() int   { return int(l & lexGivenMask) }
func (l lexInfo) surname() int { return int(l>>lexSurShift) & 7 }
func (l lexInfo) common() int  { return int(l>>lexWordShift) & 3 }

// lexicon is an open-addressing hash table: each slot holds the upper 32
// bits of a word's hash and its lexInfo; a zero slot is empty.
type lexicon struct {
	slots []uint64
	mask  uint64
	// frequent marks, by two sets of quickHash's bits, the frequent names
	// (tier 1) that are no common word: the only words a sentence may
	// start with and be a name alone. A clear bit of the two lets the
	// scan pass a sentence's first word without the full lookup. With
	// one bit a word in 43 passed as a name might ("Later", "Close"),
	// with two about one in 450.
	frequent [1 << 16 / 64]uint64
	// names marks, by two other sets of quickHash's bits, every name of the
	// lists that is no common word and no place or product: a sentence's
	// first word with a clear bit of the two is no name whatever verb
	// follows it. With one bit of 2^20 a word in 7 passed as a name might,
	// with two of 2^21 about one in 70.
	names [1 << 21 / 64]uint64
	// cues marks, by bits of foldHash that get matches too, the words
	// that introduce a person (lexCue): the word before every capitalised
	// word standing alone is asked, and a clear bit answers without a
	// probe of the large table.
	cues [1 << 12 / 64]uint64
}

// quickHash hashes an ASCII word of letters from its first eight bytes
// (lower-cased) and its length: one load and one multiply.
func quickHash(w []byte) uint64 {
	var v uint64
	if len(w) >= 8 {
		v = binary.LittleEndian.Uint64(w) | 0x2020202020202020
	} else {
		for i := range len(w) {
			v |= uint64(w[i]|0x20) << (8 * i)
		}
	}
	v ^= uint64(len(w)) << 59
	return v * 0x9E3779B97F4A7C15
}

// quickHashIn is quickHash(text[i:e]) reading a short word's bytes in one
// load where the text runs on past it: it runs at every sentence start.
func quickHashIn(text []byte, i, e int) uint64 {
	n := e - i
	if n >= 8 || i+8 > len(text) {
		return quickHash(text[i:e])
	}
	v := (binary.LittleEndian.Uint64(text[i:]) | 0x2020202020202020) & (1<<(8*n) - 1)
	v ^= uint64(n) << 59
	return v * 0x9E3779B97F4A7C15
}

func (x *lexicon) maybeFrequent(qh uint64) bool {
	h, g := qh>>48, qh>>32&0xFFFF
	return x.frequent[h>>6]&(1<<(h&63)) != 0 && x.frequent[g>>6]&(1<<(g&63)) != 0
}

func (x *lexicon) maybeName(qh uint64) bool {
	h, g := qh>>43, qh>>21&(1<<21-1)
	return x.names[h>>6]&(1<<(h&63)) != 0 && x.names[g>>6]&(1<<(g&63)) != 0
}

var (
	lexOnce sync.Once
	lex     *lexicon
	lexErr  error
	// lexReady is lex once built: the finders ask for the lexicon on
	// every field, and a load the compiler inlines costs less than Once.
	lexReady atomic.Pointer[lexicon]
)

// theLexicon returns the lexicon, built on first use. The embedded data is
// part of the binary, so an error here is a build defect.
func theLexicon() *lexicon {
	if x := lexReady.Load(); x != nil {
		return x
	}
	return buildLexiconOnce()
}

func buildLexiconOnce() *lexicon {
	lexOnce.Do(func() {
		lex, lexErr = buildLexicon()
		if lexErr == nil {
			lexReady.Store(lex)
		}
	})
	if lexErr != nil {
		panic(lexErr)
	}
	return lex
}

// maybeCue reports whether get may find lexCue for the word hashed h.
func (x *lexicon) maybeCue(h uint64) bool {
	b := h >> 52
	return x.cues[b>>6]&(1<<(b&63)) != 0
}

func (x *lexicon) get(h uint64) lexInfo {
	fp := h >> 32
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s == 0 {
			return 0
		}
		if s>>32 == fp {
			return lexInfo(uint32(s))
		}
	}
}

func (x *lexicon) add(h uint64, info lexInfo) {
	fp := h >> 32
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s == 0 {
			x.slots[i] = fp<<32 | uint64(info)
			return
		}
		if s>>32 == fp {
			x.slots[i] = s | uint64(info)
			return
		}
	}
}

// addWord adds info to a word given as text (folded here).
func (x *lexicon) addWord(w string, info lexInfo) {
	x.add(foldHash([]byte(w)), info)
}

func buildLexicon() (*lexicon, error) {
	x := &lexicon{slots: make([]uint64, 1<<19)}
	x.mask = uint64(len(x.slots) - 1)
	for _, f := range []struct {
		name  string
		shift uint
	}{{"namedata/given.txt.gz", 0}, {"namedata/surnames.txt.gz", lexSurShift}, {"namedata/words.txt.gz", lexWordShift}} {
		n, err := readWordList(f.name, func(w []byte, tier int) {
			x.add(foldHash(w), lexInfo(tier)<<f.shift)
		})
		if err != nil {
			return nil, fmt.Errorf("classify: word list %s: %w", f.name, err)
		}
		if n == 0 {
			return nil, fmt.Errorf("classify: word list %s is empty", f.name)
		}
	}
	for _, l := range handLists {
		for _, w := range strings.Fields(l.words) {
			x.addWord(w, l.info)
			if l.info&lexCue != 0 {
				// get matches a word by the hash's top 32 bits: a word
				// it finds a cue has these 12 of them.
				b := foldHash([]byte(w)) >> 52
				x.cues[b>>6] |= 1 << (b & 63)
			}
		}
	}
	for _, f := range []string{"namedata/given.txt.gz", "namedata/surnames.txt.gz"} {
		if _, err := readWordList(f, func(w []byte, tier int) {
			if info := x.get(foldHash(w)); info.common() == 0 && info&lexStop == 0 {
				qh := quickHash(w)
				h, g := qh>>43, qh>>21&(1<<21-1)
				x.names[h>>6] |= 1 << (h & 63)
				x.names[g>>6] |= 1 << (g & 63)
			}
			if tier != 1 {
				return
			}
			if info := x.get(foldHash(w)); info.common() == 0 && info&lexStop == 0 {
				qh := quickHash(w)
				h, g := qh>>48, qh>>32&0xFFFF
				x.frequent[h>>6] |= 1 << (h & 63)
				x.frequent[g>>6] |= 1 << (g & 63)
			}
		}); err != nil {
			return nil, fmt.Errorf("classify: word list %s: %w", f, err)
		}
	}
	return x, nil
}

// readWordList decodes one front-coded list (namedata/build.py) and calls
// fn for each word with its tier; it returns the number of words.
func readWordList(name string, fn func(w []byte, tier int)) (int, error) {
	f, err := nameData.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, err
	}
	br := bufio.NewReader(zr)
	var w []byte
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		if err == io.EOF && len(line) == 0 {
			return n, zr.Close()
		}
		if err != nil {
			return n, err
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if len(line) < 3 || !isDigit(line[0]) || !isDigit(line[len(line)-1]) || int(line[0]-'0') > len(w) {
			return n, fmt.Errorf("line %d: bad entry %q", n+1, line)
		}
		w = append(w[:line[0]-'0'], line[1:len(line)-1]...)
		fn(w, int(line[len(line)-1]-'0'))
		n++
	}
}

// Folding: Latin letters U+00C0–U+024F to their ASCII base letters.
const latinFoldBase = 0xC0

var latinFold = func() []string {
	t := strings.Split(latinFoldTable, "|")
	return t[:0x250-latinFoldBase]
}()

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// foldHash hashes the folded form of w: letters lower-cased and stripped
// of diacritics, anything else as it is.
func foldHash(w []byte) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			h = (h ^ uint64(lower(c))) * fnvPrime
			i++
			continue
		}
		r, n := utf8.DecodeRune(w[i:])
		h = foldRune(h, r)
		i += n
	}
	return h
}

// foldRune adds the folded form of a non-ASCII rune to a hash.
func foldRune(h uint64, r rune) uint64 {
	if r >= latinFoldBase && r < 0x250 {
		if f := latinFold[r-latinFoldBase]; f != "" {
			for i := 0; i < len(f); i++ {
				h = (h ^ uint64(f[i])) * fnvPrime
			}
			return h
		}
	}
	r = unicode.ToLower(r)
	var buf [4]byte
	for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

// handLists are the hand-made word lists: short, general, and written for
// these detectors (no entry is drawn from any evaluation data).
var handLists = []struct {
	info  lexInfo
	words string
}{
	// Loanwords English writes every day that SCOWL's lists leave out.
	{2 << lexWordShift, `deja vu voila ole`},
	{lexTitle, `mr mrs ms miss mx dr prof professor sir dame lady lord rev reverend fr father sr sister
		herr frau fräulein dr-ing mme mlle madame mademoiselle monsieur señor señora señorita sra srta don doña
		signor signora signorina sig sen senator rep gov judge capt captain col colonel gen general lt sgt maj
		officer det detective insp inspector nurse pastor rabbi imam hon`},
	{lexParticle, `van von der den de del della delle dello degli dei di da das dos do du des la le lo ter ten te zu zur vom
		bin ibn bint al el ben mac y i e`},
	{lexSuffix, `jr sr ii iii iv md phd dds dvm esq mba rn cpa`},
	{lexCue, `dear hi hello hey thanks thank regards sincerely cheers signed attn attention patient customer
		contact name named called author employee applicant candidate recipient witness tenant
		guest buyer seller beneficiary insured spouse husband wife son daughter mother father brother sister
		uncle aunt friend colleague mom dad grandma grandpa liebe lieber hallo bonjour chère cher hola querido
		querida`},
	{lexStop, `january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
		januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag
		janvier février mars avril juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
		christmas easter halloween thanksgiving ramadan hanukkah diwali
		god jesus christ allah buddha
		english french german spanish italian portuguese dutch swedish norwegian danish finnish polish czech
		russian ukrainian greek turkish arabic hebrew hindi chinese japanese korean vietnamese thai
		american british canadian australian mexican brazilian african european asian indian irish scottish welsh
		africa america asia europe oceania antarctica`},
	{lexStop | lexCountry, `afghanistan albania algeria andorra angola argentina armenia austria azerbaijan bahamas bahrain bangladesh
		barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi cambodia
		cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark djibouti
		dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany
		ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq
		ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos
		latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives
		mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique
		myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama
		paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles
		singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan
		tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu
		venezuela vietnam yemen zambia zimbabwe greenland scotland wales england britain deutschland
		españa italia polska suisse schweiz österreich sverige norge danmark suomi nederland belgique`},
	{lexStop, `		alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
		indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
		missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
		washington wisconsin wyoming dakota carolina ontario quebec alberta manitoba saskatchewan
		london paris berlin madrid rome vienna prague warsaw budapest amsterdam brussels lisbon dublin athens
		moscow kyiv kiev stockholm oslo copenhagen helsinki zurich geneva munich hamburg frankfurt cologne milan
		naples venice florence barcelona seville valencia lyon marseille toulouse nice bordeaux manchester
		liverpool birmingham leeds glasgow edinburgh cardiff belfast york boston chicago houston phoenix dallas
		austin denver seattle portland atlanta miami detroit philadelphia baltimore nashville memphis orlando
		tampa raleigh cleveland cincinnati pittsburgh sacramento oakland vegas
		angeles orleans toronto montreal vancouver ottawa calgary sydney melbourne brisbane perth adelaide
		auckland wellington tokyo osaka kyoto beijing shanghai delhi mumbai bangalore dubai cairo lagos nairobi
		istanbul tehran baghdad riyadh doha karachi lahore dhaka jakarta manila bangkok hanoi seoul singapore
		havana bogota caracas quito montevideo asuncion brasilia
		google microsoft apple amazon facebook meta netflix twitter linkedin youtube instagram tesla nvidia intel
		oracle ibm samsung sony nokia siemens android iphone ipad windows linux ubuntu debian python java
		javascript typescript kotlin scala julia rust golang perl ruby django flask pytorch tensorflow keras
		pandas numpy docker kubernetes github gitlab jupyter excel alexa siri cortana chatgpt claude gemini
		bard llama mistral`},
	{lexNotPerson, `inc incorporated ltd limited llc llp plc gmbh ag sa sarl sas bv nv spa srl corp corporation co
		company companies group holdings partners associates international industries enterprises solutions
		systems technologies labs laboratories bank university college school academy institute foundation
		association society club church cathedral museum hospital clinic hotel restaurant cafe bar airport
		station stadium arena center centre theatre theater gallery library park river lake mountain mount
		island islands valley bay beach county city town village district province state republic kingdom
		ministry department agency council committee commission court army navy times post journal news
		press media records studios pictures entertainment weekly daily magazine review award awards prize
		cup league fc united logistics analytics foods consulting software networks ventures dynamics energy
		pharma pharmaceuticals therapeutics insurance motors airlines airways telecom communications electronics
		healthcare biotech securities investments realty properties construction engineering manufacturing
		marketing robotics capital bancorp trust`},
	{lexStreet, `street st road rd avenue ave av lane ln drive dr court ct boulevard blvd way place pl close
		crescent cres terrace ter tce square sq parkway pkwy highway hwy circle cir trail trl row mews grove
		gardens hill hills heights hts walk path pike alley aly plaza plz loop bend cove creek crossing xing
		expressway expy freeway fwy turnpike tpke point pt ridge run causeway cswy junction jct parade esplanade
		embankment wharf quay gate green rise vale view wynd brae strasse str gasse weg platz allee ring damm
		ufer chaussee steig pfad markt terrasse vei veien gate utca ulica u krt körút út útja tér tee rakpart rkp
		sor köz fasor sétány`},
	{lexStreetSurname, `hill hills park lane green grove ridge brook brooks hall dale ford wells field fields rowe cross
		bridge banks gates moss marsh heath vale wood woods mills mill glen rose hollow bend gardens`},
	{lexStreetPre, `rue avenue av ave boulevard bd bld blvd chemin ch place pl impasse imp allée allee quai cours route rte
		square sq passage voie sentier via viale piazza piazzale corso vicolo largo strada calle avenida avda
		plaza paseo camino carrera carretera rua travessa praça estrada ulica ul aleja al plac trg`},
	{lexUnit, `apt apartment suite ste unit flat room rm floor fl bldg building wohnung whg etage appartement app
		bâtiment bat escalier esc piso puerta dept`},
	{lexBox, `po box psc cmr apo fpo dpo postfach bp`},
	{lexDirection, `n s e w ne nw se sw north south east west nord süd sud ost est ouest`},
	{lexAbbrev, `st rd ave av ln dr ct blvd pl cres ter tce sq pkwy hwy cir trl aly plz xing expy fwy tpke pt cswy
		jct str apt ste rm fl bldg whg app bd bld ch imp rte avda ul al esc dept u krt rkp`},
}

const latinFoldTable = "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|" +
	"e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|" +
	"e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|" +
	"n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|" +
	"u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|||||||||||||||||||f||||||||||||||o|o||||||||||||||u|u|||||" +
	"||||||||||||||||||||||||a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u||a|a|a|a|||||g|g|k|k|o|o|o|o|||j||" +
	"||g|g|||n|n|a|a|||||a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|||h|h|||||||a|" +
	"a|e|e|o|o|o|o|o|o|o|o|y|y|||||||||||||||||||||||||||||"
