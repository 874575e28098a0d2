package targets

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// DefaultWindow is how far back from the data snapshot's date a query
// without a version reaches: every release of the last 24 months.
const DefaultWindow = 24

// Origin says where a target's range came from.
type Origin string

// The origins of a range.
const (
	// FromQuery: the query gave a version or constraint.
	FromQuery Origin = "query"
	// FromManifest: the query gave none and the manifest declares a minimum
	// version (minimum_chrome_version, gecko strict_min_version).
	FromManifest Origin = "manifest"
	// FromDefault: neither did; the releases of the last 24 months before the
	// data snapshot.
	FromDefault Origin = "default"
)

// Target is a browser and a concrete range of its releases.
type Target struct {
	Browser Browser
	// Versions are the known releases in the range, oldest first; never
	// empty.
	Versions []string
	// Origin says where the range came from.
	Origin Origin
	// Constraint is the constraint that chose Versions, in Masterminds/semver
	// syntax.
	Constraint string
	// OpenEnded is set when the range admits releases newer than the newest
	// the tables know; they are assumed to behave like the newest.
	OpenEnded bool
}

// Min returns the oldest release in the range.
func (t Target) Min() string { return t.Versions[0] }

// Max returns the newest known release in the range.
func (t Target) Max() string { return t.Versions[len(t.Versions)-1] }

// String formats the target as "chrome 131-157+" ("+" for an open range), or
// "chrome 120" for a single release.
func (t Target) String() string {
	s := t.Browser.Name + " " + t.Min()
	if t.Max() != t.Min() {
		s += "-" + t.Max()
	}
	if t.OpenEnded {
		s += "+"
	}
	return s
}

// Resolve turns a query into a target. manifestMin is the minimum version
// the extension's manifest declares for this browser ("" if none); it is
// used only when the query gives no version.
func Resolve(q Query, manifestMin string) (Target, error) {
	t, err := tables()
	if err != nil {
		return Target{}, err
	}
	releases := t.Browsers[q.Browser.Name].Releases
	newest := releases[len(releases)-1].Version
	switch {
	case q.constraint != nil:
		return resolveConstraint(q, q.Constraint, FromQuery, releases, newest)
	case manifestMin != "":
		v, _, ok := NormaliseVersion(manifestMin)
		if !ok || v == Preview {
			return Target{}, fmt.Errorf("invalid minimum version %q for %s in the manifest", manifestMin, q.Browser.Name)
		}
		return resolveConstraint(q, ">="+releaseOf(releases, v), FromManifest, releases, newest)
	}
	return defaultRange(q.Browser, t.Sources.Date, releases)
}

// releaseOf returns the release whose series holds version v: the newest
// known release whose parts begin v's ("88" for Chrome's 88.0.4324, "17.4"
// for Safari's 17.4.1, "115" for Firefox's 115.0.1), else v itself. A
// declared minimum inside a release's series admits that release: the
// extension runs on its later builds.
func releaseOf(releases []Release, v string) string {
	parts := strings.Split(v, ".")
	for i := len(releases) - 1; i >= 0; i-- {
		r := releases[i].Version
		rp := strings.Split(r, ".")
		if len(rp) <= len(parts) && slices.Equal(rp, parts[:len(rp)]) {
			return r
		}
	}
	return v
}

func resolveConstraint(q Query, constraint string, origin Origin, releases []Release, newest string) (Target, error) {
	c := q.constraint
	if origin != FromQuery {
		var err error
		if c, err = parseConstraint(constraint); err != nil {
			return Target{}, err
		}
	}
	target := Target{Browser: q.Browser, Origin: origin, Constraint: constraint}
	for _, r := range releases {
		if r.Status == "planned" {
			continue // not even a nightly build exists yet
		}
		v, err := parseVersion(r.Version)
		if err == nil && c.Check(v) {
			target.Versions = append(target.Versions, r.Version)
		}
	}
	if len(target.Versions) == 0 {
		return Target{}, fmt.Errorf("no %s release matches %q (the tables know %s %s to %s)", q.Browser.Name, constraint, q.Browser.Name, releases[0].Version, newest)
	}
	// A range is open when it admits a release far newer than the newest
	// known one.
	if nv, err := parseVersion(newest); err == nil {
		future := nv.IncMajor().IncMajor()
		target.OpenEnded = c.Check(&future)
	}
	return target, nil
}

// defaultRange is every release dated within DefaultWindow months before the
// snapshot date, and every later one.
func defaultRange(b Browser, snapshot string, releases []Release) (Target, error) {
	end, err := time.Parse(time.DateOnly, snapshot)
	if err != nil {
		return Target{}, fmt.Errorf("the compat table's snapshot date %q: %w", snapshot, err)
	}
	start := end.AddDate(0, -DefaultWindow, 0).Format(time.DateOnly)
	target := Target{Browser: b, Origin: FromDefault, OpenEnded: true}
	for _, r := range releases {
		if r.Date != "" && r.Date >= start && r.Date <= snapshot {
			target.Versions = append(target.Versions, r.Version)
		}
	}
	if len(target.Versions) == 0 {
		return Target{}, fmt.Errorf("the compat table has no %s release between %s and %s", b.Name, start, snapshot)
	}
	target.Constraint = ">=" + target.Versions[0]
	return target, nil
}

// ResolveAll parses a target list and resolves each query; minimums gives
// the manifest's declared minimum per browser name.
func ResolveAll(list string, minimums map[string]string) ([]Target, error) {
	queries, err := ParseQueries(list)
	if err != nil {
		return nil, err
	}
	out := make([]Target, 0, len(queries))
	for _, q := range queries {
		t, err := Resolve(q, minimums[q.Browser.Name])
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Describe lists the targets as "chrome 131-157+, firefox 115-160+".
func Describe(ts []Target) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}
