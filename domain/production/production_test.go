package production

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
)

func TestStatusTransitions(t *testing.T) {
	t.Parallel()
	all := []Status{Draft, InReview, ChangesRequested, Rejected, Published, Hidden, Lapsed, Closed}
	events := []Event{Submit, Approve, RequestChanges, Refuse, Hide, Lapse, Unhide, Close}
	// The allowed moves: submit goes to listing review.
	want := map[Status]map[Event]Status{
		Draft:            {Submit: InReview},
		ChangesRequested: {Submit: InReview, Lapse: Lapsed},
		// Hidden for no answer, the producer may still answer; hidden by
		// a moderator, a listing that was out does not come back by itself.
		Lapsed:    {Submit: InReview},
		InReview:  {Approve: Published, RequestChanges: ChangesRequested, Refuse: Rejected},
		Published: {Hide: Hidden, Close: Closed},
		Hidden:    {Unhide: Published, Close: Closed},
	}
	for _, from := range all {
		for _, e := range events {
			to, ok := from.Next(e)
			wantTo, wantOK := want[from][e]
			if ok != wantOK || to != wantTo {
				t.Errorf("%s --%s--> %q, %v; want %q, %v", from, e, to, ok, wantTo, wantOK)
			}
		}
		if from.Label() == "" {
			t.Errorf("%s has no label", from)
		}
	}
	for s, editable := range map[Status]bool{Draft: true, ChangesRequested: true, Lapsed: true, Published: false, Hidden: false, Closed: false, InReview: false} {
		if s.Editable() != editable {
			t.Errorf("%s.Editable() = %v", s, !editable)
		}
	}
}

func TestParticipationMoves(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from   State
		by     Actor
		move   Move
		origin Origin
		to     State
		ok     bool
	}{
		{Applied, ByTalent, Withdraw, FromApplication, Withdrawn, true},
		{Withdrawn, ByTalent, Apply, FromApplication, Applied, true},
		{Applied, ByProducer, Accept, FromApplication, Accepted, true},
		{Applied, ByProducer, Reject, FromApplication, NotSelected, true},
		{Accepted, ByProducer, Reject, FromApplication, NotSelected, true},
		{NotSelected, ByProducer, Accept, FromApplication, Accepted, true},
		{Accepted, ByProducer, Undo, FromApplication, Applied, true},
		{Accepted, ByProducer, Undo, FromInvitation, Invited, true},
		{Invited, ByTalent, Accept, FromInvitation, Accepted, true},
		{Invited, ByTalent, Decline, FromInvitation, Declined, true},
		{Invited, ByProducer, Uninvite, FromInvitation, Withdrawn, true},
		// Nobody acts on another's behalf.
		{Applied, ByTalent, Accept, FromApplication, "", false},
		{Applied, ByProducer, Withdraw, FromApplication, "", false},
		{Invited, ByProducer, Accept, FromInvitation, "", false},
		{Declined, ByProducer, Accept, FromInvitation, "", false},
		{Accepted, ByTalent, Withdraw, FromApplication, "", false},
		{Withdrawn, ByProducer, Accept, FromApplication, "", false},
	}
	for _, tt := range tests {
		to, ok := tt.from.Next(tt.by, tt.move, tt.origin)
		if to != tt.to || ok != tt.ok {
			t.Errorf("%s by %s %s (%s) = %q, %v; want %q, %v", tt.from, tt.by, tt.move, tt.origin, to, ok, tt.to, tt.ok)
		}
	}
	if Applied.Label(true) != "Closed" || Accepted.Label(true) != "Accepted" || NotSelected.Label(false) != "Not selected" {
		t.Error("labels")
	}
}

func TestParseProject(t *testing.T) {
	t.Parallel()
	ok := url.Values{"title": {"  The Long   Night "}, "type": {"feature_film"}, "city": {"Lisbon"}, "country": {"PT"},
		"starts_on": {"2027-03-01"}, "ends_on": {"2027-04-15"}}
	var p Project
	if errs := ParseProject(ok, &p); len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if p.Title != "The Long Night" || p.StartsOn == nil || p.EndsOn.Format(DateLayout) != "2027-04-15" {
		t.Errorf("parsed %+v", p)
	}
	if got := ProjectValues(p); got.Get("starts_on") != "2027-03-01" || got.Get("title") != "The Long Night" {
		t.Errorf("values %v", got)
	}
	tests := []struct {
		name   string
		change url.Values
		field  string
	}{
		{"no title", url.Values{"title": {""}}, "title"},
		{"unknown type", url.Values{"type": {"opera"}}, "type"},
		{"no place", url.Values{"city": {""}}, "city"},
		{"reversed dates", url.Values{"ends_on": {"2027-02-01"}}, "ends_on"},
		{"not a date", url.Values{"starts_on": {"March"}}, "starts_on"},
		{"unknown country", url.Values{"country": {"XX"}}, "country"},
	}
	for _, tt := range tests {
		v := url.Values{}
		for k, vs := range ok {
			v[k] = vs
		}
		for k, vs := range tt.change {
			v[k] = vs
		}
		before := p
		errs := ParseProject(v, &p)
		if errs[tt.field] == "" {
			t.Errorf("%s: no message at %s (%v)", tt.name, tt.field, errs)
		}
		if p != before {
			t.Errorf("%s: the project changed on errors", tt.name)
		}
	}
	remote := url.Values{"title": {"Podcast"}, "type": {"voice_over"}, "remote": {"1"}}
	if errs := ParseProject(remote, &Project{}); len(errs) > 0 {
		t.Errorf("a remote project needs no place: %v", errs)
	}
}

