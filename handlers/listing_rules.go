package handlers

import (
	"fmt"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
)

// rules runs the posting rules on the producer's listing l of project p.
func (h *listingEditHandler) rules(l production.Listing, p production.Project) []production.RuleProblem {
	return production.CheckRules(production.Posting{Listing: l, ProjectType: p.Type}, h.rates)
}

// noticeLimitMessage says why a non-casting notice cannot be submitted
// this month, beside the category field.
func noticeLimitMessage(limit int) string {
	return fmt.Sprintf("You have submitted %d non-casting notices (workshops, classes, events, competitions, training) this month, "+
		"the most allowed. Submit this one next month, or choose “Casting call or job” if it is one.", limit)
}

// CategoryLabel names a non-casting notice's category on its card
// ("Workshop"), "" for a casting call or job listing.
func (c ListingCard) CategoryLabel() string {
	if !production.NonCasting(c.Category) {
		return ""
	}
	return profile.Label(production.Categories, c.Category)
}
