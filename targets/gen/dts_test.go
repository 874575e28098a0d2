package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const dtsHeader = "// Generated on Fri Oct 16 2026 22:25:27 GMT+0000 (Coordinated Universal Time)\n"

// scan runs the scanner on a snippet wrapped in `declare namespace chrome`.
func scan(t *testing.T, body string) map[string]chromeMember {
	t.Helper()
	res, err := parseDTS([]byte(dtsHeader + "declare namespace chrome {\n" + body + "\n}\n"))
	if err != nil {
		t.Fatalf("parseDTS: %v", err)
	}
	return res.members
}

// asJSON renders members the way the output does, for comparisons.
func asJSON(t *testing.T, m map[string]chromeMember) string {
	t.Helper()
	var lines []string
	for _, k := range sortedKeys(m) {
		b, err := marshal(m[k])
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, k+" "+string(b))
	}
	return strings.Join(lines, "\n")
}

func TestScanDTS(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // one "path json" line per member, sorted
	}{
		{
			name: "overloads merge: promise and callback",
			body: `
  export namespace runtime {
    /**
     * Retrieves the window.
     *
     * @chrome-returns-extra since Chrome 99
     * @deprecated Background pages do not exist in MV3 extensions.
     * @chrome-disallow-service-workers
     * @chrome-deprecated-since Chrome 133
     */
    export function getBackgroundPage(): Promise<Window | undefined>;

    /**
     * Retrieves the window.
     *
     * @deprecated Background pages do not exist in MV3 extensions.
     * @chrome-disallow-service-workers
     * @chrome-deprecated-since Chrome 133
     */
    export function getBackgroundPage(

      /**
       * @param backgroundPage The JavaScript 'window' object for the background page.
       */
      callback?: (
        backgroundPage?: Window,
      ) => void,
    ): void;
  }`,
			want: `runtime {"kind":"namespace"}
runtime.getBackgroundPage {"kind":"function","promiseSince":"99","noServiceWorker":true,"deprecatedSince":"133","deprecated":"Background pages do not exist in MV3 extensions.","minArgs":0,"maxArgs":0,"callbackArgs":1}`,
		},
		{
			name: "several overloads: fewest and most arguments",
			body: `
  export namespace runtime {
    /** @chrome-returns-extra since Chrome 99 */
    export function sendMessage(extensionId: string, message: any, options?: {includeTlsChannelId?: boolean}): Promise<any>;
    /** @chrome-returns-extra since Chrome 99 */
    export function sendMessage(message: any, options?: {includeTlsChannelId?: boolean}): Promise<any>;
    export function sendMessage(extensionId: string, message: any, options?: {includeTlsChannelId?: boolean}, callback?: (response: any) => void): void;
    export function sendMessage(message: any, options?: {includeTlsChannelId?: boolean}, callback?: (response: any) => void): void;
  }`,
			want: `runtime {"kind":"namespace"}
runtime.sendMessage {"kind":"function","promiseSince":"99","minArgs":1,"maxArgs":3,"callbackArgs":1}`,
		},
		{
			name: "callback only, sync only, promise only, untagged promise",
			body: `
  /** @since Chrome 88 */
  export namespace a {
    /** Creates. */
    export function create(props: {id?: string}, callback?: () => void): number | string;
    /** @chrome-disallow-service-workers */
    export function getBackgroundPage(): Window | undefined;
    /** @chrome-returns-extra since Chrome 96 */
    export function query(filter?: {x: number}, more?: string): Promise<string[]>;
    export function setTitle(details: {title: string}): Promise<void>;
    export function setTitle(details: {title: string}, callback?: () => void): void;
    /** @since Chrome 130 */
    export function getKeys(): Promise<string[]>;
    /** @since Chrome 130 */
    export function getKeys(callback?: (keys: string[], more: number, evenMore: {a: (b: string, c: string) => void}) => void): void;
  }
  export namespace b {
    export function old(): Promise<void>;
  }`,
			want: `a {"kind":"namespace","since":"88"}
a.create {"kind":"function","minArgs":1,"maxArgs":1,"callbackArgs":0}
a.getBackgroundPage {"kind":"function","noServiceWorker":true,"minArgs":0,"maxArgs":0}
a.getKeys {"kind":"function","since":"130","promiseSince":"130","minArgs":0,"maxArgs":0,"callbackArgs":3}
a.query {"kind":"function","promiseSince":"96","minArgs":0,"maxArgs":2}
a.setTitle {"kind":"function","promiseSince":"88","minArgs":1,"maxArgs":1,"callbackArgs":0}
b {"kind":"namespace"}
b.old {"kind":"function","promiseSince":"88","minArgs":0,"maxArgs":0}`,
		},
		{
			name: "inline @param comments and nested types in parameter lists",
			body: `
  export namespace devtools.inspectedWindow {
    export {_eval as eval};
    /** @chrome-returns-extra since Chrome 151 */
    function _eval(
      expression: string,
      options?: {
        /**
         * If specified, the expression (a, b) is evaluated {in} the <frame>.
         */
        frameURL?: string,
        /** @since Chrome 107 */
        scriptExecutionContext?: string,
      },
    ): Promise<{result: {[name: string]: any}, exceptionInfo: {isError: boolean, details: any[]}}>;
    function _eval(
      expression: string,
      options?: {frameURL?: string, map?: Map<string, Array<(x: number) => void>>},
      /**
       * @param response The result, (with parentheses).
       */
      callback?: (
        /**
         * @since Chrome 151
         */
        response: {
          result: {[name: string]: any},
          exceptionInfo: {isError: boolean, code: string},
        },
      ) => void,
    ): void;
    function hidden(): void;
  }`,
			want: `devtools.inspectedWindow {"kind":"namespace"}
devtools.inspectedWindow.eval {"kind":"function","promiseSince":"151","minArgs":1,"maxArgs":2,"callbackArgs":1}`,
		},
		{
			name: "nested and hidden namespaces",
			body: `
  /** @chrome-disallow-service-workers */
  export namespace outer {
    /** @chrome-min-manifest MV3 */
    export namespace inner {
      export function f(): void;
    }
    namespace secret {
      export function g(): void;
    }
  }
  namespace _debugger {
    export function attach(target: Debuggee, requiredVersion: string, callback?: () => void): void;
  }
  export {_debugger as debugger};
  /**
   * @chrome-max-manifest MV2
   * @deprecated Use {@link action} instead.
   */
  export namespace browserAction {}`,
			want: `browserAction {"kind":"namespace","maxManifest":2,"deprecated":"Use action instead."}
debugger {"kind":"namespace"}
debugger.attach {"kind":"function","minArgs":2,"maxArgs":2,"callbackArgs":0}
outer {"kind":"namespace","noServiceWorker":true}
outer.inner {"kind":"namespace","minManifest":3}
outer.inner.f {"kind":"function","minArgs":0,"maxArgs":0}`,
		},
		{
			name: "events",
			body: `
  export namespace runtime {
    /** Fired when a message is sent. */
    export const onMessage: events.Event<(
      message: any,
      sender: MessageSender,
      /**
       * @param response The response.
       */
      sendResponse: (
        response?: any,
      ) => void,
    ) => (boolean | Promise<any>) | undefined>;
    /** @since Pending */
    export const onExtensionLoaded: chrome.events.Event<() => void>;
    export let lastError: {
      message?: string,
    };
    export const id: string;
  }
  export namespace webNavigation {
    export const onCommitted: CustomChromeEvent<(details: {tabId: number}) => void>;
  }`,
			want: `runtime {"kind":"namespace"}
runtime.id {"kind":"property"}
runtime.lastError {"kind":"property"}
runtime.lastError.message {"kind":"property"}
runtime.onExtensionLoaded {"kind":"event","since":"preview"}
runtime.onMessage {"kind":"event"}
webNavigation {"kind":"namespace"}
webNavigation.onCommitted {"kind":"event"}`,
		},
		{
			name: "interface expansion",
			body: `
  export namespace storage {
    export interface StorageArea {
      /** @since Chrome 73 */
      onChanged: events.Event<(changes: {[name: string]: StorageChange}) => void>;
      /**
       * Gets one or more items from storage.
       *
       * @chrome-returns-extra since Chrome 95
       * @param keys A single key to get.
       */
      get(
        keys?: string | string[] | {[name: string]: any},
      ): Promise<{[name: string]: any}>;
      get(
        keys?: string | string[] | {[name: string]: any},
        /**
         * @param items Object with items in their key-value mappings.
         */
        callback?: (
          items: {[name: string]: any},
        ) => void,
      ): void;
      /** @since Chrome 130 */
      getKeys(): Promise<string[]>;
      /** @since Chrome 130 */
      getKeys(callback?: (keys: string[]) => void): void;
    }
    export const local: StorageArea & {
      /** The maximum amount. */
      QUOTA_BYTES: 10485760,
    };
    /**
     * @since Chrome 102
     * @chrome-min-manifest MV3
     */
    export const session: StorageArea;
  }
  export namespace types {
    export interface ChromeSetting<T> {
      get(details: {incognito?: boolean}, callback?: (details: {value: T}) => void): void;
      onChange: events.Event<(details: {value: T}) => void>;
    }
  }
  export namespace privacy {
    export interface Base { describe(): string; }
    export interface Extended extends Base { more(a: number, b?: number): void; }
    export const network: {
      /** @since Chrome 48 */
      webRTCIPHandlingPolicy: types.ChromeSetting<IPHandlingPolicy>,
    };
    export const ext: Extended;
    export const either: Extended | undefined;
  }`,
			want: `privacy {"kind":"namespace"}
privacy.either {"kind":"property"}
privacy.ext {"kind":"property"}
privacy.ext.describe {"kind":"function","minArgs":0,"maxArgs":0}
privacy.ext.more {"kind":"function","minArgs":1,"maxArgs":2}
privacy.network {"kind":"property"}
privacy.network.webRTCIPHandlingPolicy {"kind":"property","since":"48"}
privacy.network.webRTCIPHandlingPolicy.get {"kind":"function","since":"48","minArgs":1,"maxArgs":1,"callbackArgs":1}
privacy.network.webRTCIPHandlingPolicy.onChange {"kind":"event","since":"48"}
storage {"kind":"namespace"}
storage.local {"kind":"property"}
storage.local.QUOTA_BYTES {"kind":"property"}
storage.local.get {"kind":"function","promiseSince":"95","minArgs":0,"maxArgs":1,"callbackArgs":1}
storage.local.getKeys {"kind":"function","since":"130","promiseSince":"130","minArgs":0,"maxArgs":0,"callbackArgs":1}
storage.local.onChanged {"kind":"event","since":"73"}
storage.session {"kind":"property","since":"102","minManifest":3}
storage.session.get {"kind":"function","since":"102","promiseSince":"95","minManifest":3,"minArgs":0,"maxArgs":1,"callbackArgs":1}
storage.session.getKeys {"kind":"function","since":"130","promiseSince":"130","minManifest":3,"minArgs":0,"maxArgs":0,"callbackArgs":1}
storage.session.onChanged {"kind":"event","since":"102","minManifest":3}
types {"kind":"namespace"}`,
		},
		{
			name: "other declarations are skipped",
			body: `
  export namespace declarativeContent {
    export type Kind = "a" | "b";
    export type Tuple = [number, number];
    export type Obj = {a: string; b: (x: number) => void};
    export enum Color { RED = "red", BLUE = "blue" }
    export class PageStateMatcher {
      constructor(arg: {pageUrl?: {hostEquals?: string}});
    }
    export const MAX: 5000;
    export const NAME = "x";
    export function f(...rest: string[]): void;
  }`,
			want: `declarativeContent {"kind":"namespace"}
declarativeContent.MAX {"kind":"property"}
declarativeContent.NAME {"kind":"property"}
declarativeContent.f {"kind":"function","minArgs":0,"maxArgs":1}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := asJSON(t, scan(t, tt.body))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestScanDTSOutsideChrome(t *testing.T) {
	src := dtsHeader + `
declare namespace usb {
  interface Device { device: number; }
}
declare namespace browserAction {
  type ColorArray = [number, number, number, number];
}
interface Entry {}
type CustomChromeEvent<H extends (...args: any) => void> =
  Omit<chrome.events.Event<H>, 'addListener'> & {
    /** Registers. */
    readonly addListener: H;
  };
declare namespace chrome {
  export namespace alarms {
    export function clear(name?: string): Promise<boolean>;
  }
}
declare namespace chrome {
  export namespace tabs { export function get(tabId: number, callback?: (tab: Tab) => void): void; }
}
`
	res, err := parseDTS([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := asJSON(t, res.members)
	want := `alarms {"kind":"namespace"}
alarms.clear {"kind":"function","promiseSince":"88","minArgs":0,"maxArgs":1}
tabs {"kind":"namespace"}
tabs.get {"kind":"function","minArgs":1,"maxArgs":1,"callbackArgs":1}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if res.date != "2026-10-16" {
		t.Errorf("date = %q", res.date)
	}
}

func TestGeneratedOn(t *testing.T) {
	tests := []struct{ line, want string }{
		{"// Generated on Fri Oct 16 2026 22:25:27 GMT+0000 (Coordinated Universal Time)", "2026-10-16"},
		{"// Generated on Fri Oct 16 2026 23:25:27 GMT-0200 (Somewhere)", "2026-10-17"},
		{"// Generated on Fri Oct 16 2026 22:25:27 GMT+0000", "2026-10-16"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			res, err := parseDTS([]byte(tt.line + "\ndeclare namespace chrome {}\n"))
			if err != nil {
				t.Fatal(err)
			}
			if res.date != tt.want {
				t.Errorf("date = %q, want %q", res.date, tt.want)
			}
		})
	}
}

