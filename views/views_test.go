package views_test

import (
	"bytes"
	"io/fs"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/views"
)

// fixtures gives every template the data its handler passes: the
// handler's own page type, so a template that asks for a field the page
// does not have fails here. A template without an entry fails the test,
// so a new view cannot ship untested.
func fixtures() map[string]any {
	now := time.Now()
	user := &domain.Account{ID: 7, Name: "Maya Laurent", Email: "maya@example.com", Role: domain.RolePerformer}
	notes := []domain.Notification{
		{ID: 1, Title: "Welcome to Slate, Maya", Body: "Complete your profile.", Link: "/profile", CreatedAt: now.Add(-2 * time.Hour)},
		{ID: 2, Title: "Read one", Body: "Old news.", CreatedAt: now.Add(-72 * time.Hour), ReadAt: &now},
	}
	base := func(path string) handlers.Page {
		return handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: path, User: user}
	}
	visitor := handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: "/"}
	signup := &handlers.SignupPage{
		Page:   visitor,
		Form:   domain.Signup{Name: "Maya", Email: "maya@example.com", Role: domain.RoleCrew},
		Errors: domain.FieldErrors{"email": "An account already uses this e-mail address."},
		Roles:  domain.SignupRoles,
	}
	photoOK := handlers.NewPhotoView(domain.Photo{ID: 3, Position: 1, Status: domain.PhotoPassed, CheckSeq: 1, Caption: "On set",
		Report: []byte(`{"kind":"book","verdict":"pass","checks":[{"name":"resolution","status":"warn","message":"A little small.","value":800}]}`)}, true, false)
	photoBad := handlers.NewPhotoView(domain.Photo{ID: 4, Position: 2, Status: domain.PhotoFailed, CheckSeq: 2,
		Report: []byte(`{"kind":"book","verdict":"fail","checks":[{"name":"blur","status":"fail","message":"The picture is blurred.","value":3}]}`)}, false, false)
	photoPending := handlers.NewPhotoView(domain.Photo{ID: 5, Position: 3, Status: domain.PhotoPending, CheckSeq: 1}, false, true)
	photoError := handlers.NewPhotoView(domain.Photo{ID: 6, Status: domain.PhotoError, Problem: "This file is damaged.", IsHeadshot: true}, false, false)
	photoError.CaptionError = "Keep captions under 140 characters."
	p := profile.Profile{PublicProfile: profile.PublicProfile{DisplayName: "Maya Laurent", Pronouns: "she/her", Headline: "Actor", Bio: "Ten years on stage.",
		RoleTypes: []string{"actor"}, Gender: "female", PlayingAgeMin: 25, PlayingAgeMax: 35, HeightCM: 168,
		EyeColour: "green", HairColour: "brown", HairLength: "long", Departments: []string{"editing"}, Unions: []string{"sag_aftra"},
		Skills: []string{"Stage combat"}, Languages: []profile.Language{{Name: "French", Level: "native"}}, Accents: []string{"RP"},
		City: "Lisbon", Country: "PT", ExperienceLevel: "professional",
		Credits:  []profile.Credit{{Year: 2024, Title: "Hamlet", Role: "Ophelia", Kind: "theatre"}},
		Training: []profile.Training{{Year: 2015, Institution: "ESTC", Course: "Acting"}},
		Links:    []profile.Link{{Label: "Agency", URL: "https://agency.example.com"}}}}
	var sections []handlers.SectionView
	for _, sec := range profile.Sections {
		sv := handlers.SectionView{Section: sec, Form: profile.Values(sec.Name, p), CSRF: "csrf-token", Kind: profile.KindPerformer}
		if sec.Name == "performer" {
			sv.Form.Set("height_cm", "900")
			sv.Errors = domain.FieldErrors{"height_cm": "Height must be between 50 and 250 cm."}
		}
		if sec.Name == "credits" {
			sv.Errors = domain.FieldErrors{"credit_year_0": "Enter a year between 1900 and 2028."}
		}
		sv.Saved = sec.Name == "about"
		sections = append(sections, sv)
	}
	meter := profile.Completeness(p, profile.KindPerformer, profile.Media{BookPassed: 3}, time.Now())
	summary := handlers.TalentSummary{Meter: meter, Status: domain.ProfileDraft, SubmitProblem: "Your profile is not complete yet."}
	reels := handlers.ReelsSection{
		Reels: []domain.Reel{{ID: 1, Kind: "video", Title: "Showreel", Provider: "vimeo", URL: "https://vimeo.com/1"},
			{ID: 2, Kind: "audio", Title: "Voice demo", ContentType: "audio/mpeg", Bytes: 2 << 20}},
		ReelErrors: domain.FieldErrors{"reel_url": "Paste a link."}, ReelTitle: "Showreel", ReelURL: "nope", MaxReelMB: 100,
	}
	media := &handlers.MediaPage{Page: base("/profile/media"), TalentSummary: summary, ReelsSection: reels,
		PhotoManager: handlers.PhotoManager{Headshot: &photoError, Book: []handlers.PhotoView{photoOK, photoBad, photoPending},
			Problems: []handlers.FileProblem{{File: "scan.pdf", Message: "This file is not a JPEG, PNG or WebP photo."}}, MaxPhotoMB: 20}}
	edit := &handlers.ProfileEditPage{Page: base("/profile"), TalentSummary: summary, Sections: sections}
	head := domain.Photo{ID: 1, Width: 1000, Height: 1250, CheckSeq: 1}
	login := &handlers.LoginPage{Page: visitor, Email: "maya@example.com", Next: "/performer",
		Problem: "That e-mail and password do not match an account.", Notice: "You are logged out."}
	cast := castingFixtures(now)
	dash := func(withSummary bool, notes []domain.Notification) *handlers.DashboardPage {
		d := &handlers.DashboardPage{Page: base("/performer"), Notifications: notes}
		if withSummary {
			d.TalentSummary = summary
			d.Castings, d.Standing, d.Invitations = cast.cards, cast.standing, []store.MyCasting{cast.invitation.MyCasting}
		}
		return d
	}
	pf := producerFixtures(now, notes)
	threads := []production.Thread{
		{ID: 3, ListingID: 4, ListingTitle: "Two sisters", ProducerID: 9, TalentID: 7, With: "Ines Okafor", LastMessageAt: now.Add(-time.Hour),
			Preview: "Can you come to a callback on Monday?", LastSenderID: 9, Unread: 2},
		{ID: 5, ListingID: 6, ListingTitle: "Editor for a short", ProducerID: 9, TalentID: 7, With: "Oscar Ruiz", LastMessageAt: now.Add(-50 * time.Hour),
			Preview: "Thanks, see you there.", LastSenderID: 7},
	}
	msgs := []handlers.MessageView{
		{Message: production.Message{ID: 11, ThreadID: 3, SenderID: 9, Body: "Hello Maya,\n\nCan you come to a callback on Monday?", CreatedAt: now.Add(-2 * time.Hour)}, From: "Ines Okafor"},
		{Message: production.Message{ID: 12, ThreadID: 3, SenderID: 7, Body: "Yes! <b>10am</b> works.", CreatedAt: now.Add(-time.Hour)}, From: "You", Mine: true},
		{Message: production.Message{ID: 13, ThreadID: 3, SenderID: 9, Body: "This message was removed by a moderator.", CreatedAt: now.Add(-time.Minute), Removed: true}, From: "Ines Okafor"},
	}
	threadPage := &handlers.ThreadPage{Page: base("/messages/3"), Thread: threads[0], Messages: msgs, Older: 10, Paged: true,
		Reply: handlers.ReplyForm{ThreadID: 3, Body: "", Error: "Write a message before sending it."}}
	producerDash := dash(false, notes)
	producerDash.User = &domain.Account{ID: 9, Name: "Ines Okafor", Role: domain.RoleProducer}
	producerDash.Threads, producerDash.UnreadMessages = threads, 2
	browse := &handlers.BrowsePage{Page: base("/castings"), Kind: production.CastingCall, Cards: cast.cards,
		Filter: url.Values{"role_type": {"actor"}, "city": {"Lis"}, "paid": {"1"}}, More: "/castings?after=1-2", Continued: true}
	myCastings := &handlers.MyCastingsPage{Page: base("/my-castings"), Invitations: []handlers.MyCastingRow{cast.invitation}, Rows: cast.rows}
	people, card, invite, team, waitingDash := peopleFixtures(base, notes)
	pf.dashboard.Waiting, pf.dashboard.Threads = waitingDash.Waiting, threads // the producer dashboard shows every card
	// slice validation: its pages, and the reasons on the talent pages.
	mod := moderationFixtures(now, base, p, meter)
	summary.Validation = mod.rejected
	edit.TalentSummary, media.TalentSummary = summary, summary
	modDash := dash(false, notes)
	modDash.User = &domain.Account{ID: 2, Name: "Ana Moderator", Role: domain.RoleModerator}
	modDash.Queue, modDash.Stats, modDash.OpenTasks = mod.queue, mod.stats, 2
	fx := map[string]any{
		"moderation/review":           mod.review,
		"moderation/photo":            &handlers.ReviewPhotoPage{Page: base("/moderation/profiles/4"), Ph: mod.review.Photos[0]},
		"moderation/check_row":        views.CheckRow{Name: "resolution", Status: "warn", Message: "Small.", Value: "800", Detail: "short side"},
		"moderation/claim":            &handlers.ClaimPage{Page: base("/moderation/profiles/4"), Claim: mod.review.Claim},
		"moderation/queue":            map[string]any{"Rows": mod.queue, "CSRF": "csrf-token"},
		"moderation/stats":            mod.stats,
		"moderation/changes":          mod.changes,
		"moderation/talent_notice":    map[string]any{"V": mod.rejected, "Media": false},
		"messages/inbox":              &handlers.InboxPage{Page: base("/messages"), Threads: threads},
		"messages/thread":             threadPage,
		"messages/reply_form":         threadPage,
		"messages/reply":              &handlers.ReplyPage{Page: base("/messages/3"), Reply: handlers.ReplyForm{ThreadID: 3}, Sent: &msgs[1]},
		"messages/new":                &handlers.NewThreadPage{Page: base("/messages/new"), To: threads[0], Body: "Hi", Error: "Keep a message under 5000 characters."},
		"messages/dashboard_card":     producerDash,
		"partials/message":            msgs[0],
		"partials/thread_list":        map[string]any{"Threads": threads, "Me": int64(7), "Empty": "Nothing yet."},
		"projects/index":              pf.projects,
		"projects/card":               pf.projects.Active[0],
		"projects/new":                &handlers.ProjectFormPage{Page: pf.projects.Page},
		"projects/edit":               pf.projectForm,
		"projects/form":               pf.projectForm,
		"projects/show":               pf.project,
		"listings/edit":               pf.castingEdit,
		"listings/form":               pf.castingEdit,
		"listings/roles":              pf.castingEdit,
		"listings/heading":            pf.castingEdit,
		"listings/category":           pf.castingEdit,
		"listings/advice":             pf.jobEdit,
		"listings/preview":            pf.preview,
		"listings/summary":            pf.castingEdit.View,
		"listings/details":            pf.jobEdit.View,
		"dashboard/projects_card":     pf.dashboard.Projects,
		"applicants/people":           people,
		"applicants/panel":            people,
		"applicants/more":             people,
		"applicants/more_link":        people,
		"applicants/card":             card,
		"applicants/decided":          card,
		"applicants/invite":           invite,
		"applicants/invite_page":      invite,
		"team/team":                   team,
		"dashboard/waiting_card":      waitingDash,
		"layouts/main":                &handlers.ErrorPage{Page: base("/"), Code: 404, Message: "We could not find this page."},
		"partials/nav":                dash(false, nil).Nav(),
		"partials/csrf":               dash(false, nil),
		"partials/field":              map[string]any{"Name": "email", "Label": "E-mail", "Type": "email", "Value": "x@example.com", "Error": "Bad."},
		"partials/profile_progress":   dash(true, notes),
		"partials/notifications_card": notes,
		"partials/notification_list":  notes,
		"home/index":                  &handlers.HomePage{Page: visitor, Roles: domain.SignupRoles},
		"auth/signup":                 signup,
		"auth/signup_form":            signup,
		"auth/login":                  login,
		"auth/login_form":             login,
		"dashboard/performer":         dash(true, notes),
		"dashboard/crew":              dash(true, notes),
		"dashboard/producer":          pf.dashboard,
		"dashboard/moderator":         modDash,
		"errors/error":                &handlers.ErrorPage{Page: base("/"), Code: 404, Message: "We could not find this page."},
		"partials/select":             map[string]any{"Name": "gender", "Label": "Gender", "Options": "genders", "Value": "female", "Error": "Choose."},
		"partials/option":             map[string]any{"Value": "PT", "Label": "Portugal", "Selected": true},
		"partials/check":              map[string]any{"Name": "unions", "Value": "sag_aftra", "Label": "SAG-AFTRA", "Checked": true},
		"partials/checkboxes":         map[string]any{"Name": "role_types", "Label": "Role types", "Options": "role_types", "Form": profile.Values("performer", p), "Hint": "Pick all."},
		"partials/textarea":           map[string]any{"Name": "bio", "Label": "Bio", "Value": "Hello", "Error": "Too short."},
		"profile/tabs":                edit,
		"profile/edit":                edit,
		"profile/section":             &handlers.SectionPage{Page: base("/profile"), S: sections[2]},
		"profile/meter":               &handlers.MeterPage{Page: base("/profile"), TalentSummary: summary},
		"profile/media":               media,
		"profile/photo_manager":       media,
		"profile/photo_card":          &handlers.PhotoCardPage{Page: base("/profile/media"), Photo: photoPending},
		"profile/reels":               &handlers.ReelsPage{Page: base("/profile/media"), ReelsSection: reels},
		"castings/index":              browse,
		"castings/results":            browse,
		"castings/more":               browse,
		"castings/tabs":               browse,
		"partials/casting_card":       cast.cards[0],
		"partials/pay_tag":            cast.cards[1],
		"partials/listing_badges":     cast.cards[0],
		"castings/castmi":             &handlers.CastmiPage{Page: base("/castings"), C: cast.refused},
		"castings/show":               &handlers.ListingPage{Page: base("/castings/11"), Card: cast.cards[0]},
		"castings/dashboard_cards":    dash(true, notes),
		"my_castings/index":           myCastings,
		"my_castings/row":             &handlers.MyCastingRowPage{Page: base("/my-castings"), R: cast.invitation},
		"profile/public": &handlers.PublicProfilePage{Page: base("/talent/7"), TalentSummary: summary,
			Talent: domain.Account{ID: 7, Role: domain.RolePerformer}, P: p.Public(), Headshot: &head,
			Book: []domain.Photo{{ID: 2, Caption: "On set"}}, Reels: reels.Reels, Preview: true, Own: true, Invite: invite.Form},
		"settings/index":      settings(base("/settings")),
		"settings/mail_prefs": settings(base("/settings")),
		"unsubscribe/index":   &handlers.UnsubscribePage{Page: visitor, Token: "7.message.abc", What: "“Messages”"},
		"outbox/index":        &handlers.OutboxPage{Page: base("/admin/outbox"), Mails: handlers.NewOutboxRows([]store.OutboxEntry{{ID: 1, To: "maya@example.com", Subject: "New application", CreatedAt: now}})},
		"outbox/show":         outboxMail(base("/admin/outbox/1")),
		"mail/frame":          map[string]any{},
		"mail/notification":   map[string]any{"Subject": "Hi", "Name": "Maya", "Title": "Hi", "Body": "Body", "Link": "https://slate.test/", "TypeLabel": "Messages", "SettingsURL": "https://slate.test/settings", "UnsubscribeURL": "https://slate.test/unsubscribe/x"},
		"mail/digest":         map[string]any{"Subject": "Your digest", "Name": "Maya", "Items": []map[string]string{{"Title": "Hi", "Body": "Body", "Link": "https://slate.test/"}}, "SettingsURL": "https://slate.test/settings", "UnsubscribeURL": "https://slate.test/unsubscribe/x"},
	}
	for name, data := range closingFixtures(base, notes) { // slice: closing
		fx[name] = data
	}
	for name, data := range reportFixtures(now, base) { // slice reports
		fx[name] = data
	}
	for name, data := range groupMessageFixtures(base) { // slice group message
		fx[name] = data
	}
	for name, data := range listingReviewFixtures(now, base, pf.jobEdit.View, pf.jobEdit) { // slice listing review
		fx[name] = data
	}
	return fx
}

