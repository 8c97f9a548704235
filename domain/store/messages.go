package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// ErrBadMessage means a message is empty or too long
// (production.ParseMessage says which); handlers check first and show why.
var ErrBadMessage = errors.New("store: a message must be 1 to 5,000 characters")

// TooManyMessages refuses a message over the sender's rate
// (production.MaxMessagesPerWindow); Wait is how long until the sender
// may write again.
type TooManyMessages struct{ Wait time.Duration }

func (e *TooManyMessages) Error() string {
	return fmt.Sprintf("store: too many messages: wait %v", e.Wait.Round(time.Second))
}

// ErrRecipientSuspended means the other side of the thread is suspended:
// nothing reaches a suspended account, so nothing is written either.
var ErrRecipientSuspended = errors.New("store: the recipient's account is suspended")

// ThreadPage is how many messages a thread page shows; older ones are a
// page further back.
const ThreadPage = 50

// MaxThreads is how many threads the inbox lists.
const MaxThreads = 200

// StartThread writes the producer's message to a talent about one of the
// producer's listings, opening their thread or, when it exists, adding to
// it. Only the listing's producer may (the query is scoped to producer_id),
// and only to a talent who holds a participation in that listing, of any
// origin and state: someone who applied, or whom the producer invited.
// That keeps messages about a casting between the people in it: a producer
// cannot cold-message arbitrary talent found elsewhere. Anything else is
// ErrNotFound, so nobody learns whether the listing or the talent exists.
func (s *Store) StartThread(ctx context.Context, producerID, listingID, talentID int64, body string) (production.Message, error) {
	var m production.Message
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var threadID int64
		err := tx.QueryRow(ctx, `
			INSERT INTO threads (listing_id, producer_id, talent_id)
			SELECT l.id, l.producer_id, $3 FROM listings l
			WHERE l.id = $2 AND l.producer_id = $1
			  AND EXISTS (SELECT 1 FROM participations p WHERE p.listing_id = l.id AND p.talent_id = $3)
			ON CONFLICT (listing_id, talent_id) DO UPDATE SET last_message_at = threads.last_message_at
			RETURNING id`, producerID, listingID, talentID).Scan(&threadID)
		if err != nil {
			return notFound(err, "start thread on listing", listingID)
		}
		m, err = s.addMessage(ctx, tx, producerID, threadID, body)
		return err
	})
	return m, err
}

// ThreadTo is what the producer's first-message form shows: the talent's
// name and the listing's title, and the thread's id when they already
// talk (0 otherwise). It is scoped as StartThread is: the listing's own
// producer, a talent who takes part in it; anything else is ErrNotFound,
// so the form never names a stranger.
func (s *Store) ThreadTo(ctx context.Context, producerID, listingID, talentID int64) (production.Thread, error) {
	var t production.Thread
	err := s.pool.QueryRow(ctx, `
		SELECT coalesce(t.id, 0), l.id, l.title, l.producer_id, a.id, a.name, coalesce(t.last_message_at, now()), a.suspended_at IS NOT NULL
		FROM listings l
		JOIN accounts a ON a.id = $3
		LEFT JOIN threads t ON t.listing_id = l.id AND t.talent_id = a.id
		WHERE l.id = $2 AND l.producer_id = $1
		  AND EXISTS (SELECT 1 FROM participations p WHERE p.listing_id = l.id AND p.talent_id = $3)`,
		producerID, listingID, talentID).Scan(&t.ID, &t.ListingID, &t.ListingTitle, &t.ProducerID, &t.TalentID, &t.With, &t.LastMessageAt, &t.WithSuspended)
	if err != nil {
		return t, notFound(err, "thread to talent on listing", listingID)
	}
	return t, nil
}

// Reply adds the sender's message to a thread they are a side of (its
// producer or its talent, checked in the query); anyone else gets
// ErrNotFound.
func (s *Store) Reply(ctx context.Context, senderID, threadID int64, body string) (production.Message, error) {
	var m production.Message
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		m, err = s.addMessage(ctx, tx, senderID, threadID, body)
		return err
	})
	return m, err
}

