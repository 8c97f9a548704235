package domain

// ProfileStatus is where a talent's profile is in validation.
type ProfileStatus string

// The profile statuses. A profile starts as a draft, is submitted when
// complete, and a moderator validates it (it becomes public) or rejects it
// with reasons (the talent edits and submits again).
const (
	ProfileDraft     ProfileStatus = "draft"
	ProfileSubmitted ProfileStatus = "submitted"
	ProfileValidated ProfileStatus = "validated"
	ProfileRejected  ProfileStatus = "rejected"
)

// Label is the status as the talent reads it.
func (s ProfileStatus) Label() string {
	switch s {
	case ProfileSubmitted:
		return "Waiting for validation"
	case ProfileValidated:
		return "Validated · public"
	case ProfileRejected:
		return "Changes requested"
	}
	return "Draft · not submitted"
}

// CanSubmit reports whether a profile in this status may be submitted for
// validation (the caller also checks it is complete).
func (s ProfileStatus) CanSubmit() bool { return s == ProfileDraft || s == ProfileRejected || s == "" }

// AfterEdit is the status once the talent saves a change: editing a
// rejected profile makes it a draft again, ready to resubmit; a validated
// profile stays validated, so fixing a typo never takes a talent offline.
func (s ProfileStatus) AfterEdit() ProfileStatus {
	switch s {
	case ProfileRejected, "":
		return ProfileDraft
	}
	return s
}

// Public reports whether anyone may see a profile in this status.
func (s ProfileStatus) Public() bool { return s == ProfileValidated }

// CanViewProfile says whether viewer (nil for a visitor) may see the
// profile and pictures of the talent ownerID whose profile is in status:
// the talent themself and staff always, everyone else once validated, and
// a producer the talent shared it with by applying to (or being invited
// to) one of their listings — sharedWithViewer.
func CanViewProfile(viewer *Account, ownerID int64, status ProfileStatus, sharedWithViewer bool) bool {
	if viewer != nil && (viewer.ID == ownerID || viewer.Role.IsStaff()) {
		return true
	}
	if viewer != nil && viewer.Role == RoleProducer && sharedWithViewer {
		return true
	}
	return status.Public()
}
