package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

func compatCommand() *command {
	return &command{
		name:    "compat",
		summary: "show what the compat tables say about extension features",
		usage:   "webext-shim compat FEATURE... [--target LIST] [--json]",
		long: `For each feature and target: since when the feature exists, whether every version of
the range has it, its notes (for example Firefox's private-window note, or "not available
in service-worker backgrounds (Manifest V3)" for Chrome), and which shim covers it.
Features are paths below MDN's webextensions tree: runtime.getBackgroundPage,
tabs.executeScript, action, manifest.background.service_worker; APIs, permissions
and manifest keys that only chrome-types knows (offscreen.createDocument,
manifest.permissions.offscreen) are there too, for Chromium only. A start that
browser-compat-data gives only as an upper bound ("≤54") shows as "since ≤54, exact
start unknown", and no version before it counts as missing. Without --target, every
browser's default range is shown.

Examples:
  webext-shim compat runtime.getBackgroundPage --target firefox,chrome
  webext-shim compat extension.getURL --target chrome
  webext-shim compat offscreen.createDocument --target chrome,firefox
  webext-shim compat manifest.background.service_worker --json`,
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			target := fs.StringP("target", "t", "", "targets, for example \"firefox>=115,chrome\" (default: all browsers)")
			asJSON := fs.Bool("json", false, "print one JSON document instead of a table")
			return func(e *env, args []string) int {
				if len(args) == 0 {
					return e.fail(usagef("no feature given; for example: webext-shim compat runtime.getBackgroundPage --target firefox,chrome"))
				}
				list := *target
				if list == "" {
					list = allBrowsers()
				}
				ts, err := resolveTargets(list, nil)
				if err != nil {
					return e.fail(err)
				}
				reports, err := compatReports(args, ts)
				if err != nil {
					var ue *targets.UnknownError
					if errors.As(err, &ue) {
						return e.fail(usageError{err})
					}
					return e.fail(err)
				}
				if *asJSON {
					return writeJSON(e, reports)
				}
				printCompat(e.stdout, reports)
				return exitOK
			}
		},
	}
}

// compatReport is one feature on one target, as printed.
type compatReport struct {
	Feature         string      `json:"feature"`
	Browser         string      `json:"browser"`
	Range           string      `json:"range"`
	Versions        []string    `json:"versions"`
	All             bool        `json:"supportedEverywhere"`
	Since           string      `json:"since,omitempty"`
	SinceApprox     bool        `json:"sinceApprox,omitempty"`
	Approximate     bool        `json:"approximate,omitempty"`
	Removed         string      `json:"removed,omitempty"`
	Missing         []string    `json:"missing,omitempty"`
	Partial         bool        `json:"partial,omitempty"`
	ManifestVersion int         `json:"manifestVersion,omitempty"`
	NoServiceWorker bool        `json:"noServiceWorker,omitempty"`
	PromiseSince    string      `json:"promiseSince,omitempty"`
	Deprecated      string      `json:"deprecated,omitempty"`
	Quirks          []string    `json:"quirks,omitempty"`
	Notes           []string    `json:"notes,omitempty"`
	Shims           []shimCover `json:"shims,omitempty"`
}

type shimCover struct {
	Name    string   `json:"name"`
	Title   string   `json:"title"`
	Needed  bool     `json:"needed"`
	Reasons []string `json:"reasons,omitempty"`
}

