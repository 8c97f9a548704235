package handlers_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
)

// The tests in this file come from a security pass (issue 8): each one
// failed before its fix.

func TestLoginNextStaysOnSite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tomas := testapp.Talent(t, e.store, domain.RoleCrew)
	for _, next := range []string{
		"/\t/evil.example", "/%09/evil.example", "/\r\n/evil.example", "/\\/evil.example", "\\\\evil.example",
		"//evil.example", "/%2F/evil.example", "%2F%2Fevil.example", "https://evil.example/", "/\u2215\u2215evil.example",
		"\uff0f\uff0fevil.example", "javascript:alert(1)", " /crew",
	} {
		b := e.browser()
		resp := b.Post("/login", url.Values{"email": {tomas.Email}, "password": {tomas.Password}, "next": {next}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/crew" {
			t.Errorf("next=%q: %d to %q, want 303 to the dashboard", next, resp.StatusCode, loc)
		}
		// The login form never carries it either.
		if d := testapp.Doc(t, b.Get("/login?next="+url.QueryEscape(next))); d.Find(`input[name=next]`).AttrOr("value", "") != "" {
			t.Errorf("next=%q is kept in the login form", next)
		}
	}
	b := e.browser()
	resp := b.Post("/login", url.Values{"email": {tomas.Email}, "password": {tomas.Password}, "next": {"/profile?tab=media"}})
	if loc := resp.Header.Get("Location"); loc != "/profile?tab=media" {
		t.Errorf("a plain path is not kept: %q", loc)
	}
}

func TestBodiesOverTheRouteLimitAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	big := url.Values{"name": {"Big"}, "email": {"big@example.com"}, "password": {"longenough"}, "role": {"crew"},
		"filler": {strings.Repeat("x", 200<<10)}}
	b := e.browser()
	big.Set("_csrf", b.CSRF())
	if resp := b.Post("/signup", big); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 200 KB sign-up got %d, want 413", resp.StatusCode)
	}
	// A chunked body has no length to check: it is read up to the limit.
	base := serve(t, e)
	req, err := http.NewRequest(http.MethodPost, base+"/signup", io.MultiReader(strings.NewReader(big.Encode())))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "slate_csrf", Value: b.Cookie("slate_csrf")})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a chunked 200 KB sign-up got %d, want 413", resp.StatusCode)
	}
	if n, _ := e.store.CountAccounts(context.Background()); n != 0 {
		t.Fatal("the oversized sign-up created an account")
	}
	// A producer gets no upload allowance on the talent upload routes.
	producer := e.as(testapp.Producer(t, e.store))
	resp = producer.Upload("/profile/photos", nil, "photos", map[string][]byte{"a.jpg": make([]byte, 100<<10)})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a producer's 100 KB upload got %d, want 413", resp.StatusCode)
	}
}

func TestUnreadableBytesGetAFieldMessage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	resp := b.Post("/signup", signupForm("\xff\xfe", "nul@example.com", "longenough", "crew"))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("sign-up with broken bytes: %d, want 422", resp.StatusCode)
	}
	if d := testapp.Doc(t, resp); !strings.Contains(d.Find("#e-name").Text(), "cannot read") {
		t.Error("no message beside the name")
	}
	if n, _ := e.store.CountAccounts(context.Background()); n != 0 {
		t.Fatal("an account was created from broken bytes")
	}
	if resp := b.Post("/login", url.Values{"email": {"\xff@x.test"}, "password": {"whatever1"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("login with broken bytes: %d, want 422", resp.StatusCode)
	}

	mayaUser := testapp.Talent(t, e.store, domain.RolePerformer)
	maya := e.as(mayaUser)
	for _, tt := range []struct {
		path  string
		form  url.Values
		field string
	}{
		{"/profile/sections/identity", url.Values{"display_name": {"Maya\x00"}}, "#e-display_name"},
		{"/profile/sections/credits", url.Values{"credit_year": {"2020"}, "credit_title": {"Ham\x01let"}, "credit_role": {""}, "credit_company": {""}, "credit_kind": {"theatre"}}, "#e-credit_title_0"},
		{"/profile/reels", url.Values{"title": {"\xff"}, "url": {"https://vimeo.com/76979871"}}, "#e-reel_title"},
	} {
		resp := maya.Post(tt.path, tt.form, "HX-Request", "true")
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tt.path, resp.StatusCode)
			continue
		}
		if d := testapp.Doc(t, resp); !strings.Contains(d.Find(tt.field).Text(), "cannot read") {
			t.Errorf("%s: no message at %s", tt.path, tt.field)
		}
	}
	if reels, _ := e.store.Reels(context.Background(), mayaUser.ID); len(reels) != 0 {
		t.Error("a reel with an unreadable title was saved")
	}
}

