package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

var spam = domain.ReportForm{Reason: "spam", Details: "Same text posted ten times."}

func TestOneOpenReportPerReporterAndObject(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	mod := testapp.Moderator(t, st)

	// Two tabs pressing at once make one report.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = st.CreateReport(ctx, c.maya.ID, domain.ReportListing, c.listing.ID, spam)
		}()
	}
	wg.Wait()
	if n := countRows(t, pool, `SELECT count(*) FROM reports`); n != 1 {
		t.Fatalf("%d reports after two presses, want 1 (errors %v)", n, errs)
	}
	if !errors.Is(errs[0], store.ErrAlreadyReported) && !errors.Is(errs[1], store.ErrAlreadyReported) {
		t.Errorf("neither press was told it was reported already: %v", errs)
	}
	target, err := st.ReportTarget(ctx, c.maya.ID, domain.ReportListing, c.listing.ID)
	if err != nil || target.Open == nil || target.OwnerID != c.ines.ID {
		t.Fatalf("target %+v, %v: want Maya's open report on Ines's listing", target, err)
	}
	// Another reporter's report is their own.
	if _, err := st.CreateReport(ctx, c.tomas.ID, domain.ReportListing, c.listing.ID, domain.ReportForm{Reason: "money"}); err != nil {
		t.Fatal(err)
	}
	if mine, err := st.MyReports(ctx, c.maya.ID, 10); err != nil || len(mine) != 1 || mine[0].ReporterID != c.maya.ID {
		t.Errorf("Maya's reports: %+v, %v", mine, err)
	}
	// Nobody reports what they may not see or made themselves.
	for _, tc := range []struct {
		name     string
		reporter int64
		kind     domain.ReportKind
		id       int64
	}{
		{"own listing", c.ines.ID, domain.ReportListing, c.listing.ID},
		{"unvalidated profile of a stranger", c.oscar.ID, domain.ReportProfile, c.maya.ID},
		{"own profile", c.maya.ID, domain.ReportProfile, c.maya.ID},
		{"a producer", c.maya.ID, domain.ReportProfile, c.ines.ID},
		{"no such listing", c.maya.ID, domain.ReportListing, 999999},
	} {
		if _, err := st.CreateReport(ctx, tc.reporter, tc.kind, tc.id, spam); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", tc.name, err)
		}
	}
	// The applicant shared her profile with Ines: Ines may report it.
	if _, err := st.CreateReport(ctx, c.ines.ID, domain.ReportProfile, c.maya.ID, spam); err != nil {
		t.Errorf("Ines reporting her applicant: %v", err)
	}

	// Resolving closes every open report on the object and tells each
	// reporter; Maya may report again afterwards.
	queue, err := st.OpenReports(ctx, mod.ID, 10)
	if err != nil || len(queue) != 3 || queue[0].ReporterID != c.maya.ID {
		t.Fatalf("queue %+v, %v: want 3, Maya's first", queue, err)
	}
	if _, err := st.OpenReports(ctx, c.ines.ID, 10); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a producer read the queue: %v", err)
	}
	if err := st.ResolveReport(ctx, mod.ID, queue[0].ID, domain.OutcomeDismissed, "Not spam.", ""); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.OpenReportCount(ctx); n != 1 {
		t.Errorf("open after resolving the listing's reports: %d, want 1 (the profile's)", n)
	}
	for _, who := range []int64{c.maya.ID, c.tomas.ID} {
		if n := notificationsOf(t, pool, who, "report_resolved"); n != 1 {
			t.Errorf("reporter %d told %d times, want 1", who, n)
		}
	}
	err = st.ResolveReport(ctx, mod.ID, queue[0].ID, domain.OutcomeContentRemoved, "", "")
	if !errors.Is(err, store.ErrReportResolved) {
		t.Errorf("resolving twice: %v, want ErrReportResolved", err)
	}
	if _, err := st.CreateReport(ctx, c.maya.ID, domain.ReportListing, c.listing.ID, spam); err != nil {
		t.Errorf("reporting again after the outcome: %v", err)
	}
	rc, err := st.ReportCase(ctx, mod.ID, queue[2].ID)
	if err != nil || rc.Object.Title == "" || rc.Owner.ID != c.maya.ID {
		t.Errorf("profile case %+v, %v", rc, err)
	}
}