// settings is the settings page with one preference refused.
func settings(p handlers.Page) *handlers.SettingsPage {
	rows := make([]handlers.MailPrefRow, len(domain.MailTypes))
	for i, info := range domain.MailTypes {
		rows[i] = handlers.MailPrefRow{MailTypeInfo: info, Value: info.Default, Choices: domain.Cadences}
	}
	rows[0].Error = "Choose immediately, daily digest or never."
	return &handlers.SettingsPage{Page: p, Mail: handlers.MailPrefsView{Rows: rows, Saved: true}}
}

// outboxMail is one stored mail taken apart.
func outboxMail(p handlers.Page) *handlers.OutboxMailPage {
	return &handlers.OutboxMailPage{Page: p, Mail: store.OutboxEntry{ID: 1, To: "maya@example.com", Subject: "New application"},
		Headers: []mail.HeaderField{{Name: "Subject", Value: "New application"}}, Text: "Hello", HTML: "<p>Hello</p>"}
}

// moderationFixture is the validation pages' data (slice validation).
type moderationFixture struct {
	review   *handlers.ReviewPage
	queue    []handlers.QueueRow
	stats    handlers.StatsView
	changes  *handlers.ChangesPage
	rejected handlers.ValidationView
}

func moderationFixtures(now time.Time, base func(string) handlers.Page, p profile.Profile, meter profile.Meter) moderationFixture {
	decided := now.Add(-48 * time.Hour)
	claimer := int64(3)
	until := now.Add(10 * time.Minute)
	tasks := []moderation.Task{
		{ID: 4, OwnerID: 7, OwnerName: "Maya Laurent", OpenedAt: now.Add(-23 * time.Hour), DueAt: now.Add(time.Hour), ClaimedBy: &claimer, ClaimerName: "Ben", ClaimedUntil: &until},
		{ID: 5, OwnerID: 8, OwnerName: "Tom Reyes", OpenedAt: now.Add(-26 * time.Hour), DueAt: now.Add(-2 * time.Hour)},
	}
	var queue []handlers.QueueRow
	for i, t := range tasks {
		queue = append(queue, handlers.QueueRow{Task: t, Left: moderation.FormatLeft(t.TimeLeft(now)), Overdue: t.Overdue(now), Claimer: t.ClaimerName, Mine: i == 1, Due: "Wed 2 Dec, 10:00 UTC",
			URL: "/moderation/profiles/" + strconv.FormatInt(t.ID, 10)})
	}
	reasons := []moderation.Reason{moderation.Reasons[6], moderation.Reasons[11]}
	earlier := moderation.Task{ID: 2, Outcome: moderation.Reject, DecidedAt: &decided, DeciderName: "Ana", Reasons: []moderation.ReasonCode{moderation.Blurred}, Note: "Photo 3."}
	photo := handlers.ReviewPhoto{ID: 3, Position: 1, Status: domain.PhotoFailed, CheckSeq: 1, Width: 1200, Height: 1500,
		Review: domain.PhotoAccepted, ReviewReason: "Fine on a large screen.", HasImage: true,
		TaskID: 4, New: true, Error: "Choose why this photo cannot be used.", Reasons: moderation.PhotoReasons(), CanAct: true,
		Checks: []photocheck.CheckResult{{Name: "blur", Status: "fail", Message: "Blurred.", Value: 3.2}, {Name: "resolution", Status: "warn", Message: "Small.", Value: 800, Detail: "short side"}}}
	review := &handlers.ReviewPage{Page: base("/moderation/profiles/4"), Task: queue[1], Opened: "Mon 30 Nov, 09:00 UTC",
		Talent: domain.Account{ID: 7, Name: "Maya Laurent", Role: domain.RolePerformer}, P: p.Public(), Meter: meter,
		Photos: []handlers.ReviewPhoto{photo}, Reels: []domain.Reel{{ID: 1, Kind: "video", Title: "Showreel", URL: "https://vimeo.com/1"}},
		History: []handlers.HistoryRow{{Task: earlier, When: "Sat 28 Nov, 10:00 UTC", Reasons: earlier.ReasonList()}},
		Changed: []string{"About"}, Claim: handlers.ClaimView{TaskID: 4, Mine: true, Until: "10:15 UTC"}, Refusal: "Ben already decided this task.",
		Errors: domain.FieldErrors{"reasons": "Tick at least one reason.", "note": "Say which information is missing."}, Ticked: []string{"borders"},
		Note: "Add your height.", Reasons: moderation.Reasons, CanDecide: true}
	stats := handlers.StatsView{ModerationStats: store.ModerationStats{Open: 2, OverdueNow: 1, Decided: 12, Median: 3 * time.Hour, P95: 20 * time.Hour,
		ShareWithinDay: .92, PerModerator: []store.ModeratorCount{{Name: "Ana", N: 8}, {Name: "Ben", N: 4}}}, MedianText: "3 h 0 min", P95Text: "20 h 0 min", ShareText: "92%"}
	changes := &handlers.ChangesPage{Page: base("/moderation/changes"), Changes: []handlers.ChangeRow{{ProfileChange: store.ProfileChange{TalentID: 7, Name: "Maya Laurent",
		TextChanged: true, NewPhotos: []int64{3, 4}}, Since: "Mon 30 Nov, 09:00 UTC", Edited: "Tue 1 Dec, 11:00 UTC"}}}
	return moderationFixture{review: review, queue: queue, stats: stats, changes: changes,
		rejected: handlers.ValidationView{Reasons: reasons, Note: "Add your height."}}
}