// addMessage writes a message in tx and tells the other side: one more
// unread on their side of the thread and a notification, in the same
// transaction. Updating the thread first takes its row lock, so messages
// and MarkRead on one thread follow each other and the unread count never
// misses one.
func (s *Store) addMessage(ctx context.Context, tx pgx.Tx, senderID, threadID int64, body string) (production.Message, error) {
	body, problem := production.ParseMessage(body)
	if problem != "" {
		return production.Message{}, fmt.Errorf("store: message in thread %d: %s: %w", threadID, problem, ErrBadMessage)
	}
	if err := requireConfirmed(ctx, tx, senderID); err != nil {
		return production.Message{}, fmt.Errorf("store: message in thread %d: %w", threadID, err)
	}
	if err := underMessageRate(ctx, tx, senderID); err != nil {
		return production.Message{}, fmt.Errorf("store: message in thread %d: %w", threadID, err)
	}
	var recipientID int64
	var senderName, listingTitle string
	var suspended bool
	err := tx.QueryRow(ctx, `
		UPDATE threads t SET last_message_at = now()
		WHERE t.id = $2 AND $1 IN (t.producer_id, t.talent_id)
		RETURNING CASE WHEN t.producer_id = $1 THEN t.talent_id ELSE t.producer_id END,
			(SELECT name FROM accounts WHERE id = $1),
			(SELECT title FROM listings WHERE id = t.listing_id),
			(SELECT suspended_at IS NOT NULL FROM accounts WHERE id = CASE WHEN t.producer_id = $1 THEN t.talent_id ELSE t.producer_id END)`,
		senderID, threadID).Scan(&recipientID, &senderName, &listingTitle, &suspended)
	if err != nil {
		return production.Message{}, notFound(err, "message in thread", threadID)
	}
	if suspended {
		return production.Message{}, fmt.Errorf("store: message in thread %d: %w", threadID, ErrRecipientSuspended)
	}
	m := production.Message{ThreadID: threadID, SenderID: senderID, Body: body}
	if err := tx.QueryRow(ctx, `INSERT INTO messages (thread_id, sender_id, body) VALUES ($1, $2, $3) RETURNING id, created_at`,
		threadID, senderID, body).Scan(&m.ID, &m.CreatedAt); err != nil {
		return production.Message{}, fmt.Errorf("store: message in thread %d: %w", threadID, err)
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO thread_reads (thread_id, account_id, unread) VALUES ($1, $2, 1)
		ON CONFLICT (thread_id, account_id) DO UPDATE SET unread = thread_reads.unread + 1`, threadID, recipientID); err != nil {
		return production.Message{}, fmt.Errorf("store: unread in thread %d: %w", threadID, err)
	}
	about := listingTitle
	if about == "" {
		about = "your casting"
	}
	err = s.notify(ctx, tx, domain.Notification{
		AccountID: recipientID, Kind: "message", DedupeKey: "message:" + strconv.FormatInt(m.ID, 10),
		Title: "New message from " + senderName + " about " + about, Body: production.Preview(body),
		Link: production.Thread{ID: threadID}.Link(),
	})
	return m, err
}

// threadColumns read a thread for the reader $1.
const threadColumns = `t.id, t.listing_id, l.title, t.producer_id, t.talent_id, other.name, t.last_message_at,
	coalesce(r.unread, 0), other.suspended_at IS NOT NULL`

// threadJoins are the tables threadColumns read.
const threadJoins = `
	JOIN listings l ON l.id = t.listing_id
	JOIN accounts other ON other.id = CASE WHEN t.producer_id = $1 THEN t.talent_id ELSE t.producer_id END
	LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.account_id = $1`

func threadDest(t *production.Thread) []any {
	return []any{&t.ID, &t.ListingID, &t.ListingTitle, &t.ProducerID, &t.TalentID, &t.With, &t.LastMessageAt, &t.Unread, &t.WithSuspended}
}

// Threads lists the account's threads, newest activity first, at most
// limit (MaxThreads when limit is outside 1..MaxThreads): the other side's name, the
// listing's title, the first line of the last message and how many
// messages the account has not read. An account is a producer or a talent,
// never both, so each side is read from its own index and merged; the
// rows picked are joined to their names and last message, never the
// whole table (1.5 ms for 200 of a producer's 5,000 threads).
func (s *Store) Threads(ctx context.Context, accountID int64, limit int) ([]production.Thread, error) {
	b := s.Batch()
	list := b.Threads(accountID, limit)
	return *list, b.Send(ctx)
}

// Threads queues Store.Threads.
func (b *Batch) Threads(accountID int64, limit int) *[]production.Thread {
	if limit <= 0 || limit > MaxThreads {
		limit = MaxThreads
	}
	out := new([]production.Thread)
	queueRows(b.b, fmt.Sprintf("store: threads of %d", accountID), out, func(r pgx.CollectableRow) (production.Thread, error) {
		var t production.Thread
		err := r.Scan(append(threadDest(&t), &t.Preview, &t.LastSenderID)...)
		t.Preview = production.Preview(t.Preview)
		return t, err
	}, `
		WITH t AS (
			(SELECT * FROM threads WHERE producer_id = $1 ORDER BY last_message_at DESC LIMIT $2)
			UNION ALL
			(SELECT * FROM threads WHERE talent_id = $1 ORDER BY last_message_at DESC LIMIT $2)
		)
		SELECT `+threadColumns+`, coalesce(last.body, ''), coalesce(last.sender_id, 0)
		FROM t`+threadJoins+`
		LEFT JOIN LATERAL (
			SELECT left(split_part(`+messageBodySQL+`, E'\n', 1), $3) AS body, sender_id FROM messages
			WHERE thread_id = t.id ORDER BY id DESC LIMIT 1
		) last ON true
		ORDER BY t.last_message_at DESC, t.id DESC LIMIT $2`, accountID, limit, production.MaxPreview+1)
	return out
}

// ThreadView is a thread with one page of its messages, oldest first.
type ThreadView struct {
	production.Thread
	Messages []production.Message
	// Older is the id to page back from when there are earlier messages,
	// 0 when the page starts at the first one.
	Older int64
}

// messageBodySQL is a message's body as the thread shows it: a message a
// moderator removed after a report (slice reports) keeps its row for the
// report's history, and its sides read a placeholder.
const messageBodySQL = `CASE WHEN removed_at IS NULL THEN body ELSE 'This message was removed by a moderator.' END`

// Thread is one of the account's threads with a page of messages: the
// newest ThreadPage, or, with before set, the ThreadPage before that
// message id. A thread the account is not a side of is ErrNotFound.
func (s *Store) Thread(ctx context.Context, accountID, threadID, before int64) (ThreadView, error) {
	var v ThreadView
	err := s.pool.QueryRow(ctx, `SELECT `+threadColumns+` FROM threads t`+threadJoins+`
		WHERE t.id = $2 AND $1 IN (t.producer_id, t.talent_id)`, accountID, threadID).Scan(threadDest(&v.Thread)...)
	if err != nil {
		return v, notFound(err, "thread", threadID)
	}
	rows, err := s.pool.Query(ctx, `
		SELECT id, thread_id, sender_id, `+messageBodySQL+`, created_at, removed_at IS NOT NULL FROM messages
		WHERE thread_id = $1 AND ($2 = 0 OR id < $2)
		ORDER BY id DESC LIMIT $3`, threadID, before, ThreadPage+1)
	if err != nil {
		return v, fmt.Errorf("store: messages of thread %d: %w", threadID, err)
	}
	v.Messages, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.Message, error) {
		var m production.Message
		err := r.Scan(&m.ID, &m.ThreadID, &m.SenderID, &m.Body, &m.CreatedAt, &m.Removed)
		return m, err
	})
	if err != nil {
		return v, fmt.Errorf("store: messages of thread %d: %w", threadID, err)
	}
	if len(v.Messages) > ThreadPage {
		v.Messages = v.Messages[:ThreadPage]
		v.Older = v.Messages[ThreadPage-1].ID
	}
	slices.Reverse(v.Messages)
	return v, nil
}

// MarkRead marks every message of the thread read for the account, and the
// notifications about them. A thread the account is not a side of is
// ErrNotFound. It shares the thread's row lock with new messages (FOR
// SHARE waits for a message being written), so a message arriving at the
// same moment is either counted read here or unread after.
func (s *Store) MarkRead(ctx context.Context, accountID, threadID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var one int
		err := tx.QueryRow(ctx, `SELECT 1 FROM threads WHERE id = $2 AND $1 IN (producer_id, talent_id) FOR SHARE`,
			accountID, threadID).Scan(&one)
		if err != nil {
			return notFound(err, "mark thread read", threadID)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO thread_reads (thread_id, account_id, last_read_id, unread)
			VALUES ($2, $1, (SELECT coalesce(max(id), 0) FROM messages WHERE thread_id = $2), 0)
			ON CONFLICT (thread_id, account_id) DO UPDATE
			SET last_read_id = greatest(thread_reads.last_read_id, EXCLUDED.last_read_id), unread = 0`,
			accountID, threadID); err != nil {
			return fmt.Errorf("store: mark thread %d read: %w", threadID, err)
		}
		if _, err := tx.Exec(ctx, `
			UPDATE notifications SET read_at = now()
			WHERE account_id = $1 AND read_at IS NULL AND kind = 'message' AND link = $2`,
			accountID, production.Thread{ID: threadID}.Link()); err != nil {
			return fmt.Errorf("store: mark thread %d read: %w", threadID, err)
		}
		return nil
	})
}

