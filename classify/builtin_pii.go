package classify

// Detectors of personal data: contact details, financial identifiers,
// identity numbers and network addresses.

func contactDetectors() []*Detector {
	return []*Detector{
		{
			ID: "email", InfoType: EmailAddress, Category: CategoryContact, Version: 1,
			Description: "Email address (RFC 5321 shape, dotted domain with an alphabetic TLD)",
			Anchor:      AnchorAt, Before: 64, After: 255,
			Pattern:    `[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}`,
			Edge:       EdgeToken,
			Validate:   okIf(emailValid),
			Likelihood: Likely, Context: []string{"email", "e-mail", "mail", "contact"},
			Normalize: normLower, Mask: maskEmail,
		},
		{
			ID: "phone-intl", InfoType: PhoneNumber, Category: CategoryContact, Version: 1,
			Description: "Phone number in international format (+country code), validated with libphonenumber",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 7, Plus: true}, Before: 1, After: 1,
			Pattern: `\+\(?\d(?:[ .()-]{0,2}\d){6,14}`,
			Edge:    EdgeNumber, Shrink: true,
			Validate: validPhone, Likelihood: Possible,
			Context:   phoneContext,
			Normalize: normPhone, Mask: maskPhone,
		},
		{
			ID: "phone-us", InfoType: PhoneNumber, Category: CategoryContact, Version: 1,
			Description: "US/NANP phone number in national format ((415) 555-2671, 415-555-2671, 415.555.2671)",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 10, Groups: []string{"3-3-4", "1-3-3-4"}}, Before: 1, After: 1,
			Pattern:  `(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}`,
			Edge:     EdgeNumber,
			Validate: validPhone, Likelihood: Possible,
			Context:   phoneContext,
			Normalize: normPhone, Mask: maskPhone,
		},
		{
			ID: "phone-bare", InfoType: PhoneNumber, Category: CategoryContact, Version: 1,
			Description: "Ten or eleven digits with phone context nearby or in the field name",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 10, Groups: []string{"10..11"}}, Before: 1, After: 1,
			Pattern: `\+?\d{10,11}`,
			Edge:    EdgeNumber, RequireContext: true,
			Validate: validPhone, Likelihood: Unlikely,
			Context:   phoneContext,
			Normalize: normPhone, Mask: maskPhone,
		},
		{
			ID: "phone-context", InfoType: PhoneNumber, Category: CategoryContact, Version: 2,
			Description: "A phone-shaped number (7 to 15 digits in groups, optional country code and extension) beside phone words, valid in some numbering plan or not",
			// Phone shapes, not dates: four groups or more, a group of five
			// digits or more, two groups of three or four, three groups
			// with a three in them or a four in the middle; 2024-03-15 and
			// 15/03/2024 open no window.
			Anchor: AnchorNumber, Number: NumberGate{MinDigits: 7, Groups: []string{
				"1..15-1..15-1..15-1..15", "5..15", "3..4-3..4", "1..4-3..4-1..4", "3-1..4-1..4", "1..4-1..4-3"},
				NotCode: true},
			Before: 2, After: 12,
			Pattern: `(?:\+|00)?\(?\d{1,4}\)?(?:[ .-]{0,2}\(?\d{1,4}\)?){1,6}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?`,
			Edge:    EdgeNumber, RequireContext: true, Shrink: true,
			Refine:     refinePhoneContext,
			Validate:   validPhoneShape,
			Likelihood: Possible,
			Context:    phoneWords,
			Normalize:  normPhone, Mask: maskPhone,
		},
	}
}

