package browser

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Firefox's console service sees the exceptions of an add-on's pages, but
// not their console.error calls: those stay in the console API storage of the
// extension's own process, which chrome context in the parent process cannot
// read. With the preference devtools.console.stdout.content, Firefox prints
// each console call of a content or extension page on standard output, as
//
//	console.error: "first argument" ...
//
// without saying which page made it. consoleCalls keeps those lines with the
// time they arrived, so that calls made while one add-on is installed can be
// told apart from those of the next.

// maxConsoleCalls bounds the console calls kept.
const maxConsoleCalls = 10000

// chromeLogger matches the first line of a console call of the browser's own
// code, which names its logger and puts the message on the next lines, such
// as "console.error: RSLoader: ".
var chromeLogger = regexp.MustCompile(`^console\.(error|warn): [A-Za-z][\w.-]*:\s*$`)

// consoleCall is one console.error or console.warn line of standard output.
type consoleCall struct {
	time  time.Time
	level string // "error" or "warning"
	text  string // the line
}

// consoleCalls is a writer of standard output that keeps the console calls.
type consoleCalls struct {
	mu      sync.Mutex
	partial []byte // an unfinished line
	calls   []consoleCall
}

// Write takes the output in, line by line.
func (c *consoleCalls) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	c.partial = append(c.partial, p...)
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			break
		}
		line := strings.TrimRight(string(c.partial[:i]), "\r")
		c.partial = c.partial[i+1:]
		if call, ok := parseConsoleCall(line, now); ok {
			c.calls = append(c.calls, call)
			if len(c.calls) > maxConsoleCalls {
				c.calls = c.calls[len(c.calls)-maxConsoleCalls:]
			}
		}
	}
	return len(p), nil
}

// parseConsoleCall reads a line of standard output as a console.error or
// console.warn call of a page.
func parseConsoleCall(line string, t time.Time) (consoleCall, bool) {
	var level string
	switch {
	case strings.HasPrefix(line, "console.error: "):
		level = "error"
	case strings.HasPrefix(line, "console.warn: "):
		level = "warning"
	default:
		return consoleCall{}, false
	}
	if chromeLogger.MatchString(line) {
		return consoleCall{}, false
	}
	return consoleCall{time: t, level: level, text: line}, true
}

// since returns the calls that arrived at or after t.
func (c *consoleCalls) since(t time.Time) []consoleCall {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []consoleCall
	for _, call := range c.calls {
		if !call.time.Before(t) {
			out = append(out, call)
		}
	}
	return out
}
