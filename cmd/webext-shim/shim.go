package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

func shimCommand() *command {
	return &command{
		name:    "shim",
		summary: "write a standalone shim script for an unbundled extension",
		usage:   "webext-shim shim --target LIST [--api PATHS] [--minify] [-o FILE]",
		long: `Writes one script that makes the shimmed browser.* and chrome.* APIs behave the same on
every target. Load it first in every context of the extension: the first <script> of each
extension page, the first entry of background.scripts, or importScripts() it first in a
classic service worker. Without -o the script goes to standard output. A target list that
needs no shim gives a script that does nothing, and says so.

Examples:
  webext-shim shim --target firefox,chrome -o vendor/webext-shim.js
  webext-shim shim --target "chrome>=120" --api runtime.getBackgroundPage --minify`,
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			target := fs.StringP("target", "t", "", "targets, for example \"firefox,chrome>=120\" (required)")
			apis := fs.StringSlice("api", nil, "only the shims providing these APIs, for example runtime.getBackgroundPage")
			out := fs.StringP("output", "o", "", "write the script to `FILE` instead of standard output")
			minify := fs.Bool("minify", false, "minify the script")
			quiet := fs.BoolP("quiet", "q", false, "print nothing but errors")
			return func(e *env, args []string) int {
				if len(args) > 0 {
					return e.fail(usagef("shim takes no arguments, got %q", args))
				}
				if *target == "" {
					return e.fail(usagef("--target is required, for example --target firefox,chrome"))
				}
				ts, err := resolveTargets(*target, nil)
				if err != nil {
					return e.fail(err)
				}
				s, err := shims.RenderStandalone(ts, shims.StandaloneOptions{APIs: *apis, Minify: *minify})
				if err != nil {
					if strings.HasPrefix(err.Error(), "no shim provides") {
						return e.fail(usageError{err})
					}
					return e.fail(err)
				}
				if *out == "" {
					if _, err := e.stdout.Write(s.Code); err != nil {
						return e.fail(err)
					}
				} else if err := writeFileAtomic(*out, s.Code); err != nil {
					return e.fail(err)
				}
				if !*quiet {
					printShimSummary(e, ts, s, *out)
				}
				return exitOK
			}
		},
	}
}

func printShimSummary(e *env, ts []targets.Target, s shims.Script, out string) {
	for i, t := range ts {
		if len(s.Needs[i]) == 0 {
			fmt.Fprintf(e.stderr, "%s: no shim needed\n", t)
			continue
		}
		for _, n := range s.Needs[i] {
			fmt.Fprintf(e.stderr, "%s: %s (%s)\n", t, n.Shim.Name, strings.Join(n.Reasons, "; "))
		}
	}
	if out != "" {
		fmt.Fprintf(e.stderr, "wrote %s (%d bytes)\n", out, len(s.Code))
	}
}

// writeFileAtomic writes data to name through a temporary file in the same
// directory, so that a reader never sees half a file.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, ".webext-shim-*")
	if err != nil {
		return fmt.Errorf("writing %q: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %q: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %q: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %q: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("writing %q: %w", name, err)
	}
	return nil
}
