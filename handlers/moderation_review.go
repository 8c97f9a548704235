package handlers

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// ReviewPage is one validation task: everything of the profile a
// moderator judges, the claim, the decision form and earlier decisions.
type ReviewPage struct {
	Page
	Task    QueueRow
	Opened  string
	Talent  domain.Account
	P       profile.PublicProfile
	Meter   profile.Meter
	Photos  []ReviewPhoto
	Reels   []domain.Reel
	History []HistoryRow
	// Changed names the sections the talent edited since submitting.
	Changed []string
	Claim   ClaimView
	// Refusal says why a decision was not recorded (someone else decided).
	Refusal string
	Errors  domain.FieldErrors
	// Ticked and Note keep the decision form's input after a refusal.
	Ticked  []string
	Note    string
	Reasons []moderation.Reason
	// CanDecide says the moderator may decide now (moderation.MayTake).
	CanDecide bool
}

// ClaimView is the claim banner: who holds the task and until when; the
// moderator's own claim is renewed by polling while the page is open.
type ClaimView struct {
	TaskID int64
	// Base is the task's review page; the claim and release forms post under it.
	Base    string
	Noun    string
	Mine    bool
	Holder  string
	Until   string
	Decided bool
	// Problem is why the moderator cannot take the task (their own).
	Problem string
}

// ClaimPage is the claim banner alone, as the renewal poll swaps it.
type ClaimPage struct {
	Page
	Claim ClaimView
}

// ReviewPhoto is one photo under review: the check results beside the
// moderator's decision form. Its fields are its own, not promoted from an
// embedded domain.Photo: html/template finds a promoted field by a
// reflect walk that allocates maps, and the card prints some twenty of
// them per photo.
type ReviewPhoto struct {
	ID                      int64
	Position, Width, Height int
	CheckSeq                int
	Caption, Problem        string
	IsHeadshot              bool
	Status                  domain.PhotoStatus
	Review                  domain.PhotoReview
	ReviewReason            string
	// Pending says the check is still running; HasImage that the display
	// variant exists.
	Pending, HasImage bool
	TaskID            int64
	// New says the photo came after the submission.
	New     bool
	Error   string
	Reasons []moderation.Reason
	CanAct  bool
	// Checks are every automatic check with its measured value.
	Checks []photocheck.CheckResult
}

// ReviewPhotoPage is one photo's card alone (htmx swaps it after a decision).
type ReviewPhotoPage struct {
	Page
	Ph ReviewPhoto
}

// HistoryRow is an earlier decision on the profile.
type HistoryRow struct {
	moderation.Task
	When    string
	Reasons []moderation.Reason
}

// review renders a task's review page.
func (h *moderationHandler) review(c *fiber.Ctx) error {
	page, err := h.reviewPage(c)
	if err != nil {
		return err
	}
	return renderPage(c, "moderation/review", page)
}

