package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
)

// fetch sends a GET with an Accept-Encoding header (none when "") and
// returns the response with its body read, decoded from whatever
// Content-Encoding it came in.
func fetch(t *testing.T, b *testapp.Client, path, accept string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp := b.Do(req)
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	switch enc := resp.Header.Get("Content-Encoding"); enc {
	case "":
	case "gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(resp.Body)
	default:
		t.Fatalf("%s: Content-Encoding %q", path, enc)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s (%s): %v", path, resp.Header.Get("Content-Encoding"), err)
	}
	return resp, body
}

// Text responses come compressed in the encoding the browser prefers, and
// decompress to exactly what an identity response carries.
func TestCompressedResponsesCarryTheSameContent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	b := e.as(maya)
	photos, err := e.store.Photos(context.Background(), maya.ID)
	if err != nil || len(photos) == 0 {
		t.Fatalf("photos: %v", err)
	}
	photo := photos[len(photos)-1].ID
	for _, page := range []struct {
		path    string
		headers []string
	}{
		{path: "/profile"},
		{path: "/profile/media"},
		{path: "/performer"},
		{path: "/profile/photos/" + strconv.FormatInt(photo, 10), headers: []string{"HX-Request", "true"}},
		{path: "/static/css/app.css"},
	} {
		plain, want := fetch(t, b, page.path, "", page.headers...)
		if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s without Accept-Encoding: %d, encoding %q", page.path, plain.StatusCode, plain.Header.Get("Content-Encoding"))
		}
		for accept, enc := range map[string]string{
			"gzip":                      "gzip",
			"br":                        "br",
			"gzip, deflate, br, zstd":   "gzip", // Chrome's: a tie, gzip is cheaper
			"gzip;q=0.5, br":            "br",
			"br;q=0, gzip":              "gzip",
			"*":                         "gzip",
			"gzip;q=0, br;q=0, deflate": "",
			"identity":                  "",
		} {
			resp, got := fetch(t, b, page.path, accept, page.headers...)
			if resp.Header.Get("Content-Encoding") != enc {
				t.Errorf("%s, Accept-Encoding %q: Content-Encoding %q, want %q", page.path, accept, resp.Header.Get("Content-Encoding"), enc)
			}
			if resp.Header.Get("Vary") == "" {
				t.Errorf("%s, Accept-Encoding %q: no Vary header", page.path, accept)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, Accept-Encoding %q: the decoded body (%d bytes) differs from the identity one (%d bytes)", page.path, accept, len(got), len(want))
			}
		}
	}
}

// A fragment under a kilobyte goes as it is: compressing it saves no
// packet and costs more than rendering it.
func TestSmallFragmentsAreNotCompressed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.as(testapp.CompleteTalent(t, e.store, domain.RolePerformer))
	plain, want := fetch(t, b, "/profile/meter", "", "HX-Request", "true")
	resp, got := fetch(t, b, "/profile/meter", "gzip, deflate, br, zstd", "HX-Request", "true")
	if plain.StatusCode != http.StatusOK || len(want) >= 1024 || resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(got, want) {
		t.Errorf("the meter (%d bytes): %d, Content-Encoding %q", len(want), resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
}

// Photos and reels are already compressed: they are sent as they are,
// whatever the browser accepts.
func TestMediaAreNeverCompressed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	// Bytes that would compress well, so only the content type decides.
	data := bytes.Repeat([]byte("slate "), 2000)
	id, err := e.store.NewPhotoID(ctx, maya.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AddPhoto(ctx, maya.ID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: int64(len(data)), Width: 1200, Height: 1500}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{objstore.Thumb, objstore.Display} {
		if err := e.objects.Put(ctx, objstore.PhotoKey(id, v), bytes.NewReader(data), int64(len(data)), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
	}
	reelID, err := e.store.NewReelID(ctx, maya.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AddReel(ctx, maya.ID, domain.Reel{ID: reelID, Kind: "audio", Title: "Voice", ContentType: "audio/mpeg", Bytes: int64(len(data))}); err != nil {
		t.Fatal(err)
	}
	if err := e.objects.Put(ctx, objstore.ReelKey(reelID), bytes.NewReader(data), int64(len(data)), "audio/mpeg"); err != nil {
		t.Fatal(err)
	}
	b := e.as(maya)
	for _, path := range []string{
		fmt.Sprintf("/media/photos/%d/thumb", id),
		fmt.Sprintf("/media/photos/%d/display", id),
		fmt.Sprintf("/media/reels/%d", reelID),
	} {
		for _, accept := range []string{"gzip, deflate, br, zstd", "br", "gzip"} {
			resp, got := fetch(t, b, path, accept)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			if enc := resp.Header.Get("Content-Encoding"); enc != "" {
				t.Errorf("%s, Accept-Encoding %q: compressed (%s)", path, accept, enc)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%s: %d bytes, want the stored %d", path, len(got), len(data))
			}
		}
	}
}
