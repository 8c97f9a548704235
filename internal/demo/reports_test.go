package demo

import (
	"context"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
)

func TestSeedReportsFilesOneOpenReportOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := testdb.NewStore(t)
	ines := testapp.Producer(t, st)
	testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	testapp.Talent(t, st, domain.RolePerformer, testapp.Email(PerformerEmail))
	mod := testapp.Moderator(t, st)
	for range 2 {
		if err := seedReports(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	open, err := st.OpenReports(ctx, mod.ID, 10)
	if err != nil || len(open) != 1 || open[0].OwnerID != ines.ID {
		t.Fatalf("open reports %+v, %v: want one on Ines's listing", open, err)
	}
}
