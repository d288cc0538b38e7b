package classify_test

// nationalIDCaseIDs names the detectors builtin_ids_test.go covers.
func nationalIDCaseIDs() []string { return idDetectorCaseIDs() }
