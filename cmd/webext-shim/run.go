package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
)

// Exit codes, in one place.
const (
	exitOK    = 0 // success
	exitBuild = 1 // build or compat errors
	exitUsage = 2 // usage errors: bad flags, arguments or targets
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // the synopsis line(s)
	long    string // description and examples
	// flags declares the command's flags on fs and returns the function that
	// runs the command once they are parsed.
	flags func(fs *pflag.FlagSet) func(env *env, args []string) int
}

// env is what a command may touch: its context, output streams and clock.
type env struct {
	// ctx is cancelled by an interrupt (Ctrl-C) or SIGTERM.
	ctx            context.Context
	stdout, stderr io.Writer
	name           string // the command's name, for messages
	// now is the clock the build summary's elapsed time is measured with.
	now func() time.Time
	// color is set when stderr is a terminal that takes colours.
	color bool
}

// usageError is a mistake in how the tool was called; it exits 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// fail prints err and returns its exit code: 2 for usage errors, 1 for the
// rest.
func (e *env) fail(err error) int {
	fmt.Fprintf(e.stderr, "webext-shim %s: %v\n", e.name, err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "run \"webext-shim help %s\" for usage\n", e.name)
		return exitUsage
	}
	return exitBuild
}

func commands() []*command {
	return []*command{buildCommand(), checkCommand(), runCommand(), shimCommand(), compatCommand(), versionCommand()}
}

func lookupCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run is the whole program: it parses args, runs one command and returns
// the exit code. The first interrupt cancels the command (a build then
// writes nothing; --watch stops); a second one kills the process.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return runEnv(&env{ctx: ctx, stdout: stdout, stderr: stderr, now: time.Now, color: colorTerminal(stderr, os.Getenv)}, args)
}

// runEnv runs the command line args in e (whose name it sets).
func runEnv(e *env, args []string) int {
	stdout, stderr := e.stdout, e.stderr
	name := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch {
		case args[0] == "help":
			return help(args[1:], stdout, stderr)
		case lookupCommand(args[0]) != nil:
			name, args = args[0], args[1:]
		}
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") && name == "build" && !hasFlagLike(args[1:]) {
		return help(nil, stdout, stderr)
	}
	cmd := lookupCommand(name)
	e.name = name
	if cmd == nil {
		return e.fail(usagef("unknown command %q; commands: %s", name, strings.Join(commandNames(), ", ")))
	}
	fs := pflag.NewFlagSet("webext-shim "+name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	runFn := cmd.flags(fs)
	helpFlag := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			printCommandHelp(stdout, cmd, fs)
			return exitOK
		}
		return e.fail(usageError{err})
	}
	if *helpFlag {
		printCommandHelp(stdout, cmd, fs)
		return exitOK
	}
	return runFn(e, fs.Args())
}

func hasFlagLike(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			return true
		}
	}
	return false
}

// help prints the overview or one command's help.
func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printOverview(stdout)
		return exitOK
	}
	cmd := lookupCommand(args[0])
	if cmd == nil {
		fmt.Fprintf(stderr, "webext-shim help: unknown command %q; commands: %s\n", args[0], strings.Join(commandNames(), ", "))
		return exitUsage
	}
	fs := pflag.NewFlagSet("webext-shim "+cmd.name, pflag.ContinueOnError)
	fs.SortFlags = false
	cmd.flags(fs)
	fs.BoolP("help", "h", false, "show this help")
	printCommandHelp(stdout, cmd, fs)
	return exitOK
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	sort.Strings(names)
	return names
}

func printOverview(w io.Writer) {
	fmt.Fprint(w, `webext-shim makes one browser extension work on Firefox, Chrome, Edge, Opera and Safari:
it knows from MDN's compat data and chrome-types which extension APIs each browser
lacks and emits the JavaScript shims that fill exactly those gaps.

Usage:
  webext-shim <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Examples:
  webext-shim --target firefox,chrome
  webext-shim check --target "chrome>=120" extension/
  webext-shim shim --target chrome -o vendor/webext-shim.js
  webext-shim compat runtime.getBackgroundPage --target firefox,chrome

Exit codes: 0 success, 1 build or compat errors, 2 usage errors.
Run "webext-shim help <command>" for a command's flags.
`)
}

func printCommandHelp(w io.Writer, cmd *command, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nUsage:\n%s\n\n", cmd.summary, indent(cmd.usage))
	if cmd.long != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(cmd.long))
	}
	fmt.Fprintf(w, "Flags:\n%s", flagUsages(fs))
}

// flagUsages lists the flags of fs, one per line, aligned: "-t, --target
// string   targets ... (default "chrome,firefox")". Boolean flags show no
// value (pflag would add "[=true|false]").
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ names, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		names := "    --" + f.Name
		if f.Shorthand != "" {
			names = "-" + f.Shorthand + ", --" + f.Name
		}
		varname, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() != "bool" && varname != "" {
			names += " " + varname
		}
		if f.Value.Type() != "bool" && f.DefValue != "" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		rows = append(rows, row{names, usage})
		width = max(width, len(names))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s   %s\n", width, r.names, r.usage)
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}
