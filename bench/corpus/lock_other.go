//go:build !unix

package corpus

import "errors"

// lockFile is not available here: flock(2) is a Unix call.
func lockFile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	return nil, errors.New("a browser lock needs flock(2), which this system lacks")
}
