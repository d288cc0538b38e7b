package classify

import (
	"regexp"
	"strconv"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// Phone numbers are validated against libphonenumber's metadata, read from
// the library, by our own code: the library's parser runs a case-folding
// extension pattern over every input and compiles, looks up and matches
// each pattern twice per call, about 40 µs and 80 allocations a number,
// so a column of phone numbers cost more than the rest of its scan. Here
// each region's patterns are compiled once, on first use, and the digits
// go through the steps of the library's ParseToNumber and IsValidNumber
// in the same order, with the same regular expressions: the inputs that
// reach this (digits, separators, a leading '+'; see phoneShaped) can hold
// no extension and no RFC 3966 syntax, so the library's result depends
// on the digits and the plus alone. TestPhonePlanAgrees holds the two to
// the same answers.

// numberDesc is one PhoneNumberDesc: a pattern the whole national number
// must match and the lengths it may have.
type numberDesc struct {
	re      *regexp.Regexp // ^(?:pattern)$
	lengths []int32        // none: any length
}

// matches is the library's isNumberMatchingDesc.
func (d *numberDesc) matches(nsn []byte) bool {
	if d.re == nil {
		return false
	}
	if len(d.lengths) > 0 && !containsLen(d.lengths, len(nsn)) {
		return false
	}
	return d.re.Match(nsn)
}

func containsLen(ls []int32, n int) bool {
	for _, l := range ls {
		if int(l) == n {
			return true
		}
	}
	return false
}

// plan is one region's numbering plan, compiled.
type plan struct {
	cc      int
	general numberDesc
	// The descriptions getNumberTypeHelper tries before fixed line and
	// mobile: premium rate, toll free, shared cost, VoIP, personal,
	// pager, UAN, voicemail. Any match makes a number valid.
	special         [8]numberDesc
	fixed, mobile   numberDesc
	sameMobileFixed bool
	leading         *regexp.Regexp // ^(?:leading digits); nil when none
	natPrefix       *regexp.Regexp // ^(?:national prefix for parsing); nil when none
	transform       []byte         // national prefix transform rule
	idd             *regexp.Regexp // international prefix, unanchored as the library uses it
	lengths, local  []int32        // the general description's possible lengths
}

func compileDesc(d *phonenumbers.PhoneNumberDesc) numberDesc {
	if d == nil {
		return numberDesc{}
	}
	return numberDesc{re: regexp.MustCompile("^(?:" + d.GetNationalNumberPattern() + ")$"), lengths: d.PossibleLength}
}

func compilePlan(md *phonenumbers.PhoneMetadata) *plan {
	p := &plan{
		cc:              int(md.GetCountryCode()),
		general:         compileDesc(md.GetGeneralDesc()),
		fixed:           compileDesc(md.GetFixedLine()),
		mobile:          compileDesc(md.GetMobile()),
		sameMobileFixed: md.GetSameMobileAndFixedLinePattern(),
		transform:       []byte(md.GetNationalPrefixTransformRule()),
	}
	for i, d := range []*phonenumbers.PhoneNumberDesc{md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(), md.GetVoip(),
		md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail()} {
		p.special[i] = compileDesc(d)
	}
	if g := md.GetGeneralDesc(); g != nil {
		p.lengths, p.local = g.PossibleLength, g.PossibleLengthLocalOnly
	}
	if ld := md.GetLeadingDigits(); ld != "" {
		p.leading = regexp.MustCompile("^(?:" + ld + ")")
	}
	if np := md.GetNationalPrefixForParsing(); np != "" {
		p.natPrefix = regexp.MustCompile("^(?:" + np + ")")
	}
	// An empty international prefix matches everywhere, as in the library.
	p.idd = regexp.MustCompile(md.GetInternationalPrefix())
	return p
}

// valid is getNumberTypeHelper(nsn, p) != UNKNOWN.
func (p *plan) valid(nsn []byte) bool {
	if !p.general.matches(nsn) {
		return false
	}
	for i := range p.special {
		if p.special[i].matches(nsn) {
			return true
		}
	}
	if p.fixed.matches(nsn) {
		return true
	}
	return !p.sameMobileFixed && p.mobile.matches(nsn)
}

type lengthResult uint8

const (
	lenPossible lengthResult = iota
	lenLocalOnly
	lenTooShort
	lenInvalid
	lenTooLong
)

// testLength is the library's testNumberLength for the general
// description. ok is false where the library would panic (a region
// without possible lengths), which phoneValid reports as not valid.
func (p *plan) testLength(n int) (r lengthResult, ok bool) {
	ls := p.lengths
	if len(ls) == 0 {
		return 0, false
	}
	switch {
	case ls[0] == -1:
		return lenInvalid, true
	case containsLen(p.local, n):
		return lenLocalOnly, true
	case int(ls[0]) == n:
		return lenPossible, true
	case int(ls[0]) > n:
		return lenTooShort, true
	case int(ls[len(ls)-1]) < n:
		return lenTooLong, true
	case containsLen(ls[1:], n):
		return lenPossible, true
	}
	return lenInvalid, true
}

// stripNationalPrefix is the library's maybeStripNationalPrefixAndCarrierCode:
// number without its national prefix (and carrier code), or transformed by
// the region's rule, or number itself.
func (p *plan) stripNationalPrefix(number []byte) []byte {
	if len(number) == 0 || p.natPrefix == nil {
		return number
	}
	g := p.natPrefix.FindSubmatchIndex(number)
	if g == nil {
		return number
	}
	viable := p.general.re != nil && p.general.re.Match(number)
	groups := len(g)/2 - 1
	if len(p.transform) == 0 || g[groups*2] < 0 {
		if viable && !p.general.re.Match(number[g[1]:]) {
			return number
		}
		return number[g[1]:]
	}
	t := p.natPrefix.ReplaceAll(number, p.transform)
	if viable && !p.general.re.Match(t) {
		return number
	}
	return t
}

// lazyPlan compiles a region's plan on first use: most scans meet a
// handful of the 250 regions.
type lazyPlan struct {
	once sync.Once
	md   *phonenumbers.PhoneMetadata
	p    *plan
}

func (l *lazyPlan) get() *plan {
	if l == nil {
		return nil
	}
	l.once.Do(func() { l.p = compilePlan(l.md) })
	return l.p
}

// phonePlans is the library's metadata, by region and calling code.
type phonePlans struct {
	regions map[string]*lazyPlan // ISO 3166 code; "001" is not one
	nonGeo  map[int]*lazyPlan    // calling codes of region "001"
	ccs     [1000][]string       // calling code: its regions, main one first
}

const nonGeoRegion = "001"

var thePhonePlans = sync.OnceValue(func() *phonePlans {
	ps := &phonePlans{regions: map[string]*lazyPlan{}, nonGeo: map[int]*lazyPlan{}}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		panic("phone metadata: " + err.Error()) // the library's own embedded data
	}
	for _, md := range coll.GetMetadata() {
		if md.GetId() == nonGeoRegion {
			ps.nonGeo[int(md.GetCountryCode())] = &lazyPlan{md: md}
		} else {
			ps.regions[md.GetId()] = &lazyPlan{md: md}
		}
	}
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		if cc > 0 && cc < len(ps.ccs) {
			ps.ccs[cc] = phonenumbers.GetRegionCodesForCountryCode(cc)
		}
	}
	return ps
})