// ReportFixtureSuspended is a suspended account's page, for the reports
// views test (the map holds one fixture per template).
var ReportFixtureSuspended *handlers.AccountCasePage

func reportOn(r domain.Report, k domain.ReportKind) domain.Report { r.Kind = k; return r }

// reportFixtures are the reports and suspension pages (slice reports):
// open and resolved reports, a message's thread, a suspended account.
func reportFixtures(now time.Time, base func(string) handlers.Page) map[string]any {
	mod := base("/moderation/reports")
	mod.User = &domain.Account{ID: 9, Name: "Mo Derator", Role: domain.RoleModerator}
	mod.OpenReports = 3
	open := domain.Report{ID: 4, ReporterID: 7, ReporterName: "Maya Laurent", Kind: domain.ReportListing, ObjectID: 11, OwnerID: 8,
		OwnerName: "Ines Okafor", Reason: "money", Details: "Asks for a 50 € casting fee by e-mail.", CreatedAt: now.Add(-3 * time.Hour)}
	resolved := open
	resolved.ID, resolved.Outcome, resolved.Note, resolved.ResolvedBy, resolved.ResolvedAt = 2, domain.OutcomeDismissed, "Fee was a refundable deposit.", "Mo Derator", &now
	reportID := int64(2)
	suspended := now.Add(-24 * time.Hour)
	susp := []domain.Suspension{
		{ID: 1, AccountID: 8, SuspendedBy: "Mo Derator", SuspendedAt: suspended, Reason: "Charged fees not disclosed.", ReportID: &reportID},
		{ID: 0, AccountID: 8, SuspendedBy: "Mo Derator", SuspendedAt: now.AddDate(0, -2, 0), Reason: "Spam.", LiftedBy: "Al Admin", LiftedAt: &suspended},
	}
	target := store.ReportTarget{Kind: domain.ReportListing, ID: 11, OwnerID: 8, Title: "Two sisters"}
	form := &handlers.ReportFormPage{Page: base("/report/listing/11"), Target: target, Reasons: domain.ReportReasons,
		Form: domain.ReportForm{Reason: "other"}, Errors: domain.FieldErrors{"details": "Tell us what is wrong.", "reason": "Choose."}, Back: "/castings/11"}
	listingCase := &handlers.ReportCasePage{Page: mod, Outcomes: domain.ReportOutcomes, Errors: domain.FieldErrors{"outcome": "Choose."},
		Problem: "This report was resolved by Al while you were reading it.",
		Case: store.ReportCase{Report: open, History: []domain.Report{resolved}, Suspensions: susp, SuspensionReason: "Fees.",
			Owner:  domain.Account{ID: 8, Name: "Ines Okafor", Role: domain.RoleProducer, SuspendedAt: &suspended},
			Object: store.ReportedObject{Title: "Two sisters", Facts: []string{"casting_call", "status published"}, Text: "Pay 50 € to audition.", Link: "/talent/8"}}}
	messageCase := &handlers.ReportCasePage{Page: mod, Outcomes: domain.ReportOutcomes, Errors: domain.FieldErrors{},
		Case: store.ReportCase{Report: reportOn(resolved, domain.ReportMessage), Owner: domain.Account{ID: 8, Name: "Ines", Role: domain.RoleProducer},
			Object: store.ReportedObject{Title: "Message about “Two sisters”", Gone: true, Thread: []store.ThreadLine{
				{ID: 1, From: "Ines", Body: "Hello", CreatedAt: now}, {ID: 2, From: "Ines", Body: "Send 50 €", CreatedAt: now, Reported: true, Removed: true}}}}}
	account := &handlers.AccountCasePage{Page: mod, Reason: "Spam", Errors: domain.FieldErrors{"reason": "Say why."},
		Case: store.AccountCase{Account: domain.Account{ID: 8, Name: "Ines Okafor", Email: "ines@example.com", Role: domain.RoleProducer, CreatedAt: now},
			Suspensions: susp, Reports: []domain.Report{open, resolved}, Filed: 1}}
	ReportFixtureSuspended = &handlers.AccountCasePage{Page: mod, Errors: domain.FieldErrors{},
		Case: store.AccountCase{Account: domain.Account{ID: 8, Name: "Ines Okafor", Role: domain.RolePerformer, SuspendedAt: &suspended},
			SuspensionReason: "Fees.", Suspensions: susp}}
	return map[string]any{
		"reports/new":               form,
		"reports/form":              &handlers.ReportFormPage{Page: form.Page, Target: target, Done: &open, Again: true, Back: "/castings/11"},
		"reports/mine":              &handlers.MyReportsPage{Page: base("/reports"), Reports: []domain.Report{open, resolved}},
		"partials/reports_card":     &handlers.DashboardPage{Page: mod},
		"moderation/reports":        &handlers.ReportsQueuePage{Page: mod, Reports: []domain.Report{open}},
		"moderation/report":         listingCase,
		"moderation/resolve_form":   messageCase,
		"moderation/suspension_row": susp[1],
		"moderation/accounts":       &handlers.AccountsPage{Page: mod, Q: "ines", Accounts: []domain.Account{account.Case.Account, ReportFixtureSuspended.Case.Account}},
		"moderation/account":        account,
	}
}

