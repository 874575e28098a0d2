package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// browserKeys maps our browser names to BCD's keys, for exactly the seven
// browsers webext-shim knows.
var browserKeys = map[string]string{
	"chrome":          "chrome",
	"edge":            "edge",
	"opera":           "opera",
	"firefox":         "firefox",
	"firefox-android": "firefox_android",
	"safari":          "safari",
	"safari-ios":      "safari_ios",
}

// bcdResult is what the generator takes from data.json.
type bcdResult struct {
	version  string
	date     string
	browsers map[string]browser
	features map[string]feature
	mvStats  *mvStats
}

// browser is one entry of the output's "browsers".
type browser struct {
	Name     string    `json:"name"`
	Releases []release `json:"releases"`
}

// release is one browser release.
type release struct {
	V             string `json:"v"`
	Date          string `json:"date,omitempty"`
	Status        string `json:"status,omitempty"`
	Engine        string `json:"engine,omitempty"`
	EngineVersion string `json:"engineVersion,omitempty"`
}

// feature is one entry of the output's "features".
type feature struct {
	Support map[string][]statement `json:"support"`
	// Source is "chrome-types" for a feature browser-compat-data lacks that
	// the generator made from chrome-types (chromeonly.go); "" for BCD's.
	Source string `json:"source,omitempty"`
	// NotInChromeTypes is set on a BCD feature that BCD lists as a Chrome
	// API but chrome-types, which declares Chrome's Manifest V3 API only,
	// does not declare (notinmv3.go).
	NotInChromeTypes bool `json:"notInChromeTypes,omitempty"`
}

// statement is one normalised BCD support statement.
type statement struct {
	Added         string   `json:"added,omitempty"`
	Approx        bool     `json:"approx,omitempty"`
	Removed       string   `json:"removed,omitempty"`
	RemovedApprox bool     `json:"removedApprox,omitempty"`
	Partial       bool     `json:"partial,omitempty"`
	Prefix        string   `json:"prefix,omitempty"`
	AltName       string   `json:"altName,omitempty"`
	Flags         bool     `json:"flags,omitempty"`
	MV            int      `json:"mv,omitempty"`
	MV3Since      string   `json:"mv3Since,omitempty"`
	MV3Removed    string   `json:"mv3Removed,omitempty"`
	Notes         []string `json:"notes,omitempty"`
	Unknown       bool     `json:"unknown,omitempty"`
}

// rawStatement is a support statement as BCD writes it.
type rawStatement struct {
	VersionAdded          json.RawMessage `json:"version_added"`
	VersionRemoved        json.RawMessage `json:"version_removed"`
	PartialImplementation bool            `json:"partial_implementation"`
	Prefix                string          `json:"prefix"`
	AlternativeName       string          `json:"alternative_name"`
	Flags                 json.RawMessage `json:"flags"`
	Notes                 json.RawMessage `json:"notes"`
}

