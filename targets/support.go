package targets

import (
	"strings"
)

// Support is what the tables say about one feature on one target.
type Support struct {
	// Feature is the canonical feature path, such as
	// "runtime.getBackgroundPage".
	Feature string
	// Target is the target asked about.
	Target Target
	// All is set when every version of the range has the feature.
	All bool
	// Missing lists the versions of the range that lack it, oldest first.
	Missing []string
	// Since is the first version with the feature ("" if no version has it);
	// SinceApprox is set when BCD gives only an upper bound ("≤54"): the
	// feature is there in Since, and may be in earlier versions.
	Since       string
	SinceApprox bool
	// Approximate is set when versions of the range before an approximate
	// start ("≤54": supported, exact start unknown) are counted as having
	// the feature: no absence is drawn from an upper bound, so those
	// versions are not in Missing.
	Approximate bool
	// Removed is the version that removed it, if any.
	Removed string
	// Partial is set when some version of the range has only a partial
	// implementation.
	Partial bool
	// Unknown is set when BCD does not know whether the browser has it.
	Unknown bool
	// ManifestVersion is 2 or 3 when the feature exists in that manifest
	// version only, 0 when in both.
	ManifestVersion int
	// NoServiceWorker is set when the feature does not exist in a
	// service-worker background (the family's Manifest V3 background).
	NoServiceWorker bool
	// PromiseSince is, for Chromium, the first version whose chrome.* method
	// returns a promise; "" for callback-only methods and other families.
	PromiseSince string
	// AltName is, when every version of the range that lacks the feature
	// has it under one other name, that name (BCD's altName:
	// "contextMenus.create" for menus.create on Chrome).
	AltName string
	// Deprecated is the deprecation text, if any.
	Deprecated string
	// Quirks are behaviour differences the shims care about.
	Quirks []Quirk
	// Notes are the notes of BCD and of the overlay that apply, deduplicated.
	Notes []string
}

// AvailableIn reports whether the feature is usable in manifest version mv
// on every version of the range, leaving service workers aside.
func (s Support) AvailableIn(mv int) bool {
	return s.All && (s.ManifestVersion == 0 || s.ManifestVersion == mv)
}

// Lookup answers what the tables say about feature on target t. The feature
// is a path below BCD's webextensions tree: "runtime.getBackgroundPage",
// "manifest.background.service_worker"; the prefixes "browser.", "chrome."
// and "api." are accepted. An unknown feature gives an *UnknownError with
// close matches.
func Lookup(feature string, t Target) (Support, error) {
	tab, err := tables()
	if err != nil {
		return Support{}, err
	}
	name, err := canonicalFeature(tab, feature)
	if err != nil {
		return Support{}, err
	}
	s := Support{Feature: name, Target: t}
	f, err := tab.feature(name)
	if err != nil {
		return Support{}, err
	}
	statements := f.Support[t.Browser.Name]
	ov, ok, err := overlaySupport(name, t.Browser)
	if err != nil {
		return Support{}, err
	}
	if ok {
		statements = ov
	}
	s.evaluate(statements)
	m, ok, err := chromeMember(tab, name)
	if err != nil {
		return Support{}, err
	}
	if ok && t.Browser.Family == Chromium {
		s.PromiseSince = m.PromiseSince
		s.NoServiceWorker = s.NoServiceWorker || m.NoServiceWorker
		if m.Deprecated != "" {
			s.Deprecated = m.Deprecated
			if m.DeprecatedSince != "" {
				s.Deprecated += " (deprecated since Chrome " + m.DeprecatedSince + ")"
			}
		}
		if s.ManifestVersion == 0 && m.MinManifest == 3 {
			s.ManifestVersion = 3
		}
		if s.ManifestVersion == 0 && m.MaxManifest == 2 {
			s.ManifestVersion = 2
		}
	}
	if t.Browser.Family == Chromium && f.NotInChromeTypes && s.ManifestVersion == 0 {
		if _, ok := overlayInManifestV3[name]; !ok {
			// The generator's derivation: BCD has it, Chrome's Manifest V3
			// API (chrome-types) does not. Chromium's extension system is
			// Chrome's in Edge and Opera too.
			s.ManifestVersion = 2
			s.Notes = appendUnique(s.Notes, NoteNotInManifestV3)
		}
	}
	if f.Source == sourceChromeTypes {
		s.Notes = appendUnique(s.Notes, NoteChromeTypesOnly)
	}
	if s.ManifestVersion == 0 {
		// A member of a namespace that exists in one manifest version only
		// (browserAction, pageAction: Manifest V2; action: Manifest V3)
		// exists there only too, though BCD marks only the namespace. The
		// nearest known ancestor decides (and inherits from its own).
		for parent := name; strings.Contains(parent, "."); {
			parent = parent[:strings.LastIndex(parent, ".")]
			if tab.hasFeature(parent) {
				if ps, err := Lookup(parent, t); err == nil {
					s.ManifestVersion = ps.ManifestVersion
				}
				break
			}
		}
	}
	for _, facts := range [...][]fact{overlayFacts, overlayManifestFacts} {
		for _, f := range facts {
			if !f.applies(name, t.Browser) {
				continue
			}
			switch f.kind {
			case factNoServiceWorker:
				s.NoServiceWorker = true
			case factQuirk:
				s.Quirks = appendUnique(s.Quirks, f.quirk)
			case factManifestV3Only:
				s.ManifestVersion = 3
			}
			s.Notes = appendUnique(s.Notes, f.note)
		}
	}
	return s, nil
}