// castingFixture is the talent castings pages' data: cards in every
// state a role's button takes, and My castings rows.
type castingFixture struct {
	cards      []handlers.ListingCard
	refused    handlers.CastmiView
	invitation handlers.MyCastingRow
	rows       []handlers.MyCastingRow
	standing   []handlers.StateCount
}

func castingFixtures(now time.Time) castingFixture {
	deadline := now.Add(74 * time.Hour)
	from := now.AddDate(0, 1, 0)
	published := now.Add(-time.Hour)
	roles := []production.Role{
		{ID: 21, ListingID: 11, Name: "Ana", RoleType: "actor", Gender: "female", AgeMin: 25, AgeMax: 35, HeightMin: 160, Openings: 1,
			Description: "The older sister.", Skills: []string{"Swimming"}, Languages: []string{"Portuguese"}},
		{ID: 22, ListingID: 11, Name: "Bea", RoleType: "actor", Gender: "any", AgeMax: 20, Openings: 2},
		{ID: 23, ListingID: 11, Name: "Extras", RoleType: "extra", Openings: 30},
		{ID: 24, ListingID: 11, Name: "Narrator", RoleType: "voice_over", AgeMin: 40},
	}
	call := production.Listing{ID: 11, Kind: production.CastingCall, Status: production.Published, Title: "Two sisters",
		Description: "A tender story about two sisters by the sea.\nShot in Lisbon.", City: "Lisbon", Country: "PT",
		Pay: production.Pay{Kind: "paid", AmountCents: 15000, Currency: "EUR", Unit: "day", Guaranteed: true},
		Fee: production.Fee{AmountCents: 2500, Currency: "EUR", For: "a workshop day"}, UnionStatus: "non_union",
		Nudity: "partial", NudityDetails: "A swimming scene.", StudentFilm: true, School: "ESTC", Deadline: &deadline,
		TimeZone: "Europe/Lisbon", Visibility: "private", WorksFrom: &from, WorksUntil: &from, Roles: roles, PublishedAt: &published,
		Skills: []string{"Swimming"}}
	mine := map[int64]production.Participation{
		22: {ID: 31, RoleID: 22, State: production.Applied, Origin: production.FromApplication},
		23: {ID: 32, RoleID: 23, State: production.Invited, Origin: production.FromInvitation},
		24: {ID: 33, RoleID: 24, State: production.Withdrawn, Origin: production.FromApplication},
	}
	job := production.Listing{ID: 12, Kind: production.JobListing, Status: production.Closed, Title: "Editor for a short",
		Remote: true, Pay: production.Pay{Kind: "not_paid", UnpaidKind: "deferred", Offer: "Credit and meals"},
		Department: "editing", ExperienceLevel: "professional", Deadline: &published, TimeZone: "Nowhere/Invalid",
		Roles: []production.Role{{ID: 25, ListingID: 12, Name: "Editor", Openings: 1}}, PublishedAt: &published}
	cards := []handlers.ListingCard{
		handlers.NewListingCard(store.BrowseCard{Listing: call, ProjectTitle: "The Long Night", ProjectType: "feature_film", Mine: mine}, "csrf-token", "America/New_York", now),
		handlers.NewListingCard(store.BrowseCard{Listing: job, ProjectTitle: "Graduation", ProjectType: "student_film",
			Mine: map[int64]production.Participation{25: {ID: 34, RoleID: 25, State: production.Accepted}}}, "csrf-token", "", now),
	}
	refused := cards[0].Castmi[0]
	refused.Problem = "Complete your profile first: a headshot and at least 5 book photos that passed their checks, and the required sections. Then press castmi again."
	refused.FixLink, refused.Note, refused.NoteError = "/profile", "I grew up by the sea.", "Keep the note to 500 characters (it has 501)."
	casting := func(id int64, state production.State, origin production.Origin, closed bool) store.MyCasting {
		return store.MyCasting{Participation: production.Participation{ID: id, ListingID: 11, RoleID: 21, State: state, Origin: origin,
			CreatedAt: now.Add(-48 * time.Hour), UpdatedAt: now.Add(-time.Hour)},
			ListingTitle: "Two sisters", ListingKind: production.CastingCall, Deadline: &deadline, TimeZone: "Europe/Lisbon",
			RoleName: "Ana", ProjectTitle: "The Long Night", ProjectType: "feature_film", Closed: closed}
	}
	invitation := handlers.MyCastingRow{MyCasting: casting(41, production.Invited, production.FromInvitation, false), CSRF: "csrf-token",
		Problem: "This invitation was answered or taken back already."}
	var rows []handlers.MyCastingRow
	for i, st := range []production.State{production.Applied, production.Accepted, production.NotSelected, production.Withdrawn, production.Declined} {
		rows = append(rows, handlers.MyCastingRow{MyCasting: casting(int64(50+i), st, production.FromApplication, false), CSRF: "csrf-token"})
	}
	rows = append(rows, handlers.MyCastingRow{MyCasting: casting(60, production.Applied, production.FromApplication, true), CSRF: "csrf-token"})
	return castingFixture{cards: cards, refused: refused, invitation: invitation, rows: rows,
		standing: []handlers.StateCount{{Label: "Applied", Class: "applied", N: 3}, {Label: "Invited", Class: "invited", N: 1}}}
}

