package synth

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
)

var (
	rePersonName = regexp.MustCompile(`^\p{Lu}[\p{L}']+(?: \p{Lu}\.)? (?:(?:de|van) )?\p{Lu}[\p{L}']+$`)
	reUSAddress  = regexp.MustCompile(`^\d{2,4} [A-Z][a-z]+ [A-Z][a-z]+(?:, (?:Apt\.? \w+|Suite \d+|Unit \d+|#\d+))?, [A-Z][a-z]+, [A-Z]{2} \d{5}(?:-\d{4})?$`)
	reUKAddress  = regexp.MustCompile(`^(?:Flat \d+, )?\d{1,3} [A-Z][a-z]+ [A-Z][a-z]+, [A-Z][a-z]+ [A-Z]{1,2}\d{1,2} \d[A-Z]{2}$`)
	reDEAddress  = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:straße|str\.|weg|platz|allee|gasse) \d{1,3}, \d{5} \p{Lu}\p{Ll}+$`)
	reFRAddress  = regexp.MustCompile(`^\d{1,3} (?:rue|avenue|boulevard|chemin|place|impasse|allée) (?:(?:de la|des|du|de) )?\p{Lu}[\p{L} ]+, \d{5} \p{Lu}\p{Ll}+$`)
)

// validatePersonal checks names, addresses and dates of birth from their
// formats; ok is false for other infoTypes.
func validatePersonal(infoType, v string) (error, bool) {
	fail := func(format string, args ...any) (error, bool) {
		return fmt.Errorf("%s %q: %s", infoType, v, fmt.Sprintf(format, args...)), true
	}
	switch infoType {
	case classify.PersonName:
		if !rePersonName.MatchString(v) {
			return fail("not First [M.] Last")
		}
	case classify.StreetAddress:
		if !reUSAddress.MatchString(v) && !reUKAddress.MatchString(v) && !reDEAddress.MatchString(v) && !reFRAddress.MatchString(v) {
			return fail("not a US, UK, DE or FR address")
		}
	case classify.DateOfBirth:
		var t time.Time
		var err error
		for _, layout := range []string{"2006-01-02", "02/01/2006", "01/02/2006", "02.01.2006", "January 2, 2006", "2 January 2006", "2 Jan 2006"} {
			if t, err = time.Parse(layout, v); err == nil {
				break
			}
		}
		if err != nil {
			return fail("no date layout")
		}
		if t.Year() < 1930 || t.Year() > 2010 {
			return fail("implausible year")
		}
		if strings.Count(v, "/") == 2 && !(v[:2] > "12" || v[3:5] > "12") {
			return fail("day and month could be swapped")
		}
	default:
		return nil, false
	}
	return nil, true
}

// TestPersonalVariety: every shape of name, address and date turns up.
func TestPersonalVariety(t *testing.T) {
	g := New(17)
	want := map[string][]string{
		classify.PersonName:    {`^\S+ \S+$`, ` \p{Lu}\. `, `\p{L}*[^\x00-\x7f]`},
		classify.StreetAddress: {`, [A-Z]{2} \d{5}$`, `-\d{4}$`, ` [A-Z]{1,2}\d+ \d[A-Z]{2}$`, `straße \d`, `str\. \d`, `^\d+ rue `, `Apt|Suite|Unit|#`, `^Flat `},
		classify.DateOfBirth:   {`^\d{4}-`, `^\d\d/`, `^\d\d\.`, `^[A-Z][a-z]+ \d+, \d{4}$`, `^\d+ [A-Z][a-z]+ \d{4}$`},
	}
	for it, res := range want {
		var vals []string
		for range 500 {
			vals = append(vals, g.Value(it).Text)
		}
		for _, re := range res {
			r := regexp.MustCompile(re)
			found := false
			for _, v := range vals {
				found = found || r.MatchString(v)
			}
			if !found {
				t.Errorf("%s: no value matches %s", it, re)
			}
		}
	}
}

// TestNameColumn: a CSV's name column holds a person's name in every row
// when names are planted, each with its truth, and none when they are not.
func TestNameColumn(t *testing.T) {
	_, truths, _ := writeKind(t, Spec{Kind: CSV, Rows: 200, Seed: 4})
	names := 0
	for _, tr := range truths {
		if tr.Field == "name" {
			if tr.InfoType != classify.PersonName || tr.Offset != 0 {
				t.Fatalf("name column truth %+v", tr)
			}
			names++
		}
	}
	if names != 200 {
		t.Errorf("%d name truths in 200 rows", names)
	}
	data, truths, _ := writeKind(t, Spec{Kind: CSV, Rows: 200, Seed: 4, InfoTypes: []string{classify.EmailAddress}})
	for _, tr := range truths {
		if tr.InfoType == classify.PersonName {
			t.Fatal("a name planted though PERSON_NAME was not asked for")
		}
	}
	for _, n := range personLast {
		if strings.Contains(string(data), ","+personFirst[0]+" "+n+",") {
			t.Fatal("a name in a table that plants none")
		}
	}
}
