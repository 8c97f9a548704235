package production

import "github.com/slatecasting/slate/domain/profile"

// CategoryCasting is the category of casting calls and job listings; the
// others are non-casting notices (workshops, classes, events,
// competitions, training), shown apart and limited per producer a month.
const CategoryCasting = "casting"

// Categories are what a listing is, casting first.
var Categories = []profile.Option{
	{Value: CategoryCasting, Label: "Casting call or job"},
	{Value: "workshop", Label: "Workshop"}, {Value: "class", Label: "Class"}, {Value: "event", Label: "Event"},
	{Value: "competition", Label: "Competition"}, {Value: "training", Label: "Training"},
}

// NonCasting reports whether category is a non-casting notice.
func NonCasting(category string) bool { return category != "" && category != CategoryCasting }

// FeeAllowed reports whether a listing of category may charge talent a
// disclosed fee: competitions, events and workshops only (Backstage's rule).
func FeeAllowed(category string) bool {
	return category == "competition" || category == "event" || category == "workshop"
}

// DefaultNoticesPerMonth is how many non-casting notices a producer may
// submit in a calendar month unless config says otherwise.
const DefaultNoticesPerMonth = 2