func castingForm() url.Values {
	return url.Values{
		"title": {"Two leads for a short"}, "description": {strings.Repeat("A tender story about two sisters. ", 3)},
		"works_from": {"2027-05-01"}, "works_until": {"2027-05-10"}, "city": {"Porto"}, "country": {"PT"},
		"pay": {"paid"}, "pay_amount": {"150"}, "pay_currency": {"EUR"}, "pay_unit": {"day"}, "pay_guaranteed": {"1"},
		"nudity": {"none"}, "deadline": {"2027-04-01T18:00"}, "time_zone": {"Europe/Lisbon"}, "visibility": {"public"},
		"notes":     {"Bring a swimsuit."},
		"role_name": {"Ana", "Bea", ""}, "role_type": {"actor", "actor", ""}, "role_gender": {"female", "female", "any"},
		"role_age_min": {"25", "30", ""}, "role_age_max": {"35", "40", ""}, "role_height_min": {"", "", ""},
		"role_height_max": {"", "", ""}, "role_description": {"The elder sister.", "", ""},
		"role_skills": {"Swimming, swimming, Piano", "", ""}, "role_languages": {"Portuguese", "", ""},
		"role_openings": {"1", "1", "1"},
	}
}

func TestParseListingAndMissing(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	l := Listing{Kind: CastingCall, Status: Draft}
	if errs := ParseListing(castingForm(), &l, now); len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if len(l.Roles) != 2 || l.Roles[0].Name != "Ana" || len(l.Roles[0].Skills) != 2 || l.Roles[1].Gender != "female" {
		t.Errorf("roles %+v", l.Roles)
	}
	if l.Deadline == nil || l.Deadline.UTC().Hour() != 17 { // Lisbon is UTC+1 in April
		t.Errorf("deadline %v, want 18:00 Lisbon time", l.Deadline)
	}
	if l.Notes != "Bring a swimsuit." {
		t.Errorf("notes %q", l.Notes)
	}
	if !l.Pay.Paid() || l.Pay.AmountCents != 15000 {
		t.Errorf("pay %+v", l.Pay)
	}
	if m := Missing(l, now); len(m) > 0 {
		t.Errorf("a complete listing misses %v", m)
	}
	again := ListingValues(l)
	var round Listing = Listing{Kind: CastingCall}
	if errs := ParseListing(again, &round, now); len(errs) > 0 || len(round.Roles) != 2 || round.Deadline.Equal(*l.Deadline) == false {
		t.Errorf("round trip: %v, %+v", errs, round)
	}

	tests := []struct {
		name   string
		change url.Values
		field  string
	}{
		{"reversed ages", url.Values{"role_age_min": {"40", "30", ""}, "role_age_max": {"30", "40", ""}}, "role_age_max_0"},
		{"reversed heights", url.Values{"role_height_min": {"", "190", ""}, "role_height_max": {"", "160", ""}}, "role_height_max_1"},
		{"deadline in the past", url.Values{"deadline": {"2026-12-01T10:00"}}, "deadline"},
		{"end before start", url.Values{"works_until": {"2027-04-01"}}, "works_until"},
		{"paid with zero", url.Values{"pay_amount": {"0"}}, "pay_amount"},
		{"paid with words", url.Values{"pay_amount": {"lots"}}, "pay_amount"},
		{"unknown role type", url.Values{"role_type": {"wizard", "actor", ""}}, "role_type_0"},
		{"unknown nudity", url.Values{"nudity": {"some"}}, "nudity"},
		{"unnamed role", url.Values{"role_name": {"", "Bea", ""}, "role_description": {"x", "", ""}}, "role_name_0"},
		{"fee without amount", url.Values{"fee_charged": {"1"}}, "fee_amount"},
	}
	for _, tt := range tests {
		v := castingForm()
		for k, vs := range tt.change {
			v[k] = vs
		}
		before := Listing{Kind: CastingCall}
		got := before
		errs := ParseListing(v, &got, now)
		if errs[tt.field] == "" {
			t.Errorf("%s: no message at %s (%v)", tt.name, tt.field, errs)
		}
		if got.Title != "" {
			t.Errorf("%s: the listing changed on errors", tt.name)
		}
	}

	missing := []struct {
		name   string
		change func(*Listing)
		field  string
	}{
		{"no roles", func(l *Listing) { l.Roles = nil }, "role_name_0"},
		{"not guaranteed", func(l *Listing) { l.Pay.Guaranteed = false }, "pay_guaranteed"},
		{"pay not said", func(l *Listing) { l.Pay = Pay{} }, "pay"},
		{"nudity not declared", func(l *Listing) { l.Nudity = "" }, "nudity"},
		{"nudity without details", func(l *Listing) { l.Nudity = "partial" }, "nudity_details"},
		{"student film without school", func(l *Listing) { l.StudentFilm = true }, "school"},
		{"no deadline", func(l *Listing) { l.Deadline = nil }, "deadline"},
		{"fee not spelled out", func(l *Listing) { l.Fee = Fee{AmountCents: 2500} }, "fee_for"},
		{"vague", func(l *Listing) { l.Description = "Come!" }, "description"},
	}
	for _, tt := range missing {
		c := l
		c.Roles = append([]Role(nil), l.Roles...)
		tt.change(&c)
		if Missing(c, now)[tt.field] == "" {
			t.Errorf("%s: Missing has nothing at %s", tt.name, tt.field)
		}
	}
}

