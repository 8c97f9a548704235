package moderation

import (
	"fmt"
	"strconv"
)

// ReviewPath is the moderators' page of the task.
func (t Task) ReviewPath() string {
	if t.Subject == SubjectListing {
		return "/moderation/listings/" + strconv.FormatInt(t.ID, 10)
	}
	return "/moderation/profiles/" + strconv.FormatInt(t.ID, 10)
}

// DeadlineNotice is what moderators are told of an open task: the reminder
// RemindBefore its deadline, or, overdue, the escalation at it. Profiles
// and listings share the two deadline jobs; only these words differ.
func (t Task) DeadlineNotice(overdue bool) (title, body string) {
	due := t.DueAt.UTC().Format("2 Jan 15:04 UTC")
	switch {
	case t.Subject == SubjectListing && overdue:
		return "Overdue: listing " + t.Title, fmt.Sprintf("“%s” by %s passed its 24-hour review deadline (%s) without a decision.", t.Title, t.OwnerName, due)
	case t.Subject == SubjectListing:
		return "Listing due soon: " + t.Title, fmt.Sprintf("“%s” by %s is due by %s. Open the listing queue and review it.", t.Title, t.OwnerName, due)
	case overdue:
		return "Overdue: " + t.OwnerName + "'s profile", fmt.Sprintf("%s's profile passed its 24-hour deadline (%s) without a decision.", t.OwnerName, due)
	}
	return "Profile due soon: " + t.OwnerName, fmt.Sprintf("%s's profile is due by %s. Open the queue and review it.", t.OwnerName, due)
}
