package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// firefoxStartTimeout bounds the start of Firefox, up to a Marionette session.
const firefoxStartTimeout = 30 * time.Second

// firefoxPrefs go to the profile's user.js. Marionette applies its own
// recommended preferences on top (remote.prefs.recommended); these keep the
// browser quiet and away from the network.
var firefoxPrefs = map[string]any{
	"marionette.port": 0, // any free port; Firefox writes it to MarionetteActivePort
	// Console calls of content and extension pages go to standard output,
	// where Firefox.AddonMessages finds them.
	"devtools.console.stdout.content": true,
	// Firefox suspends an idle event page (a Manifest V3 background) after
	// 30 s; tests that read a background's state from several pages in turn
	// must not see it restart because a loaded machine made them slow.
	"extensions.background.idle.timeout": 600000,

	"app.normandy.enabled":                            false,
	"app.update.auto":                                 false,
	"app.update.checkInstallTime":                     false,
	"app.update.disabledForTesting":                   true,
	"app.shield.optoutstudies.enabled":                false,
	"browser.aboutwelcome.enabled":                    false,
	"browser.discovery.enabled":                       false,
	"browser.newtabpage.enabled":                      false,
	"browser.ping-centre.telemetry":                   false,
	"browser.region.network.url":                      "",
	"browser.region.update.enabled":                   false,
	"browser.safebrowsing.blockedURIs.enabled":        false,
	"browser.safebrowsing.downloads.enabled":          false,
	"browser.safebrowsing.malware.enabled":            false,
	"browser.safebrowsing.phishing.enabled":           false,
	"browser.safebrowsing.provider.google.updateURL":  "",
	"browser.safebrowsing.provider.google4.updateURL": "",
	"browser.search.update":                           false,
	"browser.shell.checkDefaultBrowser":               false,
	"browser.startup.homepage":                        "about:blank",
	"browser.startup.homepage_override.mstone":        "ignore",
	"browser.startup.page":                            0,
	"browser.tabs.warnOnClose":                        false,
	"browser.topsites.contile.enabled":                false,
	"captivedetect.canonicalURL":                      "",
	"datareporting.healthreport.uploadEnabled":        false,
	"datareporting.policy.dataSubmissionEnabled":      false,
	"extensions.blocklist.enabled":                    false,
	"extensions.getAddons.cache.enabled":              false,
	"extensions.update.enabled":                       false,
	"extensions.update.autoUpdateDefault":             false,
	"messaging-system.rsexperimentloader.enabled":     false,
	"network.captive-portal-service.enabled":          false,
	"network.connectivity-service.enabled":            false,
	"network.dns.disablePrefetch":                     true,
	"network.http.speculative-parallel-limit":         0,
	"network.prefetch-next":                           false,
	"services.settings.server":                        "data:,#remote-settings-dummy/v1",
	"startup.homepage_welcome_url":                    "about:blank",
	"startup.homepage_welcome_url.additional":         "",
	"toolkit.telemetry.enabled":                       false,
	"toolkit.telemetry.server":                        "",
	"toolkit.telemetry.unified":                       false,
}

// Firefox is a headless Firefox ESR driven over Marionette, started by
// [StartFirefox] or [NewFirefox]. Its methods are safe for concurrent use, but
// they take turns: a Marionette session has one current window.
type Firefox struct {
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the process has exited
	out     *lockedBuffer
	calls   *consoleCalls // the console calls of pages, from standard output
	profile string
	ownDir  string // a directory to remove on Close, or ""
	m       *marionette

	closeOnce sync.Once
	closeErr  error

	mu   sync.Mutex // serialises the command sequences of the methods
	home string     // handle of the first window, current between calls
}

// Addon is a temporarily installed Firefox add-on.
type Addon struct {
	// ID is the add-on id, from browser_specific_settings.gecko.id or
	// made up by Firefox.
	ID string
	// UUID is the host name of the add-on's moz-extension:// URLs.
	UUID string
}

// URL returns the moz-extension:// URL of the file at path in the add-on,
// such as a.URL("popup.html").
func (a Addon) URL(path string) string {
	return "moz-extension://" + a.UUID + "/" + strings.TrimPrefix(path, "/")
}

