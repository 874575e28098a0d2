package corpus

import (
	"fmt"
	"strings"
)

// maxMessage bounds the length of a message in the markdown.
const maxMessage = 200

// Markdown formats the report: the totals per target, one row per
// extension, and the errors of each output with the diagnostic each is
// matched with. Every detail is in the JSON form of the report.
func Markdown(rep Report) string {
	var b strings.Builder
	b.WriteString("### Totals\n\n")
	b.WriteString("| | " + strings.Join(rep.Targets, " | ") + " |\n|---|" + strings.Repeat("---|", len(rep.Targets)) + "\n")
	rows := []struct {
		label string
		value func(Totals) int
	}{
		{"extensions found", func(t Totals) int { return t.Found }},
		{"skipped (npm build step, native app)", func(t Totals) int { return t.Skipped }},
		{"source loadable by the browser", func(t Totals) int { return t.SourceLoadable }},
		{"source loaded", func(t Totals) int { return t.SourceLoaded }},
		{"source ran without errors", func(t Totals) int { return t.SourceClean }},
		{"built", func(t Totals) int { return t.Built }},
		{"built with diagnostics", func(t Totals) int { return t.BuiltWithWarnings }},
		{"output loaded", func(t Totals) int { return t.Loaded }},
		{"output background started (or none)", func(t Totals) int { return t.BackgroundStarted }},
		{"output ran without errors", func(t Totals) int { return t.Clean }},
		{"source clean, output not", func(t Totals) int { return t.Regressions }},
		{"output errors", func(t Totals) int { return t.Errors }},
		{"output errors matched to a build diagnostic", func(t Totals) int { return t.Matched }},
	}
	for _, row := range rows {
		b.WriteString("| " + row.label + " |")
		for _, t := range rep.Totals {
			fmt.Fprintf(&b, " %d |", row.value(t))
		}
		b.WriteString("\n")
	}

	b.WriteString("\n### Extensions\n\n")
	b.WriteString("Per target: the build (w warnings, e errors), the source as it is (the baseline; - when the browser cannot load it) and the output, each \"clean\", its number of errors, \"bg failed\" when the background did not start, or \"not loaded\".\n\n")
	b.WriteString("| extension | MV |")
	for _, t := range rep.Targets {
		fmt.Fprintf(&b, " %s build | %s source | %s output |", t, t, t)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|---|---|", len(rep.Targets)) + "\n")
	for _, e := range rep.Extensions {
		fmt.Fprintf(&b, "| %s | %d |", cell(e.Name), e.Manifest.Version)
		if e.Skipped != "" {
			fmt.Fprintf(&b, " skipped: %s |%s\n", cell(e.Skipped), strings.Repeat(" |", 3*len(rep.Targets)-1))
			continue
		}
		for _, t := range e.Targets {
			fmt.Fprintf(&b, " %s | %s | %s |", buildCell(t), loadCell(t.Source), loadCell(t.Output))
		}
		b.WriteString("\n")
	}

	b.WriteString("\n### Errors of the outputs\n\n")
	b.WriteString("Each error of a build's output, by context, with the build diagnostic it is matched with (a shared API or manifest name), if any.\n\n")
	for _, e := range rep.Extensions {
		for _, t := range e.Targets {
			if t.Output.Errors() == 0 && t.Output != nil {
				continue
			}
			if t.Output == nil && t.Built {
				continue
			}
			if !t.Built {
				fmt.Fprintf(&b, "- **%s** (%s): build failed: %s\n", e.Name, t.Target, clip(firstError(t)))
				continue
			}
			fmt.Fprintf(&b, "- **%s** (%s):\n", e.Name, t.Target)
			if !t.Output.Loaded {
				fmt.Fprintf(&b, "  - not loaded: %s\n", clip(t.Output.Error))
				continue
			}
			matched := map[[2]any]Match{}
			for _, m := range t.Matches {
				matched[[2]any{m.Context, m.Index}] = m
			}
			for _, c := range t.Output.Contexts {
				if c.OpenError != "" {
					fmt.Fprintf(&b, "  - %s: %s\n", c.Name, clip(c.OpenError))
				}
				for i, msg := range c.Errors {
					fmt.Fprintf(&b, "  - %s: %s", c.Name, clip(msg.Text))
					if m, ok := matched[[2]any{c.Name, i}]; ok {
						fmt.Fprintf(&b, " ← %s", clip(m.Diagnostic.String()))
					}
					b.WriteString("\n")
				}
			}
		}
	}
	return b.String()
}

// buildCell describes a build.
func buildCell(t TargetResult) string {
	errs, warns := 0, 0
	for _, d := range t.Diagnostics {
		if d.Severity == "error" {
			errs++
		} else {
			warns++
		}
	}
	s := "ok"
	if !t.Built {
		s = "failed"
	}
	if warns > 0 {
		s += fmt.Sprintf(" %dw", warns)
	}
	if errs > 0 {
		s += fmt.Sprintf(" %de", errs)
	}
	return s
}

// loadCell describes a load.
func loadCell(l *Load) string {
	switch {
	case l == nil:
		return "-"
	case !l.Loaded:
		return "not loaded"
	}
	var parts []string
	if l.Background == "failed" {
		parts = append(parts, "bg failed")
	}
	if n := l.Errors(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d errors", n))
	}
	if len(parts) == 0 {
		return "clean"
	}
	return strings.Join(parts, ", ")
}

// firstError returns the first error diagnostic of a failed build, or its
// error.
func firstError(t TargetResult) string {
	for _, d := range t.Diagnostics {
		if d.Severity == "error" {
			return d.String()
		}
	}
	return t.BuildError
}

// clip shortens a message for the markdown, to one line.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxMessage {
		cut := maxMessage
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strings.ReplaceAll(s, "|", "\\|")
}

// cell makes text safe for a table cell.
func cell(s string) string {
	return clip(s)
}
