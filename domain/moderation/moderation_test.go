package moderation_test

import (
	"errors"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
)

var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

func TestTaskState(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		task    moderation.Task
		want    moderation.State
		overdue bool
	}{
		{"new", moderation.Task{DueAt: now.Add(time.Hour)}, moderation.Open, false},
		{"claimed", moderation.Task{DueAt: now.Add(time.Hour), ClaimedBy: ptr(int64(7)), ClaimedUntil: ptr(now.Add(time.Minute))}, moderation.Claimed, false},
		{"claim expired", moderation.Task{DueAt: now.Add(time.Hour), ClaimedBy: ptr(int64(7)), ClaimedUntil: ptr(now.Add(-time.Second))}, moderation.Open, false},
		{"claim ends now", moderation.Task{DueAt: now.Add(time.Hour), ClaimedBy: ptr(int64(7)), ClaimedUntil: ptr(now)}, moderation.Open, false},
		{"overdue", moderation.Task{DueAt: now.Add(-time.Minute)}, moderation.Open, true},
		{"due now", moderation.Task{DueAt: now}, moderation.Open, true},
		{"decided late", moderation.Task{DueAt: now.Add(-time.Hour), DecidedAt: ptr(now)}, moderation.Decided, false},
	} {
		if got := tc.task.State(now); got != tc.want {
			t.Errorf("%s: state %s, want %s", tc.name, got, tc.want)
		}
		if got := tc.task.Overdue(now); got != tc.overdue {
			t.Errorf("%s: overdue %v", tc.name, got)
		}
	}
}

func TestMayTake(t *testing.T) {
	t.Parallel()
	mod := domain.Account{ID: 1, Role: domain.RoleModerator}
	open := moderation.Task{OwnerID: 9, DueAt: now.Add(time.Hour)}
	held := open
	held.ClaimedBy, held.ClaimedUntil = ptr(int64(2)), ptr(now.Add(time.Minute))
	mine := open
	mine.ClaimedBy, mine.ClaimedUntil = ptr(int64(1)), ptr(now.Add(time.Minute))
	decided := open
	decided.DecidedAt = ptr(now)
	for _, tc := range []struct {
		name string
		task moderation.Task
		who  domain.Account
		want error
	}{
		{"moderator on an open task", open, mod, nil},
		{"moderator renewing their claim", mine, mod, nil},
		{"held by another", held, mod, moderation.ErrClaimed},
		{"decided", decided, mod, moderation.ErrDecided},
		{"own profile", moderation.Task{OwnerID: 1, DueAt: now}, mod, moderation.ErrOwnTask},
		{"producer", open, domain.Account{ID: 3, Role: domain.RoleProducer}, moderation.ErrNotModerator},
		{"talent", open, domain.Account{ID: 9, Role: domain.RolePerformer}, moderation.ErrNotModerator},
	} {
		if got := moderation.MayTake(tc.task, tc.who, now); !errors.Is(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestParseRejection(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		codes  []string
		note   string
		errKey string
		n      int
	}{
		{"two reasons", []string{"blurred_pixelated", "borders"}, "", "", 2},
		{"duplicates once", []string{"borders", "borders"}, "", "", 1},
		{"none", nil, "please fix", "reasons", 0},
		{"unknown", []string{"ugly"}, "", "reasons", 0},
		{"missing info needs which", []string{"missing_info"}, " ", "note", 1},
		{"missing info with which", []string{"missing_info"}, "Add your height.", "", 1},
		{"other needs words", []string{"other"}, "", "note", 1},
	} {
		r, errs := moderation.ParseRejection(tc.codes, tc.note)
		if tc.errKey == "" && len(errs) > 0 || tc.errKey != "" && errs[tc.errKey] == "" {
			t.Errorf("%s: errors %v", tc.name, errs)
		}
		if len(r.Reasons) != tc.n {
			t.Errorf("%s: %d reasons", tc.name, len(r.Reasons))
		}
	}
}

func TestEveryReasonSaysWhatToChangeAndWhere(t *testing.T) {
	t.Parallel()
	if len(moderation.Reasons) != 13 {
		t.Errorf("%d reasons, the issue lists 13", len(moderation.Reasons))
	}
	for _, r := range moderation.Reasons {
		if r.Label == "" || r.Change == "" || r.Link() == "" {
			t.Errorf("%s is incomplete: %+v", r.Code, r)
		}
	}
	if r, _ := moderation.ReasonByCode(moderation.Borders); r.Link() != "/profile/media" {
		t.Errorf("borders links to %s", r.Link())
	}
}

func TestParsePhotoDecision(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, verdict, code, text, errKey, reason string
	}{
		{"accept a failed check", "accepted", "", "", "", ""},
		{"reject with a reason", "rejected", "screenshot", "", "", "Screenshot"},
		{"reject with a reason and words", "rejected", "borders", "white frame", "", "Borders: white frame"},
		{"reject without reason", "rejected", "", "", "reason", ""},
		{"reject for a book-only reason", "rejected", "book_too_few", "", "reason", ""},
		{"other needs words", "rejected", "other", "", "reason", ""},
		{"no verdict", "", "", "", "verdict", ""},
	} {
		d, errs := moderation.ParsePhotoDecision(tc.verdict, tc.code, tc.text)
		if tc.errKey == "" && len(errs) > 0 || tc.errKey != "" && errs[tc.errKey] == "" {
			t.Errorf("%s: errors %v", tc.name, errs)
		}
		if tc.errKey == "" && d.Reason != tc.reason {
			t.Errorf("%s: reason %q", tc.name, d.Reason)
		}
	}
}

func TestFormatLeft(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		3*time.Hour + 20*time.Minute: "3 h 20 min left",
		-65 * time.Minute:            "overdue by 1 h 5 min",
		10 * time.Minute:             "10 min left",
	} {
		if got := moderation.FormatLeft(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
