package jsscan

import (
	"bytes"
	"fmt"
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

// esbuildGlobalNames are the Window-only globals FuzzScanGlobalUsesAgainstEsbuild
// defines, window among them, and esbuildGlobalMarkers the identifiers
// esbuild's define puts in their place.
var (
	esbuildGlobalNames   = []string{"document", "window", "localStorage"}
	esbuildGlobalMarkers = []string{"__webext_marker_document__", "__webext_marker_window__", "__webext_marker_localStorage__"}
)

// FuzzScanGlobalUsesAgainstEsbuild checks GlobalUses against the same
// reference as FuzzScanAPIUsesAgainstEsbuild, for document, window and
// localStorage: the number of markers esbuild's define puts in their
// place is, per name, the number of uses GlobalUses reports that are not
// reached through globalThis, window or self (window.document is a use of
// window, and esbuild replaces its window). So a use of a local binding
// of the name is not reported, and every free reference to the global
// is. Source with typeof is left out as well: GlobalUses leaves out every
// use of a name the source tests with typeof, on purpose. Each use is
// also checked to be at its name, with its line and column.
//
// The long run is
//
//	go test ./internal/jsscan -run '^$' -fuzz '^FuzzScanGlobalUsesAgainstEsbuild$' -fuzztime 60s -parallel 1
func FuzzScanGlobalUsesAgainstEsbuild(f *testing.F) {
	addSeeds(f)
	define := map[string]string{}
	for i, name := range esbuildGlobalNames {
		define[name] = esbuildGlobalMarkers[i]
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) || bytes.Contains(src, []byte("__webext_marker_")) || regexAfterBrace.Match(src) || bytes.Contains(src, []byte("typeof")) {
			return
		}
		r := api.Transform(string(src), api.TransformOptions{Loader: api.LoaderJS, Define: define})
		if len(r.Errors) > 0 {
			return // not JavaScript esbuild parses
		}
		want := make([]int, len(esbuildGlobalNames))
		for i, marker := range esbuildGlobalMarkers {
			want[i] = strings.Count(string(r.Code), marker)
		}
		got := make([]int, len(esbuildGlobalNames))
		uses := GlobalUses(src, esbuildGlobalNames)
		for _, u := range uses {
			if !bytes.HasPrefix(src[u.Offset:], []byte(u.Name)) {
				t.Fatalf("GlobalUses(%q): %s at %d is not at its name", src, u.Name, u.Offset)
			}
			if line, col := lineColumn(src, u.Offset); u.Line != line || u.Column != col {
				t.Fatalf("GlobalUses(%q): %s at %d is at %d:%d, want %d:%d", src, u.Name, u.Offset, u.Line, u.Column, line, col)
			}
			if !viaGlobalObject(src, u.Offset) {
				got[slices.Index(esbuildGlobalNames, u.Name)]++
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("GlobalUses(%q) reports %v uses of the globals %q:\n%s\nesbuild replaces %v:\n%s", src, got, esbuildGlobalNames, formatGlobalUses(uses), want, r.Code)
		}
	})
}

// formatGlobalUses lists uses one a line, for a failure message.
func formatGlobalUses(uses []GlobalUse) string {
	var b strings.Builder
	for _, u := range uses {
		fmt.Fprintf(&b, "\t%s %q at %d (%d:%d)\n", u.Name, u.Member, u.Offset, u.Line, u.Column)
	}
	if len(uses) == 0 {
		b.WriteString("\tnothing\n")
	}
	return b.String()
}
