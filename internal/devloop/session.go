package devloop

import (
	"context"
	"time"

	"github.com/webext-shim/webext-shim/internal/browser"
)

// session is a browser with the extension loaded.
type session interface {
	// load loads the extension in dir the first time, and returns the host
	// of its URLs.
	load(ctx context.Context, dir string) (string, error)
	// reload reloads it from dir and returns the pages opened again.
	reload(ctx context.Context, dir string) ([]string, error)
	// open opens a tab or window at rawURL that stays open.
	open(ctx context.Context, rawURL string) error
	// done is closed when the browser has gone.
	done() <-chan struct{}
	// close closes the browser and removes a temporary profile.
	close() error
}

// chromiumSession is a Chromium with the extension loaded.
type chromiumSession struct {
	c *browser.Chromium
}

func (s *chromiumSession) load(ctx context.Context, dir string) (string, error) {
	return s.c.LoadExtension(ctx, dir)
}

func (s *chromiumSession) reload(ctx context.Context, dir string) ([]string, error) {
	_, pages, err := s.c.ReloadExtension(ctx, dir)
	return pages, err
}

func (s *chromiumSession) open(ctx context.Context, rawURL string) error {
	return s.c.OpenTab(ctx, rawURL)
}

func (s *chromiumSession) done() <-chan struct{} { return s.c.Done() }
func (s *chromiumSession) close() error          { return s.c.Close() }

// firefoxSession is a Firefox with the extension installed as a temporary
// add-on.
type firefoxSession struct {
	f       *browser.Firefox
	private bool
	addon   browser.Addon
}

func (s *firefoxSession) load(ctx context.Context, dir string) (string, error) {
	a, err := s.f.InstallAddon(ctx, dir, s.private)
	if err != nil {
		return "", err
	}
	s.addon = a
	return a.UUID, nil
}

func (s *firefoxSession) reload(ctx context.Context, _ string) ([]string, error) {
	return s.f.ReloadAddon(ctx, s.addon.ID)
}

func (s *firefoxSession) open(ctx context.Context, rawURL string) error {
	return s.f.OpenWindow(ctx, rawURL, false)
}

func (s *firefoxSession) done() <-chan struct{} { return s.f.Done() }
func (s *firefoxSession) close() error          { return s.f.Close() }

// messages returns what Firefox logged about the add-on since the time.
func (s *firefoxSession) messages(ctx context.Context, since time.Time) ([]browser.ConsoleMessage, error) {
	return s.f.AddonMessages(ctx, s.addon, since)
}
