package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// ModerationAccountStore is what the moderators' account pages read and
// write; each method checks the caller is a moderator.
type ModerationAccountStore interface {
	SearchAccounts(ctx context.Context, moderatorID int64, q string, limit int) ([]domain.Account, error)
	AccountCase(ctx context.Context, moderatorID, accountID int64) (store.AccountCase, error)
	SuspendAccount(ctx context.Context, moderatorID, accountID int64, reason string) error
	LiftSuspension(ctx context.Context, moderatorID, accountID int64) error
}

// moderationAccountsHandler serves account search, an account's page and
// its suspension.
type moderationAccountsHandler struct {
	store ModerationAccountStore
}

func (h *moderationAccountsHandler) routes(app fiber.Router) {
	app.Get("/moderation/accounts", requireModerator, h.search)
	app.Get("/moderation/accounts/:id", requireModerator, h.show)
	app.Post("/moderation/accounts/:id/suspend", requireModerator, h.suspend)
	app.Post("/moderation/accounts/:id/lift", requireModerator, h.lift)
}

// accountsPageSize is how many accounts a search lists.
const accountsPageSize = 50

// AccountsPage is the account search.
type AccountsPage struct {
	Page
	Q        string
	Accounts []domain.Account
}

// AccountCasePage is one account for a moderator: suspension state and
// history, the reports about it, and the suspend or lift form.
type AccountCasePage struct {
	Page
	Case   store.AccountCase
	Reason string
	Errors domain.FieldErrors
}

func (h *moderationAccountsHandler) search(c *fiber.Ctx) error {
	page := &AccountsPage{Page: Page{Title: "Accounts"}, Q: strings.TrimSpace(c.Query("q"))}
	if page.Q != "" {
		var err error
		if page.Accounts, err = h.store.SearchAccounts(c.UserContext(), currentUser(c).ID, page.Q, accountsPageSize); err != nil {
			return err
		}
	}
	return renderPage(c, "moderation/accounts", page)
}

func (h *moderationAccountsHandler) load(c *fiber.Ctx) (*AccountCasePage, error) {
	ac, err := moderationRead(c, h.store.AccountCase)
	if err != nil {
		return nil, err
	}
	return &AccountCasePage{Page: Page{Title: ac.Account.Name}, Case: ac, Errors: domain.FieldErrors{}}, nil
}

func (h *moderationAccountsHandler) show(c *fiber.Ctx) error {
	page, err := h.load(c)
	if err != nil {
		return err
	}
	return renderPage(c, "moderation/account", page)
}

func (h *moderationAccountsHandler) suspend(c *fiber.Ctx) error {
	page, err := h.load(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	reason, problem := domain.ParseSuspensionReason(f.Get("reason"))
	page.Reason = reason
	if problem != "" {
		page.Errors.Add("reason", problem)
	}
	page.Errors.With(f.Bad)
	if len(page.Errors) == 0 {
		err = h.store.SuspendAccount(c.UserContext(), currentUser(c).ID, page.Case.Account.ID, reason)
		if errors.Is(err, store.ErrCannotSuspend) {
			page.Errors.Add("reason", "This is a staff account: it cannot be suspended here.")
		} else if err != nil {
			return err
		}
	}
	if len(page.Errors) > 0 {
		refused(c)
		return renderPage(c, "moderation/account", page)
	}
	return redirect(c, "/moderation/accounts/"+strconv.FormatInt(page.Case.Account.ID, 10))
}

func (h *moderationAccountsHandler) lift(c *fiber.Ctx) error {
	page, err := h.load(c)
	if err != nil {
		return err
	}
	if err := h.store.LiftSuspension(c.UserContext(), currentUser(c).ID, page.Case.Account.ID); err != nil && !errors.Is(err, store.ErrNotSuspended) {
		return err // lifting twice (two tabs) is done already
	}
	return redirect(c, "/moderation/accounts/"+strconv.FormatInt(page.Case.Account.ID, 10))
}
