package profile

import (
	"net/url"
	"strings"
	"time"
)

// Limits the section rules enforce. Templates may show them in hints and
// search may use them to bound its filters.
const (
	// MinHeightCM is the lowest accepted height.
	MinHeightCM = 50
	// MaxHeightCM is the highest accepted height.
	MaxHeightCM = 250
	// MaxPlayingAge is the highest accepted playing age (the lowest is 0).
	MaxPlayingAge = 100
	// MaxDisplayName bounds DisplayName, in characters.
	MaxDisplayName = 80
	// MaxPronouns bounds Pronouns, in characters.
	MaxPronouns = 30
	// MinPhoneDigits is the fewest digits a phone number has.
	MinPhoneDigits = 6
	// MaxPhoneDigits is the most digits a phone number has.
	MaxPhoneDigits = 20
	// MaxHeadline bounds Headline, in characters.
	MaxHeadline = 120
	// MaxBio bounds Bio, in characters.
	MaxBio = 2000
	// MinBio is the shortest bio that counts as written (completeness).
	MinBio = 50
	// MaxEquipment bounds Equipment, in characters.
	MaxEquipment = 1000
	// MaxTags bounds Skills and Accents, each.
	MaxTags = 30
	// MinTagLen is the shortest skill or accent, in characters.
	MinTagLen = 2
	// MaxTagLen is the longest skill or accent, in characters.
	MaxTagLen = 40
	// MaxLanguages bounds Languages.
	MaxLanguages = 12
	// MaxLanguageName bounds a language's name, in characters.
	MaxLanguageName = 40
	// MaxOtherUnions bounds the unions typed in union_other.
	MaxOtherUnions = 5
	// MaxUnionName bounds a typed union's name, in characters.
	MaxUnionName = 60
	// MaxCity bounds City, in characters.
	MaxCity = 80
	// MaxCredits bounds Credits.
	MaxCredits = 50
	// MaxTraining bounds Training.
	MaxTraining = 20
	// MaxCreditText bounds a credit's title, role and company, and a
	// training's institution and course, in characters.
	MaxCreditText = 120
	// FirstYear is the earliest year of a credit or a course; the latest is
	// LastYear(now).
	FirstYear = 1900
	// MaxLinks bounds Links.
	MaxLinks = 10
	// MaxLinkLabel bounds a link's label, in characters.
	MaxLinkLabel = 60
	// MaxURL bounds a link's address, in bytes.
	MaxURL = 500
)

// LastYear is the latest year a credit or a course may carry: productions
// are announced up to two years ahead. now comes from the caller, never
// from the clock.
func LastYear(now time.Time) int { return now.Year() + 2 }

// PlayingAgesOK reports whether a playing age range is accepted: both ages
// within 0–100 and, when the maximum is set, the minimum at or below it.
func PlayingAgesOK(lo, hi int) bool {
	return lo >= 0 && lo <= MaxPlayingAge && hi >= 0 && hi <= MaxPlayingAge && (hi == 0 || lo <= hi)
}

// PhoneOK reports whether s looks like a phone number: digits, spaces,
// hyphens and brackets, an optional leading +, and 6 to 20 digits.
func PhoneOK(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '(' || r == ')':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= MinPhoneDigits && digits <= MaxPhoneDigits
}

// WebURL reports whether s is an absolute http or https address with a
// dotted host name, no user name or password, and at most 500 bytes.
func WebURL(s string) bool {
	if len(s) > MaxURL || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Opaque != "" {
		return false
	}
	host := u.Hostname()
	return strings.Contains(host, ".") && !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, ".")
}

// CountryOK reports whether code is a known ISO 3166-1 alpha-2 code.
func CountryOK(code string) bool { return Valid(Countries, code) }
