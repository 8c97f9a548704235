package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// TimeZoneSetter records the zone an account reads dates in.
type TimeZoneSetter interface {
	SetTimeZone(ctx context.Context, accountID int64, zone string) error
}

// settingsHandler serves the settings page (the e-mail preferences,
// settings_mail.go) and takes the small settings the browser sends on its
// own: the time zone, which Slate's script reads from the browser
// (Intl.DateTimeFormat) when the account's differs, so deadlines read in
// the viewer's own time.
type settingsHandler struct {
	store TimeZoneSetter
	mail  MailPreferenceStore
}

func (h *settingsHandler) routes(app fiber.Router) {
	app.Get("/settings", requireLogin, h.page)
	app.Post("/settings/notifications", requireLogin, h.saveMail)
	app.Post("/settings/time-zone", requireLogin, h.timeZone)
}

// SettingsPage is the account's settings; each section is its own
// fragment, saved on its own: the e-mail address (settings_email.go) and
// the e-mail preferences (settings_mail.go).
type SettingsPage struct {
	Page
	Email EmailSection
	Mail  MailPrefsView
}

// settingsPage is the whole page with every section as stored; the
// handler answering one section's form then replaces that section, so a
// plain form's answer shows the rest of the page too.
func settingsPage(c *fiber.Ctx, prefs MailPreferenceStore) (*SettingsPage, error) {
	u := currentUser(c)
	stored, err := prefs.MailPreferences(c.UserContext(), u.ID)
	if err != nil {
		return nil, err
	}
	return &SettingsPage{Page: Page{Title: "Settings"}, Email: emailSection(u, "", nil),
		Mail: MailPrefsView{Rows: mailPrefRows(stored, nil)}}, nil
}

// page shows the settings page.
func (h *settingsHandler) page(c *fiber.Ctx) error {
	page, err := settingsPage(c, h.mail)
	if err != nil {
		return err
	}
	if c.Query("changed") != "" {
		page.Flash = "Your e-mail address is now " + currentUser(c).Email + "."
	}
	page.Mail.Saved = c.Query("saved") == "1"
	return renderPage(c, "settings/index", page)
}

// timeZone saves a known IANA zone name; anything else is a 422.
func (h *settingsHandler) timeZone(c *fiber.Ctx) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	zone := strings.TrimSpace(f.Get("time_zone"))
	if !knownZone(zone) {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "This time zone is not one we know.")
	}
	if err := h.store.SetTimeZone(c.UserContext(), currentUser(c).ID, zone); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// knownZone reports whether zone is an IANA zone name (not "Local", which
// would mean the server's own).
func knownZone(zone string) bool {
	if zone == "" || zone == "Local" || len(zone) > 64 {
		return false
	}
	_, err := time.LoadLocation(zone)
	return err == nil
}
