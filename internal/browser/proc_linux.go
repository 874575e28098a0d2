//go:build linux

package browser

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// setProcessGroup starts cmd in a process group of its own, so that
// killProcessGroup reaches its children too, and has the kernel kill it when
// the test binary dies.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killProcessGroup kills what is left of the process group of cmd, which
// setProcessGroup made.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil && cmd.Process.Pid > 0 {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// killUsers kills the processes whose command line has
// --user-data-dir=profile: helpers of a Chromium that this package started with
// that profile, which can outlive the browser for a moment. It looks until it
// finds none for a few passes in a row, for at most a second.
func killUsers(profile string) {
	want := []byte("--user-data-dir=" + profile + "\x00")
	self := os.Getpid()
	deadline := time.Now().Add(time.Second)
	for quiet := 0; quiet < 3 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		found := false
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || pid == self {
				continue
			}
			cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			if err != nil || !bytes.Contains(cmdline, want) {
				continue
			}
			found = true
			syscall.Kill(pid, syscall.SIGKILL)
		}
		if found {
			quiet = 0
		} else {
			quiet++
		}
	}
}
