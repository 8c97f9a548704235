package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
)

// MailPreferenceStore reads and saves how often an account gets each
// type of e-mail.
type MailPreferenceStore interface {
	MailPreferences(ctx context.Context, accountID int64) (map[domain.MailType]domain.Cadence, error)
	SetMailPreferences(ctx context.Context, accountID int64, prefs map[domain.MailType]domain.Cadence) error
}

// MailPrefsView is the e-mail preferences section; its template
// (settings/mail_prefs) is the fragment a change re-renders in place.
type MailPrefsView struct {
	Rows   []MailPrefRow
	Errors domain.FieldErrors
	// Saved says the last change was saved (shown beside the heading).
	Saved bool
}

// MailPrefRow is one mail type's select.
type MailPrefRow struct {
	domain.MailTypeInfo
	Value   domain.Cadence
	Choices []domain.Cadence
	Error   string
}

// Name is the form field of the row.
func (r MailPrefRow) Name() string { return "mail_" + string(r.Type) }

func mailPrefRows(prefs map[domain.MailType]domain.Cadence, errs domain.FieldErrors) []MailPrefRow {
	rows := make([]MailPrefRow, len(domain.MailTypes))
	for i, info := range domain.MailTypes {
		rows[i] = MailPrefRow{MailTypeInfo: info, Value: prefs[info.Type], Choices: domain.Cadences}
		rows[i].Error = errs[rows[i].Name()]
	}
	return rows
}

// saveMail saves every select of the section at once: a choice that is
// not one of the cadences is refused beside its select, the others kept
// as typed and nothing saved.
func (h *settingsHandler) saveMail(c *fiber.Ctx) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	prefs, err := h.mail.MailPreferences(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	errs := domain.FieldErrors{}
	for _, info := range domain.MailTypes {
		name := "mail_" + string(info.Type)
		if !f.Has(name) {
			continue
		}
		v := domain.Cadence(f.Get(name))
		prefs[info.Type] = v
		if !v.Valid() {
			errs[name] = "Choose immediately, daily digest or never."
		}
	}
	page, err := settingsPage(c, h.mail)
	if err != nil {
		return err
	}
	page.Mail = MailPrefsView{Rows: mailPrefRows(prefs, errs)}
	if len(errs) > 0 {
		refused(c)
		return render(c, "settings/index", "settings/mail_prefs", page)
	}
	if err := h.mail.SetMailPreferences(c.UserContext(), u.ID, prefs); err != nil {
		return err
	}
	page.Mail.Saved = true
	return answerPost(c, "/settings?saved=1", func() error {
		return render(c, "settings/index", "settings/mail_prefs", page)
	})
}
