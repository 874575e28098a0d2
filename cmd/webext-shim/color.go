package main

import (
	"io"
	"os"
)

// ANSI styles of the terminal output.
const (
	styleBold    = "\x1b[1m"
	styleRed     = "\x1b[1;31m"
	styleMagenta = "\x1b[1;35m"
	styleGreen   = "\x1b[32m"
	styleDim     = "\x1b[2m"
	styleReset   = "\x1b[0m"
)

// colorTerminal reports whether w should get colours: it is a terminal
// (a character device), NO_COLOR (https://no-color.org) is unset or empty,
// and TERM is not "dumb". Pipes, files and test buffers get plain text.
func colorTerminal(w io.Writer, getenv func(string) string) bool {
	f, ok := w.(*os.File)
	if !ok || getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// paint wraps s in style when e prints colours.
func (e *env) paint(style, s string) string {
	if !e.color || s == "" {
		return s
	}
	return style + s + styleReset
}
