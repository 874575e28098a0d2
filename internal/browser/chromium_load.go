package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/extensions"
	"github.com/chromedp/chromedp"
)

// LoadExtension loads the unpacked extension in dir into the running
// browser, as [StartChromium] does with its directories, and returns its id.
// When the extension has a service worker, it waits until the worker has run
// its script and a turn of its event loop, or until the worker has failed; a
// worker that never runs is not an error here ([Chromium.BackgroundRunning]
// tells). The error carries Chromium's reason when the extension does not
// load, such as a manifest error. When ctx has no deadline, a deadline of 30
// seconds applies.
func (c *Chromium) LoadExtension(ctx context.Context, dir string) (string, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("extension directory %q: %w", dir, err)
	}
	rctx, stop := join(c.ctx, ctx)
	defer stop()
	res, err := chromedp.CallBrowser(rctx, extensions.LoadUnpacked, extensions.LoadUnpackedParams{Path: abs})
	if err != nil {
		return "", fmt.Errorf("loading the extension in %q: %w", dir, err)
	}
	c.mu.Lock()
	c.ids[abs] = res.ID
	c.mu.Unlock()
	if hasServiceWorker(abs) {
		c.waitForWorker(ctx, res.ID)
	}
	return res.ID, nil
}

// waitForWorker waits until the service worker of the extension has run its
// script and a turn of its event loop, has failed, or ctx has ended.
func (c *Chromium) waitForWorker(ctx context.Context, id string) {
	for {
		state, _ := c.workerState(id)
		if state == workerRunning || state == workerFailed || ctx.Err() != nil {
			break
		}
		time.Sleep(pollInterval)
	}
	w, err := c.serviceWorker(ctx, id)
	if err != nil {
		return // the callers see it when they use the worker
	}
	rctx, stop := join(w.ctx, ctx)
	defer stop()
	chromedp.Run(rctx, chromedp.Evaluate[chromedp.Void]("new Promise(r => setTimeout(r, 0))", chromedp.EvalAwaitPromise))
}

// UninstallExtension removes the extension with the id from the browser,
// with the protocol command Extensions.uninstall. Its recorded errors stay
// available from [Chromium.Errors].
func (c *Chromium) UninstallExtension(ctx context.Context, id string) error {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	rctx, stop := join(c.ctx, ctx)
	defer stop()
	if _, err := chromedp.CallBrowser(rctx, extensions.Uninstall, extensions.UninstallParams{ID: id}); err != nil {
		return fmt.Errorf("uninstalling the extension %q: %w", id, err)
	}
	return nil
}

// BackgroundRunning reports whether the service worker of the extension has
// run its script: its latest version is running, or was running and has
// stopped since. It is false for an extension without a service worker, or
// whose worker failed to register or start.
func (c *Chromium) BackgroundRunning(id string) bool {
	state, _ := c.workerState(id)
	return state == workerRunning || state == workerStopped
}

// ExtensionMessages are what Chromium's extensions page (chrome://extensions)
// knows of an extension beyond the errors of its scripts. Chromium 156 lists
// a manifest's warnings, such as "Permission 'menus' is unknown.", and a
// failed service worker registration ("Service worker registration failed.
// Status code: 15") among the manifest errors.
type ExtensionMessages struct {
	// InstallWarnings are the install warnings of the load.
	InstallWarnings []string `json:"installWarnings,omitempty"`
	// ManifestErrors are the errors and warnings about the manifest the
	// extension loaded with, and about its registration.
	ManifestErrors []string `json:"manifestErrors,omitempty"`
	// RuntimeErrors are the errors the extensions page recorded, such as a
	// failed service worker registration, each as "CONTEXT: MESSAGE (SOURCE)".
	RuntimeErrors []string `json:"runtimeErrors,omitempty"`
}

// extensionInfoScript runs in chrome://extensions, where the
// developerPrivate API lives. It turns on developer mode (under which the
// page records runtime errors; it does so from then on) and reads what the
// page knows of the extension %s.
const extensionInfoScript = `(async () => {
  await chrome.developerPrivate.updateProfileConfiguration({inDeveloperMode: true});
  const info = await chrome.developerPrivate.getExtensionInfo(%s);
  return {
    installWarnings: info.installWarnings || [],
    manifestErrors: (info.manifestErrors || []).map(e => e.message),
    runtimeErrors: (info.runtimeErrors || []).map(e => (e.contextUrl || e.source) + ": " + e.message + (e.source ? " (" + e.source + ")" : "")),
  };
})()`

// ExtensionMessages returns the install warnings, manifest errors and
// runtime errors that Chromium's extensions page holds for the extension with
// the id. Runtime errors are recorded only from the first call on (it turns
// on developer mode), so call it once right after the load, and again at the
// end. When ctx has no deadline, a deadline of 30 seconds applies.
func (c *Chromium) ExtensionMessages(ctx context.Context, id string) (ExtensionMessages, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	tab, closeTab := chromedp.NewContext(c.ctx)
	defer closeTab()
	rctx, stop := join(tab, ctx)
	defer stop()
	arg, _ := json.Marshal(id)
	var msgs ExtensionMessages
	if err := chromedp.Do(rctx, chromedp.Navigate("chrome://extensions/")); err != nil {
		return msgs, fmt.Errorf("opening the extensions page: %w", err)
	}
	v, err := chromedp.Run(rctx, evalJSON(fmt.Sprintf(extensionInfoScript, arg)))
	if err != nil {
		return msgs, fmt.Errorf("reading the extensions page about %q: %w", id, err)
	}
	if err := json.Unmarshal(v, &msgs); err != nil {
		return msgs, fmt.Errorf("reading the extensions page about %q: %w", id, err)
	}
	return msgs, nil
}
