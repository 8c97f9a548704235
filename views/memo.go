package views

import (
	"bytes"
	"io"
	"sync"
)

// Keyed is fragment data whose whole render is a function of a short key
// naming everything the template reads: no name, no token, nothing of
// one account that another could not be shown. The notification bell,
// polled by every open tab every 30 seconds, is one: it prints the unread
// count and whether the centre is the page shown, and nothing else. Its
// HTML is made once per key and process (memo) and written from there.
type Keyed interface {
	// RenderKey is the key, ok false to render as any other data.
	RenderKey() (key string, ok bool)
}

// maxMemo bounds the memo: the keys come from code (the bell's are the
// counts 0 to 99 and "99+", each with and without the centre shown).
const maxMemo = 1024

// memo keeps the renders of Keyed fragments of one template set, by
// template name and key.
type memo struct {
	mu sync.RWMutex
	m  map[memoKey][]byte
}

type memoKey struct{ name, key string }

// render writes name's output for data, kept under key.
func (m *memo) render(w io.Writer, r *Renderer, name, key string, data any) error {
	k := memoKey{name, key}
	m.mu.RLock()
	out, ok := m.m[k]
	m.mu.RUnlock()
	if !ok {
		var buf bytes.Buffer
		if err := r.t.ExecuteTemplate(&buf, name, data); err != nil {
			return err
		}
		out = buf.Bytes()
		m.mu.Lock()
		if len(m.m) >= maxMemo {
			clear(m.m)
		}
		m.m[k] = out
		m.mu.Unlock()
	}
	_, err := w.Write(out)
	return err
}
