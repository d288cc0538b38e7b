package classify_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
)

// The national identifier detectors' own cases, in the shape of
// detectorCases (builtin_test.go): values are generated at test time with
// computed check digits (classify.IDTestValue); «» marks the value a
// positive must find at that exact span, and negatives are look-alikes that
// must not be reported at POSSIBLE or above: the same digits without the
// context they need, a broken check digit, dates, order numbers, phone
// numbers.

// idInfoTypes are the infoTypes of nationalIDDetectors.
var idInfoTypes = map[string]bool{
	classify.USPassport: true, classify.USDriversLicenseNumber: true, classify.USIndividualTaxpayerID: true,
	classify.USEmployerIdentification: true, classify.USBankRoutingMICR: true, classify.USDEANumber: true,
	classify.UKNationalInsuranceNumber: true, classify.UKNHSNumber: true, classify.CanadaSocialInsuranceNumber: true,
	classify.FranceNIR: true, classify.GermanyIdentityCardNumber: true, classify.SpainDNINumber: true,
	classify.ItalyFiscalCode: true, classify.IndiaAadhaarIndividual: true, classify.IndiaPANIndividual: true,
	classify.BrazilCPFNumber: true, classify.AustraliaTaxFileNumber: true, classify.PassportNumber: true,
	classify.SwiftCode: true, classify.CryptoWalletAddress: true, classify.MedicalRecordNumber: true,
	classify.ICD10Code: true, classify.PolandPESELNumber: true, classify.NetherlandsBSNNumber: true,
	classify.BelgiumNationalIDCardNumber: true, classify.DenmarkCPRNumber: true, classify.FinlandNationalIDNumber: true,
	classify.SwedenNationalIDNumber: true, classify.IrelandPPSN: true, classify.KoreaRRN: true,
	classify.SingaporeNRIC: true, classify.MexicoCURPNumber: true, classify.SouthAfricaIDNumber: true,
	classify.IsraelIdentityCardNumber: true, classify.ChinaResidentIDNumber: true, classify.JapanIndividualNumber: true,
	classify.IMEIHardwareID: true, classify.VehicleIdentificationNumber: true,
}

func compact(v string) string {
	return strings.NewReplacer(" ", "", "-", "", ".", "").Replace(v)
}

// lowerETH writes an address in lower case (no EIP-55 checksum).
func lowerETH(v string) string { return "0x" + strings.ToLower(v[2:]) }

// flipCase changes the case of the first hex letter of a checksummed
// address, which breaks its EIP-55 checksum.
func flipCase(v string) string {
	b := []byte(v)
	for i := 2; i < len(b); i++ {
		switch c := b[i]; {
		case c >= 'a' && c <= 'f':
			b[i] = c - 'a' + 'A'
			return string(b)
		case c >= 'A' && c <= 'F':
			b[i] = c - 'A' + 'a'
			return string(b)
		}
	}
	return v
}

