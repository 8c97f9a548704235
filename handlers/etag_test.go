package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testapp"
)

// getTagged sends an htmx GET with If-None-Match (none when "") and
// returns the status, the ETag, Cache-Control and the body.
func getTagged(t *testing.T, b *testapp.Client, path, ifNoneMatch string) (status int, etag, cache, body string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("HX-Request", "true")
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	resp := b.Do(req)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"), string(raw)
}

// The photo card htmx polls and the meter answer 304, rendering
// nothing, while the browser's copy is current, and a fresh body with a
// new tag once what they show changes; their caching lets the browser
// keep them but ask every time.
func TestPolledFragmentsRevalidate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	b := e.as(maya)
	photos, err := e.store.Photos(ctx, maya.ID)
	if err != nil {
		t.Fatal(err)
	}
	card := fmt.Sprintf("/profile/photos/%d?wait=1", photos[2].ID)

	for _, path := range []string{card, "/profile/meter"} {
		status, tag, cache, body := getTagged(t, b, path, "")
		if status != http.StatusOK || !strings.HasPrefix(tag, `W/"`) || cache != "private, no-cache" || body == "" {
			t.Fatalf("%s: %d, ETag %q, Cache-Control %q", path, status, tag, cache)
		}
		status, again, cache, body := getTagged(t, b, path, tag)
		if status != http.StatusNotModified || again != tag || body != "" || cache != "private, no-cache" {
			t.Fatalf("%s with its own tag: %d, ETag %q, %d bytes, Cache-Control %q; want 304", path, status, again, len(body), cache)
		}
		if status, _, _, _ := getTagged(t, b, path, `W/"something-else", `+tag); status != http.StatusNotModified {
			t.Errorf("%s: a list naming the tag: %d, want 304", path, status)
		}
		if status, _, _, _ := getTagged(t, b, path, `W/"something-else"`); status != http.StatusOK {
			t.Errorf("%s: another tag: %d, want 200", path, status)
		}
	}

	// The card changes with its caption, its check and its place.
	_, tag, _, _ := getTagged(t, b, card, "")
	if resp := b.Post(fmt.Sprintf("/profile/photos/%d/caption", photos[2].ID), url.Values{"caption": {"Backstage"}}, "HX-Request", "true"); resp.StatusCode != http.StatusOK {
		t.Fatalf("caption: %d", resp.StatusCode)
	}
	status, next, _, body := getTagged(t, b, card, tag)
	if status != http.StatusOK || next == tag || !strings.Contains(body, `value="Backstage"`) {
		t.Fatalf("after a new caption: %d, tag %q (was %q)", status, next, tag)
	}
	if resp := b.Post(fmt.Sprintf("/profile/photos/%d/move", photos[2].ID), url.Values{"dir": {"up"}}, "HX-Request", "true"); resp.StatusCode != http.StatusOK {
		t.Fatalf("move: %d", resp.StatusCode)
	}
	status, moved, _, body := getTagged(t, b, card, next)
	if status != http.StatusOK || moved == next || !strings.Contains(body, "Move photo 2 earlier") {
		t.Fatalf("after a move: %d, tag %q (was %q)", status, moved, next)
	}

	p := photos[2]
	if _, err := e.store.SavePhotoCheck(ctx, p.ID, p.CheckSeq, domain.PhotoCheck{Status: domain.PhotoFailed, CheckedAs: domain.PhotoBook,
		Report: []byte(`{"verdict":"fail","checks":[{"name":"blur","status":"fail","message":"The picture is blurred."}]}`)}); err != nil {
		t.Fatal(err)
	}
	status, checked, _, body := getTagged(t, b, card, moved)
	if status != http.StatusOK || checked == moved || !strings.Contains(body, "The picture is blurred.") {
		t.Fatalf("after a new verdict: %d, tag %q (was %q)", status, checked, moved)
	}

	// The meter changes with the profile.
	_, tag, _, _ = getTagged(t, b, "/profile/meter", "")
	if resp := b.Post("/profile/sections/credits", url.Values{"credit_year": {"2024"}, "credit_title": {"Hamlet"}}, "HX-Request", "true"); resp.StatusCode != http.StatusOK {
		t.Fatalf("save credits: %d", resp.StatusCode)
	}
	status, next, _, body = getTagged(t, b, "/profile/meter", tag)
	if status != http.StatusOK || next == tag || strings.Contains(body, "Add a credit or a course.") {
		t.Fatalf("meter after adding a credit: %d, tag %q (was %q)", status, next, tag)
	}

	// Whole pages are never tagged.
	req := httptest.NewRequest(http.MethodGet, card, nil)
	req.Header.Set("If-None-Match", checked)
	resp := b.Do(req)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") != "" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the card as a whole page: %d, ETag %q, Cache-Control %q", resp.StatusCode, resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
	}
}

// Two talents with the same profile and photos never get each other's
// tag, so neither can be answered 304 on the other's copy; another
// talent's photo stays a 404 whatever tag is sent; and a new session of
// the same talent gets a new tag (its forms carry a new CSRF token).
func TestTaggedFragmentsAreNeverShared(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer, testapp.Name("Same Name"))
	ines := testapp.CompleteTalent(t, e.store, domain.RolePerformer, testapp.Name("Same Name"))
	bm, bi := e.as(maya), e.as(ines)
	mayaPhotos, _ := e.store.Photos(ctx, maya.ID)
	inesPhotos, _ := e.store.Photos(ctx, ines.ID)
	mayaCard := fmt.Sprintf("/profile/photos/%d", mayaPhotos[1].ID)
	inesCard := fmt.Sprintf("/profile/photos/%d", inesPhotos[1].ID)

	_, mayaMeter, _, _ := getTagged(t, bm, "/profile/meter", "")
	status, inesMeter, _, body := getTagged(t, bi, "/profile/meter", mayaMeter)
	if status != http.StatusOK || inesMeter == mayaMeter || body == "" {
		t.Errorf("Ines's meter with Maya's tag: %d, tag %q (Maya's %q)", status, inesMeter, mayaMeter)
	}
	_, mayaTag, _, _ := getTagged(t, bm, mayaCard, "")
	status, inesTag, _, body := getTagged(t, bi, inesCard, mayaTag)
	if status != http.StatusOK || inesTag == mayaTag || !strings.Contains(body, fmt.Sprintf(`id="photo-%d"`, inesPhotos[1].ID)) {
		t.Errorf("Ines's card with Maya's tag: %d, tag %q (Maya's %q)", status, inesTag, mayaTag)
	}
	if status, _, _, _ := getTagged(t, bi, mayaCard, mayaTag); status != http.StatusNotFound {
		t.Errorf("Maya's card asked by Ines with Maya's tag: %d, want 404", status)
	}

	again := e.as(maya) // a second session
	if status, tag, _, _ := getTagged(t, again, "/profile/meter", mayaMeter); status != http.StatusOK || tag == mayaMeter {
		t.Errorf("Maya's meter in a new session with the old session's tag: %d, tag %q", status, tag)
	}
	if status, _, _, _ := getTagged(t, bm, "/profile/meter", mayaMeter); status != http.StatusNotModified {
		t.Errorf("Maya's meter in her first session: %d, want 304", status)
	}
}
