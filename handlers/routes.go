// Package handlers serves Slate over HTTP with Fiber: htmx pages and
// fragments rendered from the views package, one file per area.
package handlers

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/reel"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/static"
	"github.com/slatecasting/slate/views"
)

// Store is everything the handlers read and write, as one interface made
// of each area's narrow one.
type Store interface {
	AccountStore
	NotificationStore
	ProfileStore
	PhotoStore
	ReelStore
	MessageStore
	NavCounter
	TimeZoneSetter
	ProjectStore
	ListingEditStore
	CastingStore
	PeopleStore
	InviteStore
	TeamStore
	Batcher
	MailPreferenceStore
	UnsubscribeStore
	OutboxReader
	ClosingStore
	GroupMessageStore
	NotificationCentreStore
	AccountMailStore
	ModerationStore // slice validation
	ReportStore
	ModerationReportStore
	ModerationAccountStore
	OpenReportCounter
}

// Deps are what the web app needs to run.
type Deps struct {
	Store Store
	Log   *slog.Logger
	// Ready reports whether the database answers with a current schema.
	Ready func(ctx context.Context) error
	// JobsUI is River UI, mounted under /admin/jobs for staff; nil leaves it out.
	JobsUI http.Handler
	// SecureCookies marks cookies Secure (set when served over TLS).
	SecureCookies bool
	// TrustProxy takes the client IP from X-Forwarded-For.
	TrustProxy bool
	// SessionIdle and SessionMax bound a session's life.
	SessionIdle, SessionMax time.Duration
	// PasswordParams overrides the Argon2id cost (tests use a cheaper one).
	PasswordParams *auth.Params
	// Objects stores uploaded photocheck.
	Objects objstore.Store
	// PhotoLimits bound each uploaded photo (bytes, pixels).
	PhotoLimits photocheck.Limits
	// MaxReelBytes bounds an uploaded audio or video reel.
	MaxReelBytes int64
	// Now is the clock (tests fix it).
	Now func() time.Time
	// MinimumRates are the posting rules' minimum pay (config); with none
	// no amount is judged low.
	MinimumRates production.Rates
	// NoticesPerMonth limits a producer's non-casting notices a month; 0
	// means production.DefaultNoticesPerMonth.
	NoticesPerMonth int
	// ChangesAnswerDays is how long a producer has to answer a moderator's
	// request for changes before the listing is hidden; 0 is the default (3).
	ChangesAnswerDays int
	// Secret verifies the unsubscribe links in e-mails.
	Secret string
	// AppealEmail is where a suspended account writes to appeal, named by
	// the login form; "" reads appeals@slate.localhost (config's default).
	AppealEmail string
}

// JobsUIPrefix is where River UI is mounted.
const JobsUIPrefix = "/admin/jobs"

