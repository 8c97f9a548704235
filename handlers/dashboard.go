package handlers

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// NotificationStore is what the dashboards' notifications card reads; the
// notification centre is notifications.go's.
type NotificationStore interface {
	Notifications(ctx context.Context, accountID int64, limit int) ([]domain.Notification, error)
}

// dashboardThreads is how many threads a dashboard's messages card lists.
const dashboardThreads = 3

// Batcher gathers a page's independent reads into one round trip
// (store.Batch): the dashboards read half a dozen things at once.
type Batcher interface {
	Batch() *store.Batch
}

// dashboardHandler serves the home page and each role's dashboard.
type dashboardHandler struct {
	store NotificationStore
	// reads batches what every dashboard shows: notifications, threads,
	// the badges and, for talent, the profile and castings cards, for a
	// producer the projects, for a moderator the queues and figures.
	reads Batcher
	now   func() time.Time
}

func (h *dashboardHandler) routes(app fiber.Router) {
	app.Get("/", h.home)
	for _, role := range []domain.Role{domain.RolePerformer, domain.RoleCrew, domain.RoleProducer} {
		app.Get(role.DashboardPath(), requireRole(role), h.dashboard)
	}
	// The moderator's dashboard is the validation queue: like every
	// /moderation page it does not exist (404) for other accounts.
	app.Get(domain.RoleModerator.DashboardPath(), requireModerator, h.dashboard)
}

// HomePage is the visitor's landing page.
type HomePage struct {
	Page
	Roles []domain.RoleOption
}

// DashboardPage is a role's dashboard: the latest notifications and, for
// talent, how far their profile is.
type DashboardPage struct {
	Page
	TalentSummary
	Notifications []domain.Notification
	// Threads are the latest message threads, with their unread counts.
	Threads []production.Thread
	// Projects is the producer dashboard's projects card (nil for others).
	Projects *ProjectsCard
	// Castings are the latest open listings of a talent's kind.
	Castings []ListingCard
	// Standing counts a talent's applications and invitations by state.
	Standing []StateCount
	// Invitations are the invitations waiting for a talent's answer.
	Invitations []store.MyCasting
	// Waiting are the producer's listings with applications to decide on.
	Waiting []production.WaitingListing
	// Queue and Stats are the moderator's validation queue and figures.
	Queue []QueueRow
	Stats StatsView
	// Listings are the listings waiting for review, first submitted first
	// (the listing review card; slice listing review).
	Listings []QueueRow
}

// StatsView is the moderation figures, worded.
type StatsView struct {
	store.ModerationStats
	MedianText, P95Text, ShareText string
}

// ProjectsCard sums up a producer's projects on the dashboard.
type ProjectsCard struct {
	// Active counts the projects not archived.
	Active int
	// Latest are the newest active projects, with their counts.
	Latest []production.ProjectSummary
}

// dashboardProjects is how many projects the dashboard card lists.
const dashboardProjects = 3

// StateCount is how many participations read one state label.
type StateCount struct {
	Label string
	Class string
	N     int
}

// dashboardCastings is how many open listings the talent dashboards show.
const dashboardCastings = 3

func (h *dashboardHandler) home(c *fiber.Ctx) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(u.Role.DashboardPath(), fiber.StatusSeeOther)
	}
	return renderPage(c, "home/index", &HomePage{Page: Page{Title: "Slate — casting, verified"}, Roles: domain.SignupRoles})
}

