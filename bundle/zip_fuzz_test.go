package bundle

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The times a zip file records, in seconds since 1970: its MS-DOS time
// field starts in 1980, the extended timestamp field archive/zip also
// writes (and reads first) is an unsigned 32-bit number of seconds.
const (
	zipTimeMin = 315532800 // 1980-01-01 00:00:00 UTC
	zipTimeMax = 1<<32 - 1 // 2106-02-07 06:28:15 UTC
)

// FuzzWriteZip checks the archive writer on any file names, contents and
// entry time (SOURCE_DATE_EPOCH, from 1980 to 2106, which zip files can
// record): names split on newlines (the first 16), contents on 0xff bytes
// (entry i gets part i modulo their number), and bit i of fromFile says
// whether entry i (of the first 8) is copied from a file rather than
// written from memory. Files are slow to make here, and each entry costs a
// compressor of about a megabyte: more entries would only slow the fuzzer.
//   - nothing panics;
//   - the names a source tree can hold (relative, clean, no trailing slash,
//     no NUL) always make an archive, which archive/zip reads back with the
//     same entries and contents, sorted by name, each with the given time,
//     mode 0644 and deflated;
//   - the archive is reproducible: the same entries in another order give
//     the same bytes;
//   - any other names either fail with an error or read back the same (a
//     name ending in "/" without data as a directory).
//
// The seed corpus runs with go test; the long run is
//
//	go test ./bundle -run '^$' -fuzz '^FuzzWriteZip$' -fuzztime 60s -parallel 1
func FuzzWriteZip(f *testing.F) {
	for _, seed := range []struct {
		names    string
		blob     string
		secs     int64
		fromFile uint8
	}{
		{"manifest.json\nbg.js\n_locales/en/messages.json\nicons/icon.png", "{}\xffvar x;\xff{\"a\":{}}\xff\x89PNG\x00\x01", 315532800, 0},
		{"b\na\nB\na/b\nä/ö.js\n\u2028", "x\xff\xffyy", 1700000000, 0b1010},
		{"only.js", "", 315532801, 1},
		{"z\ny\nx\nw\nv\nu\nt\ns\nr", strings.Repeat("compressible ", 20), 4102444800, 0xff},
		{"dir/\n/abs\n../up\n.\n\x00\nok", "a\xffb", 946684800, 0},
		{"dup\ndup", "1\xff2", 315532800, 0},
		{"", "", 315532800, 0},
	} {
		f.Add(seed.names, []byte(seed.blob), seed.secs, seed.fromFile)
	}
	// One directory per fuzzing process: the entries' files and the
	// archive are overwritten by each input.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, names string, blob []byte, secs int64, fromFile uint8) {
		if secs < zipTimeMin || secs > zipTimeMax {
			// Times a zip file can record (TestWriteZipTimeRange is
			// about the others).
			secs = zipTimeMin + (secs%(zipTimeMax-zipTimeMin+1)+(zipTimeMax-zipTimeMin+1))%(zipTimeMax-zipTimeMin+1)
		}
		mtime := time.Unix(secs, 0).UTC()
		chunks := bytes.Split(blob, []byte{0xff})
		var valid, other []zipEntry
		seen := map[string]bool{}
		for i, name := range strings.Split(names, "\n") {
			if i >= 16 {
				break
			}
			if seen[name] {
				// An extension's files have distinct names.
				continue
			}
			seen[name] = true
			e := zipEntry{name: name, data: chunks[i%len(chunks)]}
			if i < 8 && fromFile&(1<<i) != 0 {
				e.file = filepath.Join(dir, "f"+strconv.Itoa(i))
				if err := os.WriteFile(e.file, e.data, 0o644); err != nil {
					t.Fatal(err)
				}
				e.data = nil
			}
			if sourceName(name) {
				valid = append(valid, e)
			} else {
				other = append(other, e)
			}
		}
		want := map[string][]byte{}
		for _, e := range valid {
			want[e.name] = entryData(t, e)
		}
		archive := filepath.Join(dir, "out.zip")
		if err := writeZip(archive, slices.Clone(valid), mtime); err != nil {
			t.Fatalf("writeZip(%q, %v): %v", names, mtime, err)
		}
		first := checkZip(t, archive, want, mtime, false)
		reversed := slices.Clone(valid)
		slices.Reverse(reversed)
		if err := writeZip(archive, reversed, mtime); err != nil {
			t.Fatalf("writeZip(%q) again: %v", names, err)
		}
		second, err := os.ReadFile(archive)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("the archive of %q depends on the order of its entries", names)
		}
		// Names a source tree cannot hold: an error, or the same round trip.
		all := append(slices.Clone(valid), other...)
		for _, e := range other {
			want[e.name] = entryData(t, e)
		}
		if err := writeZip(archive, all, mtime); err == nil {
			checkZip(t, archive, want, mtime, true)
		} else if len(other) == 0 || err.Error() == "" {
			t.Fatalf("writeZip(%q) failed only with names of files: %v", names, err)
		}
	})
}

