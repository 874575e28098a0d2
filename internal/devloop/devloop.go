package devloop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/browser"
	"github.com/webext-shim/webext-shim/targets"
)

// ErrBrowserGone is the error of [Run] when the browser exits before the
// run is stopped: the user closed it, or it crashed.
var ErrBrowserGone = errors.New("the browser has exited")

// ErrFirstBuild is the error of [Run] when the first build fails: there is
// nothing to load.
var ErrFirstBuild = errors.New("the first build failed; nothing to load")

// Options configure [Run].
type Options struct {
	// Build are the build's options. Its Targets must name one browser of
	// the Chromium or Gecko family. Run turns Sourcemap on, to map the
	// positions of errors.
	Build bundle.Options
	// Binary is the browser's executable; "" means Debian's chromium or
	// firefox-esr, found on PATH.
	Binary string
	// Profile is the browser's profile directory, kept; "" means a new
	// temporary one, removed when the run ends.
	Profile string
	// Private allows the Firefox add-on in private windows.
	Private bool
	// StartURL is opened in a tab once the extension is loaded, when set.
	StartURL string
	// Open is "popup" or "options" to open that page of the extension in a
	// tab once it is loaded, or "".
	Open string
	// Headless runs the browser without a window.
	Headless bool
	// Interval is how often the source tree is looked at; 0 means
	// bundle.DefaultWatchInterval.
	Interval time.Duration
}

// Hooks receive what [Run] does. Each may be nil. Run calls one at a time.
type Hooks struct {
	// Built is called after each build, the first one included.
	Built func(bundle.Rebuild)
	// Launched is called once the browser runs.
	Launched func(Launched)
	// Loaded is called once the extension is loaded, and after each reload.
	Loaded func(Loaded)
	// Opened is called for each page opened at the start.
	Opened func(url string)
	// Error is called with each error the browser reports about the
	// extension.
	Error func(BrowserError)
	// Problem is called when a step of the loop fails but the loop goes
	// on, such as a reload that the browser refused.
	Problem func(error)
}

// Launched tells which browser a run started.
type Launched struct {
	// Browser is "chromium" or "firefox".
	Browser string
	// Binary is the executable as given, or its default name.
	Binary string
	// Profile is the kept profile directory, or "" for a temporary one.
	Profile string
}

// Loaded tells that the extension was loaded or reloaded.
type Loaded struct {
	// Reload is false for the first load.
	Reload bool
	// Dir is the output directory loaded.
	Dir string
	// BaseURL is the extension's origin, such as
	// "chrome-extension://ID/" or "moz-extension://UUID/".
	BaseURL string
	// Changed are the source files whose change caused the build.
	Changed []string
	// Reopened are the extension's pages opened again after the reload.
	Reopened []string
	// BuildTime is how long the build took, LoadTime how long the browser
	// took to load the new output.
	BuildTime, LoadTime time.Duration
}

// BrowserError is an error the browser reported about the extension.
type BrowserError struct {
	// Context says where it came from, such as "service worker
	// chrome-extension://ID/background.js" or "page
	// moz-extension://UUID/popup.html".
	Context string
	// Kind is "exception", "console.error", "console.assert", "log", or
	// for Firefox "error" or "warning".
	Kind string
	// Message is the error's text.
	Message string
	// Output is the place in the output the browser named, when known:
	// its File is the browser's URL.
	Output Position
	// Source is Output mapped through the output's source map to the
	// extension's source; its File is "" when it could not be mapped.
	Source Position
}

// Run builds opts.Build, starts the browser with the output loaded, and
// then, until ctx ends, rebuilds and reloads the extension on each change of
// the source. It returns nil when ctx ends (the browser closed and a
// temporary profile removed by then), ErrBrowserGone when the browser exits
// first, ErrFirstBuild when there is nothing to load, or another error that
// stops the loop.
func Run(ctx context.Context, opts Options, hooks Hooks) error {
	if len(opts.Build.Targets) != 1 {
		return fmt.Errorf("run builds one target, got %d", len(opts.Build.Targets))
	}
	family := opts.Build.Targets[0].Browser.Family
	if family != targets.Chromium && family != targets.Gecko {
		return fmt.Errorf("run starts Chromium or Firefox, not %q", opts.Build.Targets[0].Browser.Name)
	}
	opts.Build.Sourcemap = true
	l := &loop{opts: opts, hooks: hooks, family: family}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	l.cancel = cancel
	defer l.closeBrowser()
	err := bundle.Watch(ctx, opts.Build, bundle.WatchOptions{Interval: opts.Interval}, func(rb bundle.Rebuild) {
		l.call(func() {
			if hooks.Built != nil {
				hooks.Built(rb)
			}
		})
		l.built(ctx, rb)
	})
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}

