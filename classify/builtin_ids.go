package classify

// Detectors of national and regional identifiers with their checksums.

func nationalIDDetectors() []*Detector {
	return nil
}
