package testapp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/slatecasting/slate/internal/testapp"
)

// handlerApp serves an http.Handler through the App interface.
type handlerApp struct{ h http.Handler }

func (a handlerApp) Test(req *http.Request, _ ...int) (*http.Response, error) {
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

func TestClientKeepsCookiesAndSendsTheCSRFToken(t *testing.T) {
	t.Parallel()
	var sent string
	mux := http.NewServeMux()
	mux.HandleFunc("GET /cookie", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "slate_csrf", Value: "from-cookie"})
		http.SetCookie(w, &http.Cookie{Name: "gone", Value: "", MaxAge: -1})
	})
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<form><input type="hidden" name="_csrf" value="from-page"></form>`)
	})
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<form><input type="hidden" name="_csrf" value="from-login"></form>`)
	})
	mux.HandleFunc("POST /form", func(w http.ResponseWriter, r *http.Request) { sent = r.FormValue("_csrf") })
	c := testapp.NewClient(t, handlerApp{mux})

	// A page's token is used while no cookie holds one, and the body stays readable.
	if d := testapp.Doc(t, c.Get("/page")); d.Find(`input[name=_csrf]`).Length() != 1 {
		t.Fatal("the page body was consumed")
	}
	c.Post("/form", nil)
	if sent != "from-page" {
		t.Fatalf("posted token %q, want the page's", sent)
	}

	c.SetCookie("gone", "x")
	c.Get("/cookie")
	if c.Cookie("gone") != "" || c.Cookie("slate_csrf") != "from-cookie" {
		t.Fatalf("cookies after a response set one and cleared one: gone=%q csrf=%q", c.Cookie("gone"), c.Cookie("slate_csrf"))
	}
	// A new pre-session cookie makes the page's token stale: the client
	// loads the login page for a fresh one, as a browser reloads.
	c.Post("/form", url.Values{"x": {"1"}})
	if sent != "from-login" {
		t.Fatalf("posted token %q, want the fresh page's", sent)
	}
	c.Post("/form", url.Values{"_csrf": {"mine"}})
	if sent != "mine" {
		t.Fatalf("posted token %q, want the form's own", sent)
	}
	c.Upload("/form", map[string]string{"title": "t"}, "file", map[string][]byte{"a.txt": []byte("a")})
	if sent != "from-login" {
		t.Fatalf("uploaded token %q, want the page's", sent)
	}
}
