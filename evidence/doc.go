// Package evidence renders what residue found for people and machines: the
// residue.report/v1 JSON object and the readable summary. Rendering lives
// here, at the edge; the packages that detect and sample return values and
// never print.
package evidence
