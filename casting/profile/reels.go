package profile

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
)

// MaxMediaBytes bounds an uploaded audio or video reel (100 MB).
const MaxMediaBytes = 100 << 20

// ReelLink is a validated link to a reel on a known platform.
type ReelLink struct {
	Kind     string // video or audio
	Provider string
	URL      string // canonical
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	digits    = regexp.MustCompile(`^[0-9]{3,12}$`)
	slug      = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)
)

// Problem is a refusal worded for the person who made the mistake.
type Problem string

func (p Problem) Error() string { return string(p) }

// ErrReelURL is the refusal of a link Slate does not accept as a reel.
var ErrReelURL error = Problem("Paste a link to a video or track on YouTube, Vimeo, Dailymotion or SoundCloud.")

// ParseReelURL validates a reel link and returns its canonical form.
func ParseReelURL(raw string) (ReelLink, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return ReelLink{}, ErrReelURL
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	host = strings.TrimPrefix(host, "m.")
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch host {
	case "youtube.com":
		id := u.Query().Get("v")
		if len(parts) == 2 && (parts[0] == "shorts" || parts[0] == "embed" || parts[0] == "live") {
			id = parts[1]
		}
		if youtubeID.MatchString(id) {
			return ReelLink{"video", "youtube", "https://www.youtube.com/watch?v=" + id}, nil
		}
	case "youtu.be":
		if len(parts) == 1 && youtubeID.MatchString(parts[0]) {
			return ReelLink{"video", "youtube", "https://www.youtube.com/watch?v=" + parts[0]}, nil
		}
	case "vimeo.com":
		if len(parts) >= 1 && digits.MatchString(parts[len(parts)-1]) {
			return ReelLink{"video", "vimeo", "https://vimeo.com/" + parts[len(parts)-1]}, nil
		}
	case "player.vimeo.com":
		if len(parts) == 2 && parts[0] == "video" && digits.MatchString(parts[1]) {
			return ReelLink{"video", "vimeo", "https://vimeo.com/" + parts[1]}, nil
		}
	case "dailymotion.com":
		if len(parts) == 2 && parts[0] == "video" && slug.MatchString(parts[1]) {
			return ReelLink{"video", "dailymotion", "https://www.dailymotion.com/video/" + parts[1]}, nil
		}
	case "dai.ly":
		if len(parts) == 1 && slug.MatchString(parts[0]) {
			return ReelLink{"video", "dailymotion", "https://www.dailymotion.com/video/" + parts[0]}, nil
		}
	case "soundcloud.com":
		if len(parts) >= 2 && slug.MatchString(parts[0]) && slug.MatchString(parts[1]) {
			return ReelLink{"audio", "soundcloud", "https://soundcloud.com/" + strings.Join(parts[:min(len(parts), 3)], "/")}, nil
		}
	}
	return ReelLink{}, ErrReelURL
}

// ErrMediaType refuses an upload that is not a known audio or video file.
var ErrMediaType error = Problem("This file is not an audio or video file we accept: upload MP3, WAV, M4A, OGG, FLAC, MP4, MOV or WebM.")

// SniffMediaFile names an audio or video upload by its first bytes.
func SniffMediaFile(head []byte) (contentType, kind string, err error) {
	switch {
	case bytes.HasPrefix(head, []byte("ID3")) || len(head) > 1 && head[0] == 0xFF && head[1]&0xE0 == 0xE0:
		return "audio/mpeg", "audio", nil
	case len(head) >= 12 && bytes.HasPrefix(head, []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WAVE")):
		return "audio/wav", "audio", nil
	case bytes.HasPrefix(head, []byte("OggS")):
		return "audio/ogg", "audio", nil
	case bytes.HasPrefix(head, []byte("fLaC")):
		return "audio/flac", "audio", nil
	case bytes.HasPrefix(head, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return "video/webm", "video", nil
	case len(head) >= 12 && bytes.Equal(head[4:8], []byte("ftyp")):
		brand := string(head[8:12])
		switch {
		case strings.HasPrefix(brand, "M4A"), strings.HasPrefix(brand, "M4B"):
			return "audio/mp4", "audio", nil
		case brand == "qt  ":
			return "video/quicktime", "video", nil
		case strings.HasPrefix(brand, "hei"), strings.HasPrefix(brand, "mif"), strings.HasPrefix(brand, "avif"):
			return "", "", ErrMediaType
		default:
			return "video/mp4", "video", nil
		}
	}
	return "", "", ErrMediaType
}
