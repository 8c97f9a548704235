package reel

import (
	"bytes"
	"encoding/binary"

	"github.com/slatecasting/slate/domain"
)

// ErrFileType refuses an upload that is not an audio or video file Slate
// accepts.
var ErrFileType error = domain.Problem("This is not an audio or video file we accept: upload MP3, WAV, M4A, AAC, OGG, FLAC, MP4, MOV or WebM.")

// ErrPicture refuses a picture uploaded as a reel.
var ErrPicture error = domain.Problem("This is a picture, not an audio or video file: add photos to your book instead.")

// ErrDamaged refuses a file that starts like an accepted format but whose
// structure does not hold together: cut short, damaged, or something
// else (a web page) behind a borrowed header.
var ErrDamaged error = domain.Problem("This file starts like an audio or video file but is damaged or incomplete: export the recording again and upload it.")

// SniffLen is how many leading bytes SniffFile is given, at most: enough
// to walk an MP4's top-level boxes to its first large one, skip an ID3
// tag to the first audio frames, and read a WAV's or WebM's header, so a
// valid header followed by something else is caught, not only a wrong
// magic number. The upload handler reads this much of every file.
const SniffLen = 64 << 10

// SniffFile names an audio or video upload by its first bytes (the first
// SniffLen of them, or the whole file when it is shorter), never by its
// name or declared type. It returns the content type to store and serve
// and the reel kind (domain.ReelAudio or domain.ReelVideo). Accepted: MP3
// (an ID3 tag followed by MPEG audio frames, or the frames alone), AAC
// (ADTS frames), WAV (RIFF/WAVE with a fmt chunk), OGG (audio/ogg, or
// video/ogg for Theora), FLAC, WebM and Matroska (EBML), and the ISO media
// family by its ftyp brand: M4A (audio/mp4), MP4 (video/mp4) and MOV
// (video/quicktime). Beyond the magic number, the container's structure
// is checked as far as head goes (see containers.go), and a head holding
// web page markup is refused whatever precedes it. Anything else —
// pictures, HEIC, documents, AVI… — is refused with a Problem.
func SniffFile(head []byte) (contentType string, kind domain.ReelKind, err error) {
	// A head shorter than SniffLen is the whole file: what it lacks is
	// missing, not merely unseen.
	whole := len(head) < SniffLen
	ct, kind, err := sniffContainer(head, whole)
	if err != nil {
		return "", "", err
	}
	if hasMarkup(head) {
		return "", "", ErrFileType
	}
	return ct, kind, nil
}

// sniffContainer is SniffFile without the markup check.
func sniffContainer(head []byte, whole bool) (string, domain.ReelKind, error) {
	switch {
	case bytes.HasPrefix(head, []byte("ID3")) && len(head) >= 10:
		return id3Audio(head, whole)
	case mpegAudioFrame(head):
		return frames(head, whole, mpegFrameLen, "audio/mpeg")
	case adtsFrame(head):
		return frames(head, whole, adtsFrameLen, "audio/aac")
	case len(head) >= 12 && bytes.HasPrefix(head, []byte("RIFF")) && string(head[8:12]) == "WAVE":
		return wav(head, whole)
	case bytes.HasPrefix(head, []byte("OggS")) && len(head) >= 28:
		return ogg(head, whole)
	case bytes.HasPrefix(head, []byte("fLaC")):
		return flac(head, whole)
	case bytes.HasPrefix(head, ebmlID):
		return ebml(head, whole)
	case len(head) >= 16 && string(head[4:8]) == "ftyp":
		ct, kind, err := isoMedia(head)
		if err != nil {
			return "", "", err
		}
		if !isoBoxes(head, whole) {
			return "", "", ErrDamaged
		}
		return ct, kind, nil
	case picture(head):
		return "", "", ErrPicture
	}
	return "", "", ErrFileType
}

// extensions are the file name extensions of the types SniffFile names.
var extensions = map[string]string{
	"audio/mpeg": "mp3", "audio/aac": "aac", "audio/wav": "wav", "audio/ogg": "ogg", "video/ogg": "ogv",
	"audio/flac": "flac", "video/webm": "webm", "video/x-matroska": "mkv", "audio/mp4": "m4a",
	"video/mp4": "mp4", "video/quicktime": "mov",
}

// Extension is the file name extension for a content type SniffFile
// returns ("bin" for any other), for naming a reel when it is served: the
// name comes from what the file is, never from what the uploader called it.
func Extension(contentType string) string {
	if ext, ok := extensions[contentType]; ok {
		return ext
	}
	return "bin"
}

// markup are the openings of web page content. A browser given a reel
// served as video/mp4 with nosniff and a sandboxing CSP renders none of
// it, but a file that carries a page has no business being a reel, and
// refusing it here keeps it off the storage altogether. Only markers of
// five bytes or more: in 64 KB of compressed audio a four-byte one (<svg)
// would turn up by chance in one file in eight thousand, these in fewer
// than one in a million.
var markup = [][]byte{[]byte("<html"), []byte("<script"), []byte("<!doctype"), []byte("<body"), []byte("<iframe")}

// hasMarkup reports whether head holds one of markup, in any case.
func hasMarkup(head []byte) bool {
	for i := bytes.IndexByte(head, '<'); i >= 0; {
		rest := head[i:]
		for _, m := range markup {
			if len(rest) >= len(m) && bytes.EqualFold(rest[:len(m)], m) {
				return true
			}
		}
		next := bytes.IndexByte(rest[1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// isoMedia reads the ftyp box of an ISO base media file (MP4, M4A, MOV…).
func isoMedia(head []byte) (string, domain.ReelKind, error) {
	size := int(binary.BigEndian.Uint32(head[:4]))
	if size < 16 {
		return "", "", ErrFileType
	}
	brands := []string{string(head[8:12])} // the major brand, then the compatible ones
	for i := 16; i+4 <= min(size, len(head)); i += 4 {
		brands = append(brands, string(head[i:i+4]))
	}
	switch brands[0] {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "avif", "avis", "crx ", "jpx ", "jp2 ":
		return "", "", ErrPicture
	}
	for _, b := range brands {
		switch b {
		case "M4A ", "M4B ", "M4P ", "F4A ", "F4B ":
			return "audio/mp4", domain.ReelAudio, nil
		case "qt  ":
			return "video/quicktime", domain.ReelVideo, nil
		case "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "mp71", "avc1", "dash", "M4V ", "M4VH",
			"M4VP", "MSNV", "NDAS", "XAVC", "f4v ", "mmp4":
			return "video/mp4", domain.ReelVideo, nil
		}
	}
	return "", "", ErrFileType
}

// picture reports whether head starts like an image file.
func picture(h []byte) bool {
	return bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}) || bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")) ||
		bytes.HasPrefix(h, []byte("GIF8")) || len(h) >= 12 && bytes.HasPrefix(h, []byte("RIFF")) && string(h[8:12]) == "WEBP"
}
