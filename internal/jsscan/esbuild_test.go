package jsscan

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// esbuildMarkers are the identifiers esbuild's define puts in place of the
// global chrome and browser in FuzzScanAPIUsesAgainstEsbuild.
var esbuildMarkers = [2]string{"__webext_marker_chrome__", "__webext_marker_browser__"}

// FuzzScanAPIUsesAgainstEsbuild checks APIUses against the reference, what
// esbuild's define replaces: on source esbuild parses, transformed with
// chrome and browser defined as marker identifiers, the number of markers
// in the output is, per namespace, the number of uses APIUses reports
// that are not reached through globalThis, window or self (a define of
// chrome does not replace globalThis.chrome). esbuild replaces only the
// global, so this checks that a use of a local binding (a parameter, a
// variable, a catch parameter, an import) is not reported, and that every
// use of the global is. Source with a '/' after a '}' is left out: there
// the scanner knowingly takes a regular expression for a division.
//
// The seed corpus runs with go test; the long run is
//
//	go test ./internal/jsscan -run '^$' -fuzz '^FuzzScanAPIUsesAgainstEsbuild$' -fuzztime 60s -parallel 1
func FuzzScanAPIUsesAgainstEsbuild(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) || bytes.Contains(src, []byte("__webext_marker_")) || regexAfterBrace.Match(src) {
			return
		}
		r := api.Transform(string(src), api.TransformOptions{
			Loader: api.LoaderJS,
			Define: map[string]string{"chrome": esbuildMarkers[0], "browser": esbuildMarkers[1]},
		})
		if len(r.Errors) > 0 {
			return // not JavaScript esbuild parses
		}
		var want, got [2]int
		for ns, marker := range esbuildMarkers {
			want[ns] = strings.Count(string(r.Code), marker)
		}
		uses := APIUses(src)
		for _, u := range uses {
			if !viaGlobalObject(src, u.Offset) {
				got[slices.Index(apiNamespaces, u.Namespace)]++
			}
		}
		if got != want {
			t.Fatalf("APIUses(%q) reports %d chrome and %d browser uses of the globals:\n%s\nesbuild replaces %d and %d:\n%s", src, got[0], got[1], formatUses(uses), want[0], want[1], r.Code)
		}
	})
}

// viaGlobalObject reports whether the identifier at off is a member of
// globalThis, window or self: "globalThis.", "window?.", ... before it.
// (A '.' alone is not enough: it may end a comment or a hashbang line, as
// in "#!x.\nchrome", a finding of the fuzz test.)
func viaGlobalObject(src []byte, off int) bool {
	return globalObjectMember.Match(src[:off])
}

// globalObjectMember matches source ending in a member access of the
// global object.
var globalObjectMember = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_$.])(?:globalThis|window|self)\s*\??\.\s*$`)

// regexAfterBrace matches a '/' after a '}', where the scanner takes a
// regular expression for a division (see the package's tokenizer notes).
var regexAfterBrace = regexp.MustCompile(`}[\s]*/`)
