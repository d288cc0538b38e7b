package classify

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeEvalTable is writeEvalSection (eval_report_test.go) for the tests
// inside the package: one section of docs/accuracy.md when
// RESIDUE_EVAL_OUT names a directory.
func writeEvalTable(t *testing.T, name, title, how string, header []string, rows [][]string) {
	t.Helper()
	dir := os.Getenv("RESIDUE_EVAL_OUT")
	if dir == "" {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n\n| %s |\n|%s\n", title, how, strings.Join(header, " | "), strings.Repeat(" --- |", len(header)))
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	b.WriteString("\n")
	if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
