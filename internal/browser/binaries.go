package browser

// Names of the browser binaries looked up on PATH when no other is given.
// They are the names of Debian's packages.
const (
	// ChromiumBinary is the name of Debian's Chromium binary.
	ChromiumBinary = "chromium"
	// FirefoxBinary is the name of Debian's Firefox ESR binary.
	FirefoxBinary = "firefox-esr"
)
