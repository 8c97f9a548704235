package testapp_test

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
)

func TestProductionBuilders(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := testdb.NewStore(t)
	ines := testapp.Producer(t, st)
	p := testapp.Project(t, st, ines)
	call := testapp.Listing(t, st, ines, p, production.CastingCall)
	if call.Status != production.Published || len(call.Roles) != 2 {
		t.Errorf("casting call %+v", call)
	}
	job := testapp.Listing(t, st, ines, p, production.JobListing, testapp.Private(), testapp.Draft())
	if job.Status != production.Draft || !job.Private() || len(job.Roles) != 1 {
		t.Errorf("job listing %+v", job)
	}
	for role, kind := range map[domain.Role]profile.Kind{domain.RolePerformer: profile.KindPerformer, domain.RoleCrew: profile.KindCrew} {
		u := testapp.CompleteTalent(t, st, role)
		var doc profile.Profile
		if _, err := st.Profile(ctx, u.ID, &doc); err != nil {
			t.Fatal(err)
		}
		photos, _ := st.Photos(ctx, u.ID)
		meter := profile.Completeness(doc, kind, profile.MediaOf(photos, nil), time.Now())
		if !meter.CanSubmit {
			t.Errorf("CompleteTalent(%s) cannot submit: %+v", role, meter.Missing)
		}
	}
}
