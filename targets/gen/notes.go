package main

import (
	"fmt"
	"html"
	"io"
	"regexp"
	"sort"
	"strings"
)

// stripHTML turns a BCD note (HTML) into plain text: tags removed (block
// tags such as <br> and <p> become spaces), entities decoded, whitespace
// collapsed. "<code>null</code>" becomes "null".
func stripHTML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '<' && i+1 < len(s) && isTagStart(s[i+1]) {
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				if blockTag.MatchString(s[i : i+j+1]) {
					b.WriteByte(' ')
				}
				i += j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

func isTagStart(c byte) bool {
	return c == '/' || c == '!' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// blockTag matches the tags that separate words.
var blockTag = regexp.MustCompile(`(?i)^</?(br|p|div|li|ul|ol|dl|dt|dd|table|tr|td|th|h[1-6])\b`)

// mvEffect is what a recognised phrase says about manifest versions.
type mvEffect int

const (
	mvNoEffect mvEffect = iota // mentions a manifest version without restricting the statement
	mvOnly2                    // the statement holds in Manifest V2 only
	mvOnly3                    // the statement holds in Manifest V3 only
	mv3From                    // in Manifest V3 only from a later version (captured)
	mv3Until                   // removed from Manifest V3 in a version (captured)
	mvOnly1                    // Manifest V1 only: long gone, such statements are removed anyway
)

func (e mvEffect) String() string {
	switch e {
	case mvOnly2:
		return "mv 2"
	case mvOnly3:
		return "mv 3"
	case mv3From:
		return "mv3Since N"
	case mv3Until:
		return "mv3Removed N"
	case mvOnly1:
		return "MV1 only (not recorded)"
	}
	return "no restriction"
}

// mvPhrase is one recognised way BCD's notes talk about manifest versions.
type mvPhrase struct {
	re     *regexp.Regexp
	effect mvEffect
}

// browserNames matches the browser names BCD's notes use.
const browserNames = `(?:Chrome|Edge|Opera|Firefox for Android|Firefox|Safari on iOS|Safari)`

// mvPhrases turns BCD's prose about manifest versions into data. A note may
// hold several phrases. Every mention of a manifest version in a note must lie
// inside one of these phrases, or the note is reported as unrecognised
// (-report, and a warning). Keep one phrase per line, with a test case in
// notes_test.go.
var mvPhrases = []mvPhrase{
	// Restricted to Manifest V2.
	{regexp.MustCompile(`Available for use (?:in|with) Manifest V2 only\.`), mvOnly2},
	{regexp.MustCompile(`Only available in Manifest V2\b[^.]*\.`), mvOnly2},
	{regexp.MustCompile(`Only available for use in extensions using Manifest V2\.`), mvOnly2},
	{regexp.MustCompile(`Only worked with Manifest V2 extensions\b[^.]*\.`), mvOnly2},
	{regexp.MustCompile(`Required for the legacy version of \S+, which is only available for extensions using Manifest V2\.`), mvOnly2},
	// webRequestBlocking: Manifest V3 refuses it for ordinary extensions.
	{regexp.MustCompile(`In Manifest V3, no longer available for most extensions \(the exception being policy-installed extensions\)\.`), mvOnly2},

	// Restricted to Manifest V3.
	{regexp.MustCompile(`Available for use (?:in|with) Manifest V3 (?:or later|only)\.`), mvOnly3},

	// Manifest V3 from a later version than the feature itself.
	{regexp.MustCompile(`Available for use in Manifest V3 from ` + browserNames + ` ([0-9]+(?:\.[0-9]+)*)\.`), mv3From},
	// Removed from Manifest V3 (still in Manifest V2).
	{regexp.MustCompile(`Removed from Manifest V3 in ` + browserNames + ` ([0-9]+(?:\.[0-9]+)*)\.`), mv3Until},

	// Manifest V1, a thing of Chrome's past: the statements are removed anyway.
	{regexp.MustCompile(`(?i)Only supported in manifest v1\.`), mvOnly1},

	// Mentions that restrict nothing.
	{regexp.MustCompile(`Available for use in Manifest V2 or later\.`), mvNoEffect},
	{regexp.MustCompile(`From Manifest V3, use \S+ instead\.`), mvNoEffect},
	{regexp.MustCompile(`For extensions? using Manifest V3, see \S+`), mvNoEffect},
	{regexp.MustCompile(`An alternative version of this API is available for use with Manifest V3\.`), mvNoEffect},
	{regexp.MustCompile(`An incompatible version of this (?:API|function) is available for Manifest V2\.`), mvNoEffect},
	{regexp.MustCompile(`Expects a HTTP or HTTPS URL in Manifest V3\.`), mvNoEffect},
	{regexp.MustCompile(`From ` + browserNames + ` [0-9]+, persistent and non-persistent pages are supported for Manifest V2\.`), mvNoEffect},
}

// mvMention finds mentions of a manifest version.
var mvMention = regexp.MustCompile(`(?i)\bmanifest\s*v\s*[0-9]|\bMV\s?[0-9]\b|\bmanifest_version\b`)

// mvInfo is what one note says about manifest versions.
type mvInfo struct {
	mv         int
	mv3Since   string
	mv3Removed string
	phrases    []int // indexes into mvPhrases
	unknown    bool  // a mention lies outside every recognised phrase
}

// classifyNote applies mvPhrases to one plain-text note.
func classifyNote(text string) mvInfo {
	var info mvInfo
	var spans [][]int
	for i, p := range mvPhrases {
		for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
			spans = append(spans, m[:2])
			info.phrases = append(info.phrases, i)
			switch p.effect {
			case mvOnly2:
				info.mv = mergeInt(info.mv, 2)
			case mvOnly3:
				info.mv = mergeInt(info.mv, 3)
			case mv3From:
				info.mv3Since = text[m[2]:m[3]]
			case mv3Until:
				info.mv3Removed = text[m[2]:m[3]]
			}
		}
	}
	for _, m := range mvMention.FindAllStringIndex(text, -1) {
		covered := false
		for _, s := range spans {
			if s[0] <= m[0] && m[1] <= s[1] {
				covered = true
				break
			}
		}
		if !covered {
			info.unknown = true
		}
	}
	return info
}

// mergeInt returns the one non-zero value of a and b, or -1 when they
// disagree.
func mergeInt(a, b int) int {
	switch {
	case a == 0 || a == b:
		return b
	case b == 0:
		return a
	}
	return -1
}

// mergeMV combines what the notes of one statement say. Contradictions are
// errors: the statement then gets no restriction and the report lists it.
func mergeMV(infos []mvInfo) (mvInfo, error) {
	var out mvInfo
	for _, in := range infos {
		out.mv = mergeInt(out.mv, in.mv)
		for _, pair := range [][2]*string{{&out.mv3Since, &in.mv3Since}, {&out.mv3Removed, &in.mv3Removed}} {
			dst, src := pair[0], *pair[1]
			if src == "" {
				continue
			}
			if *dst != "" && *dst != src {
				return mvInfo{}, fmt.Errorf("notes give two versions, %q and %q", *dst, src)
			}
			*dst = src
		}
	}
	switch {
	case out.mv == -1:
		return mvInfo{}, fmt.Errorf("notes say both Manifest V2 only and Manifest V3 only")
	case out.mv == 2 && out.mv3Since != "":
		return mvInfo{}, fmt.Errorf("notes say Manifest V2 only and Manifest V3 from %q", out.mv3Since)
	case out.mv == 3 && out.mv3Removed != "":
		return mvInfo{}, fmt.Errorf("notes say Manifest V3 only and removed from Manifest V3 in %q", out.mv3Removed)
	}
	return out, nil
}

// mvStats counts how the notes were classified, for -report.
type mvStats struct {
	phraseCount  []int
	unrecognised []string // "feature browser: note"
	conflicts    []string
	statements   map[mvEffect]int // restricted statements per effect
}

func newMVStats() *mvStats {
	return &mvStats{phraseCount: make([]int, len(mvPhrases)), statements: make(map[mvEffect]int)}
}

// add records the notes of one statement.
func (s *mvStats) add(where string, notes []string, infos []mvInfo, conflict error) {
	for i, in := range infos {
		for _, p := range in.phrases {
			s.phraseCount[p]++
		}
		if in.unknown {
			s.unrecognised = append(s.unrecognised, fmt.Sprintf("%s: %q", where, notes[i]))
		}
	}
	if conflict != nil {
		s.conflicts = append(s.conflicts, fmt.Sprintf("%s: %v", where, conflict))
		return
	}
	if len(infos) == 0 {
		return
	}
	m, _ := mergeMV(infos)
	switch {
	case m.mv == 2:
		s.statements[mvOnly2]++
	case m.mv == 3:
		s.statements[mvOnly3]++
	}
	if m.mv3Since != "" {
		s.statements[mv3From]++
	}
	if m.mv3Removed != "" {
		s.statements[mv3Until]++
	}
}

// writeReport prints the manifest-version report.
func writeReport(w io.Writer, version string, s *mvStats) {
	fmt.Fprintf(w, "Manifest-version phrases in the notes of browser-compat-data %s (webextensions):\n", version)
	fmt.Fprintf(w, "%7s  %-24s %s\n", "notes", "becomes", "phrase (regular expression)")
	for i, p := range mvPhrases {
		fmt.Fprintf(w, "%7d  %-24s %s\n", s.phraseCount[i], p.effect, p.re)
	}
	fmt.Fprintf(w, "statements restricted: mv 2: %d, mv 3: %d, mv3Since: %d, mv3Removed: %d\n",
		s.statements[mvOnly2], s.statements[mvOnly3], s.statements[mv3From], s.statements[mv3Until])
	un := append([]string(nil), s.unrecognised...)
	sort.Strings(un)
	fmt.Fprintf(w, "unrecognised notes that mention a manifest version: %d\n", len(un))
	for _, u := range un {
		fmt.Fprintf(w, "  %s\n", u)
	}
	co := append([]string(nil), s.conflicts...)
	sort.Strings(co)
	fmt.Fprintf(w, "statements with contradicting notes (left unrestricted): %d\n", len(co))
	for _, c := range co {
		fmt.Fprintf(w, "  %s\n", c)
	}
}

// writeDerivedReport prints what the generator derived from comparing the
// two packages (notinmv3.go, chromeonly.go).
func writeDerivedReport(w io.Writer, notInMV3, chromeOnly []string) {
	fmt.Fprintf(w, "BCD's Chrome APIs that chrome-types does not declare (not in Manifest V3): %d\n", len(notInMV3))
	for _, k := range notInMV3 {
		fmt.Fprintf(w, "  %s\n", k)
	}
	fmt.Fprintf(w, "features from chrome-types that BCD lacks (Chromium only): %d\n", len(chromeOnly))
	for _, k := range chromeOnly {
		fmt.Fprintf(w, "  %s\n", k)
	}
}
