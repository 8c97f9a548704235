package reel

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/slatecasting/slate/domain"
)

// Every accepted format, in the variants real files come in, passes the
// structure checks.
func TestSniffFileAcceptsValidContainers(t *testing.T) {
	t.Parallel()
	// A head of SniffLen bytes of a long file: the last box or chunk runs
	// past it and is taken on trust.
	head := func(b []byte) []byte {
		out := make([]byte, SniffLen)
		copy(out, b)
		return out
	}
	bigMdat := binary.BigEndian.AppendUint32(nil, 50<<20)
	bigMdat = append(bigMdat, "mdat"...)
	largesize := append([]byte{0, 0, 0, 1}, "mdat"...)
	largesize = binary.BigEndian.AppendUint64(largesize, 16+300)
	largesize = append(largesize, make([]byte, 300)...)
	footer := id3Tag(20)
	footer[5] = 0x10 // ID3v2.4 footer present: 10 more bytes
	footer = append(footer, "3DI\x04\x00\x10\x00\x00\x00\x14"...)
	tests := []struct {
		name string
		data []byte
		ct   string
		kind domain.ReelKind
	}{
		{"mp3: ID3 then frames", cat(id3Tag(200), frameRun(mpeg1L3, 417, 6)), "audio/mpeg", "audio"},
		{"mp3: ID3 with a footer", cat(footer, frameRun(mpeg1L3, 417, 6)), "audio/mpeg", "audio"},
		{"mp3: ID3, zero padding, frames", cat(id3Tag(50), make([]byte, 300), frameRun(mpeg1L3, 417, 6)), "audio/mpeg", "audio"},
		{"mp3: ID3 larger than the head (a cover picture)", head(id3Tag(200_000)), "audio/mpeg", "audio"},
		{"mp3: Layer II frames", frameRun(mpeg1L2, 576, 6), "audio/mpeg", "audio"},
		{"mp3: MPEG-2 frames", frameRun(mpeg2L3, 192, 6), "audio/mpeg", "audio"},
		{"mp3: frames and an ID3v1 tag", cat(frameRun(mpeg1L3, 417, 2), []byte("TAG"), make([]byte, 125)), "audio/mpeg", "audio"},
		{"mp3: the last frame cut short", frameRun(mpeg1L3, 417, 6)[:417*5+100], "audio/mpeg", "audio"},
		{"mp3: a long file", head(frameRun(mpeg1L3, 417, 200)), "audio/mpeg", "audio"},
		{"aac: ADTS frames", adtsRun(6), "audio/aac", "audio"},
		{"aac: ID3 then ADTS frames", cat(id3Tag(40), adtsRun(6)), "audio/aac", "audio"},
		{"wav", wavFile(1000), "audio/wav", "audio"},
		{"wav: LIST before fmt, odd-sized chunk", wavOf(riffChunk("LIST", make([]byte, 33)), wavFmt(), riffChunk("data", make([]byte, 101))), "audio/wav", "audio"},
		{"wav: a long file", head(wavOf(wavFmt(), riffChunk("data", make([]byte, 200_000)))), "audio/wav", "audio"},
		{"ogg: vorbis", oggFile("\x01vorbis"), "audio/ogg", "audio"},
		{"ogg: opus", oggFile("OpusHead"), "audio/ogg", "audio"},
		{"ogg: flac", oggFile("\x7fFLAC"), "audio/ogg", "audio"},
		{"ogg: theora", oggFile("\x80theora"), "video/ogg", "video"},
		{"ogg: theora and vorbis", cat(oggPage(2, append([]byte("\x80theora"), make([]byte, 30)...)), oggFile("\x01vorbis")), "video/ogg", "video"},
		{"ogg: a packet over several segments", cat(oggPage(2, append([]byte("OpusHead"), make([]byte, 600)...)), oggPage(0, make([]byte, 10))), "audio/ogg", "audio"},
		{"flac", flacFile(), "audio/flac", "audio"},
		{"webm", ebmlFile("webm"), "video/webm", "video"},
		{"matroska", ebmlFile("matroska"), "video/x-matroska", "video"},
		{"mp4: ftyp, moov, mdat", isoFile(0x18, "isom", "isom", "avc1"), "video/mp4", "video"},
		{"mp4: mdat first, free, moov", cat(ftypBox(0x18, "mp42", "mp42", "isom"), box("free", nil), box("mdat", make([]byte, 99)), box("moov", nil)), "video/mp4", "video"},
		{"mp4: 64-bit largesize", cat(ftypBox(0x18, "mp42", "mp42", "isom"), largesize, box("moov", nil)), "video/mp4", "video"},
		{"mp4: mdat to the end of the file", cat(ftypBox(0x18, "mp42", "mp42", "isom"), box("moov", nil), []byte{0, 0, 0, 0}, []byte("mdat"), make([]byte, 500)), "video/mp4", "video"},
		{"mp4: uuid and meta boxes", cat(ftypBox(0x18, "mp42", "mp42", "isom"), box("uuid", make([]byte, 16)), box("meta", nil), box("moov", nil)), "video/mp4", "video"},
		{"mp4: a long file", head(cat(ftypBox(0x18, "isom", "isom"), box("moov", make([]byte, 1000)), bigMdat)), "video/mp4", "video"},
		{"mov: wide, mdat, moov", cat(ftypBox(0x14, "qt  ", "qt  "), box("wide", nil), box("mdat", make([]byte, 64)), box("moov", nil)), "video/quicktime", "video"},
		{"m4a", isoFile(0x1C, "M4A ", "M4A ", "mp42", "isom"), "audio/mp4", "audio"},
	}
	for _, tt := range tests {
		ct, kind, err := SniffFile(tt.data)
		if err != nil || ct != tt.ct || kind != tt.kind {
			t.Errorf("%s: SniffFile = %q, %q, %v; want %q, %q", tt.name, ct, kind, err, tt.ct, tt.kind)
		}
	}
}

