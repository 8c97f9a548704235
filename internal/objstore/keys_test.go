package objstore_test

import (
	"strings"
	"testing"

	"github.com/slatecasting/slate/internal/objstore"
)

func TestValidKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{"photos/1/thumb.jpg", true},
		{"media/7/original.mp4", true},
		{"reels/9/file", true},
		{"a", true},
		{"a-b_c.d/0-9", true},
		{"a..b/c", true}, // dots inside a segment are fine
		{".hidden", true},
		{strings.Repeat("a", 512), true},

		{"", false},
		{strings.Repeat("a", 513), false},
		{"/abs", false},
		{"a/", false},
		{"a//b", false},
		{".", false},
		{"..", false},
		{"./a", false},
		{"a/./b", false},
		{"../x", false},
		{"a/..", false},
		{"a/../b", false},
		{"A", false},
		{"photos/1/Thumb.jpg", false},
		{"a\\b", false},
		{"a b", false},
		{"a\x00b", false},
		{"a~type", false}, // "~" is what keeps local sidecars apart from keys
		{"a:b", false},
		{"a%2fb", false},
		{"é", false},
	} {
		if got := objstore.ValidKey(tc.key); got != tc.want {
			t.Errorf("ValidKey(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
	for _, k := range invalidKeys {
		if objstore.ValidKey(k) {
			t.Errorf("contract's invalid key %q is valid", k)
		}
	}
}

func TestPhotoKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id      int64
		variant string
		want    string
	}{
		{123, objstore.Original, "photos/123/original.jpg"},
		{123, objstore.Display, "photos/123/display.jpg"},
		{123, objstore.Thumb, "photos/123/thumb.jpg"},
		{9007199254740993, "thumb", "photos/9007199254740993/thumb.jpg"},
		{1, "clean", ""},
		{1, "Display", ""},
		{1, "", ""},
		{1, "../x", ""},
		{0, "thumb", ""},
		{-4, "thumb", ""},
	} {
		got := objstore.PhotoKey(tc.id, tc.variant)
		if got != tc.want {
			t.Errorf("PhotoKey(%d, %q) = %q, want %q", tc.id, tc.variant, got, tc.want)
		}
		if got != "" && !objstore.ValidKey(got) {
			t.Errorf("PhotoKey(%d, %q) = %q is not a valid key", tc.id, tc.variant, got)
		}
	}
}

func TestParseKeys(t *testing.T) {
	t.Parallel()
	for _, id := range []int64{1, 42, 9007199254740993} {
		for _, v := range []string{objstore.Original, objstore.Display, objstore.Thumb} {
			gotID, gotV, ok := objstore.ParsePhotoKey(objstore.PhotoKey(id, v))
			if !ok || gotID != id || gotV != v {
				t.Errorf("ParsePhotoKey(PhotoKey(%d, %s)) = %d, %q, %v", id, v, gotID, gotV, ok)
			}
		}
		if gotID, ok := objstore.ParseReelKey(objstore.ReelKey(id)); !ok || gotID != id {
			t.Errorf("ParseReelKey(ReelKey(%d)) = %d, %v", id, gotID, ok)
		}
	}
	for _, key := range []string{
		"", "photos/", "photos/1", "photos/1/", "photos/1/thumb", "photos/1/thumb.png", "photos/1/other.jpg",
		"photos/1/thumb.jpg/x", "photos/0/thumb.jpg", "photos/-1/thumb.jpg", "photos/+1/thumb.jpg",
		"photos/01/thumb.jpg", "photos/x/thumb.jpg", "photos/9223372036854775808/thumb.jpg",
		"reels/1/file", "media/1/original.mp4", "x/photos/1/thumb.jpg",
	} {
		if id, v, ok := objstore.ParsePhotoKey(key); ok {
			t.Errorf("ParsePhotoKey(%q) = %d, %q; want not a photo key", key, id, v)
		}
	}
	for _, key := range []string{
		"", "reels/", "reels/1", "reels/1/", "reels/1/file/x", "reels/1/File", "reels/0/file", "reels/-1/file",
		"reels/01/file", "reels//file", "photos/1/original.jpg", "x/reels/1/file",
	} {
		if id, ok := objstore.ParseReelKey(key); ok {
			t.Errorf("ParseReelKey(%q) = %d; want not a reel key", key, id)
		}
	}
}
