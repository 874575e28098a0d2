package browser

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
)

// record adds an error message to the list of an extension, and passes the
// event to the OnError hook.
func (c *Chromium) record(extID, msg string, ev ErrorEvent) {
	c.mu.Lock()
	c.errs[extID] = append(c.errs[extID], msg)
	c.mu.Unlock()
	if c.onError != nil {
		ev.ExtensionID = extID
		c.onError(ev)
	}
}

// recorder returns a listener of a target's events that records its errors.
// where names the target in the messages. A message is blamed on the
// extension of the execution context it came from when contexts (execution
// context id -> origin, filled by the listener) knows one, else on extID.
func (c *Chromium) recorder(where, extID string, contexts *sync.Map) func(ev any) {
	blame := func(id runtime.ExecutionContextID) string {
		if contexts != nil {
			if origin, ok := contexts.Load(id); ok {
				if ext := extensionHost(origin.(string)); ext != "" {
					return ext
				}
			}
		}
		return extID
	}
	return func(ev any) {
		// This runs in the target's read loop: no commands here.
		switch ev := ev.(type) {
		case *runtime.EventExecutionContextCreated:
			if contexts != nil && ev.Context != nil {
				contexts.Store(ev.Context.ID, ev.Context.Origin)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
				return
			}
			text := argsText(ev.Args)
			msg := fmt.Sprintf("%s: console.%s: %s%s", where, ev.Type, text, stackPlace(ev.StackTrace))
			url, line, col := topFrame(ev.StackTrace)
			c.record(blame(ev.ExecutionContextID), msg, ErrorEvent{Context: where, Kind: "console." + string(ev.Type),
				Message: text, URL: url, Line: line, Column: col})
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			if d == nil {
				return
			}
			text := d.Text
			if d.Exception != nil {
				desc, _, _ := strings.Cut(remoteText(d.Exception), "\n    at ")
				text += " " + desc
			}
			place := stackPlace(d.StackTrace)
			url, line, col := topFrame(d.StackTrace)
			if place == "" && d.URL != "" {
				place = " (" + d.URL + ":" + strconv.FormatInt(d.LineNumber+1, 10) + ")"
				url, line, col = d.URL, int(d.LineNumber)+1, int(d.ColumnNumber)+1
			}
			c.record(blame(d.ExecutionContextID), fmt.Sprintf("%s: %s%s", where, text, place),
				ErrorEvent{Context: where, Kind: "exception", Message: text, URL: url, Line: line, Column: col})
		case *log.EventEntryAdded:
			e := ev.Entry
			if e == nil || e.Level != log.EntryLevelError || strings.HasSuffix(e.URL, "/favicon.ico") {
				// The browser asks for a favicon of its own accord.
				return
			}
			place := ""
			if e.URL != "" {
				place = " (" + e.URL + ")"
			}
			c.record(extID, fmt.Sprintf("%s: %s: %s%s", where, e.Source, e.Text, place),
				ErrorEvent{Context: where, Kind: "log", Message: e.Text, URL: e.URL, Line: int(e.LineNumber)})
		}
	}
}

// argsText formats the arguments of a console call, roughly as the console
// shows them.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, remoteText(a))
	}
	return strings.Join(parts, " ")
}

// remoteText formats a remote object: a string as it is, another primitive as
// JSON, an object by its description.
func remoteText(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return ""
	case o.Type == runtime.RemoteObjectTypeString && len(o.Value) > 0:
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
		return string(o.Value)
	case o.Type == runtime.RemoteObjectTypeUndefined:
		return "undefined"
	case len(o.Value) > 0:
		return string(o.Value)
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	}
	return string(o.Type)
}

// stackPlace formats the top frame of a stack trace as " (URL:LINE)", or "".
func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return " (" + f.URL + ":" + strconv.FormatInt(f.LineNumber+1, 10) + ")"
}

// topFrame returns the URL and the 1-based line and column of the top frame
// of a stack trace, or "", 0, 0.
func topFrame(st *runtime.StackTrace) (string, int, int) {
	if st == nil || len(st.CallFrames) == 0 {
		return "", 0, 0
	}
	f := st.CallFrames[0]
	return f.URL, int(f.LineNumber) + 1, int(f.ColumnNumber) + 1
}
