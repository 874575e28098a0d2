package browsertest

import (
	"path/filepath"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browser"
)

// The browsers and what they report are those of package browser; these
// names keep the tests' spelling short.
type (
	// Chromium is [browser.Chromium].
	Chromium = browser.Chromium
	// Firefox is [browser.Firefox].
	Firefox = browser.Firefox
	// Addon is [browser.Addon].
	Addon = browser.Addon
	// ConsoleMessage is [browser.ConsoleMessage].
	ConsoleMessage = browser.ConsoleMessage
	// ExtensionMessages is [browser.ExtensionMessages].
	ExtensionMessages = browser.ExtensionMessages
)

// StartChromium starts a headless Chromium with each directory of extDirs
// loaded as an unpacked extension, and closes it when the test ends. Chromium
// loads Manifest V3 extensions only. StartChromium calls [Require] first, so it
// skips the test when Chromium is missing. It fails the test when the browser
// does not start or when an extension does not load, with Chromium's reason,
// and it waits until each extension's service worker has run its script.
//
// The profile lives under t.TempDir(). Background networking, component
// updates and sync are off. The start takes about a second.
func StartChromium(t testing.TB, extDirs ...string) *Chromium {
	t.Helper()
	bin := Require(t, ChromiumBinary)
	c, err := browser.LaunchChromium(browser.ChromiumOptions{
		Binary:     bin,
		Profile:    filepath.Join(t.TempDir(), "chromium-profile"),
		Headless:   true,
		Extensions: extDirs,
	})
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Logf("browsertest: %v", err)
		}
	})
	return c
}

// NewChromium is [StartChromium] for a browser that outlives one test, such
// as one that TestMain starts for the tests of a package. The profile lives
// in a new temporary directory. The caller must call [Chromium.Close]. When
// Chromium is missing, the error wraps [exec.ErrNotFound]; a test that then
// calls [Require] skips or fails by the usual rules.
func NewChromium(extDirs ...string) (*Chromium, error) {
	return browser.LaunchChromium(browser.ChromiumOptions{Headless: true, Extensions: extDirs})
}

// StartFirefox starts a headless Firefox ESR with Marionette on a free
// loopback port and a new profile under t.TempDir(), and opens a Marionette
// session. It closes the browser when the test ends. It calls [Require] first,
// so it skips the test when Firefox ESR is missing, and it fails the test when
// the browser does not start. The start takes about one and a half seconds.
func StartFirefox(t testing.TB) *Firefox {
	t.Helper()
	bin := Require(t, FirefoxBinary)
	f, err := browser.LaunchFirefox(browser.FirefoxOptions{
		Binary:   bin,
		Profile:  filepath.Join(t.TempDir(), "firefox-profile"),
		Headless: true,
	})
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	t.Cleanup(func() {
		if err := f.Close(); err != nil {
			t.Logf("browsertest: %v", err)
		}
	})
	return f
}

// NewFirefox is [StartFirefox] for a browser that outlives one test, such as
// one that TestMain starts for the tests of a package. The profile lives in a
// new temporary directory. The caller must call [Firefox.Close]. When Firefox
// ESR is missing, the error wraps [exec.ErrNotFound]; a test that then calls
// [Require] skips or fails by the usual rules.
func NewFirefox() (*Firefox, error) {
	return browser.LaunchFirefox(browser.FirefoxOptions{Headless: true})
}
