package workers

import (
	"fmt"

	"github.com/slatecasting/slate/domain"
)

// welcomeNotice is the first thing a new account reads.
func welcomeNotice(name string, role domain.Role) domain.Notification {
	body := "Your producer space is ready: create a project, then post casting calls and job listings."
	link := role.DashboardPath()
	switch {
	case role.IsTalent():
		body = "Complete your profile, add a headshot and at least 5 book photos, then submit it for validation: a moderator reviews it within 24 hours."
		link = "/profile"
	case role.IsStaff():
		body = "Profiles waiting for validation and listings waiting for review are in your moderation queue."
	}
	return domain.Notification{
		Kind:      "welcome",
		DedupeKey: "welcome",
		Title:     fmt.Sprintf("Welcome to Slate, %s", name),
		Body:      fmt.Sprintf("You joined as %s. %s", role.Label(), body),
		Link:      link,
	}
}
