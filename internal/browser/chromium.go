package browser

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Timeouts of the Chromium driver.
const (
	// chromiumStartTimeout bounds the start of the browser.
	chromiumStartTimeout = 30 * time.Second
	// extensionLoadTimeout bounds the load of the extensions, and other
	// steps of the set-up.
	extensionLoadTimeout = 10 * time.Second
	// pollInterval is the pause between two looks at the browser's state.
	pollInterval = 25 * time.Millisecond
)

// Chromium is a headless Chromium with unpacked extensions loaded, started by
// [StartChromium] or [NewChromium]. Its methods are safe for concurrent use;
// each [Chromium.EvalInPage] call has a tab of its own.
//
// The extensions are loaded with the protocol command Extensions.loadUnpacked,
// the protocol's counterpart of --load-extension, after the driver has asked
// the browser to pause each service worker before its first statement until
// the driver has attached to it. So no error of a worker's start escapes
// [Chromium.Errors].
//
// The driver stays attached to each service worker, to record its errors,
// and Chromium does not stop a worker that a debugger is attached to. So a
// worker does not stop after 30 idle seconds as it would for a user, and state
// kept in its globals survives; a test of the restart stops the workers with
// [Chromium.StopServiceWorkers].
type Chromium struct {
	ctx     context.Context // chromedp context of the browser's first tab
	cancel  context.CancelFunc
	acancel context.CancelFunc // of the allocator
	out     *lockedBuffer      // what the browser wrote to stdout and stderr
	profile string             // the user data directory
	ownDir  string             // a directory to remove on Close, or ""
	onError func(ErrorEvent)   // ChromiumOptions.OnError

	ids map[string]string // absolute extension directory -> extension id

	mu       sync.Mutex
	errs     map[string][]string // extension id, or "" -> error messages
	workers  map[target.ID]*worker
	pending  map[target.ID]int                 // targets that attachWorker is attaching to
	resuming map[target.ID]bool                // targets that resumeStarting looks after
	versions map[string]*serviceworker.Version // by version id

	closeOnce sync.Once
	closeErr  error
}

// ChromiumOptions configure [LaunchChromium].
type ChromiumOptions struct {
	// Binary is the browser's executable; "" looks [ChromiumBinary] up on
	// PATH.
	Binary string
	// Profile is the user data directory, kept on Close; "" makes a new
	// temporary directory that Close removes.
	Profile string
	// Headless runs the browser without a window.
	Headless bool
	// Extensions are unpacked extension directories to load at the start.
	Extensions []string
	// OnError, when set, is called with each error that [Chromium.Errors]
	// records, as it arrives, from the browser's event loop: it must not
	// block or call methods of the Chromium.
	OnError func(ErrorEvent)
}

