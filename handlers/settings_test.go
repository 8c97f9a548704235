package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testapp"
)

func TestTheBrowsersTimeZoneIsSaved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	b := e.as(maya)
	if d := testapp.Doc(t, b.Get("/performer")); d.Find("body").AttrOr("data-time-zone", "") != "UTC" {
		t.Error("a new account's page does not say its zone is UTC")
	}
	if resp := b.Post("/settings/time-zone", url.Values{"time_zone": {"Europe/Lisbon"}}); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if a, _ := e.store.AccountByID(ctx, maya.ID); a.TimeZone != "Europe/Lisbon" {
		t.Errorf("zone %q", a.TimeZone)
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus", "../etc/passwd"} {
		if resp := b.Post("/settings/time-zone", url.Values{"time_zone": {bad}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%q: %d, want 422", bad, resp.StatusCode)
		}
	}
	if a, _ := e.store.AccountByID(ctx, maya.ID); a.TimeZone != "Europe/Lisbon" {
		t.Errorf("a refused zone changed it to %q", a.TimeZone)
	}
	if d := testapp.Doc(t, b.Get("/performer")); d.Find("body").AttrOr("data-time-zone", "") != "Europe/Lisbon" {
		t.Error("the page does not carry the saved zone")
	}
	if resp := e.browser().Post("/settings/time-zone", url.Values{"time_zone": {"Europe/Paris"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a visitor: %d, want a redirect to log in", resp.StatusCode)
	}
}
