package handlers_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testapp"
)

// pngChunk is a PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	body := append([]byte(typ), data...)
	return binary.BigEndian.AppendUint32(append(b, body...), crc32.ChecksumIEEE(body))
}

// A 16-bit PNG whose header says 7000×7000 (a few hundred bytes here; 381
// KB as a real file) is under the pixel cap, but would take over 600 MB
// to decode: the upload refuses it from its header, in plain words, and
// stores nothing.
func TestSixteenBitPNGRefusedAtUpload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 7000)
	binary.BigEndian.PutUint32(ihdr[4:], 7000)
	ihdr[8], ihdr[9] = 16, 6 // 16 bits, RGBA
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 64))
	zw.Close()
	bomb := append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
	bomb = append(bomb, pngChunk("IDAT", z.Bytes())...)
	bomb = append(bomb, pngChunk("IEND", nil)...)
	resp := b.Upload("/profile/photos", nil, "photos", map[string][]byte{"scan.png": bomb}, "HX-Request", "true")
	msg := testapp.Doc(t, resp).Find("#upload-problems").Text()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "16 bits per colour") || !strings.Contains(msg, "export it as a JPEG") {
		t.Errorf("16-bit PNG bomb: %d %q", resp.StatusCode, msg)
	}
	if photos, _ := e.store.Photos(context.Background(), acct.ID); len(photos) != 0 {
		t.Fatal("a refused file left a photo row")
	}
}
