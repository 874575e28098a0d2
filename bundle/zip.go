package bundle

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/webext-shim/webext-shim/internal/jsonc"
)

// DefaultZipTime is the modification time of every archive entry when
// Options.ZipTime is zero: the earliest time a zip file can record, so
// that archives do not depend on the clock.
var DefaultZipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zipEntry is one file of an archive: its contents in memory, or a source
// file to copy.
type zipEntry struct {
	name string
	data []byte
	file string
}

// writeZip writes a reproducible archive: entries sorted by name, every
// one with the same time (in UTC, so the time zone does not matter) and
// mode 0644, deflated.
func writeZip(dst string, entries []zipEntry, mtime time.Time) error {
	if err := checkZipTime(mtime); err != nil {
		return fmt.Errorf("writing the archive %q: %w", dst, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	for _, e := range entries {
		if !archiveName(e.name) {
			return fmt.Errorf("writing the archive %q: %q is not the path of a file inside the extension", dst, e.name)
		}
	}
	f, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("writing the archive: %w", err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime.UTC()}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			f.Close()
			return fmt.Errorf("writing the archive %q: %w", dst, err)
		}
		if e.data != nil || e.file == "" {
			_, err = w.Write(e.data)
		} else {
			err = copyInto(w, e.file)
		}
		if err != nil {
			f.Close()
			return fmt.Errorf("writing the archive %q: %w", dst, err)
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("writing the archive %q: %w", dst, err)
	}
	return f.Close()
}

// The range of entry times an archive records exactly: the MS-DOS date
// starts in 1980, the extended timestamp's seconds since 1970 are an
// unsigned 32-bit number.
var (
	zipTimeFirst = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	zipTimeLast  = time.Unix(1<<32-1, 0).UTC()
)

// checkZipTime refuses an entry time an archive cannot record.
func checkZipTime(t time.Time) error {
	if t.Before(zipTimeFirst) || t.After(zipTimeLast) {
		return fmt.Errorf("the time %s is outside what zip files record (%s to %s)", t.UTC().Format(time.RFC3339), zipTimeFirst.Format(time.RFC3339), zipTimeLast.Format(time.RFC3339))
	}
	return nil
}

// archiveName reports whether name can name a file entry: a clean,
// relative, slash-separated path (a trailing slash would make a directory
// entry, "../" would leave the directory the archive is unpacked into).
func archiveName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.HasPrefix(name, "../") &&
		!strings.HasPrefix(name, "/") && !strings.HasSuffix(name, "/") &&
		!strings.ContainsRune(name, 0) && path.Clean(name) == name
}

func copyInto(w io.Writer, file string) error {
	in, err := os.Open(file)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(w, in)
	return err
}

// zipEntries lists the files of the target's output.
func (b *targetBuild) zipEntries() []zipEntry {
	var entries []zipEntry
	for _, rel := range b.src.files {
		if _, ok := b.out[rel]; !ok {
			entries = append(entries, zipEntry{name: rel, file: filepath.Join(b.src.dir, filepath.FromSlash(rel))})
		}
	}
	for rel, data := range b.out {
		entries = append(entries, zipEntry{name: rel, data: data})
	}
	return entries
}

// sourceEntries lists the source files, for the archive reviewers of
// addons.mozilla.org ask for.
func (s *source) sourceEntries() []zipEntry {
	entries := make([]zipEntry, 0, len(s.files))
	for _, rel := range s.files {
		entries = append(entries, zipEntry{name: rel, file: filepath.Join(s.dir, filepath.FromSlash(rel))})
	}
	return entries
}

// archiveBase is "<name>-<version>" for archive names: the manifest's name
// (a __MSG_x__ name resolved from the default locale), lowercased, with
// every run of characters other than letters, digits, "." and "_" made one
// "-".
func (s *source) archiveBase(m *jsonc.Value) string {
	name := "extension"
	if v := m.Get("name"); v != nil && v.Kind == jsonc.String {
		name = s.localise(m, v.Str)
	}
	version := "0"
	if v := m.Get("version"); v != nil && v.Kind == jsonc.String {
		version = v.Str
	}
	return fileSafe(name) + "-" + fileSafe(version)
}

// localise resolves a "__MSG_key__" string from the default locale's
// messages.json; other strings, and messages that cannot be read, are
// returned as they are.
func (s *source) localise(m *jsonc.Value, text string) string {
	if !strings.HasPrefix(text, "__MSG_") || !strings.HasSuffix(text, "__") {
		return text
	}
	key := strings.TrimSuffix(strings.TrimPrefix(text, "__MSG_"), "__")
	loc := m.Get("default_locale")
	if loc == nil || loc.Kind != jsonc.String {
		return key
	}
	rel := path.Join("_locales", loc.Str, "messages.json")
	if !s.has(rel) {
		// Only a file of the source: default_locale may hold "../".
		return key
	}
	data, err := s.read(rel)
	if err != nil {
		return key
	}
	var messages map[string]struct {
		Message string `json:"message"`
	}
	if v, err := jsonc.Parse(data); err == nil {
		// messages.json may hold comments, like manifest.json.
		if err := json.Unmarshal(v.Encode(), &messages); err != nil {
			return key
		}
	}
	for k, msg := range messages {
		// Message keys are case-insensitive.
		if strings.EqualFold(k, key) && msg.Message != "" {
			return msg.Message
		}
	}
	return key
}

// fileSafe lowercases s and replaces each run of characters other than
// letters, digits, "." and "_" with one "-".
func fileSafe(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-.")
	if out == "" {
		return "extension"
	}
	return out
}
