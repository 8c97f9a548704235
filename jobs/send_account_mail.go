package jobs

import "github.com/riverqueue/river"

// SendAccountMailArgs e-mails one account token: the reset link, the
// confirmation link, or the link to a new address. Notice instead sends
// the old address the warning that it is being replaced. The store inserts
// it in the transaction that asks for the token, so a token never exists
// without its mail and no mail goes out for a request that rolled back.
// It carries the token's id, never its secret: the worker mints the
// secret, so it lives only in the e-mail.
type SendAccountMailArgs struct {
	TokenID int64 `json:"token_id"`
	Notice  bool  `json:"notice,omitempty"`
}

// Kind is the River job kind.
func (SendAccountMailArgs) Kind() string { return "send_account_mail" }

// InsertOpts keep one job per token and mail; a person waiting for a reset
// link should not wait long, so retries are few and River's backoff (the
// first after seconds) does the rest.
func (SendAccountMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 6, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
