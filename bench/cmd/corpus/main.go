// Command corpus builds every extension under the given directories with
// webext-shim for each target, loads each build (and, where the browser can,
// the source as it is, as a baseline) into the real headless browser, and
// reports per extension whether it built, loaded, started its background,
// and the errors of its background and pages:
//
//	go run ./bench/cmd/corpus -t chrome,firefox -o corpus.md -json corpus.json DIR...
//
// The markdown (-o, else standard output) has the totals, a row per
// extension and the errors of the outputs with the build diagnostics they
// are matched with; the JSON (-json) has every detail. Each browser launch
// holds the lock -lock (flock(2), as flock(1) takes it). Progress goes to
// standard error unless -q. With -rematch FILE, it reads the JSON report of
// an earlier run and writes it again with this version's pairing of errors
// and diagnostics, building and loading nothing:
//
//	go run ./bench/cmd/corpus -rematch corpus.json -o corpus.md -json rematched.json
//
// See package bench/corpus for what is measured and how, and package bench
// for the other benchmarks.
//
// Exit codes: 0 success, 1 a failed measurement, 2 bad flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/webext-shim/webext-shim/bench/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	list := fs.String("t", "chrome,firefox", "targets: chrome, firefox or both, comma-separated")
	mdOut := fs.String("o", "", "write the markdown report to `FILE` instead of standard output")
	jsonOut := fs.String("json", "", "write the whole report as JSON to `FILE`")
	lock := fs.String("lock", "/tmp/browser.lock", "`FILE` to flock around each browser launch (\"\" for none)")
	batch := fs.Int("batch", corpus.DefaultBatch, "extensions per browser launch")
	pageWait := fs.Duration("page-wait", corpus.DefaultPageWait, "how long each page stays open")
	bgWait := fs.Duration("background-wait", corpus.DefaultBackgroundWait, "how long the background runs before the pages open")
	quiet := fs.Bool("q", false, "no progress on standard error")
	rematch := fs.String("rematch", "", "read the JSON report `FILE` of an earlier run and write it again with this version's matching of errors to diagnostics (no build, no browser)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *rematch != "" {
		if fs.NArg() != 0 {
			fmt.Fprintln(stderr, "corpus: -rematch takes no directories")
			return 2
		}
		rep, err := readReport(*rematch)
		if err != nil {
			fmt.Fprintf(stderr, "corpus: %v\n", err)
			return 1
		}
		corpus.Rematch(rep)
		return write(rep, *jsonOut, *mdOut, stdout, stderr)
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "corpus: no directories given; usage: corpus [flags] DIR...")
		return 2
	}
	if *batch <= 0 || *pageWait <= 0 || *bgWait <= 0 {
		fmt.Fprintln(stderr, "corpus: -batch, -page-wait and -background-wait must be positive")
		return 2
	}
	opts := corpus.Options{
		Dirs:           fs.Args(),
		Targets:        strings.Split(*list, ","),
		Lock:           *lock,
		Batch:          *batch,
		PageWait:       *pageWait,
		BackgroundWait: *bgWait,
	}
	if !*quiet {
		opts.Progress = func(line string) { fmt.Fprintln(stderr, line) }
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := corpus.Run(ctx, opts)
	if errors.Is(err, corpus.ErrOptions) {
		fmt.Fprintf(stderr, "corpus: %v\n", err)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "corpus: %v\n", err)
		return 1
	}
	return write(&rep, *jsonOut, *mdOut, stdout, stderr)
}

// readReport reads a report that -json wrote.
func readReport(name string) (*corpus.Report, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading the report: %w", err)
	}
	var rep corpus.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("reading the report %q: %w", name, err)
	}
	return &rep, nil
}

// write writes the report as JSON to jsonOut (unless "") and as markdown to
// mdOut, or to stdout when mdOut is "".
func write(rep *corpus.Report, jsonOut, mdOut string, stdout, stderr io.Writer) int {
	if jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err == nil {
			err = os.WriteFile(jsonOut, append(data, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "corpus: writing %q: %v\n", jsonOut, err)
			return 1
		}
	}
	md := corpus.Markdown(*rep)
	if mdOut == "" {
		fmt.Fprint(stdout, md)
		return 0
	}
	if err := os.WriteFile(mdOut, []byte(md), 0o644); err != nil {
		fmt.Fprintf(stderr, "corpus: writing %q: %v\n", mdOut, err)
		return 1
	}
	return 0
}
