package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/store"
)

// decide records approve or reject. A rejection without reasons comes
// back with the message beside the list and the input kept; a task
// another moderator decided first comes back naming them (409).
func (h *moderationHandler) decide(c *fiber.Ctx) error {
	me := currentUser(c)
	id, err := idParam(c, "task")
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	d := store.TaskDecision{Outcome: moderation.Outcome(f.Values.Get("outcome"))}
	var errs = f.Bad
	switch d.Outcome {
	case moderation.Approve:
	case moderation.Reject:
		var bad map[string]string
		d.Reject, bad = moderation.ParseRejection(f.Values["reasons"], f.Values.Get("note"))
		errs = errs.With(bad)
	default:
		errs.Add("outcome", "Approve or reject the profile.")
	}
	if len(errs) == 0 {
		err = h.store.DecideTask(c.UserContext(), *me, id, d, h.now())
		if err == nil {
			return redirect(c, "/moderation?decided="+string(d.Outcome))
		}
	}
	refusal, err := decisionRefusal(err)
	if err != nil {
		return err
	}
	page, err := h.reviewPage(c)
	if err != nil {
		return err
	}
	page.Errors, page.Ticked, page.Note = errs, f.Values["reasons"], f.Values.Get("note")
	page.Refusal = refuseDecision(c, refusal)
	return renderPage(c, "moderation/review", page)
}

// decidePhoto records a moderator's decision on one photo beside its
// check: accept one the check failed, or reject one it passed, with a
// reason.
func (h *moderationHandler) decidePhoto(c *fiber.Ctx) error {
	me := currentUser(c)
	taskID, err := idParam(c, "task")
	if err != nil {
		return err
	}
	photoID, err := idParam(c, "photo")
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	d, errs := moderation.ParsePhotoDecision(f.Values.Get("verdict"), f.Values.Get("reason"), f.Values.Get("text"))
	errs = errs.With(f.Bad)
	var ph ReviewPhoto
	if len(errs) == 0 {
		p, err := h.store.DecidePhoto(c.UserContext(), *me, taskID, photoID, d, h.now())
		var refusal *moderation.Refusal
		switch {
		case errors.Is(err, store.ErrNotFound):
			return fiber.ErrNotFound
		case errors.As(err, &refusal):
			return fiber.NewError(fiber.StatusConflict, refusal.Error())
		case err != nil:
			return err
		}
		task, _, err := h.store.Task(c.UserContext(), me.ID, taskID)
		if err != nil {
			return err
		}
		ph = reviewPhoto(p, task, true)
		return answerPost(c, reviewURL(taskID)+"#review-photo-"+itoa(photoID), func() error {
			return renderPage(c, "moderation/photo", &ReviewPhotoPage{Ph: ph})
		})
	}
	page, err := h.reviewPage(c)
	if err != nil {
		return err
	}
	refused(c)
	for i := range page.Photos {
		if page.Photos[i].ID == photoID {
			page.Photos[i].Error = firstMessage(errs)
			ph = page.Photos[i]
		}
	}
	if ph.ID == 0 {
		return fiber.ErrNotFound
	}
	if isFragment(c) {
		return renderPage(c, "moderation/photo", &ReviewPhotoPage{Ph: ph})
	}
	return renderPage(c, "moderation/review", page)
}

// firstMessage is one message of errs, the reason's first.
func firstMessage(errs map[string]string) string {
	for _, k := range []string{"reason", "verdict"} {
		if m := errs[k]; m != "" {
			return m
		}
	}
	for _, m := range errs {
		return m
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// decisionRefusal sorts what DecideTask answered a decision form: a
// *moderation.Refusal (another moderator decided first, or holds the
// task) is shown on the page again; an unknown task is 404; anything else
// is the server's error.
func decisionRefusal(err error) (*moderation.Refusal, error) {
	var refusal *moderation.Refusal
	switch {
	case err == nil || errors.As(err, &refusal):
		return refusal, nil
	case errors.Is(err, store.ErrNotFound):
		return nil, fiber.ErrNotFound
	}
	return nil, err
}

// refuseDecision sets the status of a decision form shown again and
// returns the refusal's words for the page: 409 when another moderator's
// decision stands, 422 when the form itself needs mending.
func refuseDecision(c *fiber.Ctx, refusal *moderation.Refusal) string {
	if refusal == nil {
		refused(c)
		return ""
	}
	c.Status(fiber.StatusConflict)
	return refusal.Error()
}
