package main

import (
	"bytes"
	"strings"
	"testing"
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
