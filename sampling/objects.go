package sampling

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"hash/fnv"
	"path"
	"slices"
	"strings"
)

// ObjectSample reads a part of the objects of huge buckets, stratified by
// partition (the object's folder within its dataset: date=2026-11-01/,
// train/) and format (its extension), so that no partition or format is
// left out: every stratum gives at least one object. The choice is a hash
// of the seed and the object's path within its dataset, so the same
// listing and seed choose the same objects.
type ObjectSample struct {
	// Rate keeps each object with this probability (0 < Rate < 1).
	Rate float64
	// Max caps the objects read, allocated to strata in proportion to
	// their sizes in objects (at least one each). It needs the whole
	// listing before reading starts: the bucket is listed twice, once to
	// count and once to choose, and Max objects are held in between.
	Max int
}

func (o *ObjectSample) on() bool { return o != nil && (o.Rate > 0 && o.Rate < 1 || o.Max > 0) }

func (o *ObjectSample) check() error {
	if o == nil {
		return nil
	}
	if o.Rate < 0 || o.Rate >= 1 && o.Rate != 1 {
		return fmt.Errorf("object sample rate %v: want a probability between 0 and 1", o.Rate)
	}
	if o.Max < 0 {
		return fmt.Errorf("max objects %d: must not be negative", o.Max)
	}
	return nil
}

// ObjectSampling says how the objects of a report were chosen.
type ObjectSampling struct {
	Rate     float64 `json:"rate,omitempty"`
	Max      int     `json:"max,omitempty"`
	Listed   int64   `json:"listed"`
	Selected int64   `json:"selected"`
	Strata   int     `json:"strata"`
}

// stratum is an object's partition and format.
func stratum(root, url string) string {
	key := sampleKey(root, url)
	dir, file := path.Split(key)
	ext := strings.ToLower(path.Ext(strings.TrimSuffix(strings.TrimSuffix(file, ".gz"), ".zst")))
	return dir + "\x00" + ext
}

// objectHash places an object in [0, 1) for the seed.
func objectHash(seed uint64, root, url string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(sampleKey(root, url)))
	return mix64(seed ^ mix64(h.Sum64()^0x6f626a65637473))
}

// selectObjects passes on, from in, the objects the sample reads. Listing
// errors pass through. With a rate the choice is made as the listing
// streams, and each stratum that chose nothing gets its lowest-hashed
// object at the end; with Max the listing is counted first.
func (r *run) selectObjects(ctx context.Context, roots []Root, in <-chan listed) <-chan listed {
	o := r.cfg.Objects
	out := make(chan listed, 1024)
	info := &ObjectSampling{Rate: o.Rate, Max: o.Max}
	r.report.ObjectSampling = info
	send := func(it listed) bool {
		select {
		case out <- it:
			return true
		case <-ctx.Done():
			return false
		}
	}
	go func() {
		defer close(out)
		if o.Max > 0 {
			r.selectMax(ctx, roots, in, info, send)
			return
		}
		threshold := uint64(o.Rate * (1 << 64))
		type cand struct {
			it   listed
			h    uint64
			kept bool
		}
		strata := map[string]*cand{}
		for it := range in {
			if it.err != nil {
				if !send(it) {
					return
				}
				continue
			}
			info.Listed++
			h := objectHash(r.cfg.Seed, it.root, it.obj.URL)
			s := stratum(it.root, it.obj.URL)
			c := strata[s]
			if c == nil {
				c = &cand{it: it, h: h}
				strata[s] = c
			} else if !c.kept && h < c.h {
				c.it, c.h = it, h
			}
			if h < threshold {
				c.kept = true
				info.Selected++
				if !send(it) {
					return
				}
			}
		}
		info.Strata = len(strata)
		names := make([]string, 0, len(strata))
		for s := range strata {
			names = append(names, s)
		}
		slices.Sort(names)
		for _, s := range names {
			if c := strata[s]; !c.kept {
				info.Selected++
				if !send(c.it) {
					return
				}
			}
		}
	}()
	return out
}

// selectMax counts the strata in a first listing, then keeps in each the
// objects with the lowest hashes, as many as its share of Max.
func (r *run) selectMax(ctx context.Context, roots []Root, in <-chan listed, info *ObjectSampling, send func(listed) bool) {
	counts := map[string]int64{}
	for it := range in {
		if it.err != nil {
			if !send(it) {
				return
			}
			continue
		}
		info.Listed++
		counts[stratum(it.root, it.obj.URL)]++
	}
	info.Strata = len(counts)
	quota := map[string]int{}
	for s, n := range counts {
		quota[s] = max(1, int(float64(r.cfg.Objects.Max)*float64(n)/float64(max(info.Listed, 1))+0.5))
	}
	heaps := map[string]*objHeap{}
	again, stop := r.list(ctx, roots)
	defer stop()
	for it := range again {
		if it.err != nil {
			continue // reported by the first listing
		}
		s := stratum(it.root, it.obj.URL)
		q, ok := quota[s]
		if !ok {
			continue // listed only the second time
		}
		hp := heaps[s]
		if hp == nil {
			hp = &objHeap{}
			heaps[s] = hp
		}
		e := heapEntry{it: it, h: objectHash(r.cfg.Seed, it.root, it.obj.URL)}
		switch {
		case hp.Len() < q:
			heap.Push(hp, e)
		case e.h < (*hp)[0].h:
			(*hp)[0] = e
			heap.Fix(hp, 0)
		}
	}
	var chosen []listed
	for _, hp := range heaps {
		for _, e := range *hp {
			chosen = append(chosen, e.it)
		}
	}
	slices.SortFunc(chosen, func(a, b listed) int { return cmp.Compare(a.obj.URL, b.obj.URL) })
	for _, it := range chosen {
		info.Selected++
		if !send(it) {
			return
		}
	}
}

type heapEntry struct {
	it listed
	h  uint64
}

// objHeap is a max-heap by hash: its top is the first to give way.
type objHeap []heapEntry

func (h objHeap) Len() int           { return len(h) }
func (h objHeap) Less(i, j int) bool { return h[i].h > h[j].h }
func (h objHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *objHeap) Push(x any)        { *h = append(*h, x.(heapEntry)) }
func (h *objHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
