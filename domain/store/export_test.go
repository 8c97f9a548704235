package store

import (
	"github.com/slatecasting/slate/domain/production"
)

// BrowseQuery exposes Browse's query to the plan test, which EXPLAINs
// exactly what Browse runs.
func BrowseQuery(kind production.Kind, talentID int64, f BrowseFilter, limit int) (string, []any) {
	return browseQuery(kind, talentID, f, limit)
}
