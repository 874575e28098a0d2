package bundle

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"golang.org/x/image/colornames"
)

// convertThemeColors rewrites the colours of a Firefox theme (theme.colors)
// for Chromium, which takes each colour as an array of integers [r, g, b]
// and refuses to load a theme with a CSS colour string ("colors must be
// integers", seen in Chromium 156). A colour that cannot be read is dropped
// with a warning; an alpha channel, which Chromium's theme colours do not
// take, is dropped.
func (b *targetBuild) convertThemeColors() {
	colors := b.m.Path("theme", "colors")
	if colors == nil || colors.Kind != jsonc.Object {
		return
	}
	var keep []*jsonc.Member
	for _, mem := range colors.Members {
		if mem.Value.Kind != jsonc.String {
			keep = append(keep, mem)
			continue
		}
		rgb, err := parseCSSColor(mem.Value.Str)
		if err != nil {
			b.warnf(ManifestFile, mem.Value.Pos, "theme colour %q: %v; %s takes colours as [r, g, b], so it is dropped", mem.Key, err, b.t.Browser.Title)
			continue
		}
		arr := &jsonc.Value{Kind: jsonc.Array, Pos: mem.Value.Pos}
		for _, c := range rgb {
			arr.Items = append(arr.Items, &jsonc.Value{Kind: jsonc.Number, Number: strconv.Itoa(c)})
		}
		keep = append(keep, &jsonc.Member{Key: mem.Key, KeyPos: mem.KeyPos, Value: arr})
	}
	colors.Members = keep
}

// parseCSSColor reads a CSS colour as Firefox's theme colours take them:
// #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() and hsl()/hsla() in the
// comma or space syntax (numbers or percentages; the alpha is ignored), or
// a named colour. It returns the red, green and blue channels, 0-255.
func parseCSSColor(s string) ([3]int, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if hex, ok := strings.CutPrefix(s, "#"); ok {
		return parseHexColor(hex)
	}
	if name, args, ok := strings.Cut(s, "("); ok && strings.HasSuffix(args, ")") {
		parts := strings.FieldsFunc(strings.TrimSuffix(args, ")"), func(r rune) bool { return r == ',' || r == ' ' || r == '/' || r == '\t' })
		if len(parts) != 3 && len(parts) != 4 {
			return [3]int{}, fmt.Errorf("%q is not a colour: want 3 or 4 values", s)
		}
		switch strings.TrimSpace(name) {
		case "rgb", "rgba":
			var out [3]int
			for i := range 3 {
				v, err := channel(parts[i], 255)
				if err != nil {
					return [3]int{}, fmt.Errorf("%q is not a colour: %w", s, err)
				}
				out[i] = v
			}
			return out, nil
		case "hsl", "hsla":
			return hslColor(s, parts)
		}
		return [3]int{}, fmt.Errorf("%q is not a colour this tool reads", s)
	}
	if c, ok := colornames.Map[s]; ok {
		return [3]int{int(c.R), int(c.G), int(c.B)}, nil
	}
	return [3]int{}, fmt.Errorf("%q is not a colour", s)
}

// parseHexColor reads the digits of a #rgb, #rgba, #rrggbb or #rrggbbaa
// colour.
func parseHexColor(hex string) ([3]int, error) {
	switch len(hex) {
	case 3, 4:
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	case 6, 8:
		hex = hex[:6]
	default:
		return [3]int{}, fmt.Errorf("%q is not a colour: want 3, 4, 6 or 8 hex digits", "#"+hex)
	}
	var out [3]int
	for i := range 3 {
		v, err := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		if err != nil {
			return [3]int{}, fmt.Errorf("%q is not a colour: %q is not hexadecimal", "#"+hex, hex[2*i:2*i+2])
		}
		out[i] = int(v)
	}
	return out, nil
}

// channel reads a number or a percentage of max, clamped to 0-max and
// rounded.
func channel(s string, max float64) (int, error) {
	s = strings.TrimSpace(s)
	p, percent := strings.CutSuffix(s, "%")
	v, err := strconv.ParseFloat(p, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if percent {
		v = v * max / 100
	}
	return int(math.Round(math.Min(math.Max(v, 0), max))), nil
}

// hslColor converts hsl(h, s%, l%) to red, green and blue (CSS Color 4's
// algorithm).
func hslColor(s string, parts []string) ([3]int, error) {
	h, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(parts[0]), "deg"), 64)
	if err != nil || math.IsNaN(h) || math.IsInf(h, 0) {
		return [3]int{}, fmt.Errorf("%q is not a colour: %q is not a hue", s, parts[0])
	}
	sat, err1 := channel(parts[1], 100)
	light, err2 := channel(parts[2], 100)
	if err1 != nil || err2 != nil {
		return [3]int{}, fmt.Errorf("%q is not a colour: want percentages for saturation and lightness", s)
	}
	sf, lf := float64(sat)/100, float64(light)/100
	h = math.Mod(math.Mod(h, 360)+360, 360)
	f := func(n float64) int {
		k := math.Mod(n+h/30, 12)
		a := sf * math.Min(lf, 1-lf)
		return int(math.Round(255 * (lf - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1)))))
	}
	return [3]int{f(0), f(8), f(4)}, nil
}
