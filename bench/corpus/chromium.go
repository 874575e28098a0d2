package corpus

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// chromiumPlace matches the place at the end of a message of
// browsertest.Chromium.Errors: " (URL:LINE)".
var chromiumPlace = regexp.MustCompile(`^(.*) \((\S+):(\d+)\)$`)

// loadInChromium loads dir into the running Chromium, lets its service
// worker run, opens each page for a moment, reads the errors, and
// uninstalls it.
func loadInChromium(ctx context.Context, c *browsertest.Chromium, dir string, opts Options) *Load {
	load := &Load{Dir: dir}
	m, err := ReadManifest(dir)
	if err != nil {
		load.Error = err.Error()
		return load
	}
	lctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	id, err := c.LoadExtension(lctx, dir)
	cancel()
	if err != nil {
		load.Error = strings.TrimSpace(strings.TrimPrefix(err.Error(), "loading the extension in "+strconvQuote(dir)+":"))
		return load
	}
	load.Loaded = true
	defer func() {
		uctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c.UninstallExtension(uctx, id)
		cancel()
	}()
	sleep(ctx, opts.BackgroundWait)

	contexts := []Context{{Name: "manifest"}, {Name: "background"}}
	byURL := map[string]int{}
	for _, p := range m.Pages {
		url := "chrome-extension://" + id + "/" + p.Path
		pc := Context{Name: p.Role, Path: p.Path}
		pctx, cancel := context.WithTimeout(ctx, opts.PageWait+15*time.Second)
		wait := strconv.FormatInt(opts.PageWait.Milliseconds(), 10)
		_, err := c.EvalInPage(pctx, url, "new Promise(r => setTimeout(r, "+wait+"))")
		cancel()
		if err != nil && strings.HasPrefix(err.Error(), "opening ") {
			pc.OpenError = err.Error()
		}
		byURL[url] = len(contexts)
		contexts = append(contexts, pc)
	}
	switch {
	case m.Background == "none":
		load.Background = "none"
	case c.BackgroundRunning(id):
		load.Background = "started"
	default:
		load.Background = "failed"
	}

	mctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	msgs, err := c.ExtensionMessages(mctx, id)
	cancel()
	if err != nil {
		load.Notes = append(load.Notes, err.Error())
	}
	for _, w := range msgs.InstallWarnings {
		contexts[0].Errors = append(contexts[0].Errors, Message{Level: "warning", Text: w})
	}
	for _, e := range msgs.ManifestErrors {
		contexts[0].Errors = append(contexts[0].Errors, Message{Level: "error", Text: e})
	}
	for _, e := range c.Errors(id) {
		i, msg := 1, e
		if rest, ok := strings.CutPrefix(e, "page "); ok {
			url, text, _ := strings.Cut(rest, ": ")
			if j, ok := byURL[url]; ok {
				i = j
			}
			msg = text
		} else if rest, ok := strings.CutPrefix(e, "service worker: "); ok {
			msg = rest
		}
		contexts[i].Errors = append(contexts[i].Errors, chromiumMessage(msg))
	}
	load.Contexts = contexts
	return load
}

// chromiumMessage turns a message of browsertest.Chromium.Errors, without
// its context, into a Message.
func chromiumMessage(msg string) Message {
	out := Message{Level: "error", Text: msg}
	if m := chromiumPlace.FindStringSubmatch(msg); m != nil {
		out.Text, out.Source = m[1], m[2]
		out.Line, _ = strconv.Atoi(m[3])
	}
	return out
}

// strconvQuote quotes s as %q does.
func strconvQuote(s string) string {
	return strconv.Quote(s)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
