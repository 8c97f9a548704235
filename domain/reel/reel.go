// Package reel holds the rules for a talent's reels: links to videos and
// tracks on known platforms, reduced to their canonical address, and
// uploaded audio and video files, named by their content.
package reel

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

// MaxFileBytes bounds an uploaded audio or video reel: 100 MB.
const MaxFileBytes = 100 << 20

// Providers are the platforms a reel link may point to, with the names
// people know them by.
var Providers = []profile.Option{
	{Value: "youtube", Label: "YouTube"}, {Value: "vimeo", Label: "Vimeo"}, {Value: "dailymotion", Label: "Dailymotion"},
	{Value: "soundcloud", Label: "SoundCloud"}, {Value: "spotify", Label: "Spotify"},
}

// ErrURL refuses a reel link that is not from a platform Slate
// accepts.
var ErrURL error = domain.Problem("Paste a link to a video or track on YouTube, Vimeo, Dailymotion, SoundCloud or Spotify.")

var (
	youtubeID     = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID       = regexp.MustCompile(`^[0-9]{1,12}$`)
	vimeoHash     = regexp.MustCompile(`^[0-9a-f]{6,20}$`)
	dailymotionID = regexp.MustCompile(`^[A-Za-z0-9]{3,20}$`)
	soundcloudID  = regexp.MustCompile(`^[a-z0-9_-]{1,100}$`)
	spotifyID     = regexp.MustCompile(`^[A-Za-z0-9]{22}$`)
	spotifyLocale = regexp.MustCompile(`^intl-[a-z]{2}(-[a-z]{2})?$`)
)

// soundcloudReserved are SoundCloud pages that are not a user's.
var soundcloudReserved = []string{"discover", "search", "stream", "upload", "you", "charts", "pages", "settings",
	"tags", "stations", "people", "terms-of-use", "messages", "notifications", "feed", "mobile", "jobs", "imprint"}

// soundcloudUserPages are a user's pages that are not one track.
var soundcloudUserPages = []string{"tracks", "albums", "sets", "reposts", "likes", "followers", "following",
	"popular-tracks", "comments", "spotlight", "playlists"}

