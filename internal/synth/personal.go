package synth

import (
	"fmt"
	"strconv"

	"github.com/residuehq/residue/classify"
)

// People's names, street addresses and dates of birth. The names, streets
// and places below are this package's own short lists (several countries,
// with their diacritics); they are not drawn from the detectors' word lists.

var personFirst = []string{
	"Sofia", "Lukas", "Emma", "Noah", "Chloé", "Mateo", "Lucía", "Hugo", "Inès", "Jonas", "Léa", "Marco",
	"Giulia", "Sven", "Anouk", "Priya", "Kenji", "James", "Mary", "Robert", "Patricia", "Jennifer", "Michael",
	"Linda", "David", "Sarah", "Thomas", "Karen", "Daniel", "Olivia", "Amelia", "Oliver", "Charlotte", "Harry",
	"Isabella", "Liam", "Maximilian", "Katharina", "Jürgen", "Sabine", "Matthias", "Élodie", "François",
	"Camille", "Antoine", "Manon", "José", "Álvaro", "Carmen", "Javier", "Ingrid", "Björn", "Astrid", "Pieter",
	"Femke", "Aleksandra", "Tomasz", "Katarzyna", "Rahul", "Ananya", "Yuki", "Haruto", "Chiara", "Francesca",
}

var personLast = []string{
	"Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Wilson",
	"Anderson", "Taylor", "Thompson", "Harris", "Clark", "Lewis", "Walker", "Young", "Müller", "Schmidt",
	"Schneider", "Fischer", "Weber", "Becker", "Keller", "Dubois", "Moreau", "Lefèvre", "Fontaine", "Girard",
	"Rossi", "Bianchi", "Romano", "Ferrari", "Jansen", "de Vries", "van Dijk", "Bakker", "Fernández", "López",
	"González", "Álvarez", "Novak", "Kowalski", "Nowak", "Lindqvist", "Johansson", "Nielsen", "Okafor",
	"Tanaka", "Suzuki", "Patel", "Sharma", "O'Brien", "MacDonald", "Schäfer", "Jørgensen", "Costa", "Silva",
}

// personName is "First Last", now and then with a middle initial.
func (g *Generator) personName() string {
	first, last := pick(g, personFirst), pick(g, personLast)
	if g.intn(8) == 0 {
		return first + " " + string(rune('A'+g.intn(26))) + ". " + last
	}
	return first + " " + last
}

// Street addresses in US, UK, German and French shapes, on one line.

var usStreets = []string{"Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Lake", "Hillside", "Sunset", "Ridgewood"}
var usTypes = []string{"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive", "Dr", "Court", "Place", "Way"}
var usUnits = []string{"Apt 4B", "Apt. 12", "Suite 210", "Unit 7", "#305"}

type usCity struct{ city, state, zip string }

var usCities = []usCity{
	{"Springfield", "IL", "627"}, {"Portland", "OR", "972"}, {"Austin", "TX", "787"}, {"Denver", "CO", "802"},
	{"Columbus", "OH", "432"}, {"Madison", "WI", "537"}, {"Richmond", "VA", "232"}, {"Albany", "NY", "122"},
	{"Sacramento", "CA", "958"}, {"Raleigh", "NC", "276"},
}

var ukStreets = []string{"Baker", "Church", "Victoria", "Station", "Mill", "Queens", "Kingsley", "Harrow", "Ashford", "Fenwick"}
var ukTypes = []string{"Road", "Street", "Lane", "Close", "Gardens", "Crescent", "Terrace", "Avenue"}

type ukTown struct{ town, area string }

var ukTowns = []ukTown{{"London", "SW"}, {"Manchester", "M"}, {"Leeds", "LS"}, {"Bristol", "BS"}, {"Cambridge", "CB"}, {"Oxford", "OX"}, {"York", "YO"}}

var deStreets = []string{"Linden", "Haupt", "Garten", "Schiller", "Goethe", "Bahnhof", "Berg", "Kirch", "Mozart", "Rosen"}
var deTypes = []string{"straße", "str.", "weg", "platz", "allee", "gasse"}
var deCities = []string{"Berlin", "München", "Hamburg", "Köln", "Leipzig", "Dresden", "Freiburg", "Mannheim"}

var frTypes = []string{"rue", "avenue", "boulevard", "chemin", "place", "impasse", "allée"}
var frNames = []string{"des Lilas", "Victor Hugo", "de la Paix", "du Moulin", "Jean Jaurès", "des Écoles", "Pasteur", "de la Gare"}
var frCities = []string{"Lyon", "Marseille", "Toulouse", "Nantes", "Bordeaux", "Rennes", "Grenoble", "Lille"}

