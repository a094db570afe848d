package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// platform is one platform's client and the streams synced from it.
type platform struct {
	name string
	// where says what the client talks to, for the first line of output.
	where    string
	streams  []*stream
	counters *counters
}

// result is what syncing one stream did.
type result struct {
	stream  *stream
	resumed bool
	fetched int
	pages   int
	counts  counts
	traffic snapshot
	elapsed time.Duration
	err     error
	skipped bool // not run: an earlier interruption stopped the sync
}

// status is the result's STATUS column.
func (r *result) status() string {
	switch {
	case r.skipped:
		return "not run"
	case errors.Is(r.err, context.Canceled):
		return "interrupted"
	case r.err != nil:
		return "FAILED"
	case r.resumed:
		return "ok (resumed)"
	}
	return "ok"
}

// syncer runs streams into a store.
type syncer struct {
	store    *store
	progress *progress
	// since is the -since flag (zero when not given); full is -full.
	since time.Time
	full  bool
	// now is the clock that starts passes.
	now func() time.Time
	// afterPage, when not nil, is called as a stream starts (pages 0)
	// and after each committed page, on the stream's goroutine: the
	// streams of one platform call it at once.
	afterPage func(stream string, pages int)
}

// run syncs the platforms one after another, and the streams of one
// platform at once: they share the platform's client, whose throttle keeps
// them together within its quota, so one stream's round trips and commits
// fill the time another waits. A failed stream does not stop the others;
// a cancelled ctx (SIGINT) stops everything, leaving each stream's last
// committed checkpoint to resume from. Results are in the order of the
// streams.
func (s *syncer) run(ctx context.Context, platforms []*platform) []*result {
	var out []*result
	for _, p := range platforms {
		var wg sync.WaitGroup
		for _, st := range p.streams {
			r := &result{stream: st}
			out = append(out, r)
			if ctx.Err() != nil {
				r.skipped = true
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.runStream(ctx, p, r)
			}()
		}
		wg.Wait()
	}
	return out
}

// runStream reads one stream: it resumes the unfinished pass from its
// checkpoint or starts a new one, commits page by page, and marks the
// pass finished at the end.
func (s *syncer) runStream(ctx context.Context, p *platform, r *result) {
	st := r.stream
	traffic := &counters{}
	ctx = withCounters(ctx, traffic)
	start := time.Now()
	defer func() {
		r.elapsed, r.traffic = time.Since(start), traffic.snapshot()
		s.progress.done(r)
	}()
	prev, ok, err := s.store.loadCheckpoint(ctx, st)
	if err != nil {
		r.err = err
		return
	}
	cp := prev
	if r.resumed = ok && prev.InProgress && !s.full; !r.resumed {
		cp = st.nextPass(prev, ok, s.now(), s.since, s.full)
	}
	s.progress.start(r, cp)
	if s.afterPage != nil {
		s.afterPage(st.key(), 0)
	}
	err = st.pull(ctx, cp, func(recs []record, next position) error {
		cp.position = next
		cp.Records += len(recs)
		c, err := s.store.commit(ctx, st, recs, cp)
		if err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		r.pages++
		r.fetched += len(recs)
		r.counts.inserted += c.inserted
		r.counts.updated += c.updated
		r.counts.unchanged += c.unchanged
		s.progress.page(r, traffic.snapshot(), time.Since(start))
		if s.afterPage != nil {
			s.afterPage(st.key(), r.pages)
		}
		return nil
	})
	if err != nil {
		r.err = fmt.Errorf("%s: %w", st.key(), err)
		return
	}
	cp.position, cp.InProgress = position{}, false
	if err := s.store.saveCheckpoint(ctx, st, cp); err != nil {
		r.err = err
	}
}
