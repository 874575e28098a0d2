package jsscan

import "testing"

func TestHasModuleSyntax(t *testing.T) {
	cases := []struct {
		src  string
		want bool
	}{
		{`import { a } from "./a.js";`, true},
		{`import a from "./a.js";`, true},
		{`import * as a from "./a.js";`, true},
		{`import "./a.js";`, true},
		{`export const x = 1;`, true},
		{`export { x };`, true},
		{`export * from "./a.js";`, true},
		{`const m = await import("./a.js");`, false},
		{`console.log(import.meta.url);`, false},
		{`// import { a } from "./a.js";`, false},
		{`const s = "import { a } from './a.js'";`, false},
		{`obj.import("x"); obj.export = 1; ({import: 1, export: 2});`, false},
		{`chrome.runtime.sendMessage({});`, false},
	}
	for _, c := range cases {
		if got := HasModuleSyntax([]byte(c.src)); got != c.want {
			t.Errorf("HasModuleSyntax(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}
