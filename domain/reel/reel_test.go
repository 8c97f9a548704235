package reel

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

func TestParseReelURLAccepted(t *testing.T) {
	t.Parallel()
	const yt = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
	tests := []struct {
		in, want, provider string
		kind               domain.ReelKind
	}{
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", yt, "youtube", "video"},
		{"  https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s&list=PL123  ", yt, "youtube", "video"},
		{"http://youtube.com/watch?feature=share&v=dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://youtu.be/dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://youtu.be/dQw4w9WgXcQ?si=abcdef&t=42", yt, "youtube", "video"},
		{"https://www.youtube.com/shorts/dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://www.youtube.com/embed/dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared", yt, "youtube", "video"},
		{"youtu.be/dQw4w9WgXcQ", yt, "youtube", "video"},
		{"www.youtube.com/watch?v=dQw4w9WgXcQ", yt, "youtube", "video"},
		{"https://vimeo.com/76979871", "https://vimeo.com/76979871", "vimeo", "video"},
		{"https://www.vimeo.com/76979871#t=30s", "https://vimeo.com/76979871", "vimeo", "video"},
		{"https://vimeo.com/76979871/8272103f6e", "https://vimeo.com/76979871/8272103f6e", "vimeo", "video"},
		{"https://vimeo.com/channels/staffpicks/76979871", "https://vimeo.com/76979871", "vimeo", "video"},
		{"https://vimeo.com/groups/shortfilms/videos/76979871", "https://vimeo.com/76979871", "vimeo", "video"},
		{"https://vimeo.com/showcase/1234567/video/76979871", "https://vimeo.com/76979871", "vimeo", "video"},
		{"https://player.vimeo.com/video/76979871", "https://vimeo.com/76979871", "vimeo", "video"},
		{"https://player.vimeo.com/video/76979871?h=8272103f6e&autoplay=1", "https://vimeo.com/76979871/8272103f6e", "vimeo", "video"},
		{"https://www.dailymotion.com/video/x7tgad0", "https://www.dailymotion.com/video/x7tgad0", "dailymotion", "video"},
		{"https://www.dailymotion.com/video/x7tgad0_my-showreel_creation", "https://www.dailymotion.com/video/x7tgad0", "dailymotion", "video"},
		{"https://www.dailymotion.com/embed/video/x7tgad0?autoplay=1", "https://www.dailymotion.com/video/x7tgad0", "dailymotion", "video"},
		{"https://dai.ly/x7tgad0", "https://www.dailymotion.com/video/x7tgad0", "dailymotion", "video"},
		{"https://soundcloud.com/maya-voice/commercial-demo", "https://soundcloud.com/maya-voice/commercial-demo", "soundcloud", "audio"},
		{"https://m.soundcloud.com/Maya-Voice/Commercial-Demo?utm_source=clipboard", "https://soundcloud.com/maya-voice/commercial-demo", "soundcloud", "audio"},
		{"https://soundcloud.com/maya-voice/sets/voice-reels", "https://soundcloud.com/maya-voice/sets/voice-reels", "soundcloud", "audio"},
		{"https://open.spotify.com/track/4cOdK2wGLETKBW3PvgPWqT", "https://open.spotify.com/track/4cOdK2wGLETKBW3PvgPWqT", "spotify", "audio"},
		{"https://open.spotify.com/intl-fr/episode/4cOdK2wGLETKBW3PvgPWqT?si=x", "https://open.spotify.com/episode/4cOdK2wGLETKBW3PvgPWqT", "spotify", "audio"},
		{"https://open.spotify.com/show/4cOdK2wGLETKBW3PvgPWqT", "https://open.spotify.com/show/4cOdK2wGLETKBW3PvgPWqT", "spotify", "audio"},
	}
	for _, tt := range tests {
		r, err := ParseURL(tt.in)
		if err != nil || r != (domain.Reel{Kind: tt.kind, Provider: tt.provider, URL: tt.want}) {
			t.Errorf("ParseURL(%q) = %+v, %v; want %s %s %s", tt.in, r, err, tt.kind, tt.provider, tt.want)
		}
		if !profile.Valid(Providers, r.Provider) {
			t.Errorf("provider %q is not listed", r.Provider)
		}
		// The canonical link is itself accepted, unchanged.
		if again, err := ParseURL(r.URL); err != nil || again.URL != r.URL {
			t.Errorf("canonical %q re-parses as %+v, %v", r.URL, again, err)
		}
	}
}

func TestParseReelURLRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, msg string
	}{
		{"", "YouTube, Vimeo"},
		{"   ", "YouTube, Vimeo"},
		{"not a link", "YouTube, Vimeo"},
		{"https://example.com/video", "YouTube, Vimeo"},
		{"https://evil.example/watch?v=dQw4w9WgXcQ", "YouTube, Vimeo"},
		{"https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "YouTube, Vimeo"},
		{"https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ", "YouTube, Vimeo"},
		{"https://www.youtube.com:8080/watch?v=dQw4w9WgXcQ", "YouTube, Vimeo"},
		{"javascript:alert(1)", "YouTube, Vimeo"},
		{"ftp://vimeo.com/76979871", "YouTube, Vimeo"},
		{"https://www.tiktok.com/@maya/video/7212345678901234567", "YouTube, Vimeo"},
		{"https://drive.google.com/file/d/abc/view", "YouTube, Vimeo"},
		{"https://www.youtube.com/watch?v=short", "does not point to one video"},
		{"https://www.youtube.com/watch", "does not point to one video"},
		{"https://www.youtube.com/playlist?list=PL123", "does not point to one video"},
		{"https://www.youtube.com/@maya", "does not point to one video"},
		{"https://www.youtube.com/shorts/dQw4w9WgXcQ/extra", "does not point to one video"},
		{"https://youtu.be/", "does not point to one video"},
		{"https://vimeo.com/channels/staffpicks", "Vimeo link does not point to one video"},
		{"https://vimeo.com/maya", "Vimeo link does not point to one video"},
		{"https://vimeo.com/76979871/not-a-hash", "Vimeo link"},
		{"https://player.vimeo.com/video/abc", "Vimeo link"},
		{"https://www.dailymotion.com/maya", "Dailymotion link"},
		{"https://soundcloud.com/maya-voice", "SoundCloud link does not point to one track"},
		{"https://soundcloud.com/maya-voice/tracks", "SoundCloud link"},
		{"https://soundcloud.com/discover/sets/charts", "SoundCloud link"},
		{"https://soundcloud.com/maya-voice/a/b", "SoundCloud link"},
		{"https://on.soundcloud.com/AbCdE", "full soundcloud.com address"},
		{"https://open.spotify.com/artist/4cOdK2wGLETKBW3PvgPWqT", "Spotify link"},
		{"https://open.spotify.com/track/short", "Spotify link"},
		{"https://www.youtube.com/watch?v=" + strings.Repeat("a", 600), "YouTube, Vimeo"},
	}
	for _, tt := range tests {
		r, err := ParseURL(tt.in)
		if err == nil {
			t.Errorf("ParseURL(%q) accepted as %+v", tt.in, r)
			continue
		}
		var p domain.Problem
		if !errors.As(err, &p) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseURL(%q) = %q, want a Problem containing %q", tt.in, err, tt.msg)
		}
		if r != (domain.Reel{}) {
			t.Errorf("ParseURL(%q) returned %+v with its error", tt.in, r)
		}
	}
}