func TestParseJobListing(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	v := url.Values{"title": {"Editor for a documentary"}, "description": {strings.Repeat("Cut a 90 minute documentary. ", 3)},
		"works_from": {"2027-02-01"}, "remote": {"1"}, "pay": {"not_paid"}, "unpaid_kind": {"deferred"},
		"nudity": {"none"}, "deadline": {"2027-01-20T12:00"}, "department": {"editing"}, "position": {"Editor"},
		"experience_level": {"professional"}, "own_equipment": {"1"}, "skills": {"Avid, DaVinci Resolve"}, "openings": {"2"}}
	l := Listing{Kind: JobListing}
	if errs := ParseListing(v, &l, now); len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if len(l.Roles) != 1 || l.Roles[0].Name != "Editor" || l.Roles[0].Openings != 2 || !l.OwnEquipment || len(l.Skills) != 2 {
		t.Errorf("job listing %+v", l)
	}
	if l.Pay.Paid() {
		t.Error("deferred pay carries the PAID tag")
	}
	if m := Missing(l, now); len(m) > 0 {
		t.Errorf("a complete job listing misses %v", m)
	}
}

func TestApplyProblem(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	later := now.Add(48 * time.Hour)
	earlier := now.Add(-time.Hour)
	open := Listing{Kind: CastingCall, Status: Published, Deadline: &later, Visibility: "public"}
	ready := Eligibility{Role: domain.RolePerformer, ProfileComplete: true}
	tests := []struct {
		name string
		l    func(Listing) Listing
		who  func(Eligibility) Eligibility
		want string // part of the message, "" for allowed
	}{
		{"allowed", nil, nil, ""},
		{"crew to a casting call", nil, func(e Eligibility) Eligibility { e.Role = domain.RoleCrew; return e }, "crew apply to job listings"},
		{"producer", nil, func(e Eligibility) Eligibility { e.Role = domain.RoleProducer; return e }, "Only performers and crew"},
		{"closed", func(l Listing) Listing { l.Status = Closed; return l }, nil, "closed"},
		{"draft", func(l Listing) Listing { l.Status = Draft; return l }, nil, "not open"},
		{"deadline passed", func(l Listing) Listing { l.Deadline = &earlier; return l }, nil, "deadline"},
		{"private, not invited", func(l Listing) Listing { l.Visibility = "private"; return l }, nil, "private"},
		{"private, invited", func(l Listing) Listing { l.Visibility = "private"; return l },
			func(e Eligibility) Eligibility { e.Invited = true; return e }, ""},
		{"incomplete profile", nil, func(e Eligibility) Eligibility { e.ProfileComplete = false; return e }, "Complete your profile"},
	}
	for _, tt := range tests {
		l, who := open, ready
		if tt.l != nil {
			l = tt.l(l)
		}
		if tt.who != nil {
			who = tt.who(who)
		}
		got := ApplyProblem(l, who, now)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	job := Listing{Kind: JobListing, Status: Published}
	if MayView(job, domain.RolePerformer, false) || !MayView(job, domain.RoleCrew, false) {
		t.Error("a performer sees a job listing, or crew do not")
	}
	if MayView(Listing{Kind: CastingCall, Status: Published, Visibility: "private"}, domain.RolePerformer, false) {
		t.Error("a private listing is seen without an invitation")
	}
	if MayView(Listing{Kind: CastingCall, Status: Draft}, domain.RolePerformer, true) {
		t.Error("a draft is seen by talent")
	}
}

func TestRoleRowBlank(t *testing.T) {
	t.Parallel()
	rows := RoleRows(url.Values{"role_name": {"Ana", ""}, "role_gender": {"female", "any"}, "role_openings": {"1", "1"}})
	if len(rows) != 3 || RoleRowBlank(rows[0]) || !RoleRowBlank(rows[1]) || !RoleRowBlank(rows[2]) {
		t.Errorf("rows %v: the named row is blank, or a defaults-only row is not", rows)
	}
}
