package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// buildTool matches a command line that runs a bundler or compiler, which
// makes the files a browser loads out of the sources.
var buildTool = regexp.MustCompile(`(^|[\s;&|/(])(webpack|rollup|vite|parcel|tsc|esbuild|browserify|gulp|grunt|babel|swc|plasmo|wxt)(\s|$|[;&|)])`)

// buildScriptName matches the name of a package.json script that builds.
var buildScriptName = regexp.MustCompile(`^(build|compile|bundle)([:-].*)?$`)

// SkipReason says why the runner does not measure the extension, or returns
// "" when it does. It decides from the files alone:
//
//   - a package.json, in the extension's directory or in one above it up to
//     the root it was found under, with a script that builds (one named
//     build, compile or bundle (or build:..., build-...), or one that runs a
//     bundler or compiler such as webpack, rollup, vite, tsc or esbuild):
//     the extension needs an npm build step before a browser can load it;
//   - the permission "nativeMessaging": the extension talks to a native
//     application that must be installed on the machine.
func SkipReason(ext Extension) string {
	if slices.Contains(ext.Manifest.Permissions, "nativeMessaging") {
		return `needs a native application: permission "nativeMessaging"`
	}
	dir := ext.Dir
	for {
		if reason := npmBuild(filepath.Join(dir, "package.json")); reason != "" {
			rel, err := filepath.Rel(ext.Dir, filepath.Join(dir, "package.json"))
			if err != nil {
				rel = filepath.Join(dir, "package.json")
			}
			return "needs an npm build step: " + filepath.ToSlash(rel) + " " + reason
		}
		if sameDir(dir, ext.Root) {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// npmBuild returns `script "NAME" runs "COMMAND"` for the first script of
// the package.json at path that builds, or "".
func npmBuild(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
	}
	if json.Unmarshal(data, &pkg) != nil {
		return ""
	}
	names := make([]string, 0, len(pkg.Scripts))
	for name := range pkg.Scripts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		cmd := pkg.Scripts[name]
		if buildScriptName.MatchString(name) || buildTool.MatchString(cmd) {
			return fmt.Sprintf("script %q runs %q", name, strings.TrimSpace(cmd))
		}
	}
	return ""
}

// sameDir reports whether a and b name the same directory.
func sameDir(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
