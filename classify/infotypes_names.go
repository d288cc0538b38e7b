package classify

// InfoTypes of people's names, addresses and dates of birth
// (../shared/INFOTYPES.md).
const (
	PersonName    = "PERSON_NAME"
	StreetAddress = "STREET_ADDRESS"
	DateOfBirth   = "DATE_OF_BIRTH"
)
