package targets

// WorkerGap is a global of extension pages and background pages that a
// service worker lacks, with what to use there instead.
type WorkerGap struct {
	// Name is the global ("document"); Member, when set, the member of it
	// that is missing while the global itself exists ("createObjectURL" of
	// URL).
	Name, Member string
	// Instead says what a service worker uses instead.
	Instead string
}

// WorkerGaps are the Window-only globals extension code commonly uses that a
// service-worker background lacks. Evidence: a service worker's global
// object is a ServiceWorkerGlobalScope, which has no DOM (document, window,
// Image, Audio, DOMParser), no Web Storage (localStorage, sessionStorage),
// no XMLHttpRequest and no user prompts (alert, confirm, prompt), and whose
// URL.createObjectURL is not exposed (MDN, "ServiceWorkerGlobalScope" and
// "URL: createObjectURL() static method": "not available in Service
// Workers"); Chrome's guide "Migrate to a service worker" lists the same
// replacements: offscreen documents for the DOM, chrome.storage for Web
// Storage, fetch for XMLHttpRequest.
var WorkerGaps = []WorkerGap{
	{Name: "window", Instead: "use self or globalThis"},
	{Name: "document", Instead: "do DOM work in an offscreen document (offscreen.createDocument) or an extension page"},
	{Name: "localStorage", Instead: "use storage.local"},
	{Name: "sessionStorage", Instead: "use storage.session"},
	{Name: "XMLHttpRequest", Instead: "use fetch"},
	{Name: "DOMParser", Instead: "parse in an offscreen document (offscreen.createDocument)"},
	{Name: "Audio", Instead: "play sound in an offscreen document (offscreen.createDocument)"},
	{Name: "Image", Instead: "use fetch and createImageBitmap, or an offscreen document"},
	{Name: "alert", Instead: "use notifications.create, or an extension page"},
	{Name: "confirm", Instead: "use an extension page"},
	{Name: "prompt", Instead: "use an extension page"},
	{Name: "URL", Member: "createObjectURL", Instead: "use a data: URL, or an offscreen document"},
}
