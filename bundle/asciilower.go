package bundle

// asciiLower lowercases ASCII letters only, so that offsets into the result
// are offsets into data (bytes.ToLower may change the length of non-ASCII
// text).
func asciiLower(data []byte) []byte {
	out := make([]byte, len(data))
	for i, c := range data {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