// peopleFixtures are the producer's people, invitation and team pages
// (slice applicants): a received tab with a card of every kind, a card
// redrawn after a refused decision, the invite form with a message, a
// team with cast and crew, and the dashboard's new applications.
func peopleFixtures(base func(string) handlers.Page, notes []domain.Notification) (*handlers.ListingPeoplePage, *handlers.ApplicantCardPage, *handlers.InvitePage, *handlers.TeamPage, *handlers.DashboardPage) {
	now := time.Now()
	decider := int64(1)
	listing := production.Listing{ID: 3, ProjectID: 2, Kind: production.CastingCall, Status: production.Published, Title: "Two sisters",
		Visibility: "private", Roles: []production.Role{{ID: 5, Name: "Ana"}, {ID: 6, Name: "Bea"}}}
	applicant := func(id int64, name string, o production.Origin, s production.State, headshot int64) production.Applicant {
		a := production.Applicant{Name: name, RoleName: "Ana", HeadshotID: headshot, HeadshotV: 2, AgeMin: 25, AgeMax: 35, HeightCM: 168, City: "Lisbon"}
		a.Participation = production.Participation{ID: id, ListingID: 3, RoleID: 5, TalentID: id + 100, ProducerID: 1, Origin: o, State: s,
			Note: "I grew up by the sea.", CreatedAt: now.Add(-3 * time.Hour)}
		if s == production.Accepted || s == production.NotSelected {
			a.DecidedBy, a.DecidedAt = &decider, &now
		}
		return a
	}
	people := &handlers.ListingPeoplePage{Page: base("/listings/3/people"), Listing: listing,
		Filter: production.PeopleFilter{Tab: production.TabReceived, RoleID: 5, State: production.Applied, Sort: production.SortName, After: "x"},
		Counts: production.TabCounts{Received: 48, Invitations: 3, Confirmed: 7}, Next: "bjoxMjp6b2U", Problem: "This casting is closed.", Notice: "2 accepted."}
	for _, a := range []production.Applicant{applicant(11, "Maya Laurent", production.FromApplication, production.Applied, 9),
		applicant(12, "Zoe Park", production.FromApplication, production.Accepted, 0), applicant(13, "Bruna Reis", production.FromInvitation, production.Invited, 0)} {
		people.Cards = append(people.Cards, handlers.NewApplicantCard(a, production.TabReceived, "csrf-token", false))
	}
	card := &handlers.ApplicantCardPage{Page: base("/participations/11/decide"), Counts: people.Counts,
		Card: handlers.NewApplicantCard(applicant(11, "Maya Laurent", production.FromApplication, production.NotSelected, 9), production.TabReceived, "csrf-token", false)}
	card.Card.Problem = "This cannot be done any more."
	invite := &handlers.InvitePage{Page: base("/talent/7/invite"), Form: &handlers.InviteForm{TalentID: 7, TalentName: "Maya Laurent",
		Kind: production.CastingCall, Options: []production.InviteOption{{ListingID: 3, RoleID: 5, ListingTitle: "Two sisters", RoleName: "Ana", Private: true}},
		Target: "3:5", Message: "We loved your reel.", Errors: domain.FieldErrors{"message": "Keep the message under 500 characters."},
		Notice: "Invitation sent.", Sent: true, CSRF: "csrf-token"}}
	member := func(a production.Applicant, kind production.Kind, dept string) production.TeamMember {
		return production.TeamMember{Applicant: a, ListingTitle: "Two sisters", Kind: kind, Department: dept, DecidedByName: "Ines Okafor"}
	}
	editor := applicant(14, "Eda Kaya", production.FromApplication, production.Accepted, 0)
	editor.RoleName = "Editor"
	team := &handlers.TeamPage{Page: base("/projects/2/team"), Project: production.Project{ID: 2, Title: "The Long Night"},
		Team: production.GroupTeam([]production.TeamMember{member(applicant(12, "Zoe Park", production.FromApplication, production.Accepted, 9), production.CastingCall, ""),
			member(editor, production.JobListing, "editing")})}
	dash := &handlers.DashboardPage{Page: base("/producer"), Notifications: notes,
		Waiting: []production.WaitingListing{{ListingID: 3, ListingTitle: "Two sisters", ProjectTitle: "The Long Night", Kind: production.CastingCall, Waiting: 12}}}
	return people, card, invite, team, dash
}

