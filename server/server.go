package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/residuehq/residue/lineage"
)

// DefaultMaxBody caps a request's body, compressed and decompressed: room
// for a few large events (Marquez's largest test event is 220 KB).
const DefaultMaxBody = 8 << 20

// Store is what the server reads and writes; *lineage.DB is one.
type Store interface {
	RecordRun(ctx context.Context, r lineage.RunRecord, now time.Time) (int64, error)
	Touch(ctx context.Context, r lineage.Ref, now time.Time) error
	Runs(ctx context.Context) ([]lineage.Run, error)
	Nodes(ctx context.Context) ([]lineage.Node, error)
	Statuses(ctx context.Context, o lineage.StatusOptions) ([]lineage.ModelStatus, error)
	Ping(ctx context.Context) error
}

var _ Store = (*lineage.DB)(nil)

// Options configure a Server.
type Options struct {
	// Token, when set, is the bearer token the /api/ routes want.
	Token string
	// MaxBody caps a request body in bytes; zero is DefaultMaxBody.
	MaxBody int64
	// Log receives store failures and rejected requests; nil discards
	// them. Events' contents are never logged.
	Log *slog.Logger
	// Now stamps what is recorded; nil is time.Now.
	Now func() time.Time
}

// Server is the HTTP handler. It is safe for concurrent use.
type Server struct {
	store   Store
	o       Options
	token   [sha256.Size]byte
	mux     *http.ServeMux
	metrics *metrics
}

var _ http.Handler = (*Server)(nil)

// New returns a Server over a store.
func New(st Store, o Options) *Server {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{store: st, o: o, mux: http.NewServeMux(), metrics: newMetrics()}
	s.token = sha256.Sum256([]byte(o.Token))
	s.mux.Handle("POST /api/v1/lineage", s.auth(http.HandlerFunc(s.postLineage)))
	s.mux.Handle("GET /api/v1/lineage", s.auth(http.HandlerFunc(s.getLineage)))
	s.mux.Handle("GET /api/v1/models", s.auth(http.HandlerFunc(s.getModels)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /metrics", s.writeMetrics)
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	s.mux.ServeHTTP(sw, r)
	// The mux sets the pattern it matched; unmatched paths share one
	// label, so that a scanner cannot grow the metrics without bound.
	route := "other"
	if _, path, ok := strings.Cut(r.Pattern, " "); ok {
		route = path
	}
	s.metrics.request(route, r.Method, sw.status(), time.Since(start))
}

// auth wants the bearer token, compared in constant time (as digests, so
// that its length does not show either).
func (s *Server) auth(h http.Handler) http.Handler {
	if s.o.Token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], s.token[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="residue"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.store.Ping(ctx); err != nil {
		s.storeError("ping", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("store unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

func (s *Server) storeError(op string, err error) {
	s.metrics.storeError(op)
	s.o.Log.Error("lineage store", "op", op, "err", err)
}

type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorBody{Error: msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}
