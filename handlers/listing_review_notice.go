package handlers

import (
	"context"
	"strings"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
)

// ListingReviewReader is the producer's side of listing review: their own
// listing's reviews, scoped to them in the query.
type ListingReviewReader interface {
	ListingReviews(ctx context.Context, producerID, listingID int64) ([]moderation.Task, error)
}

// ReviewNotice is what the editor says about listing review: since when
// the listing waits, and the moderator's last request for changes or
// rejection with its reasons and note.
type ReviewNotice struct {
	// Since is when the listing was sent to review ("" unless in review).
	Since string
	// Last is the latest decision that sent the listing back or refused it.
	Last *HistoryRow
}

// withReview adds the review notice to the editor and, while changes are
// requested, each reason's sentence beside its field, after any message
// of the editor's own. The decider's name stays with the moderators.
func withReview(ctx context.Context, st ListingReviewReader, page *ListingEditPage, me domain.Account) error {
	l := page.Listing
	if l.Status == production.Draft {
		return nil
	}
	reviews, err := st.ListingReviews(ctx, me.ID, l.ID)
	if err != nil {
		return err
	}
	for _, t := range reviews {
		if t.DecidedAt == nil {
			if l.Status == production.InReview {
				page.Review.Since = when(t.OpenedAt, me.TimeZone)
			}
			continue
		}
		if t.Outcome != moderation.Approve {
			t.DeciderName = ""
			page.Review.Last = &HistoryRow{Task: t, When: when(*t.DecidedAt, me.TimeZone), Reasons: t.ReasonList()}
		}
		break
	}
	if last := page.Review.Last; last != nil && l.Status.AwaitsChanges() {
		if page.Errors == nil {
			page.Errors = domain.FieldErrors{}
		}
		for field, rs := range moderation.FieldReasons(last.Task) {
			if field == "" {
				continue
			}
			var says []string
			for _, r := range rs {
				says = append(says, r.Change)
			}
			page.Errors.Add(field, "Moderator: "+strings.Join(says, " "))
		}
	}
	return nil
}
