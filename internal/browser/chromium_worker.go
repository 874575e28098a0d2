package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/extensions"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// How the driver follows service workers:
//
//   - Target.setAutoAttach with waitForDebuggerOnStart, on the browser target,
//     pauses every service worker that starts (an extension's or a web
//     page's) before its first statement. The driver attaches a chromedp
//     session of its own, which records the worker's errors, and lets the
//     worker go on with Runtime.runIfWaitingForDebugger; leaving the browser's
//     session does not. So no error of a worker's start is lost, also when
//     its script throws.
//   - The ServiceWorker domain, enabled in the browser's first tab, reports
//     each worker version's running status. "running" means that the
//     worker's script has been evaluated, so an evaluation then sees its
//     globals. A stopped worker's target can stay attached while the worker
//     does not run, and an evaluation there would wait for ever, so the
//     running status decides, not the attachment.

// worker is an attachment to the service worker target of an extension.
type worker struct {
	extID  string
	ready  chan struct{} // closed when the attachment has finished
	ctx    context.Context
	cancel context.CancelFunc
	err    error // the error of the attachment, valid after ready
}

// workerState is what the ServiceWorker domain tells of the service worker of
// an extension.
type workerState int

const (
	workerUnknown  workerState = iota // no version seen
	workerStopped                     // stopped or stopping
	workerStarting                    // starting
	workerRunning                     // running: its script has been evaluated
	workerFailed                      // every version is redundant
)

// watchWorkers sets up the pause and the running status of the service
// workers. It must run before any extension loads.
func (c *Chromium) watchWorkers() error {
	err := chromedp.ListenBrowser(c.ctx, func(ev any) {
		// This runs in the browser's read loop: no commands here.
		switch ev := ev.(type) {
		case *target.EventAttachedToTarget:
			// The browser reports chromedp's own attachments too.
			info := ev.TargetInfo
			if info == nil || info.Type != "service_worker" || c.attaching(info.TargetID) {
				return
			}
			go c.startedWorker(info.TargetID, workerExtension(info), ev.SessionID, ev.WaitingForDebugger)
		case *target.EventTargetDestroyed:
			go c.forgetWorker(ev.TargetID)
		}
	})
	if err != nil {
		return fmt.Errorf("listening for service workers: %w", err)
	}
	err = chromedp.Listen(c.ctx, func(ev any) {
		// This runs in the tab's read loop: no commands here.
		if ev, ok := ev.(*serviceworker.EventWorkerVersionUpdated); ok {
			c.mu.Lock()
			defer c.mu.Unlock()
			for _, v := range ev.Versions {
				c.versions[v.VersionID] = v
				if v.RunningStatus == serviceworker.VersionRunningStatusStarting && v.TargetID != "" && !c.resuming[v.TargetID] {
					c.resuming[v.TargetID] = true
					go c.resumeStarting(v.VersionID, v.TargetID, extensionHost(v.ScriptURL))
				}
			}
		}
	})
	if err != nil {
		return fmt.Errorf("listening for service workers: %w", err)
	}
	ctx, cancel := context.WithTimeout(c.ctx, extensionLoadTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, serviceworker.Enable, cdp.Empty{}); err != nil {
		return fmt.Errorf("watching service workers: %w", err)
	}
	_, err = chromedp.CallBrowser(ctx, target.SetAutoAttach, target.SetAutoAttachParams{
		AutoAttach:             true,
		WaitForDebuggerOnStart: true,
		Flatten:                new(true),
		Filter:                 target.Filter{{Type: "service_worker"}, {Exclude: true}},
	})
	if err != nil {
		return fmt.Errorf("watching service workers: %w", err)
	}
	return nil
}

// startedWorker handles a service worker that the browser attached to with
// the session, and paused if waiting is true: it attaches to the worker to
// record its errors (as those of the extension extID, or of no extension for
// the worker of a web page), lets the worker go on, and leaves the browser's
// session.
func (c *Chromium) startedWorker(tid target.ID, extID string, session target.SessionID, waiting bool) {
	ctx, cancel := context.WithTimeout(c.ctx, extensionLoadTimeout)
	defer cancel()
	if w := c.liveWorker(ctx, tid, extID); w != nil && waiting {
		resume(ctx, w)
	}
	chromedp.CallBrowser(ctx, target.DetachFromTarget, target.DetachFromTargetParams{SessionID: session})
}

