package evidence

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/residuehq/residue/sampling"
)

// WriteJSON writes the report as one indented JSON object and a newline.
func WriteJSON(w io.Writer, r *sampling.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