func compatReports(features []string, ts []targets.Target) ([]compatReport, error) {
	var out []compatReport
	for _, f := range features {
		for _, t := range ts {
			s, err := targets.Lookup(f, t)
			if err != nil {
				return nil, err
			}
			r := compatReport{
				Feature: s.Feature, Browser: t.Browser.Name, Range: t.String(), Versions: t.Versions,
				All: s.All, Since: s.Since, SinceApprox: s.SinceApprox, Approximate: s.Approximate, Removed: s.Removed, Missing: s.Missing,
				Partial: s.Partial, ManifestVersion: s.ManifestVersion, NoServiceWorker: s.NoServiceWorker,
				PromiseSince: s.PromiseSince, Deprecated: s.Deprecated, Notes: s.Notes,
			}
			for _, q := range s.Quirks {
				r.Quirks = append(r.Quirks, string(q))
			}
			for _, shim := range shims.Covering(shims.All(), s.Feature) {
				if len(shim.Renames) > 0 && !shim.Covers(s.Feature, t) {
					// A rename onto a name the target lacks too.
					continue
				}
				// The background the output has when the source's is a
				// service worker: the case where the most is needed.
				out := shims.Output{Background: shims.DefaultBackground(t, shims.BackgroundServiceWorker), ManifestVersion: shims.DefaultManifestVersion(t, 3)}
				needs, err := shims.Needs(shims.All(), t, out)
				if err != nil {
					return nil, err
				}
				c := shimCover{Name: shim.Name, Title: shim.Title}
				for _, n := range needs {
					if n.Shim.Name == shim.Name {
						c.Needed = true
						for _, why := range n.Reasons {
							if strings.HasPrefix(why, s.Feature+": ") {
								c.Reasons = append(c.Reasons, strings.TrimPrefix(why, s.Feature+": "))
							}
						}
						if len(c.Reasons) == 0 {
							// A shim needed for the output as a whole (a rename
							// for Manifest V3), not per feature.
							c.Reasons = n.Reasons
						}
					}
				}
				if len(shim.Renames) > 0 && !c.Needed {
					// A rename only matters where the target needs it.
					continue
				}
				r.Shims = append(r.Shims, c)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// status is the one-word-ish verdict of a report.
func (r compatReport) status() string {
	var s string
	switch {
	case r.Since == "" || r.Since == targets.Preview:
		s = "not supported"
	case r.All:
		s = "supported"
	case len(r.Missing) == len(r.Versions):
		s = "not supported in this range"
	default:
		s = "missing in " + r.Missing[0]
		if len(r.Missing) > 1 {
			s += "-" + r.Missing[len(r.Missing)-1]
		}
	}
	if r.Partial {
		s += " (partial)"
	}
	switch r.ManifestVersion {
	case 2:
		s += ", Manifest V2 only"
	case 3:
		s += ", Manifest V3 only"
	}
	return s
}

func (r compatReport) since() string {
	switch {
	case r.Since == "":
		return "-"
	case r.SinceApprox:
		return "≤" + r.Since
	}
	return r.Since
}

func printCompat(w io.Writer, reports []compatReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	last := ""
	for _, r := range reports {
		if r.Feature != last {
			if last != "" {
				fmt.Fprintln(tw)
			}
			fmt.Fprintf(tw, "%s\n", r.Feature)
			fmt.Fprintf(tw, "  TARGET\tSINCE\tSTATUS\n")
			last = r.Feature
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Range, r.since(), r.status())
		var lines []string
		if r.SinceApprox && r.Since != "" {
			lines = append(lines, "since "+r.since()+", exact start unknown")
		}
		lines = append(lines, r.Notes...)
		if r.PromiseSince != "" {
			lines = append(lines, "chrome."+r.Feature+" returns a promise since Chrome "+r.PromiseSince)
		}
		if r.Deprecated != "" {
			lines = append(lines, "deprecated: "+r.Deprecated)
		}
		if r.Removed != "" {
			lines = append(lines, "removed in "+r.Removed)
		}
		if r.ManifestVersion == 2 && r.Browser != "" && isChromium(r.Browser) {
			lines = append(lines, "webext-shim's output for "+r.Browser+" is Manifest V3: not available there")
		}
		for _, c := range r.Shims {
			if c.Needed {
				lines = append(lines, "shim: "+c.Name+" ("+c.Title+"): "+strings.Join(c.Reasons, "; "))
			} else {
				lines = append(lines, "shim: "+c.Name+" not needed")
			}
		}
		for _, l := range lines {
			fmt.Fprintf(tw, "  \t\t  %s\n", l)
		}
	}
	tw.Flush()
}

func isChromium(browser string) bool {
	b, err := targets.LookupBrowser(browser)
	return err == nil && b.Family == targets.Chromium
}

func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.fail(fmt.Errorf("writing JSON: %w", err))
	}
	return exitOK
}
