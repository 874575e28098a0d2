package measure

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Machine describes the machine the benchmarks ran on.
type Machine struct {
	// CPU is the processor's model name.
	CPU string
	// CPUs is the number of logical CPUs Go sees.
	CPUs int
	// MemoryBytes is the total memory (0 when unknown).
	MemoryBytes int64
	// OS is the operating system's pretty name, else GOOS/GOARCH.
	OS string
	// Go is the Go version of the benchmark binary.
	Go string
	// Load is the 1, 5 and 15 minute load averages when the run began ("" when
	// unknown).
	Load string
}

// DescribeMachine reads what it can of the machine from /proc and /etc on
// Linux, and from the Go runtime.
func DescribeMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if v := procField("/proc/cpuinfo", "model name", ":"); v != "" {
		m.CPU = v
	}
	if v := procField("/proc/meminfo", "MemTotal", ":"); v != "" {
		if kb, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64); err == nil {
			m.MemoryBytes = kb * 1024
		}
	}
	if v := procField("/etc/os-release", "PRETTY_NAME", "="); v != "" {
		m.OS = strings.Trim(v, `"`) + " " + runtime.GOARCH
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	return m
}

// procField returns the trimmed value of the first line "key SEP value" of
// the file, or "".
func procField(file, key, sep string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), sep)
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// BrowserVersion returns the first line the browser binary prints for
// --version, or "" when it cannot be run.
func BrowserVersion(ctx context.Context, binary string) string {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, binary, "--version").Output()
	if err != nil {
		return ""
	}
	line, _, _ := bytes.Cut(bytes.TrimSpace(out), []byte("\n"))
	return string(line)
}
