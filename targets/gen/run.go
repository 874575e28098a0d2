package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// npmCommand is the npm the generator runs; tests replace it.
var npmCommand = "npm"

// options are the parsed command-line flags.
type options struct {
	bcdDir, bcdVersion string
	ctDir, ctVersion   string
	out                string
	report             bool
	npm                string // the npm command; tests may replace it
	stdout, stderr     io.Writer
}

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := options{npm: npmCommand, stdout: stdout, stderr: stderr}
	fs.StringVar(&o.bcdDir, "bcd", "", "unpacked @mdn/browser-compat-data package `DIR` (holding data.json)")
	fs.StringVar(&o.bcdVersion, "bcd-version", "", "@mdn/browser-compat-data `VERSION`; fetched with npm pack unless -bcd is given")
	fs.StringVar(&o.ctDir, "chrome-types", "", "unpacked chrome-types package `DIR` (holding index.d.ts)")
	fs.StringVar(&o.ctVersion, "chrome-types-version", "", "chrome-types `VERSION`; fetched with npm pack unless -chrome-types is given")
	fs.StringVar(&o.out, "o", "compat.json", "output `FILE`")
	fs.BoolVar(&o.report, "report", false, "print how notes about manifest versions were classified, and the unrecognised ones")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./targets/gen [-bcd DIR | -bcd-version V] [-chrome-types DIR | -chrome-types-version V] [-o FILE] [-report]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if o.bcdDir == "" && o.bcdVersion == "" {
		fmt.Fprintf(stderr, "gen: one of -bcd and -bcd-version is required\n")
		fs.Usage()
		return 2
	}
	if o.ctDir == "" && o.ctVersion == "" {
		fmt.Fprintf(stderr, "gen: one of -chrome-types and -chrome-types-version is required\n")
		fs.Usage()
		return 2
	}
	if o.out == "" {
		fmt.Fprintf(stderr, "gen: -o must not be empty\n")
		return 2
	}
	if err := generate(o); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}

// generate fetches what is missing, reads both packages and writes the output.
func generate(o options) error {
	if o.bcdDir == "" || o.ctDir == "" {
		tmp, err := os.MkdirTemp("", "webext-shim-gen-")
		if err != nil {
			return fmt.Errorf("creating a temporary directory: %w", err)
		}
		defer os.RemoveAll(tmp)
		var specs []string
		if o.bcdDir == "" {
			specs = append(specs, bcdPackage+"@"+o.bcdVersion)
		}
		if o.ctDir == "" {
			specs = append(specs, ctPackage+"@"+o.ctVersion)
		}
		dirs, err := fetchPackages(o.npm, tmp, specs, o.stderr)
		if err != nil {
			return err
		}
		if o.bcdDir == "" {
			o.bcdDir = dirs[bcdPackage]
		}
		if o.ctDir == "" {
			o.ctDir = dirs[ctPackage]
		}
	}

	bcdFile := packageFile(o.bcdDir, "data.json")
	bcdData, err := os.ReadFile(bcdFile)
	if err != nil {
		return fmt.Errorf("reading browser-compat-data: %w", err)
	}
	bcd, err := parseBCD(bcdData)
	if err != nil {
		return fmt.Errorf("reading %q: %w", bcdFile, err)
	}
	if o.bcdVersion != "" && bcd.version != o.bcdVersion {
		return fmt.Errorf("%q is browser-compat-data %q, not the %q asked for", bcdFile, bcd.version, o.bcdVersion)
	}

	ctFile := packageFile(o.ctDir, "index.d.ts")
	ctVersion, err := packageVersion(filepath.Dir(ctFile), o.ctVersion)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(ctFile)
	if err != nil {
		return fmt.Errorf("reading chrome-types: %w", err)
	}
	ct, err := parseDTS(src)
	if err != nil {
		return fmt.Errorf("reading %q: %w", ctFile, err)
	}

	notInMV3 := markNotInChromeTypes(bcd.features, ct)
	chromeOnly := addChromeOnly(bcd.features, ct, bcd.browsers)
	chromeOnly = append(chromeOnly, addChromeDocumented(bcd.features, bcd.browsers)...)

	out := &compat{
		Sources: sources{
			BCD:             bcd.version,
			ChromeTypes:     ctVersion,
			Date:            bcd.date,
			ChromeTypesDate: ct.date,
		},
		Browsers: bcd.browsers,
		Features: bcd.features,
		Chrome:   ct.members,
	}
	data, err := out.encode()
	if err != nil {
		return err
	}
	if err := writeAtomically(o.out, data); err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	if o.report {
		writeReport(o.stdout, bcd.version, bcd.mvStats)
		writeDerivedReport(o.stdout, notInMV3, chromeOnly)
	}
	if n := len(bcd.mvStats.unrecognised); n > 0 && !o.report {
		fmt.Fprintf(o.stderr, "gen: warning: %d notes mention a manifest version in words the generator does not recognise; run with -report\n", n)
	}
	return nil
}

// packageFile returns DIR/name, or DIR/package/name when only that exists
// (DIR is then the directory an npm archive was unpacked into).
func packageFile(dir, name string) string {
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		alt := filepath.Join(dir, "package", name)
		if _, err2 := os.Stat(alt); err2 == nil {
			return alt
		}
	}
	return p
}

// packageVersion reads the version from dir/package.json. want, when not
// empty, must match it; without a package.json, want is the version.
func packageVersion(dir, want string) (string, error) {
	file := filepath.Join(dir, "package.json")
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) && want != "" {
		return want, nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the chrome-types version: %w", err)
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return "", fmt.Errorf("reading %q: %w", file, err)
	}
	if pkg.Version == "" {
		return "", fmt.Errorf("%q has no version", file)
	}
	if want != "" && pkg.Version != want {
		return "", fmt.Errorf("%q is chrome-types %q, not the %q asked for", file, pkg.Version, want)
	}
	return pkg.Version, nil
}

// writeAtomically replaces name with data, so that a failure never leaves a
// half-written table behind.
func writeAtomically(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
