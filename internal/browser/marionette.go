package browser

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"
)

// marionette is a client of Marionette, Firefox's own automation protocol. A
// packet is "LENGTH:JSON"; a command is [0, id, name, params] and its reply
// [1, id, error, result]. The server greets first.
//
// A reader goroutine hands each reply to the caller that waits for its id, so
// a caller that gives up (its context ends) leaves the stream in order. The
// client is safe for concurrent use, but Marionette has one current window
// and context per session, so a sequence of commands that depends on them
// needs the lock of the caller (see Firefox.mu).
type marionette struct {
	conn net.Conn

	mu      sync.Mutex
	next    int
	waiting map[int]chan reply
	err     error // set when the connection broke
}

// reply is a Marionette reply.
type reply struct {
	err    *marionetteError
	result json.RawMessage
}

// marionetteError is the error of a Marionette reply.
type marionetteError struct {
	Code       string `json:"error"`
	Message    string `json:"message"`
	Stacktrace string `json:"stacktrace"`
}

// Error returns the code and the message.
func (e *marionetteError) Error() string {
	return e.Code + ": " + e.Message
}

// dialMarionette connects to Marionette at addr and reads the greeting.
func dialMarionette(ctx context.Context, addr string) (*marionette, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connecting to marionette: %w", err)
	}
	r := bufio.NewReader(conn)
	if dl, ok := ctx.Deadline(); ok {
		conn.SetReadDeadline(dl)
	}
	greeting, err := readPacket(r)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("reading the marionette greeting: %w", err)
	}
	var hello struct {
		Protocol int `json:"marionetteProtocol"`
	}
	if err := json.Unmarshal(greeting, &hello); err != nil || hello.Protocol < 3 {
		conn.Close()
		return nil, fmt.Errorf("unexpected marionette greeting %q", greeting)
	}
	conn.SetReadDeadline(time.Time{})
	m := &marionette{conn: conn, waiting: make(map[int]chan reply)}
	go m.read(r)
	return m, nil
}

// read hands the replies to the callers until the connection ends.
func (m *marionette) read(r *bufio.Reader) {
	for {
		pkt, err := readPacket(r)
		if err != nil {
			m.fail(fmt.Errorf("reading from marionette: %w", err))
			return
		}
		var msg []json.RawMessage
		if err := json.Unmarshal(pkt, &msg); err != nil || len(msg) != 4 {
			m.fail(fmt.Errorf("unexpected marionette packet %q", pkt))
			return
		}
		var id int
		if err := json.Unmarshal(msg[1], &id); err != nil {
			m.fail(fmt.Errorf("unexpected marionette packet %q", pkt))
			return
		}
		var rep reply
		if string(msg[2]) != "null" {
			rep.err = new(marionetteError)
			if err := json.Unmarshal(msg[2], rep.err); err != nil {
				rep.err = &marionetteError{Code: "unknown error", Message: string(msg[2])}
			}
		}
		rep.result = msg[3]
		m.mu.Lock()
		ch := m.waiting[id]
		delete(m.waiting, id)
		m.mu.Unlock()
		if ch != nil {
			ch <- rep // buffered
		}
	}
}

// fail records that the connection broke and wakes every waiting caller.
func (m *marionette) fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		m.err = err
	}
	for id, ch := range m.waiting {
		close(ch)
		delete(m.waiting, id)
	}
}

// call sends the command name with params and waits for its result. A nil
// params sends {}.
func (m *marionette) call(ctx context.Context, name string, params any) (json.RawMessage, error) {
	if params == nil {
		params = struct{}{}
	}
	m.mu.Lock()
	if m.err != nil {
		m.mu.Unlock()
		return nil, m.err
	}
	m.next++
	id := m.next
	pkt, err := json.Marshal([]any{0, id, name, params})
	if err != nil {
		m.mu.Unlock()
		return nil, fmt.Errorf("marionette command %q: %w", name, err)
	}
	ch := make(chan reply, 1)
	m.waiting[id] = ch
	_, err = m.conn.Write(append([]byte(strconv.Itoa(len(pkt))+":"), pkt...))
	m.mu.Unlock()
	if err != nil {
		m.conn.Close()
		return nil, fmt.Errorf("marionette command %q: %w", name, err)
	}
	select {
	case rep, ok := <-ch:
		if !ok {
			m.mu.Lock()
			err := m.err
			m.mu.Unlock()
			return nil, fmt.Errorf("marionette command %q: %w", name, err)
		}
		if rep.err != nil {
			return nil, fmt.Errorf("marionette command %q: %w", name, rep.err)
		}
		return rep.result, nil
	case <-ctx.Done():
		m.mu.Lock()
		delete(m.waiting, id)
		m.mu.Unlock()
		return nil, fmt.Errorf("marionette command %q: %w", name, ctx.Err())
	}
}

// close closes the connection.
func (m *marionette) close() error {
	return m.conn.Close()
}

// readPacket reads one "LENGTH:JSON" packet.
func readPacket(r *bufio.Reader) ([]byte, error) {
	head, err := r.ReadString(':')
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(head[:len(head)-1])
	if err != nil || n < 0 || n > 256<<20 {
		return nil, fmt.Errorf("bad marionette packet length %q", head)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return buf, nil
}
