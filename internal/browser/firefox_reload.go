package browser

import (
	"context"
	"encoding/json"
	"fmt"
)

// Done returns a channel that is closed when the browser process has
// exited: closed by [Firefox.Close], closed by the user, or crashed.
func (f *Firefox) Done() <-chan struct{} {
	return f.exited
}

// OpenWindow opens a new window, private when private is true, at rawURL,
// waits for the page to load and leaves the window open. When ctx has no
// deadline, a deadline of 30 seconds applies.
func (f *Firefox) OpenWindow(ctx context.Context, rawURL string, private bool) error {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()
	_, err := f.openWindow(ctx, rawURL, private)
	return err
}

// reloadScript runs in chrome context. It notes the tabs that show pages of
// the add-on, reloads the add-on from its directory, waits until it runs
// again, and opens again, in the window that showed them, the pages whose
// tabs the reload closed. It resolves the URLs of those pages.
const reloadScript = `
const [id, resolve] = arguments;
(async () => {
  const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
  const before = WebExtensionPolicy.getByID(id);
  const prefix = before ? "moz-extension://" + before.mozExtensionHostname + "/" : null;
  const open = [];
  for (const win of Services.wm.getEnumerator("navigator:browser")) {
    for (const tab of win.gBrowser.tabs) {
      const url = tab.linkedBrowser.currentURI.spec;
      if (prefix && url.startsWith(prefix)) open.push({win, url});
    }
  }
  const addon = await AddonManager.getAddonByID(id);
  if (!addon) throw new Error("the add-on is not installed");
  await addon.reload();
  for (;;) {
    const policy = WebExtensionPolicy.getByID(id);
    const ext = policy && policy.extension;
    if (policy && policy.active && ext &&
        (!ext.manifest.background || ext.backgroundState === undefined || ext.backgroundState === "running")) {
      break;
    }
    await new Promise(r => setTimeout(r, 20));
  }
  const reopened = [];
  for (const {win, url} of open) {
    if (win.closed) continue;
    const still = win.gBrowser.tabs.some(t => t.linkedBrowser.currentURI.spec === url);
    if (!still) {
      win.gBrowser.addTab(url, {triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()});
      reopened.push(url);
    }
  }
  resolve({reopened});
})().catch(e => resolve({error: String(e) + "\n" + (e && e.stack || "")}));
`

// ReloadAddon reloads the temporary add-on with the id from its directory,
// as about:debugging's Reload button does, waits until it runs again, and
// opens again the add-on's pages whose tabs the reload closed. It returns
// the URLs of those pages. When ctx has no deadline, a deadline of 30
// seconds applies.
func (f *Firefox) ReloadAddon(ctx context.Context, id string) ([]string, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.setContext(ctx, "chrome"); err != nil {
		return nil, fmt.Errorf("reloading the add-on %q: %w", id, err)
	}
	res, err := f.executeAsync(ctx, reloadScript, id)
	if cerr := f.setContext(ctx, "content"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("reloading the add-on %q: %w", id, err)
	}
	var got struct {
		Reopened []string `json:"reopened"`
		Error    string   `json:"error"`
	}
	if err := json.Unmarshal(res, &got); err != nil {
		return nil, fmt.Errorf("reloading the add-on %q: unexpected result %q", id, res)
	}
	if got.Error != "" {
		return nil, fmt.Errorf("reloading the add-on %q: %s", id, got.Error)
	}
	return got.Reopened, nil
}
