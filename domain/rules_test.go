package domain

import (
	"strings"
	"testing"
)

func TestProfileStatusTransitions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from      ProfileStatus
		canSubmit bool
		afterEdit ProfileStatus
		public    bool
	}{
		{"", true, ProfileDraft, false},
		{ProfileDraft, true, ProfileDraft, false},
		{ProfileSubmitted, false, ProfileSubmitted, false},
		{ProfileValidated, false, ProfileValidated, true},
		{ProfileRejected, true, ProfileDraft, false},
	}
	for _, tt := range tests {
		if got := tt.from.CanSubmit(); got != tt.canSubmit {
			t.Errorf("%q.CanSubmit() = %v, want %v", tt.from, got, tt.canSubmit)
		}
		if got := tt.from.AfterEdit(); got != tt.afterEdit {
			t.Errorf("%q.AfterEdit() = %q, want %q", tt.from, got, tt.afterEdit)
		}
		if got := tt.from.Public(); got != tt.public {
			t.Errorf("%q.Public() = %v, want %v", tt.from, got, tt.public)
		}
		if tt.from.Label() == "" {
			t.Errorf("%q has no label", tt.from)
		}
	}
}

func TestCanViewProfile(t *testing.T) {
	t.Parallel()
	owner := &Account{ID: 1, Role: RolePerformer}
	other := &Account{ID: 2, Role: RolePerformer}
	producer := &Account{ID: 3, Role: RoleProducer}
	staff := &Account{ID: 4, Role: RoleModerator}
	tests := []struct {
		name   string
		viewer *Account
		status ProfileStatus
		want   bool
	}{
		{"owner sees a draft", owner, ProfileDraft, true},
		{"staff see a submitted profile", staff, ProfileSubmitted, true},
		{"another talent does not see a draft", other, ProfileDraft, false},
		{"a producer does not see a rejected profile", producer, ProfileRejected, false},
		{"a visitor does not see a submitted profile", nil, ProfileSubmitted, false},
		{"a visitor sees a validated profile", nil, ProfileValidated, true},
		{"a producer sees a validated profile", producer, ProfileValidated, true},
	}
	for _, tt := range tests {
		if got := CanViewProfile(tt.viewer, owner.ID, tt.status, false); got != tt.want {
			t.Errorf("%s: CanViewProfile = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAnApplicantSharesTheirProfileWithTheProducer(t *testing.T) {
	t.Parallel()
	producer := &Account{ID: 3, Role: RoleProducer}
	talent := &Account{ID: 2, Role: RolePerformer}
	if !CanViewProfile(producer, 1, ProfileDraft, true) {
		t.Error("the producer an applicant applied to cannot read the profile")
	}
	if CanViewProfile(producer, 1, ProfileDraft, false) {
		t.Error("any producer reads a profile nobody shared")
	}
	if CanViewProfile(talent, 1, ProfileDraft, true) || CanViewProfile(nil, 1, ProfileDraft, true) {
		t.Error("sharing opens a profile to someone who is not a producer")
	}
}

func TestPublicPhotos(t *testing.T) {
	t.Parallel()
	photos := []Photo{
		{ID: 1, IsHeadshot: true, Status: PhotoPassed},
		{ID: 2, Status: PhotoPassed},
		{ID: 3, Status: PhotoFailed},
		{ID: 4, Status: PhotoPending},
		{ID: 5, Status: PhotoError},
		{ID: 6, Status: PhotoPassed},
	}
	head, book := PublicPhotos(photos)
	if head == nil || head.ID != 1 {
		t.Errorf("headshot = %+v, want photo 1", head)
	}
	if len(book) != 2 || book[0].ID != 2 || book[1].ID != 6 {
		t.Errorf("book = %+v, want photos 2 and 6 in order", book)
	}
	if head, _ := PublicPhotos([]Photo{{ID: 1, IsHeadshot: true, Status: PhotoFailed}}); head != nil {
		t.Errorf("a failed headshot is public: %+v", head)
	}
}

func TestPhotoKind(t *testing.T) {
	t.Parallel()
	if (Photo{IsHeadshot: true}).Kind() != PhotoHeadshot || (Photo{}).Kind() != PhotoBook {
		t.Error("Photo.Kind does not follow IsHeadshot")
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		msg  string
		want bool // a message is expected
	}{
		{"caption at the limit", CaptionProblem(strings.Repeat("é", MaxCaption)), false},
		{"caption over the limit", CaptionProblem(strings.Repeat("é", MaxCaption+1)), true},
		{"reel title at the limit", ReelTitleProblem(strings.Repeat("é", MaxReelTitle)), false},
		{"reel title over the limit", ReelTitleProblem(strings.Repeat("é", MaxReelTitle+1)), true},
	}
	for _, tt := range tests {
		if (tt.msg != "") != tt.want {
			t.Errorf("%s: message %q", tt.name, tt.msg)
		}
	}
}
