package handlers

import (
	"bytes"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

// Body limits: most posts are small forms; the profile sections carry a
// list of credits, a listing's editor its roles; only the upload routes,
// for logged-in talent, take files.
const (
	formBodyLimit    = 16 << 10
	profileBodyLimit = 256 << 10
	// listingBodyLimit holds a listing's two long texts and up to
	// production.MaxRoles role rows with their descriptions.
	listingBodyLimit = 256 << 10
	// projectBodyLimit holds a project's description of 5,000 characters
	// in any script (up to 9 bytes each once url-encoded).
	projectBodyLimit = 64 << 10
	// uploadOverhead covers a multipart body's boundaries, headers and
	// other fields around its files.
	uploadOverhead = 1 << 20
	// photosPerUpload is how many book photos one request may carry.
	photosPerUpload = 5
	// messageBodyLimit fits a message of production.MaxMessage characters
	// in any script: up to 4 bytes a character, each URL-encoded as 3.
	messageBodyLimit = 64 << 10
	// resolveBodyLimit fits two texts of domain.MaxReportText characters
	// in any script, URL-encoded.
	resolveBodyLimit = 32 << 10
)

// who says which accounts a body rule serves.
type who int

const (
	talentOnly   who = iota // performers and crew: profile sections and uploads
	producerOnly            // producers: projects and listings
	anyAccount              // every logged-in account: messages go both ways
)

func (w who) serves(u *domain.Account) bool {
	switch w {
	case talentOnly:
		return u.Role.IsTalent()
	case producerOnly:
		return u.Role == domain.RoleProducer
	}
	return true
}

// bodyRule gives the routes under prefix (an exact path unless it ends in
// "/") a larger body limit, for the accounts it serves.
type bodyRule struct {
	prefix string
	max    int64
	who    who
}

// routeLimits is every route's body limit: formBodyLimit unless a rule
// says more.
type routeLimits []bodyRule

func bodyLimits(photos photocheck.Limits, maxReelBytes int64) routeLimits {
	return routeLimits{
		{"/profile/photos", photosPerUpload*photos.MaxBytes + uploadOverhead, talentOnly},
		{"/profile/reels", maxReelBytes + uploadOverhead, talentOnly},
		{"/profile/sections/", profileBodyLimit, talentOnly},
		{"/listings/", listingBodyLimit, producerOnly},
		{"/projects/", projectBodyLimit, producerOnly},
		{"/messages/", messageBodyLimit, anyAccount},
		// A report's decision carries a note and a suspension reason of
		// domain.MaxReportText characters each (the route is moderators').
		{"/moderation/reports/", resolveBodyLimit, anyAccount},
	}
}

// largest is the biggest body any route accepts: the server's own cap.
func (l routeLimits) largest() int64 {
	n := int64(profileBodyLimit)
	for _, r := range l {
		n = max(n, r.max)
	}
	return n
}

// limitFor is the body limit of the request's route for its account.
func (l routeLimits) limitFor(c *fiber.Ctx, u *domain.Account) int64 {
	if u == nil || c.Method() != fiber.MethodPost {
		return formBodyLimit
	}
	p := c.Path()
	for _, r := range l {
		if !r.who.serves(u) {
			continue
		}
		if p == r.prefix || strings.HasSuffix(r.prefix, "/") && strings.HasPrefix(p, r.prefix) {
			return r.max
		}
	}
	return formBodyLimit
}

// middleware refuses a body over the route's limit with 413 before any of
// it is read: by its declared length, or, for a chunked body, by reading at
// most one byte more than the limit.
func (l routeLimits) middleware(c *fiber.Ctx) error {
	limit := l.limitFor(c, currentUser(c))
	tooLarge := func() error {
		c.Context().SetConnectionClose() // the rest of the body is not read
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "")
	}
	switch n := c.Request().Header.ContentLength(); {
	case n > int(limit):
		return tooLarge()
	case n == -1: // chunked: no length to trust
		stream := c.Context().RequestBodyStream()
		if stream == nil {
			break
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, io.LimitReader(stream, limit+1)); err != nil {
			return fiber.NewError(fiber.StatusBadRequest, "")
		}
		if int64(buf.Len()) > limit {
			return tooLarge()
		}
		c.Request().SetBodyRaw(buf.Bytes())
	}
	return c.Next()
}
