package targets

import "strconv"

func quote(s string) string { return strconv.Quote(s) }

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quote(s)
	}
	return out
}