func TestSniffFile(t *testing.T) {
	t.Parallel()
	// Refusals come from the first bytes alone; accepted files are whole
	// (see builders_test.go), since SniffFile checks their structure.
	pad := func(b []byte) []byte { return append(b, bytes.Repeat([]byte{0}, 64)...) }
	tests := []struct {
		name string
		head []byte
		ct   string
		kind domain.ReelKind
		err  error
	}{
		{"mp3 with ID3", cat(id3Tag(0x21), frameRun(mpeg1L3, 417, 3)), "audio/mpeg", "audio", nil},
		{"mp3 frame", frameRun(mpeg1L3, 417, 3), "audio/mpeg", "audio", nil},
		{"mp3 MPEG-2 frame", frameRun(mpeg2L3, 192, 3), "audio/mpeg", "audio", nil},
		{"aac adts", adtsRun(3), "audio/aac", "audio", nil},
		{"wav", wavFile(100), "audio/wav", "audio", nil},
		{"ogg vorbis", oggFile("\x01vorbis"), "audio/ogg", "audio", nil},
		{"ogg opus", oggFile("OpusHead"), "audio/ogg", "audio", nil},
		{"ogg theora", oggFile("\x80theora"), "video/ogg", "video", nil},
		{"flac", flacFile(), "audio/flac", "audio", nil},
		{"webm", ebmlFile("webm"), "video/webm", "video", nil},
		{"matroska", ebmlFile("matroska"), "video/x-matroska", "video", nil},
		{"mp4 isom", isoFile(0x20, "isom", "isom", "iso2", "avc1", "mp41"), "video/mp4", "video", nil},
		{"mp4 mp42", isoFile(0x18, "mp42", "mp42", "isom"), "video/mp4", "video", nil},
		{"mp4 odd major brand, mp4 compatible", isoFile(0x18, "XYZ1", "XYZ1", "mp42"), "video/mp4", "video", nil},
		{"mov", isoFile(0x14, "qt  ", "qt  "), "video/quicktime", "video", nil},
		{"m4a", isoFile(0x20, "M4A ", "M4A ", "mp42", "isom"), "audio/mp4", "audio", nil},
		{"m4b audiobook", isoFile(0x18, "M4B ", "M4B "), "audio/mp4", "audio", nil},
		{"heic", isoFile(0x18, "heic", "mif1", "heic"), "", "", ErrPicture},
		{"avif", isoFile(0x20, "avif", "avif", "mif1", "miaf"), "", "", ErrPicture},
		{"unknown ftyp brand", isoFile(0x14, "abcd", "abcd"), "", "", ErrFileType},
		{"ftyp box too small", isoFile(0x08, "isom"), "", "", ErrFileType},
		{"jpeg", pad([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'}), "", "", ErrPicture},
		{"png", pad([]byte("\x89PNG\r\n\x1a\n")), "", "", ErrPicture},
		{"gif", pad([]byte("GIF89a")), "", "", ErrPicture},
		{"webp", pad([]byte("RIFF\x24\x00\x00\x00WEBPVP8 ")), "", "", ErrPicture},
		{"avi", pad([]byte("RIFF\x24\x00\x00\x00AVI LIST")), "", "", ErrFileType},
		{"pdf", pad([]byte("%PDF-1.7")), "", "", ErrFileType},
		{"zip", pad([]byte("PK\x03\x04")), "", "", ErrFileType},
		{"html", pad([]byte("<!doctype html><html>")), "", "", ErrFileType},
		{"ebml without a known doctype", ebmlFile("xyzw"), "", "", ErrFileType},
		{"sync bits with a reserved version", pad([]byte{0xFF, 0xEB, 0x90, 0x44}), "", "", ErrFileType},
		{"adts with a reserved sample rate", pad([]byte{0xFF, 0xF1, 0x3C, 0x80, 0x2E, 0x7F, 0xFC}), "", "", ErrFileType},
		{"sync bits with a bad bitrate", pad([]byte{0xFF, 0xFB, 0xF0, 0x44}), "", "", ErrFileType},
		{"truncated ID3", []byte("ID3"), "", "", ErrFileType},
		{"empty", nil, "", "", ErrFileType},
	}
	for _, tt := range tests {
		ct, kind, err := SniffFile(tt.head)
		if ct != tt.ct || kind != tt.kind || !errors.Is(err, tt.err) && err != tt.err {
			t.Errorf("%s: SniffFile = %q, %q, %v; want %q, %q, %v", tt.name, ct, kind, err, tt.ct, tt.kind, tt.err)
		}
	}
	if !strings.Contains(ErrFileType.Error(), "not an audio or video file") || !strings.Contains(ErrPicture.Error(), "book") {
		t.Errorf("messages: %q / %q", ErrFileType, ErrPicture)
	}
	if MaxFileBytes != 100<<20 {
		t.Errorf("MaxFileBytes = %d", MaxFileBytes)
	}
}

func TestProviders(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, o := range Providers {
		if seen[o.Value] || o.Label == "" {
			t.Errorf("repeated or unlabelled provider %+v", o)
		}
		seen[o.Value] = true
	}
	if len(Providers) < 2 {
		t.Errorf("Providers = %v", Providers)
	}
}
