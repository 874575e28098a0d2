//go:build !linux

package browser

import "os/exec"

// setProcessGroup does nothing on this system.
func setProcessGroup(cmd *exec.Cmd) {}

// killProcessGroup does nothing on this system.
func killProcessGroup(cmd *exec.Cmd) {}

// killUsers does nothing on this system.
func killUsers(profile string) {}
