package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/pflag"
	"github.com/webext-shim/webext-shim/targets"
)

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version and where the compat data comes from",
		usage:   "webext-shim version [--json]",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			asJSON := fs.Bool("json", false, "print one JSON document")
			return func(e *env, args []string) int {
				if len(args) > 0 {
					return e.fail(usagef("version takes no arguments, got %q", args))
				}
				src, err := targets.DataSources()
				if err != nil {
					return e.fail(err)
				}
				v := toolVersion()
				if *asJSON {
					return writeJSON(e, struct {
						Version string          `json:"version"`
						Data    targets.Sources `json:"data"`
					}{v, src})
				}
				fmt.Fprintf(e.stdout, "webext-shim %s\n", v)
				fmt.Fprintf(e.stdout, "compat data: @mdn/browser-compat-data %s (snapshot %s), chrome-types %s (generated %s)\n",
					src.BCD, src.Date, src.ChromeTypes, src.ChromeTypesDate)
				return exitOK
			}
		},
	}
}

// toolVersion is the module version the binary was built from ("devel" in a
// work tree).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
