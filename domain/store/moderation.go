package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/jobs"
)

// taskColumns read a task with the names of its owner, claimer and
// decider; FROM taskFrom.
const taskColumns = `t.id, t.subject, t.subject_id, t.owner_id, o.name, t.opened_at, t.due_at,
	t.claimed_by, coalesce(c.name, ''), t.claimed_until, t.decided_by, coalesce(d.name, ''), t.decided_at,
	coalesce(t.outcome, ''), t.reasons, t.note, t.overdue_at,
	coalesce((SELECT l.title FROM listings l WHERE t.subject = 'listing' AND l.id = t.subject_id), '')`

const taskFrom = ` FROM moderation_tasks t JOIN accounts o ON o.id = t.owner_id
	LEFT JOIN accounts c ON c.id = t.claimed_by LEFT JOIN accounts d ON d.id = t.decided_by`

// isModerator is the scope every moderator query carries: the caller ($n)
// must be a moderator, checked in the query itself.
func isModerator(param int) string {
	return ` EXISTS (SELECT 1 FROM accounts m WHERE m.id = $` + strconv.Itoa(param) + ` AND m.role = 'moderator') `
}

// scanTask scans taskColumns, then any extra columns into extra.
func scanTask(row pgx.Row, extra ...any) (moderation.Task, error) {
	var t moderation.Task
	var reasons []string
	err := row.Scan(append(taskDest(&t, &reasons), extra...)...)
	t.Reasons = reasonCodes(reasons)
	return t, err
}

// taskDest is where taskColumns scan to; the reasons come as text and
// become codes with reasonCodes.
func taskDest(t *moderation.Task, reasons *[]string) []any {
	return []any{&t.ID, &t.Subject, &t.SubjectID, &t.OwnerID, &t.OwnerName, &t.OpenedAt, &t.DueAt,
		&t.ClaimedBy, &t.ClaimerName, &t.ClaimedUntil, &t.DecidedBy, &t.DeciderName, &t.DecidedAt,
		&t.Outcome, reasons, &t.Note, &t.OverdueAt, &t.Title}
}

func reasonCodes(reasons []string) []moderation.ReasonCode {
	var out []moderation.ReasonCode
	for _, r := range reasons {
		out = append(out, moderation.ReasonCode(r))
	}
	return out
}

func collectTasks(rows pgx.Rows, err error) ([]moderation.Task, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (moderation.Task, error) { return scanTask(r) })
}

// openProfileTask opens the validation task of a profile just submitted,
// due moderation.AnswerWithin later, with its reminder and escalation jobs,
// in the submit's transaction: a task never exists without its deadlines.
// The profile as submitted is kept, so the review can show later edits.
func (s *Store) openProfileTask(ctx context.Context, tx pgx.Tx, accountID int64) error {
	var id int64
	var due time.Time
	err := tx.QueryRow(ctx, `
		INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at, snapshot)
		SELECT 'profile', $1, $1, now() + $2::interval, data FROM profiles WHERE account_id = $1
		ON CONFLICT (subject, subject_id) WHERE decided_at IS NULL DO NOTHING
		RETURNING id, due_at`, accountID, moderation.AnswerWithin.String()).Scan(&id, &due)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // a task is open already, with its deadlines: keep it
	}
	if err != nil {
		return fmt.Errorf("open task: %w", err)
	}
	return s.scheduleDeadlines(ctx, tx, id, due)
}

// scheduleDeadlines inserts a task's reminder (moderation.RemindBefore its
// due time) and escalation (at it), in the transaction that opens the
// task, for profiles and listings alike. Both are unique per task and
// no-ops once it is decided.
func (s *Store) scheduleDeadlines(ctx context.Context, tx pgx.Tx, id int64, due time.Time) error {
	if _, err := s.jobs.InsertTx(ctx, tx, jobs.ValidationReminderArgs{TaskID: id}, &river.InsertOpts{ScheduledAt: due.Add(-moderation.RemindBefore)}); err != nil {
		return fmt.Errorf("open task %d: reminder: %w", id, err)
	}
	if _, err := s.jobs.InsertTx(ctx, tx, jobs.ValidationOverdueArgs{TaskID: id}, &river.InsertOpts{ScheduledAt: due}); err != nil {
		return fmt.Errorf("open task %d: escalation: %w", id, err)
	}
	return nil
}