// LaunchChromium starts Chromium with opts.Extensions loaded as unpacked
// extensions, and waits until each extension's service worker has run its
// script. Chromium loads Manifest V3 extensions only. When the binary is
// missing, the error wraps [exec.ErrNotFound]. The caller must call
// [Chromium.Close]. Background networking, component updates and sync are
// off. The start takes about a second.
func LaunchChromium(opts ChromiumOptions) (*Chromium, error) {
	bin, profile, ownDir, err := prepare(opts.Binary, ChromiumBinary, opts.Profile, "webext-shim-chromium-")
	if err != nil {
		return nil, err
	}
	opts.Binary, opts.Profile = bin, profile
	c, err := startChromium(opts)
	if c == nil {
		if ownDir != "" {
			os.RemoveAll(ownDir)
		}
		return nil, err
	}
	c.ownDir = ownDir
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// startChromium starts the browser. When it returns a Chromium, with or
// without an error, the caller must close it.
func startChromium(opts ChromiumOptions) (*Chromium, error) {
	dirs := make([]string, 0, len(opts.Extensions))
	for _, d := range opts.Extensions {
		abs, err := filepath.Abs(d)
		if err != nil {
			return nil, fmt.Errorf("extension directory %q: %w", d, err)
		}
		if _, err := os.Stat(filepath.Join(abs, "manifest.json")); err != nil {
			return nil, fmt.Errorf("extension directory %q: %w", d, err)
		}
		dirs = append(dirs, abs)
	}

	out := new(lockedBuffer)
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(opts.Binary),
		chromedp.Flag("headless", "new"),
		chromedp.Flag("disable-extensions", false), // a default of chromedp
		chromedp.NoSandbox,                         // we can run as root
		chromedp.Flag("disable-gpu", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Turns on the Extensions domain of the protocol, whose command
		// Extensions.loadUnpacked loads the extensions.
		chromedp.Flag("enable-unsafe-extension-debugging", true),
		chromedp.UserDataDir(opts.Profile),
		chromedp.CombinedOutput(out),
	)
	if !opts.Headless {
		flags = append(flags, chromedp.Flag("headless", false), chromedp.Flag("hide-scrollbars", false), chromedp.Flag("mute-audio", false))
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), flags...)
	// chromedp logs with the log package by default; keep its words with
	// the browser's output instead.
	logf := func(format string, args ...any) { fmt.Fprintf(out, "chromedp: "+format+"\n", args...) }
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(logf), chromedp.WithErrorf(logf))
	c := &Chromium{
		ctx:      ctx,
		cancel:   cancel,
		acancel:  acancel,
		out:      out,
		profile:  opts.Profile,
		onError:  opts.OnError,
		ids:      make(map[string]string),
		errs:     make(map[string][]string),
		workers:  make(map[target.ID]*worker),
		pending:  make(map[target.ID]int),
		resuming: make(map[target.ID]bool),
		versions: make(map[string]*serviceworker.Version),
	}

	// The first Run starts the browser and binds it to ctx, so it cannot
	// have a timeout of its own.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			return c, fmt.Errorf("starting chromium: %w%s", err, out.tail())
		}
	case <-time.After(chromiumStartTimeout):
		return c, fmt.Errorf("chromium did not start within %v%s", chromiumStartTimeout, out.tail())
	}
	if err := c.watchWorkers(); err != nil {
		return c, fmt.Errorf("%w%s", err, out.tail())
	}
	if err := c.loadExtensions(dirs); err != nil {
		return c, fmt.Errorf("%w%s", err, out.tail())
	}
	return c, nil
}

// Close closes the browser gracefully, waits until it has exited, and
// removes what NewChromium made. It is safe to call more than once.
func (c *Chromium) Close() error {
	c.closeOnce.Do(func() { c.closeErr = c.stop() })
	return c.closeErr
}

