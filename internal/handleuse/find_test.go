package handleuse

import (
	"fmt"
	"slices"
	"testing"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// apis are the getBackgroundPage APIs, as the shim declares them.
var apis = []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"}

// describe formats a use as "line:col kind expr: how -> instead".
func describe(src []byte, u Use) string {
	p := textpos.At(src, u.Offset)
	s := fmt.Sprintf("%d:%d %s %s", p.Line, p.Column, u.Kind, u.Expr)
	if u.Holds != "" {
		s += " (" + u.Holds + ")"
	}
	s += ": " + u.How
	if u.Instead != "" {
		s += " -> " + u.Instead
	}
	return s
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"call result assigned to a DOM property", `
const bg = chrome.extension.getBackgroundPage();
checkbox.checked = bg.isListening();`,
			[]string{"3:20 sync bg.isListening(): assigned to checkbox.checked -> await bg.isListening()"}},
		{"call result in a variable, then read", `
const bg = browser.extension.getBackgroundPage();
const opts = bg.loadOptions();
setInterval(tick, opts.interval);`,
			[]string{"4:19 sync opts (bg.loadOptions()): reading .interval of its result -> (await opts).interval"}},
		{"value read in Object.keys", `
var bg = chrome.extension.getBackgroundPage();
for (const k of Object.keys(bg.stats)) show(k);`,
			[]string{"3:29 sync bg.stats: as an argument of Object.keys -> await bg.stats"}},
		{"nested value in arithmetic", `
let bg = chrome.extension.getBackgroundPage();
const ms = bg.PREFS.interval * 1000;`,
			[]string{"3:12 sync bg.PREFS.interval: in arithmetic -> await bg.PREFS.interval"}},
		{"nested value read, then a member of it", `
const bg = chrome.extension.getBackgroundPage();
popup.style.width = bg.config.tab.width + "px";`,
			[]string{"3:21 sync bg.config.tab.width: in arithmetic -> await bg.config.tab.width"}},
		{"a property of a call result", `
const bg = chrome.extension.getBackgroundPage();
label.textContent = bg.tabs.get(id).state;`,
			[]string{"3:21 sync bg.tabs.get(id): reading .state of its result -> (await bg.tabs.get(id)).state"}},
		{"the background's document", `
const bg = chrome.extension.getBackgroundPage();
bg.document.addEventListener("change", update);`,
			[]string{"3:1 dom bg.document: "}},
		{"the background's location and window", `
const bg = browser.extension.getBackgroundPage();
bg.location.reload();
const w = bg.window;`,
			[]string{"3:1 dom bg.location: ", "4:11 dom bg.window: "}},
		{"in a condition", `
const bg = chrome.extension.getBackgroundPage();
if (bg.enabled) start();
while (!bg.ready) wait();`,
			[]string{"3:5 sync bg.enabled: in a condition -> await bg.enabled", "4:9 sync bg.ready: in a condition -> await bg.ready"}},
		{"in a comparison and a ternary", `
const bg = chrome.extension.getBackgroundPage();
const on = bg.mode === "on" ? 1 : 0;
const n = bg.count() > 3;`,
			[]string{"3:12 sync bg.mode: in a comparison -> await bg.mode", "4:11 sync bg.count(): in a comparison -> await bg.count()"}},
		{"as an argument", `
const bg = chrome.extension.getBackgroundPage();
render(bg.items);
console.log(bg.version());`,
			[]string{"3:8 sync bg.items: as an argument of render -> await bg.items", "4:13 sync bg.version(): as an argument of console.log -> await bg.version()"}},
		{"iteration, spread and template literal", `
const bg = chrome.extension.getBackgroundPage();
for (const line of bg.log) print(line);
for (const k in bg.table) print(k);
const all = [...bg.list];
title.textContent = ` + "`${bg.name} (${bg.count()})`" + `;`,
			[]string{
				"3:20 sync bg.log: iterated by for-of -> await bg.log",
				"4:17 sync bg.table: iterated by for-in -> await bg.table",
				"5:17 sync bg.list: in a spread -> await bg.list",
				"6:24 sync bg.name: in a template literal -> await bg.name",
				"6:36 sync bg.count(): in a template literal -> await bg.count()",
			}},
		{"instanceof and identity", `
const bg = chrome.extension.getBackgroundPage();
if (bg instanceof Window) a();
if (bg === window) b();
if (bg.log instanceof Array) c();`,
			[]string{
				"3:5 identity bg instanceof Window: tests the handle, not the object it stands for",
				"4:5 identity bg === window: compares the handle, not the object it stands for",
				"5:5 identity bg.log instanceof Array: tests the value's stand-in, not the value -> (await bg.log) instanceof Array",
			}},
		{"an existence check is silent", `
const bg = chrome.extension.getBackgroundPage();
if (!bg) throw Error("no background");
if (bg == null || bg === undefined) stop();
if (bg) bg.foo();`,
			nil},
		{"callback form", `
chrome.runtime.getBackgroundPage(function (bgPage) {
  status.textContent = bgPage.status;
});`,
			[]string{"3:24 sync bgPage.status: assigned to status.textContent -> await bgPage.status"}},
		{"arrow callback form", `
chrome.runtime.getBackgroundPage((page) => {
  if (page.isRecording()) button.disabled = true;
});`,
			[]string{"3:7 sync page.isRecording(): in a condition -> await page.isRecording()"}},
		{"promise then", `
browser.runtime.getBackgroundPage().then(bg => {
  list.replaceChildren(...bg.entries);
});`,
			[]string{"3:27 sync bg.entries: in a spread -> await bg.entries"}},
		{"then with a named function", `
function onGot(page) { document.title = page.title; }
browser.runtime.getBackgroundPage().then(onGot, onError);`,
			[]string{"2:41 sync page.title: assigned to document.title -> await page.title"}},
		{"await form", `
async function init() {
  const bg = await browser.runtime.getBackgroundPage();
  if (bg.settings.dark) document.body.classList.add("dark");
}`,
			[]string{"4:7 sync bg.settings.dark: in a condition -> await bg.settings.dark"}},
		{"alias through assignments", `
const page = chrome.extension.getBackgroundPage();
const bg = page;
let other;
other = bg;
out.value = other.counter + 1;`,
			[]string{"6:13 sync other.counter: in arithmetic -> await other.counter"}},
		{"destructuring the handle", `
const { stats, prefs: p } = chrome.extension.getBackgroundPage();
Object.entries(stats).forEach(show);
field.value = p.name;`,
			[]string{
				"3:16 sync stats (chrome.extension.getBackgroundPage().stats): as an argument of Object.entries -> await stats",
				"4:15 sync p.name: assigned to field.value -> await p.name",
			}},
		{"a parameter of the file's function", `
function fill(bg) {
  input.value = bg.lastQuery;
}
fill(chrome.extension.getBackgroundPage());`,
			[]string{"3:17 sync bg.lastQuery: assigned to input.value -> await bg.lastQuery"}},
		{"a function declared after its call, and a helper returning the handle", `
const h = getBg();
apply(h);
function getBg() { return chrome.extension.getBackgroundPage(); }
function apply(x) { return x.level * 2; }`,
			[]string{"5:28 sync x.level: in arithmetic -> await x.level"}},
		{"optional chaining", `
const bg = chrome.extension?.getBackgroundPage?.();
el.hidden = bg?.state?.hidden;`,
			[]string{"3:13 sync bg?.state?.hidden: assigned to el.hidden -> await bg?.state?.hidden"}},
		{"awaited uses are silent", `
async function load() {
  const bg = await browser.runtime.getBackgroundPage();
  const opts = await bg.loadOptions();
  const stats = await bg.stats;
  label.textContent = (await bg.config).name;
  checkbox.checked = await bg.isListening();
  const p = bg.load();
  show(await p);
  return bg.summary();
}`,
			nil},
		{"promises and discarded calls are silent", `
const bg = chrome.extension.getBackgroundPage();
bg.playSound(id, false);
bg.refresh().then(done);
bg.total.then(show);
Promise.resolve(bg.total).then(show);
Promise.all([bg.a(), bg.b]).then(show);
const f = async () => bg.compute();
void bg.ping();`,
			nil},
		{"the handle passed on or checked with typeof is silent", `
const bg = chrome.extension.getBackgroundPage();
register(bg);
if (typeof bg.foo === "function") bg.foo();
const mode = typeof bg.document === "object" ? "native" : "handle";`,
			nil},
		{"a shadowing binding is not the handle", `
const bg = chrome.extension.getBackgroundPage();
function other(bg) { return bg.x + 1; }
other({x: 1});`,
			nil},
		{"a local chrome is not the API", `
function f(chrome) { const bg = chrome.extension.getBackgroundPage(); return bg.x + 1; }`,
			nil},
		{"other APIs are not followed", `
const tabs = chrome.tabs.query({});
if (tabs.length) go();`,
			nil},
		{"through globalThis", `
const bg = globalThis.chrome.extension.getBackgroundPage();
if (bg.ok) go();`,
			[]string{"3:5 sync bg.ok: in a condition -> await bg.ok"}},
		{"top-level await (a module-like script)", `
const bg = await browser.runtime.getBackgroundPage();
count.textContent = bg.count;`,
			[]string{"3:21 sync bg.count: assigned to count.textContent -> await bg.count"}},
		{"compound assignment and object literal", `
const bg = chrome.extension.getBackgroundPage();
total += bg.delta;
save({ value: bg.value });`,
			[]string{
				"3:10 sync bg.delta: in arithmetic -> await bg.delta",
				"4:15 sync bg.value: stored in an object -> await bg.value",
			}},
		{"assignments through the handle", `
const bg = chrome.extension.getBackgroundPage();
bg.device = dev;
bg.config.level = 3;
bg["x"] = 1;`,
			[]string{
				"3:1 write bg.device: assigns through the handle, which sets nothing behind it",
				"4:1 write bg.config.level: assigns through the handle, which sets nothing behind it",
				"5:1 write bg[\"x\"]: assigns through the handle, which sets nothing behind it",
			}},
		{"a bound callback", `
chrome.runtime.getBackgroundPage(function (page) {
  this.logger = page.logger;
}.bind(this));`,
			[]string{"3:17 sync page.logger: assigned to this.logger -> await page.logger"}},
		{"multi-byte text before the use", `
// café, 日本
const bg = chrome.extension.getBackgroundPage(); const s = "é"; if (bg.on) go();`,
			[]string{"3:70 sync bg.on: in a condition -> await bg.on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			uses, err := Find(src, apis)
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			var got []string
			for _, u := range uses {
				got = append(got, describe(src, u))
				if u.Offset < 0 || u.End > len(src) || u.Offset >= u.End {
					t.Errorf("use %+v out of the source", u)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%q\nwant\n\t%q", got, tt.want)
			}
		})
	}
}

