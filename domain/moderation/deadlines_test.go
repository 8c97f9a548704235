package moderation

import (
	"strings"
	"testing"
	"time"
)

func TestDeadlineNoticeNamesTheSubject(t *testing.T) {
	t.Parallel()
	due := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		task                Task
		overdue             bool
		title, inBody, path string
	}{
		{Task{ID: 4, Subject: SubjectProfile, OwnerName: "Maya", DueAt: due}, false, "Profile due soon: Maya", "due by 3 Dec 10:00 UTC", "/moderation/profiles/4"},
		{Task{ID: 4, Subject: SubjectProfile, OwnerName: "Maya", DueAt: due}, true, "Overdue: Maya's profile", "passed its 24-hour deadline", "/moderation/profiles/4"},
		{Task{ID: 7, Subject: SubjectListing, OwnerName: "Ines", Title: "Two sisters", DueAt: due}, false, "Listing due soon: Two sisters", "by Ines is due by 3 Dec 10:00 UTC", "/moderation/listings/7"},
		{Task{ID: 7, Subject: SubjectListing, OwnerName: "Ines", Title: "Two sisters", DueAt: due}, true, "Overdue: listing Two sisters", "review deadline", "/moderation/listings/7"},
	} {
		title, body := c.task.DeadlineNotice(c.overdue)
		if title != c.title || !strings.Contains(body, c.inBody) || c.task.ReviewPath() != c.path {
			t.Errorf("%s overdue=%v: %q / %q / %s", c.task.Subject, c.overdue, title, body, c.task.ReviewPath())
		}
	}
}
