package domain

// NotificationFilter is one chip of the notification centre: a name for
// the URL, a label, and the notification kinds it shows (nil: all).
type NotificationFilter struct {
	Name  string
	Label string
	Kinds []string
}

// NotificationFilters are the centre's chips, in order. Kinds are the
// values writers put in Notification.Kind; a new kind shows under All
// until it is given a chip here.
var NotificationFilters = []NotificationFilter{
	{Name: "", Label: "All"},
	{Name: "applications", Label: "Applications", Kinds: []string{"application", "invitation_answered", "casting_closed"}},
	{Name: "castings", Label: "Castings", Kinds: []string{"invitation", "accepted", "not_selected", "match"}},
	{Name: "messages", Label: "Messages", Kinds: []string{"message", "group_message"}},
	{Name: "account", Label: "Account", Kinds: []string{"welcome", "validation", "listing_review",
		"listing_approved", "listing_changes", "listing_rejected", "listing_hidden"}},
}

// NotificationFilterNamed returns the filter of that name, and All for an
// unknown one (ok false).
func NotificationFilterNamed(name string) (NotificationFilter, bool) {
	for _, f := range NotificationFilters {
		if f.Name == name {
			return f, true
		}
	}
	return NotificationFilters[0], false
}
