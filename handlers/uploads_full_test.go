package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
)

// An upload to a full profile is refused with its message and leaves no
// object in storage (the store refuses it before the upload is written:
// NewPhotoID, tested in domain/store).
func TestFullProfileRefusesUpload(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer)
	b := e.as(acct)
	for range domain.MaxPhotos {
		id, err := e.store.NewPhotoID(ctx, acct.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.AddPhoto(ctx, acct.ID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: 1, Width: 1200, Height: 1600}); err != nil {
			t.Fatal(err)
		}
	}
	good := fixtures.JPEG(fixtures.Photo(1200, 1600, 1), 90)
	resp := b.Upload("/profile/photos", nil, "photos", map[string][]byte{"a.jpg": good}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testapp.Doc(t, resp).Find("#upload-problems").Text(), "already holds") {
		t.Fatalf("upload to a full profile: %d", resp.StatusCode)
	}
	for info, err := range e.objects.List(ctx, objstore.PhotoPrefix) {
		t.Errorf("stored after a refused upload: %+v, %v", info, err)
	}
}
