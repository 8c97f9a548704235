package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// submitted makes a complete talent and submits them: one open task.
func submitted(t *testing.T, st *store.Store) (testapp.User, moderation.Task) {
	t.Helper()
	ctx := context.Background()
	talent := testapp.CompleteTalent(t, st, domain.RolePerformer)
	if err := st.SubmitProfile(ctx, talent.ID); err != nil {
		t.Fatal(err)
	}
	task, err := st.LatestValidation(ctx, talent.ID)
	if err != nil || task == nil {
		t.Fatalf("no task after submit: %v", err)
	}
	return talent, *task
}

func refusal(t *testing.T, err error, want error) *moderation.Refusal {
	t.Helper()
	var r *moderation.Refusal
	if !errors.As(err, &r) || !errors.Is(err, want) {
		t.Fatalf("err = %v, want a refusal %v", err, want)
	}
	return r
}

func TestSubmitOpensOneTaskWithItsDeadlineJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	mod := testapp.Moderator(t, st)
	talent, task := submitted(t, st)
	if got := task.DueAt.Sub(task.OpenedAt); got != moderation.AnswerWithin {
		t.Errorf("due %v after opening, want 24h", got)
	}
	if err := st.SubmitProfile(ctx, talent.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second submit = %v, want ErrNotFound", err)
	}
	q, err := st.Queue(ctx, mod.ID, moderation.SubjectProfile)
	if err != nil || len(q) != 1 || q[0].ID != task.ID || q[0].OwnerName != talent.Name {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	for kind, at := range map[string]time.Time{"validation_reminder": task.DueAt.Add(-4 * time.Hour), "validation_overdue": task.DueAt} {
		var scheduled time.Time
		if err := pool.QueryRow(ctx, `SELECT scheduled_at FROM river_job WHERE kind = $1 AND (args->>'task_id')::bigint = $2`, kind, task.ID).Scan(&scheduled); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if !scheduled.Equal(at) {
			t.Errorf("%s scheduled %v, want %v", kind, scheduled, at)
		}
	}
	if q, err := st.Queue(ctx, talent.ID, moderation.SubjectProfile); err != nil || len(q) != 0 {
		t.Errorf("a talent reads the queue: %+v %v", q, err)
	}
}

