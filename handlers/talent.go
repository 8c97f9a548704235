package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// TalentReader reads what every talent page shows about one talent: the
// profile document and its status, the photos and the reels, in one round
// trip. The profile editor, the photos page, the dashboard and the public
// page each take one, not each other.
type TalentReader interface {
	Talent(ctx context.Context, accountID int64, doc any, detail store.PhotoDetail) (store.TalentRecord, error)
}

// talent is everything the talent pages show about one talent, read once
// per request.
type talent struct {
	Account domain.Account
	Profile profile.Profile
	Record  store.ProfileRecord
	Photos  []domain.Photo
	Reels   []domain.Reel
	Meter   profile.Meter
	// Validation is the latest validation task, nil before any submission.
	Validation *moderation.Task
}

// loadTalent reads a talent's profile, photos (without their check
// reports, which only the photo cards show) and reels, and works out the
// completeness meter with the same rules validation uses.
func loadTalent(ctx context.Context, r TalentReader, acct domain.Account, now time.Time) (*talent, error) {
	return readTalent(ctx, r, acct, now, store.WithoutReports)
}

// readTalent is loadTalent with the photo detail a page needs: the photos
// page reads the check reports its cards show.
func readTalent(ctx context.Context, r TalentReader, acct domain.Account, now time.Time, detail store.PhotoDetail) (*talent, error) {
	t := &talent{Account: acct}
	rec, err := r.Talent(ctx, acct.ID, &t.Profile, detail)
	if err != nil {
		return nil, err
	}
	t.fill(rec, now)
	return t, nil
}

// queueTalent is readTalent as one of a batch's reads (without the check
// reports): the talent is ready to use once the batch has been sent and
// fill has run.
func queueTalent(b *store.Batch, acct domain.Account) (*talent, *store.TalentRecord) {
	t := &talent{Account: acct}
	return t, b.Talent(acct.ID, &t.Profile, store.WithoutReports)
}

// fill takes in what the store read into t.Profile and rec, and works out
// the meter.
func (t *talent) fill(rec store.TalentRecord, now time.Time) {
	t.Record, t.Photos, t.Reels, t.Validation = rec.Profile, rec.Photos, rec.Reels, rec.Validation
	if t.Profile.DisplayName == "" {
		t.Profile.DisplayName = t.Account.Name
	}
	t.Meter = profile.Completeness(t.Profile, talentKind(t.Account.Role), profile.MediaOf(t.Photos, t.Reels), now)
}

// summary is the part of the talent pages that says how far the profile
// is: the meter and the validation status.
func (t *talent) summary() TalentSummary {
	return TalentSummary{Meter: t.Meter, Status: t.Record.Status, Validation: validationView(t.Validation, t.Record.Status, t.Account.TimeZone)}
}

// TalentSummary is the completeness meter and the validation status, shown
// by the profile tabs, the meter card and the talent dashboards.
type TalentSummary struct {
	Meter  profile.Meter
	Status domain.ProfileStatus
	// SubmitProblem says why "Submit for validation" was refused.
	SubmitProblem string
	// Validation says where validation stands (slice validation).
	Validation ValidationView
}

// talentKind maps a talent account to its profile kind.
func talentKind(r domain.Role) profile.Kind {
	if r == domain.RoleCrew {
		return profile.KindCrew
	}
	return profile.KindPerformer
}

// ProfileStatusReader reads what decides who may see a profile: its
// validation status, and whether the talent shared it with a producer by
// taking part in one of their listings.
type ProfileStatusReader interface {
	ProfileStatus(ctx context.Context, accountID int64) (domain.ProfileStatus, error)
	SharesProfileWith(ctx context.Context, talentID, producerID int64) (bool, error)
}

// talentMedia is what the photo and reel handlers read about the talent
// around them: the page's meter and tabs, and who may see the files.
type talentMedia interface {
	TalentReader
	ProfileStatusReader
}

// mayViewTalent applies domain.CanViewProfile for the current visitor,
// reading only what the answer needs: nothing for the talent or staff, the
// status, and the participations only for a producer facing an
// unvalidated profile.
func mayViewTalent(c *fiber.Ctx, r ProfileStatusReader, accountID int64) (bool, error) {
	u := currentUser(c)
	if domain.CanViewProfile(u, accountID, "", false) {
		return true, nil
	}
	status, err := r.ProfileStatus(c.UserContext(), accountID)
	if err != nil {
		return false, err
	}
	return mayViewWithStatus(c, r, accountID, status)
}

// mayViewWithStatus is mayViewTalent once the status is known.
func mayViewWithStatus(c *fiber.Ctx, r ProfileStatusReader, accountID int64, status domain.ProfileStatus) (bool, error) {
	u := currentUser(c)
	if domain.CanViewProfile(u, accountID, status, false) {
		return true, nil
	}
	if u == nil || u.Role != domain.RoleProducer {
		return false, nil
	}
	shared, err := r.SharesProfileWith(c.UserContext(), accountID, u.ID)
	if err != nil {
		return false, err
	}
	return domain.CanViewProfile(u, accountID, status, shared), nil
}
