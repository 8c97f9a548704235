package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
)

// TaskDecision is a moderator's decision on a task.
type TaskDecision struct {
	Outcome moderation.Outcome
	// Reject carries the reasons and the note (empty for Approve).
	Reject moderation.Rejection
	// AnswerWithin is how long a producer has to answer requested changes
	// before the listing is hidden; zero is moderation.ChangesAnswerDays.
	AnswerWithin time.Duration
}

// DecideTask records a decision in ONE UPDATE … WHERE decided_at IS NULL, so
// of two moderators deciding at once exactly one wins; the other gets a
// *moderation.Refusal naming who decided. In the same transaction the
// profile becomes validated (public, searchable) or rejected, or the
// listing is published, sent back for changes or rejected; the claim is
// released and the talent or producer is notified. The moderator must not own the
// task, nor decide one another moderator holds.
func (s *Store) DecideTask(ctx context.Context, who domain.Account, taskID int64, d TaskDecision, now time.Time) error {
	return s.decideTask(ctx, who, taskID, d, now, true)
}

// decideTask is DecideTask; tell false writes no notification (builders).
func (s *Store) decideTask(ctx context.Context, who domain.Account, taskID int64, d TaskDecision, now time.Time, tell bool) error {
	reasons := make([]string, 0, len(d.Reject.Reasons))
	for _, r := range d.Reject.Reasons {
		reasons = append(reasons, string(r))
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var subject moderation.Subject
		var owner, subjectID int64
		err := tx.QueryRow(ctx, `UPDATE moderation_tasks t SET decided_by = $2, decided_at = $3, outcome = $4,
				reasons = $5, note = $6, claimed_by = NULL, claimed_until = NULL
			WHERE t.id = $1 AND`+mayTakeSQL+`RETURNING t.subject, t.owner_id, t.subject_id`,
			taskID, who.ID, now, d.Outcome, reasons, d.Reject.Note).Scan(&subject, &owner, &subjectID)
		if err == pgx.ErrNoRows {
			return s.refusal(ctx, tx, who, taskID, now)
		}
		if err != nil {
			return err
		}
		if subject == moderation.SubjectListing {
			return s.decideListing(ctx, tx, taskID, subjectID, owner, d, now, tell)
		}
		if d.Outcome == moderation.RequestChanges {
			return fmt.Errorf("a profile is approved or rejected: %w", ErrTransition)
		}
		return s.decideProfile(ctx, tx, taskID, owner, d, now)
	})
	if err != nil {
		return fmt.Errorf("store: decide task %d: %w", taskID, err)
	}
	return nil
}

// decideProfile moves the profile on and tells the talent.
func (s *Store) decideProfile(ctx context.Context, tx pgx.Tx, taskID, owner int64, d TaskDecision, now time.Time) error {
	n := domain.Notification{AccountID: owner, Kind: "validation", DedupeKey: fmt.Sprintf("validation-decided:%d", taskID), Link: "/profile"}
	if d.Outcome == moderation.Approve {
		if _, err := tx.Exec(ctx, `UPDATE profiles SET status = 'validated', validated_at = $2, changes_seen_at = $2
			WHERE account_id = $1`, owner, now); err != nil {
			return err
		}
		n.Title = "Your profile is validated"
		n.Body = "A moderator approved your profile: it is public and producers can find you in search."
		n.Link = fmt.Sprintf("/talent/%d", owner)
	} else {
		if _, err := tx.Exec(ctx, `UPDATE profiles SET status = 'rejected' WHERE account_id = $1`, owner); err != nil {
			return err
		}
		var labels []string
		for _, r := range (moderation.Task{Reasons: d.Reject.Reasons}).ReasonList() {
			labels = append(labels, r.Label)
		}
		n.Title = "Changes requested on your profile"
		n.Body = "A moderator asks you to change: " + strings.Join(labels, "; ") + ". Edit your profile and submit it again."
	}
	return s.notify(ctx, tx, n)
}

// DecidePhoto records a moderator's decision on one photo of the task's
// talent, beside its automatic check: accepted counts as passed, rejected
// takes the photo out of the book's five and the public pages. Only a
// moderator who may take the task (MayTake) decides, and only on the task
// owner's photos; any other photo is ErrNotFound.
func (s *Store) DecidePhoto(ctx context.Context, who domain.Account, taskID, photoID int64, d moderation.PhotoDecision, now time.Time) (domain.Photo, error) {
	var p domain.Photo
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM moderation_tasks t WHERE t.id = $1 AND`+mayTakeSQL+`)`,
			taskID, who.ID, now).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return s.refusal(ctx, tx, who, taskID, now)
		}
		var err error
		p, err = scanPhoto(tx.QueryRow(ctx, `UPDATE photos p SET review = $3, review_reason = $4, reviewed_by = $5, reviewed_at = $6
			FROM moderation_tasks t WHERE t.id = $1 AND p.id = $2 AND p.account_id = t.owner_id AND p.status IN ('passed', 'failed')
			RETURNING `+prefixed("p.", photoColumns), taskID, photoID, d.Verdict, d.Reason, who.ID, now))
		if err != nil {
			return notFound(err, "photo", photoID)
		}
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("store: decide photo %d: %w", photoID, err)
	}
	return p, nil
}

// prefixed qualifies each column of a comma-separated list with prefix.
func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