// loop is the state of one Run.
type loop struct {
	opts   Options
	hooks  Hooks
	family targets.Family
	cancel context.CancelCauseFunc

	hookMu sync.Mutex // one hook at a time

	sess    session
	host    string // the host of the extension's URLs
	dir     string // the output directory loaded
	maps    *sourceMaps
	mapsMu  sync.Mutex
	closing chan struct{} // closed when the run closes the browser
	wg      sync.WaitGroup
}

// call runs f with the hooks to itself.
func (l *loop) call(f func()) {
	l.hookMu.Lock()
	defer l.hookMu.Unlock()
	f()
}

// problem passes err to the Problem hook.
func (l *loop) problem(err error) {
	l.call(func() {
		if l.hooks.Problem != nil {
			l.hooks.Problem(err)
		}
	})
}

// built loads or reloads the output of a build.
func (l *loop) built(ctx context.Context, rb bundle.Rebuild) {
	if rb.Err != nil {
		if l.sess == nil {
			l.cancel(fmt.Errorf("%w: %w", ErrFirstBuild, rb.Err))
		}
		return // the previous output stays loaded
	}
	if len(rb.Result.Targets) != 1 || rb.Result.Targets[0].Dir == "" {
		l.cancel(fmt.Errorf("the build wrote no output"))
		return
	}
	dir := rb.Result.Targets[0].Dir
	start := time.Now()
	if l.sess == nil {
		if err := l.start(ctx, dir); err != nil {
			l.cancel(err)
			return
		}
		l.call(func() {
			if l.hooks.Loaded != nil {
				l.hooks.Loaded(Loaded{Dir: dir, BaseURL: l.baseURL(), BuildTime: rb.Duration, LoadTime: time.Since(start)})
			}
		})
		l.openPages(ctx, dir)
		return
	}
	l.mapsMu.Lock()
	l.maps = newSourceMaps(dir)
	l.mapsMu.Unlock()
	reopened, err := l.sess.reload(ctx, dir)
	if err != nil {
		if ctx.Err() == nil {
			l.problem(fmt.Errorf("reloading the extension: %w", err))
		}
		return
	}
	l.call(func() {
		if l.hooks.Loaded != nil {
			l.hooks.Loaded(Loaded{Reload: true, Dir: dir, BaseURL: l.baseURL(), Changed: rb.Changed,
				Reopened: reopened, BuildTime: rb.Duration, LoadTime: time.Since(start)})
		}
	})
}

// baseURL is the origin of the extension's pages.
func (l *loop) baseURL() string {
	if l.family == targets.Chromium {
		return "chrome-extension://" + l.host + "/"
	}
	return "moz-extension://" + l.host + "/"
}

// start launches the browser and loads the extension in dir.
func (l *loop) start(ctx context.Context, dir string) error {
	l.dir = dir
	l.maps = newSourceMaps(dir)
	l.closing = make(chan struct{})
	launched := Launched{Binary: l.opts.Binary, Profile: l.opts.Profile}
	switch l.family {
	case targets.Chromium:
		launched.Browser = "chromium"
		if launched.Binary == "" {
			launched.Binary = browser.ChromiumBinary
		}
		id, err := browser.ComputeExtensionID(dir)
		if err != nil {
			return err
		}
		l.host = id
		c, err := browser.LaunchChromium(browser.ChromiumOptions{
			Binary: l.opts.Binary, Profile: l.opts.Profile, Headless: l.opts.Headless,
			OnError: func(ev browser.ErrorEvent) {
				if ev.ExtensionID == id {
					// The hook must not block the browser's event loop.
					l.wg.Add(1)
					go func() {
						defer l.wg.Done()
						l.chromiumError(ev)
					}()
				}
			},
		})
		if err != nil {
			return fmt.Errorf("starting chromium: %w", err)
		}
		l.sess = &chromiumSession{c: c}
	case targets.Gecko:
		launched.Browser = "firefox"
		if launched.Binary == "" {
			launched.Binary = browser.FirefoxBinary
		}
		f, err := browser.LaunchFirefox(browser.FirefoxOptions{Binary: l.opts.Binary, Profile: l.opts.Profile, Headless: l.opts.Headless})
		if err != nil {
			return fmt.Errorf("starting firefox: %w", err)
		}
		l.sess = &firefoxSession{f: f, private: l.opts.Private}
	}
	l.call(func() {
		if l.hooks.Launched != nil {
			l.hooks.Launched(launched)
		}
	})
	l.wg.Add(1)
	go l.watchBrowser()
	since := time.Now()
	host, err := l.sess.load(ctx, dir)
	if err != nil {
		return fmt.Errorf("loading the extension: %w", err)
	}
	l.host = host
	if fs, ok := l.sess.(*firefoxSession); ok {
		l.wg.Add(1)
		go l.pollFirefox(fs, since)
	}
	return nil
}