func TestScanDTSErrors(t *testing.T) {
	tests := []struct{ name, src, err string }{
		{"no date", "declare namespace chrome {}", `no "// Generated on" line`},
		{"bad date", "// Generated on someday\ndeclare namespace chrome {}", "generation date"},
		{"no chrome", dtsHeader + "declare namespace usb {}", `no "declare namespace chrome {"`},
		{"unclosed namespace", dtsHeader + "declare namespace chrome {\n export namespace a {\n export function f(): void;\n", "not closed"},
		{"unclosed comment", dtsHeader + "declare namespace chrome { /** x", "unterminated comment"},
		{"unclosed string", dtsHeader + "declare namespace chrome { export const a: \"x\n", "unterminated string"},
		{"bad since", dtsHeader + "declare namespace chrome {\n /** @since Chrome one */\n export namespace a {}\n}", `@since "Chrome one"`},
		{"bad manifest", dtsHeader + "declare namespace chrome {\n /** @chrome-min-manifest 3 */\n export namespace a {}\n}", `@chrome-min-manifest "3"`},
		{"tag without promise", dtsHeader + "declare namespace chrome { export namespace a {\n /** @chrome-returns-extra since Chrome 90 */\n export function f(callback?: () => void): void;\n}}", "without a promise overload"},
		{"junk", dtsHeader + "declare namespace chrome { export namespace a { 42 } }", `unexpected "42"`},
		{"bad parameter", dtsHeader + "declare namespace chrome { export function f({a}: X): void; }", "expected a parameter name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseDTS([]byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error = %v, want one containing %q", err, tt.err)
			}
		})
	}
}

