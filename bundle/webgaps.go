package bundle

import (
	"slices"

	"github.com/webext-shim/webext-shim/targets"
)

// reportWebAPIGaps reports the uses in file of the web platform APIs the
// target's family lacks (targets.WebAPIGaps), in any context.
func (b *targetBuild) reportWebAPIGaps(file string) {
	var gaps []targets.WebAPIGap
	for _, g := range targets.WebAPIGaps {
		if slices.Contains(g.Families, b.t.Browser.Family) {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) == 0 {
		return
	}
	uses, err := b.src.globalUses(file)
	if err != nil {
		return
	}
	for _, u := range uses {
		for _, g := range gaps {
			if g.Name == u.Name && g.Member == u.Member {
				b.compatf(file, Pos{Offset: u.Offset, Line: u.Line, Column: u.Column},
					"%s.%s (%s) is not available on %s", g.Name, g.Member, g.Title, b.t.Browser.Name)
			}
		}
	}
}
