package reel

import (
	"bytes"
	"encoding/binary"

	"github.com/slatecasting/slate/domain"
)

// The checks below read a container's own structure as far as the head
// goes: box and chunk sizes that add up, headers where the previous one
// says the next begins. A size that runs past a head of SniffLen bytes
// cannot be checked further and is taken on trust; past the end of a
// whole file it is damage. Each function returns the content type and
// kind, or ErrDamaged.

// framesChecked is how many consecutive audio frames must follow one
// another where their headers say: enough that random bytes (or a page)
// behind one plausible header do not pass, few enough that a legitimate
// file with junk later on is not refused.
const framesChecked = 4

// id3Audio skips an ID3v2 tag (its size is synchsafe: 7 bits a byte, plus
// 10 bytes of footer when the flag says so) and the zero padding some
// taggers leave after it, and requires MPEG audio or ADTS frames there.
func id3Audio(head []byte, whole bool) (string, domain.ReelKind, error) {
	major, flags, sz := head[3], head[5], head[6:10]
	if major < 2 || major > 4 || head[4] == 0xFF || sz[0]|sz[1]|sz[2]|sz[3] >= 0x80 {
		return "", "", ErrDamaged
	}
	end := 10 + (int(sz[0])<<21 | int(sz[1])<<14 | int(sz[2])<<7 | int(sz[3]))
	if major == 4 && flags&0x10 != 0 {
		end += 10 // footer
	}
	for end < len(head) && head[end] == 0 {
		end++
	}
	if end+4 > len(head) {
		if whole {
			return "", "", ErrDamaged // a tag and no sound
		}
		return "audio/mpeg", domain.ReelAudio, nil // a tag longer than the head (a cover picture)
	}
	rest := head[end:]
	switch {
	case mpegAudioFrame(rest):
		return frames(rest, whole, mpegFrameLen, "audio/mpeg")
	case adtsFrame(rest):
		return frames(rest, whole, adtsFrameLen, "audio/aac")
	}
	return "", "", ErrDamaged
}

// frames requires up to framesChecked frames one after another, each
// where the previous one's length says. A whole file may end inside its
// last frame, or with an ID3v1 or APE tag.
func frames(head []byte, whole bool, frameLen func([]byte) int, ct string) (string, domain.ReelKind, error) {
	pos, seen := 0, 0
	for ; seen < framesChecked && pos+7 <= len(head); seen++ {
		n := frameLen(head[pos:])
		if n == 0 {
			if seen > 0 && whole && (bytes.HasPrefix(head[pos:], []byte("TAG")) || bytes.HasPrefix(head[pos:], []byte("APETAGEX"))) {
				break
			}
			return "", "", ErrDamaged
		}
		pos += n
	}
	if seen == 0 && whole {
		return "", "", ErrDamaged
	}
	return ct, domain.ReelAudio, nil
}

// mpegAudioFrame reports whether head starts with an MPEG audio frame
// header: 11 sync bits, a known version and layer, a usable bitrate and
// sample rate.
func mpegAudioFrame(h []byte) bool {
	if len(h) < 4 || h[0] != 0xFF || h[1]&0xE0 != 0xE0 {
		return false
	}
	version, layer := h[1]>>3&3, h[1]>>1&3
	bitrate, rate := h[2]>>4, h[2]>>2&3
	return version != 1 && layer != 0 && bitrate != 0 && bitrate != 15 && rate != 3
}