func TestFunctionArity(t *testing.T) {
	tests := []struct {
		typ  string
		want int
	}{
		{"() => void", 0},
		{"(a: string) => void", 1},
		{"(a: string,) => void", 1},
		{"(\n a: string,\n b?: number,\n) => void", 2},
		{"(a: {x: (y: number, z: number) => void, w: Array<[number, string]>}) => void", 1},
		{"(a: Map<string, number>, ...rest: any[]) => void", 2},
		{"/** @since Chrome 151 */ (/** @param a x */ a: string) => void", 1},
		{"string", -1},
		{"(string | number)", -1},
		{"(string | number)[]", -1},
		{"", -1},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			toks, err := lex([]byte(tt.typ))
			if err != nil {
				t.Fatal(err)
			}
			if got := functionArity(codeTokens(toks)); got != tt.want {
				t.Errorf("functionArity(%q) = %d, want %d", tt.typ, got, tt.want)
			}
		})
	}
}

func TestDocTags(t *testing.T) {
	tests := []struct {
		doc  string
		want tags
	}{
		{"/** Just text. */", tags{}},
		{"/**\n * Text.\n *\n * @since Chrome 88\n * @chrome-min-manifest MV3\n */", tags{since: "88", minManifest: 3}},
		{"/** @since Pending */", tags{since: "preview"}},
		{"/** @chrome-returns-extra since Chrome 99 */", tags{promiseSince: "99"}},
		{"/** @chrome-returns-extra since Pending */", tags{promiseSince: "preview"}},
		{"/** @chrome-max-manifest MV2 */", tags{maxManifest: 2}},
		{"/** @chrome-disallow-service-workers */", tags{noServiceWorker: true}},
		{"/**\n * @deprecated Please use\n * {@link privacy.services.autofillAddressEnabled} and {@link runtime.sendMessage | sendMessage}.\n * @chrome-deprecated-since Chrome 70\n */",
			tags{deprecated: true, deprecatedText: "Please use privacy.services.autofillAddressEnabled and sendMessage.", deprecatedSince: "70"}},
		{"/** @deprecated */", tags{deprecated: true, deprecatedText: "Deprecated."}},
		{"/** @param x Since Chrome 5 @since Chrome 9 is not a tag here. */", tags{}},
		{"/** @chrome-permission storage\n * @chrome-platform win */", tags{permissions: []string{"storage"}}},
		{"/**\n * @chrome-manifest action\n * @chrome-permission system.cpu\n * @chrome-permission gcm\n */", tags{manifestKeys: []string{"action"}, permissions: []string{"system.cpu", "gcm"}}},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			tok := token{kind: tokDoc, text: tt.doc, line: 1}
			got, err := docTags(&tok)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("docTags = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzScanDTS(f *testing.F) {
	for _, s := range []string{
		"declare namespace chrome { export namespace a { export function f(x?: string, callback?: (y: number) => void): void; } }",
		"declare namespace chrome { export namespace s { export interface A { get(k?: string): Promise<any>; e: events.Event<() => void>; } export const l: A & { Q: 1, }; } }",
		"declare namespace chrome { namespace _d { export function a(): void; } export {_d as d}; }",
		"declare namespace chrome { export namespace a { /** @since Chrome 1 */ export const x: {y: types.T<Z>}; } }",
		"declare namespace chrome { export namespace a { export interface I extends I { f(): void; } export const i: I; } }",
		"declare namespace chrome { export namespace a { export const c: a.C; export interface C { c: C; } } }",
		"declare namespace chrome {",
		"declare namespace chrome { export {",
		"declare namespace chrome { export function f(",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := scanDTS([]byte(s))
		if err != nil {
			return
		}
		for k, v := range m {
			if k == "" || v.Kind == "" {
				t.Fatalf("bad member %q: %+v", k, v)
			}
			if _, err := json.Marshal(v); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestScanDTSRecursiveTypes(t *testing.T) {
	got := asJSON(t, scan(t, `
  export namespace a {
    export interface Node { parent: Node; children: Node[]; get(): void; }
    export interface Loop extends Loop { f(): void; }
    export const root: Node;
    export const loop: Loop;
  }`))
	want := `a {"kind":"namespace"}
a.loop {"kind":"property"}
a.loop.f {"kind":"function","minArgs":0,"maxArgs":0}
a.root {"kind":"property"}
a.root.children {"kind":"property"}
a.root.get {"kind":"function","minArgs":0,"maxArgs":0}
a.root.parent {"kind":"property"}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