// forRegion is getMetadataForRegionOrCallingCode.
func (ps *phonePlans) forRegion(cc int, region string) *plan {
	if region == nonGeoRegion {
		return ps.nonGeo[cc].get()
	}
	return ps.regions[region].get()
}

func (ps *phonePlans) regionsOf(cc int) []string {
	if cc <= 0 || cc >= len(ps.ccs) {
		return nil
	}
	return ps.ccs[cc]
}

// extractCountryCode is the library's maybeExtractCountryCode on the digits
// of a number, with plus for a leading '+'. It returns the calling code (0
// for none) and the digits after it; ok is false for the library's errors,
// and badCC for an unknown calling code after a '+' or an international
// prefix.
func (ps *phonePlans) extractCountryCode(digits []byte, plus bool, def *plan) (cc int, rest []byte, ok, badCC bool) {
	full := digits
	intl := plus
	if !plus && def != nil {
		if m := def.idd.FindIndex(full); m != nil && m[0] == 0 && (m[1] == len(full) || full[m[1]] != '0') {
			full, intl = full[m[1]:], true
		}
	}
	if intl {
		if len(full) <= 2 {
			return 0, nil, false, false
		}
		if full[0] != '0' {
			for i := 1; i <= 3 && i <= len(full); i++ {
				c, _ := strconv.Atoi(string(full[:i]))
				if len(ps.regionsOf(c)) > 0 {
					return c, full[i:], true, false
				}
			}
		}
		return 0, nil, false, true
	}
	if def == nil {
		return 0, nil, true, false
	}
	var buf [4]byte
	ccs := strconv.AppendInt(buf[:0], int64(def.cc), 10)
	if len(full) < len(ccs) || string(full[:len(ccs)]) != string(ccs) {
		return 0, nil, true, false
	}
	national := def.stripNationalPrefix(full[len(ccs):])
	fullValid := def.general.re != nil && def.general.re.Match(full)
	nationalValid := def.general.re != nil && def.general.re.Match(national)
	r, lok := def.testLength(len(full))
	if !lok {
		return 0, nil, false, false
	}
	if !fullValid && nationalValid || r == lenTooLong {
		return def.cc, national, true, false
	}
	return 0, nil, true, false
}

