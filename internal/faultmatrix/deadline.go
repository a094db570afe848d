package faultmatrix

import (
	"context"
	"sync"
	"time"
)

// armedContext is a context whose deadline is set only when it is armed,
// so that a never-finishing response injected in the middle of a list is
// ended by a short deadline counted from the injection, however long the
// pages before it took.
type armedContext struct {
	done chan struct{}

	mu       sync.Mutex
	deadline time.Time
	err      error
	timer    *time.Timer
}

func newArmedContext() *armedContext { return &armedContext{done: make(chan struct{})} }

// arm sets the deadline d from now.
func (c *armedContext) arm(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil || c.err != nil {
		return
	}
	c.deadline = time.Now().Add(d)
	c.timer = time.AfterFunc(d, func() { c.end(context.DeadlineExceeded) })
}

// end finishes the context with err, once.
func (c *armedContext) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	if c.timer != nil {
		c.timer.Stop()
	}
	c.err = err
	close(c.done)
}

// Deadline implements context.Context.
func (c *armedContext) Deadline() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deadline, !c.deadline.IsZero()
}

// Done implements context.Context.
func (c *armedContext) Done() <-chan struct{} { return c.done }

// Err implements context.Context.
func (c *armedContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value implements context.Context.
func (c *armedContext) Value(any) any { return nil }