// Bitrates in kbit/s by MPEG version (1, or 2 and 2.5) and layer (I, II,
// III), and sample rates by version (1, 2, 2.5), as ISO 11172-3 and
// 13818-3 list them.
var (
	mpegBitrates = [2][3][15]int{
		{{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
			{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
			{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}},
		{{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
			{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
			{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}},
	}
	mpegRates = [3][3]int{{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}}
)

// mpegFrameLen is the length of the MPEG audio frame h starts with, or 0
// when h does not start with a frame header.
func mpegFrameLen(h []byte) int {
	if !mpegAudioFrame(h) {
		return 0
	}
	layer := 4 - int(h[1]>>1&3) // 1, 2 or 3
	v := 0                      // MPEG-1
	switch h[1] >> 3 & 3 {
	case 2:
		v = 1 // MPEG-2
	case 0:
		v = 2 // MPEG-2.5
	}
	kbps := mpegBitrates[min(v, 1)][layer-1][h[2]>>4]
	rate := mpegRates[v][h[2]>>2&3]
	pad := int(h[2] >> 1 & 1)
	switch {
	case layer == 1:
		return (12*kbps*1000/rate + pad) * 4
	case layer == 3 && v > 0:
		return 72*kbps*1000/rate + pad
	}
	return 144*kbps*1000/rate + pad
}

// adtsFrame reports whether head starts with an AAC ADTS frame header.
func adtsFrame(h []byte) bool {
	return len(h) >= 7 && h[0] == 0xFF && h[1]&0xF6 == 0xF0 && h[2]>>2&0xF < 13
}

// adtsFrameLen is the length of the ADTS frame h starts with (13 bits of
// its header, the header included), or 0.
func adtsFrameLen(h []byte) int {
	if !adtsFrame(h) {
		return 0
	}
	n := int(h[3]&3)<<11 | int(h[4])<<3 | int(h[5])>>5
	if n < 7 {
		return 0
	}
	return n
}

// wav walks the RIFF chunks after "WAVE": each a four-character id and a
// little-endian size (padded to even), within the RIFF size, with a fmt
// chunk (format, channels, rate, block alignment) before the data chunk.
func wav(head []byte, whole bool) (string, domain.ReelKind, error) {
	riffEnd := 8 + int64(binary.LittleEndian.Uint32(head[4:8]))
	if riffEnd < 12 || whole && riffEnd > int64(len(head))+1 { // +1: a writer may leave the last pad byte out
		return "", "", ErrDamaged
	}
	fmtSeen, pos := false, int64(12)
	for pos+8 <= riffEnd {
		if pos+8 > int64(len(head)) {
			if whole || !fmtSeen {
				return "", "", ErrDamaged // cut short, or a chunk too large for the head before fmt: not a WAV anyone writes
			}
			return "audio/wav", domain.ReelAudio, nil
		}
		id, size := head[pos:pos+4], int64(binary.LittleEndian.Uint32(head[pos+4:pos+8]))
		body := pos + 8
		if !fourCC(id) || body+size > riffEnd+1 {
			return "", "", ErrDamaged
		}
		switch string(id) {
		case "fmt ":
			if size < 16 || body+16 > int64(len(head)) {
				return "", "", ErrDamaged
			}
			f := head[body:]
			format, channels := binary.LittleEndian.Uint16(f), binary.LittleEndian.Uint16(f[2:])
			rate, align := binary.LittleEndian.Uint32(f[4:]), binary.LittleEndian.Uint16(f[12:])
			if format == 0 || channels == 0 || rate == 0 || align == 0 {
				return "", "", ErrDamaged
			}
			fmtSeen = true
		case "data":
			if !fmtSeen {
				return "", "", ErrDamaged
			}
			return "audio/wav", domain.ReelAudio, nil
		}
		pos = body + size + size&1
	}
	return "", "", ErrDamaged // the RIFF ends without a data chunk
}

// fourCC reports whether b is a chunk or box type: four printable ASCII
// characters.
func fourCC(b []byte) bool {
	for _, c := range b[:4] {
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

// oggCodecs are the first packets of the streams an Ogg reel may carry,
// by their identification header, and the kind each makes it.
var oggCodecs = []struct {
	id   string
	kind domain.ReelKind
}{
	{"\x01vorbis", domain.ReelAudio}, {"OpusHead", domain.ReelAudio}, {"\x7fFLAC", domain.ReelAudio},
	{"Speex   ", domain.ReelAudio}, {"\x80theora", domain.ReelVideo}, {"fishead\x00", domain.ReelAudio},
}

// ogg walks the Ogg pages: "OggS", version 0, known header flags, a
// segment table whose lacing values give the page's length, the next
// page starting where that says. The first page begins a stream (BOS)
// with a known codec's identification packet; a Theora stream anywhere
// in the head makes it a video.
func ogg(head []byte, whole bool) (string, domain.ReelKind, error) {
	kind := domain.ReelKind("")
	pos := 0
	for pos < len(head) {
		p := head[pos:]
		if len(p) < 27 {
			if whole {
				return "", "", ErrDamaged
			}
			break
		}
		if string(p[:4]) != "OggS" || p[4] != 0 || p[5]&^0x07 != 0 || pos == 0 && p[5]&0x02 == 0 {
			return "", "", ErrDamaged
		}
		nseg := int(p[26])
		if 27+nseg > len(p) {
			if whole {
				return "", "", ErrDamaged
			}
			break
		}
		length := 27 + nseg
		for _, l := range p[27 : 27+nseg] {
			length += int(l)
		}
		if p[5]&0x02 != 0 { // a stream begins: its first packet names the codec
			packet := p[27+nseg:]
			for _, c := range oggCodecs {
				if bytes.HasPrefix(packet, []byte(c.id)) {
					if kind != domain.ReelVideo {
						kind = c.kind
					}
					break
				}
			}
			if pos == 0 && kind == "" {
				return "", "", ErrFileType // an Ogg stream of something else
			}
		}
		if pos+length > len(head) && whole {
			return "", "", ErrDamaged
		}
		pos += length
	}
	if kind == domain.ReelVideo {
		return "video/ogg", domain.ReelVideo, nil
	}
	return "audio/ogg", domain.ReelAudio, nil
}

// flac walks the metadata blocks after "fLaC" (STREAMINFO first, 34
// bytes; each block a type and a 24-bit length, the last one flagged) and
// requires a frame sync (14 bits, 0xFFF8 or 0xFFF9) after them.
func flac(head []byte, whole bool) (string, domain.ReelKind, error) {
	pos := 4
	for first := true; ; first = false {
		if pos+4 > len(head) {
			if whole {
				return "", "", ErrDamaged
			}
			return "audio/flac", domain.ReelAudio, nil
		}
		last, typ := head[pos]&0x80 != 0, head[pos]&0x7F
		n := int(head[pos+1])<<16 | int(head[pos+2])<<8 | int(head[pos+3])
		if typ == 127 || first != (typ == 0) || typ == 0 && n != 34 {
			return "", "", ErrDamaged
		}
		pos += 4 + n
		if last {
			break
		}
	}
	switch {
	case pos+2 <= len(head):
		if head[pos] != 0xFF || head[pos+1]&0xFE != 0xF8 {
			return "", "", ErrDamaged
		}
	case whole:
		return "", "", ErrDamaged // metadata and no sound
	}
	return "audio/flac", domain.ReelAudio, nil
}

// ebmlID opens an EBML document (WebM, Matroska).
var ebmlID = []byte{0x1A, 0x45, 0xDF, 0xA3}

// ebmlHeaderIDs are the elements an EBML header may hold (EBMLVersion,
// EBMLReadVersion, EBMLMaxIDLength, EBMLMaxSizeLength, DocType,
// DocTypeVersion, DocTypeReadVersion, Void, CRC-32); segmentIDs the
// top-level elements of a Matroska segment.
var (
	ebmlHeaderIDs = []uint32{0x4286, 0x42F7, 0x42F2, 0x42F3, 0x4282, 0x4287, 0x4285, 0xEC, 0xBF}
	segmentIDs    = []uint32{0x114D9B74, 0x1549A966, 0x1654AE6B, 0x1F43B675, 0x1C53BB6B, 0x1941A469, 0x1043A770, 0x1254C367, 0xEC, 0xBF}
)

// ebml reads the EBML header element (its children, within its size,
// naming the DocType webm or matroska), then requires the Segment after
// it and walks the Segment's top-level elements as far as the head goes.
func ebml(head []byte, whole bool) (string, domain.ReelKind, error) {
	size, n, ok := ebmlSize(head[4:])
	if !ok || size < 0 || 4+n+int(size) > len(head) {
		return "", "", ErrDamaged
	}
	body := head[4+n : 4+n+int(size)]
	doctype := ""
	for len(body) > 0 {
		id, idLen, ok1 := ebmlElementID(body)
		sz, szLen, ok2 := ebmlSize(body[idLen:])
		if !ok1 || !ok2 || sz < 0 || idLen+szLen+int(sz) > len(body) || !containsID(ebmlHeaderIDs, id) {
			return "", "", ErrDamaged
		}
		if id == 0x4282 {
			doctype = string(bytes.TrimRight(body[idLen+szLen:idLen+szLen+int(sz)], "\x00"))
		}
		body = body[idLen+szLen+int(sz):]
	}
	var ct string
	switch doctype {
	case "webm":
		ct = "video/webm"
	case "matroska":
		ct = "video/x-matroska"
	default:
		return "", "", ErrFileType
	}
	rest := head[4+n+int(size):]
	if len(rest) < 5 {
		if whole {
			return "", "", ErrDamaged
		}
		return ct, domain.ReelVideo, nil
	}
	id, idLen, ok := ebmlElementID(rest)
	sz, szLen, ok2 := ebmlSize(rest[min(idLen, len(rest)):])
	if !ok || !ok2 || id != 0x18538067 {
		return "", "", ErrDamaged
	}
	seg := rest[idLen+szLen:]
	if sz >= 0 && int64(len(seg)) > sz {
		seg = seg[:sz]
	}
	for len(seg) > 0 {
		id, idLen, ok1 := ebmlElementID(seg)
		if !ok1 {
			if !whole && len(seg) < 4 {
				break
			}
			return "", "", ErrDamaged
		}
		sz, szLen, ok2 := ebmlSize(seg[idLen:])
		if !ok2 {
			if !whole && len(seg) < idLen+8 {
				break
			}
			return "", "", ErrDamaged
		}
		if !containsID(segmentIDs, id) {
			return "", "", ErrDamaged
		}
		if sz < 0 || idLen+szLen+int(sz) > len(seg) { // unknown size (a live Cluster) or past the head
			if whole && sz >= 0 {
				return "", "", ErrDamaged
			}
			break
		}
		seg = seg[idLen+szLen+int(sz):]
	}
	return ct, domain.ReelVideo, nil
}

// ebmlElementID reads an element ID: a variable-length integer of 1 to 4
// bytes whose length marker is kept.
func ebmlElementID(b []byte) (id uint32, n int, ok bool) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0, false
	}
	n = 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		n++
	}
	if n > 4 || len(b) < n {
		return 0, 0, false
	}
	for _, c := range b[:n] {
		id = id<<8 | uint32(c)
	}
	return id, n, true
}

// ebmlSize reads an element size: a variable-length integer of 1 to 8
// bytes without its marker; all ones is -1, an unknown size.
func ebmlSize(b []byte) (size int64, n int, ok bool) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0, false
	}
	n = 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		n++
	}
	if len(b) < n {
		return 0, 0, false
	}
	v := uint64(b[0] & (0xFF >> n))
	allOnes := v == uint64(0xFF>>n)
	for _, c := range b[1:n] {
		v = v<<8 | uint64(c)
		allOnes = allOnes && c == 0xFF
	}
	if allOnes {
		return -1, n, true
	}
	if v > 1<<53 {
		return 0, 0, false
	}
	return int64(v), n, true
}