func TestFindUnparsable(t *testing.T) {
	for _, src := range []string{
		"import { x } from './x.js';\nconst bg = chrome.extension.getBackgroundPage();\nif (bg.a) x();",
		"export const bg = chrome.extension.getBackgroundPage();",
		"const bg = chrome.extension.getBackgroundPage(; if (bg.a) {}",
		"function (",
	} {
		uses, err := Find([]byte(src), apis)
		if err == nil || uses != nil {
			t.Errorf("Find(%q) = %v, %v; want no uses and an error", src, uses, err)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("const bg = chrome.extension.getBackgroundPage(); if (bg.x) y(bg.z());")
	f.Add("chrome.runtime.getBackgroundPage(function(p){ for (const k in p.t) {} })")
	f.Add("const b = await browser.runtime.getBackgroundPage(); b.document; `${b.x}`")
	f.Add("})(); (async function(){ const b = chrome.extension.getBackgroundPage(); b.x + 1")
	f.Add("const {a, b: [c]} = chrome.extension.getBackgroundPage(); a + c;")
	f.Fuzz(func(t *testing.T, src string) {
		uses, err := Find([]byte(src), apis)
		if err != nil && uses != nil {
			t.Fatalf("uses with an error")
		}
		for _, u := range uses {
			if u.Offset < 0 || u.End > len(src) || u.Offset > u.End {
				t.Fatalf("use %+v out of the source of %d bytes", u, len(src))
			}
		}
	})
}