// A valid header followed by a web page (a polyglot), or by anything else
// that is not the rest of the file, is refused, whatever the format; so
// is markup anywhere in the head of an otherwise valid file.
func TestSniffFileRefusesPolyglots(t *testing.T) {
	t.Parallel()
	long := make([]byte, SniffLen)
	copy(long, cat(ftypBox(0x18, "isom", "isom"), binary.BigEndian.AppendUint32(nil, 50<<20), []byte("mdat")))
	copy(long[SniffLen-len(page):], page)
	upper := bytes.ToUpper(page)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"mp4: ftyp, then a page", cat(ftypBox(0x18, "isom", "isom"), page), ErrDamaged},
		{"mp4: ftyp, then a box of a page", cat(ftypBox(0x18, "isom", "isom"), box("html", page)), ErrDamaged},
		{"mp4: a page in a free box", cat(isoFile(0x18, "isom", "isom"), box("free", page)), ErrFileType},
		{"mp4: a page in an mdat to the end", cat(ftypBox(0x18, "isom", "isom"), box("moov", nil), []byte{0, 0, 0, 0}, []byte("mdat"), page), ErrFileType},
		{"mp4: a page at the end of a long head", long, ErrFileType},
		{"mp4: a page in capitals", cat(isoFile(0x18, "isom", "isom"), box("free", upper)), ErrFileType},
		{"mp3: ID3, then a page", cat(id3Tag(30), page), ErrDamaged},
		{"mp3: a frame, then a page", cat(frameRun(mpeg1L3, 417, 1), page), ErrDamaged},
		{"mp3: a page inside a frame", cat(mpeg1L3, page, make([]byte, 417-4-len(page)), frameRun(mpeg1L3, 417, 3)), ErrFileType},
		{"mp3: a page in the ID3 tag", cat([]byte{'I', 'D', '3', 4, 0, 0, 0, 0, 1, 0}, page, make([]byte, 128-len(page)), frameRun(mpeg1L3, 417, 3)), ErrFileType},
		{"aac: a frame, then a page", cat(adtsRun(1), page), ErrDamaged},
		{"wav: the RIFF header, then a page", cat([]byte("RIFF\x00\x01\x00\x00WAVE"), page), ErrDamaged},
		{"wav: a page as the samples", wavOf(wavFmt(), riffChunk("data", page)), ErrFileType},
		{"ogg: a page after the first", cat(oggPage(2, append([]byte("OpusHead"), make([]byte, 11)...)), page), ErrDamaged},
		{"flac: STREAMINFO, then a page", cat([]byte("fLaC"), flacBlock(0, true, make([]byte, 34)), page), ErrDamaged},
		{"webm: the EBML header, then a page", cat(ebmlFile("webm")[:36], page), ErrDamaged},
		{"webm: a page inside the Cluster", cat(ebmlFile("webm"), page), ErrFileType},
	}
	for _, tt := range tests {
		ct, kind, err := SniffFile(tt.data)
		if !errors.Is(err, tt.want) || ct != "" || kind != "" {
			t.Errorf("%s: SniffFile = %q, %q, %v; want %v", tt.name, ct, kind, err, tt.want)
		}
	}
}