// parseBCD reads data.json: __meta, the seven browsers and the
// webextensions tree.
func parseBCD(data []byte) (*bcdResult, error) {
	var top struct {
		Meta struct {
			Version   string `json:"version"`
			Timestamp string `json:"timestamp"`
		} `json:"__meta"`
		Browsers      map[string]json.RawMessage `json:"browsers"`
		WebExtensions json.RawMessage            `json:"webextensions"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("decoding: %w", err)
	}
	if top.Meta.Version == "" {
		return nil, fmt.Errorf("no __meta.version")
	}
	ts, err := time.Parse(time.RFC3339, top.Meta.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("__meta.timestamp %q: %w", top.Meta.Timestamp, err)
	}
	res := &bcdResult{
		version:  top.Meta.Version,
		date:     ts.UTC().Format(time.DateOnly),
		browsers: make(map[string]browser),
		features: make(map[string]feature),
		mvStats:  newMVStats(),
	}
	for ours, key := range browserKeys {
		raw, ok := top.Browsers[key]
		if !ok {
			return nil, fmt.Errorf("no browser %q", key)
		}
		b, err := parseBrowser(raw)
		if err != nil {
			return nil, fmt.Errorf("browser %q: %w", key, err)
		}
		res.browsers[ours] = b
	}
	if len(top.WebExtensions) == 0 {
		return nil, fmt.Errorf("no webextensions tree")
	}
	if err := walkFeatures(top.WebExtensions, nil, res); err != nil {
		return nil, err
	}
	if len(res.features) == 0 {
		return nil, fmt.Errorf("no features in the webextensions tree")
	}
	return res, nil
}

// parseBrowser reads one browser's name and releases.
func parseBrowser(raw json.RawMessage) (browser, error) {
	var b struct {
		Name     string `json:"name"`
		Releases map[string]struct {
			ReleaseDate   string `json:"release_date"`
			Status        string `json:"status"`
			Engine        string `json:"engine"`
			EngineVersion string `json:"engine_version"`
		} `json:"releases"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return browser{}, err
	}
	out := browser{Name: b.Name, Releases: []release{}}
	for v, r := range b.Releases {
		if !numericVersion.MatchString(v) {
			return browser{}, fmt.Errorf("release %q is not a numeric version", v)
		}
		out.Releases = append(out.Releases, release{
			V: v, Date: r.ReleaseDate, Status: r.Status, Engine: r.Engine, EngineVersion: r.EngineVersion,
		})
	}
	if len(out.Releases) == 0 {
		return browser{}, fmt.Errorf("no releases")
	}
	sort.Slice(out.Releases, func(i, j int) bool {
		return compareNumeric(out.Releases[i].V, out.Releases[j].V) < 0
	})
	return out, nil
}

// numericVersion matches the release versions BCD uses: "1", "15.4", "3.6.1".
var numericVersion = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)

// compareNumeric compares two numeric versions part by part; "10" sorts
// before "10.1", which sorts before "11".
func compareNumeric(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, _ := strconv.ParseUint(pa[i], 10, 64)
		y, _ := strconv.ParseUint(pb[i], 10, 64)
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(pa) != len(pb):
		return len(pa) - len(pb)
	default:
		return strings.Compare(a, b) // "01" and "1": keep a total order
	}
}

// walkFeatures visits every node of the webextensions tree; a node with
// __compat becomes a feature keyed by its path without "api.".
func walkFeatures(raw json.RawMessage, path []string, res *bcdResult) error {
	var node map[string]json.RawMessage
	if err := json.Unmarshal(raw, &node); err != nil {
		return fmt.Errorf("webextensions.%s: %w", strings.Join(path, "."), err)
	}
	if c, ok := node["__compat"]; ok {
		key := featureKey(path)
		if _, dup := res.features[key]; dup {
			return fmt.Errorf("two features are both called %q", key)
		}
		f, err := parseCompat(c, key, res.mvStats)
		if err != nil {
			return fmt.Errorf("webextensions.%s: %w", strings.Join(path, "."), err)
		}
		res.features[key] = f
	}
	for k, v := range node {
		if k == "__compat" || !bytes.HasPrefix(bytes.TrimSpace(v), []byte("{")) {
			continue
		}
		if err := walkFeatures(v, append(path[:len(path):len(path)], k), res); err != nil {
			return err
		}
	}
	return nil
}

// featureKey turns a path below webextensions into a feature key:
// api.runtime.getBackgroundPage -> runtime.getBackgroundPage; manifest.* and
// match_patterns.* keep their first part.
func featureKey(path []string) string {
	if len(path) > 1 && path[0] == "api" {
		path = path[1:]
	}
	return strings.Join(path, ".")
}

