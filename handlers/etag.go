package handlers

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/views"
)

// Fragments htmx asks for again and again (the photo card, polled every
// second while its check runs; the meter, refreshed after every save)
// carry a validator: a hash of everything they show. When the browser's
// copy is current (If-None-Match), the answer is a 304, with nothing
// rendered or sent. Everything before it still runs: the session, the
// CSRF token, the route's role and the store query scoped to the account
// (another talent's photo is still a 404). The hash includes the account
// and the CSRF token the fragment's forms carry (bound to the session), so
// two accounts, or two sessions of one, never share a validator; and the
// templates' version, so a deploy that changes the HTML is seen. Only
// htmx fragments are tagged: a whole page also shows the navigation's
// badges and stays no-store.

// validator accumulates what a fragment shows, unambiguously (every part
// carries its length).
type validator struct{ b []byte }

// newValidator starts the validator of a fragment kind for this request's
// account and session.
func newValidator(c *fiber.Ctx, kind string) *validator {
	v := &validator{b: make([]byte, 0, 256)}
	v.str(kind).str(views.Version()).str(csrfToken(c))
	if u := currentUser(c); u != nil {
		v.int(u.ID)
	}
	return v
}

func (v *validator) str(s string) *validator {
	v.b = binary.AppendUvarint(v.b, uint64(len(s)))
	v.b = append(v.b, s...)
	return v
}

func (v *validator) bytes(b []byte) *validator { return v.str(string(b)) }

func (v *validator) int(n int64) *validator {
	v.b = binary.AppendVarint(v.b, n)
	return v
}

func (v *validator) bool(b bool) *validator {
	if b {
		return v.int(1)
	}
	return v.int(0)
}

// etag is the weak entity tag of what was added: weak, because the same
// content goes out gzip, brotli or identity.
func (v *validator) etag() string {
	sum := sha256.Sum256(v.b)
	return `W/"` + hex.EncodeToString(sum[:16]) + `"`
}

// renderTagged answers an htmx fragment request: a 304 when the
// browser's copy matches etag, otherwise draw's rendering, with headers
// that let the browser keep the fragment but ask again every time
// (private, no-cache) instead of never keeping it (no-store). Anything
// else (a whole page) is drawn as before, untagged.
func renderTagged(c *fiber.Ctx, etag string, draw func() error) error {
	if !isFragment(c) {
		return draw()
	}
	c.Vary(hxRequest)
	if matchesETag(c.Get(fiber.HeaderIfNoneMatch), etag) {
		c.Set(fiber.HeaderETag, etag)
		c.Set(fiber.HeaderCacheControl, "private, no-cache")
		c.Status(fiber.StatusNotModified)
		return nil
	}
	if err := draw(); err != nil {
		return err
	}
	if c.Response().StatusCode() == fiber.StatusOK {
		c.Set(fiber.HeaderETag, etag)
		c.Set(fiber.HeaderCacheControl, "private, no-cache") // render set no-store
	}
	return nil
}

// matchesETag reports whether an If-None-Match header names etag, by weak
// comparison (RFC 9110, 13.1.2): W/ prefixes are ignored.
func matchesETag(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
