package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// A talent page reads the profile and its latest validation task in one
// statement. Through a talent's life (never saved, saved, submitted,
// refused with reasons, submitted again) the record says what Profile
// and LatestValidation, read one at a time, say.
func TestTalentRecordReadsTheProfileWithItsLatestValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	talent := testapp.Talent(t, st, domain.RolePerformer)
	same := func(stage string) {
		t.Helper()
		var doc, alone map[string]any
		rec, err := st.Talent(ctx, talent.ID, &doc, store.WithoutReports)
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		prof, err := st.Profile(ctx, talent.ID, &alone)
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		if rec.Profile.Status != prof.Status || !rec.Profile.UpdatedAt.Equal(prof.UpdatedAt) || !reflect.DeepEqual(doc, alone) {
			t.Errorf("%s: profile %s %v %v, alone %s %v %v", stage, rec.Profile.Status, rec.Profile.UpdatedAt, doc, prof.Status, prof.UpdatedAt, alone)
		}
		want, err := st.LatestValidation(ctx, talent.ID)
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		if (want == nil) != (rec.Validation == nil) || (want != nil && !reflect.DeepEqual(*want, *rec.Validation)) {
			t.Errorf("%s: validation %+v, alone %+v", stage, rec.Validation, want)
		}
	}
	same("never saved")
	if err := st.SaveProfile(ctx, talent.ID, map[string]string{"headline": "Actor in Lisbon"}); err != nil {
		t.Fatal(err)
	}
	same("saved")

	// Submitting needs a complete profile: from here on, a complete talent.
	talent, task := submitted(t, st)
	same("submitted")
	rej := moderation.Rejection{Reasons: []moderation.ReasonCode{moderation.Blurred, moderation.Borders}, Note: "The third photo."}
	if err := st.DecideTask(ctx, mod.Account, task.ID, store.TaskDecision{Outcome: moderation.Reject, Reject: rej}, time.Now()); err != nil {
		t.Fatal(err)
	}
	rec, err := st.Talent(ctx, talent.ID, new(map[string]any), store.WithoutReports)
	if err != nil || rec.Validation == nil || rec.Validation.Outcome != moderation.Reject || len(rec.Validation.Reasons) != 2 ||
		rec.Validation.Note != "The third photo." || rec.Profile.Status != domain.ProfileRejected {
		t.Fatalf("after the refusal: %+v, %v", rec, err)
	}
	same("refused")
	if err := st.SubmitProfile(ctx, talent.ID); err != nil {
		t.Fatal(err)
	}
	same("submitted again")
}