// parse is the library's ParseToNumber on the digits of a number: the
// calling code and the national significant number.
func (ps *phonePlans) parse(digits []byte, plus bool, defRegion string) (cc int, nsn []byte, ok bool) {
	def := ps.regions[defRegion].get()
	if def == nil && !plus {
		return 0, nil, false // no region to read a national number in
	}
	cc, nsn, ok, badCC := ps.extractCountryCode(digits, plus, def)
	if !ok && badCC && plus {
		// The library tries again as if there were no plus.
		if cc, nsn, ok, _ = ps.extractCountryCode(digits, false, def); !ok || cc == 0 {
			return 0, nil, false
		}
	} else if !ok {
		return 0, nil, false
	}
	md := def
	if cc != 0 {
		if r := ps.regionsOf(cc); r[0] != defRegion {
			md = ps.forRegion(cc, r[0])
		}
	} else {
		nsn = digits
		if def != nil {
			cc = def.cc
		}
	}
	if len(nsn) < 2 {
		return 0, nil, false
	}
	if md != nil {
		pot := md.stripNationalPrefix(nsn)
		r, lok := md.testLength(len(pot))
		if !lok {
			return 0, nil, false
		}
		if r != lenTooShort && r != lenLocalOnly && r != lenInvalid {
			nsn = pot
		}
	}
	if len(nsn) < 2 || len(nsn) > 17 {
		return 0, nil, false
	}
	return cc, nsn, true
}

// valid is the library's IsValidNumber.
func (ps *phonePlans) valid(cc int, nsn []byte) bool {
	regions := ps.regionsOf(cc)
	region := ""
	switch len(regions) {
	case 0:
		return false
	case 1:
		region = regions[0]
	default:
		for _, r := range regions {
			p := ps.regions[r].get()
			if p == nil {
				return false
			}
			if p.leading != nil {
				if p.leading.Match(nsn) {
					region = r
					break
				}
			} else if p.valid(nsn) {
				region = r
				break
			}
		}
	}
	p := ps.forRegion(cc, region)
	if p == nil || region != nonGeoRegion && p.cc != cc {
		return false
	}
	return p.valid(nsn)
}
