package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// Talent reads in one round trip what Profile, Photos and Reels read one
// by one, for the caller's account only; without reports it leaves out
// only the check reports.
func TestTalentReadsProfilePhotosAndReelsAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	type doc struct {
		Headline string `json:"headline"`
	}
	maya, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	tom, _ := st.CreateAccount(ctx, "Tom", "tom@example.com", domain.RoleCrew, "h")

	// Never saved: an empty draft, no photos, no reels.
	var d doc
	rec, err := st.Talent(ctx, maya.ID, &d, store.WithReports)
	if err != nil || rec.Profile.Status != domain.ProfileDraft || !rec.Profile.UpdatedAt.IsZero() || len(rec.Photos) != 0 || len(rec.Reels) != 0 || d.Headline != "" {
		t.Fatalf("a talent with nothing yet: %+v %+v, %v", rec, d, err)
	}
	if s, err := st.ProfileStatus(ctx, maya.ID); err != nil || s != domain.ProfileDraft {
		t.Fatalf("ProfileStatus of a profile never saved = %q, %v", s, err)
	}

	if err := st.SaveProfile(ctx, maya.ID, doc{Headline: "Actor"}); err != nil {
		t.Fatal(err)
	}
	head := addPhoto(t, st, maya.ID, true)
	book := addPhoto(t, st, maya.ID, false)
	if _, err := st.SavePhotoCheck(ctx, book.ID, book.CheckSeq, domain.PhotoCheck{Status: domain.PhotoPassed, CheckedAs: domain.PhotoBook, Report: []byte(`{"verdict": "pass"}`)}); err != nil {
		t.Fatal(err)
	}
	addPhoto(t, st, tom.ID, false)
	if _, err := st.AddReel(ctx, maya.ID, domain.Reel{Kind: "video", Title: "Showreel", Provider: "vimeo", URL: "https://vimeo.com/1"}); err != nil {
		t.Fatal(err)
	}

	var one doc
	wantProfile, err := st.Profile(ctx, maya.ID, &one)
	if err != nil {
		t.Fatal(err)
	}
	wantPhotos, _ := st.Photos(ctx, maya.ID)
	wantReels, _ := st.Reels(ctx, maya.ID)

	rec, err = st.Talent(ctx, maya.ID, &d, store.WithReports)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.Profile, wantProfile) || d != one || !reflect.DeepEqual(rec.Photos, wantPhotos) || !reflect.DeepEqual(rec.Reels, wantReels) {
		t.Fatalf("Talent = %+v %+v\nwant %+v %+v %+v %+v", rec, d, wantProfile, one, wantPhotos, wantReels)
	}
	if len(rec.Photos) != 2 || rec.Photos[0].ID != head.ID || rec.Photos[1].ID != book.ID || len(rec.Reels) != 1 {
		t.Fatalf("Maya's photos and reels only, in book order: %+v %+v", rec.Photos, rec.Reels)
	}

	light, err := st.Talent(ctx, maya.ID, &d, store.WithoutReports)
	if err != nil {
		t.Fatal(err)
	}
	for i := range wantPhotos {
		wantPhotos[i].Report = nil
	}
	if !reflect.DeepEqual(light.Photos, wantPhotos) {
		t.Fatalf("without reports: %+v\nwant %+v", light.Photos, wantPhotos)
	}
	if s, err := st.ProfileStatus(ctx, maya.ID); err != nil || s != wantProfile.Status {
		t.Fatalf("ProfileStatus = %q, %v; want %q", s, err, wantProfile.Status)
	}
}

// PhotoInBook reads a photo of the account with its place in the book,
// as the card needs it, and nobody else's.
func TestPhotoInBookKnowsItsPlace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	maya, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	tom, _ := st.CreateAccount(ctx, "Tom", "tom@example.com", domain.RoleCrew, "h")
	head := addPhoto(t, st, maya.ID, true)
	a, b, c := addPhoto(t, st, maya.ID, false), addPhoto(t, st, maya.ID, false), addPhoto(t, st, maya.ID, false)
	place := func(id int64) store.BookPlace {
		t.Helper()
		p, at, err := st.PhotoInBook(ctx, maya.ID, id)
		want, _ := st.Photo(ctx, maya.ID, id)
		if err != nil || !reflect.DeepEqual(p, want) {
			t.Fatalf("PhotoInBook(%d) = %+v, %v; want %+v", id, p, err, want)
		}
		return at
	}
	for id, want := range map[int64]store.BookPlace{head.ID: {}, a.ID: {First: true}, b.ID: {}, c.ID: {Last: true}} {
		if got := place(id); got != want {
			t.Errorf("photo %d: %+v, want %+v", id, got, want)
		}
	}
	if err := st.MovePhoto(ctx, maya.ID, c.ID, -1); err != nil {
		t.Fatal(err)
	}
	if place(c.ID) != (store.BookPlace{}) || place(b.ID) != (store.BookPlace{Last: true}) {
		t.Errorf("after moving the last photo up: %+v %+v", place(c.ID), place(b.ID))
	}
	if _, _, err := st.PhotoInBook(ctx, tom.ID, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another account's photo: %v, want ErrNotFound", err)
	}
}
