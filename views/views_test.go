package views_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/casting"
	"github.com/slatecasting/slate/views"
)

// fixtures gives every template the data its handler passes. A template
// without an entry fails the test, so a new view cannot ship untested.
func fixtures() map[string]fiber.Map {
	now := time.Now()
	user := &casting.Account{ID: 7, Name: "Maya Laurent", Email: "maya@example.com", Role: casting.RolePerformer}
	notes := []casting.Notification{
		{ID: 1, Title: "Welcome to Slate, Maya", Body: "Complete your profile.", Link: "/profile", CreatedAt: now.Add(-2 * time.Hour)},
		{ID: 2, Title: "Read one", Body: "Old news.", CreatedAt: now.Add(-72 * time.Hour), ReadAt: &now},
	}
	base := func(extra fiber.Map) fiber.Map {
		m := fiber.Map{"Title": "Slate", "CSRF": "csrf-token", "Path": "/", "User": user}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	signup := fiber.Map{
		"Form":   casting.Signup{Name: "Maya", Email: "maya@example.com", Role: casting.RoleCrew},
		"Errors": casting.FieldErrors{"email": "An account already uses this e-mail address."},
		"Roles":  casting.SignupRoles,
		"User":   (*casting.Account)(nil),
	}
	login := fiber.Map{"Email": "maya@example.com", "Next": "/performer", "Problem": "That e-mail and password do not match an account.", "Notice": "You are logged out.", "User": (*casting.Account)(nil)}
	return map[string]fiber.Map{
		"layouts/main":               base(nil),
		"partials/nav":               base(nil),
		"partials/csrf":              base(nil),
		"partials/field":             {"Name": "email", "Label": "E-mail", "Type": "email", "Value": "x@example.com", "Error": "Bad."},
		"partials/notification_list": {"": notes},
		"home/index":                 base(fiber.Map{"Roles": casting.SignupRoles, "User": (*casting.Account)(nil)}),
		"auth/signup":                base(signup),
		"auth/signup_form":           base(signup),
		"auth/login":                 base(login),
		"auth/login_form":            base(login),
		"dashboard/performer":        base(fiber.Map{"Notifications": notes}),
		"dashboard/crew":             base(fiber.Map{"Notifications": notes}),
		"dashboard/producer":         base(fiber.Map{"Notifications": notes}),
		"dashboard/moderator":        base(fiber.Map{"Notifications": nil}),
		"notifications/index":        base(fiber.Map{"Notifications": notes}),
		"errors/error":               base(fiber.Map{"Code": 404, "Message": "We could not find this page."}),
	}
}

func TestEveryViewRenders(t *testing.T) {
	engine := views.Engine()
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	fx := fixtures()
	var names []string
	err := fs.WalkDir(views.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			names = append(names, strings.TrimSuffix(path, ".html"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < len(fx) {
		t.Fatalf("found %d templates, fixtures for %d", len(names), len(fx))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, ok := fx[name]
			if !ok {
				t.Fatalf("no fixture for %s: add one to fixtures()", name)
			}
			var bind any = data
			if list, ok := data[""]; ok { // partials that take a bare value
				bind = list
			}
			var buf bytes.Buffer
			layout := []string{}
			if !strings.HasPrefix(name, "partials/") && !strings.HasPrefix(name, "layouts/") {
				layout = append(layout, "layouts/main")
			}
			if name == "layouts/main" {
				// The layout alone needs something to embed.
				if err := engine.Render(&buf, "errors/error", fx["errors/error"], "layouts/main"); err != nil {
					t.Fatal(err)
				}
			} else if err := engine.Render(&buf, name, bind, layout...); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.TrimSpace(out) == "" {
				t.Fatal("rendered nothing")
			}
			if strings.Contains(out, "<no value>") {
				t.Errorf("a field is missing from the fixture or the template:\n%s", out)
			}
		})
	}
}

func TestFormFieldsAreLabelled(t *testing.T) {
	engine := views.Engine()
	fx := fixtures()
	for _, name := range []string{"auth/signup", "auth/login"} {
		var buf bytes.Buffer
		if err := engine.Render(&buf, name, fx[name], "layouts/main"); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		for _, id := range []string{`id="f-email"`, `id="f-password"`} {
			if !strings.Contains(html, id) {
				t.Errorf("%s lacks %s", name, id)
			}
		}
		if strings.Count(html, `<label for="f-`) < 2 {
			t.Errorf("%s: inputs without labels", name)
		}
	}
}