func TestErrorsBeforeRoutingGetSlatesPageAndHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	addr := strings.TrimPrefix(serve(t, e), "http://")
	for _, tt := range []struct {
		name string
		raw  string
		code int
	}{
		{"huge header", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 16<<10) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"garbage request line", "NOT A REQUEST\r\n\r\n", http.StatusBadRequest},
		{"no request line", "\x00\x01\x02 / HTTP/1.1\r\n\r\n", http.StatusBadRequest},
	} {
		conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprint(conn, tt.raw)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != tt.code {
			t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.code)
		}
		if resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no security headers: %v", tt.name, resp.Header)
		}
		if !strings.Contains(string(body), `class="error-page`) || strings.Contains(string(body), "X-Big") ||
			strings.Contains(string(body), "NOT A REQUEST") || strings.Contains(string(body), "error when") {
			t.Errorf("%s: not Slate's plain error page:\n%s", tt.name, body)
		}
	}
}

// serve runs the app on a real socket, for what app.Test cannot send.
func serve(t *testing.T, e *env) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go e.app.Listener(ln)
	t.Cleanup(func() { e.app.Shutdown() })
	return "http://" + ln.Addr().String()
}

func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	b := e.as(maya)
	token := b.CSRF()
	// The pre-session cookie's value is not a token (it was, when tokens
	// were double-submit).
	if resp := b.Post("/notifications/read", url.Values{"_csrf": {b.Cookie("slate_csrf")}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the cookie's value as token: %d, want 403", resp.StatusCode)
	}
	// Another session's token does not work here.
	other := e.as(testapp.Talent(t, e.store, domain.RoleCrew))
	if resp := b.Post("/notifications/read", url.Values{"_csrf": {other.CSRF()}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another session's token: %d, want 403", resp.StatusCode)
	}
	// The query string never carries it.
	req := httptest.NewRequest(http.MethodPost, "/notifications/read?_csrf="+url.QueryEscape(token), strings.NewReader("x=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp := b.Do(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("token in the query string: %d, want 403", resp.StatusCode)
	}
	if resp := b.Post("/notifications/read", url.Values{"_csrf": {token}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the session's own token: %d, want 303", resp.StatusCode)
	}
	if resp := b.Post("/notifications/read", nil, "X-CSRF-Token", token, "_csrf", ""); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the token in the header: %d, want 303", resp.StatusCode)
	}
}

func TestJobsUIRefusesCrossOriginWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mod := e.as(testapp.Moderator(t, e.store))
	post := func(headers ...string) int {
		req := httptest.NewRequest(http.MethodPost, handlers.JobsUIPrefix+"/api/jobs/cancel", strings.NewReader(`{"ids":[1]}`))
		req.Header.Set("Content-Type", "application/jsonx")
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return mod.Do(req).StatusCode
	}
	if code := post(); code != http.StatusForbidden {
		t.Errorf("no origin information: %d, want 403", code)
	}
	if code := post("Sec-Fetch-Site", "same-site"); code != http.StatusForbidden {
		t.Errorf("a sibling site: %d, want 403", code)
	}
	if code := post("Origin", "http://evil.example"); code != http.StatusForbidden {
		t.Errorf("another origin: %d, want 403", code)
	}
	if code := post("Sec-Fetch-Site", "same-origin"); code != http.StatusOK {
		t.Errorf("same origin: %d, want 200", code)
	}
	if code := post("Origin", "http://example.com"); code != http.StatusOK { // httptest's host
		t.Errorf("an Origin naming this host: %d, want 200", code)
	}
	if resp := mod.Get(handlers.JobsUIPrefix + "/"); resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("River UI may be cached: %q", resp.Header.Get("Cache-Control"))
	}
}