// idDetectorCases returns a case with positives and negatives for every
// detector of nationalIDDetectors; TestDetectorCases can run them with its
// own (detectorCases(g) plus these).
func idDetectorCases() []detCase {
	r := rand.New(rand.NewPCG(2026, 11))
	v := func(kind string) string { return classify.IDTestValue(r, kind) }
	nino, dni, nie, nir := v("nino"), v("dni"), v("nie"), v("nir")
	be, se, dk, pesel, bsn := v("be"), v("se"), v("dk"), v("pesel"), v("bsn")
	var hetu, hetuA string
	for hetu == "" || hetuA == "" {
		h := v("hetu")
		if h[6] == '-' {
			hetu = h
		} else {
			hetuA = h
		}
	}
	it, ppsn, itin, cpf, curp := v("it"), v("ppsn"), v("itin"), v("cpf"), v("curp")
	ein, usp, dl, pass, sin := v("ein"), v("uspassport"), v("dl"), v("passport"), v("sin")
	cn, rrn, nric, aadhaar, pan := v("cn"), v("rrn"), v("nric"), v("aadhaar"), v("pan")
	tfn, myn, za, il := v("tfn"), v("mynumber"), v("za"), v("il")
	btc, bech, eth, bic, aba := v("btc"), v("bech32"), v("eth"), v("bic"), v("aba")
	dea, icd, mrn, nhs, imei, vin, deid := v("dea"), v("icd10"), v("mrn"), v("nhs"), v("imei"), v("vin"), v("deid")
	order := "ORD-2024-" + compact(se)[4:10]
	nhs411 := nhs
	for nhs411[2] != '1' {
		nhs411 = v("nhs")
	}
	return []detCase{
		{id: "uk-nino",
			positives: []string{"NI number «" + nino + "» on file", "«" + nino[:2] + " " + nino[2:4] + " " + nino[4:6] + " " + nino[6:8] + " " + nino[8:] + "»", `{"nino": "«` + nino + `»"}`, "«" + nino + "»."},
			negatives: []string{"GB" + nino[2:], "booking " + nino[:8] + " confirmed", order, "x" + nino, nino[:2] + "-" + nino[2:]}},
		{id: "es-dni",
			positives: []string{"DNI «" + dni + "»", "NIE: «" + nie + "»", "«" + dni[:8] + "-" + dni[8:] + "»", `"nif": "«` + dni + `»"`},
			negatives: []string{"DNI " + classify.IDTestBreak(dni), dni[:8], "NIE " + classify.IDTestBreak(nie), "20240315A"}},
		{id: "fr-nir",
			positives: []string{"numéro de sécurité sociale «" + nir + "».", "«" + nir + "»"},
			negatives: []string{classify.IDTestBreak(nir), "3" + nir[1:]}},
		{id: "fr-nir-bare",
			positives: []string{"NIR: «" + compact(nir) + "»", "sécurité sociale «" + compact(nir) + "»"},
			negatives: []string{"ref " + compact(nir), "NIR " + classify.IDTestBreak(compact(nir))}},
		{id: "fr-nir-bare-field", field: "nir", positives: []string{"«" + compact(nir) + "»"}, negatives: []string{classify.IDTestBreak(compact(nir))}},
		{id: "be-national-number",
			positives: []string{"Rijksregisternummer «" + be + "»", "«" + be + "»"},
			negatives: []string{classify.IDTestBreak(be), "85.13.30-033.28"}},
		{id: "be-national-number-bare",
			positives: []string{"rijksregisternummer: «" + compact(be) + "»"},
			negatives: []string{"ref " + compact(be), "rijksregister " + classify.IDTestBreak(compact(be))}},
		{id: "be-national-number-bare-field", field: "insz", positives: []string{"«" + compact(be) + "»"}, negatives: []string{"12345678901"}},
		{id: "fi-hetu",
			positives: []string{"henkilötunnus «" + hetu + "»", "«" + hetu + "»"},
			negatives: []string{classify.IDTestBreak(hetu), hetu[:6] + "-" + hetu[7:10], order}},
		{id: "fi-hetu-letter",
			positives: []string{"henkilötunnus «" + hetuA + "»", "HETU: «" + hetuA + "»"},
			negatives: []string{"code " + hetuA, "hetu " + classify.IDTestBreak(hetuA)}},
		{id: "fi-hetu-letter-field", field: "hetu", positives: []string{"«" + hetuA + "»"}, negatives: []string{hetuA[:6] + "Q" + hetuA[7:]}},
		{id: "se-personnummer",
			positives: []string{"personnummer «" + se + "»", "«" + se + "»", "«19" + se + "»"},
			negatives: []string{classify.IDTestBreak(se), "2024-03-15", order, "123456-7890"}},
		{id: "se-personnummer-bare",
			positives: []string{"Personnummer: «" + compact(se) + "»"},
			negatives: []string{"order " + compact(se), "personnummer " + classify.IDTestBreak(compact(se))}},
		{id: "se-personnummer-bare-field", field: "personnummer", positives: []string{"«" + compact(se) + "»"}, negatives: []string{classify.IDTestBreak(compact(se))}},
		{id: "dk-cpr",
			positives: []string{"CPR-nr. «" + dk + "»", "cpr: «" + compact(dk) + "»"},
			negatives: []string{"ref " + dk, "CPR 320185-1234"}},
		{id: "dk-cpr-field", field: "cpr_nr", positives: []string{"«" + dk + "»"}, negatives: []string{"991399-1234"}},
		{id: "pl-pesel",
			positives: []string{"PESEL: «" + pesel + "»", `{"pesel": "«` + pesel + `»"}`, "numer PESEL «" + pesel + "»."},
			negatives: []string{"zamówienie " + pesel, "PESEL " + classify.IDTestBreak(pesel), "tel. " + pesel}},
		{id: "pl-pesel-field", field: "pesel", positives: []string{"«" + pesel + "»"}, negatives: []string{classify.IDTestBreak(pesel)}},
		{id: "nl-bsn",
			positives: []string{"BSN «" + bsn + "»", "burgerservicenummer: «" + bsn[:4] + "." + bsn[4:6] + "." + bsn[6:] + "»"},
			negatives: []string{"order " + bsn, "BSN " + classify.IDTestBreak(bsn)}},
		{id: "nl-bsn-field", field: "burgerservicenummer", positives: []string{"«" + bsn + "»"}, negatives: []string{classify.IDTestBreak(bsn)}},
		{id: "de-id-card",
			positives: []string{"Personalausweis Nr. «" + deid + "»", "Ausweisnummer: «" + deid[:9] + "»"},
			negatives: []string{"Seriennummer " + deid, "Ausweis " + classify.IDTestBreak(deid), "Ausweis LFGHJKLMN"}},
		{id: "de-id-card-field", field: "ausweisnummer", positives: []string{"«" + deid + "»"}, negatives: []string{classify.IDTestBreak(deid)}},
		{id: "it-fiscal-code",
			positives: []string{"codice fiscale «" + it + "»", "C.F.: «" + it + "»", "Cod. Fisc. «" + it + "»"},
			negatives: []string{"ref " + it, "codice fiscale " + classify.IDTestBreak(it)}},
		{id: "it-fiscal-code-field", field: "codice_fiscale", positives: []string{"«" + it + "»"}, negatives: []string{classify.IDTestBreak(it)}},
		{id: "ie-ppsn",
			positives: []string{"PPSN: «" + ppsn + "»", "my PPS number is «" + ppsn + "»."},
			negatives: []string{"part " + ppsn, "PPSN " + classify.IDTestBreak(ppsn)}},
		{id: "ie-ppsn-field", field: "ppsn", positives: []string{"«" + ppsn + "»"}, negatives: []string{classify.IDTestBreak(ppsn)}},
		{id: "us-itin",
			positives: []string{"ITIN «" + itin + "»", "itin: «" + compact(itin) + "»"},
			negatives: []string{"ref " + itin, "ITIN 900-49-1234", "ITIN " + compact(itin) + "0"}},
		{id: "us-itin-field", field: "itin", positives: []string{"«" + compact(itin) + "»"}, negatives: []string{"900491234"}},
		{id: "br-cpf",
			positives: []string{"CPF «" + cpf + "»", "«" + cpf + "»"},
			negatives: []string{classify.IDTestBreak(cpf), "111.111.111-11", "1.234.567.890-12"}},
		{id: "br-cpf-bare",
			positives: []string{"CPF: «" + compact(cpf) + "»"},
			negatives: []string{"pedido " + compact(cpf), "CPF " + classify.IDTestBreak(compact(cpf))}},
		{id: "br-cpf-bare-field", field: "cpf", positives: []string{"«" + compact(cpf) + "»"}, negatives: []string{classify.IDTestBreak(compact(cpf))}},
		{id: "mx-curp",
			positives: []string{"«" + curp + "»", "CURP: «" + curp + "»", `"curp": "«` + curp + `»"`},
			negatives: []string{classify.IDTestBreak(curp), strings.ToLower(curp), "X" + curp}},
		{id: "us-ein",
			positives: []string{"EIN: «" + ein + "»", "FEIN «" + compact(ein) + "»"},
			negatives: []string{"ref " + ein, "EIN: 07-1234567"}},
		{id: "us-ein-field", field: "ein", positives: []string{"«" + ein + "»"}, negatives: []string{"00-1234567"}},
		{id: "us-passport",
			positives: []string{"US passport «" + usp + "»", "U.S. passport no. «" + usp + "»"},
			negatives: []string{"booking " + usp, "US passport 111111111", "US passport expires 20270115"}},
		{id: "us-passport-field", field: "us_passport_number", positives: []string{"«" + usp + "»"}, negatives: []string{"AB1234567"}},
		{id: "passport",
			positives: []string{"passport no «" + pass + "»", "Reisepass «" + pass + "»", `"passport": "«` + pass + `»"`},
			negatives: []string{"flight " + pass, "passport expires 20270115", "passport photo 600"}},
		{id: "passport-field", field: "passport_number", positives: []string{"«" + pass + "»"}, negatives: []string{"N/A", "PENDING"}},
		{id: "us-drivers-license",
			positives: []string{"driver's license «" + dl + "»", "DL#: «" + dl + "»"},
			negatives: []string{"part " + dl, "driver's license DRIVER", "driver's license issued 19850315"}},
		{id: "us-drivers-license-field", field: "drivers_license", positives: []string{"«" + dl + "»"}, negatives: []string{"CALIFORNIA"}},
		{id: "ca-sin",
			positives: []string{"SIN: «" + sin + "»", "social insurance number «" + compact(sin) + "»"},
			negatives: []string{"ref " + sin, "SIN " + classify.IDTestBreak(sin), "SIN 0" + compact(sin)[1:]}},
		{id: "ca-sin-field", field: "sin", positives: []string{"«" + sin + "»"}, negatives: []string{classify.IDTestBreak(sin)}},
		{id: "cn-resident-id",
			positives: []string{"身份证号: «" + cn + "»", "«" + cn + "»"},
			negatives: []string{classify.IDTestBreak(cn), "01" + cn[2:], cn + "1"}},
		{id: "kr-rrn",
			positives: []string{"주민등록번호 «" + rrn + "»", "«" + rrn + "»"},
			negatives: []string{"851332-1234567", "850230-1234567", "9" + rrn}},
		{id: "kr-rrn-bare",
			positives: []string{"RRN: «" + compact(rrn) + "»"},
			negatives: []string{"ref " + compact(rrn), "RRN 8513321234567"}},
		{id: "kr-rrn-bare-field", field: "rrn", positives: []string{"«" + compact(rrn) + "»"}, negatives: []string{"8502301234567"}},
		{id: "sg-nric",
			positives: []string{"NRIC «" + nric + "»", "«" + nric + "»"},
			negatives: []string{classify.IDTestBreak(nric), "A" + nric[1:], "X" + nric}},
		{id: "in-aadhaar",
			positives: []string{"Aadhaar «" + aadhaar + "»", "aadhaar no: «" + compact(aadhaar) + "»"},
			negatives: []string{"ref " + aadhaar, "Aadhaar " + classify.IDTestBreak(aadhaar), "Aadhaar card " + aadhaar + " 1234"}},
		{id: "in-aadhaar-field", field: "aadhaar_number", positives: []string{"«" + aadhaar + "»"}, negatives: []string{classify.IDTestBreak(aadhaar)}},
		{id: "in-pan",
			positives: []string{"PAN: «" + pan + "»", "PAN «" + pan + "»."},
			negatives: []string{"ref " + pan, "PAN " + pan[:3] + "C" + pan[4:], "pandas " + pan}},
		{id: "in-pan-field", field: "pan_number", positives: []string{"«" + pan + "»"}, negatives: []string{pan[:5] + "0000" + pan[9:]}},
		{id: "au-tfn",
			positives: []string{"TFN «" + tfn + "»", "tax file number: «" + compact(tfn) + "»"},
			negatives: []string{"ref " + tfn, "TFN " + classify.IDTestBreak(tfn)}},
		{id: "au-tfn-field", field: "tfn", positives: []string{"«" + tfn + "»"}, negatives: []string{classify.IDTestBreak(tfn)}},
		{id: "jp-my-number",
			positives: []string{"マイナンバー «" + myn + "»", "My Number: «" + myn[:4] + " " + myn[4:8] + " " + myn[8:] + "»"},
			negatives: []string{"ref " + myn, "my number " + classify.IDTestBreak(myn)}},
		{id: "jp-my-number-field", field: "my_number", positives: []string{"«" + myn + "»"}, negatives: []string{classify.IDTestBreak(myn)}},
		{id: "za-id",
			positives: []string{"RSA ID «" + za + "»", "ZA ID: «" + za + "»"},
			negatives: []string{"barcode " + za, "RSA ID " + classify.IDTestBreak(za)}},
		{id: "za-id-field", field: "id_number", positives: []string{"«" + za + "»"}, negatives: []string{classify.IDTestBreak(za)}},
		{id: "il-id",
			positives: []string{"teudat zehut «" + il + "»", "Israeli ID: «" + il + "»"},
			negatives: []string{"ref " + il, "zehut " + classify.IDTestBreak(il)}},
		{id: "il-id-field", field: "teudat_zehut", positives: []string{"«" + il + "»"}, negatives: []string{classify.IDTestBreak(il)}},
		{id: "bitcoin-address",
			positives: []string{"send to «" + btc + "» today", "«" + bech + "»", "«" + btc + "».", "https://example.org/address/«" + btc + "»"},
			negatives: []string{classify.IDTestBreak(btc), classify.IDTestBreak(bech), "x" + btc, btc + "0"}},
		{id: "ethereum-address",
			positives: []string{"«" + eth + "»", "pay «" + eth + "» now"},
			negatives: []string{flipCase(eth), lowerETH(eth), eth + "0", "x" + eth}},
		{id: "ethereum-address-unchecked",
			positives: []string{"ETH wallet «" + lowerETH(eth) + "»", "address: «" + lowerETH(eth) + "»"},
			negatives: []string{"hash " + lowerETH(eth), "wallet " + flipCase(eth)}},
		{id: "ethereum-address-unchecked", field: "wallet", positives: []string{"«" + lowerETH(eth) + "»"}},
		{id: "swift-code",
			positives: []string{"SWIFT: «" + bic + "»", "BIC «" + bic + "»", "SWIFT/BIC: «" + bic + "»"},
			negatives: []string{"code " + bic, "SWIFT BUSINESS CUSTOMER", "SWIFT QQQQQQQQ", "swift " + strings.ToLower(bic)}},
		{id: "swift-code-field", field: "swift_code", positives: []string{"«" + bic + "»"}, negatives: []string{"DEUTQQFF"}},
		{id: "us-routing-number",
			positives: []string{"routing number «" + aba + "»", "ABA: «" + aba + "»"},
			negatives: []string{"ref " + aba, "routing number " + classify.IDTestBreak(aba)}},
		{id: "us-routing-number-field", field: "routing_number", positives: []string{"«" + aba + "»"}, negatives: []string{classify.IDTestBreak(aba)}},
		{id: "mrn",
			positives: []string{"MRN: «" + mrn + "»", "Medical record number «" + mrn + "»"},
			negatives: []string{"ref " + mrn, "MRN: 20240315", "MRN: 11111111"}},
		{id: "mrn-field", field: "mrn", positives: []string{"«" + mrn + "»"}, negatives: []string{"19850315"}},
		{id: "icd10",
			positives: []string{"diagnosis: «" + icd + "»", "ICD-10 «" + icd + "», «" + icd[:3] + "»"},
			negatives: []string{"version " + icd, "diagnosis A1C 7.2", "diagnosis e11.9"}},
		{id: "icd10-field", field: "icd10_code", positives: []string{"«" + icd + "»"}, negatives: []string{"none"}},
		{id: "us-dea",
			positives: []string{"DEA# «" + dea + "»", "DEA: «" + dea + "»"},
			negatives: []string{"ref " + dea, "DEA " + classify.IDTestBreak(dea), "idea " + dea}},
		{id: "us-dea-field", field: "dea_number", positives: []string{"«" + dea + "»"}, negatives: []string{classify.IDTestBreak(dea)}},
		// Spaced 3-3-4, an NHS number is also a US phone number's shape, and
		// the phone rule (context "number") keeps the span when the number
		// is a valid NANP one; "4x1" is no NANP area code.
		{id: "uk-nhs",
			positives: []string{"NHS number «" + nhs411 + "»", "NHS no: «" + compact(nhs) + "»"},
			negatives: []string{"call " + nhs, "NHS " + classify.IDTestBreak(nhs)}},
		// A column "nhs_number" is context for phone-bare too ("number"), and
		// the phone rule keeps a tie; see the report.
		{id: "uk-nhs-field", field: "NHS", positives: []string{"«" + compact(nhs) + "»"}, negatives: []string{classify.IDTestBreak(nhs)}},
		{id: "imei",
			positives: []string{"IMEI «" + imei + "»", "«" + imei + "»", "«" + imei[:2] + "-" + imei[2:8] + "-" + imei[8:14] + "-" + imei[14:] + "»"},
			negatives: []string{"IMEI " + classify.IDTestBreak(imei), "77" + imei[2:], imei + "0"}},
		{id: "imei", field: "imei", positives: []string{"«" + imei + "»"}},
		{id: "vin",
			positives: []string{"VIN: «" + vin + "»", "vehicle identification number «" + vin + "»"},
			negatives: []string{"serial " + vin, "VIN ABCDEFGHJKLMNPRST"}},
		{id: "vin-field", field: "vin", positives: []string{"«" + vin + "»"}, negatives: []string{"1HGCM82633I004352"}},
	}
}