// FirefoxOptions configure [LaunchFirefox].
type FirefoxOptions struct {
	// Binary is the browser's executable; "" looks [FirefoxBinary] up on
	// PATH.
	Binary string
	// Profile is the profile directory, kept on Close (its user.js is
	// rewritten); "" makes a new temporary directory that Close removes.
	Profile string
	// Headless runs the browser without a window.
	Headless bool
}

// LaunchFirefox starts Firefox ESR with Marionette on a free loopback port,
// and opens a Marionette session. When the binary is missing, the error
// wraps [exec.ErrNotFound]. The caller must call [Firefox.Close]. The start
// takes about one and a half seconds.
func LaunchFirefox(opts FirefoxOptions) (*Firefox, error) {
	bin, profile, ownDir, err := prepare(opts.Binary, FirefoxBinary, opts.Profile, "webext-shim-firefox-")
	if err != nil {
		return nil, err
	}
	opts.Binary, opts.Profile = bin, profile
	f, err := startFirefox(opts)
	if f == nil {
		if ownDir != "" {
			os.RemoveAll(ownDir)
		}
		return nil, err
	}
	f.ownDir = ownDir
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// startFirefox starts the browser. When it returns a Firefox, with or without
// an error, the caller must close it.
func startFirefox(opts FirefoxOptions) (*Firefox, error) {
	profile := opts.Profile
	if err := os.MkdirAll(profile, 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), userJS(firefoxPrefs), 0o600); err != nil {
		return nil, err
	}

	f := &Firefox{out: new(lockedBuffer), calls: new(consoleCalls), profile: profile, exited: make(chan struct{})}
	args := []string{"--profile", profile, "--marionette", "--remote-allow-system-access", "--no-remote"}
	if opts.Headless {
		args = append([]string{"--headless"}, args...)
	}
	f.cmd = exec.Command(opts.Binary, args...)
	f.cmd.Stdout = io.MultiWriter(f.out, f.calls)
	f.cmd.Stderr = f.out
	f.cmd.Env = append(os.Environ(),
		"MOZ_CRASHREPORTER_DISABLE=1",
		"MOZ_DISABLE_AUTO_SAFE_MODE=1",
	)
	setProcessGroup(f.cmd)
	// The kernel kills the browser when the thread that started it ends
	// (Pdeathsig), so start and wait on one locked thread.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := f.cmd.Start()
		started <- err
		if err == nil {
			f.cmd.Wait()
			close(f.exited)
		}
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("starting firefox: %w", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), firefoxStartTimeout)
	defer cancel()
	if err := f.connect(ctx); err != nil {
		return f, fmt.Errorf("starting firefox: %w%s", err, f.out.tail())
	}
	return f, nil
}

// userJS writes prefs in the syntax of user.js, sorted by name.
func userJS(prefs map[string]any) []byte {
	names := make([]string, 0, len(prefs))
	for name := range prefs {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		v, _ := json.Marshal(prefs[name])
		fmt.Fprintf(&b, "user_pref(%q, %s);\n", name, v)
	}
	return []byte(b.String())
}

