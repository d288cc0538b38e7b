package openlineage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/residuehq/residue/lineage"
)

// Recorder is the part of the lineage store events go to; *lineage.DB is
// one.
type Recorder interface {
	RecordRun(ctx context.Context, r lineage.RunRecord, now time.Time) (int64, error)
	Touch(ctx context.Context, r lineage.Ref, now time.Time) error
}

var _ Recorder = (*lineage.DB)(nil)

// attempts is how often Record tries an event whose transaction failed
// for a transient reason.
const attempts = 5

// Record stores an event: a run for RunEvents and JobEvents, a dataset or
// model for DatasetEvents. An event is stored whole or not at all, and
// storing it again changes nothing, so one that failed for a transient
// reason (a deadlock between two runs naming the same new datasets) is
// tried again, after a short random pause.
func Record(ctx context.Context, st Recorder, ev Event, now time.Time) error {
	var err error
	for i := range attempts {
		if ev.Type == TypeDataset {
			err = st.Touch(ctx, ev.Dataset, now)
		} else {
			_, err = st.RecordRun(ctx, ev.Run, now)
		}
		if err == nil || !lineage.Transient(err) || i == attempts-1 {
			break
		}
		pause := time.Duration(10<<i)*time.Millisecond + rand.N(10*time.Millisecond)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (then: %w)", err, ctx.Err())
		case <-time.After(pause):
		}
	}
	return err
}
