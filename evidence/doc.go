// Package evidence renders what residue found for people and machines: the
// residue.report/v1 JSON object and the readable summary, and the evidence
// bundle an auditor receives (reports, verdicts, findings as CSV and SARIF,
// the lineage snapshot, a CycloneDX ML-BOM, an HTML summary) with its
// manifest signed as an in-toto statement in a DSSE envelope. Rendering
// lives here, at the edge; the packages that detect and sample return
// values and never print.
package evidence
