package bundle

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/internal/handleuse"
	"github.com/webext-shim/webext-shim/internal/textpos"
	"github.com/webext-shim/webext-shim/shims"
)

// handleAPIs returns the API member paths of the needed shims' handle
// checks (shims.HandleCheck) that apply to the entry rel (e): the check
// applies on the target in one of e's contexts, and a replacement of the
// entry replaces one of its APIs; and the check of each path.
func (b *targetBuild) handleAPIs(rel string, e *entry) ([]string, map[string]shims.HandleCheck) {
	out := shims.Output{Background: b.bgKind, ManifestVersion: b.outMV}
	var apis []string
	checks := map[string]shims.HandleCheck{}
	for _, n := range b.needs {
		for _, h := range n.Shim.Handles {
			if !h.Applies(b.t, out, e.contexts) {
				continue
			}
			for _, api := range h.APIs {
				replaced := slices.ContainsFunc(b.replacements[rel], func(r shims.Replacement) bool {
					_, member, _ := strings.Cut(r.API, ".")
					return member == api
				})
				if replaced && !slices.Contains(apis, api) {
					apis = append(apis, api)
					checks[api] = h
				}
			}
		}
	}
	return apis, checks
}

// reportHandles reports, in one file of the entry rel (e), the uses of the
// values the handle checks' APIs yield that need them synchronously. A
// file the parser cannot read (an ES module, a syntax error esbuild
// reports) gets no diagnostics from it.
func (b *targetBuild) reportHandles(file, rel string, e *entry) {
	apis, checks := b.handleAPIs(rel, e)
	if len(apis) == 0 {
		return
	}
	code, err := b.src.read(file)
	if err != nil || !slices.ContainsFunc(apis, func(api string) bool {
		return bytes.Contains(code, []byte(api[strings.LastIndexByte(api, '.')+1:]))
	}) {
		return
	}
	uses, err := handleuse.Find(code, apis)
	if err != nil {
		return
	}
	// Every API of one shim's check shares its messages; a file's uses
	// follow the values of all of them.
	h := checks[apis[0]]
	c := textpos.NewCounter(code)
	for _, u := range uses {
		p := c.Pos(u.Offset)
		b.compatf(file, Pos{Offset: p.Offset, Line: p.Line, Column: p.Column}, "%s", handleMessage(h, u))
	}
}

// handleMessage says what is wrong with the use and what to write instead.
func handleMessage(h shims.HandleCheck, u handleuse.Use) string {
	what := u.Expr
	if u.Holds != "" {
		what = fmt.Sprintf("%s (%s)", u.Expr, u.Holds)
	}
	switch u.Kind {
	case handleuse.DOM:
		return fmt.Sprintf("%s reads the DOM behind the handle, which no message can carry: %s", what, h.DOM)
	case handleuse.Write:
		return fmt.Sprintf("%s %s; %s: %s", what, u.How, h.Reached, h.Write)
	case handleuse.Identity:
		if u.Instead != "" {
			return fmt.Sprintf("%s %s; %s: write `%s`", what, u.How, h.Reached, u.Instead)
		}
		return fmt.Sprintf("%s %s; %s: %s", what, u.How, h.Reached, h.Identity)
	}
	return fmt.Sprintf("%s is used synchronously (%s); %s: write `%s`", what, u.How, h.Reached, u.Instead)
}
