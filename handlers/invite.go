package handlers

import (
	"cmp"
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// InviteOptionsReader lists the roles a producer may invite a talent of
// one kind to: the public profile page shows them as the invite form.
type InviteOptionsReader interface {
	InviteOptions(ctx context.Context, producerID int64, kind production.Kind) ([]production.InviteOption, error)
}

// InviteStore is what inviting a talent needs from the store.
type InviteStore interface {
	InviteOptionsReader
	ProfileStatusReader
	Profile(ctx context.Context, accountID int64, doc any) (store.ProfileRecord, error)
	AccountByID(ctx context.Context, id int64) (domain.Account, error)
	Invite(ctx context.Context, producerID, listingID, roleID, talentID int64, message string) (store.InviteResult, error)
}

// inviteHandler lets a producer invite a talent to a role of one of their
// published listings, from the talent's public page.
type inviteHandler struct {
	store InviteStore
}

func (h *inviteHandler) routes(app fiber.Router) {
	producer := requireRole(domain.RoleProducer)
	app.Get("/talent/:id/invite", producer, h.page)
	app.Post("/talent/:id/invite", producer, h.invite)
}

// InviteForm is the "Invite to a casting" form: the producer's published
// listings of the talent's kind, one option per role.
type InviteForm struct {
	TalentID   int64
	TalentName string
	Kind       production.Kind
	Options    []production.InviteOption
	// Target is the chosen option (InviteOption.Value), Message the
	// optional note the talent reads with the invitation.
	Target  string
	Message string
	Errors  domain.FieldErrors
	// Notice says what the last invitation did; Sent that it was sent.
	Notice string
	Sent   bool
	CSRF   string
}

// InvitePage is the invite form alone: its own page (a plain form comes
// back to it), or the fragment htmx swaps on the public profile.
type InvitePage struct {
	Page
	Form *InviteForm
}

// inviteForm is the invite form a producer sees on a talent's public
// page, nil for anyone else.
func inviteForm(c *fiber.Ctx, r InviteOptionsReader, talent domain.Account, name string) (*InviteForm, error) {
	u := currentUser(c)
	kind, ok := production.KindFor(talent.Role)
	if u == nil || u.Role != domain.RoleProducer || !ok {
		return nil, nil
	}
	opts, err := r.InviteOptions(c.UserContext(), u.ID, kind)
	if err != nil {
		return nil, err
	}
	return &InviteForm{TalentID: talent.ID, TalentName: name, Kind: kind, Options: opts, CSRF: csrfToken(c)}, nil
}

// talent reads the talent of the route as the producer may see them: a
// talent account whose profile is public (404 otherwise, as the public
// page), and the form to invite them.
func (h *inviteHandler) talent(c *fiber.Ctx) (*InviteForm, error) {
	id, err := peopleRouteID(c)
	if err != nil {
		return nil, err
	}
	acct, err := h.store.AccountByID(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !acct.Role.IsTalent()) {
		return nil, fiber.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var p profile.Profile
	rec, err := h.store.Profile(c.UserContext(), id, &p)
	if err != nil {
		return nil, err
	}
	if ok, err := mayViewWithStatus(c, h.store, id, rec.Status); err != nil {
		return nil, err
	} else if !ok {
		return nil, fiber.ErrNotFound
	}
	return inviteForm(c, h.store, acct, cmp.Or(p.DisplayName, acct.Name))
}

func (h *inviteHandler) page(c *fiber.Ctx) error {
	form, err := h.talent(c)
	if err != nil {
		return err
	}
	created, state := c.Query("outcome") == "sent", production.State(c.Query("outcome"))
	if created || state.ProducerLabel() != string(state) {
		form.Notice, form.Sent = production.InviteOutcome(created, state), created
	}
	return renderPage(c, "applicants/invite_page", &InvitePage{Page: Page{Title: "Invite " + form.TalentName}, Form: form})
}

// invite sends the invitation. The answer says what happened (sent, or
// why nothing was: already invited, already applied…); a refusal keeps
// what was chosen and typed, with the message beside the field.
func (h *inviteHandler) invite(c *fiber.Ctx) error {
	form, err := h.talent(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	form.Target, form.Message = f.Get("target"), strings.TrimSpace(f.Get("message"))
	form.Errors = domain.FieldErrors{}.With(f.Bad)
	listingID, roleID, ok := production.ParseInviteTarget(form.Target)
	if !ok {
		form.Errors.Add("target", "Choose the listing and the role to invite them to.")
	}
	if utf8.RuneCountInString(form.Message) > production.MaxApplicationMsg {
		form.Errors.Add("message", "Keep the message under 500 characters.")
	}
	var res store.InviteResult
	if len(form.Errors) == 0 {
		res, err = h.store.Invite(c.UserContext(), currentUser(c).ID, listingID, roleID, form.TalentID, form.Message)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return fiber.ErrNotFound // another producer's listing, or a role not of it
		case errors.Is(err, store.ErrKindMismatch):
			form.Errors.Add("target", "They cannot take this role: performers are invited to casting calls, crew to job listings.")
		case errors.Is(err, store.ErrListingClosed):
			form.Errors.Add("target", "This casting is closed: choose an open one.")
		case errors.Is(err, store.ErrNotPublished):
			form.Errors.Add("target", "This listing is not published yet: publish it, then invite.")
		case err != nil:
			return err
		}
	}
	if len(form.Errors) > 0 {
		refused(c)
		return render(c, "applicants/invite_page", "applicants/invite", &InvitePage{Page: Page{Title: "Invite " + form.TalentName}, Form: form})
	}
	outcome := string(res.Participation.State)
	if res.Created {
		outcome = "sent"
	}
	back := "/talent/" + strconv.FormatInt(form.TalentID, 10) + "/invite?outcome=" + outcome
	return answerPost(c, back, func() error {
		form.Notice, form.Sent = production.InviteOutcome(res.Created, res.Participation.State), res.Created
		if res.Created {
			form.Target, form.Message = "", ""
		}
		return renderPage(c, "applicants/invite", &InvitePage{Form: form})
	})
}
