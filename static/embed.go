// Package static serves Slate's CSS, scripts and icons, embedded in the
// binary. vendor/ is filled by the build (make static) from the exact htmx
// version pinned in package-lock.json; nothing in it is copied by hand.
package static

import "embed"

// FS holds the static files.
//
//go:embed *
var FS embed.FS