func containsID(ids []uint32, id uint32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// isoTopLevel are the box types found at the top of ISO media files
// (ISO 14496-12 and QuickTime): anything else there is not one.
var isoTopLevel = []string{"ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "meta", "moof", "mfra",
	"styp", "sidx", "ssix", "prft", "emsg", "pdin", "pnot", "junk"}

// isoBoxes walks the top-level boxes: a 32-bit size (1: a 64-bit
// largesize follows the type; 0: the box runs to the end of the file) and
// a known type, each box starting where the previous one ends. A whole
// file must end where its last box does and hold its media (moov, mdat or
// moof), not only a file type.
func isoBoxes(head []byte, whole bool) bool {
	pos, media := int64(0), false
	for pos+8 <= int64(len(head)) {
		size, typ := int64(binary.BigEndian.Uint32(head[pos:])), string(head[pos+4:pos+8])
		if !containsString(isoTopLevel, typ) {
			return false
		}
		media = media || typ == "moov" || typ == "mdat" || typ == "moof"
		hdr := int64(8)
		switch size {
		case 0:
			return !whole || media // to the end of the file
		case 1:
			if pos+16 > int64(len(head)) {
				return !whole
			}
			large := binary.BigEndian.Uint64(head[pos+8:])
			if large > 1<<62 {
				return false
			}
			size, hdr = int64(large), 16
		}
		if size < hdr {
			return false
		}
		if pos+size > int64(len(head)) {
			return !whole // runs past the head: past the end of a whole file is damage
		}
		pos += size
	}
	if whole {
		return pos == int64(len(head)) && media
	}
	return true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
