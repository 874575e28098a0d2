package browser

import (
	"testing"
	"time"
)

func TestConsoleCalls(t *testing.T) {
	var c consoleCalls
	t0 := time.Now()
	out := "1796388798255\tMarionette\tINFO\tListening on port 46839\n" +
		"console.error: RSLoader: \n  Failed to retrieve recipes\n" +
		"console.error: \"noisy: boom\"\n" +
		"JavaScript error: moz-extension://x/bg.js, line 2: Error: thrown\n" +
		"console.warn: ({a:1})\r\nconsole.error: \"split "
	if _, err := c.Write([]byte(out)); err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("line\"\n"))
	var got []string
	for _, call := range c.since(t0) {
		got = append(got, call.level+" "+call.text)
	}
	want := []string{`error console.error: "noisy: boom"`, `warning console.warn: ({a:1})`, `error console.error: "split line"`}
	if len(got) != len(want) {
		t.Fatalf("calls %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d = %q, want %q", i, got[i], want[i])
		}
	}
	if later := c.since(time.Now().Add(time.Second)); len(later) != 0 {
		t.Errorf("since a later time: %+v, want none", later)
	}
}
