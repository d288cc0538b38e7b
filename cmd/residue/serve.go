package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/server"
)

type serveOptions struct {
	listen    string
	tokenFile string
}

func newServeCommand(e *env, g *globals) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--token-file F]",
		Short: "Accept OpenLineage events over HTTP and answer lineage queries",
		Long: `Serve the state database (--db) over HTTP:

  POST /api/v1/lineage   OpenLineage events, where the OpenLineage HTTP transport
                         of Airflow, Spark, dbt and others sends them: point it at
                         OPENLINEAGE_URL=http://ADDR
  GET  /api/v1/lineage   ?nodeId=job:NAMESPACE:NAME&depth=N: the lineage graph
  GET  /api/v1/models    ?status=TAINTED: model versions and their status
  GET  /healthz          ok when the database answers
  GET  /metrics          Prometheus metrics

With a token (--token-file, else $RESIDUE_SERVE_TOKEN) the /api/ routes want
"Authorization: Bearer TOKEN", which the transport's api_key auth sends.
--listen 127.0.0.1:0 picks a free port; the address served is printed on
standard error. SIGINT or SIGTERM stops it after the requests in flight.
docs/lineage.md has examples.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), e, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", "127.0.0.1:5000", "address to listen on, host:port (:5000 for every interface)")
	f.StringVar(&o.tokenFile, "token-file", "", "file holding the bearer token the API wants (default $RESIDUE_SERVE_TOKEN; none: no token)")
	return cmd
}

// shutdownGrace is how long requests in flight get to finish once asked
// to stop.
const shutdownGrace = 30 * time.Second

func runServe(ctx context.Context, e *env, g *globals, o *serveOptions) error {
	token, err := o.token(e)
	if err != nil {
		return err
	}
	st, err := g.openDB(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", o.listen)
	if err != nil {
		return fmt.Errorf("--listen: %w", err)
	}
	h := slog.NewTextHandler(e.stderr, nil)
	srv := &http.Server{
		Handler:           server.New(st, server.Options{Token: token, Log: slog.New(h)}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	auth := "bearer token required"
	if token == "" {
		auth = "no token: anyone who reaches it can write lineage"
	}
	addr := ln.Addr().String()
	fmt.Fprintf(e.stderr, "residue serve: listening on %s (OpenLineage at http://%s/api/v1/lineage; %s)\n", addr, addr, auth)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve %s: %w", addr, err)
	case <-ctx.Done():
	}
	// The signal's context is done; the requests in flight get their own
	// time to finish.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("stop serving %s: %w", addr, err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", addr, err)
	}
	fmt.Fprintln(e.stderr, "residue serve: stopped")
	return nil
}

// token reads the bearer token: --token-file, else $RESIDUE_SERVE_TOKEN.
func (o *serveOptions) token(e *env) (string, error) {
	if o.tokenFile == "" {
		return strings.TrimSpace(e.getenv("RESIDUE_SERVE_TOKEN")), nil
	}
	b, err := os.ReadFile(o.tokenFile)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("--token-file %s is empty", o.tokenFile)
	}
	return tok, nil
}