// New builds the Fiber app with every route.
func New(d Deps) *fiber.App {
	if d.PhotoLimits == (photocheck.Limits{}) {
		d.PhotoLimits = photocheck.DefaultLimits()
	}
	if d.MaxReelBytes == 0 {
		d.MaxReelBytes = reel.MaxFileBytes
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.NoticesPerMonth == 0 {
		d.NoticesPerMonth = production.DefaultNoticesPerMonth
	}
	hdrs := headers{https: d.SecureCookies}
	renderer, err := views.NewRenderer()
	if err != nil {
		panic(err) // the templates are embedded: the views test catches this first
	}
	limits := bodyLimits(d.PhotoLimits, d.MaxReelBytes)
	cfg := fiber.Config{
		AppName:      "Slate",
		Views:        renderer,
		ErrorHandler: errorHandler(d.Log, hdrs),
		// Bodies are streamed, not read whole before routing: limits
		// checks each route's own limit first, and the server's limit is
		// only the largest upload.
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		BodyLimit:                    int(limits.largest()),
		ReadTimeout:                  30 * time.Second,
		WriteTimeout:                 60 * time.Second,
		IdleTimeout:                  120 * time.Second,
		DisableStartupMessage:        true,
	}
	if d.TrustProxy {
		cfg.ProxyHeader = fiber.HeaderXForwardedFor
	}
	app := fiber.New(cfg)
	app.Server().ErrorHandler = transportError(app)
	app.Server().Handler = knownMethods(app, app.Server().Handler)

	params := auth.DefaultParams
	if d.PasswordParams != nil {
		params = *d.PasswordParams
	}
	k := cookies{secure: d.SecureCookies, maxAge: d.SessionMax}
	authH := &authHandler{store: d.Store, cookies: k, idle: d.SessionIdle, maxAge: d.SessionMax, params: params,
		appeal: cmp.Or(d.AppealEmail, "appeals@slate.localhost")}

	app.Use(recover.New(recover.Config{EnableStackTrace: true}))
	app.Use(compressText)
	app.Use(hdrs.middleware)
	(&healthHandler{ready: d.Ready}).routes(app)
	app.Use("/static", filesystem.New(filesystem.Config{
		Root:   http.FS(static.FS),
		MaxAge: 3600,
	}))

	app.Use(authH.loadSession)
	app.Use(navCounts(d.Store))
	app.Use(limits.middleware)
	if d.JobsUI != nil {
		mountJobsUI(app, d.JobsUI)
	}
	unsubscribe := &unsubscribeHandler{store: d.Store, secret: d.Secret}
	unsubscribe.oneClick(app) // authenticated by its signed token, not CSRF: see the handler
	app.Use(k.csrf)

	// Each area registers its own routes; a new area is its handler file
	// and one line here.
	for _, area := range []interface{ routes(fiber.Router) }{
		authH,
		&dashboardHandler{store: d.Store, reads: d.Store, now: d.Now},
		&profileHandler{store: d.Store, reads: d.Store, now: d.Now},
		&photoHandler{store: d.Store, log: d.Log, talents: d.Store, objects: d.Objects, limits: d.PhotoLimits, maxReelBytes: d.MaxReelBytes, now: d.Now},
		&reelHandler{store: d.Store, log: d.Log, talents: d.Store, objects: d.Objects, maxBytes: d.MaxReelBytes, photoLimits: d.PhotoLimits, now: d.Now},
		&messageHandler{store: d.Store},
		&projectHandler{store: d.Store, now: d.Now},
		&listingEditHandler{store: d.Store, now: d.Now, rates: d.MinimumRates, notices: d.NoticesPerMonth},
		&castingsHandler{store: d.Store, reads: d.Store, now: d.Now},
		&applicantsHandler{store: d.Store},
		&inviteHandler{store: d.Store},
		&teamHandler{store: d.Store},
		&settingsHandler{store: d.Store, mail: d.Store},
		unsubscribe,
		&outboxHandler{store: d.Store},
		&settingsHandler{store: d.Store},
		&closingHandler{store: d.Store, now: d.Now, messages: d.Store},
		&groupMessageHandler{store: d.Store}, // slice group message
		&notificationsHandler{store: d.Store},
		&accountMailHandler{store: d.Store, prefs: d.Store, cookies: k, params: params, now: d.Now},
		&moderationHandler{store: d.Store, reads: d.Store, now: d.Now, rates: d.MinimumRates, answerWithin: answerWindow(d.ChangesAnswerDays)}, // slices validation, listing review
		&reportHandler{store: d.Store}, &moderationReportsHandler{store: d.Store}, &moderationAccountsHandler{store: d.Store},
	} {
		area.routes(app)
	}

	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	return app
}

// mountJobsUI serves River UI to staff only. Its API takes JSON posts
// without Slate's CSRF token, so it sits before the CSRF middleware and
// accepts a non-GET request only when the browser says it comes from this
// origin: Sec-Fetch-Site same-origin, or an Origin header naming this host
// (older browsers). Nothing of it is cached; its React pages need inline
// styles.
func mountJobsUI(app *fiber.App, ui http.Handler) {
	h := adaptor.HTTPHandler(ui)
	app.All(JobsUIPrefix+"*", requireRole(domain.RoleModerator), func(c *fiber.Ctx) error {
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead && !sameOrigin(c) {
			return fiber.NewError(fiber.StatusForbidden, "Cross-site requests are refused.")
		}
		c.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'")
		c.Set(fiber.HeaderCacheControl, "no-store")
		return h(c)
	})
}

// sameOrigin reports whether the browser says the request comes from a
// page of this origin.
func sameOrigin(c *fiber.Ctx) bool {
	if site := c.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin"
	}
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == c.Hostname() && u.Scheme == c.Protocol()
}