// reviewPage reads everything the review shows; others' and unknown tasks
// are 404.
func (h *moderationHandler) reviewPage(c *fiber.Ctx) (*ReviewPage, error) {
	me := currentUser(c)
	id, err := idParam(c, "task")
	if err != nil {
		return nil, err
	}
	ctx := c.UserContext()
	task, snapshot, acct, err := h.store.TaskOwner(ctx, me.ID, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && task.Subject != moderation.SubjectProfile) {
		return nil, fiber.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	// The talent and the earlier decisions, in one round trip.
	rd := h.reads.Batch()
	t := &talent{Account: acct}
	rec := rd.Talent(acct.ID, &t.Profile, store.WithReports)
	history := rd.History(me.ID, moderation.SubjectProfile, task.SubjectID)
	if err := rd.Send(ctx); err != nil {
		return nil, err
	}
	now := h.now()
	t.fill(*rec, now)
	rows := queueRows([]moderation.Task{task}, *me, now)
	p := &ReviewPage{
		Page: Page{Title: "Review: " + t.Profile.DisplayName}, Task: rows[0], Opened: when(task.OpenedAt, me.TimeZone),
		Talent: acct, P: t.Profile.Public(), Meter: t.Meter, Reels: t.Reels,
		Changed: changedSections(snapshot, t.Profile, talentKind(acct.Role)),
		Claim:   claimView(task, *me, now), Reasons: moderation.Reasons,
	}
	p.CanDecide = moderation.MayTake(task, *me, now) == nil
	for _, ph := range t.Photos {
		p.Photos = append(p.Photos, reviewPhoto(ph, task, p.CanDecide))
	}
	for _, d := range *history {
		p.History = append(p.History, HistoryRow{Task: d, When: when(*d.DecidedAt, me.TimeZone), Reasons: d.ReasonList()})
	}
	return p, nil
}

// reviewPhoto is one photo as the review shows it; its report is decoded
// once, for the table of every check.
func reviewPhoto(ph domain.Photo, task moderation.Task, canAct bool) ReviewPhoto {
	v := ReviewPhoto{ID: ph.ID, Position: ph.Position, Width: ph.Width, Height: ph.Height, CheckSeq: ph.CheckSeq,
		Caption: ph.Caption, Problem: ph.Problem, IsHeadshot: ph.IsHeadshot, Status: ph.Status, Review: ph.Review,
		ReviewReason: ph.ReviewReason, Pending: ph.Status == domain.PhotoPending,
		HasImage: hasImage(ph.Status),
		TaskID:   task.ID, New: ph.CreatedAt.After(task.OpenedAt), Reasons: moderation.PhotoReasons(), CanAct: canAct}
	var r photocheck.Report
	if len(ph.Report) > 0 && json.Unmarshal(ph.Report, &r) == nil {
		v.Checks = r.Checks
	}
	return v
}

// changedSections compares the profile as submitted with the profile now,
// section by section, and names the sections that differ.
func changedSections(snapshot []byte, now profile.Profile, kind profile.Kind) []string {
	if len(snapshot) == 0 {
		return nil
	}
	var then profile.Profile
	if err := json.Unmarshal(snapshot, &then); err != nil {
		return nil
	}
	if then.DisplayName == "" {
		then.DisplayName = now.DisplayName // filled from the account name on read, as for now
	}
	var out []string
	for _, s := range profile.SectionsFor(kind) {
		if !maps.EqualFunc(profile.Values(s.Name, then), profile.Values(s.Name, now), slices.Equal[[]string]) {
			out = append(out, s.Title)
		}
	}
	return out
}

// claimView is the banner for the task as the moderator me sees it at now.
func claimView(t moderation.Task, me domain.Account, now time.Time) ClaimView {
	v := ClaimView{TaskID: t.ID, Base: taskURL(t.Subject, t.ID), Noun: "profile", Decided: t.DecidedAt != nil}
	if t.Subject == moderation.SubjectListing {
		v.Noun = "listing"
	}
	switch err := moderation.MayTake(t, me, now); {
	case errors.Is(err, moderation.ErrOwnTask):
		v.Problem = (&moderation.Refusal{Err: err, Subject: t.Subject}).Error()
	case t.State(now) == moderation.Claimed:
		v.Mine = *t.ClaimedBy == me.ID
		v.Holder, v.Until = t.ClaimerName, when(*t.ClaimedUntil, me.TimeZone)
	}
	return v
}

// claim takes the task for 15 minutes, or renews the moderator's own
// claim (the review page polls this while open). A plain form lands on
// the review page; the poll gets the banner, which stops polling once the
// claim is lost.
func (h *moderationHandler) claim(c *fiber.Ctx) error {
	me := currentUser(c)
	id, err := idParam(c, "task")
	if err != nil {
		return err
	}
	now := h.now()
	task, err := h.store.Claim(c.UserContext(), *me, id, now)
	var refusal *moderation.Refusal
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case errors.As(err, &refusal):
		task, _, err = h.store.Task(c.UserContext(), me.ID, id)
		if err != nil {
			return err
		}
	case err != nil:
		return err
	}
	return answerPost(c, taskURL(task.Subject, id), func() error {
		return renderPage(c, "moderation/claim", &ClaimPage{Claim: claimView(task, *me, now)})
	})
}

// release gives the task back to the queue.
func (h *moderationHandler) release(c *fiber.Ctx) error {
	id, err := idParam(c, "task")
	if err != nil {
		return err
	}
	if err := h.store.Release(c.UserContext(), currentUser(c).ID, id); err != nil {
		return err
	}
	return redirect(c, queueURL(c.Path()))
}

// reviewURL is a task's review page.
func reviewURL(id int64) string { return "/moderation/profiles/" + strconv.FormatInt(id, 10) }
