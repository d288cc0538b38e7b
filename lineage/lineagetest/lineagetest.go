// Package lineagetest gives tests a fresh PostgreSQL database on the server
// scripts/testservers.sh starts, for running the lineage store on it.
package lineagetest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

var seq atomic.Int64

// PostgresDSN creates a database of its own for t on the server named by
// RESIDUE_TEST_PG_URL, drops it when t ends, and returns its URL. Without
// the server t is skipped, unless RESIDUE_REQUIRE_SERVERS=1 (make test),
// where it fails.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("RESIDUE_TEST_PG_URL")
	if admin == "" {
		if os.Getenv("RESIDUE_REQUIRE_SERVERS") == "1" {
			t.Fatal("RESIDUE_TEST_PG_URL is unset: start the servers with scripts/testservers.sh")
		}
		t.Skip("no PostgreSQL: run scripts/testservers.sh start DIR and source DIR/env (make test does)")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("residue_test_%d_%d", os.Getpid(), seq.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", admin); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