// resumeStarting lets the starting worker of the version go on. The browser
// pauses each start of a worker for the debugger, but it reports only the
// first start as a new attachment; a later start waits for the attachment
// that the driver has kept. A resume that comes before the pause can be
// lost, so it repeats the resume while the version is starting.
func (c *Chromium) resumeStarting(versionID string, tid target.ID, extID string) {
	defer func() {
		c.mu.Lock()
		delete(c.resuming, tid)
		c.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(c.ctx, extensionLoadTimeout)
	defer cancel()
	for ctx.Err() == nil {
		c.mu.Lock()
		v := c.versions[versionID]
		c.mu.Unlock()
		if v == nil || v.RunningStatus != serviceworker.VersionRunningStatusStarting {
			return
		}
		if w := c.liveWorker(ctx, tid, extID); w != nil {
			resume(ctx, w)
		}
		select {
		case <-ctx.Done():
		case <-time.After(4 * pollInterval):
		}
	}
}

// liveWorker returns a live attachment to the target, attaching anew when
// need be, or nil.
func (c *Chromium) liveWorker(ctx context.Context, tid target.ID, extID string) *worker {
	for attempt := 0; attempt < 2; attempt++ {
		w := c.attachWorker(tid, extID)
		select {
		case <-w.ready:
		case <-ctx.Done():
			return nil
		}
		if w.live() {
			return w
		}
		c.dropWorker(tid, w)
	}
	return nil
}

// resume lets the worker go on when it waits for a debugger.
func resume(ctx context.Context, w *worker) {
	rctx, stop := join(w.ctx, ctx)
	defer stop()
	chromedp.Call(rctx, runtime.RunIfWaitingForDebugger, cdp.Empty{})
}

// workerExtension returns the extension id of an extension service worker
// target, or "".
func workerExtension(info *target.Info) string {
	if info.Type != "service_worker" {
		return ""
	}
	return extensionHost(info.URL)
}

// extensionHost returns the extension id of a chrome-extension:// URL, or "".
func extensionHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "chrome-extension" {
		return ""
	}
	return u.Host
}

// attachWorker starts to attach to the service worker target tid, unless that
// has begun already, and returns the attachment. Wait on its ready channel.
func (c *Chromium) attachWorker(tid target.ID, extID string) *worker {
	c.mu.Lock()
	if c.workers == nil { // closed
		c.mu.Unlock()
		w := &worker{extID: extID, ready: make(chan struct{}), err: errors.New("chromium is closed")}
		close(w.ready)
		return w
	}
	if w, ok := c.workers[tid]; ok {
		c.mu.Unlock()
		return w
	}
	w := &worker{extID: extID, ready: make(chan struct{})}
	c.workers[tid] = w
	c.pending[tid]++
	c.mu.Unlock()

	go func() {
		defer close(w.ready)
		defer func() {
			c.mu.Lock()
			if c.pending[tid]--; c.pending[tid] == 0 {
				delete(c.pending, tid)
			}
			c.mu.Unlock()
		}()
		ctx, cancel := chromedp.NewContext(c.ctx,
			chromedp.WithTargetID(tid),
			// Cancelling only detaches: closing a service worker
			// target is not ours to do.
			chromedp.WithDetachOnCancel(),
			chromedp.WithListener(c.recorder("service worker", extID, nil)))
		// The first Run binds the attachment to ctx, so no timeout here.
		if err := chromedp.Do(ctx); err != nil {
			cancel()
			w.err = fmt.Errorf("attaching to the service worker of %q: %w", extID, err)
			return
		}
		w.ctx, w.cancel = ctx, cancel
	}()
	return w
}

// attaching reports whether the driver is attaching to the target now.
func (c *Chromium) attaching(tid target.ID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending[tid] > 0
}

// dropWorker drops the attachment w to the target tid, so that the next
// attempt attaches anew.
func (c *Chromium) dropWorker(tid target.ID, w *worker) {
	c.mu.Lock()
	if c.workers[tid] == w {
		delete(c.workers, tid)
	}
	c.mu.Unlock()
	select {
	case <-w.ready:
		if w.cancel != nil {
			w.cancel()
		}
	default:
	}
}

// forgetWorker drops the attachment to a target that is gone.
func (c *Chromium) forgetWorker(tid target.ID) {
	c.mu.Lock()
	w, ok := c.workers[tid]
	c.mu.Unlock()
	if !ok {
		return
	}
	<-w.ready
	c.dropWorker(tid, w)
}

// live reports whether the attachment works and its target is still there.
func (w *worker) live() bool {
	select {
	case <-w.ready:
	default:
		return false
	}
	if w.err != nil || w.ctx == nil {
		return false
	}
	ch, err := chromedp.Detached(w.ctx)
	if err != nil {
		return false
	}
	select {
	case <-ch:
		return false
	default:
		return w.ctx.Err() == nil
	}
}