// sourceName reports whether name can be the slash-separated path of a
// file in a source tree, relative to its root.
func sourceName(name string) bool {
	return name != "" && name != "." && !strings.HasPrefix(name, "../") && name != ".." &&
		!strings.HasPrefix(name, "/") && !strings.HasSuffix(name, "/") &&
		!strings.ContainsRune(name, 0) && path.Clean(name) == name && len(name) < 4096
}

// entryData returns what an entry holds.
func entryData(t *testing.T, e zipEntry) []byte {
	t.Helper()
	if e.data != nil || e.file == "" {
		return e.data
	}
	data, err := os.ReadFile(e.file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkZip reads the archive back and compares it with want; it returns
// the archive's bytes. With dirs, a name ending in "/" may be a directory
// entry (what archive/zip makes of such a name with no data).
func checkZip(t *testing.T, archive string, want map[string][]byte, mtime time.Time, dirs bool) []byte {
	t.Helper()
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("archive/zip cannot read the archive of %d entries: %v", len(want), err)
	}
	if len(zr.File) != len(want) {
		t.Fatalf("the archive has %d entries, want %d", len(zr.File), len(want))
	}
	for i, f := range zr.File {
		if i > 0 && zr.File[i-1].Name >= f.Name {
			t.Fatalf("entries %q and %q are not sorted", zr.File[i-1].Name, f.Name)
		}
		w, ok := want[f.Name]
		if !ok {
			t.Fatalf("the archive has the entry %q, which was not written", f.Name)
		}
		if dirs && strings.HasSuffix(f.Name, "/") && f.Mode().IsDir() && len(w) == 0 {
			continue
		}
		if !f.Modified.Equal(mtime) || f.Mode() != 0o644 || f.Method != zip.Deflate {
			t.Fatalf("entry %q: time %v (want %v), mode %v, method %d", f.Name, f.Modified, mtime, f.Mode(), f.Method)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatalf("entry %q: %v", f.Name, err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("entry %q: %v", f.Name, err)
		}
		if !bytes.Equal(got, w) {
			t.Fatalf("entry %q holds %q, want %q", f.Name, got, w)
		}
	}
	return data
}

// TestWriteZipTimeRange is a finding of fuzzing writeZip: an entry time
// after 2106-02-07 06:28:15 UTC (the command takes one from
// SOURCE_DATE_EPOCH, refusing only times before 1980; a library caller sets
// Options.ZipTime) does not fit the extended timestamp field, whose
// seconds wrap around: the archive reads back with times in 1970. Such a
// time must fail with an error, or round-trip.
func TestWriteZipTimeRange(t *testing.T) {
	for _, secs := range []int64{zipTimeMin, zipTimeMax, zipTimeMax + 1, 4300000000, 4354819199} {
		mtime := time.Unix(secs, 0).UTC()
		t.Run(mtime.Format(time.RFC3339), func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), "a.zip")
			if err := writeZip(archive, []zipEntry{{name: "a.js", data: []byte("x")}}, mtime); err != nil {
				if secs <= zipTimeMax {
					t.Fatalf("writeZip at %v: %v", mtime, err)
				}
				return
			}
			zr, err := zip.OpenReader(archive)
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			if got := zr.File[0].Modified; !got.Equal(mtime) {
				t.Errorf("writeZip at %v wrote an entry that reads back at %v; want that time or an error", mtime, got.UTC())
			}
		})
	}
}