// parseCompat normalises one __compat's support block.
func parseCompat(raw json.RawMessage, key string, stats *mvStats) (feature, error) {
	var c struct {
		Support map[string]json.RawMessage `json:"support"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return feature{}, err
	}
	f := feature{Support: make(map[string][]statement)}
	for ours, bkey := range browserKeys {
		v, ok := c.Support[bkey]
		if !ok {
			// BCD: a browser that is not listed is not known about.
			f.Support[ours] = []statement{{Unknown: true}}
			continue
		}
		var list []rawStatement
		if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '[' {
			if err := json.Unmarshal(v, &list); err != nil {
				return feature{}, fmt.Errorf("support.%s: %w", bkey, err)
			}
		} else {
			var one rawStatement
			if err := json.Unmarshal(v, &one); err != nil {
				return feature{}, fmt.Errorf("support.%s: %w", bkey, err)
			}
			list = []rawStatement{one}
		}
		sts := []statement{}
		for _, r := range list {
			st, keep, err := normaliseStatement(r, key+" "+bkey, stats)
			if err != nil {
				return feature{}, fmt.Errorf("support.%s: %w", bkey, err)
			}
			if keep {
				sts = append(sts, st)
			}
		}
		f.Support[ours] = sts
	}
	return f, nil
}

// normaliseStatement turns one BCD statement into ours. keep is false for a
// statement that says "not supported" (version_added false): it carries
// nothing the reader needs. where names the statement in reports.
func normaliseStatement(r rawStatement, where string, stats *mvStats) (statement, bool, error) {
	added, err := normaliseValue(r.VersionAdded)
	if err != nil {
		return statement{}, false, fmt.Errorf("version_added: %w", err)
	}
	switch {
	case added.never:
		return statement{}, false, nil
	case added.unknown:
		return statement{Unknown: true}, true, nil
	}
	removed, err := normaliseValue(r.VersionRemoved)
	if err != nil {
		return statement{}, false, fmt.Errorf("version_removed: %w", err)
	}
	st := statement{
		Added:   added.v,
		Approx:  added.approx,
		Partial: r.PartialImplementation,
		Prefix:  r.Prefix,
		AltName: r.AlternativeName,
		Flags:   len(r.Flags) > 0 && !bytes.Equal(bytes.TrimSpace(r.Flags), []byte("null")),
	}
	if !removed.never && !removed.unknown {
		st.Removed, st.RemovedApprox = removed.v, removed.approx
	}
	notes, err := decodeNotes(r.Notes)
	if err != nil {
		return statement{}, false, fmt.Errorf("notes: %w", err)
	}
	var mvs []mvInfo
	for _, n := range notes {
		text := stripHTML(n)
		st.Notes = append(st.Notes, text)
		mvs = append(mvs, classifyNote(text))
	}
	mv, err := mergeMV(mvs)
	stats.add(where, st.Notes, mvs, err)
	if err == nil {
		st.MV, st.MV3Since, st.MV3Removed = mv.mv, mv.mv3Since, mv.mv3Removed
	}
	return st, true, nil
}

// decodeNotes reads BCD's notes, a string or a list of strings.
func decodeNotes(raw json.RawMessage) ([]string, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return nil, nil
	}
	if t[0] == '[' {
		var list []string
		err := json.Unmarshal(t, &list)
		return list, err
	}
	var one string
	err := json.Unmarshal(t, &one)
	return []string{one}, err
}

// bcdVersion is a normalised BCD version value.
type bcdVersion struct {
	v       string // "54", "15.4" or "preview"
	approx  bool   // BCD gave "≤54" or true
	never   bool   // false (or absent): not supported / not removed
	unknown bool   // null: BCD does not know
}

// normaliseValue normalises a version_added or version_removed value: a
// version string, true, false or null.
func normaliseValue(raw json.RawMessage) (bcdVersion, error) {
	t := bytes.TrimSpace(raw)
	switch string(t) {
	case "", "false":
		return bcdVersion{never: true}, nil
	case "null":
		return bcdVersion{unknown: true}, nil
	case "true":
		return bcdVersion{v: "1", approx: true}, nil
	}
	var s string
	if err := json.Unmarshal(t, &s); err != nil {
		return bcdVersion{}, fmt.Errorf("version %s is neither a string, true, false nor null", t)
	}
	v, approx, err := normaliseVersion(s)
	if err != nil {
		return bcdVersion{}, err
	}
	return bcdVersion{v: v, approx: approx}, nil
}

// normaliseVersion normalises a BCD version string: "54" and "15.4" stay,
// "≤54" becomes "54" with approx set, "preview" stays "preview" (the reader
// sorts it after every release). Anything else is an error.
func normaliseVersion(s string) (v string, approx bool, err error) {
	if s == "preview" {
		return s, false, nil
	}
	v = s
	if rest, ok := strings.CutPrefix(s, "≤"); ok {
		v, approx = rest, true
	}
	if !numericVersion.MatchString(v) {
		return "", false, fmt.Errorf("unknown version %q", s)
	}
	return v, approx, nil
}