// UnreadMessages is how many messages the account has not read, over all
// its threads: a sum over the few thread_reads rows still unread.
func (s *Store) UnreadMessages(ctx context.Context, accountID int64) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(unread), 0) FROM thread_reads WHERE account_id = $1 AND unread > 0`,
		accountID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unread messages of %d: %w", accountID, err)
	}
	return n, nil
}

// NavCounts are the navigation's two badges in one query, for every full
// page: unread messages and unread notifications, each from a partial
// index of the unread rows only (migration 0005).
func (s *Store) NavCounts(ctx context.Context, accountID int64) (messages, notifications int, err error) {
	b := s.Batch()
	n := b.NavCounts(accountID)
	err = b.Send(ctx)
	return n.Messages, n.Notifications, err
}

// NavCount is what the navigation's badges show.
type NavCount struct{ Messages, Notifications int }

// navCountsSQL is the two badge counts (messages, notifications) of the
// account that the SQL expression account names, one column each: the one
// definition that NavCounts and the session's read (Session) share.
func navCountsSQL(account string) []string {
	return []string{
		`(SELECT coalesce(sum(unread), 0) FROM thread_reads WHERE account_id = ` + account + ` AND unread > 0)`,
		`(SELECT count(*) FROM notifications WHERE account_id = ` + account + ` AND read_at IS NULL)`,
	}
}

// NavCounts queues Store.NavCounts.
func (b *Batch) NavCounts(accountID int64) *NavCount {
	out := &NavCount{}
	b.b.Queue("SELECT "+strings.Join(navCountsSQL("$1"), ", "), accountID).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&out.Messages, &out.Notifications); err != nil {
			return fmt.Errorf("store: nav counts of %d: %w", accountID, err)
		}
		return nil
	})
	return out
}

// underMessageRate refuses a message when the sender has sent
// production.MaxMessagesPerWindow in the last production.MessageWindow
// (an index on sender and time reads only those rows).
func underMessageRate(ctx context.Context, tx pgx.Tx, senderID int64) error {
	var sent int
	var wait time.Duration
	err := tx.QueryRow(ctx, `SELECT count(*), coalesce(min(created_at) + $2::interval - now(), '0') FROM (
			SELECT created_at FROM messages WHERE sender_id = $1 AND created_at > now() - $2::interval
			ORDER BY created_at DESC LIMIT $3) recent`,
		senderID, production.MessageWindow.String(), production.MaxMessagesPerWindow).Scan(&sent, &wait)
	if err != nil {
		return err
	}
	if sent >= production.MaxMessagesPerWindow {
		return &TooManyMessages{Wait: wait}
	}
	return nil
}
