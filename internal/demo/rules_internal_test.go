package demo

import (
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/config"
)

// TestDemoListingsPassThePostingRules: what the demo publishes is what the
// editor would let through, with the default minimum rates.
func TestDemoListingsPassThePostingRules(t *testing.T) {
	t.Parallel()
	now := time.Now()
	types := map[string]string{}
	for _, p := range demoProjects(now) {
		types[p.Title] = p.Type
	}
	types[Workshops] = "other"
	plans := append(demoListings(now), demoNotice(now))
	for _, plan := range plans {
		if plan.draft {
			continue
		}
		got := production.CheckRules(production.Posting{Listing: plan.listing, ProjectType: types[plan.project]}, config.DefaultMinimumRates())
		if len(got) > 0 {
			t.Errorf("%q breaks the posting rules: %+v", plan.listing.Title, got)
		}
		if m := production.Missing(plan.listing, now); len(m) > 0 {
			t.Errorf("%q is incomplete: %v", plan.listing.Title, m)
		}
	}
	if n := demoNotice(now).listing; !production.NonCasting(n.Category) || !n.Fee.Charged() || !production.FeeAllowed(n.Category) {
		t.Errorf("the demo notice is not a workshop with a fee: %+v", n)
	}
}
