package classify_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeEvalSection writes one section of docs/accuracy.md when
// RESIDUE_EVAL_OUT names a directory (make eval): a title, how it was
// measured, and a table.
func writeEvalSection(t *testing.T, name, title, how string, header []string, rows [][]string) {
	t.Helper()
	dir := os.Getenv("RESIDUE_EVAL_OUT")
	if dir == "" {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", title, how)
	b.WriteString("| " + strings.Join(header, " | ") + " |\n")
	b.WriteString("|" + strings.Repeat(" --- |", len(header)) + "\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	b.WriteString("\n")
	if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func f3(x float64) string { return fmt.Sprintf("%.3f", x) }