// connect waits for the Marionette port, connects, and opens a session.
func (f *Firefox) connect(ctx context.Context) error {
	portFile := filepath.Join(f.profile, "MarionetteActivePort")
	var port int
	for {
		if b, err := os.ReadFile(portFile); err == nil {
			if p, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && p > 0 {
				port = p
				break
			}
		}
		select {
		case <-f.exited:
			return fmt.Errorf("firefox exited: %v", f.cmd.ProcessState)
		case <-ctx.Done():
			return fmt.Errorf("waiting for %q: %w", portFile, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
	m, err := dialMarionette(ctx, net127(port))
	if err != nil {
		return err
	}
	f.m = m
	if _, err := m.call(ctx, "WebDriver:NewSession", map[string]any{"capabilities": map[string]any{}}); err != nil {
		return err
	}
	home, err := f.currentWindow(ctx)
	if err != nil {
		return err
	}
	f.home = home
	return nil
}

// net127 returns the loopback address with the port.
func net127(port int) string {
	return "127.0.0.1:" + strconv.Itoa(port)
}

// Close ends the session and the browser, and every process that it
// started, and removes what NewFirefox made. It is safe to call more than
// once.
func (f *Firefox) Close() error {
	f.closeOnce.Do(func() { f.closeErr = f.stop() })
	return f.closeErr
}

// stop does the work of Close.
func (f *Firefox) stop() error {
	if f.m != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		f.m.call(ctx, "Marionette:Quit", map[string]any{"flags": []string{"eForceQuit"}})
		cancel()
		f.m.close()
	}
	select {
	case <-f.exited:
	case <-time.After(5 * time.Second):
		f.cmd.Process.Kill()
		<-f.exited
	}
	// Content processes can outlive the main process for a moment, and
	// the profile is about to be removed.
	killProcessGroup(f.cmd)
	if f.ownDir != "" {
		return os.RemoveAll(f.ownDir)
	}
	return nil
}

// Command sends the raw Marionette command name with params (nil for none),
// such as "WebDriver:GetWindowHandles", and returns the result as JSON. The
// other methods expect the content context and the first window to be
// current, so a caller that changes them must change them back.
func (f *Firefox) Command(ctx context.Context, name string, params any) (json.RawMessage, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.m.call(ctx, name, params)
}

// value returns the "value" member of a result.
func value(res json.RawMessage) json.RawMessage {
	var v struct {
		Value json.RawMessage `json:"value"`
	}
	if json.Unmarshal(res, &v) != nil || v.Value == nil {
		return json.RawMessage("null")
	}
	return v.Value
}

// currentWindow returns the handle of the current window.
func (f *Firefox) currentWindow(ctx context.Context) (string, error) {
	res, err := f.m.call(ctx, "WebDriver:GetWindowHandle", nil)
	if err != nil {
		return "", err
	}
	var h string
	if err := json.Unmarshal(value(res), &h); err != nil {
		return "", fmt.Errorf("unexpected window handle %q: %w", res, err)
	}
	return h, nil
}

// windowHandles returns the handles of the open windows.
func (f *Firefox) windowHandles(ctx context.Context) ([]string, error) {
	res, err := f.m.call(ctx, "WebDriver:GetWindowHandles", nil)
	if err != nil {
		return nil, err
	}
	var hs []string
	if err := json.Unmarshal(res, &hs); err != nil {
		if err := json.Unmarshal(value(res), &hs); err != nil {
			return nil, fmt.Errorf("unexpected window handles %q: %w", res, err)
		}
	}
	return hs, nil
}

// setContext makes "chrome" or "content" the context of the commands.
func (f *Firefox) setContext(ctx context.Context, which string) error {
	_, err := f.m.call(ctx, "Marionette:SetContext", map[string]any{"value": which})
	return err
}

// setScriptTimeout makes the script timeout end at the deadline of ctx.
func (f *Firefox) setScriptTimeout(ctx context.Context) error {
	ms := int64(defaultTimeout / time.Millisecond)
	if d, ok := ctx.Deadline(); ok {
		ms = max(time.Until(d).Milliseconds(), 1)
	}
	_, err := f.m.call(ctx, "WebDriver:SetTimeouts", map[string]any{"script": ms})
	return err
}

// executeAsync runs an async script in the current context with args, and
// returns the value that it resolved.
func (f *Firefox) executeAsync(ctx context.Context, script string, args ...any) (json.RawMessage, error) {
	if err := f.setScriptTimeout(ctx); err != nil {
		return nil, err
	}
	if args == nil {
		args = []any{}
	}
	res, err := f.m.call(ctx, "WebDriver:ExecuteAsyncScript", map[string]any{"script": script, "args": args})
	if err != nil {
		return nil, err
	}
	return value(res), nil
}

// installScript runs in chrome context after Addon:Install. It grants the
// add-on private browsing when asked, reloads it so that the grant takes
// effect, and resolves the add-on's UUID once its background page runs.
const installScript = `
const [id, allowPrivate, resolve] = arguments;
(async () => {
  if (allowPrivate) {
    const { ExtensionPermissions } = ChromeUtils.importESModule("resource://gre/modules/ExtensionPermissions.sys.mjs");
    const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
    await ExtensionPermissions.add(id, {permissions: ["internal:privateBrowsingAllowed"], origins: []});
    const addon = await AddonManager.getAddonByID(id);
    await addon.reload();
  }
  for (;;) {
    const policy = WebExtensionPolicy.getByID(id);
    const ext = policy && policy.extension;
    if (policy && policy.active && ext && (!allowPrivate || policy.privateBrowsingAllowed) &&
        (!ext.manifest.background || ext.backgroundState === undefined || ext.backgroundState === "running")) {
      resolve({uuid: policy.mozExtensionHostname});
      return;
    }
    await new Promise(r => setTimeout(r, 20));
  }
})().catch(e => resolve({error: String(e) + "\n" + (e && e.stack || "")}));
`

// InstallAddon installs the unpacked extension in dir as a temporary add-on
// and waits until it runs. Give the extension an id in
// browser_specific_settings.gecko.id to know it in advance.
//
// A temporary add-on may not run in private windows. When allowPrivate is
// true, InstallAddon grants it that permission, as the user would in the
// add-on manager, and reloads it. When ctx has no deadline, a deadline of 30
// seconds applies.
func (f *Firefox) InstallAddon(ctx context.Context, dir string, allowPrivate bool) (Addon, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Addon{}, fmt.Errorf("installing the add-on in %q: %w", dir, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()

	res, err := f.m.call(ctx, "Addon:Install", map[string]any{"path": abs, "temporary": true})
	if err != nil {
		return Addon{}, fmt.Errorf("installing the add-on in %q: %w", dir, err)
	}
	var id string
	if err := json.Unmarshal(value(res), &id); err != nil || id == "" {
		return Addon{}, fmt.Errorf("installing the add-on in %q: unexpected result %q", dir, res)
	}

	if err := f.setContext(ctx, "chrome"); err != nil {
		return Addon{}, fmt.Errorf("installing the add-on in %q: %w", dir, err)
	}
	out, err := f.executeAsync(ctx, installScript, id, allowPrivate)
	if cerr := f.setContext(ctx, "content"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return Addon{}, fmt.Errorf("setting up the add-on %q: %w", id, err)
	}
	var got struct {
		UUID  string `json:"uuid"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		return Addon{}, fmt.Errorf("setting up the add-on %q: unexpected result %q", id, out)
	}
	if got.Error != "" {
		return Addon{}, fmt.Errorf("setting up the add-on %q: %s", id, got.Error)
	}
	return Addon{ID: id, UUID: got.UUID}, nil
}

// asyncWrapper turns the script of a caller into the body of an async
// function with the parameters resolve and page, and reports what it throws.
const asyncWrapper = `
const __browsertestDone = arguments[arguments.length - 1];
(async (resolve, page) => {
%s
})(__browsertestDone, window.wrappedJSObject || window).then(
  v => { if (v !== undefined) __browsertestDone(v); },
  e => __browsertestDone({"__browsertestError": String(e) + (e && e.stack ? "\n" + e.stack : "")}));
`

// EvalInPage opens a new window, private when private is true, at rawURL,
// waits for the page to load, runs asyncScript there, closes the window, and
// returns the result as JSON. rawURL is for example addon.URL("popup.html") or
// the address of a page of [ServeDir]. An extension page in a private window
// gets the extension API only when the add-on was installed with
// allowPrivate; without, it loads with no browser object.
//
// asyncScript is the body of an async function with two parameters, resolve
// and page, that Marionette runs once the page has loaded. It may await, and
// it ends by calling resolve(value) or by returning a value other than
// undefined; an exception or a rejected promise is an error. page is the
// page's own global object, so page.browser is the extension API of an
// extension page (window.wrappedJSObject where Marionette's sandbox puts X-ray
// wrappers around the page, else window itself; Firefox ESR 153 puts none). For
// example:
//
//	const bg = page.browser.extension.getBackgroundPage();
//	resolve(bg ? bg.foo() : null);
//
// The value goes through Marionette's serialisation; resolve a string made
// with JSON.stringify, and decode it twice, when it is not plain data. When ctx
// has no deadline, a deadline of 30 seconds applies.
func (f *Firefox) EvalInPage(ctx context.Context, rawURL string, private bool, asyncScript string) (json.RawMessage, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()

	handle, err := f.openWindow(ctx, rawURL, private)
	if err != nil {
		return nil, err
	}
	v, err := f.evalInWindow(ctx, handle, rawURL, asyncScript)
	// Close the window even when ctx has ended.
	cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer ccancel()
	if cerr := f.closeWindow(cctx, handle); cerr != nil && err == nil {
		return nil, cerr
	}
	return v, err
}

// openWindowScript runs in chrome context. It opens a browser window that
// loads the URL as its first page, and waits until the load has ended. (A
// window opened on its home page and sent elsewhere with WebDriver:Navigate
// can load the home page last.)
const openWindowScript = `
const [url, isPrivate, resolve] = arguments;
(async () => {
  const args = Cc["@mozilla.org/supports-string;1"].createInstance(Ci.nsISupportsString);
  args.data = url;
  const win = OpenBrowserWindow({private: isPrivate, args});
  await new Promise(done => {
    const observer = subject => {
      if (subject === win) {
        Services.obs.removeObserver(observer, "browser-delayed-startup-finished");
        done();
      }
    };
    Services.obs.addObserver(observer, "browser-delayed-startup-finished");
  });
  const browser = win.gBrowser.selectedBrowser;
  while (browser.webProgress.isLoadingDocument ||
         (browser.currentURI.spec === "about:blank" && url !== "about:blank")) {
    await new Promise(r => win.setTimeout(r, 10));
  }
  resolve({url: browser.currentURI.spec});
})().catch(e => resolve({error: String(e)}));
`

// openWindow opens a browser window at rawURL, waits for the page to load,
// and returns the handle of its tab. It leaves the content context current.
func (f *Firefox) openWindow(ctx context.Context, rawURL string, private bool) (string, error) {
	before, err := f.windowHandles(ctx)
	if err != nil {
		return "", fmt.Errorf("opening a window: %w", err)
	}
	if err := f.setContext(ctx, "chrome"); err != nil {
		return "", fmt.Errorf("opening a window: %w", err)
	}
	res, err := f.executeAsync(ctx, openWindowScript, rawURL, private)
	if cerr := f.setContext(ctx, "content"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("opening a window at %q: %w", rawURL, err)
	}
	var opened struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(res, &opened) != nil || opened.Error != "" {
		return "", fmt.Errorf("opening a window at %q: unexpected result %q", rawURL, res)
	}
	for {
		after, err := f.windowHandles(ctx)
		if err != nil {
			return "", fmt.Errorf("opening a window: %w", err)
		}
		for _, h := range after {
			if !slices.Contains(before, h) {
				return h, nil
			}
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("opening a window: no new window: %w", ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// evalInWindow runs the script in the window, which shows rawURL.
func (f *Firefox) evalInWindow(ctx context.Context, handle, rawURL, asyncScript string) (json.RawMessage, error) {
	if _, err := f.m.call(ctx, "WebDriver:SwitchToWindow", map[string]any{"handle": handle, "focus": true}); err != nil {
		return nil, fmt.Errorf("switching to the new window: %w", err)
	}
	v, err := f.executeAsync(ctx, fmt.Sprintf(asyncWrapper, asyncScript))
	if err != nil {
		return nil, fmt.Errorf("running the script in %q: %w", rawURL, err)
	}
	var failure struct {
		Error *string `json:"__browsertestError"`
	}
	if json.Unmarshal(v, &failure) == nil && failure.Error != nil {
		return nil, fmt.Errorf("running the script in %q: %s", rawURL, *failure.Error)
	}
	return v, nil
}

// closeWindow closes the window of the tab handle and makes the first window
// current again.
func (f *Firefox) closeWindow(ctx context.Context, handle string) error {
	var errs []error
	if _, err := f.m.call(ctx, "WebDriver:SwitchToWindow", map[string]any{"handle": handle}); err == nil {
		if _, err := f.m.call(ctx, "WebDriver:CloseWindow", nil); err != nil {
			errs = append(errs, err)
		}
	}
	if _, err := f.m.call(ctx, "WebDriver:SwitchToWindow", map[string]any{"handle": f.home}); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("closing the window: %w", err)
	}
	return nil
}
