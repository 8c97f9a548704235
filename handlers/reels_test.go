package handlers_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testapp"
)

// isoBox is an ISO media box (MP4, MOV).
func isoBox(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(data)))
	return append(append(b, typ...), data...)
}

// A served reel is named by its id and type, not by the uploader's file
// name, and comes with a CSP that allows nothing and sandboxes it, so
// even a file that fooled the sniffing cannot script Slate's origin; a
// valid header followed by a web page is refused at upload.
func TestReelFileHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	mp4 := append(isoBox("ftyp", []byte("isom\x00\x00\x02\x00isomavc1")), isoBox("moov", make([]byte, 64))...)
	mp4 = append(mp4, isoBox("mdat", make([]byte, 512))...)
	resp := b.Upload("/profile/reels", map[string]string{"title": "Showreel"}, "file",
		map[string][]byte{`showreel "final".html`: mp4}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mp4 upload: %d", resp.StatusCode)
	}
	reels, err := e.store.Reels(context.Background(), acct.ID)
	if err != nil || len(reels) != 1 || reels[0].ContentType != "video/mp4" {
		t.Fatalf("reels = %+v, %v", reels, err)
	}
	id := itoa(reels[0].ID)
	resp = b.Get("/media/reels/" + id)
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(got, mp4) {
		t.Fatalf("serving the reel: %d, %d bytes", resp.StatusCode, len(got))
	}
	for header, want := range map[string]string{
		"Content-Type":            "video/mp4",
		"Content-Disposition":     `inline; filename="reel-` + id + `.mp4"`,
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"X-Content-Type-Options":  "nosniff",
	} {
		if v := resp.Header.Get(header); v != want {
			t.Errorf("%s = %q, want %q", header, v, want)
		}
	}

	polyglot := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), "<!doctype html><html><script>alert(document.domain)</script></html>"...)
	resp = b.Upload("/profile/reels", map[string]string{"title": "Voice"}, "file", map[string][]byte{"voice.mp3": polyglot}, "HX-Request", "true")
	if msg := testapp.Doc(t, resp).Find("#e-reel_file").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "damaged or incomplete") {
		t.Errorf("an ID3 header followed by a web page: %d %q", resp.StatusCode, msg)
	}
	if reels, _ := e.store.Reels(context.Background(), acct.ID); len(reels) != 1 {
		t.Errorf("the polyglot was stored: %+v", reels)
	}
}
