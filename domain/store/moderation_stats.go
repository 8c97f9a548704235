package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ModerationStats are the staff dashboard's profile validation figures,
// worked out in SQL over the tasks (never counters kept in memory), for
// the 7 days to now.
type ModerationStats struct {
	Open, OverdueNow int
	// Decided counts the decisions of the last 7 days; the figures below
	// are over them.
	Decided        int
	Median, P95    time.Duration
	ShareWithinDay float64 // 0–1
	PerModerator   []ModeratorCount
}

// ModeratorCount is one moderator's decisions over the last 7 days.
type ModeratorCount struct {
	Name string
	N    int
}

// statsWindow is the period the time figures cover.
const statsWindow = 7 * 24 * time.Hour

// Stats reads the moderation figures at now, for a moderator.
func (s *Store) Stats(ctx context.Context, moderatorID int64, now time.Time) (ModerationStats, error) {
	st, err := one(ctx, s, func(b *Batch) *ModerationStats { return b.Stats(moderatorID, now) })
	if err != nil {
		return ModerationStats{}, notFound(err, "moderation stats for", moderatorID)
	}
	return st, nil
}

// Stats queues Store.Stats.
func (b *Batch) Stats(moderatorID int64, now time.Time) *ModerationStats {
	st := &ModerationStats{}
	since := now.Add(-statsWindow)
	b.b.Queue(`
		WITH d AS (SELECT extract(epoch FROM decided_at - opened_at)::float8 AS secs FROM moderation_tasks
			WHERE subject = 'profile' AND decided_at > $2 AND decided_at <= $1)
		SELECT (SELECT count(*) FROM moderation_tasks WHERE subject = 'profile' AND decided_at IS NULL),
			(SELECT count(*) FROM moderation_tasks WHERE subject = 'profile' AND decided_at IS NULL AND due_at <= $1),
			(SELECT count(*) FROM d),
			coalesce((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM d), 0),
			coalesce((SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY secs) FROM d), 0),
			coalesce((SELECT avg((secs <= 86400)::int)::float8 FROM d), 0)
		WHERE`+isModerator(3), now, since, moderatorID).QueryRow(func(row pgx.Row) error {
		var median, p95 float64
		if err := row.Scan(&st.Open, &st.OverdueNow, &st.Decided, &median, &p95, &st.ShareWithinDay); err != nil {
			return fmt.Errorf("store: moderation stats: %w", err)
		}
		st.Median = time.Duration(median * float64(time.Second)).Round(time.Minute)
		st.P95 = time.Duration(p95 * float64(time.Second)).Round(time.Minute)
		return nil
	})
	b.b.Queue(`SELECT a.name, count(*) FROM moderation_tasks t JOIN accounts a ON a.id = t.decided_by
		WHERE t.subject = 'profile' AND t.decided_at > $2 AND t.decided_at <= $1 AND`+isModerator(3)+`
		GROUP BY a.id, a.name ORDER BY count(*) DESC, a.name`, now, since, moderatorID).Query(func(rows pgx.Rows) error {
		var err error
		st.PerModerator, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (ModeratorCount, error) {
			var c ModeratorCount
			err := r.Scan(&c.Name, &c.N)
			return c, err
		})
		return err
	})
	return st
}

// ProfileChange is a validated profile edited since a moderator last
// looked: its text, or photos that went live after passing their check.
type ProfileChange struct {
	TalentID    int64
	Name        string
	Since       time.Time
	TextChanged bool
	EditedAt    time.Time
	NewPhotos   []int64
}

// changedSince is when a validated profile's changes start counting.
const changedSince = `greatest(pr.validated_at, coalesce(pr.changes_seen_at, pr.validated_at))`

// Changes lists the "changes since validation" of validated profiles, the
// latest first, for a moderator.
func (s *Store) Changes(ctx context.Context, moderatorID int64) ([]ProfileChange, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT * FROM (
			SELECT pr.account_id, a.name, `+changedSince+` AS since, pr.updated_at > `+changedSince+` AS text_changed, pr.updated_at,
				array(SELECT p.id FROM photos p WHERE p.account_id = pr.account_id AND p.status = 'passed'
					AND p.review = '' AND p.checked_at > `+changedSince+` ORDER BY p.position, p.id) AS photos
			FROM profiles pr JOIN accounts a ON a.id = pr.account_id
			WHERE pr.status = 'validated' AND`+isModerator(1)+`) c
		WHERE c.text_changed OR cardinality(c.photos) > 0
		ORDER BY c.updated_at DESC`, moderatorID)
	if err != nil {
		return nil, fmt.Errorf("store: changes: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ProfileChange, error) {
		var c ProfileChange
		err := r.Scan(&c.TalentID, &c.Name, &c.Since, &c.TextChanged, &c.EditedAt, &c.NewPhotos)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: changes: %w", err)
	}
	return list, nil
}

// MarkChangesSeen takes a talent off the changes list until they change
// something again; only a moderator may.
func (s *Store) MarkChangesSeen(ctx context.Context, moderatorID, talentID int64, now time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE profiles SET changes_seen_at = $3
		WHERE account_id = $2 AND status = 'validated' AND`+isModerator(1), moderatorID, talentID, now)
	if err != nil {
		return fmt.Errorf("store: mark changes seen %d: %w", talentID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: mark changes seen %d: %w", talentID, ErrNotFound)
	}
	return nil
}
