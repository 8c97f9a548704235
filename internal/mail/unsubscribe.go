package mail

import (
	"strconv"
	"strings"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
)

// UnsubscribeToken is the token of a one-click unsubscribe link for one
// account and mail type: the two in clear, then an HMAC of both under the
// app's secret. It needs no session and no database row, and nobody can
// forge another account's or another type's.
func UnsubscribeToken(secret string, accountID int64, t domain.MailType) string {
	id := strconv.FormatInt(accountID, 10)
	return id + "." + string(t) + "." + auth.BoundToken(secret, unsubscribePurpose(id, t))
}

// VerifyUnsubscribe returns the account and type a token names, and false
// for a token the secret did not sign or a type that does not exist.
func VerifyUnsubscribe(secret, token string) (int64, domain.MailType, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || secret == "" {
		return 0, "", false
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != parts[0] {
		return 0, "", false
	}
	t := domain.MailType(parts[1])
	if _, known := domain.MailTypeOf(t); !known && t != domain.MailDigest {
		return 0, "", false
	}
	if !auth.EqualTokens(parts[2], auth.BoundToken(secret, unsubscribePurpose(parts[0], t))) {
		return 0, "", false
	}
	return id, t, true
}

func unsubscribePurpose(id string, t domain.MailType) string {
	return "unsubscribe:" + id + ":" + string(t)
}