// evaluate fills the version facts from the statements of one browser.
func (s *Support) evaluate(statements []Statement) {
	for _, st := range statements {
		if st.Unknown {
			s.Unknown = true
		}
		if !usable(st) {
			continue
		}
		if s.Since == "" || compareVersions(st.Added, s.Since) < 0 {
			s.Since, s.SinceApprox = st.Added, st.Approx
			s.Removed = st.Removed
		}
		if st.MV != 0 {
			s.ManifestVersion = st.MV
		}
	}
	for _, v := range s.Target.Versions {
		st, ok := statementFor(statements, v)
		if !ok {
			if st, ok = approximateStatementFor(statements, v); ok {
				s.Approximate = true
			}
		}
		if !ok {
			s.Missing = append(s.Missing, v)
			continue
		}
		if st.Partial {
			s.Partial = true
		}
		for _, n := range st.Notes {
			s.Notes = appendUnique(s.Notes, n)
		}
	}
	s.All = len(s.Missing) == 0
	// The versions that lack the feature under its own name may all have it
	// under one other name (BCD's altName: contextMenus for menus on Chrome).
	alt := ""
	for _, v := range s.Missing {
		st, ok := altStatementFor(statements, v)
		if !ok || alt != "" && st.AltName != alt {
			return
		}
		alt = st.AltName
	}
	s.AltName = alt
}

// altStatementFor returns the statement that covers version v under an
// alternative name, if any.
func altStatementFor(statements []Statement, v string) (Statement, bool) {
	for _, st := range statements {
		if st.AltName == "" || st.Added == "" || st.Flags || st.Prefix != "" || st.Unknown || st.Added == Preview {
			continue
		}
		if compareVersions(v, st.Added) >= 0 && (st.Removed == "" || compareVersions(v, st.Removed) < 0) {
			return st, true
		}
	}
	return Statement{}, false
}

// usable reports whether a statement describes the feature under its own
// name, enabled by default.
func usable(st Statement) bool {
	return st.Added != "" && !st.Flags && st.Prefix == "" && st.AltName == "" && !st.Unknown
}

// statementFor returns the statement that covers version v, if any.
func statementFor(statements []Statement, v string) (Statement, bool) {
	for _, st := range statements {
		if !usable(st) || st.Added == Preview {
			continue
		}
		if compareVersions(v, st.Added) >= 0 && (st.Removed == "" || compareVersions(v, st.Removed) < 0) {
			return st, true
		}
	}
	return Statement{}, false
}

// sourceChromeTypes is the Source of the features the generator made from
// chrome-types.
const sourceChromeTypes = "chrome-types"

// approximateStatementFor returns the statement with an approximate start
// ("≤54": supported, exact start unknown) that may cover version v, which
// is before that start, if any. BCD's "≤N" says the feature is in N and
// that nobody recorded since when: no absence follows from it.
func approximateStatementFor(statements []Statement, v string) (Statement, bool) {
	for _, st := range statements {
		if !usable(st) || !st.Approx || st.Added == Preview {
			continue
		}
		if compareVersions(v, st.Added) < 0 {
			return st, true
		}
	}
	return Statement{}, false
}

func chromeMember(tab *table, feature string) (ChromeMember, bool, error) {
	m, ok, err := tab.chrome(feature)
	if err != nil {
		return ChromeMember{}, false, err
	}
	// Namespace-level restrictions apply to every member.
	for ns := feature; ; {
		i := strings.LastIndexByte(ns, '.')
		if i < 0 {
			break
		}
		ns = ns[:i]
		parent, found, err := tab.chrome(ns)
		if err != nil {
			return ChromeMember{}, false, err
		}
		if found && parent.Kind == "namespace" {
			m.NoServiceWorker = m.NoServiceWorker || parent.NoServiceWorker
			if m.MinManifest == 0 {
				m.MinManifest = parent.MinManifest
			}
			if m.MaxManifest == 0 {
				m.MaxManifest = parent.MaxManifest
			}
			ok = true
		}
	}
	return m, ok, nil
}

// canonicalFeature maps what a user wrote onto a feature key.
func canonicalFeature(tab *table, feature string) (string, error) {
	name := strings.TrimSpace(feature)
	for _, p := range []string{"webextensions.", "browser.", "chrome.", "api."} {
		name = strings.TrimPrefix(name, p)
	}
	name = strings.TrimSuffix(name, "()")
	if tab.hasFeature(name) {
		return name, nil
	}
	for _, f := range overlayFeatures {
		if f.name == name {
			return name, nil
		}
	}
	return "", unknownFeature(tab, feature, name)
}

func unknownFeature(tab *table, asked, name string) error {
	suggestions := closest(name, tab.featureNames, 3)
	if len(suggestions) == 0 {
		// Same last element in another namespace: "getBackgroundPage".
		last := name[strings.LastIndexByte(name, '.')+1:]
		for _, f := range tab.featureNames {
			if strings.HasSuffix(f, "."+last) || strings.EqualFold(f, name) {
				suggestions = append(suggestions, f)
				if len(suggestions) == 3 {
					break
				}
			}
		}
	}
	msg := "unknown feature " + quote(asked)
	if len(suggestions) > 0 {
		msg += "; did you mean " + strings.Join(quoteAll(suggestions), " or ") + "?"
	} else {
		msg += "; features are paths such as \"runtime.getBackgroundPage\" or \"manifest.background.service_worker\""
	}
	return &UnknownError{Kind: "feature", Name: asked, Suggestions: suggestions, msg: msg}
}

func appendUnique[T comparable](list []T, v T) []T {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
