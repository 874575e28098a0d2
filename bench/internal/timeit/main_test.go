//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
	}{
		{"success", []string{"sh", "-c", "echo hi"}, 0, "hi\n"},
		{"exit code", []string{"sh", "-c", "exit 3"}, 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			result := filepath.Join(t.TempDir(), "r.json")
			var stdout, stderr bytes.Buffer
			code := run(append([]string{result}, tc.args...), strings.NewReader(""), &stdout, &stderr)
			if code != tc.code || stdout.String() != tc.stdout {
				t.Fatalf("run = %d, stdout %q, stderr %q; want %d, %q", code, stdout.String(), stderr.String(), tc.code, tc.stdout)
			}
			data, err := os.ReadFile(result)
			if err != nil {
				t.Fatal(err)
			}
			var r Result
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			if r.WallNanos <= 0 || r.CPUNanos < 0 || r.MaxRSS <= 0 || r.ExitCode != tc.code {
				t.Errorf("result %+v: want a positive time and size, exit code %d", r, tc.code)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"only-one"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("one argument: exit %d; want 2", code)
	}
	result := filepath.Join(t.TempDir(), "r.json")
	if code := run([]string{result, "/nonexistent/command"}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("missing command: exit %d; want 1", code)
	}
	if _, err := os.Stat(result); err == nil {
		t.Error("a result was written for a command that did not run")
	}
}
