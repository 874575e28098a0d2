package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browser"
)

// EnvE2E is the environment variable that makes a missing browser a test
// failure instead of a skip. Set it to "1" where the browsers must be present,
// for example in CI.
const EnvE2E = "WEBEXT_SHIM_E2E"

// Names of the browser binaries that [Require] looks up on PATH, those of
// Debian's packages.
const (
	// ChromiumBinary is [browser.ChromiumBinary].
	ChromiumBinary = browser.ChromiumBinary
	// FirefoxBinary is [browser.FirefoxBinary].
	FirefoxBinary = browser.FirefoxBinary
)

// installHint tells how to get the browsers.
const installHint = "install Debian's chromium and firefox-esr (apt-get install -y chromium firefox-esr)"

// skipFataler is the part of testing.TB that the skip rules use, so that a test
// can watch them with a fake.
type skipFataler interface {
	Helper()
	Skip(args ...any)
	Fatal(args ...any)
}

// Require looks the browser binary up on PATH and returns its path. The browser
// is [ChromiumBinary] or [FirefoxBinary], or the name or path of any other
// binary.
//
// When the binary is missing, Require skips the test, unless the environment
// variable [EnvE2E] is "1": then it fails the test with t.Fatal. The message
// says how to install the browsers. [StartChromium] and [StartFirefox] call
// Require themselves.
func Require(t testing.TB, browser string) string {
	t.Helper()
	return require(t, browser)
}

// require is Require for a fake testing.TB.
func require(t skipFataler, browser string) string {
	t.Helper()
	path, err := exec.LookPath(browser)
	if err == nil {
		return path
	}
	if os.Getenv(EnvE2E) == "1" {
		t.Fatal(fmt.Sprintf("browser %q is missing (%v), and %s=1 makes that a failure: %s", browser, err, EnvE2E, installHint))
	} else {
		t.Skip(fmt.Sprintf("browser %q is missing (%v): %s or set %s=1 to make a missing browser a failure", browser, err, installHint, EnvE2E))
	}
	return ""
}
