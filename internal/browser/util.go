package browser

import (
	"context"
	"strings"
	"sync"
	"time"
)

// defaultTimeout bounds an evaluation whose context has no deadline.
const defaultTimeout = 30 * time.Second

// withDefaultTimeout gives ctx a deadline of defaultTimeout when it has none.
func withDefaultTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, defaultTimeout)
}

// join returns a context that carries the chromedp context base and ends when
// base or caller ends, with the deadline of caller.
func join(base, caller context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(base)
	stop := context.AfterFunc(caller, func() { cancel(context.Cause(caller)) })
	var cancelDeadline context.CancelFunc = func() {}
	if d, ok := caller.Deadline(); ok {
		ctx, cancelDeadline = context.WithDeadline(ctx, d)
	}
	return ctx, func() {
		cancelDeadline()
		stop()
		cancel(nil)
	}
}

// lockedBuffer collects the output of a browser.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

// Write appends p to the buffer. It keeps the last 64 KiB only.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 64<<10 {
		b.buf = append(b.buf[:0], b.buf[len(b.buf)-64<<10:]...)
	}
	return len(p), nil
}

// tail returns the last lines of the output, without the usual noise, for an
// error message. It is "" when nothing is left.
func (b *lockedBuffer) tail() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var keep []string
	for _, line := range strings.Split(string(b.buf), "\n") {
		if strings.TrimSpace(line) == "" || strings.Contains(line, "dbus") || strings.Contains(line, "unexpected operator") {
			continue
		}
		keep = append(keep, line)
	}
	if len(keep) > 20 {
		keep = keep[len(keep)-20:]
	}
	if len(keep) == 0 {
		return ""
	}
	return "\nbrowser output:\n" + strings.Join(keep, "\n")
}
