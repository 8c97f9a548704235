package handlers

import (
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/production"
)

func TestClosesInCountsDaysInTheListingsZone(t *testing.T) {
	t.Parallel()
	lisbon, _ := time.LoadLocation("Europe/Lisbon")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	now := time.Date(2027, 3, 10, 22, 30, 0, 0, time.UTC) // 22:30 in Lisbon, 07:30 on the 11th in Tokyo
	tests := []struct {
		deadline time.Time
		loc      *time.Location
		want     string
	}{
		{time.Date(2027, 3, 10, 23, 0, 0, 0, lisbon), lisbon, "closes in 30 min"},
		{time.Date(2027, 3, 11, 9, 0, 0, 0, lisbon), lisbon, "closes tomorrow"},
		{time.Date(2027, 3, 13, 18, 0, 0, 0, lisbon), lisbon, "closes in 3 days"},
		{time.Date(2027, 3, 11, 18, 0, 0, 0, tokyo), tokyo, "closes today at 18:00"},
		{now.Add(-time.Minute), lisbon, "deadline passed"},
		{now.Add(20 * time.Second), lisbon, "closes in 1 min"},
		{now.Add(45 * time.Minute), lisbon, "closes in 45 min"},
		{now.Add(90 * 24 * time.Hour), lisbon, "closes on 8 Jun 2027"},
	}
	for _, tt := range tests {
		if got := closesIn(tt.deadline, now, tt.loc); got != tt.want {
			t.Errorf("closesIn(%v) = %q, want %q", tt.deadline, got, tt.want)
		}
	}
}

func TestListingViewWordsPayAndPlace(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2027, 4, 1, 17, 0, 0, 0, time.UTC)
	l := production.Listing{Kind: production.CastingCall, City: "Porto", Country: "PT", Deadline: &deadline, TimeZone: "Europe/Lisbon",
		Pay: production.Pay{Kind: "paid", AmountCents: 15050, Currency: "EUR", Unit: "day"}, Nudity: "none",
		Roles: []production.Role{{Openings: 2}, {Openings: 1}}}
	v := NewListingView(l, production.Project{Title: "Salt", Type: "short_film"}, deadline.Add(-48*time.Hour))
	if v.Paid || v.PayLine != "150.50 EUR per day (not guaranteed)" {
		t.Errorf("unguaranteed pay: paid %v, %q", v.Paid, v.PayLine)
	}
	if v.Where != "Porto, Portugal" || v.Nudity != "" || v.Openings != 3 || v.ProjectType != "Short film" {
		t.Errorf("view %+v", v)
	}
	if v.Deadline != "Thu 1 Apr 2027, 18:00" || v.Zone != "Europe/Lisbon" {
		t.Errorf("deadline %q in %q, want 18:00 Lisbon time", v.Deadline, v.Zone)
	}
	l.Pay.Guaranteed, l.Remote, l.TimeZone = true, true, "Mars/Olympus"
	v = NewListingView(l, production.Project{}, deadline)
	if !v.Paid || v.Where != "Remote · Porto, Portugal" || v.Zone != "UTC" || v.ClosesIn != "deadline passed" {
		t.Errorf("view %+v", v)
	}
}

func TestCardsTellTheDeadlineInTheTalentsZone(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2027, 3, 12, 18, 0, 0, 0, time.UTC)
	now := deadline.Add(-72 * time.Hour)
	card := ListingCard{Now: now, ViewerZone: "America/New_York"}
	card.Status, card.Deadline, card.TimeZone = production.Published, &deadline, "Europe/Lisbon"
	if got := card.DeadlineYours(); got != "Fri 12 Mar 2027, 13:00 (America/New_York)" {
		t.Errorf("DeadlineYours = %q", got)
	}
	if got := card.DeadlineFull(); got != "Fri 12 Mar 2027, 18:00 (Europe/Lisbon)" {
		t.Errorf("DeadlineFull = %q", got)
	}
	card.ViewerZone = "Europe/Lisbon"
	if got := card.DeadlineYours(); got != "" {
		t.Errorf("the same zone told twice: %q", got)
	}
}
