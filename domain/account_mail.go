package domain

import "time"

// TokenPurpose is what a single-use account token may do; a token made
// for one purpose is refused for any other.
type TokenPurpose string

// The token purposes.
const (
	// TokenReset sets a new password (the "Forgot your password?" mail).
	TokenReset TokenPurpose = "reset"
	// TokenConfirm confirms the address an account signed up with.
	TokenConfirm TokenPurpose = "confirm"
	// TokenChangeEmail moves an account to the new address it was mailed to.
	TokenChangeEmail TokenPurpose = "change_email"
)

// TTL is how long a token of the purpose stays valid: a reset link is a
// key to the account, so it lives an hour; a change of address a day; a
// sign-up confirmation a week, since people sign up and come back later
// (and can ask for a new link any time).
func (p TokenPurpose) TTL() time.Duration {
	switch p {
	case TokenReset:
		return time.Hour
	case TokenChangeEmail:
		return 24 * time.Hour
	}
	return 7 * 24 * time.Hour
}

// EmailConfirmed reports whether the account's address is confirmed.
func (a Account) EmailConfirmed() bool { return a.EmailConfirmedAt != nil }

// ConfirmedAction names what an unconfirmed address may not do yet; the
// refusal says it in these words.
type ConfirmedAction string

// The actions that need a confirmed address: they reach other people,
// who must be able to answer by e-mail.
const (
	ActionApply   ConfirmedAction = "apply to a casting"
	ActionSubmit  ConfirmedAction = "submit a listing"
	ActionMessage ConfirmedAction = "send a message"
)

// ConfirmationProblem is the one rule for actions that need a confirmed
// address: "" when a may act, otherwise the sentence to show. Editing a
// profile never asks for it.
func ConfirmationProblem(a Account, action ConfirmedAction) string {
	if a.EmailConfirmed() {
		return ""
	}
	return "Confirm your e-mail address before you " + string(action) +
		": open the link we sent to " + a.Email + ", or ask for a new one."
}

// AccountToken is one single-use token as its mail and its use need it:
// whose it is and, for a change of address, the two addresses. The secret
// itself is never kept (only its SHA-256).
type AccountToken struct {
	ID        int64
	AccountID int64
	Purpose   TokenPurpose
	// Name and Email are the account's as the token was read.
	Name, Email string
	// NewEmail is where a change of address moves to; OldEmail where it
	// moves from (the notice goes there).
	NewEmail, OldEmail string
	ExpiresAt          time.Time
}
