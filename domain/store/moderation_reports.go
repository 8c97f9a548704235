package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// asModerator returns ErrNotFound unless id is an active moderator: every
// moderation read and write checks the caller in the database itself, so a
// route that lost its guard still shows nobody anything.
func asModerator(ctx context.Context, q querier, id int64) error {
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM accounts WHERE id = $1 AND role = 'moderator' AND suspended_at IS NULL)`, id).Scan(&ok)
	if err != nil {
		return fmt.Errorf("store: moderator %d: %w", id, err)
	}
	if !ok {
		return fmt.Errorf("store: moderator %d: %w", id, ErrNotFound)
	}
	return nil
}

// OpenReportCount is how many reports wait for a moderator: the nav badge
// and the dashboard card, from the partial index of open reports.
func (s *Store) OpenReportCount(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM reports WHERE resolved_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: open reports: %w", err)
	}
	return n, nil
}

// OpenReports is the moderators' queue: open reports, oldest first.
func (s *Store) OpenReports(ctx context.Context, moderatorID int64, limit int) ([]domain.Report, error) {
	if err := asModerator(ctx, s.pool, moderatorID); err != nil {
		return nil, err
	}
	list, err := collectReports(s.pool.Query(ctx, `SELECT `+reportColumns+` FROM `+reportFrom+`
		WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id LIMIT $1`, limit))
	if err != nil {
		return nil, fmt.Errorf("store: open reports: %w", err)
	}
	return list, nil
}

// ReportedObject is what a moderator reads of the reported thing.
type ReportedObject struct {
	Title string
	// Facts are short lines: kind, status, place, project.
	Facts []string
	// Text is the listing's description, the profile's headline and bio,
	// or the message's body.
	Text string
	// Link opens the object where staff can see it ("" for messages).
	Link string
	// Gone says the object is hidden or removed already.
	Gone bool
	// Thread is a message's context: the messages around it.
	Thread []ThreadLine
}

// ThreadLine is one message of a reported message's thread.
type ThreadLine struct {
	ID        int64
	From      string
	Body      string
	CreatedAt time.Time
	Removed   bool
	// Reported marks the message the report is about.
	Reported bool
}

// ReportCase is one report with what a moderator needs to decide it.
type ReportCase struct {
	Report domain.Report
	Object ReportedObject
	// History are the other reports on the same object, newest first.
	History []domain.Report
	// Owner is the account behind the object; SuspensionReason is set
	// while it is suspended.
	Owner            domain.Account
	SuspensionReason string
	Suspensions      []domain.Suspension
}

// ReportCase reads one report, its object, the object's other reports and
// its owner's suspensions; for moderators only.
func (s *Store) ReportCase(ctx context.Context, moderatorID, reportID int64) (ReportCase, error) {
	var c ReportCase
	if err := asModerator(ctx, s.pool, moderatorID); err != nil {
		return c, err
	}
	var err error
	if c.Report, err = s.report(ctx, s.pool, reportID); err != nil {
		return c, err
	}
	r := c.Report
	if c.Object, err = s.reportedObject(ctx, r.Kind, r.ObjectID); err != nil {
		return c, err
	}
	if c.History, err = collectReports(s.pool.Query(ctx, `SELECT `+reportColumns+` FROM `+reportFrom+`
		WHERE r.object_kind = $1 AND r.object_id = $2 AND r.id <> $3 ORDER BY r.created_at DESC, r.id DESC LIMIT 50`,
		r.Kind, r.ObjectID, r.ID)); err != nil {
		return c, fmt.Errorf("store: report %d history: %w", reportID, err)
	}
	if c.Owner, c.SuspensionReason, err = s.accountWithReason(ctx, r.OwnerID); err != nil {
		return c, err
	}
	if c.Suspensions, err = s.suspensions(ctx, r.OwnerID); err != nil {
		return c, err
	}
	return c, nil
}

// reportedObject reads the object a report is about, as staff see it.
func (s *Store) reportedObject(ctx context.Context, kind domain.ReportKind, id int64) (ReportedObject, error) {
	var o ReportedObject
	switch kind {
	case domain.ReportListing:
		var lkind, status, city, country, project string
		err := s.pool.QueryRow(ctx, `SELECT coalesce(nullif(l.title, ''), 'Untitled listing'), l.description, l.kind, l.status, l.city, l.country, p.title
			FROM listings l JOIN projects p ON p.id = l.project_id WHERE l.id = $1`, id).
			Scan(&o.Title, &o.Text, &lkind, &status, &city, &country, &project)
		if err != nil {
			return o, notFound(err, "reported listing", id)
		}
		o.Facts = []string{production.Kind(lkind).Label(), production.Status(status).Label(), "Project: " + project}
		if place := strings.TrimSpace(city + " " + country); place != "" {
			o.Facts = append(o.Facts, place)
		}
		o.Gone = status == "hidden"
	case domain.ReportProfile:
		var headline, bio, status, role, place string
		err := s.pool.QueryRow(ctx, `SELECT coalesce(nullif(pr.data->>'display_name', ''), a.name),
				coalesce(pr.data->>'headline', ''), coalesce(pr.data->>'bio', ''), coalesce(pr.status, 'draft'),
				a.role, concat_ws(' ', pr.data->>'city', pr.data->>'country')
			FROM accounts a LEFT JOIN profiles pr ON pr.account_id = a.id WHERE a.id = $1`, id).
			Scan(&o.Title, &headline, &bio, &status, &role, &place)
		if err != nil {
			return o, notFound(err, "reported profile", id)
		}
		o.Text = strings.TrimSpace(headline + "\n\n" + bio)
		o.Link = fmt.Sprintf("/talent/%d", id)
		o.Gone = status != string(domain.ProfileValidated)
		o.Facts = []string{domain.Role(role).Label(), domain.ProfileStatus(status).Label()}
		if strings.TrimSpace(place) != "" {
			o.Facts = append(o.Facts, place)
		}
	case domain.ReportMessage:
		return s.reportedMessage(ctx, id)
	default:
		return o, fmt.Errorf("store: reported %s %d: %w", kind, id, ErrNotFound)
	}
	return o, nil
}

// reportedMessage reads a message with up to five messages either side
// of it in its thread.
func (s *Store) reportedMessage(ctx context.Context, id int64) (ReportedObject, error) {
	var o ReportedObject
	var threadID int64
	var listing, producer, talent string
	err := s.pool.QueryRow(ctx, `SELECT m.thread_id, l.title, pa.name, ta.name FROM messages m
		JOIN threads t ON t.id = m.thread_id JOIN listings l ON l.id = t.listing_id
		JOIN accounts pa ON pa.id = t.producer_id JOIN accounts ta ON ta.id = t.talent_id
		WHERE m.id = $1`, id).Scan(&threadID, &listing, &producer, &talent)
	if err != nil {
		return o, notFound(err, "reported message", id)
	}
	o.Title = "Message about “" + listing + "”"
	o.Facts = []string{"between " + producer + " (producer) and " + talent}
	rows, err := s.pool.Query(ctx, `
		(SELECT m.id, a.name, m.body, m.created_at, m.removed_at IS NOT NULL FROM messages m JOIN accounts a ON a.id = m.sender_id
		 WHERE m.thread_id = $1 AND m.id <= $2 ORDER BY m.id DESC LIMIT 6)
		UNION ALL
		(SELECT m.id, a.name, m.body, m.created_at, m.removed_at IS NOT NULL FROM messages m JOIN accounts a ON a.id = m.sender_id
		 WHERE m.thread_id = $1 AND m.id > $2 ORDER BY m.id LIMIT 5)
		ORDER BY 1`, threadID, id)
	if err != nil {
		return o, fmt.Errorf("store: reported message %d thread: %w", id, err)
	}
	o.Thread, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (ThreadLine, error) {
		var l ThreadLine
		err := r.Scan(&l.ID, &l.From, &l.Body, &l.CreatedAt, &l.Removed)
		l.Reported = l.ID == id
		return l, err
	})
	if err != nil {
		return o, fmt.Errorf("store: reported message %d thread: %w", id, err)
	}
	for _, l := range o.Thread {
		if l.Reported {
			o.Text, o.Gone = l.Body, l.Removed
		}
	}
	return o, nil
}

// ResolveReport closes a report, and every other open report on the same
// object, with the outcome, in one transaction: content_removed hides the
// listing, takes the profile off the public pages or removes the message;
// account_suspended suspends the owner (suspendReason, or the note); each
// reporter is told the outcome. Another moderator's earlier decision is
// ErrReportResolved, naming who decided.
func (s *Store) ResolveReport(ctx context.Context, moderatorID, reportID int64, outcome domain.ReportOutcome, note, suspendReason string) error {
	if !outcome.Valid() {
		return fmt.Errorf("store: resolve report %d: unknown outcome %q", reportID, outcome)
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := asModerator(ctx, tx, moderatorID); err != nil {
			return err
		}
		r, err := s.report(ctx, tx, reportID)
		if err != nil {
			return err
		}
		// Lock every report on the object in id order, so two moderators
		// resolving two of them wait for each other instead of deadlocking.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM reports WHERE object_kind = $1 AND object_id = $2 ORDER BY id FOR UPDATE`,
			r.Kind, r.ObjectID); err != nil {
			return fmt.Errorf("store: lock reports on %s %d: %w", r.Kind, r.ObjectID, err)
		}
		var by string
		err = tx.QueryRow(ctx, `SELECT coalesce(a.name, 'another moderator') FROM reports r LEFT JOIN accounts a ON a.id = r.resolved_by
			WHERE r.id = $1 AND r.resolved_at IS NOT NULL`, reportID).Scan(&by)
		if err == nil {
			return fmt.Errorf("%w by %s", ErrReportResolved, by)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("store: resolve report %d: %w", reportID, err)
		}
		switch outcome {
		case domain.OutcomeContentRemoved:
			if err := s.removeReported(ctx, tx, r); err != nil {
				return err
			}
		case domain.OutcomeAccountSuspended:
			reason := suspendReason
			if reason == "" {
				reason = note
			}
			if err := s.suspendTx(ctx, tx, moderatorID, r.OwnerID, reason, &r.ID); err != nil {
				return err
			}
		}
		rows, err := tx.Query(ctx, `UPDATE reports SET outcome = $3, note = $4, resolved_by = $5, resolved_at = now()
			WHERE object_kind = $1 AND object_id = $2 AND resolved_at IS NULL RETURNING id, reporter_id`,
			r.Kind, r.ObjectID, outcome, note, moderatorID)
		if err != nil {
			return fmt.Errorf("store: resolve report %d: %w", reportID, err)
		}
		type closed struct{ id, reporter int64 }
		all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (closed, error) {
			var c closed
			return c, row.Scan(&c.id, &c.reporter)
		})
		if err != nil {
			return fmt.Errorf("store: resolve report %d: %w", reportID, err)
		}
		for _, c := range all {
			if err := s.notify(ctx, tx, domain.Notification{
				AccountID: c.reporter,
				Kind:      "report_resolved",
				DedupeKey: fmt.Sprintf("report-resolved:%d", c.id),
				Title:     "Your report was reviewed",
				Body:      fmt.Sprintf("A moderator reviewed your report on a %s: %s.", r.Kind.Noun(), outcome.Label()),
				Link:      "/reports",
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// removeReported hides or removes a reported object, and tells its owner.
// Nothing is deleted: a moderator can still read it in the report.
func (s *Store) removeReported(ctx context.Context, tx pgx.Tx, r domain.Report) error {
	var sql, title, body, link string
	switch r.Kind {
	case domain.ReportListing:
		sql = `UPDATE listings SET status = 'hidden', updated_at = now() WHERE id = $1 AND status IN ('published', 'closed')`
		title, body = "A listing of yours was hidden", "A moderator hid your listing after a report: it broke the posting rules."
		link = fmt.Sprintf("/listings/%d/edit", r.ObjectID)
	case domain.ReportProfile:
		sql = `UPDATE profiles SET status = 'draft', updated_at = now() WHERE account_id = $1 AND status = 'validated'`
		title, body = "Your profile was taken off the public pages", "A moderator took your profile offline after a report. Fix it and submit it for validation again."
		link = "/profile"
	case domain.ReportMessage:
		sql = `UPDATE messages SET removed_at = now() WHERE id = $1 AND removed_at IS NULL`
		title, body = "A message of yours was removed", "A moderator removed one of your messages after a report."
	}
	if _, err := tx.Exec(ctx, sql, r.ObjectID); err != nil {
		return fmt.Errorf("store: remove reported %s %d: %w", r.Kind, r.ObjectID, err)
	}
	return s.notify(ctx, tx, domain.Notification{
		AccountID: r.OwnerID, Kind: "content_removed", DedupeKey: fmt.Sprintf("content-removed:%s:%d", r.Kind, r.ObjectID),
		Title: title, Body: body, Link: link,
	})
}
