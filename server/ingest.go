package server

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/residuehq/residue/lineage/openlineage"
)

// storeTimeout bounds the storing of one request's events. They are
// stored whether or not the client waits: a half-stored request would be
// retried anyway, and every event merges into what it names.
const storeTimeout = time.Minute

type acceptedBody struct {
	Accepted int `json:"accepted"`
}

// postLineage reads every event of the request first and stores them only
// if all are well formed, so that a rejected request stores nothing.
func (s *Server) postLineage(w http.ResponseWriter, r *http.Request) {
	body, code, msg := s.body(w, r)
	if body == nil {
		writeError(w, code, msg)
		return
	}
	d := openlineage.NewDecoder(body)
	var evs []openlineage.Event
	for {
		ev, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.reject(w, r, evs, err)
			return
		}
		evs = append(evs, ev)
	}
	if len(evs) == 0 {
		writeError(w, http.StatusBadRequest, "no OpenLineage event in the body")
		return
	}
	for _, ev := range evs {
		s.metrics.event("received", ev.Type)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeTimeout)
	defer cancel()
	now := s.o.Now()
	for i, ev := range evs {
		if err := openlineage.Record(ctx, s.store, ev, now); err != nil {
			s.storeError("record", fmt.Errorf("event %d (line %d): %w", ev.Index, ev.Line, err))
			for _, rest := range evs[i:] {
				s.metrics.event("rejected", rest.Type)
			}
			writeError(w, http.StatusInternalServerError,
				fmt.Sprintf("could not store event %d (events before it were stored); retry", ev.Index))
			return
		}
		s.metrics.event("accepted", ev.Type)
	}
	writeJSON(w, http.StatusCreated, acceptedBody{Accepted: len(evs)})
}

// reject answers a request that held a malformed event or could not be
// read: every event in it counts as rejected.
func (s *Server) reject(w http.ResponseWriter, r *http.Request, good []openlineage.Event, err error) {
	for _, ev := range good {
		s.metrics.event("received", ev.Type)
		s.metrics.event("rejected", ev.Type)
	}
	var e *openlineage.Error
	if errors.As(err, &e) {
		typ := e.Type
		if typ == "" {
			typ = "unknown"
		}
		s.metrics.event("received", typ)
		s.metrics.event("rejected", typ)
		s.o.Log.Warn("rejected OpenLineage events", "remote", r.RemoteAddr, "err", e)
		writeError(w, http.StatusBadRequest, e.Error())
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, errInflated) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", s.o.MaxBody))
		return
	}
	writeError(w, http.StatusBadRequest, fmt.Sprintf("read the body: %v", err))
}

var errInflated = errors.New("decompressed body too large")

// body returns the request's body, decompressed and capped, or nil with
// the status and message to answer.
func (s *Server) body(w http.ResponseWriter, r *http.Request) (io.Reader, int, string) {
	raw := http.MaxBytesReader(w, r.Body, s.o.MaxBody)
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		return raw, 0, ""
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", s.o.MaxBody)
			}
			return nil, http.StatusBadRequest, fmt.Sprintf("read the gzip body: %v", err)
		}
		// The same cap after decompression: a small body must not
		// inflate without bound.
		return &capReader{r: zr, left: s.o.MaxBody}, 0, ""
	default:
		w.Header().Set("Accept-Encoding", "gzip")
		return nil, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Encoding %q: want gzip or none", enc)
	}
}

// capReader fails with errInflated past a number of bytes.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte tells a body of exactly the cap from a longer one.
		var b [1]byte
		n, err := c.r.Read(b[:])
		if n > 0 {
			return 0, errInflated
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
