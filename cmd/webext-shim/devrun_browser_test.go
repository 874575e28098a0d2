package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// The real-browser tests of webext-shim run: the command runs in-process,
// as main runs it (run, with its own handling of SIGINT), on a small
// extension whose background reports its version to a local HTTP server.
// Each test checks, in one browser: the extension is loaded; an edit of the
// background changes what the browser does without a restart; an uncaught
// error of the background is printed at its place in the source; SIGINT
// leaves no browser process and no temporary profile behind.

// devrunBackground is the background of the test extension: the comment
// lines, which the build drops, shift the output's lines against the
// source's, so only a mapping through the source map finds the source line.
// %[1]s is the test server's address, %[2]d the version, %[3]s more code.
const devrunBackground = `// The background of the webext-shim run test.
//
// It tells the test server its version when it starts; the test edits the
// version and adds code below, and watches what the browser does.
//
const VERSION = %[2]d;
fetch("%[1]s/hello?v=" + VERSION, {mode: "no-cors"});
%[3]s`

// devrunThrow is the code the test adds: its throw statement is line 9 of
// background.js.
const devrunThrow = `function fail() {
  throw new Error("boom from the background");
}
setTimeout(fail, 10);
`

// waitFor polls until cond holds, or fails the test after d.
func waitFor(t *testing.T, d time.Duration, what string, out *syncBuffer, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v; output:\n%s", what, d, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// browserPIDs returns the browser processes (Debian's
// /usr/lib/chromium/chromium and its helpers, /usr/lib/firefox-esr/firefox-esr)
// started with the environment variable TMPDIR=tmp, which every process of a
// browser that this test started inherits, and no other process has.
func browserPIDs(t *testing.T, tmp string) map[int]string {
	t.Helper()
	pids := map[int]string{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil {
			continue
		}
		if base := filepath.Base(exe); !strings.HasPrefix(base, "chrom") && !strings.HasPrefix(base, "firefox") {
			continue
		}
		environ, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err == nil && slices.Contains(strings.Split(string(environ), "\x00"), "TMPDIR="+tmp) {
			pids[pid] = exe
		}
	}
	return pids
}

func TestRunDevLoop(t *testing.T) {
	for _, tc := range []struct {
		target, binary string
	}{
		{"chrome", browsertest.ChromiumBinary},
		{"firefox", browsertest.FirefoxBinary},
	} {
		t.Run(tc.target, func(t *testing.T) {
			browsertest.Require(t, tc.binary)
			versions := make(chan int, 16)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if v, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil {
					versions <- v
				}
			}))
			defer srv.Close()

			src := t.TempDir()
			tmp := t.TempDir()
			writeSource := func(version int, more string) {
				t.Helper()
				if err := os.WriteFile(filepath.Join(src, "background.js"), fmt.Appendf(nil, devrunBackground, srv.URL, version, more), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			manifest := `{"manifest_version": 2, "name": "devrun", "version": "1",
  "browser_specific_settings": {"gecko": {"id": "devrun@webext-shim.test"}},
  "permissions": ["http://127.0.0.1/*"],
  "background": {"scripts": ["background.js"]}}`
			if err := os.WriteFile(filepath.Join(src, "manifest.json"), []byte(manifest), 0o644); err != nil {
				t.Fatal(err)
			}
			writeSource(1, "")
			t.Setenv("TMPDIR", tmp)

			out := new(syncBuffer)
			done := make(chan int, 1)
			go func() { done <- run([]string{"run", "-t", tc.target, "--headless", src}, out, out) }()
			stopped := false
			defer func() {
				if !stopped {
					syscall.Kill(os.Getpid(), syscall.SIGINT)
					<-done
				}
			}()
			version := func(want int, d time.Duration) {
				t.Helper()
				deadline := time.After(d)
				for {
					select {
					case v := <-versions:
						if v == want {
							return
						}
					case code := <-done:
						stopped = true
						t.Fatalf("run ended with exit %d before version %d ran; output:\n%s", code, want, out.String())
					case <-deadline:
						t.Fatalf("version %d of the background did not run within %v; output:\n%s", want, d, out.String())
					}
				}
			}

			// The extension is loaded: its background runs.
			version(1, 60*time.Second)
			if len(browserPIDs(t, tmp)) == 0 {
				t.Fatal("no browser process found: the check of what SIGINT leaves behind would see nothing")
			}
			waitFor(t, 10*time.Second, "loaded line", out, func() bool { return strings.Contains(out.String(), "loaded ") })

			// An edit of the background changes what the browser does,
			// without a new browser.
			started := strings.Count(out.String(), "started ")
			writeSource(2, devrunThrow)
			version(2, 30*time.Second)
			if n := strings.Count(out.String(), "started "); n != started {
				t.Errorf("the browser was started %d times, want once; output:\n%s", n, out.String())
			}

			// The uncaught error is printed at its place in the source.
			place := regexp.MustCompile(regexp.QuoteMeta(filepath.Join(src, "background.js")) + `:9:\d+: error: .*boom from the background`)
			waitFor(t, 15*time.Second, "error at background.js:9", out, func() bool { return place.MatchString(out.String()) })

			// SIGINT closes the browser and removes the temporary profile.
			if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			stopped = true
			select {
			case code := <-done:
				if code != exitOK {
					t.Errorf("exit %d after SIGINT, want %d; output:\n%s", code, exitOK, out.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("run did not end within 30s of SIGINT; output:\n%s", out.String())
			}
			if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left in the temporary directory: %q", names)
			}
			for pid, exe := range browserPIDs(t, tmp) {
				t.Errorf("browser process %d (%s) still runs", pid, exe)
			}
		})
	}
}