func TestEveryViewRenders(t *testing.T) {
	engine, fx := allFixtures(t)
	var names []string
	err := fs.WalkDir(views.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			names = append(names, strings.TrimSuffix(path, ".html"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < len(fx) {
		t.Fatalf("found %d templates, fixtures for %d", len(names), len(fx))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, ok := fx[name]
			if !ok {
				t.Fatalf("no fixture for %s: add one to fixtures()", name)
			}
			bind := data
			var buf bytes.Buffer
			layout := []string{}
			// A page renders in the layout; an area's partial (a card, a
			// block another page includes) takes data without a Page.
			if !strings.HasPrefix(name, "partials/") && !strings.HasPrefix(name, "layouts/") && isPage(data) {
				layout = append(layout, "layouts/main")
			}
			if name == "layouts/main" {
				// The layout alone needs something to embed.
				if err := engine.Render(&buf, "errors/error", fx["errors/error"], "layouts/main"); err != nil {
					t.Fatal(err)
				}
				if out := buf.String(); !strings.Contains(out, "skip-link") || !strings.Contains(out, "We could not find this page.") {
					t.Fatalf("the page is not inside its layout:\n%s", out)
				}
			} else if err := engine.Render(&buf, name, bind, layout...); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.TrimSpace(out) == "" {
				t.Fatal("rendered nothing")
			}
			if strings.Contains(out, "<no value>") {
				t.Errorf("a field is missing from the fixture or the template:\n%s", out)
			}
		})
	}
}

// isPage reports whether data is a page's data: a struct embedding
// handlers.Page.
func isPage(data any) bool {
	v := reflect.Indirect(reflect.ValueOf(data))
	return v.Kind() == reflect.Struct && v.FieldByName("Page").IsValid()
}

func TestFormFieldsAreLabelled(t *testing.T) {
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	fx := fixtures()
	for _, name := range []string{"auth/signup", "auth/login"} {
		var buf bytes.Buffer
		if err := engine.Render(&buf, name, fx[name], "layouts/main"); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		for _, id := range []string{`id="f-email"`, `id="f-password"`} {
			if !strings.Contains(html, id) {
				t.Errorf("%s lacks %s", name, id)
			}
		}
		if strings.Count(html, `<label for="f-`) < 2 {
			t.Errorf("%s: inputs without labels", name)
		}
	}
}

func renderString(t *testing.T, name string, data any) string {
	t.Helper()
	var buf bytes.Buffer
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Render(&buf, name, data); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestSectionShowsTypedValueAndMessage(t *testing.T) {
	fx := fixtures()
	html := renderString(t, "profile/section", fx["profile/section"])
	for _, want := range []string{`value="900"`, "Height must be between 50 and 250 cm.", `aria-describedby="e-height_cm"`, "nothing was saved"} {
		if !strings.Contains(html, want) {
			t.Errorf("performer section lacks %q", want)
		}
	}
}

func TestPhotoCardPollsOnlyWhilePending(t *testing.T) {
	pending := renderString(t, "profile/photo_card", &handlers.PhotoCardPage{Photo: handlers.NewPhotoView(domain.Photo{ID: 9, Status: domain.PhotoPending}, false, false)})
	if !strings.Contains(pending, `hx-trigger="every 1s"`) || !strings.Contains(pending, "Checking") {
		t.Errorf("a pending card does not poll:\n%s", pending)
	}
	done := renderString(t, "profile/photo_card", &handlers.PhotoCardPage{Photo: handlers.NewPhotoView(domain.Photo{ID: 9, Status: domain.PhotoFailed,
		Report: []byte(`{"verdict":"fail","checks":[{"name":"blur","status":"fail","message":"The picture is blurred: upload a sharp, professional photo."}]}`)}, false, false)})
	if strings.Contains(done, "hx-trigger") || !strings.Contains(done, "The picture is blurred: upload a sharp, professional photo.") {
		t.Errorf("a checked card still polls or hides its verdict:\n%s", done)
	}
}

// producerFx are the producer pages' fixtures.
type producerFx struct {
	projects             *handlers.ProjectsPage
	projectForm          *handlers.ProjectFormPage
	project              *handlers.ProjectPage
	castingEdit, jobEdit *handlers.ListingEditPage
	preview              *handlers.ListingPreviewPage
	dashboard            *handlers.DashboardPage
}

// producerFixtures builds them: a project with a private draft casting
// call refused for a past deadline and reversed ages, and a published job
// listing.
func producerFixtures(now time.Time, notes []domain.Notification) producerFx {
	producer := &domain.Account{ID: 9, Name: "Ines Okafor", Email: "ines@example.com", Role: domain.RoleProducer}
	prod := func(path string) handlers.Page {
		return handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: path, User: producer}
	}
	proj := production.Project{ID: 3, ProducerID: 9, Title: "The Long Night", Type: "feature_film", Company: "Okafor Films",
		Description: "A night in Lisbon.", City: "Lisbon", Country: "PT", StartsOn: &now, EndsOn: &now}
	archivedAt := now.Add(-time.Hour)
	summaries := []production.ProjectSummary{{Project: proj, Listings: 2, Applications: 14, Team: 3}}
	archived := []production.ProjectSummary{{Project: production.Project{ID: 4, Title: "Old short", Type: "short_film", Remote: true, ArchivedAt: &archivedAt}}}
	deadline := now.Add(72 * time.Hour)
	casting := production.Listing{ID: 11, ProjectID: 3, Kind: production.CastingCall, Status: production.Draft, Title: "Two sisters",
		Description: "A tender story.", City: "Porto", Country: "PT", WorksFrom: &now, WorksUntil: &deadline, Deadline: &deadline, TimeZone: "Europe/Lisbon",
		Pay: production.Pay{Kind: "paid", AmountCents: 15000, Currency: "EUR", Unit: "day", Guaranteed: true},
		Fee: production.Fee{AmountCents: 2500, Currency: "EUR", For: "the workshop day"}, UnionStatus: "non_union",
		Nudity: "partial", NudityDetails: "A bathing scene.", StudentFilm: true, School: "ESTC", Visibility: "private", Notes: "Bring a swimsuit.",
		Roles: []production.Role{{ID: 1, Name: "Ana", RoleType: "actor", Gender: "female", AgeMin: 25, AgeMax: 35, HeightMin: 160,
			Description: "The elder sister.", Skills: []string{"Swimming"}, Languages: []string{"Portuguese"}, Openings: 1},
			{ID: 2, Name: "Crowd", RoleType: "extra", Gender: "any", AgeMax: 80, Openings: 20}}}
	job := production.Listing{ID: 12, ProjectID: 3, Kind: production.JobListing, Status: production.Published, Title: "Editor",
		Remote: true, Pay: production.Pay{Kind: "not_paid", UnpaidKind: "deferred", Offer: "Credit"}, Nudity: "none", Visibility: "public",
		Department: "editing", Position: "Editor", ExperienceLevel: "professional", OwnEquipment: true, Skills: []string{"Avid"},
		Roles: []production.Role{{Name: "Editor", Openings: 2}}}
	castingView := handlers.NewListingView(casting, proj, now)
	castingView.Link = "/listings/11"
	jobView := handlers.NewListingView(job, proj, now)
	castingForm := production.ListingValues(casting)
	castingForm.Set("deadline", "2020-01-01T10:00")
	castingErrs := domain.FieldErrors{"deadline": "The deadline has passed: choose a date and time ahead.", "role_age_max_0": "The oldest playing age is below the youngest."}
	castingEdit := &handlers.ListingEditPage{Page: prod("/listings/11/edit"), Project: proj, Listing: casting, View: castingView,
		Form: castingForm, Errors: castingErrs, Zone: "Europe/Lisbon",
		Roles: []handlers.RoleRowView{{N: 0, Values: map[string]string{"name": "Ana", "type": "actor", "gender": "female", "age_min": "40", "age_max": "30", "openings": "1"},
			Errors: map[string]string{"age_max": "The oldest playing age is below the youngest."}},
			{N: 1, Values: map[string]string{"gender": "any", "openings": "1"}, Blank: true}},
		Problems: []handlers.Problem{{Field: "role_age_max_0", Message: "The oldest playing age is below the youngest.", Where: "Role 1"},
			{Field: "deadline", Message: "The deadline has passed: choose a date and time ahead."}}}
	jobEdit := &handlers.ListingEditPage{Page: prod("/listings/12/edit"), Project: proj, Listing: job, View: jobView,
		Form: production.ListingValues(job), Saved: true,
		Advice: []handlers.Problem{{Field: "nudity", Message: "The text mentions nudity or sexual content, but the declaration says none."}}}
	projectPage := &handlers.ProjectPage{Page: prod("/projects/3"), Project: proj, Listings: []handlers.ListingView{castingView, jobView}}
	projectForm := &handlers.ProjectFormPage{Page: prod("/projects/3/edit"), Project: proj, Form: production.ProjectValues(proj),
		Errors: domain.FieldErrors{"ends_on": "The end date is before the start date."}}
	producerDash := &handlers.DashboardPage{Page: prod("/producer"), Notifications: notes,
		Projects: &handlers.ProjectsCard{Active: 1, Latest: summaries}}
	return producerFx{
		projects:    &handlers.ProjectsPage{Page: prod("/projects"), Active: summaries, Archived: archived},
		projectForm: projectForm, project: projectPage, castingEdit: castingEdit, jobEdit: jobEdit,
		preview:   &handlers.ListingPreviewPage{Page: prod("/listings/11/preview"), Project: proj, View: castingView},
		dashboard: producerDash,
	}
}
