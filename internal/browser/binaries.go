package browser

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Names of the browser binaries looked up on PATH when no other is given.
// They are the names of Debian's packages.
const (
	// ChromiumBinary is the name of Debian's Chromium binary.
	ChromiumBinary = "chromium"
	// FirefoxBinary is the name of Debian's Firefox ESR binary.
	FirefoxBinary = "firefox-esr"
)

// prepare looks the browser binary up on PATH (fallback when binary is
// ""), and makes a temporary profile directory when profile is "": then
// ownDir is the directory to remove when the browser has gone. When the
// binary is missing, the error wraps [exec.ErrNotFound].
func prepare(binary, fallback, profile, tempPrefix string) (bin, prof, ownDir string, err error) {
	if binary == "" {
		binary = fallback
	}
	bin, err = exec.LookPath(binary)
	if err != nil {
		return "", "", "", fmt.Errorf("browser %q is missing: %w", binary, err)
	}
	if profile != "" {
		return bin, profile, "", nil
	}
	ownDir, err = os.MkdirTemp("", tempPrefix)
	if err != nil {
		return "", "", "", fmt.Errorf("making a profile directory: %w", err)
	}
	return bin, filepath.Join(ownDir, "profile"), ownDir, nil
}
