package handlers

// The htmx request and response headers Slate reads and sets.
const (
	hxRequest  = "HX-Request"  // sent by htmx on every request it makes
	hxBoosted  = "HX-Boosted"  // sent for boosted navigations, which want whole pages
	hxRedirect = "HX-Redirect" // tells htmx to load another page after a post
	hxTrigger  = "HX-Trigger"  // fires client-side events named below
)

// The client-side events the server fires with HX-Trigger; the templates
// listen for them with hx-trigger="<event> from:body".
const (
	// eventProfileChanged refreshes the completeness meter after a section,
	// photo or reel is saved.
	eventProfileChanged = "profile-changed"
	// eventPhotosChanged refreshes the meter once a photo's check is in.
	eventPhotosChanged = "photos-changed"
)
