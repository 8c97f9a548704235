package handlers

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// ProfileStore is what the profile pages need from the store.
type ProfileStore interface {
	TalentReader
	ProfileStatusReader
	SaveProfile(ctx context.Context, accountID int64, doc any) error
	SubmitProfile(ctx context.Context, accountID int64) error
	InviteOptionsReader // slice invitations: the producer's invite form on the public page
}

// profileHandler serves a talent's own profile editor, the meter and the
// public profile page.
type profileHandler struct {
	store ProfileStore
	reads Batcher // the editor reads the talent and the nav's badges at once
	now   func() time.Time
}

func (h *profileHandler) routes(app fiber.Router) {
	talent := app.Group("/profile")
	talent.Get("/", requireTalent, h.page)
	talent.Post("/sections/:name", requireTalent, h.saveSection)
	talent.Get("/meter", requireTalent, h.meter)
	talent.Post("/submit", requireTalent, h.submit)
	app.Get("/talent/:id", h.public)
}

// SectionView is one section form as the template shows it: the posted
// values after a refusal, the stored ones otherwise.
type SectionView struct {
	Section profile.Section
	Form    url.Values
	Errors  domain.FieldErrors
	Saved   bool
	CSRF    string
	Kind    profile.Kind
}

// ProfileEditPage is the profile editor: every section form beside the
// completeness meter.
type ProfileEditPage struct {
	Page
	TalentSummary
	Sections []SectionView
}

// SectionPage is one section form alone, as htmx swaps it in place.
type SectionPage struct {
	Page
	S SectionView
}

// MeterPage is the completeness meter alone (htmx refreshes it).
type MeterPage struct {
	Page
	TalentSummary
}

func (h *profileHandler) load(c *fiber.Ctx) (*talent, error) {
	return loadTalent(c.UserContext(), h.store, *currentUser(c), h.now())
}

func (h *profileHandler) editPage(c *fiber.Ctx, t *talent) *ProfileEditPage {
	kind := talentKind(t.Account.Role)
	p := &ProfileEditPage{Page: Page{Title: "My profile"}, TalentSummary: t.summary()}
	for _, s := range profile.SectionsFor(kind) {
		p.Sections = append(p.Sections, SectionView{Section: s, Form: profile.Values(s.Name, t.Profile), CSRF: csrfToken(c), Kind: kind})
	}
	return p
}

func (h *profileHandler) page(c *fiber.Ctx) error {
	t, nav, err := batchTalent(c, h.reads, *currentUser(c), h.now())
	if err != nil {
		return err
	}
	page := h.editPage(c, t)
	if nav != nil {
		page.setNav(nav)
	}
	// A plain form that saved a section comes back here with ?saved=name.
	for i, s := range page.Sections {
		if s.Section.Name == c.Query("saved") {
			page.Sections[i].Saved = true
			page.Flash = s.Section.Title + ": saved."
		}
	}
	return renderPage(c, "profile/edit", page)
}

