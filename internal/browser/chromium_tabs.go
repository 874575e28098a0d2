package browser

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Done returns a channel that is closed when the browser has gone: closed by
// [Chromium.Close], closed by the user, or crashed.
func (c *Chromium) Done() <-chan struct{} {
	return c.ctx.Done()
}

// OpenTab opens a new tab at rawURL, waits for the page to load and leaves
// the tab open. The errors and console.error messages of the page are
// recorded, as those of [Chromium.EvalInPage]. When ctx has no deadline, a
// deadline of 30 seconds applies.
func (c *Chromium) OpenTab(ctx context.Context, rawURL string) error {
	ctx, cancelTimeout := withDefaultTimeout(ctx)
	defer cancelTimeout()
	// The tab's context is never cancelled: cancelling it would close the
	// tab. It ends with the browser.
	tab, _ := chromedp.NewContext(c.ctx,
		chromedp.WithListener(c.recorder("page "+rawURL, extensionHost(rawURL), new(sync.Map))))
	rctx, stop := join(tab, ctx)
	defer stop()
	if err := chromedp.Do(rctx, chromedp.Navigate(rawURL)); err != nil {
		return fmt.Errorf("opening %q: %w", rawURL, err)
	}
	return nil
}

// ExtensionPages returns the URLs of the open tabs that show a page of the
// extension with the id, in the browser's order.
func (c *Chromium) ExtensionPages(ctx context.Context, id string) ([]string, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	rctx, stop := join(c.ctx, ctx)
	defer stop()
	infos, err := chromedp.Targets(rctx)
	if err != nil {
		return nil, fmt.Errorf("listing the tabs: %w", err)
	}
	var urls []string
	for _, info := range infos {
		if info.Type == "page" && strings.HasPrefix(info.URL, "chrome-extension://"+id+"/") {
			urls = append(urls, info.URL)
		}
	}
	return urls, nil
}

// closeExtensionPages closes the open tabs that show a page of the extension
// with the id.
func (c *Chromium) closeExtensionPages(ctx context.Context, id string) error {
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		return fmt.Errorf("listing the tabs: %w", err)
	}
	for _, info := range infos {
		if info.Type == "page" && strings.HasPrefix(info.URL, "chrome-extension://"+id+"/") {
			if _, err := chromedp.CallBrowser(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: info.TargetID}); err != nil {
				return fmt.Errorf("closing the tab at %q: %w", info.URL, err)
			}
		}
	}
	return nil
}

// ReloadExtension loads the unpacked extension in dir again, which reloads
// it from the files there, and opens again, in new tabs, the pages of the
// extension that were open. It waits for the new service worker, as
// [Chromium.LoadExtension] does, and returns the extension's id and the
// pages it opened again. When ctx has no deadline, a deadline of 30 seconds
// applies.
func (c *Chromium) ReloadExtension(ctx context.Context, dir string) (string, []string, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	id := c.ExtensionID(dir)
	var pages []string
	if id != "" {
		var err error
		if pages, err = c.ExtensionPages(ctx, id); err != nil {
			return "", nil, err
		}
		rctx, stop := join(c.ctx, ctx)
		err = c.closeExtensionPages(rctx, id)
		stop()
		if err != nil {
			return "", nil, err
		}
		c.forgetVersions(id)
	}
	id, err := c.LoadExtension(ctx, dir)
	if err != nil {
		return "", nil, err
	}
	for _, p := range pages {
		if err := c.OpenTab(ctx, p); err != nil {
			return id, nil, err
		}
	}
	return id, pages, nil
}

// forgetVersions drops what the driver knows of the service worker versions
// of the extension, so that a wait for its worker waits for a new one.
func (c *Chromium) forgetVersions(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for vid, v := range c.versions {
		if extensionHost(v.ScriptURL) == id {
			delete(c.versions, vid)
		}
	}
}
