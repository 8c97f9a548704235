package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
)

// deadlineTask reads an open task for its deadline jobs (nil when it is
// decided): its subject, owner, listing title and due time, locked when
// the caller changes it.
func deadlineTask(ctx context.Context, tx pgx.Tx, taskID int64, lock string) (*moderation.Task, error) {
	t := moderation.Task{ID: taskID}
	err := tx.QueryRow(ctx, `SELECT t.subject, o.name, coalesce(l.title, ''), t.due_at FROM moderation_tasks t
		JOIN accounts o ON o.id = t.owner_id
		LEFT JOIN listings l ON t.subject = 'listing' AND l.id = t.subject_id
		WHERE t.id = $1 AND t.decided_at IS NULL `+lock, taskID).Scan(&t.Subject, &t.OwnerName, &t.Title, &t.DueAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return &t, err
}

// RemindTask tells every moderator (but the task's owner) that a task, a
// profile's or a listing's, is still open 4 hours before its deadline. A
// decided task is a no-op, and the notifications' dedupe key makes a
// second run harmless.
func (s *Store) RemindTask(ctx context.Context, taskID int64, now time.Time) (sent bool, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		t, err := deadlineTask(ctx, tx, taskID, "")
		if t == nil || err != nil {
			return err
		}
		sent = true
		title, body := t.DeadlineNotice(false)
		return s.notifyModerators(ctx, tx, taskID, domain.Notification{
			Kind: "validation_reminder", DedupeKey: fmt.Sprintf("validation-reminder:%d", taskID),
			Title: title, Body: body, Link: t.ReviewPath(),
		})
	})
	if err != nil {
		return false, fmt.Errorf("store: remind task %d: %w", taskID, err)
	}
	return sent, nil
}

// MarkOverdue escalates a task at its deadline: overdue_at is set once and
// every moderator is told. A decided task is a no-op; a task not due yet
// (a clock running early) returns how long to wait.
func (s *Store) MarkOverdue(ctx context.Context, taskID int64, now time.Time) (wait time.Duration, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		t, err := deadlineTask(ctx, tx, taskID, "FOR UPDATE OF t")
		if t == nil || err != nil {
			return err
		}
		if now.Before(t.DueAt) {
			wait = t.DueAt.Sub(now)
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE moderation_tasks SET overdue_at = coalesce(overdue_at, $2) WHERE id = $1`, taskID, now); err != nil {
			return err
		}
		title, body := t.DeadlineNotice(true)
		return s.notifyModerators(ctx, tx, taskID, domain.Notification{
			Kind: "validation_overdue", DedupeKey: fmt.Sprintf("validation-overdue:%d", taskID),
			Title: title, Body: body, Link: t.ReviewPath(),
		})
	})
	if err != nil {
		return 0, fmt.Errorf("store: mark task %d overdue: %w", taskID, err)
	}
	return wait, nil
}

// notifyModerators writes n for every moderator but the task's owner.
func (s *Store) notifyModerators(ctx context.Context, tx pgx.Tx, taskID int64, n domain.Notification) error {
	rows, err := tx.Query(ctx, `SELECT id FROM accounts WHERE role = 'moderator'
		AND id <> (SELECT owner_id FROM moderation_tasks WHERE id = $1) ORDER BY id`, taskID)
	if err != nil {
		return err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	for _, id := range ids {
		n.AccountID = id
		if err := s.notify(ctx, tx, n); err != nil {
			return err
		}
	}
	return nil
}

// BackdateTask moves an open task's opening and deadline back by age, then
// runs what its deadline jobs would have run by now (the reminder, the
// escalation) when escalate is set, so the state is what 24 real hours
// would have left; a task the caller decides next is only moved, so
// nobody is told a decided profile was due. It is for demo data only:
// nothing in the app moves a deadline.
func (s *Store) BackdateTask(ctx context.Context, taskID int64, age time.Duration, now time.Time, escalate bool) error {
	var due time.Time
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var owner int64
		err := tx.QueryRow(ctx, `UPDATE moderation_tasks SET opened_at = opened_at - $2::interval, due_at = due_at - $2::interval
			WHERE id = $1 AND decided_at IS NULL RETURNING due_at, owner_id`, taskID, age.String()).Scan(&due, &owner)
		if err != nil {
			return err
		}
		// The profile and its photos are as old as the submission, so the
		// review does not call them new since.
		if _, err := tx.Exec(ctx, `UPDATE photos SET created_at = created_at - $2::interval, checked_at = checked_at - $2::interval
			WHERE account_id = $1`, owner, age.String()); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE profiles SET updated_at = updated_at - $2::interval, submitted_at = submitted_at - $2::interval
			WHERE account_id = $1`, owner, age.String())
		return err
	})
	if err != nil {
		return notFound(err, "backdate task", taskID)
	}
	if !escalate { // the caller decides the task next: nobody is to be told
		return nil
	}
	if !now.Before(due.Add(-moderation.RemindBefore)) {
		if _, err := s.RemindTask(ctx, taskID, now); err != nil {
			return err
		}
	}
	if !now.Before(due) {
		if _, err := s.MarkOverdue(ctx, taskID, now); err != nil {
			return err
		}
	}
	return nil
}