func financialDetectors() []*Detector {
	return []*Detector{
		{
			ID: "credit-card", InfoType: CreditCardNumber, Category: CategoryFinancial, Version: 1,
			Description: "Payment card number: 13-19 digits, Luhn checksum and issuer prefix, compact or grouped",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 13, Groups: []string{"4-4-4-4", "4-6-4..5", "4-4-4-3", "13..19"}}, Before: 1, After: 1,
			Pattern: `\d{4}(?:[ -]\d{4}){2}(?:[ -]\d{4}(?:[ -]\d{3})?|[ -]\d{3})|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{13,19}`,
			Edge:    EdgeNumber, Shrink: true,
			Validate:   validCard,
			Likelihood: Possible,
			Context:    cardContext,
			Normalize:  normDigits, Mask: maskCard,
		},
		{
			ID: "credit-card-context", InfoType: CreditCardNumber, Category: CategoryFinancial, Version: 1,
			Description: "12 to 19 digits passing Luhn beside card words, whatever the issuer prefix (Maestro's 12 digits, ranges the issuer table lacks)",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 12, Groups: []string{"4-4-4-1..4", "4-6-4..5", "12..19"}}, Before: 1, After: 1,
			Pattern: `\d{4}(?:[ -]\d{4}){2}(?:[ -]\d{4}(?:[ -]\d{3})?|[ -]\d{1,3})|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{12,19}`,
			Edge:    EdgeNumber, Shrink: true, RequireContext: true,
			Validate:   validLuhnCard,
			Likelihood: Possible,
			Context:    cardContext,
			Normalize:  normDigits, Mask: maskCard,
		},
		{
			ID: "iban", InfoType: IBANCode, Category: CategoryFinancial, Version: 1,
			Description: "International Bank Account Number: registry country and length, mod-97 check digits",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 2, Letters: true}, Before: 2, After: 44,
			Find:   findIBANStart,
			Refine: refineIBAN,
			Edge:   EdgeWord,
			Validate: func(v []byte) (int, bool) {
				var buf [40]byte
				return 2, ibanValid(ibanCompact(buf[:0], v))
			},
			Likelihood: Possible,
			Context:    []string{"iban", "account", "bank", "transfer", "wire", "sepa"},
			Normalize:  normIBAN, Mask: maskIBAN,
		},
	}
}

func identityDetectors() []*Detector {
	return []*Detector{
		{
			ID: "us-ssn", InfoType: USSocialSecurityNumber, Category: CategoryIdentity, Version: 1,
			Description: "US Social Security number AAA-GG-SSSS; never-issued areas, groups and serials rejected",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 9, Groups: []string{"3-2-4"}}, Before: 1, After: 1,
			Pattern:    `\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}`,
			Edge:       EdgeNumber,
			Validate:   validSSN,
			Likelihood: Possible, Context: ssnContext,
			Normalize: normDigits, Mask: maskSSN,
		},
		{
			ID: "us-ssn-bare", InfoType: USSocialSecurityNumber, Category: CategoryIdentity, Version: 1,
			Description: "Nine digits with SSN context nearby or in the field name",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 9, Groups: []string{"9"}}, Before: 1, After: 1,
			Pattern: `\d{9}`,
			Edge:    EdgeNumber, RequireContext: true,
			Validate:   validSSN,
			Likelihood: Unlikely, Context: ssnContext,
			Normalize: normDigits, Mask: maskSSN,
		},
	}
}

func networkDetectors() []*Detector {
	return []*Detector{
		{
			ID: "ipv4", InfoType: IPAddress, Category: CategoryNetwork, Version: 1,
			Description: "IPv4 address in dotted-quad form",
			Anchor:      AnchorNumber, Number: NumberGate{MinDigits: 4, MinDots: 3, Groups: []string{"1..3-1..3-1..3-1..3"}}, Before: 1, After: 1,
			Pattern:    `(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`,
			Edge:       EdgeNumber,
			Validate:   validIP,
			Likelihood: Likely, Context: ipContext,
			Normalize: normIP, Mask: maskIP,
		},
		{
			ID: "ipv6", InfoType: IPAddress, Category: CategoryNetwork, Version: 1,
			Description: "IPv6 address, full or compressed, with an optional IPv4 tail",
			Anchor:      AnchorHex, Before: 0, After: 16,
			Pattern:    `(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|[0-9A-Fa-f]{0,4})`,
			Edge:       EdgeHex,
			Validate:   validIP,
			Likelihood: Likely, Context: ipContext,
			Normalize: normIP, Mask: maskIP,
		},
		{
			ID: "mac", InfoType: MACAddress, Category: CategoryNetwork, Version: 1,
			Description: "MAC address: six hex octets joined by ':' or '-', or three dotted groups of four",
			Anchor:      AnchorHex, Before: 0, After: 0,
			Pattern:    `[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}`,
			Edge:       EdgeHex,
			Validate:   okIf(macValid),
			Likelihood: Likely, Context: []string{"mac", "hardware", "ether", "ethernet", "wifi", "wlan", "bssid", "device", "hwaddr"},
			Normalize: normMAC, Mask: maskMAC,
		},
	}
}
