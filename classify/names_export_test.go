package classify

// Hooks for the external tests of the name, address and date-of-birth
// detectors.
var (
	FindNamesForTest     = findNames
	FindAddressesForTest = findAddresses
)
