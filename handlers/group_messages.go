package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// GroupMessageStore is what Notify needs; every method is scoped to the
// producer, so another's listing or message is store.ErrNotFound.
type GroupMessageStore interface {
	OwnListing(ctx context.Context, producerID, listingID int64) (production.Listing, error)
	GroupRecipients(ctx context.Context, producerID, listingID int64, group production.Choice) ([]store.GroupRecipient, error)
	SendGroupMessage(ctx context.Context, producerID, listingID int64, m production.GroupMessage, key string) (int64, error)
	GroupMessage(ctx context.Context, producerID, listingID, messageID int64) (production.SentGroupMessage, error)
	GroupMessageLister
}

// GroupMessageLister lists a listing's sent group messages (the final
// selection screen shows them with their progress).
type GroupMessageLister interface {
	GroupMessages(ctx context.Context, producerID, listingID int64) ([]production.SentGroupMessage, error)
}

// groupMessageHandler serves Notify: compose with a preview, send, and
// the send's progress.
type groupMessageHandler struct {
	store GroupMessageStore
}

func (h *groupMessageHandler) routes(app fiber.Router) {
	producer := requireRole(domain.RoleProducer)
	app.Get("/listings/:id/notify", producer, h.compose)
	app.Post("/listings/:id/notify", producer, h.send)
	app.Get("/listings/:id/notify/:mid", producer, h.progress)
}

// NotifyPage is Notify's form: the group, who in it, the message, and the
// preview once asked for.
type NotifyPage struct {
	Page
	Listing    production.Listing
	Group      production.Choice
	Recipients []RecipientRow
	// Picked says only the ticked recipients get it (else the whole group).
	Picked        bool
	Subject, Body string
	// Key is the form's idempotency key: pressing Send twice sends once.
	Key     string
	Errors  domain.FieldErrors
	Preview *GroupPreview
}

// RecipientRow is one checkbox of Notify. Its fields are its own, not
// promoted from an embedded store.GroupRecipient: html/template finds a
// promoted field by a reflect walk that allocates maps, for each of the
// group's recipients.
type RecipientRow struct {
	TalentID    int64
	Name, Roles string
	Checked     bool
}

// GroupPreview is the message as its first recipient will read it.
type GroupPreview struct {
	Name, Subject string
	Paragraphs    []string
}

// GroupHref is Notify for the other group.
func (p *NotifyPage) GroupHref(c production.Choice) string {
	return notifyPath(p.Listing.ID) + "?group=" + string(c)
}

func notifyPath(listingID int64) string {
	return "/listings/" + strconv.FormatInt(listingID, 10) + "/notify"
}

// GroupMessagePath is the progress page of one group message.
func GroupMessagePath(listingID, messageID int64) string {
	return notifyPath(listingID) + "/" + strconv.FormatInt(messageID, 10)
}

// compose shows Notify for a group, from its template, everyone ticked.
func (h *groupMessageHandler) compose(c *fiber.Ctx) error {
	id, err := numericParam(c, "id")
	if err != nil {
		return err
	}
	group := production.Included
	if c.Query("group") == string(production.Excluded) {
		group = production.Excluded
	}
	page, err := h.page(c, id, group, nil)
	if err != nil {
		return err
	}
	page.Subject, page.Body = production.GroupTemplate(group, page.Listing.Title)
	page.Key = newKey()
	return renderPage(c, "groupmsg/compose", page)
}

// page loads the listing and the group's recipients, ticking those in
// ticked (all when ticked is nil).
func (h *groupMessageHandler) page(c *fiber.Ctx, listingID int64, group production.Choice, ticked map[int64]bool) (*NotifyPage, error) {
	u := currentUser(c)
	l, err := h.store.OwnListing(c.UserContext(), u.ID, listingID)
	if err != nil {
		return nil, storeNotFound(err)
	}
	if l.Status != production.Closed {
		return nil, fiber.NewError(fiber.StatusConflict, "Close the casting first: Notify is for its final selection.")
	}
	list, err := h.store.GroupRecipients(c.UserContext(), u.ID, listingID, group)
	if err != nil {
		return nil, err
	}
	page := &NotifyPage{Page: Page{Title: "Notify: " + titleOr(l)}, Listing: l, Group: group, Errors: domain.FieldErrors{}}
	for _, r := range list {
		page.Recipients = append(page.Recipients, RecipientRow{TalentID: r.TalentID, Name: r.Name, Roles: r.Roles, Checked: ticked == nil || ticked[r.TalentID]})
	}
	return page, nil
}

var keyPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func newKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b)
}

// send previews or sends the message. A refusal or a preview re-renders
// the form with what was typed and the same key.
func (h *groupMessageHandler) send(c *fiber.Ctx) error {
	id, f, err := idAndForm(c)
	if err != nil {
		return err
	}
	group, ok := production.ParseChoice(f.Get("group"))
	if !ok || group == production.Undecided {
		return fiber.NewError(fiber.StatusBadRequest, "Choose who gets the message: the included or the excluded.")
	}
	key := f.Get("key")
	if !keyPattern.MatchString(key) {
		return fiber.NewError(fiber.StatusBadRequest, "This form is out of date. Reload the page and try again.")
	}
	m := production.GroupMessage{Group: group, Subject: f.Get("subject"), Body: f.Get("body")}
	picked := f.Get("scope") == "picked"
	ticked := map[int64]bool{}
	for _, v := range f.Values["to"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			ticked[n] = true
			m.Recipients = append(m.Recipients, n)
		}
	}
	var show map[int64]bool // nil: everyone ticked
	if picked {
		show = ticked
	}
	page, err := h.page(c, id, group, show)
	if err != nil {
		return err
	}
	page.Subject, page.Body, page.Key, page.Picked = m.Subject, m.Body, key, picked
	page.Errors = m.Check()
	for k, v := range f.Bad {
		page.Errors[k] = v
	}
	if picked && len(m.Recipients) == 0 {
		page.Errors["to"] = "Tick at least one person, or send to everyone in the group."
	}
	if !picked {
		m.Recipients = nil
	}
	if len(page.Errors) == 0 && f.Get("action") == "preview" {
		page.Preview = preview(page, m)
		return renderPage(c, "groupmsg/compose", page)
	}
	if len(page.Errors) > 0 {
		refused(c)
		return renderPage(c, "groupmsg/compose", page)
	}
	mid, err := h.store.SendGroupMessage(c.UserContext(), currentUser(c).ID, id, m, key)
	switch {
	case errors.Is(err, store.ErrNoRecipients):
		page.Errors["to"] = "Nobody is in this group yet: include or exclude candidates on the final selection first."
		refused(c)
		return renderPage(c, "groupmsg/compose", page)
	case errors.Is(err, store.ErrTransition):
		return fiber.NewError(fiber.StatusConflict, "Close the casting first: Notify is for its final selection.")
	case err != nil:
		return storeNotFound(err)
	}
	return redirect(c, GroupMessagePath(id, mid))
}

// preview is the message as the first recipient it goes to reads it.
func preview(page *NotifyPage, m production.GroupMessage) *GroupPreview {
	p := &GroupPreview{Name: "there", Subject: strings.TrimSpace(m.Subject)}
	for _, r := range page.Recipients {
		if r.Checked {
			p.Name = r.Name
			break
		}
	}
	for _, para := range strings.Split(strings.TrimSpace(m.Body), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			p.Paragraphs = append(p.Paragraphs, para)
		}
	}
	return p
}

// GroupProgressPage is one group message's progress.
type GroupProgressPage struct {
	Page
	Listing production.Listing
	M       production.SentGroupMessage
}

// Href is where the progress fragment polls.
func (p *GroupProgressPage) Href() string { return GroupMessagePath(p.Listing.ID, p.M.ID) }

// progress shows how far a group message is; htmx polls the card every
// 2 s until every delivery has ended.
func (h *groupMessageHandler) progress(c *fiber.Ctx) error {
	id, err := numericParam(c, "id")
	if err != nil {
		return err
	}
	mid, err := numericParam(c, "mid")
	if err != nil {
		return err
	}
	u := currentUser(c)
	m, err := h.store.GroupMessage(c.UserContext(), u.ID, id, mid)
	if err != nil {
		return storeNotFound(err)
	}
	l, err := h.store.OwnListing(c.UserContext(), u.ID, id)
	if err != nil {
		return storeNotFound(err)
	}
	page := &GroupProgressPage{Page: Page{Title: "Sending: " + m.Subject}, Listing: l, M: m}
	return render(c, "groupmsg/progress", "groupmsg/progress_card", page)
}
