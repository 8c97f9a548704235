package demo

import (
	"context"
	"fmt"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// path is how a demo participation reaches its state, through the same
// store calls the buttons make.
type path int

const (
	applied     path = iota // Apply
	accepted                // Apply, then the producer accepts
	notSelected             // Apply, then the producer rejects
	withdrawn               // Apply, then the talent withdraws
	invited                 // Invite: waiting for the talent's answer
	confirmed               // Invite, then the talent accepts
	declined                // Invite, then the talent declines
)

// participationPlan is one talent's part in one role of a demo listing.
type participationPlan struct {
	email   string
	listing string // title
	role    int    // index in the listing's roles
	path    path
	note    string // the application's note, or the invitation's message
}

// Participations are the demo's applications and invitations: every
// state a producer's tabs and a talent's "My castings" can show. The
// demo performer gets an invitation rather than an application because
// his pictures are checked by the worker after the seed, so at seed time
// his profile is not yet complete enough to apply.
var participations = []participationPlan{
	{"ana.silva@demo.slate.test", SaltCall, 0, applied, "I grew up in Aveiro and know the salt pans; my self-tape of the scene is on my profile."},
	{"beatriz.costa@demo.slate.test", SaltCall, 0, accepted, "Inês is the part I have been waiting for."},
	{"grace.mensah@demo.slate.test", SaltCall, 0, notSelected, ""},
	{"carla.mendes@demo.slate.test", SaltCall, 0, withdrawn, ""},
	{"diego.alvarez@demo.slate.test", SaltCall, 1, applied, "Happy to work on my Portuguese with a coach before the shoot."},
	{"leo.marques@demo.slate.test", SaltCall, 1, applied, ""},
	{"hugo.lefebvre@demo.slate.test", SaltCall, 1, accepted, "I sailed for years; boats and nets hold no fear for me."},
	{"farid.haddad@demo.slate.test", SaltCall, 1, notSelected, ""},
	{"joao.pereira@demo.slate.test", SaltCall, 1, declined, "We think you could make Rui older and stranger: would you read for him?"},
	{"nuno.farias@demo.slate.test", SaltSound, 0, accepted, "Twelve years of location sound, three features by the sea."},
	{"marta.sousa@demo.slate.test", SaltSound, 0, applied, "A camera person who mixes: I can bring a full sound kit."},
	{"iris.novak@demo.slate.test", BlueHourCall, 0, confirmed, "We loved your physical theatre work: would you lead Blue Hour?"},
	{"carla.mendes@demo.slate.test", BlueHourCall, 0, invited, "Would you dance for us on the Ribeira?"},
	{PerformerEmail, BlueHourCall, 0, invited, "Luca, your dance rehearsal photos are exactly the mood: would you lead Blue Hour?"},
}

// threadPlan is a message thread the producer starts with a talent of a
// listing, and the talent's answer, if any.
type threadPlan struct {
	email, listing string
	first, reply   string
}

// threads are the demo's conversations: one answered (the producer sees
// an unread reply), one waiting for the demo performer (his unread badge).
var threads = []threadPlan{
	{"beatriz.costa@demo.slate.test", SaltCall,
		"Beatriz, congratulations: we would love you as Inês.\nCould you come to a read-through in Lisbon in the first week of rehearsals?",
		"Thank you, I am thrilled!\nYes, the first week works. Should I bring anything?"},
	{PerformerEmail, BlueHourCall,
		"Hi Luca, the invitation to Blue Hour is on your My castings page.\nAsk me anything about the night shoot here.", ""},
}

// seedParticipations plays the participations and threads that are
// missing: a talent who already holds the role, or a thread that exists,
// is left as it is.
func seedParticipations(ctx context.Context, st *store.Store, producerID int64, listings map[string]production.Listing) error {
	accounts := map[string]domain.Account{}
	account := func(email string) (domain.Account, error) {
		if a, ok := accounts[email]; ok {
			return a, nil
		}
		a, _, err := st.Credentials(ctx, email)
		accounts[email] = a
		return a, err
	}
	for _, p := range participations {
		talent, err := account(p.email)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", p.email, err)
		}
		l := listings[p.listing]
		if p.role >= len(l.Roles) {
			return fmt.Errorf("demo: listing %q has no role %d", p.listing, p.role)
		}
		if err := participate(ctx, st, producerID, talent, l.ID, l.Roles[p.role].ID, p); err != nil {
			return fmt.Errorf("demo: %s in %q: %w", p.email, p.listing, err)
		}
	}
	for _, t := range threads {
		talent, err := account(t.email)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", t.email, err)
		}
		if err := converse(ctx, st, producerID, talent.ID, listings[t.listing].ID, t); err != nil {
			return fmt.Errorf("demo: thread with %s: %w", t.email, err)
		}
	}
	return nil
}

// participate plays one plan unless the talent already holds the role.
func participate(ctx context.Context, st *store.Store, producerID int64, talent domain.Account, listingID, roleID int64, p participationPlan) error {
	mine, err := st.MyCastings(ctx, talent.ID)
	if err != nil {
		return err
	}
	for _, m := range mine {
		if m.RoleID == roleID {
			return nil
		}
	}
	var id int64
	if p.path >= invited {
		res, err := st.Invite(ctx, producerID, listingID, roleID, talent.ID, p.note)
		if err != nil {
			return err
		}
		id = res.Participation.ID
	} else {
		a, err := st.Apply(ctx, talent, listingID, roleID, p.note)
		if err != nil {
			return err
		}
		id = a.ID
	}
	switch p.path {
	case accepted:
		_, err = st.Decide(ctx, producerID, id, production.Accept)
	case notSelected:
		_, err = st.Decide(ctx, producerID, id, production.Reject)
	case withdrawn:
		_, err = st.Withdraw(ctx, talent.ID, id)
	case confirmed, declined:
		_, err = st.AnswerInvitation(ctx, talent.ID, id, p.path == confirmed)
	}
	return err
}

// converse starts a thread and answers it, unless it exists.
func converse(ctx context.Context, st *store.Store, producerID, talentID, listingID int64, t threadPlan) error {
	to, err := st.ThreadTo(ctx, producerID, listingID, talentID)
	if err != nil || to.ID != 0 {
		return err
	}
	m, err := st.StartThread(ctx, producerID, listingID, talentID, t.first)
	if err != nil || t.reply == "" {
		return err
	}
	_, err = st.Reply(ctx, talentID, m.ThreadID, t.reply)
	return err
}