// stop does the work of Close.
func (c *Chromium) stop() error {
	c.mu.Lock()
	workers := c.workers
	c.workers = nil
	c.mu.Unlock()
	for _, w := range workers {
		select {
		case <-w.ready:
			if w.cancel != nil {
				w.cancel()
			}
		default:
		}
	}
	var errs []error
	if chromedp.FromContext(c.ctx).Browser != nil {
		ctx, stop := context.WithTimeout(c.ctx, 10*time.Second)
		if err := chromedp.Cancel(ctx); err != nil && !errors.Is(err, context.Canceled) {
			errs = append(errs, fmt.Errorf("closing chromium: %w", err))
		}
		stop()
	}
	c.cancel()
	c.acancel()
	// Helpers of the browser can outlive it for a moment, and write to the
	// profile that is about to be removed.
	killUsers(c.profile)
	if c.ownDir != "" {
		if err := os.RemoveAll(c.ownDir); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ExtensionID returns the id of the extension that [StartChromium] or
// [NewChromium] loaded from dir, or "" when it loaded none from there. The
// directory may be relative to the working directory.
func (c *Chromium) ExtensionID(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ids[abs]
}

// ComputeExtensionID returns the id that Chromium gives to the unpacked
// extension in dir: the first 128 bits of the SHA-256 of the manifest's "key"
// (decoded from base64) when the manifest has one, else of the directory's
// absolute path, written with the letters a to p for the hex digits 0 to f.
// [Chromium.ExtensionID] tells the id that the browser reports; this function
// is for code that needs the id before the browser runs.
func ComputeExtensionID(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("computing the extension id of %q: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	input := []byte(abs)
	raw, err := os.ReadFile(filepath.Join(abs, "manifest.json"))
	if err != nil {
		return "", fmt.Errorf("computing the extension id of %q: %w", dir, err)
	}
	var m struct {
		Key string `json:"key"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", fmt.Errorf("computing the extension id of %q: manifest.json: %w", dir, err)
	}
	if m.Key != "" {
		key, err := base64.StdEncoding.DecodeString(m.Key)
		if err != nil {
			return "", fmt.Errorf("computing the extension id of %q: manifest key: %w", dir, err)
		}
		input = key
	}
	sum := sha256.Sum256(input)
	id := make([]byte, 32)
	for i, b := range sum[:16] {
		id[2*i] = 'a' + b>>4
		id[2*i+1] = 'a' + b&0xf
	}
	return string(id), nil
}

// EvalInPage opens a new tab at rawURL, waits for the page to load, evaluates
// the JavaScript expression expr there, and closes the tab. A promise that
// expr returns is awaited. The result is the value as JSON, with undefined as
// null; an exception or a rejected promise is an error. rawURL is for example
// "chrome-extension://"+c.ExtensionID(dir)+"/popup.html", or the address of a
// page of [ServeDir] to test content scripts.
//
// Errors and console.error messages of the page are recorded for
// [Chromium.Errors]. When ctx has no deadline, a deadline of 30 seconds applies.
func (c *Chromium) EvalInPage(ctx context.Context, rawURL, expr string) (json.RawMessage, error) {
	ctx, cancelTimeout := withDefaultTimeout(ctx)
	defer cancelTimeout()
	pageExt := extensionHost(rawURL)
	contexts := new(sync.Map) // execution context id -> origin
	tab, closeTab := chromedp.NewContext(c.ctx,
		chromedp.WithListener(c.recorder("page "+rawURL, pageExt, contexts)))
	defer closeTab()
	rctx, stop := join(tab, ctx)
	defer stop()
	if err := chromedp.Do(rctx, chromedp.Navigate(rawURL)); err != nil {
		return nil, fmt.Errorf("opening %q: %w", rawURL, err)
	}
	v, err := chromedp.Run(rctx, evalJSON(expr))
	if err != nil {
		return nil, fmt.Errorf("evaluating in %q: %w", rawURL, err)
	}
	return v, nil
}

// EvalInServiceWorker evaluates the JavaScript expression expr in the service
// worker of the extension with the id extID, and starts the worker first when
// it is not running. A promise that expr returns is awaited. The result is the
// value as JSON, with undefined as null; an exception or a rejected promise is
// an error. When ctx has no deadline, a deadline of 30 seconds applies.
func (c *Chromium) EvalInServiceWorker(ctx context.Context, extID, expr string) (json.RawMessage, error) {
	ctx, cancelTimeout := withDefaultTimeout(ctx)
	defer cancelTimeout()
	w, err := c.serviceWorker(ctx, extID)
	if err != nil {
		return nil, err
	}
	rctx, stop := join(w.ctx, ctx)
	defer stop()
	v, err := chromedp.Run(rctx, evalJSON(expr))
	if err != nil {
		return nil, fmt.Errorf("evaluating in the service worker of %q: %w", extID, err)
	}
	return v, nil
}

// Errors returns the uncaught exceptions, unhandled promise rejections,
// console.error and console.assert messages, and error entries of the browser
// log (such as a script that failed to load) that were seen so far in the
// service worker of the extension extID, in the pages of that extension opened
// with [Chromium.EvalInPage], and in the extension's content scripts in pages
// opened with EvalInPage. Each message tells where it came from.
// Errors("") returns the messages that belong to no extension, such as those
// of the page's own scripts in a web page.
//
// A message from a service worker can arrive a moment after the error
// happened, as the browser reports it asynchronously.
func (c *Chromium) Errors(extID string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errs[extID]...)
}

// evalJSON is an action that evaluates expr, awaits a promise, and returns
// the result as JSON.
func evalJSON(expr string) chromedp.Action[json.RawMessage] {
	return func(ctx context.Context, t *chromedp.Target) (json.RawMessage, error) {
		obj, err := chromedp.Evaluate[*runtime.RemoteObject](expr, chromedp.EvalAwaitPromise, chromedp.EvalAsValue)(ctx, t)
		if err != nil {
			return nil, err
		}
		switch {
		case obj.UnserializableValue != "":
			return nil, fmt.Errorf("result %q has no JSON form", obj.UnserializableValue)
		case len(obj.Value) == 0:
			// undefined; a JSON-able value always has a Value.
			return json.RawMessage("null"), nil
		}
		return json.RawMessage(obj.Value), nil
	}
}