// TestIDDetectorCases runs idDetectorCases the way TestDetectorCases runs
// its own, and checks that every identifier detector has one.
func TestIDDetectorCases(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	byID := map[string]string{}
	for _, d := range e.Detectors() {
		byID[d.ID] = d.InfoType
	}
	covered := map[string]bool{}
	for _, tc := range idDetectorCases() {
		field := tc.field
		if field == "" {
			field = "text"
		}
		infoType, ok := byID[tc.id]
		if !ok {
			t.Errorf("no detector %q", tc.id)
			continue
		}
		if len(tc.positives) > 0 && len(tc.negatives) > 0 {
			covered[tc.id] = true
		}
		for i, p := range tc.positives {
			text := strings.ReplaceAll(strings.ReplaceAll(p, "«", ""), "»", "")
			var wants [][2]int
			for rest, off := p, 0; ; {
				a := strings.Index(rest, "«")
				if a < 0 {
					break
				}
				b := strings.Index(rest, "»")
				wants = append(wants, [2]int{off + a, off + b - len("«")})
				off += b - len("«")
				rest = rest[b+len("»"):]
			}
			found := scanAll(s, field, []byte(text))
			for _, want := range wants {
				ok := false
				for _, f := range found {
					if f.InfoType == infoType && f.Offset == want[0] && f.Offset+f.Length == want[1] && f.Detector == tc.id {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s positive %d: not found by this detector at %v in %q (found %v)", tc.id, i, want, shape([]byte(text), want[0], want[1]-want[0]), idFindings(found))
				}
			}
		}
		for i, n := range tc.negatives {
			for _, f := range scanAll(s, field, []byte(n)) {
				if f.InfoType == infoType && f.Likelihood >= classify.Possible {
					t.Errorf("%s negative %d: %s (%s, %s) in %q", tc.id, i, f.InfoType, f.Detector, f.Likelihood, shape([]byte(n), f.Offset, f.Length))
				}
			}
		}
	}
	listed := map[string]bool{}
	for _, id := range idDetectorCaseIDs() {
		listed[id] = true
	}
	for id, typ := range byID {
		if idInfoTypes[typ] && (!covered[id] || !listed[id]) {
			t.Errorf("identifier detector %s has no positives-and-negatives case", id)
		}
	}
}

func idFindings(fs []classify.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Detector+"/"+f.Likelihood.String())
	}
	return out
}

