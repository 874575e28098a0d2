package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// ServeDir serves the files of dir over HTTP on 127.0.0.1, at a free port,
// until the test ends, and returns the base URL, such as
// "http://127.0.0.1:41234". A content script whose match pattern is
// "http://127.0.0.1/*" runs in its pages, as match patterns ignore the port.
func ServeDir(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}
