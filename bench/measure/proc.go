package measure

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Run is one run of a child process.
type Run struct {
	// Wall is the time from the start of the process to its end.
	Wall time.Duration
	// CPU is the process's CPU time, user and system.
	CPU time.Duration
	// MaxRSS is the process's peak resident set size in bytes (0 where the
	// system does not report it).
	MaxRSS int64
}

// timeitResult is what bench/internal/timeit writes.
type timeitResult struct {
	WallNanos int64 `json:"wallNanos"`
	CPUNanos  int64 `json:"cpuNanos"`
	MaxRSS    int64 `json:"maxRSS"`
	ExitCode  int   `json:"exitCode"`
}

// runChild runs the command name with args in dir through the timeit helper,
// which measures it. Its output is kept for the error of a failed run only.
func runChild(ctx context.Context, timeit, dir, name string, args ...string) (Run, error) {
	f, err := os.CreateTemp("", "timeit-*.json")
	if err != nil {
		return Run{}, err
	}
	result := f.Name()
	f.Close()
	defer os.Remove(result)
	cmd := exec.CommandContext(ctx, timeit, append([]string{result, name}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return Run{}, fmt.Errorf("running %s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(out.String(), 2000))
	}
	data, err := os.ReadFile(result)
	if err != nil {
		return Run{}, fmt.Errorf("reading the measurement of %s: %w", filepath.Base(name), err)
	}
	var r timeitResult
	if err := json.Unmarshal(data, &r); err != nil {
		return Run{}, fmt.Errorf("reading the measurement of %s: %w", filepath.Base(name), err)
	}
	return Run{Wall: time.Duration(r.WallNanos), CPU: time.Duration(r.CPUNanos), MaxRSS: r.MaxRSS}, nil
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