// TestIDLikelihoods: a value that may stand alone is LIKELY without
// context and VERY_LIKELY with it; one that needs context is LIKELY with it
// when its checksum passes; previews show at most the last characters.
func TestIDLikelihoods(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	r := rand.New(rand.NewPCG(7, 7))
	for _, c := range []struct {
		kind, text string
		want       classify.Likelihood
	}{
		{"nino", "ref %s ok", classify.Likely},
		{"nino", "national insurance %s ok", classify.VeryLikely},
		{"dni", "ref %s ok", classify.Likely},
		{"cn", "ref %s ok", classify.Likely},
		{"cpf", "ref %s ok", classify.Likely},
		{"btc", "ref %s ok", classify.Likely},
		{"eth", "ref %s ok", classify.Likely},
		{"curp", "ref %s ok", classify.Likely},
		{"pesel", "PESEL %s", classify.Likely},
		{"bsn", "BSN %s", classify.Likely},
		{"aadhaar", "Aadhaar %s", classify.Likely},
		{"mrn", "MRN: %s", classify.Likely},
		{"passport", "passport %s", classify.Possible},
		{"dl", "driver's license %s", classify.Possible},
	} {
		v := classify.IDTestValue(r, c.kind)
		text := strings.Replace(c.text, "%s", v, 1)
		found := scanAll(s, "text", []byte(text))
		var got []classify.Finding
		for _, f := range found {
			if f.Offset == strings.Index(text, v) && f.Length == len(v) {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Likelihood != c.want {
			t.Errorf("%s in %q: %v, want one %s", c.kind, shape([]byte(text), 0, len(text)), idFindings(found), c.want)
			continue
		}
		p := got[0].Preview
		shown := 0
		for i := 0; i < len(p); i++ {
			if p[i] != '*' && strings.IndexByte(" -.x", p[i]) < 0 {
				shown++
			}
		}
		if strings.Contains(p, v) || shown > 4+len("0x") {
			t.Errorf("%s preview %q shows too much", c.kind, p)
		}
	}
}

// TestIDFieldContext: a column named for an identifier is context, so a
// bare value in it is found; the same value in a column named otherwise
// is not.
func TestIDFieldContext(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	r := rand.New(rand.NewPCG(9, 9))
	for _, c := range []struct{ kind, field, infoType string }{
		{"pesel", "PESEL", classify.PolandPESELNumber},
		{"bsn", "klant.bsn", classify.NetherlandsBSNNumber},
		{"sin", "SIN", classify.CanadaSocialInsuranceNumber},
		{"tfn", "tfn", classify.AustraliaTaxFileNumber},
		{"aba", "routing_number", classify.USBankRoutingMICR},
		{"nhs", "NHS", classify.UKNHSNumber},
		{"it", "codice_fiscale", classify.ItalyFiscalCode},
		{"mrn", "patient.mrn", classify.MedicalRecordNumber},
	} {
		v := classify.IDTestValue(r, c.kind)
		found := false
		for _, f := range scanAll(s, c.field, []byte(v)) {
			found = found || f.InfoType == c.infoType
		}
		if !found {
			t.Errorf("%s: not found in field %q", c.kind, c.field)
		}
		for _, f := range scanAll(s, "notes", []byte(v)) {
			if f.InfoType == c.infoType {
				t.Errorf("%s: found in a field named notes (%s)", c.kind, f.Detector)
			}
		}
	}
}

// TestIDLookalikeProse: identifiers' look-alikes that fill real text
// (numbers after common words that share a keyword's letters, software
// versions, hashes, upper-case prose) give nothing.
func TestIDLookalikeProse(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	s := e.NewScanner()
	for _, text := range []string{
		"The idea is to deal with 123456789 rows before the dead line at 987654321.",
		"pandas 2.2.3 and numpy 1.26.4 ship with python3.12 on 2024-03-15 at 10:30.",
		"git commit 3f8a9c2e1b7d4f6a0c5e8b2d9f1a3c7e5b4d6f8a is on the main branch.",
		"SWIFT TRANSFER FOR BUSINESS CUSTOMER ACCOUNTS ONLY",
		"Since the single 123 456 789 case was missing, the routing table grew.",
		"He said the cpu temperature was 65 degrees and the fan ran at 1200 rpm.",
		"Order ORD-2024-123456 shipped; invoice INV-2024-654321 is paid; zip 94103.",
		"The model card lists 7B parameters, 4096 context and 32000 vocabulary.",
	} {
		for _, f := range scanAll(s, "text", []byte(text)) {
			if idInfoTypes[f.InfoType] {
				t.Errorf("%s (%s, %s) in %q", f.InfoType, f.Detector, f.Likelihood, shape([]byte(text), f.Offset, f.Length))
			}
		}
	}
}

// BenchmarkScanProseIDs compares clean prose scanned with and without the
// identifier detectors: what they cost where there is nothing to find.
func BenchmarkScanProseIDs(b *testing.B) {
	clean, _ := corpora()
	text := clean[:16<<20]
	recs := records(text, 4096)
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		b.Fatal(err)
	}
	var without []*classify.Detector
	for _, d := range classify.Builtin() {
		if !idInfoTypes[d.InfoType] {
			without = append(without, d)
		}
	}
	for _, c := range []struct {
		name string
		ds   []*classify.Detector
	}{{"without", without}, {"with", classify.Builtin()}} {
		b.Run(c.name, func(b *testing.B) {
			e, err := classify.NewEngine(key, c.ds, classify.Options{})
			if err != nil {
				b.Fatal(err)
			}
			s := e.NewScanner()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				for _, r := range recs {
					s.Scan("text", r, func(classify.Finding) {})
				}
			}
		})
	}
}

// idDetectorCaseIDs lists the detectors idDetectorCases covers with
// positives and negatives, for TestEveryDetectorHasCases
// (nationalIDCaseIDs).
func idDetectorCaseIDs() []string {
	var ids []string
	for _, tc := range idDetectorCases() {
		if len(tc.positives) > 0 && len(tc.negatives) > 0 {
			ids = append(ids, tc.id)
		}
	}
	return ids
}