// Queue lists the open tasks of one subject (profiles now, listings with
// listing review), the first due first, for a moderator.
func (s *Store) Queue(ctx context.Context, moderatorID int64, subject moderation.Subject) ([]moderation.Task, error) {
	q, err := one(ctx, s, func(b *Batch) *map[moderation.Subject][]moderation.Task {
		m := b.Queues(moderatorID, subject) // filled in place by Send
		return &m
	})
	return q[subject], err
}

// Queues queues Store.Queue for several subjects in one statement (the
// moderator's dashboard shows both queues): each subject's open tasks,
// first due first, under its name.
func (b *Batch) Queues(moderatorID int64, subjects ...moderation.Subject) map[moderation.Subject][]moderation.Task {
	out := make(map[moderation.Subject][]moderation.Task, len(subjects))
	names := make([]string, len(subjects))
	for i, sub := range subjects {
		names[i] = string(sub)
	}
	b.b.Queue(`SELECT `+taskColumns+taskFrom+`
		WHERE t.decided_at IS NULL AND t.subject = ANY($2) AND`+isModerator(1)+`ORDER BY t.due_at, t.id`, moderatorID, names).
		Query(func(rows pgx.Rows) error {
			list, err := collectTasks(rows, nil)
			if err != nil {
				return fmt.Errorf("store: queue: %w", err)
			}
			for _, t := range list {
				out[t.Subject] = append(out[t.Subject], t)
			}
			return nil
		})
	return out
}

// OpenTaskCount counts the open moderation tasks, profiles and listings,
// for the moderators' navigation.
func (s *Store) OpenTaskCount(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM moderation_tasks WHERE decided_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: open tasks: %w", err)
	}
	return n, nil
}

// Task reads one task for a moderator, with the profile as submitted
// (nil for other subjects); anyone else gets ErrNotFound.
func (s *Store) Task(ctx context.Context, moderatorID, taskID int64) (moderation.Task, []byte, error) {
	t, snapshot, _, err := s.TaskOwner(ctx, moderatorID, taskID)
	return t, snapshot, err
}

// TaskOwner is Task with the account of the task's owner, read in the
// same statement (the profile review shows whom it is about).
func (s *Store) TaskOwner(ctx context.Context, moderatorID, taskID int64) (moderation.Task, []byte, domain.Account, error) {
	var snapshot []byte
	var owner domain.Account
	t, err := scanTask(s.pool.QueryRow(ctx, `SELECT `+taskColumns+`, t.snapshot, `+prefixed("o.", accountColumns)+taskFrom+
		` WHERE t.id = $1 AND`+isModerator(2), taskID, moderatorID), append([]any{&snapshot}, accountDest(&owner)...)...)
	if err != nil {
		return t, nil, owner, notFound(err, "task", taskID)
	}
	return t, snapshot, owner, nil
}

// History lists the decisions on a subject, newest first, for a moderator.
func (s *Store) History(ctx context.Context, moderatorID int64, subject moderation.Subject, subjectID int64) ([]moderation.Task, error) {
	return one(ctx, s, func(b *Batch) *[]moderation.Task { return b.History(moderatorID, subject, subjectID) })
}

// History queues Store.History.
func (b *Batch) History(moderatorID int64, subject moderation.Subject, subjectID int64) *[]moderation.Task {
	out := new([]moderation.Task)
	b.b.Queue(`SELECT `+taskColumns+taskFrom+`
		WHERE t.subject = $1 AND t.subject_id = $2 AND t.decided_at IS NOT NULL AND`+isModerator(3)+`
		ORDER BY t.decided_at DESC, t.id DESC`, subject, subjectID, moderatorID).Query(func(rows pgx.Rows) error {
		list, err := collectTasks(rows, nil)
		if err != nil {
			return fmt.Errorf("store: history %s %d: %w", subject, subjectID, err)
		}
		*out = list
		return nil
	})
	return out
}

