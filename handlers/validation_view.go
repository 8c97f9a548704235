package handlers

import (
	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/profile"
)

// ValidationView is what the talent's own pages say about validation:
// while a task is open, since when and the answer's deadline; after a
// rejection (until the talent resubmits), each reason with what to change.
type ValidationView struct {
	// Since and AnswerBy are set while a task is open.
	Since, AnswerBy string
	// Reasons and Note are the latest rejection's, while it stands.
	Reasons []moderation.Reason
	Note    string
}

// validationView words the latest task for the talent, in their zone.
func validationView(t *moderation.Task, status domain.ProfileStatus, zone string) ValidationView {
	var v ValidationView
	switch {
	case t == nil:
	case t.DecidedAt == nil && status == domain.ProfileSubmitted:
		v.Since, v.AnswerBy = when(t.OpenedAt, zone), when(t.DueAt, zone)
	case t.Outcome == moderation.Reject && (status == domain.ProfileRejected || status == domain.ProfileDraft):
		v.Reasons, v.Note = t.ReasonList(), t.Note
	}
	return v
}

// For are the reasons about one profile section (profile.SectionMedia for
// the photos page).
func (v ValidationView) For(section string) []moderation.Reason {
	var out []moderation.Reason
	for _, r := range v.Reasons {
		if r.Section == section {
			out = append(out, r)
		}
	}
	return out
}

// General are the reasons about the profile as a whole.
func (v ValidationView) General() []moderation.Reason { return v.For("") }

// Media are the reasons about the photos.
func (v ValidationView) Media() []moderation.Reason { return v.For(profile.SectionMedia) }