func (g *Generator) streetAddress() string {
	switch g.intn(4) {
	case 0: // US: 1234 Main St, Apt 4B, Springfield, IL 62704
		c := pick(g, usCities)
		s := strconv.Itoa(g.between(10, 9899)) + " " + pick(g, usStreets) + " " + pick(g, usTypes)
		if g.intn(3) == 0 {
			s += ", " + pick(g, usUnits)
		}
		zip := fmt.Sprintf("%s%02d", c.zip, g.intn(100))
		if g.intn(4) == 0 {
			zip += fmt.Sprintf("-%04d", g.between(1, 9999))
		}
		return s + ", " + c.city + ", " + c.state + " " + zip
	case 1: // UK: 221 Baker Street, London SW1A 4BX
		t := pick(g, ukTowns)
		pc := fmt.Sprintf("%s%d %d%c%c", t.area, g.between(1, 20), g.intn(10), 'A'+rune(g.intn(26)), 'A'+rune(g.intn(26)))
		s := strconv.Itoa(g.between(1, 240)) + " " + pick(g, ukStreets) + " " + pick(g, ukTypes)
		if g.intn(4) == 0 {
			s = "Flat " + strconv.Itoa(g.between(1, 30)) + ", " + s
		}
		return s + ", " + t.town + " " + pc
	case 2: // DE: Lindenstraße 12, 10969 Berlin
		return fmt.Sprintf("%s%s %d, %05d %s", pick(g, deStreets), pick(g, deTypes), g.between(1, 180), g.between(1067, 99998), pick(g, deCities))
	default: // FR: 14 rue des Lilas, 69003 Lyon
		return fmt.Sprintf("%d %s %s, %05d %s", g.between(1, 150), pick(g, frTypes), pick(g, frNames), g.between(1000, 95999), pick(g, frCities))
	}
}

// Dates of birth in the usual numeric and spelled forms.

var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func (g *Generator) dateOfBirth() string {
	y, m, d := g.between(1935, 2006), g.between(1, 12), g.between(1, 28)
	switch g.intn(7) {
	case 0:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 1:
		return fmt.Sprintf("%02d/%02d/%04d", max(d, 13), m, y) // day first: unambiguous
	case 2:
		return fmt.Sprintf("%02d/%02d/%04d", m, max(d, 13), y) // US
	case 3:
		return fmt.Sprintf("%02d.%02d.%04d", d, m, y)
	case 4:
		return fmt.Sprintf("%s %d, %d", monthsEN[m-1], d, y)
	case 5:
		return fmt.Sprintf("%d %s %d", d, monthsEN[m-1], y)
	default:
		return fmt.Sprintf("%d %s %d", d, monthsEN[m-1][:3], y)
	}
}

// Carriers: the context a person's name, an address or a date of birth
// comes with. Nothing capitalised follows a value (the next word would be
// read as part of a name or a place), and a date of birth is always named.
var (
	personCarriers = []template{
		{"My name is ", ", nice to meet you."},
		{"Dear ", ", thank you for your order."},
		{"Patient: ", ", seen on Monday."},
		{"Kind regards,\n", "\n"},
		{"Please forward the contract to ", " before noon."},
		{"The report was signed by ", " yesterday."},
		{"Name: ", "\n"},
		{"Thanks again, ", ", for the quick review."},
	}
	addressCarriers = []template{
		{"Please ship it to ", " by Friday."},
		{"Our new address is ", ", from next month."},
		{"She lives at ", " with two cats."},
		{"Address: ", ", second floor."},
		{"Send the invoice to ", ", attention accounts."},
	}
	dobCarriers = []template{
		{"Date of birth: ", ""},
		{"DOB: ", ""},
		{"He was born on ", " in a small town."},
		{"date of birth ", ", as on the form."},
		{"Her birthday is ", ", so plan ahead."},
	}
)

// nameCell is the value of a table's name column: a person's name when
// PERSON_NAME is planted, else an empty-cell filler, so that a table that
// plants no names holds none.
func (g *Generator) nameCell(planting bool) (string, bool) {
	if !planting {
		return pick(g, placeholders), false
	}
	return g.personName(), true
}

func personalValue(g *Generator, infoType string) (string, bool) {
	switch infoType {
	case classify.PersonName:
		return g.personName(), true
	case classify.StreetAddress:
		return g.streetAddress(), true
	case classify.DateOfBirth:
		return g.dateOfBirth(), true
	}
	return "", false
}