// ParseURL validates a link to a reel and returns its canonical form.
// Accepted: YouTube (youtube.com/watch?v=, youtu.be/, /shorts/, /embed/,
// /live/), Vimeo (vimeo.com/ID, vimeo.com/ID/HASH for unlisted videos,
// channel, group and showcase pages of one video, player.vimeo.com/video/ID),
// Dailymotion (dailymotion.com/video/ID, dai.ly/ID), SoundCloud
// (soundcloud.com/user/track, soundcloud.com/user/sets/playlist) and Spotify
// tracks, podcast episodes and shows (open.spotify.com/track/ID…). A
// missing https:// is tolerated; anything else is refused with a Problem
// saying what to paste instead.
func ParseURL(raw string) (domain.Reel, error) {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > profile.MaxURL || strings.ContainsAny(s, " \t\r\n") {
		return domain.Reel{}, ErrURL
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Port() != "" {
		return domain.Reel{}, ErrURL
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	host = strings.TrimPrefix(host, "m.")
	parts := strings.FieldsFunc(u.EscapedPath(), func(r rune) bool { return r == '/' })
	switch host {
	case "youtube.com", "music.youtube.com", "youtube-nocookie.com":
		id := u.Query().Get("v")
		if len(parts) == 2 && slices.Contains([]string{"shorts", "embed", "live", "v"}, parts[0]) {
			id = parts[1]
		} else if len(parts) != 1 || parts[0] != "watch" {
			id = ""
		}
		if youtubeID.MatchString(id) {
			return domain.Reel{Kind: domain.ReelVideo, Provider: "youtube", URL: "https://www.youtube.com/watch?v=" + id}, nil
		}
		return domain.Reel{}, domain.Problem("This YouTube link does not point to one video: open the video and copy the link from its Share button.")
	case "youtu.be":
		if len(parts) == 1 && youtubeID.MatchString(parts[0]) {
			return domain.Reel{Kind: domain.ReelVideo, Provider: "youtube", URL: "https://www.youtube.com/watch?v=" + parts[0]}, nil
		}
		return domain.Reel{}, domain.Problem("This YouTube link does not point to one video: open the video and copy the link from its Share button.")
	case "vimeo.com", "player.vimeo.com":
		if id, hash, ok := vimeoPath(host, parts, u.Query().Get("h")); ok {
			link := "https://vimeo.com/" + id
			if hash != "" {
				link += "/" + hash
			}
			return domain.Reel{Kind: domain.ReelVideo, Provider: "vimeo", URL: link}, nil
		}
		return domain.Reel{}, domain.Problem("This Vimeo link does not point to one video: open the video and copy its address, like https://vimeo.com/76979871.")
	case "dailymotion.com", "dai.ly":
		id := ""
		switch {
		case host == "dai.ly" && len(parts) == 1:
			id = parts[0]
		case len(parts) == 2 && parts[0] == "video":
			id = parts[1]
		case len(parts) == 3 && parts[0] == "embed" && parts[1] == "video":
			id = parts[2]
		}
		id, _, _ = strings.Cut(id, "_") // old addresses end in _the-title
		if dailymotionID.MatchString(id) {
			return domain.Reel{Kind: domain.ReelVideo, Provider: "dailymotion", URL: "https://www.dailymotion.com/video/" + id}, nil
		}
		return domain.Reel{}, domain.Problem("This Dailymotion link does not point to one video: open the video and copy its address.")
	case "soundcloud.com":
		p := make([]string, len(parts))
		for i, s := range parts {
			p[i] = strings.ToLower(s)
		}
		ok := (len(p) == 2 || len(p) == 3 && p[1] == "sets") && !slices.Contains(soundcloudReserved, p[0])
		for _, s := range p {
			ok = ok && soundcloudID.MatchString(s)
		}
		if ok && len(p) == 2 {
			ok = !slices.Contains(soundcloudUserPages, p[1])
		}
		if ok {
			return domain.Reel{Kind: domain.ReelAudio, Provider: "soundcloud", URL: "https://soundcloud.com/" + strings.Join(p, "/")}, nil
		}
		return domain.Reel{}, domain.Problem("This SoundCloud link does not point to one track: open the track and copy its address, like https://soundcloud.com/name/track.")
	case "on.soundcloud.com":
		return domain.Reel{}, domain.Problem("Short SoundCloud links cannot be checked: open it and paste the full soundcloud.com address of the track.")
	case "open.spotify.com":
		if len(parts) == 3 && spotifyLocale.MatchString(parts[0]) {
			parts = parts[1:]
		}
		if len(parts) == 2 && slices.Contains([]string{"track", "episode", "show"}, parts[0]) && spotifyID.MatchString(parts[1]) {
			return domain.Reel{Kind: domain.ReelAudio, Provider: "spotify", URL: "https://open.spotify.com/" + parts[0] + "/" + parts[1]}, nil
		}
		return domain.Reel{}, domain.Problem("This Spotify link does not point to a track, an episode or a podcast: copy the link from its Share menu.")
	}
	return domain.Reel{}, ErrURL
}

// vimeoPath finds a Vimeo video's id (and the hash of an unlisted one) in
// a link's path.
func vimeoPath(host string, parts []string, h string) (id, hash string, ok bool) {
	if host == "player.vimeo.com" {
		if len(parts) == 2 && parts[0] == "video" && vimeoID.MatchString(parts[1]) {
			if vimeoHash.MatchString(h) {
				return parts[1], h, true
			}
			return parts[1], "", true
		}
		return "", "", false
	}
	switch {
	case len(parts) == 1 && vimeoID.MatchString(parts[0]):
		return parts[0], "", true
	case len(parts) == 2 && vimeoID.MatchString(parts[0]) && vimeoHash.MatchString(parts[1]):
		return parts[0], parts[1], true
	case len(parts) == 3 && parts[0] == "channels" && vimeoID.MatchString(parts[2]):
		return parts[2], "", true
	case len(parts) == 4 && (parts[0] == "groups" && parts[2] == "videos" ||
		(parts[0] == "showcase" || parts[0] == "album") && parts[2] == "video") && vimeoID.MatchString(parts[3]):
		return parts[3], "", true
	}
	return "", "", false
}
