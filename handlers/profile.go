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
	AccountByID(ctx context.Context, id int64) (domain.Account, error)
	Profile(ctx context.Context, accountID int64, doc any) (store.ProfileRecord, error)
	SaveProfile(ctx context.Context, accountID int64, doc any) error
	SubmitProfile(ctx context.Context, accountID int64) error
	Photos(ctx context.Context, accountID int64) ([]domain.Photo, error)
	Reels(ctx context.Context, accountID int64) ([]domain.Reel, error)
}

// profileHandler serves a talent's own profile editor, the meter and the
// public profile page.
type profileHandler struct {
	store ProfileStore
	now   func() time.Time
}

// talentKind maps a talent account to its profile kind.
func talentKind(r domain.Role) profile.Kind {
	if r == domain.RoleCrew {
		return profile.KindCrew
	}
	return profile.KindPerformer
}

// profileState is everything the editor shows about one talent.
type profileState struct {
	Account domain.Account
	Profile profile.Profile
	Record  store.ProfileRecord
	Photos  []domain.Photo
	Reels   []domain.Reel
	Meter   profile.Meter
}

func (h *profileHandler) load(ctx context.Context, acct domain.Account) (*profileState, error) {
	st := &profileState{Account: acct}
	var err error
	if st.Record, err = h.store.Profile(ctx, acct.ID, &st.Profile); err != nil {
		return nil, err
	}
	if st.Profile.DisplayName == "" {
		st.Profile.DisplayName = acct.Name
	}
	if st.Photos, err = h.store.Photos(ctx, acct.ID); err != nil {
		return nil, err
	}
	if st.Reels, err = h.store.Reels(ctx, acct.ID); err != nil {
		return nil, err
	}
	st.Meter = profile.Completeness(st.Profile, talentKind(acct.Role), profile.MediaOf(st.Photos, st.Reels), h.now())
	return st, nil
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

func (st *profileState) pageData(c *fiber.Ctx) fiber.Map {
	kind := talentKind(st.Account.Role)
	var sections []SectionView
	for _, s := range profile.SectionsFor(kind) {
		sections = append(sections, SectionView{Section: s, Form: profile.Values(s.Name, st.Profile), CSRF: csrfToken(c), Kind: kind})
	}
	return fiber.Map{
		"Title":       "My profile",
		"Sections":    sections,
		"Meter":       st.Meter,
		"Status":      string(st.Record.Status),
		"StatusLabel": st.Record.Status.Label(),
		"Reels":       st.Reels,
	}
}

func (h *profileHandler) page(c *fiber.Ctx) error {
	st, err := h.load(c.UserContext(), *currentUser(c))
	if err != nil {
		return err
	}
	return renderPage(c, "profile/edit", st.pageData(c))
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
	form, err := postedForm(c)
	if err != nil {
		return err
	}
	st, err := h.load(c.UserContext(), *u)
	if err != nil {
		return err
	}
	errs := profile.Parse(sec.Name, form, &st.Profile, h.now())
	view := SectionView{Section: sec, Form: form, Errors: errs, CSRF: csrfToken(c), Kind: kind}
	if len(errs) > 0 {
		c.Status(fiber.StatusUnprocessableEntity)
		if isFragment(c) {
			return renderPage(c, "profile/section", fiber.Map{"S": view})
		}
		data := st.pageData(c)
		for i, s := range data["Sections"].([]SectionView) {
			if s.Section.Name == sec.Name {
				data["Sections"].([]SectionView)[i] = view
			}
		}
		return renderPage(c, "profile/edit", data)
	}
	if err := h.store.SaveProfile(c.UserContext(), u.ID, st.Profile); err != nil {
		return err
	}
	if !isFragment(c) {
		return c.Redirect("/profile?saved="+sec.Name+"#section-"+sec.Name, fiber.StatusSeeOther)
	}
	view.Form, view.Saved = profile.Values(sec.Name, st.Profile), true
	c.Set("HX-Trigger", "profile-changed")
	return renderPage(c, "profile/section", fiber.Map{"S": view})
}

// postedForm returns the url-encoded body as url.Values, repeated keys kept.
func postedForm(c *fiber.Ctx) (url.Values, error) {
	form, err := url.ParseQuery(string(c.Body()))
	if err != nil {
		return nil, fiber.NewError(fiber.StatusBadRequest, "This form could not be read. Reload the page and try again.")
	}
	return form, nil
}

// meter renders the completeness meter alone (htmx refreshes it when a
// section is saved or a photo check finishes).
func (h *profileHandler) meter(c *fiber.Ctx) error {
	st, err := h.load(c.UserContext(), *currentUser(c))
	if err != nil {
		return err
	}
	return renderPage(c, "profile/meter", st.pageData(c))
}

// submit sends a complete profile for validation; an incomplete one gets
// the meter back with what is missing.
func (h *profileHandler) submit(c *fiber.Ctx) error {
	u := currentUser(c)
	st, err := h.load(c.UserContext(), *u)
	if err != nil {
		return err
	}
	if !st.Meter.CanSubmit {
		c.Status(fiber.StatusUnprocessableEntity)
		data := st.pageData(c)
		data["SubmitProblem"] = "Your profile is not complete yet: finish the required items below, then submit."
		return render(c, "profile/edit", "profile/meter", data)
	}
	if st.Record.UpdatedAt.IsZero() {
		// Never saved a section: store the defaults (the account name) first.
		if err := h.store.SaveProfile(c.UserContext(), u.ID, st.Profile); err != nil {
			return err
		}
	}
	err = h.store.SubmitProfile(c.UserContext(), u.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) { // already submitted: nothing to do
		return err
	}
	return redirect(c, "/profile")
}

// mediaPageData is the meter and status part of the photos & reels page.
func (h *profileHandler) mediaPageData(c *fiber.Ctx) (fiber.Map, error) {
	st, err := h.load(c.UserContext(), *currentUser(c))
	if err != nil {
		return nil, err
	}
	return st.pageData(c), nil
}

// canView says whether the current visitor may see a talent's profile and
// pictures: the talent, staff, and — once validated — everyone.
func (h *profileHandler) canView(c *fiber.Ctx, accountID int64) (bool, error) {
	if u := currentUser(c); u != nil && domain.CanViewProfile(u, accountID, "") {
		return true, nil // no need to read the profile
	}
	var p profile.Profile
	rec, err := h.store.Profile(c.UserContext(), accountID, &p)
	if err != nil {
		return false, err
	}
	return domain.CanViewProfile(currentUser(c), accountID, rec.Status), nil
}

// public renders a talent's public page: contact data removed, only
// checked photos, and only once validated (the talent and staff see a
// preview before).
func (h *profileHandler) public(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	acct, err := h.store.AccountByID(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !acct.Role.IsTalent()) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	ok, err := h.canView(c, id)
	if err != nil {
		return err
	}
	if !ok {
		return fiber.ErrNotFound
	}
	st, err := h.load(c.UserContext(), acct)
	if err != nil {
		return err
	}
	headshot, book := domain.PublicPhotos(st.Photos)
	pub := st.Profile.Public()
	data := st.pageData(c)
	data["Title"] = pub.DisplayName
	data["Talent"] = acct
	data["P"] = pub
	data["Headshot"] = headshot
	data["Book"] = book
	data["Preview"] = !st.Record.Status.Public()
	data["Own"] = currentUser(c) != nil && currentUser(c).ID == acct.ID
	return renderPage(c, "profile/public", data)
}