// saveSection validates and saves one section. Bad input re-renders the
// section with each message beside its field and everything typed kept;
// nothing is saved.
func (h *profileHandler) saveSection(c *fiber.Ctx) error {
	u := currentUser(c)
	kind := talentKind(u.Role)
	sec, ok := profile.SectionByName(kind, c.Params("name"))
	if !ok {
		return fiber.ErrNotFound
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	form := f.Values
	t, err := h.load(c)
	if err != nil {
		return err
	}
	errs := profile.Parse(sec.Name, form, &t.Profile, h.now()).With(f.Bad) // nothing unreadable is ever saved
	view := SectionView{Section: sec, Form: form, Errors: errs, CSRF: csrfToken(c), Kind: kind}
	if len(errs) > 0 {
		refused(c)
		if isFragment(c) {
			return renderPage(c, "profile/section", &SectionPage{S: view})
		}
		page := h.editPage(c, t)
		for i, s := range page.Sections {
			if s.Section.Name == sec.Name {
				page.Sections[i] = view
			}
		}
		return renderPage(c, "profile/edit", page)
	}
	if err := h.store.SaveProfile(c.UserContext(), u.ID, t.Profile); err != nil {
		return err
	}
	return answerPost(c, "/profile?saved="+sec.Name+"#section-"+sec.Name, func() error {
		view.Form, view.Saved = profile.Values(sec.Name, t.Profile), true
		c.Set(hxTrigger, eventProfileChanged)
		return renderPage(c, "profile/section", &SectionPage{S: view})
	})
}

// meter renders the completeness meter alone (htmx refreshes it when a
// section is saved or a photo check finishes).
func (h *profileHandler) meter(c *fiber.Ctx) error {
	t, err := h.load(c)
	if err != nil {
		return err
	}
	s := t.summary()
	return renderTagged(c, meterETag(c, s), func() error { return renderPage(c, "profile/meter", &MeterPage{TalentSummary: s}) })
}

// meterETag is the validator of the meter: the percent, every item still
// to do, whether it can be submitted, the status, and whom it is for.
func meterETag(c *fiber.Ctx, s TalentSummary) string {
	v := newValidator(c, "meter").int(int64(s.Meter.Percent)).bool(s.Meter.CanSubmit).str(string(s.Status)).str(s.SubmitProblem).str(s.Validation.Since)
	for _, m := range s.Meter.Missing {
		v.str(m.Section).str(m.Message).bool(m.Required)
	}
	return v.etag()
}

// submit sends a complete profile for validation; an incomplete one gets
// the meter back with what is missing.
func (h *profileHandler) submit(c *fiber.Ctx) error {
	u := currentUser(c)
	t, err := h.load(c)
	if err != nil {
		return err
	}
	if !t.Meter.CanSubmit {
		refused(c)
		page := h.editPage(c, t)
		page.SubmitProblem = "Your profile is not complete yet: finish the required items below, then submit."
		return render(c, "profile/edit", "profile/meter", page)
	}
	if t.Record.UpdatedAt.IsZero() {
		// Never saved a section: store the defaults (the account name) first.
		if err := h.store.SaveProfile(c.UserContext(), u.ID, t.Profile); err != nil {
			return err
		}
	}
	err = h.store.SubmitProfile(c.UserContext(), u.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) { // already submitted: nothing to do
		return err
	}
	return redirect(c, "/profile")
}

// PublicProfilePage is a talent's public page: no contact data, checked
// photos only.
type PublicProfilePage struct {
	Page
	TalentSummary
	Talent   domain.Account
	P        profile.PublicProfile
	Headshot *domain.Photo
	Book     []domain.Photo
	Reels    []domain.Reel
	// Preview says the profile is not validated yet: only the talent and
	// staff see it.
	Preview bool
	// Own says the talent is looking at their own page (the profile tabs
	// are shown).
	Own bool
	// Invite is the "Invite to a casting" form a producer sees (slice
	// invitations, handlers/invite.go); nil for everyone else.
	Invite *InviteForm
}

// public renders a talent's public page: contact data removed, only
// checked photos, and only once validated (the talent and staff see a
// preview before).
func (h *profileHandler) public(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	// The account and its talent record in one round trip; the record is
	// used only once the account is known to be a talent's.
	rd := h.reads.Batch()
	account := rd.AccountByID(id)
	t, rec := queueTalent(rd, domain.Account{ID: id})
	err = rd.Send(c.UserContext())
	acct := *account
	if errors.Is(err, store.ErrNotFound) || (err == nil && !acct.Role.IsTalent()) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	t.Account = acct
	t.fill(*rec, h.now())
	if acct.SuspendedAt != nil { // slice reports: not public while suspended
		t.Record.Status = domain.ProfileDraft
	}
	if ok, err := mayViewWithStatus(c, h.store, acct.ID, t.Record.Status); err != nil {
		return err
	} else if !ok {
		return fiber.ErrNotFound
	}
	headshot, book := domain.PublicPhotos(t.Photos)
	pub := t.Profile.Public()
	u := currentUser(c)
	page := &PublicProfilePage{
		Page:          Page{Title: pub.DisplayName},
		TalentSummary: t.summary(),
		Talent:        acct,
		P:             pub,
		Headshot:      headshot,
		Book:          book,
		Reels:         t.Reels,
		Preview:       !t.Record.Status.Public(),
		Own:           u != nil && u.ID == acct.ID,
	}
	// slice invitations: a producer sees the invite form.
	if page.Invite, err = inviteForm(c, h.store, acct, pub.DisplayName); err != nil {
		return err
	}
	return renderPage(c, "profile/public", page)
}