// dashboard renders the role's own dashboard; the route's requireRole has
// already checked the role matches.
func (h *dashboardHandler) dashboard(c *fiber.Ctx) error {
	u := currentUser(c)
	page := &DashboardPage{Page: Page{Title: u.Role.Label() + " dashboard"}}
	rd := h.reads.Batch()
	notes, nav := rd.Notifications(u.ID, 5), queueNav(c, rd, u.ID)
	threads := new([]production.Thread)
	if u.Role != domain.RoleModerator {
		threads = rd.Threads(u.ID, dashboardThreads)
	}
	var (
		t        *talent
		rec      *store.TalentRecord
		browse   *store.BrowseResult
		castings *[]store.MyCasting
	)
	if u.Role.IsTalent() {
		t, rec = queueTalent(rd, *u)
		browse, castings = rd.Browse(*u, store.BrowseFilter{Limit: dashboardCastings, CardsOnly: true}), rd.MyCastings(u.ID)
	}
	var (
		projects *[]production.ProjectSummary
		waiting  *[]production.WaitingListing
	)
	if u.Role == domain.RoleProducer {
		projects, waiting = rd.Projects(u.ID), rd.WaitingApplications(u.ID, 6)
	}
	var (
		queues map[moderation.Subject][]moderation.Task
		stats  *store.ModerationStats
	)
	if u.Role == domain.RoleModerator {
		queues, stats = rd.Queues(u.ID, moderation.SubjectProfile, moderation.SubjectListing), rd.Stats(u.ID, h.now())
	}
	if err := rd.Send(c.UserContext()); err != nil {
		return err
	}
	page.Notifications, page.Threads = *notes, *threads
	if nav != nil {
		page.setNav(nav)
	}
	if t != nil {
		t.fill(*rec, h.now())
		page.TalentSummary = t.summary()
		h.talentCastings(c, page, browse.Cards, *castings)
	}
	if u.Role == domain.RoleProducer {
		card := &ProjectsCard{}
		for _, p := range *projects { // active ones first, newest first
			if p.Archived() {
				break
			}
			card.Active++
			if len(card.Latest) < dashboardProjects {
				card.Latest = append(card.Latest, p)
			}
		}
		page.Projects, page.Waiting = card, *waiting
	}
	if u.Role == domain.RoleModerator {
		// The reports card reads Page.OpenReports, the navigation's badge,
		// which render fills (from the session's query on a GET).
		h.moderatorCards(c, page, queues, *stats)
	}
	return renderPage(c, "dashboard/"+string(u.Role), page)
}

// moderatorCards fills the moderator's dashboard, from the page's batch:
// the open tasks, first due first, and the figures of the last 7 days.
func (h *dashboardHandler) moderatorCards(c *fiber.Ctx, page *DashboardPage, queues map[moderation.Subject][]moderation.Task, st store.ModerationStats) {
	u, now := currentUser(c), h.now()
	page.Queue = queueRows(queues[moderation.SubjectProfile], *u, now)
	page.Listings = queueRows(queues[moderation.SubjectListing], *u, now)
	page.Stats = StatsView{ModerationStats: st, MedianText: hoursMinutes(st.Median), P95Text: hoursMinutes(st.P95),
		ShareText: strconv.Itoa(int(math.Round(st.ShareWithinDay*100))) + "%"}
	switch c.Query("decided") {
	case string(moderation.Approve):
		page.Flash = "Profile approved: it is public, and the talent has been told."
	case string(moderation.Reject):
		page.Flash = "Changes requested: the talent sees your reasons and has been told."
	}
}

// hoursMinutes words a duration as "3 h 20 min".
func hoursMinutes(d time.Duration) string {
	return strings.TrimSuffix(moderation.FormatLeft(d), " left")
}

// talentCastings fills the talent dashboard's castings cards: the latest
// open listings of their kind, their participations counted by state
// label, and the invitations waiting for them.
func (h *dashboardHandler) talentCastings(c *fiber.Ctx, page *DashboardPage, latest []store.BrowseCard, mine []store.MyCasting) {
	u := currentUser(c)
	for _, card := range latest {
		page.Castings = append(page.Castings, NewListingCard(card, csrfToken(c), u.TimeZone, h.now()))
	}
	counts := map[string]int{}
	for _, m := range mine {
		counts[m.Label()]++
		if m.State == production.Invited && !m.Closed {
			page.Invitations = append(page.Invitations, m)
		}
	}
	for _, s := range []struct{ label, class string }{{"Applied", "applied"}, {"Invited", "invited"}, {"Accepted", "accepted"},
		{"Selected", "accepted"}, {"Not selected", "rejected"}, {"Withdrawn", "withdrawn"}, {"Declined", "declined"}, {"Closed", "closed"},
		{"Closed, awaiting", "closed"}} {
		if n := counts[s.label]; n > 0 {
			page.Standing = append(page.Standing, StateCount{Label: s.label, Class: s.class, N: n})
		}
	}
}
