package targets

import (
	"slices"
	"strings"
	"testing"
)

// FuzzResolveAll checks the target parser and the resolver together, on any
// target list and any declared manifest minimum:
//   - neither panics, and an error always has a message;
//   - ResolveAll fails exactly when ParseQueries or a Resolve fails, and
//     otherwise gives one target per query, in order;
//   - a query round-trips: "NAME CONSTRAINT" and its Text parse back to the
//     same browser and constraint, and so does the whole list rejoined;
//   - a target's range is non-empty, strictly ascending, made of releases
//     the tables know, and comes from the right origin;
//   - a target resolved from a constraint (the query's or the manifest's
//     minimum) is reproduced by resolving its own Constraint as a query;
//   - its effective range for Manifest V2 and V3 output, when there is one,
//     splits the range into kept and dropped versions, Raised exactly when
//     the oldest was dropped, and its Constraint resolves to it.
//
// The seed corpus runs with go test; the long run is
//
//	go test ./targets -run '^$' -fuzz '^FuzzResolveAll$' -fuzztime 60s -parallel 1
func FuzzResolveAll(f *testing.F) {
	for _, seed := range []struct{ list, minimum string }{
		{"firefox", ""},
		{"firefox", "115.0"},
		{"firefox", "109.0a1"},
		{"chrome", "120"},
		{"chrome", "abc"},
		{"chrome", "preview"},
		{"chrome", "999"},
		{"chrome", "6.0.0.0"},
		{"chrome", "88.0.4324"},
		{"safari", "17.4.1"},
		{"chrome@120", ""},
		{"chrome>=120", "100"},
		{"firefox>=115 <130,chrome", ""},
		{"firefox>=115,<130", ""},
		{"safari>=17.4 <18", ""},
		{"safari-ios@17.4.0,firefox_android", "≤79"},
		{"edge^120,opera~100", ""},
		{"opera>=100 || <90", ""},
		{"chrome 120 - 130", ""},
		{"chrome x", ""},
		{"chrome@999", ""},
		{"firefox<1", ""},
		{"Chrome,FIREFOX", "1.2.3"},
		{"chrome,chrome", ""},
		{"chrome!=159", ""},
		{">=120", ""},
		{"", ""},
	} {
		f.Add(seed.list, seed.minimum)
	}
	f.Fuzz(func(t *testing.T, list, minimum string) {
		minimums := map[string]string{}
		for _, name := range BrowserNames() {
			minimums[name] = minimum
		}
		qs, perr := ParseQueries(list)
		ts, rerr := ResolveAll(list, minimums)
		if perr != nil {
			if perr.Error() == "" {
				t.Fatalf("ParseQueries(%q) gave an empty error", list)
			}
			if rerr == nil || rerr.Error() != perr.Error() {
				t.Fatalf("ResolveAll(%q) = %v, want the parse error %v", list, rerr, perr)
			}
			return
		}
		checkRoundTrip(t, list, qs)
		var firstErr error
		for _, q := range qs {
			if _, err := Resolve(q, minimum); err != nil {
				if err.Error() == "" {
					t.Fatalf("Resolve(%q, %q) gave an empty error", q.Text, minimum)
				}
				firstErr = err
				break
			}
		}
		if (rerr != nil) != (firstErr != nil) || rerr != nil && rerr.Error() != firstErr.Error() {
			t.Fatalf("ResolveAll(%q, %q) error = %v, resolving each query gave %v", list, minimum, rerr, firstErr)
		}
		if rerr != nil {
			return
		}
		if len(ts) != len(qs) {
			t.Fatalf("ResolveAll(%q) gave %d targets for %d queries", list, len(ts), len(qs))
		}
		for i, tgt := range ts {
			checkTarget(t, qs[i], minimum, tgt)
			checkEffective(t, tgt)
		}
		if Describe(ts) == "" {
			t.Fatalf("Describe(%v) is empty", ts)
		}
	})
}

// checkRoundTrip checks that each query, written back as "NAME CONSTRAINT" or
// as its Text, parses to the same query, and that the list so rewritten does
// too.
func checkRoundTrip(t *testing.T, list string, qs []Query) {
	t.Helper()
	if len(qs) == 0 {
		t.Fatalf("ParseQueries(%q) gave no queries and no error", list)
	}
	var parts []string
	for _, q := range qs {
		if q.Text == "" || q.Text != strings.TrimSpace(q.Text) {
			t.Fatalf("ParseQueries(%q): query text %q is empty or untrimmed", list, q.Text)
		}
		if (q.Constraint == "") != (q.constraint == nil) {
			t.Fatalf("ParseQueries(%q): query %q has constraint %q but parsed %v", list, q.Text, q.Constraint, q.constraint)
		}
		written := q.Browser.Name
		if q.Constraint != "" {
			written += " " + q.Constraint
		}
		parts = append(parts, written)
		for _, text := range []string{written, q.Text} {
			back, err := ParseQuery(text)
			if err != nil {
				t.Fatalf("ParseQueries(%q) gave %q, which does not parse back: %v", list, text, err)
			}
			if back.Browser != q.Browser || back.Constraint != q.Constraint {
				t.Fatalf("ParseQueries(%q) gave %s %q; %q parses to %s %q", list, q.Browser.Name, q.Constraint, text, back.Browser.Name, back.Constraint)
			}
		}
	}
	joined := strings.Join(parts, ",")
	again, err := ParseQueries(joined)
	if err != nil {
		t.Fatalf("ParseQueries(%q) was rewritten as %q, which fails: %v", list, joined, err)
	}
	if len(again) != len(qs) {
		t.Fatalf("ParseQueries(%q) gave %d queries, its rewriting %q gives %d", list, len(qs), joined, len(again))
	}
	for i := range qs {
		if again[i].Browser != qs[i].Browser || again[i].Constraint != qs[i].Constraint {
			t.Fatalf("ParseQueries(%q)[%d] = %s %q, its rewriting %q gives %s %q", list, i, qs[i].Browser.Name, qs[i].Constraint, joined, again[i].Browser.Name, again[i].Constraint)
		}
	}
}