func TestSignupIsRateLimitedPerIP(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(d *handlers.Deps) { d.TrustProxy = true })
	from := func(ip string, n int) int {
		b := e.browser()
		req := httptest.NewRequest(http.MethodPost, "/signup", strings.NewReader(url.Values{
			"_csrf": {b.CSRF()}, "name": {"Extra"}, "email": {fmt.Sprintf("extra%d-%s@example.com", n, ip)},
			"password": {"longenough"}, "role": {"performer"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", ip)
		return b.Do(req).StatusCode
	}
	for i := range 10 {
		if code := from("10.0.0.7", i); code != http.StatusSeeOther {
			t.Fatalf("sign-up %d: %d, want 303", i+1, code)
		}
	}
	if code := from("10.0.0.7", 10); code != http.StatusTooManyRequests {
		t.Errorf("the 11th sign-up in an hour from one address: %d, want 429", code)
	}
	if code := from("10.0.0.8", 11); code != http.StatusSeeOther {
		t.Errorf("another address: %d, want 303", code)
	}
}

func TestALockedAccountStillOpensFromAKnownAddress(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(d *handlers.Deps) { d.TrustProxy = true })
	ines := testapp.Producer(t, e.store)
	login := func(ip, password string) int {
		b := e.browser()
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{
			"_csrf": {b.CSRF()}, "email": {ines.Email}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", ip)
		return b.Do(req).StatusCode
	}
	if code := login("203.0.113.5", ines.Password); code != http.StatusSeeOther { // her office
		t.Fatalf("first login: %d", code)
	}
	for range 5 { // a stranger guesses
		login("198.51.100.9", "guess-guess")
	}
	if code := login("198.51.100.9", ines.Password); code != http.StatusTooManyRequests {
		t.Errorf("the stranger's address, even with the password: %d, want 429", code)
	}
	if code := login("192.0.2.1", ines.Password); code != http.StatusTooManyRequests {
		t.Errorf("a new address while locked: %d, want 429", code)
	}
	if code := login("203.0.113.5", ines.Password); code != http.StatusSeeOther {
		t.Errorf("the owner from her usual address: %d, want 303", code)
	}
}

func TestHSTSOverHTTPS(t *testing.T) {
	t.Parallel()
	secure := newEnvWith(t, func(d *handlers.Deps) { d.SecureCookies = true })
	for _, path := range []string{"/login", "/no-such-page"} {
		resp, err := secure.app.Test(httptest.NewRequest(http.MethodGet, path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=31536000") {
			t.Errorf("%s over https: HSTS %q", path, got)
		}
	}
	plain := newEnv(t)
	resp, err := plain.app.Test(httptest.NewRequest(http.MethodGet, "/login", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("HSTS over plain http: %q", got)
	}
}

func TestPhotosAreServedWithAStrictPolicy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	id, err := e.store.NewPhotoID(ctx, maya.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AddPhoto(ctx, maya.ID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: 4, Width: 1200, Height: 1500}); err != nil {
		t.Fatal(err)
	}
	if err := e.objects.Put(ctx, objstore.PhotoKey(id, objstore.Thumb), strings.NewReader("jpeg"), 4, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	resp := e.as(maya).Get(fmt.Sprintf("/media/photos/%d/thumb", id))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("thumb: %d", resp.StatusCode)
	}
	for header, want := range map[string]string{
		"Content-Type":            "image/jpeg",
		"Content-Disposition":     fmt.Sprintf(`inline; filename="photo-%d-thumb.jpg"`, id),
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"X-Content-Type-Options":  "nosniff",
	} {
		if got := resp.Header.Get(header); got != want {
			t.Errorf("%s: %q, want %q", header, got, want)
		}
	}
}

// Applying shares one's profile with the producer of the listing: before
// a moderator validates it, that producer (and nobody else) reads the
// profile and its pictures from the applicant card.
func TestApplicantsShareTheirProfileWithTheProducer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	oscar := testapp.Producer(t, e.store)
	call := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	photos, _ := e.store.Photos(ctx, maya.ID)
	head := photos[0]
	if err := e.objects.Put(ctx, objstore.PhotoKey(head.ID, objstore.Thumb), strings.NewReader("jpeg"), 4, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	profile := fmt.Sprintf("/talent/%d", maya.ID)
	thumb := fmt.Sprintf("/media/photos/%d/thumb", head.ID)
	inesB, oscarB := e.as(ines), e.as(oscar)
	for _, path := range []string{profile, thumb} {
		if resp := inesB.Get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("before applying, the producer reads %s: %d", path, resp.StatusCode)
		}
	}
	if _, err := e.store.Apply(ctx, maya.Account, call.ID, call.Roles[0].ID, "Hello"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{profile, thumb} {
		if resp := inesB.Get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("the producer she applied to cannot read %s: %d", path, resp.StatusCode)
		}
		if resp := oscarB.Get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another producer reads %s: %d", path, resp.StatusCode)
		}
	}
}