// LatestValidation is the talent's own latest validation task (open, or
// decided with its reasons); nil when the profile was never submitted.
// The talent pages read it with Talent, in the same round trip.
func (s *Store) LatestValidation(ctx context.Context, accountID int64) (*moderation.Task, error) {
	var doc struct{}
	r, err := s.Talent(ctx, accountID, &doc, WithoutReports)
	if err != nil {
		return nil, fmt.Errorf("store: latest validation %d: %w", accountID, err)
	}
	return r.Validation, nil
}

// refusal explains why a claim or decision by who changed no row: the
// task's current state decides (moderation.MayTake), with the names of who
// decided or holds it.
func (s *Store) refusal(ctx context.Context, q pgx.Tx, who domain.Account, taskID int64, now time.Time) error {
	t, err := scanTask(q.QueryRow(ctx, `SELECT `+taskColumns+taskFrom+` WHERE t.id = $1`, taskID))
	if err != nil {
		return notFound(err, "task", taskID)
	}
	why := moderation.MayTake(t, who, now)
	switch why {
	case nil:
		return fmt.Errorf("store: task %d: changed under us", taskID)
	case moderation.ErrNotModerator:
		return fmt.Errorf("store: task %d: %w", taskID, ErrNotFound)
	case moderation.ErrDecided:
		return &moderation.Refusal{Err: why, Subject: t.Subject, Name: t.DeciderName, At: *t.DecidedAt}
	case moderation.ErrClaimed:
		return &moderation.Refusal{Err: why, Subject: t.Subject, Name: t.ClaimerName, At: *t.ClaimedUntil}
	}
	return &moderation.Refusal{Err: why, Subject: t.Subject}
}

// mayTakeSQL is moderation.MayTake in SQL for a task t, the caller $2 and
// the clock $3: a moderator, not the owner, undecided, not held by another.
const mayTakeSQL = ` t.decided_at IS NULL AND t.owner_id <> $2
	AND (t.claimed_until IS NULL OR t.claimed_until <= $3 OR t.claimed_by = $2) AND` + ` EXISTS (SELECT 1 FROM accounts m WHERE m.id = $2 AND m.role = 'moderator') `

// Claim keeps a task for the moderator for moderation.ClaimFor from now
// (and renews their own claim), in one UPDATE, so two moderators opening
// the same task at once get it once. A refusal is a *moderation.Refusal
// saying who holds or decided it; an unknown task is ErrNotFound.
func (s *Store) Claim(ctx context.Context, who domain.Account, taskID int64, now time.Time) (moderation.Task, error) {
	var t moderation.Task
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE moderation_tasks t SET claimed_by = $2, claimed_until = $4
			WHERE t.id = $1 AND`+mayTakeSQL, taskID, who.ID, now, now.Add(moderation.ClaimFor))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return s.refusal(ctx, tx, who, taskID, now)
		}
		t, err = scanTask(tx.QueryRow(ctx, `SELECT `+taskColumns+taskFrom+` WHERE t.id = $1`, taskID))
		return err
	})
	if err != nil {
		return t, fmt.Errorf("store: claim task %d: %w", taskID, err)
	}
	return t, nil
}

// Release gives up the moderator's own claim; anything else is a no-op.
func (s *Store) Release(ctx context.Context, moderatorID, taskID int64) error {
	_, err := s.pool.Exec(ctx, `UPDATE moderation_tasks SET claimed_by = NULL, claimed_until = NULL
		WHERE id = $1 AND claimed_by = $2 AND decided_at IS NULL`, taskID, moderatorID)
	if err != nil {
		return fmt.Errorf("store: release task %d: %w", taskID, err)
	}
	return nil
}