// watchBrowser ends the run when the browser goes away on its own.
func (l *loop) watchBrowser() {
	defer l.wg.Done()
	select {
	case <-l.sess.done():
		l.cancel(ErrBrowserGone)
	case <-l.closing:
	}
}

// openPages opens the start URL and the page asked for.
func (l *loop) openPages(ctx context.Context, dir string) {
	var urls []string
	if l.opts.StartURL != "" {
		urls = append(urls, l.opts.StartURL)
	}
	if l.opts.Open != "" {
		page, err := manifestPage(filepath.Join(dir, "manifest.json"), l.opts.Open)
		if err != nil {
			l.problem(err)
		} else {
			urls = append(urls, l.baseURL()+page)
		}
	}
	for _, u := range urls {
		if err := l.sess.open(ctx, u); err != nil {
			if ctx.Err() == nil {
				l.problem(err)
			}
			continue
		}
		l.call(func() {
			if l.hooks.Opened != nil {
				l.hooks.Opened(u)
			}
		})
	}
}

// closeBrowser closes the browser, if one runs, and waits for the loop's
// goroutines.
func (l *loop) closeBrowser() {
	if l.sess == nil {
		return
	}
	close(l.closing)
	if err := l.sess.close(); err != nil {
		l.problem(fmt.Errorf("closing the browser: %w", err))
	}
	l.wg.Wait()
}

// mapError fills the source position of e from its output position.
func (l *loop) mapError(e *BrowserError) {
	l.mapsMu.Lock()
	maps := l.maps
	l.mapsMu.Unlock()
	if p := outputPath(e.Output.File, l.host); p != "" {
		if pos, ok := maps.source(p, e.Output.Line, e.Output.Column); ok {
			e.Source = pos
		}
	}
}

// emit maps e and passes it to the Error hook.
func (l *loop) emit(e BrowserError) {
	l.mapError(&e)
	l.call(func() {
		if l.hooks.Error != nil {
			l.hooks.Error(e)
		}
	})
}

// chromiumError passes on an error that Chromium reported.
func (l *loop) chromiumError(ev browser.ErrorEvent) {
	context := ev.Context
	if context == "service worker" {
		context = "background service worker"
	}
	l.emit(BrowserError{Context: context, Kind: ev.Kind, Message: ev.Message,
		Output: Position{File: ev.URL, Line: ev.Line, Column: ev.Column}})
}

// firefoxPollInterval is how often the run asks Firefox for new errors.
const firefoxPollInterval = 250 * time.Millisecond

// pollFirefox passes on the errors Firefox logs about the add-on.
func (l *loop) pollFirefox(s *firefoxSession, since time.Time) {
	defer l.wg.Done()
	seen := make(map[browser.ConsoleMessage]bool)
	tick := time.NewTicker(firefoxPollInterval)
	defer tick.Stop()
	for {
		select {
		case <-l.closing:
			return
		case <-s.done():
			return
		case <-tick.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		msgs, err := s.messages(ctx, since)
		cancel()
		if err != nil {
			continue // the browser is going away, or busy: the next look
		}
		for _, m := range msgs {
			if seen[m] || m.Level != "error" {
				continue
			}
			seen[m] = true
			context, kind, text := "script "+m.Source, "exception", m.Message
			if m.Kind == "console" {
				// Firefox prints console calls without their page.
				context, kind = "a page of the browser; Firefox does not say which", "console.error"
				text = strings.TrimPrefix(text, "console.error: ")
			} else if m.Source == "" {
				context = "the add-on"
			}
			l.emit(BrowserError{Context: context, Kind: kind, Message: text,
				Output: Position{File: m.Source, Line: m.Line, Column: m.Column}})
		}
	}
}

// manifestPage returns the path of the popup or options page that the
// manifest at path declares.
func manifestPage(path, which string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return pageOf(raw, which)
}