func TestTwoModeratorsResolvingAtOnceMakeOneDecision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	a, b := testapp.Moderator(t, st, testapp.Name("Ana Mod")), testapp.Moderator(t, st, testapp.Name("Bo Mod"))
	r1, err := st.CreateReport(ctx, c.maya.ID, domain.ReportListing, c.listing.ID, spam)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := st.CreateReport(ctx, c.tomas.ID, domain.ReportListing, c.listing.ID, spam)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, m := range []int64{a.ID, b.ID} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.ResolveReport(ctx, m, []int64{r1.ID, r2.ID}[i], domain.OutcomeContentRemoved, "", "")
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("errors %v: want exactly one decision", errs)
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, store.ErrReportResolved) {
			t.Errorf("the second decision: %v, want ErrReportResolved", err)
		}
	}
	if n := countRows(t, pool, `SELECT count(DISTINCT resolved_by) FROM reports WHERE resolved_at IS NOT NULL`); n != 1 {
		t.Errorf("%d moderators decided, want 1", n)
	}
	if _, err := st.ListingForTalent(ctx, c.tomas.Account, c.listing.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed listing still shows: %v", err)
	}
	if n := notificationsOf(t, pool, c.ines.ID, "content_removed"); n != 1 {
		t.Errorf("owner told %d times, want 1", n)
	}
}

func TestReportedMessageIsRemovedButKeptForTheRecord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	mod := testapp.Moderator(t, st)
	first, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "Hello Maya")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := st.Reply(ctx, c.ines.ID, first.ThreadID, "Pay 50 € to my account first")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateReport(ctx, c.ines.ID, domain.ReportMessage, bad.ID, spam); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("sender reported their own message: %v", err)
	}
	if _, err := st.CreateReport(ctx, c.tomas.ID, domain.ReportMessage, bad.ID, spam); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an outsider reported a message: %v", err)
	}
	r, err := st.CreateReport(ctx, c.maya.ID, domain.ReportMessage, bad.ID, domain.ReportForm{Reason: "money"})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := st.ReportCase(ctx, mod.ID, r.ID)
	if err != nil || len(rc.Object.Thread) != 2 || !rc.Object.Thread[1].Reported || rc.Object.Text != bad.Body {
		t.Fatalf("message case %+v, %v: want the thread with the reported message marked", rc.Object, err)
	}
	if err := st.ResolveReport(ctx, mod.ID, r.ID, domain.OutcomeContentRemoved, "Asks for money.", ""); err != nil {
		t.Fatal(err)
	}
	v, err := st.Thread(ctx, c.maya.ID, first.ThreadID, 0)
	if err != nil || v.Messages[1].Body == bad.Body || !v.Messages[1].Removed || v.Messages[0].Removed {
		t.Errorf("removed message still reads %q (%v)", v.Messages[1].Body, err)
	}
	if rc, _ := st.ReportCase(ctx, mod.ID, r.ID); rc.Object.Text != bad.Body || !rc.Object.Gone {
		t.Errorf("moderators lost the removed message: %+v", rc.Object)
	}
}

func TestSuspensionEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	mod := testapp.Moderator(t, st, testapp.Name("Mo Derator"))
	talent := testapp.CompleteTalent(t, st, domain.RolePerformer)
	if _, err := pool.Exec(ctx, `UPDATE profiles SET status = 'validated' WHERE account_id = $1`, talent.ID); err != nil {
		t.Fatal(err)
	}
	participate(t, pool, c.listing, talent.ID, production.FromApplication, production.Applied)
	token, err := st.CreateSession(ctx, c.ines.ID, "127.0.0.1", "test", time.Hour)
	if err != nil {
		t.Fatal(err)
	}

	visible := func(when string, want bool) {
		t.Helper()
		ids := browseIDs(t, st, c.tomas.Account, store.BrowseFilter{})
		if (len(ids) == 1) != want {
			t.Errorf("%s: browse shows %v, want listing visible=%v", when, ids, want)
		}
		_, err := st.ListingForTalent(ctx, c.tomas.Account, c.listing.ID)
		if (err == nil) != want {
			t.Errorf("%s: listing page err %v, want visible=%v", when, err, want)
		}
		_, err = st.Apply(ctx, c.tomas.Account, c.listing.ID, c.listing.Roles[0].ID, "")
		if want != (err == nil) {
			t.Errorf("%s: apply err %v, want possible=%v", when, err, want)
		}
	}
	visible("before", true)
	if _, err := pool.Exec(ctx, `DELETE FROM participations WHERE talent_id = $1`, c.tomas.ID); err != nil {
		t.Fatal(err)
	}

	if err := st.SuspendAccount(ctx, c.oscar.ID, c.ines.ID, "Charges fees"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a producer suspended an account: %v", err)
	}
	if err := st.SuspendAccount(ctx, mod.ID, mod.ID, "No"); !errors.Is(err, store.ErrCannotSuspend) {
		t.Errorf("a moderator suspended: %v", err)
	}
	if err := st.SuspendAccount(ctx, mod.ID, c.ines.ID, "Charges undisclosed casting fees."); err != nil {
		t.Fatal(err)
	}
	if err := st.SuspendAccount(ctx, mod.ID, c.ines.ID, "Again"); err != nil {
		t.Errorf("suspending twice: %v", err)
	}
	if n := countRows(t, pool, `SELECT count(*) FROM sessions WHERE account_id = $1`, c.ines.ID); n != 0 {
		t.Errorf("%d sessions left after suspension", n)
	}
	if _, err := st.SessionAccount(ctx, token, time.Hour); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the old session still works: %v", err)
	}
	acct, _, err := st.Credentials(ctx, c.ines.Email)
	if err != nil || acct.SuspendedAt == nil {
		t.Errorf("credentials of a suspended account: %+v, %v (login refuses on SuspendedAt)", acct, err)
	}
	visible("while the producer is suspended", false)

	// A suspended talent leaves the public pages and the applicant lists.
	if err := st.SuspendAccount(ctx, mod.ID, talent.ID, "Fake profile."); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.ProfileStatus(ctx, talent.ID); s.Public() {
		t.Error("a suspended talent's profile is public")
	}
	if ok, _ := st.SharesProfileWith(ctx, talent.ID, c.ines.ID); ok {
		t.Error("a suspended talent still shares their profile")
	}
	page, err := st.Participants(ctx, c.ines.ID, c.listing.ID, production.PeopleFilter{})
	if err != nil || len(page.Rows) != 1 || page.Counts.Received != 1 {
		t.Errorf("applicants while suspended: %d rows, counts %+v, %v; want Maya alone", len(page.Rows), page.Counts, err)
	}

	if w, err := st.WaitingApplications(ctx, c.ines.ID, 5); err != nil || len(w) != 1 || w[0].Waiting != 1 {
		t.Errorf("waiting applications while a talent is suspended: %+v, %v; want Maya's alone", w, err)
	}
	if _, err := st.Invite(ctx, c.ines.ID, c.listing.ID, c.listing.Roles[0].ID, talent.ID, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("inviting a suspended talent: %v, want ErrNotFound", err)
	}

	ac, err := st.AccountCase(ctx, mod.ID, c.ines.ID)
	if err != nil || ac.SuspensionReason != "Charges undisclosed casting fees." || len(ac.Suspensions) != 1 || ac.Suspensions[0].SuspendedBy != "Mo Derator" {
		t.Fatalf("account case %+v, %v", ac, err)
	}
	if found, err := st.SearchAccounts(ctx, mod.ID, "INES", 10); err != nil || len(found) != 1 || found[0].ID != c.ines.ID {
		t.Errorf("search by name: %+v, %v", found, err)
	}

	// Lifting restores everything.
	for _, id := range []int64{c.ines.ID, talent.ID} {
		if err := st.LiftSuspension(ctx, mod.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.LiftSuspension(ctx, mod.ID, c.ines.ID); !errors.Is(err, store.ErrNotSuspended) {
		t.Errorf("lifting twice: %v", err)
	}
	visible("after lifting", true)
	if s, _ := st.ProfileStatus(ctx, talent.ID); !s.Public() {
		t.Error("the talent's profile did not come back")
	}
	ac, _ = st.AccountCase(ctx, mod.ID, c.ines.ID)
	if len(ac.Suspensions) != 1 || ac.Suspensions[0].LiftedAt == nil || ac.Suspensions[0].LiftedBy != "Mo Derator" || ac.Account.SuspendedAt != nil {
		t.Errorf("history after lifting: %+v", ac.Suspensions)
	}
}

func TestSuspendingFromAReport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	mod := testapp.Moderator(t, st)
	r, err := st.CreateReport(ctx, c.maya.ID, domain.ReportListing, c.listing.ID, domain.ReportForm{Reason: "money"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ResolveReport(ctx, mod.ID, r.ID, domain.OutcomeAccountSuspended, "Second fee scam.", ""); err != nil {
		t.Fatal(err)
	}
	ac, err := st.AccountCase(ctx, mod.ID, c.ines.ID)
	if err != nil || ac.Account.SuspendedAt == nil || len(ac.Suspensions) != 1 || ac.Suspensions[0].ReportID == nil || *ac.Suspensions[0].ReportID != r.ID {
		t.Errorf("suspension from report: %+v, %v", ac, err)
	}
	if ac.SuspensionReason != "Second fee scam." {
		t.Errorf("reason %q, want the note", ac.SuspensionReason)
	}
	// The owner's e-mail is queued with the suspension (slice polish).
	var mails int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'suspension_mail' AND (args->>'suspension_id')::bigint = $1`,
		ac.Suspensions[0].ID).Scan(&mails); err != nil || mails != 1 {
		t.Errorf("suspension mail jobs = %d, %v; want 1", mails, err)
	}
}
