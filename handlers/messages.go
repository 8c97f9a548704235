package handlers

import (
	"context"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// MessageStore is what the messages area reads and writes. Every method is
// scoped to the account it is given: a thread the account is not a side of
// is store.ErrNotFound.
type MessageStore interface {
	Threads(ctx context.Context, accountID int64, limit int) ([]production.Thread, error)
	Thread(ctx context.Context, accountID, threadID, before int64) (store.ThreadView, error)
	MarkRead(ctx context.Context, accountID, threadID int64) error
	Reply(ctx context.Context, senderID, threadID int64, body string) (production.Message, error)
	ThreadTo(ctx context.Context, producerID, listingID, talentID int64) (production.Thread, error)
	StartThread(ctx context.Context, producerID, listingID, talentID int64, body string) (production.Message, error)
}

// messageHandler serves the inbox, the threads and the producer's first
// message to a talent (messages_new.go).
type messageHandler struct {
	store MessageStore
}

// requireMessaging lets the two sides of a thread in: producers and talent.
var requireMessaging = requireRole(domain.RolePerformer, domain.RoleCrew, domain.RoleProducer)

func (h *messageHandler) routes(app fiber.Router) {
	app.Get("/messages", requireMessaging, h.inbox)
	app.Get("/messages/new", requireRole(domain.RoleProducer), h.newForm)
	app.Post("/messages/new", requireRole(domain.RoleProducer), needsConfirmed(domain.ActionMessage), h.start)
	app.Get("/messages/:id", requireMessaging, h.thread)
	app.Post("/messages/:id", requireMessaging, needsConfirmed(domain.ActionMessage), h.reply)
}

// InboxPage lists the account's threads, newest activity first.
type InboxPage struct {
	Page
	Threads []production.Thread
}

// MessageView is one message as the reader sees it.
type MessageView struct {
	production.Message
	// Mine says the reader wrote it; From is "You" then, else the other
	// side's name.
	Mine bool
	From string
}

// ReplyForm is the form under a thread, with what was typed and why it was
// refused.
type ReplyForm struct {
	ThreadID int64
	Body     string
	Error    string
}

// ThreadPage is a thread: a page of messages, oldest first, and the reply
// form.
type ThreadPage struct {
	Page
	Thread   production.Thread
	Messages []MessageView
	// Older pages back from this message id; 0 at the first message.
	Older int64
	// Paged says the page shows older messages, not the newest.
	Paged bool
	Reply ReplyForm
}

// ReplyPage is what an htmx reply gets: a fresh form and, once sent, the
// message to append to the thread.
type ReplyPage struct {
	Page
	Reply ReplyForm
	Sent  *MessageView
}

func (h *messageHandler) inbox(c *fiber.Ctx) error {
	threads, err := h.store.Threads(c.UserContext(), currentUser(c).ID, 0)
	if err != nil {
		return err
	}
	return renderPage(c, "messages/inbox", &InboxPage{Page: Page{Title: "Messages"}, Threads: threads})
}

// thread shows a thread and marks it read: the nav badge, filled after
// this, no longer counts it.
func (h *messageHandler) thread(c *fiber.Ctx) error {
	page, err := h.threadPage(c)
	if err != nil {
		return err
	}
	if page.Thread.Unread > 0 {
		if err := h.store.MarkRead(c.UserContext(), currentUser(c).ID, page.Thread.ID); err != nil {
			return err
		}
		staleNav(c) // the session's badges counted this thread
	}
	return renderPage(c, "messages/thread", page)
}

// threadPage loads the thread of the :id parameter for the current
// account, at ?before= when paging back; anyone else's is a 404.
func (h *messageHandler) threadPage(c *fiber.Ctx) (*ThreadPage, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return nil, fiber.ErrNotFound
	}
	before, _ := strconv.ParseInt(c.Query("before"), 10, 64)
	u := currentUser(c)
	v, err := h.store.Thread(c.UserContext(), u.ID, id, max(before, 0))
	if errors.Is(err, store.ErrNotFound) {
		return nil, fiber.ErrNotFound
	} else if err != nil {
		return nil, err
	}
	page := &ThreadPage{Page: Page{Title: v.With + " · Messages"}, Thread: v.Thread, Older: v.Older, Paged: before > 0,
		Reply: ReplyForm{ThreadID: v.ID}}
	for _, m := range v.Messages {
		page.Messages = append(page.Messages, messageView(m, u.ID, v.With))
	}
	return page, nil
}

func messageView(m production.Message, readerID int64, with string) MessageView {
	if m.SenderID == readerID {
		return MessageView{Message: m, Mine: true, From: "You"}
	}
	return MessageView{Message: m, From: with}
}

// reply adds a message. With htmx the form is swapped for a fresh one and
// the message appended to the thread; a plain form goes back to the
// thread. A refused message comes back beside the field with the text kept.
func (h *messageHandler) reply(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	body, problem := production.ParseMessage(f.Get("body"))
	if msg := f.Bad["body"]; msg != "" {
		problem = msg
	}
	if problem != "" {
		return h.refuseReply(c, f.Get("body"), problem)
	}
	u := currentUser(c)
	m, err := h.store.Reply(c.UserContext(), u.ID, id, body)
	if problem, ok := overMessageRate(c, err); ok {
		return h.refuseReply(c, f.Get("body"), problem)
	}
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if errors.Is(err, store.ErrRecipientSuspended) {
		return h.refuseReply(c, f.Get("body"), suspendedRecipient)
	} else if err != nil {
		return err
	}
	link := production.Thread{ID: id}.Link()
	return answerPost(c, link+"#m"+strconv.FormatInt(m.ID, 10), func() error {
		sent := messageView(m, u.ID, "")
		return renderPage(c, "messages/reply", &ReplyPage{Reply: ReplyForm{ThreadID: id}, Sent: &sent})
	})
}

// overMessageRate reads a refusal for the sender's message rate: the
// sentence to show beside the field, with the answer's status set to 429
// and Retry-After (the caller then re-renders the form, text kept).
func overMessageRate(c *fiber.Ctx, err error) (string, bool) {
	var over *store.TooManyMessages
	if !errors.As(err, &over) {
		return "", false
	}
	c.Status(fiber.StatusTooManyRequests).Set(fiber.HeaderRetryAfter, strconv.Itoa(max(1, int(over.Wait.Seconds()))))
	return production.MessageRateProblem(over.Wait), true
}

// refuseReply answers a refused reply with 422 and the typed text kept:
// the form alone for htmx, else the whole thread around it. Loading the
// thread first keeps a stranger's refused post a 404, as a sent one is.
func (h *messageHandler) refuseReply(c *fiber.Ctx, typed, problem string) error {
	page, err := h.threadPage(c)
	if err != nil {
		return err
	}
	page.Reply.Body, page.Reply.Error = typed, problem
	refused(c)
	if isFragment(c) {
		return renderPage(c, "messages/reply", &ReplyPage{Reply: page.Reply})
	}
	return renderPage(c, "messages/thread", page)
}

// suspendedRecipient is why a message to a suspended account is refused.
const suspendedRecipient = "This account is suspended: messages cannot reach it, so yours was not sent."
