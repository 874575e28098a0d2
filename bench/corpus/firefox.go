package corpus

import (
	"context"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// loadInFirefox installs dir as a temporary add-on into the running
// Firefox, lets its background run, opens each page for a moment in a
// window, reads the errors, and uninstalls it. ok is false when the browser
// may be left in a bad state (an add-on that did not install cleanly may
// still be there), and the caller should start a new one.
func loadInFirefox(ctx context.Context, f *browsertest.Firefox, dir string, opts Options) (load *Load, ok bool) {
	load = &Load{Dir: dir}
	m, err := ReadManifest(dir)
	if err != nil {
		load.Error = err.Error()
		return load, true
	}
	since := time.Now()
	ictx, cancel := context.WithTimeout(ctx, 20*time.Second)
	addon, err := f.InstallAddon(ictx, dir, false)
	cancel()
	if err != nil {
		// Addon:Install refused the add-on ("installing the add-on in
		// DIR: ..."), or installed it and it did not start ("setting up
		// the add-on ID: ..."): only the latter leaves it in the browser.
		refused := "installing the add-on in " + strconv.Quote(dir) + ":"
		load.Error = strings.TrimSpace(strings.TrimPrefix(err.Error(), refused))
		return load, strings.HasPrefix(err.Error(), refused)
	}
	load.Loaded = true
	defer func() {
		uctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := f.UninstallAddon(uctx, addon.ID); err != nil {
			ok = false
		}
		cancel()
	}()
	sleep(ctx, opts.BackgroundWait)

	type window struct{ from, to time.Time }
	contexts := []Context{{Name: "manifest"}, {Name: "background"}}
	windows := []window{{}, {}}
	wait := strconv.FormatInt(opts.PageWait.Milliseconds(), 10)
	for _, p := range m.Pages {
		pc := Context{Name: p.Role, Path: p.Path}
		from := time.Now()
		pctx, cancel := context.WithTimeout(ctx, opts.PageWait+15*time.Second)
		_, err := f.EvalInPage(pctx, addon.URL(p.Path), false, "await new Promise(r => setTimeout(r, "+wait+")); resolve(true);")
		cancel()
		if err != nil && strings.HasPrefix(err.Error(), "opening ") {
			pc.OpenError = err.Error()
		}
		contexts = append(contexts, pc)
		windows = append(windows, window{from, time.Now()})
	}

	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	state, err := f.BackgroundState(sctx, addon.ID)
	cancel()
	switch {
	case m.Background == "none" || state == "none":
		load.Background = "none"
	case err == nil && state == "running":
		load.Background = "started"
	default:
		load.Background = "failed"
	}

	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	warnings, err := f.AddonWarnings(wctx, addon.ID)
	cancel()
	if err != nil {
		load.Notes = append(load.Notes, err.Error())
	}
	for _, w := range warnings {
		contexts[0].Errors = append(contexts[0].Errors, Message{Level: "warning", Text: w})
	}

	mctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	msgs, err := f.AddonMessages(mctx, addon, since)
	cancel()
	if err != nil {
		load.Notes = append(load.Notes, err.Error())
	}
	bgScripts := map[string]bool{}
	for _, s := range m.BackgroundScripts {
		bgScripts[strings.TrimPrefix(s, "/")] = true
	}
	for _, msg := range msgs {
		i := 1
		if !bgScripts[extensionPath(msg.Source)] {
			for j := len(windows) - 1; j >= 2; j-- {
				// Console lines arrive a moment after the call.
				if !msg.Time.Before(windows[j].from) && !msg.Time.After(windows[j].to.Add(100*time.Millisecond)) {
					i = j
					break
				}
			}
		}
		contexts[i].Errors = append(contexts[i].Errors, Message{Level: msg.Level, Text: msg.Message, Source: msg.Source, Line: msg.Line, Column: msg.Column})
	}
	load.Contexts = contexts
	return load, true
}

// extensionPath returns the path inside the extension of a moz-extension://
// URL, or "".
func extensionPath(url string) string {
	rest, ok := strings.CutPrefix(url, "moz-extension://")
	if !ok {
		return ""
	}
	_, p, _ := strings.Cut(rest, "/")
	return path.Clean(p)
}
