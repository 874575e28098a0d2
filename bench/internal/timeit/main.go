//go:build unix

// Command timeit runs a command and records its wall time, CPU time and peak
// resident memory in a JSON file:
//
//	timeit RESULT.json COMMAND [ARG...]
//
// It exists because a Go program cannot measure a child's peak memory
// itself: Go starts children with vfork, and Linux carries the parent's peak
// resident size over into the child's getrusage maxrss at exec, so a large
// benchmark process would report its own size for every child. This small
// process starts the command instead, so the floor is its own few
// megabytes. The command's standard streams are passed through; timeit exits
// with the command's exit code (1 when it could not run it, 2 for bad
// arguments).
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// Result is what timeit writes.
type Result struct {
	// WallNanos is the time from the start of the command to its end.
	WallNanos int64 `json:"wallNanos"`
	// CPUNanos is the command's CPU time, user and system (0 where the
	// system does not report it).
	CPUNanos int64 `json:"cpuNanos"`
	// MaxRSS is the command's peak resident set size in bytes (0 where the
	// system does not report it).
	MaxRSS int64 `json:"maxRSS"`
	// ExitCode is the command's exit code.
	ExitCode int `json:"exitCode"`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprintln(stderr, "usage: timeit RESULT.json COMMAND [ARG...]")
		return 2
	}
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(stderr, "timeit: %v\n", err)
		return 1
	}
	res := Result{WallNanos: wall.Nanoseconds(), ExitCode: cmd.ProcessState.ExitCode()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
		res.MaxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux and the BSDs
		if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
			res.MaxRSS = int64(ru.Maxrss)
		}
	}
	res.CPUNanos = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Nanoseconds()
	data, err := json.Marshal(res)
	if err != nil {
		fmt.Fprintf(stderr, "timeit: %v\n", err)
		return 1
	}
	if err := os.WriteFile(args[0], data, 0o644); err != nil {
		fmt.Fprintf(stderr, "timeit: %v\n", err)
		return 1
	}
	return res.ExitCode
}
