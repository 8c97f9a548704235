package handlers

import (
	"encoding/json"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

// PhotoView is a photo as the templates show it: its check report decoded
// and split into what failed and what is only advice. The photo's fields
// are copied, not embedded: html/template finds a promoted field by a
// reflect walk that allocates maps, and a card prints some twenty.
type PhotoView struct {
	ID                 int64
	Position, CheckSeq int
	Caption, Problem   string
	IsHeadshot         bool
	Status             domain.PhotoStatus
	Review             domain.PhotoReview
	ReviewReason       string
	First, Last        bool
	Problems           []photocheck.CheckResult
	Advice             []photocheck.CheckResult
	CaptionError       string
	// Pending says the check is still running (the card polls).
	Pending bool
	// HasImage says the display and thumbnail variants exist.
	HasImage bool
}

// hasImage says a photo of this status has its display and thumbnail
// variants: a check ran to its end, passed or failed.
func hasImage(s domain.PhotoStatus) bool { return s == domain.PhotoPassed || s == domain.PhotoFailed }

// NewPhotoView decodes the photo's report for display; first and last
// disable the move buttons at the ends of the book.
func NewPhotoView(p domain.Photo, first, last bool) PhotoView {
	v := PhotoView{ID: p.ID, Position: p.Position, CheckSeq: p.CheckSeq, Caption: p.Caption, Problem: p.Problem,
		IsHeadshot: p.IsHeadshot, Status: p.Status, Review: p.Review, ReviewReason: p.ReviewReason, First: first, Last: last,
		Pending: p.Status == domain.PhotoPending, HasImage: hasImage(p.Status)}
	if len(p.Report) > 0 {
		var r photocheck.Report
		if err := json.Unmarshal(p.Report, &r); err == nil {
			for _, c := range r.Checks {
				switch c.Status {
				case "fail":
					v.Problems = append(v.Problems, c)
				case "warn":
					v.Advice = append(v.Advice, c)
				}
			}
		}
	}
	return v
}
