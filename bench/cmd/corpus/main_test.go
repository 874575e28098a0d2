package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/bench/corpus"
)

// TestRunExitCodes checks the exit codes of the cases that start no
// browser.
func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no directories", []string{"-t", "chrome"}, 2, "no directories given"},
		{"unknown flag", []string{"-nosuch", "dir"}, 2, "flag provided but not defined"},
		{"unknown target", []string{"-q", "-t", "safari", "../../corpus/testdata/tree"}, 2, `target "safari"`},
		{"target twice", []string{"-q", "-t", "chrome,chrome", "../../corpus/testdata/tree"}, 2, `given twice`},
		{"zero batch", []string{"-batch", "0", "dir"}, 2, "must be positive"},
		{"no extensions", []string{"-q", "-lock", "", t.TempDir()}, 1, "no extensions under"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.stderr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

// TestRematch: -rematch reads a report, pairs its errors with its
// diagnostics again and writes it, with no build and no browser.
func TestRematch(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "in.json")
	const in = `{"targets": ["chrome"], "extensions": [{"dir": "x", "name": "x", "targets": [{"target": "chrome", "built": true,
  "diagnostics": [{"file": "popup.html", "line": 3, "column": 1, "severity": "warning", "message": "the script \"lib/a.js\" does not exist; the page runs without it"}],
  "output": {"dir": "out", "loaded": true, "background": "none", "contexts": [{"name": "popup", "errors": [{"text": "network: Failed to load resource: net::ERR_FILE_NOT_FOUND (chrome-extension://abc/lib/a.js)"}]}]}}]}],
  "totals": [{"target": "chrome", "matched": 0}]}`
	if err := os.WriteFile(report, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-rematch", report, "-json", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep corpus.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Totals) != 1 || rep.Totals[0].Errors != 1 || rep.Totals[0].Matched != 1 {
		t.Errorf("totals %+v, want 1 error, 1 matched", rep.Totals)
	}
	if !strings.Contains(stdout.String(), "lib/a.js") {
		t.Errorf("the markdown does not show the match:\n%s", stdout.String())
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"-rematch", report, "dir"}, 2},
		{[]string{"-rematch", filepath.Join(dir, "missing.json")}, 1},
	} {
		if code := run(tc.args, io.Discard, io.Discard); code != tc.code {
			t.Errorf("run(%q) = %d, want %d", tc.args, code, tc.code)
		}
	}
}
