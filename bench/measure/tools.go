package measure

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ModulePath is the module whose command and esbuild dependency the
// benchmarks build.
const ModulePath = "github.com/webext-shim/webext-shim"

// EsbuildPackage is the esbuild command's package, built at the version the
// module's go.mod pins.
const EsbuildPackage = "github.com/evanw/esbuild/cmd/esbuild"

// Tools are the two commands the build comparison runs.
type Tools struct {
	// WebextShim is the path of the built cmd/webext-shim.
	WebextShim string
	// Esbuild is the path of the built esbuild command.
	Esbuild string
	// EsbuildVersion is the version go.mod pins ("v0.28.2").
	EsbuildVersion string
	// Timeit is the path of the built bench/internal/timeit, which runs and
	// measures each process.
	Timeit string
}

// ModuleDir returns the root directory of the webext-shim module that
// contains the working directory.
func ModuleDir(ctx context.Context) (string, error) {
	out, err := goCommand(ctx, "", "list", "-m", "-f", "{{.Path}} {{.Dir}}")
	if err != nil {
		return "", fmt.Errorf("finding the module: %w", err)
	}
	path, dir, _ := strings.Cut(strings.TrimSpace(out), " ")
	if path != ModulePath {
		return "", fmt.Errorf("the working directory is in module %q; run the benchmarks inside %q", path, ModulePath)
	}
	return dir, nil
}

// TimeitPackage is the helper that measures each run.
const TimeitPackage = "./bench/internal/timeit"

// BuildTools builds cmd/webext-shim of the module in moduleDir and the
// esbuild command at the version its go.mod pins into dir, with the same Go
// toolchain and default flags, and the timeit helper.
func BuildTools(ctx context.Context, moduleDir, dir string) (Tools, error) {
	t := Tools{
		WebextShim: filepath.Join(dir, "webext-shim"),
		Esbuild:    filepath.Join(dir, "esbuild"),
		Timeit:     filepath.Join(dir, "timeit"),
	}
	if _, err := goCommand(ctx, moduleDir, "build", "-o", t.Timeit, TimeitPackage); err != nil {
		return Tools{}, fmt.Errorf("building the timeit helper: %w", err)
	}
	if _, err := goCommand(ctx, moduleDir, "build", "-o", t.WebextShim, "./cmd/webext-shim"); err != nil {
		return Tools{}, fmt.Errorf("building webext-shim: %w", err)
	}
	if _, err := goCommand(ctx, moduleDir, "build", "-o", t.Esbuild, EsbuildPackage); err != nil {
		return Tools{}, fmt.Errorf("building esbuild: %w", err)
	}
	v, err := goCommand(ctx, moduleDir, "list", "-m", "-f", "{{.Version}}", "github.com/evanw/esbuild")
	if err != nil {
		return Tools{}, fmt.Errorf("reading esbuild's version: %w", err)
	}
	t.EsbuildVersion = strings.TrimSpace(v)
	return t, nil
}

// goCommand runs the go command in dir and returns its standard output.
func goCommand(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	return stdout.String(), nil
}
