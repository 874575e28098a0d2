package main

import "github.com/webext-shim/webext-shim/targets"

// resolveTargets resolves a --target value; every error in it is a usage
// error.
func resolveTargets(list string, minimums map[string]string) ([]targets.Target, error) {
	ts, err := targets.ResolveAll(list, minimums)
	if err != nil {
		return nil, usageError{err}
	}
	return ts, nil
}

// allBrowsers is the target list used when a command that only reads the
// tables gets no --target.
func allBrowsers() string {
	list := ""
	for i, n := range targets.BrowserNames() {
		if i > 0 {
			list += ","
		}
		list += n
	}
	return list
}
