package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
)

// Models is the answer of GET /api/v1/models.
type Models struct {
	Models []lineage.ModelStatus `json:"models"`
}

var statuses = []string{lineage.StatusTainted, lineage.StatusRemediated, lineage.StatusSensitive, lineage.StatusClean}

// getModels lists model statuses. status may name several, comma
// separated.
func (s *Server) getModels(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var o lineage.StatusOptions
	if v := q.Get("all_versions"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("all_versions %q: want true or false", v))
			return
		}
		o.AllVersions = b
	}
	if v := q.Get("min_likelihood"); v != "" {
		l, err := classify.ParseLikelihood(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "min_likelihood: "+err.Error())
			return
		}
		o.MinLikelihood = l
	}
	var want []string
	if v := q.Get("status"); v != "" {
		for _, st := range strings.Split(v, ",") {
			st = strings.ToUpper(strings.TrimSpace(st))
			if !slices.Contains(statuses, st) {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("status %q: want one of %s", st, strings.Join(statuses, ", ")))
				return
			}
			want = append(want, st)
		}
	}
	all, err := s.store.Statuses(r.Context(), o)
	if err != nil {
		s.storeError("read", err)
		writeError(w, http.StatusInternalServerError, "could not read model statuses")
		return
	}
	out := Models{Models: []lineage.ModelStatus{}}
	for _, m := range all {
		if want == nil || slices.Contains(want, m.Status) {
			out.Models = append(out.Models, m)
		}
	}
	writeJSON(w, http.StatusOK, out)
}
