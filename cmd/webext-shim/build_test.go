package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/webext-shim/webext-shim/bundle"
)

// fixedClock is the clock of the golden tests: the build summary's elapsed
// time is then always 0s.
func fixedClock() time.Time { return time.Date(2026, 11, 24, 15, 4, 5, 0, time.UTC) }

// runFixed runs the command line with a fixed clock and returns its exit
// code, stdout and stderr with dir replaced by "$OUTDIR".
func runFixed(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runEnv(&env{ctx: context.Background(), stdout: &stdout, stderr: &stderr, now: fixedClock}, args)
	clean := func(s string) string {
		if dir == "" {
			return s
		}
		s = strings.ReplaceAll(s, filepath.ToSlash(dir), "$OUTDIR")
		return strings.ReplaceAll(s, dir, "$OUTDIR")
	}
	return code, clean(stdout.String()), clean(stderr.String())
}

func TestBuildFlags(t *testing.T) {
	seed := "../../testdata/extensions/seed"
	tests := []struct {
		name   string
		args   []string
		check  bool
		env    map[string]string
		want   bundle.Options
		watch  bool
		errMsg string // a usage error containing this
	}{
		{name: "defaults", args: []string{seed},
			want: bundle.Options{Source: seed}},
		{name: "no source means the current directory", args: nil,
			want: bundle.Options{Source: "."}},
		{name: "short flags", args: []string{"-t", "firefox", "-o", "out", "-q", "-w", seed},
			want: bundle.Options{Source: seed, OutDir: "out"}, watch: true},
		{name: "long flags", args: []string{"--target=chrome>=120", "--outdir", "out", "--minify", "--sourcemap", "--strict", "--zip", "--sources-zip", seed},
			want: bundle.Options{Source: seed, OutDir: "out", Minify: true, Sourcemap: true, Strict: true, Zip: true, SourcesZip: true}},
		{name: "flags after the source", args: []string{seed, "--minify"},
			want: bundle.Options{Source: seed, Minify: true}},
		{name: "SOURCE_DATE_EPOCH with --zip", args: []string{"--zip", seed}, env: map[string]string{"SOURCE_DATE_EPOCH": "1700000000"},
			want: bundle.Options{Source: seed, Zip: true, ZipTime: time.Unix(1700000000, 0).UTC()}},
		{name: "SOURCE_DATE_EPOCH ignored without archives", args: []string{seed}, env: map[string]string{"SOURCE_DATE_EPOCH": "x"},
			want: bundle.Options{Source: seed}},
		{name: "check", args: []string{"--strict", seed}, check: true,
			want: bundle.Options{Source: seed, Strict: true, DryRun: true}},
		{name: "SOURCE_DATE_EPOCH not a number", args: []string{"--zip", seed}, env: map[string]string{"SOURCE_DATE_EPOCH": "yesterday"},
			errMsg: `SOURCE_DATE_EPOCH="yesterday" is not a number of seconds`},
		{name: "SOURCE_DATE_EPOCH before 1980", args: []string{"--sources-zip", seed}, env: map[string]string{"SOURCE_DATE_EPOCH": "0"},
			errMsg: "between 1980 and 2106"},
		{name: "SOURCE_DATE_EPOCH after 2106", args: []string{"--zip", seed}, env: map[string]string{"SOURCE_DATE_EPOCH": "4294967296"},
			errMsg: "between 1980 and 2106"},
		{name: "two sources", args: []string{seed, seed},
			errMsg: "build takes one source directory, got 2 arguments"},
		{name: "source is a file", args: []string{seed + "/manifest.json"},
			errMsg: "is not a directory"},
		{name: "bad target", args: []string{"-t", "chrome>=abc", seed},
			errMsg: `invalid version constraint ">=abc"`},
		{name: "no release in range", args: []string{"-t", "firefox,chrome@999", seed},
			errMsg: `no chrome release matches "=999"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			f := declareBuildFlags(fs, tt.check)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			name := "build"
			if tt.check {
				name = "check"
			}
			opts, err := f.options(name, fs.Args(), tt.check, func(k string) string { return tt.env[k] })
			if tt.errMsg != "" {
				var ue usageError
				if err == nil || !strings.Contains(err.Error(), tt.errMsg) || !errors.As(err, &ue) {
					t.Fatalf("error %v, want a usage error containing %q", err, tt.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			targetsText := ""
			for i, q := range opts.Targets {
				if i > 0 {
					targetsText += ","
				}
				targetsText += q.Text
			}
			wantTargets := fs.Lookup("target").Value.String()
			if targetsText != wantTargets {
				t.Errorf("targets %q, want %q", targetsText, wantTargets)
			}
			opts.Targets = nil
			if !reflect.DeepEqual(opts, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", opts, tt.want)
			}
			if !tt.check && *f.watch != tt.watch {
				t.Errorf("watch = %v, want %v", *f.watch, tt.watch)
			}
		})
	}
}

// TestBuildOutputGolden checks what build and check print, as text and as
// JSON, for the seed example and for a source with a compat warning.
func TestBuildOutputGolden(t *testing.T) {
	seed := "../../testdata/extensions/seed"
	notes := "../../testdata/extensions/tab-notes"
	warn := "testdata/compat-warning"
	tests := []struct {
		name           string
		args           []string // "$OUTDIR" is replaced by a temporary directory
		code           int
		stdout, stderr string // golden files; "" for none expected
	}{
		{"build", []string{"-t", "chrome,firefox", "-o", "$OUTDIR", seed}, exitOK, "", "build-seed.txt"},
		{"build minify zip", []string{"-t", "firefox>=115", "-o", "$OUTDIR", "--minify", "--zip", seed}, exitOK, "", "build-seed-zip.txt"},
		{"build quiet", []string{"-q", "-t", "chrome", "-o", "$OUTDIR", seed}, exitOK, "", ""},
		{"build copied files", []string{"-t", "chrome", "-o", "$OUTDIR", notes}, exitOK, "", "build-notes.txt"},
		{"build verbose", []string{"-v", "-t", "chrome", "-o", "$OUTDIR", notes}, exitOK, "", "build-notes-verbose.txt"},
		{"build json", []string{"-t", "chrome,firefox", "-o", "$OUTDIR", "--json", seed}, exitOK, "build-seed.json", ""},
		{"check", []string{"check", "-t", "chrome,firefox", seed}, exitOK, "", "check-seed.txt"},
		{"check warning", []string{"check", "-t", "chrome>=120", warn}, exitOK, "", "check-warning.txt"},
		{"check warning strict", []string{"check", "--strict", "-t", "chrome>=120", warn}, exitBuild, "", "check-warning-strict.txt"},
		{"check warning json", []string{"check", "--json", "-t", "chrome>=120", warn}, exitOK, "check-warning.json", ""},
		{"check strict json", []string{"check", "--strict", "--json", "-t", "chrome>=120", warn}, exitBuild, "check-warning-strict.json", ""},
		{"build syntax error", []string{"-t", "chrome", "-o", "$OUTDIR", "testdata/broken"}, exitBuild, "", "build-broken.txt"},
		{"help build", []string{"help", "build"}, exitOK, "help-build.txt", ""},
		{"help check", []string{"check", "--help"}, exitOK, "help-check.txt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "$OUTDIR", dir)
			}
			code, stdout, stderr := runFixed(t, dir, args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if strings.HasSuffix(tt.stdout, ".json") && !json.Valid([]byte(stdout)) {
				t.Fatalf("stdout is not one JSON document:\n%s", stdout)
			}
			for _, out := range []struct{ golden, got, stream string }{{tt.stdout, stdout, "stdout"}, {tt.stderr, stderr, "stderr"}} {
				if out.golden != "" {
					golden(t, out.golden, out.got)
				} else if out.got != "" {
					t.Errorf("unexpected %s:\n%s", out.stream, out.got)
				}
			}
		})
	}
}

func TestColor(t *testing.T) {
	devNull, err := os.Open(os.DevNull) // a character device, as a terminal is
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	regular, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer regular.Close()
	tests := []struct {
		name string
		w    io.Writer
		env  map[string]string
		want bool
	}{
		{"character device", devNull, nil, true},
		{"NO_COLOR", devNull, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", devNull, map[string]string{"TERM": "dumb"}, false},
		{"regular file", regular, nil, false},
		{"buffer", &bytes.Buffer{}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := colorTerminal(tt.w, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("colorTerminal = %v, want %v", got, tt.want)
			}
		})
	}
	d := bundle.Diagnostic{File: "popup.js", Line: 3, Column: 7, Severity: bundle.Warning, Message: "tabs.executeScript is not available"}
	plain := (&env{}).formatDiagnostic("src", d)
	if want := filepath.Join("src", "popup.js") + ":3:7: warning: tabs.executeScript is not available"; plain != want {
		t.Errorf("plain diagnostic %q, want %q", plain, want)
	}
	colored := (&env{color: true}).formatDiagnostic("src", d)
	if !strings.Contains(colored, styleMagenta+"warning:"+styleReset) || strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(colored, styleMagenta, ""), styleBold, ""), styleReset, "") != plain {
		t.Errorf("coloured diagnostic %q does not colour %q", colored, plain)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatch runs build --watch on a copy of the seed example: a change
// rebuilds every target with one line, a syntax error (an error with
// --strict; without it the script is copied as written with a warning) is
// printed and keeps the previous output, fixing it rebuilds, and an
// interrupt stops it.
func TestWatch(t *testing.T) {
	src := t.TempDir()
	copyTree(t, "../../testdata/extensions/seed", src)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- runEnv(&env{ctx: ctx, stdout: io.Discard, stderr: stderr, now: time.Now}, []string{"-t", "chrome,firefox", "-o", out, "--watch", "--strict", src})
	}()
	waitFor := func(what string, count int) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for strings.Count(stderr.String(), what) < count {
			if time.Now().After(deadline) {
				t.Fatalf("no %d× %q within 30s; output:\n%s", count, what, stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	popup := filepath.Join(src, "popup.js")
	original, err := os.ReadFile(popup)
	if err != nil {
		t.Fatal(err)
	}
	waitFor("watching "+src+" for changes", 1)
	builtPopup := filepath.Join(out, "firefox", "popup.js")

	write := func(content string) {
		t.Helper()
		// Keep the modification time moving even on coarse clocks.
		if err := os.WriteFile(popup, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(string(original) + "\nconsole.log(\"edited once\");\n")
	waitFor("popup.js changed: rebuilt 2 targets in", 1)
	if got, _ := os.ReadFile(builtPopup); !strings.Contains(string(got), "edited once") {
		t.Fatalf("the rebuild did not write the change:\n%s", got)
	}

	write(string(original) + "\nconsole.log(\"edited once\";\n")
	waitFor("popup.js changed: build failed, 1 error; the previous output is kept", 1)
	if !strings.Contains(stderr.String(), filepath.Join(src, "popup.js")+":") {
		t.Errorf("the syntax error is not printed with its position:\n%s", stderr.String())
	}
	if got, _ := os.ReadFile(builtPopup); !strings.Contains(string(got), "edited once") {
		t.Fatalf("a failed rebuild changed the output:\n%s", got)
	}

	write(string(original) + "\nconsole.log(\"edited twice\");\n")
	waitFor("popup.js changed: rebuilt 2 targets in", 2)
	if got, _ := os.ReadFile(builtPopup); !strings.Contains(string(got), "edited twice") {
		t.Fatalf("the rebuild after the fix did not write the change:\n%s", got)
	}
	if n := strings.Count(stderr.String(), "rebuilt"); n != 2 {
		t.Errorf("%d rebuild lines, want 2 (writing the output must not trigger rebuilds):\n%s", n, stderr.String())
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit code %d after the interrupt, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop after the interrupt")
	}
}

// copyTree copies the regular files of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == "dist" && p != src {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWatching(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-t", "chrome", "src"}, false},
		{[]string{"--watch", "src"}, true},
		{[]string{"--watch=true"}, true},
		{[]string{"--watch=false"}, false},
		{[]string{"-w"}, true},
		{[]string{"-qw", "src"}, true},
		{[]string{"-tw"}, false}, // the target "w"
		{[]string{"-o", "w"}, false},
		{[]string{"--", "-w"}, false},
	}
	for _, tt := range tests {
		if got := watching(tt.args); got != tt.want {
			t.Errorf("watching(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	if tuneGC([]string{"-w"}, env(nil)) || tuneGC(nil, env(map[string]string{"GOGC": "50"})) || tuneGC(nil, env(map[string]string{"GOMEMLIMIT": "1GiB"})) {
		t.Error("tuneGC changed the collector for --watch or against the user's GOGC/GOMEMLIMIT")
	}
	if !tuneGC([]string{"-t", "chrome"}, env(nil)) {
		t.Fatal("tuneGC did not tune a one-shot build")
	}
	if got := debug.SetGCPercent(100); got != oneShotGCPercent {
		t.Errorf("GC percent %d, want %d", got, oneShotGCPercent)
	}
}
