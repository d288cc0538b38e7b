package lineage

import (
	"context"
	"errors"
	"fmt"
)

// Ping checks that the database answers.
func (s *DB) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping the lineage store: %w", err)
	}
	return nil
}

// Node is a dataset or a model the store knows, whether or not a run
// names it, with the OpenLineage names it came with.
type Node struct {
	Kind      string `json:"kind"`
	URI       string `json:"uri"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name,omitempty"`
}

// Nodes returns every dataset and model, datasets first, each by URI.
func (s *DB) Nodes(ctx context.Context) ([]Node, error) {
	rows, err := s.query(ctx, `SELECT 'dataset', uri, coalesce(namespace, ''), coalesce(name, '') FROM datasets
		UNION ALL SELECT 'model', uri, coalesce(namespace, ''), coalesce(name, '') FROM models ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("read datasets and models: %w", err)
	}
	defer rows.Close()
	var out []Node
	for rows.Next() {
		var n Node
		if err := rows.Scan(&n.Kind, &n.URI, &n.Namespace, &n.Name); err != nil {
			return nil, fmt.Errorf("read datasets and models: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Transient says err is worth retrying the whole transaction for: a
// deadlock or a serialization failure on PostgreSQL (two runs naming the
// same new datasets in another order), a busy or locked SQLite database.
func Transient(err error) bool {
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		switch pg.SQLState() {
		case "40P01", "40001":
			return true
		}
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		switch lite.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
	}
	return false
}