// Files whose structure does not hold together are refused as damaged,
// and a stream of an unknown codec as not accepted.
func TestSniffFileRefusesBrokenContainers(t *testing.T) {
	t.Parallel()
	noBOS := oggFile("OpusHead")
	noBOS[5] = 0
	badSynchsafe := cat(id3Tag(20), frameRun(mpeg1L3, 417, 3))
	badSynchsafe[9] = 0x80
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"mp4: a box past the end of the file", cat(ftypBox(0x18, "isom", "isom"), box("moov", nil), binary.BigEndian.AppendUint32(nil, 9000), []byte("mdat"), make([]byte, 100)), ErrDamaged},
		{"mp4: ftyp and nothing else", ftypBox(0x18, "isom", "isom"), ErrDamaged},
		{"mp4: an unknown top-level box", cat(isoFile(0x18, "isom", "isom"), box("abcd", nil)), ErrDamaged},
		{"mp4: a box smaller than its header", cat(isoFile(0x18, "isom", "isom"), []byte{0, 0, 0, 4}, []byte("free")), ErrDamaged},
		{"mp4: garbage after the last box", cat(isoFile(0x18, "isom", "isom"), []byte{1, 2, 3}), ErrDamaged},
		{"mp3: an ID3 tag and no sound", id3Tag(100), ErrDamaged},
		{"mp3: an ID3 size that is not synchsafe", badSynchsafe, ErrDamaged},
		{"mp3: a second frame header missing", cat(frameRun(mpeg1L3, 417, 1), make([]byte, 417)), ErrDamaged},
		{"wav: no fmt chunk", wavOf(riffChunk("data", make([]byte, 100))), ErrDamaged},
		{"wav: an empty fmt chunk", wavOf(riffChunk("fmt ", make([]byte, 16)), riffChunk("data", make([]byte, 100))), ErrDamaged},
		{"wav: no data chunk", wavOf(wavFmt()), ErrDamaged},
		{"wav: cut short", wavFile(1000)[:500], ErrDamaged},
		{"ogg: the first page does not begin a stream", noBOS, ErrDamaged},
		{"ogg: a page cut short", oggFile("OpusHead")[:80], ErrDamaged},
		{"ogg: an unknown codec", oggFile("XYZcodec"), ErrFileType},
		{"flac: no STREAMINFO first", cat([]byte("fLaC"), flacBlock(1, true, make([]byte, 34)), []byte{0xFF, 0xF8}), ErrDamaged},
		{"flac: metadata and no sound", cat([]byte("fLaC"), flacBlock(0, true, make([]byte, 34))), ErrDamaged},
		{"webm: a header size past its children", cat(ebmlID, []byte{0x9F}, make([]byte, 40)), ErrDamaged},
		{"webm: no Segment after the header", cat(ebmlFile("webm")[:36], box("free", make([]byte, 20))), ErrDamaged},
	}
	for _, tt := range tests {
		ct, kind, err := SniffFile(tt.data)
		if !errors.Is(err, tt.want) || ct != "" || kind != "" {
			t.Errorf("%s: SniffFile = %q, %q, %v; want %v", tt.name, ct, kind, err, tt.want)
		}
	}
}

func TestHasMarkup(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"<html>": true, "x<HtMl lang=en>": true, "<<script": true, "<!DOCTYPE html>": true, "a<body>": true, "<iframe src=x>": true,
		"": false, "<": false, "<htm": false, "<svg>": false, "a < b <b>": false, "<h1>": false,
	} {
		if got := hasMarkup([]byte(s)); got != want {
			t.Errorf("hasMarkup(%q) = %v", s, got)
		}
	}
}

// Every type SniffFile names has its extension.
func TestExtension(t *testing.T) {
	t.Parallel()
	for _, ct := range []string{"audio/mpeg", "audio/aac", "audio/wav", "audio/ogg", "video/ogg", "audio/flac", "video/webm", "video/x-matroska", "audio/mp4", "video/mp4", "video/quicktime"} {
		if ext := Extension(ct); ext == "bin" || ext == "" {
			t.Errorf("Extension(%q) = %q", ct, ext)
		}
	}
	if Extension("text/html") != "bin" || Extension("") != "bin" {
		t.Error("an unknown type must get the neutral extension")
	}
	if Extension("audio/mp4") != "m4a" || Extension("video/quicktime") != "mov" {
		t.Error("wrong extensions")
	}
}
