package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The npm packages the tables come from.
const (
	bcdPackage = "@mdn/browser-compat-data"
	ctPackage  = "chrome-types"
)

// maxUnpacked bounds the bytes unpacked from one archive (data.json alone is
// about 20 MB), so that a broken archive cannot fill the disk.
const maxUnpacked = 1 << 30

// fetchPackages runs `npm pack SPEC...` in dir and unpacks every archive it
// writes into dir/NAME. It returns, per package name, the directory holding
// the package's files (the archive's package/ folder).
func fetchPackages(npm, dir string, specs []string, stderr io.Writer) (map[string]string, error) {
	args := append([]string{"pack", "--json", "--ignore-scripts"}, specs...)
	cmd := exec.Command(npm, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errOut.String())
		if msg != "" {
			return nil, fmt.Errorf("npm pack %s: %w\n%s", strings.Join(specs, " "), err, msg)
		}
		return nil, fmt.Errorf("npm pack %s: %w", strings.Join(specs, " "), err)
	}
	var packed []struct {
		Name     string `json:"name"`
		Version  string `json:"version"`
		Filename string `json:"filename"`
	}
	if err := json.Unmarshal(out.Bytes(), &packed); err != nil {
		return nil, fmt.Errorf("reading the output of npm pack --json: %w", err)
	}
	dirs := make(map[string]string)
	for i, p := range packed {
		if p.Name == "" || p.Filename == "" || filepath.Base(p.Filename) != p.Filename {
			return nil, fmt.Errorf("npm pack reported an archive %q for package %q", p.Filename, p.Name)
		}
		dest := filepath.Join(dir, fmt.Sprintf("pkg%d", i))
		f, err := os.Open(filepath.Join(dir, p.Filename))
		if err != nil {
			return nil, fmt.Errorf("opening what npm pack wrote: %w", err)
		}
		err = untgz(f, dest)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("unpacking %q: %w", p.Filename, err)
		}
		dirs[p.Name] = filepath.Join(dest, "package")
	}
	for _, spec := range specs {
		name := spec[:strings.LastIndex(spec, "@")]
		if dirs[name] == "" {
			return nil, fmt.Errorf("npm pack wrote no archive for %q", spec)
		}
	}
	return dirs, nil
}

// untgz unpacks the gzip-compressed tar archive r into dest, which it
// creates. It refuses entries whose names would land outside dest and
// anything but regular files and directories (links above all).
func untgz(r io.Reader, dest string) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	defer zr.Close()
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	var total int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(h.Name, "/")
		if name == "" || !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, `\`) {
			return fmt.Errorf("archive entry %q escapes the destination", h.Name)
		}
		target := filepath.Join(dest, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			total += h.Size
			if h.Size < 0 || total > maxUnpacked {
				return fmt.Errorf("archive is larger than %d bytes unpacked", maxUnpacked)
			}
			if err := writeFile(target, tr, h.Size); err != nil {
				return err
			}
		case tar.TypeXGlobalHeader:
			// pax metadata, nothing to unpack
		default:
			return fmt.Errorf("archive entry %q is not a regular file or directory", h.Name)
		}
	}
}

// writeFile writes exactly size bytes from r to a new file name.
func writeFile(name string, r io.Reader, size int64) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, size))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n != size {
		err = fmt.Errorf("archive entry %q is truncated", filepath.Base(name))
	}
	return err
}
