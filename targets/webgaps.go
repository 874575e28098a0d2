package targets

// WebAPIGap is a web platform API that extension code reaches through a
// global's member and that a family of browsers lacks altogether.
type WebAPIGap struct {
	// Families are the browser families without it.
	Families []Family
	// Name is the global ("navigator") and Member the missing member
	// ("hid").
	Name, Member string
	// Title is the API's name ("WebHID").
	Title string
}

// WebAPIGaps are the device APIs Chromium extensions use (the
// chrome-extensions-samples co2meter sample reads navigator.hid) that Gecko
// and WebKit do not implement. Evidence: @mdn/browser-compat-data 8.1.9,
// api.Navigator.hid, api.Navigator.usb, api.Navigator.serial and
// api.Navigator.bluetooth: no Firefox or Safari release supports them
// (Chrome has each since 89, 61, 89 and 56); in Firefox ESR 153
// navigator.hid is undefined ("can't access property addEventListener,
// navigator.hid is undefined", the corpus runner).
var WebAPIGaps = []WebAPIGap{
	{Families: []Family{Gecko, WebKit}, Name: "navigator", Member: "hid", Title: "WebHID"},
	{Families: []Family{Gecko, WebKit}, Name: "navigator", Member: "usb", Title: "WebUSB"},
	{Families: []Family{Gecko, WebKit}, Name: "navigator", Member: "serial", Title: "Web Serial"},
	{Families: []Family{Gecko, WebKit}, Name: "navigator", Member: "bluetooth", Title: "Web Bluetooth"},
}
