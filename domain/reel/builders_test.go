package reel

import (
	"bytes"
	"encoding/binary"
)

// Small but structurally valid audio and video files, built here so each
// test says what it feeds SniffFile. Payloads are zeros: SniffFile reads
// containers and frame headers, never the coded sound or pictures.

// MPEG audio frame headers and the length of their frames: MPEG-1 Layer
// III at 128 kbit/s and 44.1 kHz (417 bytes), MPEG-2 Layer III at 64
// kbit/s and 24 kHz (192), MPEG-1 Layer II at 192 kbit/s and 48 kHz (576).
var (
	mpeg1L3 = []byte{0xFF, 0xFB, 0x90, 0x44}
	mpeg2L3 = []byte{0xFF, 0xF3, 0x84, 0xC4}
	mpeg1L2 = []byte{0xFF, 0xFD, 0xA4, 0x04}
)

// frameRun is n frames of length bytes, each starting with hdr.
func frameRun(hdr []byte, length, n int) []byte {
	var b []byte
	for range n {
		f := make([]byte, length)
		copy(f, hdr)
		b = append(b, f...)
	}
	return b
}

// id3Tag is an ID3v2.4 tag of size bytes after its header (a TIT2 frame,
// then zero padding), its size written synchsafe.
func id3Tag(size int) []byte {
	b := []byte{'I', 'D', '3', 4, 0, 0, byte(size >> 21 & 0x7F), byte(size >> 14 & 0x7F), byte(size >> 7 & 0x7F), byte(size & 0x7F)}
	body := make([]byte, size)
	copy(body, "TIT2\x00\x00\x00\x05\x00\x00\x03Demo")
	return append(b, body...)
}

// adtsRun is n AAC ADTS frames of 371 bytes (the length their header says).
func adtsRun(n int) []byte {
	return frameRun([]byte{0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC}, 371, n)
}

// riffChunk is a RIFF chunk, padded to an even length.
func riffChunk(id string, data []byte) []byte {
	b := append([]byte(id), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// wavFmt is a fmt chunk: PCM, mono, 8 kHz, 16 bits.
func wavFmt() []byte {
	f := make([]byte, 16)
	binary.LittleEndian.PutUint16(f[0:], 1)
	binary.LittleEndian.PutUint16(f[2:], 1)
	binary.LittleEndian.PutUint32(f[4:], 8000)
	binary.LittleEndian.PutUint32(f[8:], 16000)
	binary.LittleEndian.PutUint16(f[12:], 2)
	binary.LittleEndian.PutUint16(f[14:], 16)
	return riffChunk("fmt ", f)
}

// wavOf is a RIFF/WAVE file of the given chunks, its RIFF size right.
func wavOf(chunks ...[]byte) []byte {
	body := []byte("WAVE")
	for _, c := range chunks {
		body = append(body, c...)
	}
	return riffChunk("RIFF", body)
}

// wavFile is a PCM WAV file with n bytes of samples.
func wavFile(n int) []byte { return wavOf(wavFmt(), riffChunk("data", make([]byte, n))) }

// oggPage is an Ogg page of one packet (flags: 2 begins a stream).
func oggPage(flags byte, packet []byte) []byte {
	b := append([]byte("OggS\x00"), flags)
	b = append(b, make([]byte, 20)...) // granule position, serial number, sequence number, CRC
	var lacing []byte
	for n := len(packet); ; n -= 255 {
		if n < 255 {
			lacing = append(lacing, byte(n))
			break
		}
		lacing = append(lacing, 255)
	}
	b = append(b, byte(len(lacing)))
	b = append(b, lacing...)
	return append(b, packet...)
}

// oggFile is an Ogg stream whose first packet is codec's identification
// header, then a page of data.
func oggFile(codec string) []byte {
	return append(oggPage(2, append([]byte(codec), make([]byte, 22)...)), oggPage(0, make([]byte, 300))...)
}

// flacBlock is a FLAC metadata block.
func flacBlock(typ byte, last bool, data []byte) []byte {
	if last {
		typ |= 0x80
	}
	return append([]byte{typ, byte(len(data) >> 16), byte(len(data) >> 8), byte(len(data))}, data...)
}

// flacFile is "fLaC", STREAMINFO, a padding block and the first frame.
func flacFile() []byte {
	b := append([]byte("fLaC"), flacBlock(0, false, make([]byte, 34))...)
	b = append(b, flacBlock(1, true, make([]byte, 100))...)
	return append(b, 0xFF, 0xF8, 0x69, 0x08, 0x00, 0x00)
}

// ebmlElement is an EBML element with a 1-byte size.
func ebmlElement(id []byte, data []byte) []byte {
	return append(append(append([]byte{}, id...), 0x80|byte(len(data))), data...)
}

// ebmlFile is an EBML header naming doctype, then a Segment of unknown
// size holding an Info element and a Cluster of unknown size.
func ebmlFile(doctype string) []byte {
	var h []byte
	for _, e := range [][]byte{
		ebmlElement([]byte{0x42, 0x86}, []byte{1}), ebmlElement([]byte{0x42, 0xF7}, []byte{1}),
		ebmlElement([]byte{0x42, 0xF2}, []byte{4}), ebmlElement([]byte{0x42, 0xF3}, []byte{8}),
		ebmlElement([]byte{0x42, 0x82}, []byte(doctype)), ebmlElement([]byte{0x42, 0x87}, []byte{4}),
		ebmlElement([]byte{0x42, 0x85}, []byte{2}),
	} {
		h = append(h, e...)
	}
	b := ebmlElement(ebmlID, h)
	b = append(b, 0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF) // Segment, unknown size
	b = append(b, ebmlElement([]byte{0x15, 0x49, 0xA9, 0x66}, make([]byte, 20))...)       // Info
	return append(b, 0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xE7, 0x81, 0x00)
}

// box is an ISO media box.
func box(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(data)))
	return append(append(b, typ...), data...)
}

// ftypBox is an ftyp box of size bytes (as the test says it, to allow a
// wrong one): the major brand, a minor version and compatible brands,
// zero-filled to size when that is larger.
func ftypBox(size byte, brands ...string) []byte {
	b := []byte{0, 0, 0, size}
	b = append(b, "ftyp"...)
	b = append(b, brands[0]...)
	b = append(b, 0, 0, 2, 0)
	for _, c := range brands[1:] {
		b = append(b, c...)
	}
	if len(b) < int(size) {
		b = append(b, make([]byte, int(size)-len(b))...)
	}
	return b
}

// isoFile is an ftyp box, then a moov and an mdat box.
func isoFile(size byte, brands ...string) []byte {
	b := ftypBox(size, brands...)
	b = append(b, box("moov", box("mvhd", make([]byte, 100)))...)
	return append(b, box("mdat", make([]byte, 400))...)
}

// page is a web page, what a polyglot hides behind a media header.
var page = []byte("<!doctype html><html><body><script>fetch('/profile',{method:'POST'})</script></body></html>")

// cat joins byte slices.
func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
