package handlers

import (
	"fmt"

	"github.com/slatecasting/slate/domain/production"
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