// workerState returns the state of the service worker of the extension, and
// the target of the running worker.
func (c *Chromium) workerState(extID string) (workerState, target.ID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	state, seen := workerUnknown, false
	var tid target.ID
	for _, v := range c.versions {
		if extensionHost(v.ScriptURL) != extID {
			continue
		}
		seen = true
		if v.Status == serviceworker.VersionStatusRedundant {
			continue
		}
		switch v.RunningStatus {
		case serviceworker.VersionRunningStatusRunning:
			if v.TargetID != "" {
				return workerRunning, v.TargetID
			}
			state = max(state, workerStarting)
		case serviceworker.VersionRunningStatusStarting:
			state = max(state, workerStarting)
			if v.TargetID != "" {
				tid = v.TargetID
			}
		default:
			state = max(state, workerStopped)
		}
	}
	if seen && state == workerUnknown {
		return workerFailed, ""
	}
	return state, tid
}

// serviceWorker returns a live attachment to the running service worker of
// the extension, whose script has been evaluated, and starts the worker when
// it is not running.
func (c *Chromium) serviceWorker(ctx context.Context, extID string) (*worker, error) {
	var woken time.Time
	var lastErr error
	for {
		state, tid := c.workerState(extID)
		switch state {
		case workerRunning:
			w := c.attachWorker(tid, extID)
			select {
			case <-w.ready:
			case <-ctx.Done():
				return nil, fmt.Errorf("attaching to the service worker of %q: %w", extID, ctx.Err())
			}
			if w.live() {
				return w, nil
			}
			if w.err != nil {
				lastErr = w.err
			}
			c.dropWorker(tid, w) // and attach anew on the next round
		case workerFailed:
			return nil, fmt.Errorf("the service worker of %q did not start; its errors: %q", extID, c.Errors(extID))
		case workerUnknown, workerStopped:
			if time.Since(woken) > time.Second {
				// A service worker stops when it is idle, or when a
				// test stops it. Start it again.
				woken = time.Now()
				if err := c.startWorker(ctx, extID); err != nil {
					lastErr = err
				}
			}
		}
		select {
		case <-ctx.Done():
			if lastErr != nil {
				return nil, fmt.Errorf("no running service worker of extension %q: %w (last error: %v)", extID, ctx.Err(), lastErr)
			}
			return nil, fmt.Errorf("no running service worker of extension %q: %w", extID, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// startWorker starts the service worker of the extension: it opens the
// extension's manifest.json in a tab, which puts the tab in the extension's
// origin, and posts a message to the worker from there. A message starts a
// stopped worker; the worker need not listen for it.
func (c *Chromium) startWorker(ctx context.Context, extID string) error {
	tab, closeTab := chromedp.NewContext(c.ctx)
	defer closeTab()
	rctx, stop := join(tab, ctx)
	defer stop()
	err := chromedp.Do(rctx,
		chromedp.Navigate("chrome-extension://"+extID+"/manifest.json"),
		chromedp.Evaluate[chromedp.Void](`navigator.serviceWorker.getRegistration().then(r => {
			if (!r) throw new Error("the extension has no service worker");
			const w = r.active || r.waiting || r.installing;
			if (w) w.postMessage("browsertest: wake up");
		})`, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("starting the service worker of %q: %w", extID, err)
	}
	return nil
}

// loadExtensions loads the extension of each directory with
// Extensions.loadUnpacked, which tells its id, or why it did not load. Then
// it waits until each service worker has run its script and a turn of its
// event loop, so that the errors of its start are in from the beginning.
func (c *Chromium) loadExtensions(dirs []string) error {
	ctx, cancel := context.WithTimeout(c.ctx, extensionLoadTimeout)
	defer cancel()
	var errs []error
	var withWorker []string // ids of the extensions with a service worker
	for _, d := range dirs {
		res, err := chromedp.CallBrowser(ctx, extensions.LoadUnpacked, extensions.LoadUnpackedParams{Path: d})
		if err != nil {
			errs = append(errs, fmt.Errorf("loading the extension in %q: %w", d, err))
			continue
		}
		c.mu.Lock()
		c.ids[d] = res.ID
		c.mu.Unlock()
		if hasServiceWorker(d) {
			withWorker = append(withWorker, res.ID)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, id := range withWorker {
		c.waitForWorker(ctx, id)
	}
	return nil
}

// hasServiceWorker reports whether the manifest in dir names a background
// service worker.
func hasServiceWorker(dir string) bool {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return false
	}
	var m struct {
		Background struct {
			ServiceWorker string `json:"service_worker"`
		} `json:"background"`
	}
	return json.Unmarshal(raw, &m) == nil && m.Background.ServiceWorker != ""
}

// StopServiceWorkers stops every service worker, as Chromium does with an
// idle worker, which it does not do while the driver is attached. The next
// event for a worker, or [Chromium.EvalInServiceWorker], starts it again, with
// its global state lost.
func (c *Chromium) StopServiceWorkers(ctx context.Context) error {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	rctx, stop := join(c.ctx, ctx)
	defer stop()
	if _, err := chromedp.Call(rctx, serviceworker.StopAllWorkers, cdp.Empty{}); err != nil {
		return fmt.Errorf("stopping the service workers: %w", err)
	}
	return nil
}
