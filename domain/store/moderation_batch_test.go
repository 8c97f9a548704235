package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// The moderator's dashboard reads both queues in one statement: each
// subject's tasks come under its own name, as Queue reads them one at a
// time, and anyone but a moderator reads none.
func TestBothQueuesInOneReadKeepEachSubject(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	_, profileTask := submitted(t, st)
	_, _, listingTask := inReview(t, st)
	b := st.Batch()
	queues := b.Queues(mod.ID, moderation.SubjectProfile, moderation.SubjectListing)
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	for sub, want := range map[moderation.Subject]int64{moderation.SubjectProfile: profileTask.ID, moderation.SubjectListing: listingTask.ID} {
		if got := queues[sub]; len(got) != 1 || got[0].ID != want {
			t.Errorf("%s queue = %+v, want task %d alone", sub, got, want)
		}
		one, err := st.Queue(ctx, mod.ID, sub)
		if err != nil || len(one) != 1 || one[0].ID != want {
			t.Errorf("Queue(%s) = %+v, %v", sub, one, err)
		}
	}
	producer := testapp.Producer(t, st)
	b = st.Batch()
	queues = b.Queues(producer.ID, moderation.SubjectProfile, moderation.SubjectListing)
	if err := b.Send(ctx); err != nil || len(queues) != 0 {
		t.Errorf("a producer reads the queues: %+v, %v", queues, err)
	}
}

// The profile review reads the task with its owner's account; anyone but
// a moderator, or an unknown task, is ErrNotFound.
func TestTaskOwnerIsTheTalentUnderReview(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	talent, task := submitted(t, st)
	got, snapshot, owner, err := st.TaskOwner(ctx, mod.ID, task.ID)
	if err != nil || got.ID != task.ID || owner.ID != talent.ID || owner.Email != talent.Email || owner.Role != talent.Role || len(snapshot) == 0 {
		t.Fatalf("TaskOwner = %+v, %q, %d bytes of snapshot, %v", owner, got.OwnerName, len(snapshot), err)
	}
	for _, who := range []int64{talent.ID, testapp.Producer(t, st).ID} {
		if _, _, _, err := st.TaskOwner(ctx, who, task.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("account %d reads the task: %v", who, err)
		}
	}
	if _, _, _, err := st.TaskOwner(ctx, mod.ID, task.ID+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an unknown task: %v", err)
	}
}