func TestClaimHoldsFifteenMinutesThenExpires(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	ana := testapp.Moderator(t, st, testapp.Name("Ana"))
	ben := testapp.Moderator(t, st, testapp.Name("Ben"))
	_, task := submitted(t, st)
	now := time.Now()
	got, err := st.Claim(ctx, ana.Account, task.ID, now)
	if err != nil || got.State(now) != moderation.Claimed || *got.ClaimedBy != ana.ID {
		t.Fatalf("claim = %+v, %v", got, err)
	}
	r := refusal(t, func() error { _, err := st.Claim(ctx, ben.Account, task.ID, now.Add(time.Minute)); return err }(), moderation.ErrClaimed)
	if r.Name != "Ana" {
		t.Errorf("refusal names %q", r.Name)
	}
	// Ana renews at 10 minutes: Ben still waits at 20.
	if _, err := st.Claim(ctx, ana.Account, task.ID, now.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	refusal(t, func() error { _, err := st.Claim(ctx, ben.Account, task.ID, now.Add(20*time.Minute)); return err }(), moderation.ErrClaimed)
	// Expired: Ben takes it.
	if _, err := st.Claim(ctx, ben.Account, task.ID, now.Add(26*time.Minute)); err != nil {
		t.Fatalf("claim after expiry: %v", err)
	}
	if err := st.Release(ctx, ben.ID, task.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Claim(ctx, ana.Account, task.ID, now.Add(27*time.Minute)); err != nil {
		t.Fatalf("claim after release: %v", err)
	}
}

func TestTwoConcurrentDecisionsYieldOne(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mods := []testapp.User{testapp.Moderator(t, st, testapp.Name("Ana")), testapp.Moderator(t, st, testapp.Name("Ben"))}
	talent, task := submitted(t, st)
	now := time.Now()
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, m := range mods {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.DecideTask(ctx, m.Account, task.ID, store.TaskDecision{Outcome: moderation.Approve}, now)
		}()
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		if err == nil {
			won++
			continue
		}
		r := refusal(t, err, moderation.ErrDecided)
		if r.Name != mods[1-i].Name {
			t.Errorf("loser told %q decided, want %q", r.Name, mods[1-i].Name)
		}
	}
	if won != 1 {
		t.Fatalf("%d decisions won: %v", won, errs)
	}
	status, _ := st.ProfileStatus(ctx, talent.ID)
	if status != domain.ProfileValidated {
		t.Errorf("status %s", status)
	}
	notes, _ := st.Notifications(ctx, talent.ID, 10)
	n := 0
	for _, x := range notes {
		if x.Kind == "validation" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d validation notifications", n)
	}
}

func TestNobodyDecidesTheirOwnTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	mod := testapp.Moderator(t, st)
	var id int64
	if err := pool.QueryRow(ctx, `INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at) VALUES ('profile', $1, $1, now() + interval '1 day') RETURNING id`, mod.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	refusal(t, st.DecideTask(ctx, mod.Account, id, store.TaskDecision{Outcome: moderation.Approve}, time.Now()), moderation.ErrOwnTask)
	_, err := st.Claim(ctx, mod.Account, id, time.Now())
	refusal(t, err, moderation.ErrOwnTask)
	// A talent or producer is not a moderator: the task does not exist for them.
	producer := testapp.Producer(t, st)
	if err := st.DecideTask(ctx, producer.Account, id, store.TaskDecision{Outcome: moderation.Approve}, time.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("producer decides: %v", err)
	}
	if _, _, err := st.Task(ctx, producer.ID, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("producer reads the task: %v", err)
	}
}

func TestRejectResubmitApproveKeepsTheHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	talent, first := submitted(t, st)
	rej := moderation.Rejection{Reasons: []moderation.ReasonCode{moderation.Blurred, moderation.Borders}, Note: "The third photo."}
	if err := st.DecideTask(ctx, mod.Account, first.ID, store.TaskDecision{Outcome: moderation.Reject, Reject: rej}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.ProfileStatus(ctx, talent.ID); s != domain.ProfileRejected {
		t.Fatalf("status %s", s)
	}
	last, _ := st.LatestValidation(ctx, talent.ID)
	if last.Outcome != moderation.Reject || len(last.ReasonList()) != 2 || last.Note != "The third photo." {
		t.Fatalf("latest = %+v", last)
	}
	if err := st.SaveProfile(ctx, talent.ID, map[string]string{"headline": "Fixed"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SubmitProfile(ctx, talent.ID); err != nil {
		t.Fatalf("resubmit: %v", err)
	}
	second, _ := st.LatestValidation(ctx, talent.ID)
	if second.ID == first.ID || second.DecidedAt != nil {
		t.Fatalf("resubmit did not open a new task: %+v", second)
	}
	if err := st.DecideTask(ctx, mod.Account, second.ID, store.TaskDecision{Outcome: moderation.Approve}, time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	h, err := st.History(ctx, mod.ID, moderation.SubjectProfile, talent.ID)
	if err != nil || len(h) != 2 || h[0].Outcome != moderation.Approve || h[1].Reasons[1] != moderation.Borders {
		t.Fatalf("history = %+v, %v", h, err)
	}
	if s, _ := st.ProfileStatus(ctx, talent.ID); s != domain.ProfileValidated {
		t.Errorf("status %s", s)
	}
}

func TestModeratorPhotoDecisionsCountForTheBook(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	mod := testapp.Moderator(t, st)
	talent, task := submitted(t, st)
	photos, _ := st.Photos(ctx, talent.ID)
	book := photos[1]
	if _, err := pool.Exec(ctx, `UPDATE photos SET status = 'failed' WHERE id = $1`, book.ID); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		ps, _ := st.Photos(ctx, talent.ID)
		n := 0
		for _, p := range ps {
			if !p.IsHeadshot && p.Passed() {
				n++
			}
		}
		return n
	}
	if n := count(); n != 4 {
		t.Fatalf("book = %d before", n)
	}
	p, err := st.DecidePhoto(ctx, mod.Account, task.ID, book.ID, moderation.PhotoDecision{Verdict: moderation.PhotoAccepted}, time.Now())
	if err != nil || p.Review != domain.PhotoAccepted {
		t.Fatalf("accept = %+v, %v", p, err)
	}
	if n := count(); n != 5 {
		t.Errorf("accepted photo not counted: %d", n)
	}
	if _, err := st.DecidePhoto(ctx, mod.Account, task.ID, photos[2].ID, moderation.PhotoDecision{Verdict: moderation.PhotoRejected, Reason: "Screenshot"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 4 {
		t.Errorf("rejected photo still counted: %d", n)
	}
	other := testapp.CompleteTalent(t, st, domain.RoleCrew)
	op, _ := st.Photos(ctx, other.ID)
	if _, err := st.DecidePhoto(ctx, mod.Account, task.ID, op[1].ID, moderation.PhotoDecision{Verdict: moderation.PhotoAccepted}, time.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another talent's photo through this task: %v", err)
	}
}

func TestChangesSinceValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	talent, task := submitted(t, st)
	if err := st.DecideTask(ctx, mod.Account, task.ID, store.TaskDecision{Outcome: moderation.Approve}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if c, _ := st.Changes(ctx, mod.ID); len(c) != 0 {
		t.Fatalf("changes right after validation: %+v", c)
	}
	if err := st.SaveProfile(ctx, talent.ID, map[string]string{"display_name": "Typo fixed"}); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.ProfileStatus(ctx, talent.ID); s != domain.ProfileValidated {
		t.Errorf("a text edit took the profile offline: %s", s)
	}
	c, err := st.Changes(ctx, mod.ID)
	if err != nil || len(c) != 1 || !c[0].TextChanged || c[0].TalentID != talent.ID {
		t.Fatalf("changes = %+v, %v", c, err)
	}
	if err := st.MarkChangesSeen(ctx, mod.ID, talent.ID, time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if c, _ := st.Changes(ctx, mod.ID); len(c) != 0 {
		t.Errorf("seen changes still listed: %+v", c)
	}
}

func TestStatsComeFromTheTasks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ana := testapp.Moderator(t, st, testapp.Name("Ana"))
	now := time.Now()
	// Decided after 1, 2, 3 and 30 hours (three within a day), one open
	// and overdue, one open on time, one decided 8 days ago (outside).
	for i, h := range []int{1, 2, 3, 30} {
		talent := testapp.Talent(t, st, domain.RolePerformer)
		_, err := pool.Exec(ctx, `INSERT INTO moderation_tasks (subject, subject_id, owner_id, opened_at, due_at, decided_by, decided_at, outcome)
			VALUES ('profile', $1, $1, $2::timestamptz, $2::timestamptz + interval '1 day', $3, $4, 'approve')`,
			talent.ID, now.Add(-time.Duration(h+i)*time.Hour), ana.ID, now.Add(-time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, due := range []time.Duration{-time.Hour, time.Hour} {
		talent := testapp.Talent(t, st, domain.RolePerformer)
		if _, err := pool.Exec(ctx, `INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at) VALUES ('profile', $1, $1, $2)`, talent.ID, now.Add(due)); err != nil {
			t.Fatal(err)
		}
	}
	s, err := st.Stats(ctx, ana.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Open != 2 || s.OverdueNow != 1 || s.Decided != 4 {
		t.Errorf("counts = %+v", s)
	}
	if s.Median != 150*time.Minute || s.ShareWithinDay != 0.75 {
		t.Errorf("median %v share %v", s.Median, s.ShareWithinDay)
	}
	if s.P95 < 25*time.Hour || s.P95 > 30*time.Hour {
		t.Errorf("p95 %v", s.P95)
	}
	if len(s.PerModerator) != 1 || s.PerModerator[0].N != 4 || s.PerModerator[0].Name != "Ana" {
		t.Errorf("per moderator %+v", s.PerModerator)
	}
}