// checkTarget checks the target resolved from query q with the manifest's
// declared minimum.
func checkTarget(t *testing.T, q Query, minimum string, tgt Target) {
	t.Helper()
	if tgt.Browser != q.Browser {
		t.Fatalf("query %q resolved to a target for %q", q.Text, tgt.Browser.Name)
	}
	if len(tgt.Versions) == 0 {
		t.Fatalf("query %q (minimum %q) resolved to an empty range", q.Text, minimum)
	}
	releases, err := Releases(q.Browser)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range tgt.Versions {
		if !slices.ContainsFunc(releases, func(r Release) bool { return r.Version == v }) {
			t.Fatalf("query %q: %q is not a known %s release", q.Text, v, q.Browser.Name)
		}
		if i > 0 && compareVersions(tgt.Versions[i-1], v) >= 0 {
			t.Fatalf("query %q: versions out of order: %q", q.Text, tgt.Versions)
		}
	}
	if tgt.String() == "" || tgt.Min() != tgt.Versions[0] || tgt.Max() != tgt.Versions[len(tgt.Versions)-1] {
		t.Fatalf("query %q: target %+v formats as %q", q.Text, tgt, tgt.String())
	}
	want := FromDefault
	switch {
	case q.Constraint != "":
		want = FromQuery
	case minimum != "":
		want = FromManifest
	}
	if tgt.Origin != want {
		t.Fatalf("query %q with minimum %q: origin %q, want %q", q.Text, minimum, tgt.Origin, want)
	}
	if want == FromQuery && tgt.Constraint != q.Constraint {
		t.Fatalf("query %q: target constraint %q, want the query's %q", q.Text, tgt.Constraint, q.Constraint)
	}
	if want == FromDefault {
		return
	}
	// The range a constraint chose is what resolving that constraint as a
	// query chooses.
	q2, err := ParseQuery(q.Browser.Name + " " + tgt.Constraint)
	if err != nil {
		t.Fatalf("query %q: the target's constraint %q does not parse: %v", q.Text, tgt.Constraint, err)
	}
	again, err := Resolve(q2, "")
	if err != nil {
		t.Fatalf("query %q: the target's constraint %q does not resolve: %v", q.Text, tgt.Constraint, err)
	}
	if !slices.Equal(again.Versions, tgt.Versions) || again.OpenEnded != tgt.OpenEnded {
		t.Fatalf("query %q (minimum %q) gave %s; its constraint %q as a query gives %s", q.Text, minimum, tgt, tgt.Constraint, again)
	}
}

// checkEffective checks ForManifestVersion on a resolved target.
func checkEffective(t *testing.T, tgt Target) {
	for _, mv := range []int{2, 3} {
		e, err := ForManifestVersion(tgt, mv)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ForManifestVersion(%s, %d) gave an empty error", tgt, mv)
			}
			continue
		}
		if len(e.Target.Versions) == 0 {
			t.Fatalf("ForManifestVersion(%s, %d) kept no version", tgt, mv)
		}
		all := append(slices.Clone(e.Dropped), e.Target.Versions...)
		slices.SortFunc(all, compareVersions)
		if !slices.Equal(all, tgt.Versions) {
			t.Fatalf("ForManifestVersion(%s, %d): kept %q and dropped %q are not the range", tgt, mv, e.Target.Versions, e.Dropped)
		}
		if e.Raised != (e.Target.Min() != tgt.Min()) {
			t.Fatalf("ForManifestVersion(%s, %d): raised = %v, min %s", tgt, mv, e.Raised, e.Target.Min())
		}
		if len(e.Dropped) == 0 {
			continue
		}
		q, err := ParseQuery(tgt.Browser.Name + " " + e.Target.Constraint)
		if err != nil {
			t.Fatalf("ForManifestVersion(%s, %d): constraint %q: %v", tgt, mv, e.Target.Constraint, err)
		}
		again, err := Resolve(q, "")
		if err != nil || !slices.Equal(again.Versions, e.Target.Versions) || again.OpenEnded != e.Target.OpenEnded {
			t.Fatalf("ForManifestVersion(%s, %d) = %s; its constraint %q resolves to %s (%v)", tgt, mv, e.Target, e.Target.Constraint, again, err)
		}
	}
}
