package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// ConsoleMessage is an error or warning that Firefox logged about an add-on:
// an uncaught exception or unhandled rejection of one of its pages, a
// console.error call there, or a warning of the add-on's manifest.
type ConsoleMessage struct {
	// Level is "error" or "warning".
	Level string `json:"level"`
	// Kind is "script" for a message of the console service (exceptions,
	// rejections, the browser's own errors about the add-on's files) and
	// "console" for a console.error or console.warn call. A console call
	// has no Source or Category: Firefox prints it on standard output
	// without its page (see consoleCalls), so it is the add-on's only when
	// one add-on runs at a time.
	Kind string `json:"kind"`
	// Category is the console service's category, such as "content
	// javascript" or "chrome javascript", or "" for a console call.
	Category string `json:"category,omitempty"`
	// Message is the text, as the browser console shows it.
	Message string `json:"message"`
	// Source is the file the message is about, when known, with its
	// 1-based Line and Column.
	Source string `json:"source,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Time is when the browser logged it.
	Time time.Time `json:"time"`
}

// addonMessagesScript runs in chrome context. It returns the errors and
// warnings of the console service logged from the time since (milliseconds
// since the epoch) on that belong to the add-on: those whose text or source
// names its moz-extension:// host or its id.
const addonMessagesScript = `
const [uuid, id, since, resolve] = arguments;
const mine = (...texts) => texts.some(t => typeof t === "string" && (t.includes(uuid) || t.includes(id)));
const out = [];
for (const m of Services.console.getMessageArray() || []) {
  if (!(m instanceof Ci.nsIScriptError) || m.timeStamp < since) {
    continue;
  }
  const warning = (m.flags & Ci.nsIScriptError.warningFlag) !== 0 || (m.flags & Ci.nsIScriptError.infoFlag) !== 0;
  if (!mine(m.errorMessage, m.sourceName)) {
    continue;
  }
  out.push({level: warning ? "warning" : "error", kind: "script", category: m.category || "",
    message: m.errorMessage, source: m.sourceName || "", line: m.lineNumber || 0, column: m.columnNumber || 0, t: m.timeStamp});
}
out.sort((a, b) => a.t - b.t);
resolve(out);
`

// AddonMessages returns the errors and warnings that Firefox logged about
// the add-on since the time since, oldest first: uncaught exceptions and
// unhandled rejections of its background and pages, errors the browser
// logged about its files, and the console.error and console.warn calls of
// every page since then (run one add-on at a time to keep them apart). The
// warnings of its manifest are [Firefox.AddonWarnings]. When ctx has no
// deadline, a deadline of 30 seconds applies.
func (f *Firefox) AddonMessages(ctx context.Context, addon Addon, since time.Time) ([]ConsoleMessage, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.setContext(ctx, "chrome"); err != nil {
		return nil, fmt.Errorf("reading the console: %w", err)
	}
	res, err := f.executeAsync(ctx, addonMessagesScript, addon.UUID, addon.ID, since.UnixMilli())
	if cerr := f.setContext(ctx, "content"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("reading the console about %q: %w", addon.ID, err)
	}
	var raw []struct {
		ConsoleMessage
		T float64 `json:"t"`
	}
	if err := json.Unmarshal(res, &raw); err != nil {
		return nil, fmt.Errorf("reading the console about %q: unexpected result %q", addon.ID, res)
	}
	msgs := make([]ConsoleMessage, 0, len(raw))
	for _, r := range raw {
		m := r.ConsoleMessage
		m.Time = time.UnixMilli(int64(r.T))
		msgs = append(msgs, m)
	}
	for _, call := range f.calls.since(since) {
		msgs = append(msgs, ConsoleMessage{Level: call.level, Kind: "console", Message: call.text, Time: call.time})
	}
	slices.SortStableFunc(msgs, func(a, b ConsoleMessage) int { return a.Time.Compare(b.Time) })
	return msgs, nil
}

// UninstallAddon removes the add-on with the id. When ctx has no deadline, a
// deadline of 30 seconds applies.
func (f *Firefox) UninstallAddon(ctx context.Context, id string) error {
	if _, err := f.Command(ctx, "Addon:Uninstall", map[string]any{"id": id}); err != nil {
		return fmt.Errorf("uninstalling the add-on %q: %w", id, err)
	}
	return nil
}

// backgroundStateScript runs in chrome context and resolves the state of the
// add-on's background: "running", another state of Firefox's (such as
// "stopped" or "suspending"), "none" when the add-on has no background, or
// "gone" when it is not installed.
const backgroundStateScript = `
const [id, resolve] = arguments;
const policy = WebExtensionPolicy.getByID(id);
const ext = policy && policy.extension;
if (!ext) {
  resolve("gone");
} else if (!ext.manifest.background) {
  resolve("none");
} else {
  resolve(String(ext.backgroundState ?? "running"));
}
`

// BackgroundState returns the state of the add-on's background: "running",
// another state of Firefox's such as "stopped", "none" when the add-on has
// no background, or "gone" when it is not installed. When ctx has no
// deadline, a deadline of 30 seconds applies.
func (f *Firefox) BackgroundState(ctx context.Context, id string) (string, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.setContext(ctx, "chrome"); err != nil {
		return "", fmt.Errorf("reading the background state: %w", err)
	}
	res, err := f.executeAsync(ctx, backgroundStateScript, id)
	if cerr := f.setContext(ctx, "content"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("reading the background state of %q: %w", id, err)
	}
	var state string
	if err := json.Unmarshal(res, &state); err != nil {
		return "", fmt.Errorf("reading the background state of %q: unexpected result %q", id, res)
	}
	return state, nil
}

// addonWarningsScript runs in chrome context and resolves the warnings
// Firefox gave about the add-on's manifest when it loaded it (those that
// about:debugging shows), or null when the add-on is not installed.
const addonWarningsScript = `
const [id, resolve] = arguments;
const policy = WebExtensionPolicy.getByID(id);
const ext = policy && policy.extension;
resolve(ext ? Array.from(ext.warnings || [], String) : null);
`

// AddonWarnings returns the warnings Firefox gave about the add-on's
// manifest when it loaded it, such as "Reading manifest: Warning processing
// permissions: Invalid extension permission: sidePanel". When ctx has no
// deadline, a deadline of 30 seconds applies.
func (f *Firefox) AddonWarnings(ctx context.Context, id string) ([]string, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.setContext(ctx, "chrome"); err != nil {
		return nil, fmt.Errorf("reading the warnings: %w", err)
	}
	res, err := f.executeAsync(ctx, addonWarningsScript, id)
	if cerr := f.setContext(ctx, "content"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("reading the warnings of %q: %w", id, err)
	}
	var warnings *[]string
	if err := json.Unmarshal(res, &warnings); err != nil {
		return nil, fmt.Errorf("reading the warnings of %q: unexpected result %q", id, res)
	}
	if warnings == nil {
		return nil, fmt.Errorf("reading the warnings of %q: the add-on is not installed", id)
	}
	return *warnings, nil
}
