package classify

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// libraryPhoneE164 is phoneE164 as it was before phoneplan.go: the same
// cheap checks, then the library's parser and validator. It is the
// reference our own steps must agree with.
func libraryPhoneE164(s []byte, defaultRegion string) (e164 string, ok bool) {
	if _, ok := phoneShaped(s); !ok {
		return "", false
	}
	defer func() {
		if recover() != nil {
			e164, ok = "", false
		}
	}()
	var num phonenumbers.PhoneNumber
	if err := phonenumbers.ParseToNumber(string(s), defaultRegion, &num); err != nil {
		return "", false
	}
	if !phonenumbers.IsValidNumber(&num) {
		return "", false
	}
	return phonenumbers.Format(&num, phonenumbers.E164), true
}

var phoneTypes = []phonenumbers.PhoneNumberType{
	phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE,
	phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER,
	phonenumbers.UAN, phonenumbers.VOICEMAIL,
}

// phonePlanInputs are the library's example numbers of every region and
// type (its documentation values) in three formats, each also mutated the
// ways text mangles numbers and the ways the parser's branches are told
// apart (prefixes: an international prefix, a trunk prefix, a calling
// code, a stray plus), and random digit strings.
func phonePlanInputs(t testing.TB) (all []string, byRegion map[string][]string) {
	t.Helper()
	var examples []*phonenumbers.PhoneNumber
	var origin []string
	regions := make([]string, 0, 256)
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, r := range regions {
		for _, typ := range phoneTypes {
			if n := phonenumbers.GetExampleNumberForType(r, typ); n != nil {
				examples = append(examples, n)
				origin = append(origin, r)
			}
		}
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			examples = append(examples, n)
			origin = append(origin, nonGeoRegion)
		}
	}
	if len(examples) < 1000 {
		t.Fatalf("only %d example numbers: the library's metadata is not what this test expects", len(examples))
	}
	rng := rand.New(rand.NewPCG(7, 11))
	seen := map[string]bool{}
	byRegion = map[string][]string{}
	region := ""
	add := func(s string) {
		byRegion[region] = append(byRegion[region], s)
		if !seen[s] {
			seen[s] = true
			all = append(all, s)
		}
	}
	for i, n := range examples {
		region = origin[i]
		e164 := phonenumbers.Format(n, phonenumbers.E164)
		nsn := phonenumbers.GetNationalSignificantNumber(n)
		for _, f := range []string{e164, phonenumbers.Format(n, phonenumbers.INTERNATIONAL), phonenumbers.Format(n, phonenumbers.NATIONAL)} {
			add(f)
		}
		for _, p := range []string{"", "0", "1", "00", "011", "+", "+0", "+1", "0011", "8", "810", "+00", "+011", "+8"} {
			add(p + nsn)
			add(p + e164[1:])
		}
		for k := 0; k < 6; k++ {
			b := []byte(e164)
			i := 1 + rng.IntN(len(b)-1)
			b[i] = byte('0' + rng.IntN(10))
			add(string(b))
			add(string(b[1:]))
		}
		add(e164[:len(e164)-1])
		add(e164 + "0")
		add(nsn[:len(nsn)-1])
		add(nsn + "5")
	}
	region = ""
	for k := 0; k < 20000; k++ {
		n := 7 + rng.IntN(9)
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteByte('+')
		}
		for range n {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		add(b.String())
	}
	return all, byRegion
}

// TestPhonePlanAgrees holds our parse and validation over the library's
// metadata to the library's own answers, number for number.
func TestPhonePlanAgrees(t *testing.T) {
	inputs, byRegion := phonePlanInputs(t)
	valid := 0
	check := func(region string, ins []string) {
		for _, in := range ins {
			want, wok := libraryPhoneE164([]byte(in), region)
			got, gok := phoneE164([]byte(in), region)
			if got != want || gok != wok {
				t.Errorf("phoneE164(%q, %q) = %q, %v; the library says %q, %v", in, region, got, gok, want, wok)
			}
			if wok {
				valid++
			}
		}
	}
	check("US", inputs) // what the detectors ask
	rng := rand.New(rand.NewPCG(3, 5))
	for _, region := range []string{"GB", "DE", "FR", "IT", "AR", "MX", "BR", "IN", "CN", "JP", "RU", "AU", "ZZ", ""} {
		sub := byRegion[region] // its own numbers, as written there
		for range 3000 {
			sub = append(sub, inputs[rng.IntN(len(inputs))])
		}
		check(region, sub)
	}
	// Both answers must be exercised, or agreement means nothing.
	if valid < len(inputs)/10 {
		t.Errorf("only %d of the inputs are valid numbers", valid)
	}
	t.Logf("%d inputs, %d valid answers", len(inputs), valid)
}

// TestPhonePlanMetadataShape pins what phoneplan.go assumes of the
// metadata where the library would panic instead (a missing description,
// a general description without lengths): that it does not happen.
func TestPhonePlanMetadataShape(t *testing.T) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	for _, md := range coll.GetMetadata() {
		for i, d := range []*phonenumbers.PhoneNumberDesc{md.GetGeneralDesc(), md.GetFixedLine(), md.GetMobile(),
			md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(), md.GetVoip(), md.GetPersonalNumber(),
			md.GetPager(), md.GetUan(), md.GetVoicemail()} {
			if d == nil {
				t.Errorf("%s (+%d): description %d missing", md.GetId(), md.GetCountryCode(), i)
			}
		}
		if len(md.GetGeneralDesc().GetPossibleLength()) == 0 {
			t.Errorf("%s (+%d): no possible lengths", md.GetId(), md.GetCountryCode())
		}
	}
}

// TestPhonePlanConcurrent validates from several goroutines at once, as
// scan workers do, while plans compile on first use: the answers are the
// same as one goroutine's (run with -race to check the lazy compiling).
func TestPhonePlanConcurrent(t *testing.T) {
	inputs, _ := phonePlanInputs(t)
	inputs = inputs[:min(len(inputs), 4000)]
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i], _ = libraryPhoneE164([]byte(in), "US")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Go(func() {
			for k := range inputs {
				i := (k + g*499) % len(inputs) // each goroutine meets the regions in another order
				if got, _ := phoneE164([]byte(inputs[i]), "US"); got != want[i] {
					errs <- fmt.Sprintf("phoneE164(%q) = %q, want %q", inputs[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
