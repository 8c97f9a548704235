package testapp

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// App is what the client drives: a *fiber.App, through its Test method,
// so requests need no listening socket.
type App interface {
	Test(req *http.Request, msTimeout ...int) (*http.Response, error)
}

// Client is a cookie-keeping client for the web app: it stores the cookies
// responses set (and forgets the ones they clear) and sends the CSRF token
// back with every form, as a browser with a page open would.
type Client struct {
	t       testing.TB
	app     App
	cookies map[string]string
	// pageCSRF is the last CSRF token a page carried, used only when no
	// CSRF cookie is held.
	pageCSRF string
}

// NewClient returns a client with no cookies: a fresh browser.
func NewClient(t testing.TB, app App) *Client {
	return &Client{t: t, app: app, cookies: map[string]string{}}
}

// Cookie is the value of a cookie the client holds, or "".
func (c *Client) Cookie(name string) string { return c.cookies[name] }

// SetCookie plants a cookie (or drops it, for an empty value), as an
// attacker or a stolen copy would.
func (c *Client) SetCookie(name, value string) {
	if value == "" {
		delete(c.cookies, name)
		return
	}
	c.cookies[name] = value
}

// CSRF is the token the client sends with forms, as a browser would: the
// one the last page carried. Slate binds tokens to the session (or, for a
// visitor, to a pre-session cookie), so a new session forgets it; without
// one, the client first loads the login page, or the page it redirects a
// logged-in account to, for a token.
func (c *Client) CSRF() string {
	c.t.Helper()
	if c.pageCSRF == "" {
		resp := c.Get("/login")
		if loc := resp.Header.Get("Location"); resp.StatusCode == http.StatusSeeOther && loc != "" {
			c.Get(loc)
		}
	}
	return c.pageCSRF
}

// Do sends req with the client's cookies and keeps the ones the response
// sets.
func (c *Client) Do(req *http.Request) *http.Response {
	c.t.Helper()
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := c.app.Test(req, -1)
	if err != nil {
		c.t.Fatalf("testapp: %s %s: %v", req.Method, req.URL, err)
	}
	for _, ck := range resp.Cookies() {
		if strings.HasSuffix(ck.Name, "slate_session") || strings.HasSuffix(ck.Name, "slate_csrf") {
			c.pageCSRF = "" // the token was bound to what this replaces
		}
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	c.notePageCSRF(resp)
	return resp
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// notePageCSRF remembers the token an HTML response carries, leaving the
// body readable.
func (c *Client) notePageCSRF(resp *http.Response) {
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.t.Fatalf("testapp: read body: %v", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if m := csrfInput.FindSubmatch(body); m != nil {
		c.pageCSRF = string(m[1])
	}
}

// Get fetches a page.
func (c *Client) Get(path string) *http.Response {
	c.t.Helper()
	return c.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// Post sends a url-encoded form with the client's CSRF token, unless the
// form sets _csrf itself; headers are name, value pairs (HX-Request, true).
func (c *Client) Post(path string, form url.Values, headers ...string) *http.Response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok {
		form.Set("_csrf", c.CSRF())
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	setHeaders(req, headers)
	return c.Do(req)
}

// Upload posts a multipart form: fields, and files (name to content) under
// one file field, with the client's CSRF token.
func (c *Client) Upload(path string, fields map[string]string, field string, files map[string][]byte, headers ...string) *http.Response {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	parts := map[string]string{"_csrf": c.CSRF()}
	for k, v := range fields {
		parts[k] = v
	}
	for k, v := range parts {
		if err := w.WriteField(k, v); err != nil {
			c.t.Fatal(err)
		}
	}
	for name, data := range files {
		fw, err := w.CreateFormFile(field, name)
		if err != nil {
			c.t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			c.t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		c.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	setHeaders(req, headers)
	return c.Do(req)
}

// Login signs u in through the login page and fails the test unless it
// worked.
func (c *Client) Login(u User) {
	c.t.Helper()
	c.Get("/login")
	resp := c.Post("/login", url.Values{"email": {u.Email}, "password": {u.Password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("testapp: login as %s: status %d", u.Email, resp.StatusCode)
	}
}

func setHeaders(req *http.Request, headers []string) {
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
}

// Doc parses a response's HTML for goquery assertions and closes its body.
func Doc(t testing.TB, resp *http.Response) *goquery.Document {
	t.Helper()
	defer resp.Body.Close()
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatalf("testapp: parse HTML: %v", err)
	}
	return d
}
