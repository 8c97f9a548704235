package handlers

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/objstore"
)

// PhotoStore is what the headshot and book pages need from the store.
type PhotoStore interface {
	NewPhotoID(ctx context.Context, accountID int64) (int64, error)
	AddPhoto(ctx context.Context, accountID int64, np store.NewPhoto) (domain.Photo, error)
	Photos(ctx context.Context, accountID int64) ([]domain.Photo, error)
	Photo(ctx context.Context, accountID, photoID int64) (domain.Photo, error)
	PhotoByID(ctx context.Context, photoID int64) (domain.Photo, error)
	SetCaption(ctx context.Context, accountID, photoID int64, caption string) (domain.Photo, error)
	MovePhoto(ctx context.Context, accountID, photoID int64, delta int) error
	SetHeadshot(ctx context.Context, accountID, photoID int64) error
	DeletePhoto(ctx context.Context, accountID, photoID int64) error
}

// photoHandler serves the headshot and book manager.
type photoHandler struct {
	store   PhotoStore
	objects objstore.Store
	limits  photocheck.Limits
	profile *profileHandler // for the media page's meter and visibility rules
}

// fileProblem is an upload refused at request time, shown beside the form.
type fileProblem struct {
	File    string
	Message string
}

// upload stores each chosen photo and queues its check. A refused file
// does not stop the others; each refusal is listed with what to do.
func (h *photoHandler) upload(c *fiber.Ctx) error {
	u := currentUser(c)
	headshot := c.FormValue("headshot") == "1"
	form, err := c.MultipartForm()
	if err != nil {
		return h.renderManager(c, []fileProblem{{Message: "Choose the photos to upload."}})
	}
	files := form.File["photos"]
	if len(files) == 0 {
		return h.renderManager(c, []fileProblem{{Message: "Choose at least one photo to upload."}})
	}
	if headshot && len(files) > 1 {
		files = files[:1]
	}
	var problems []fileProblem
	for _, fh := range files {
		if msg := h.storeUpload(c.UserContext(), u.ID, fh, headshot); msg != "" {
			problems = append(problems, fileProblem{File: fh.Filename, Message: msg})
		}
	}
	if len(problems) > 0 {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return h.renderManager(c, problems)
}

// storeUpload checks one file without decoding it (size, sniffed type,
// dimensions and pixel count from the header only), then stores it with
// its row and job. It returns a message for the user, or "".
func (h *photoHandler) storeUpload(ctx context.Context, accountID int64, fh *multipart.FileHeader, headshot bool) string {
	if err := photocheck.CheckSize(fh.Size, h.limits); err != nil {
		return uploadMessage(err)
	}
	f, err := fh.Open()
	if err != nil {
		return "We could not read this file. Try again."
	}
	defer f.Close()
	info, err := photocheck.Inspect(f, h.limits)
	if err != nil {
		return uploadMessage(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "We could not read this file. Try again."
	}
	id, err := h.store.NewPhotoID(ctx, accountID)
	if err == nil {
		err = putThenCommit(ctx, h.objects, objstore.PhotoKey(id, objstore.Original), f, fh.Size, info.ContentType, func(ctx context.Context) error {
			_, err := h.store.AddPhoto(ctx, accountID, store.NewPhoto{
				ID: id, ContentType: info.ContentType, Bytes: fh.Size, Width: info.Width, Height: info.Height, Headshot: headshot,
			})
			return err
		})
	}
	switch {
	case errors.Is(err, store.ErrTooManyPhotos):
		return "Your profile already holds " + strconv.Itoa(domain.MaxPhotos) + " photos: delete some before adding more."
	case err != nil:
		return "We could not store this photo. Please try again in a moment."
	}
	return ""
}

// uploadMessage is the plain message for a refused upload.
func uploadMessage(err error) string {
	var ue *photocheck.UploadError
	if errors.As(err, &ue) {
		return ue.Message
	}
	return "This file could not be read as a photo: upload a JPEG, PNG or WebP picture."
}

// page renders the photos and reels page.
func (h *photoHandler) page(c *fiber.Ctx) error {
	data, err := h.managerData(c, nil)
	if err != nil {
		return err
	}
	data["Title"] = "Photos & reels"
	return render(c, "profile/media", "profile/photo_manager", data)
}

func (h *photoHandler) renderManager(c *fiber.Ctx, problems []fileProblem) error {
	if !isFragment(c) && len(problems) == 0 {
		return redirect(c, "/profile/media")
	}
	data, err := h.managerData(c, problems)
	if err != nil {
		return err
	}
	data["Title"] = "Photos & reels"
	return render(c, "profile/media", "profile/photo_manager", data)
}

func (h *photoHandler) managerData(c *fiber.Ctx, problems []fileProblem) (fiber.Map, error) {
	u := currentUser(c)
	photos, err := h.store.Photos(c.UserContext(), u.ID)
	if err != nil {
		return nil, err
	}
	data, err := h.profile.mediaPageData(c)
	if err != nil {
		return nil, err
	}
	book := make([]PhotoView, 0, len(photos))
	var head *PhotoView
	for _, p := range photos {
		v := NewPhotoView(p, false, false)
		if p.IsHeadshot {
			head = &v
			continue
		}
		book = append(book, v)
	}
	if len(book) > 0 {
		book[0].First, book[len(book)-1].Last = true, true
	}
	data["Headshot"] = head
	data["Book"] = book
	data["Problems"] = problems
	data["MaxPhotoMB"] = h.limits.MaxBytes >> 20
	return data, nil
}

// card renders one photo card: htmx polls it while the check runs, and
// the card stops polling once the verdict is in. A finished check also
// tells the page to refresh its completeness summary.
func (h *photoHandler) card(c *fiber.Ctx) error {
	p, err := h.ownPhoto(c)
	if err != nil {
		return err
	}
	if p.Done() && c.Query("wait") == "1" {
		c.Set("HX-Trigger", "photos-changed")
	}
	return h.renderCard(c, p, "")
}

// caption saves a photo's caption; with htmx only the card is redrawn.
func (h *photoHandler) caption(c *fiber.Ctx) error {
	p, err := h.ownPhoto(c)
	if err != nil {
		return err
	}
	caption := strings.TrimSpace(c.FormValue("caption"))
	if msg := domain.CaptionProblem(caption); msg != "" {
		c.Status(fiber.StatusUnprocessableEntity)
		if !isFragment(c) {
			return h.renderManager(c, []fileProblem{{Message: msg}})
		}
		p.Caption = caption // shown as typed
		return h.renderCard(c, p, msg)
	}
	p, err = h.store.SetCaption(c.UserContext(), p.AccountID, p.ID, caption)
	if err != nil {
		return err
	}
	if !isFragment(c) {
		return redirect(c, "/profile/media")
	}
	return h.renderCard(c, p, "")
}

// renderCard draws one card alone, knowing where it stands in the book so
// the move buttons at either end stay disabled.
func (h *photoHandler) renderCard(c *fiber.Ctx, p domain.Photo, captionError string) error {
	v := NewPhotoView(p, false, false)
	if !p.IsHeadshot {
		photos, err := h.store.Photos(c.UserContext(), p.AccountID)
		if err != nil {
			return err
		}
		var book []int64
		for _, q := range photos {
			if !q.IsHeadshot {
				book = append(book, q.ID)
			}
		}
		v.First = len(book) > 0 && book[0] == p.ID
		v.Last = len(book) > 0 && book[len(book)-1] == p.ID
	}
	v.CaptionError = captionError
	return renderPage(c, "profile/photo_card", fiber.Map{"Photo": v})
}

func (h *photoHandler) move(c *fiber.Ctx) error {
	p, err := h.ownPhoto(c)
	if err != nil {
		return err
	}
	delta := 1
	if c.FormValue("dir") == "up" {
		delta = -1
	}
	if err := h.store.MovePhoto(c.UserContext(), p.AccountID, p.ID, delta); err != nil {
		return err
	}
	return h.renderManager(c, nil)
}

func (h *photoHandler) makeHeadshot(c *fiber.Ctx) error {
	p, err := h.ownPhoto(c)
	if err != nil {
		return err
	}
	if err := h.store.SetHeadshot(c.UserContext(), p.AccountID, p.ID); err != nil {
		return err
	}
	return h.renderManager(c, nil)
}

func (h *photoHandler) remove(c *fiber.Ctx) error {
	p, err := h.ownPhoto(c)
	if err != nil {
		return err
	}
	if err := h.store.DeletePhoto(c.UserContext(), p.AccountID, p.ID); err != nil {
		return err
	}
	return h.renderManager(c, nil)
}

// ownPhoto loads the photo named in the URL if it belongs to the current
// account; anyone else's photo is a 404, never a 403 that would confirm it
// exists.
func (h *photoHandler) ownPhoto(c *fiber.Ctx) (domain.Photo, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return domain.Photo{}, fiber.ErrNotFound
	}
	p, err := h.store.Photo(c.UserContext(), currentUser(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return domain.Photo{}, fiber.ErrNotFound
	}
	return p, err
}

// image serves a photo's display or thumbnail variant to whoever may see
// the profile. Originals (which may carry GPS data) are never served.
func (h *photoHandler) image(c *fiber.Ctx) error {
	variant := c.Params("variant")
	if variant != objstore.Thumb && variant != objstore.Display {
		return fiber.ErrNotFound
	}
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	p, err := h.store.PhotoByID(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	ok, err := h.profile.canView(c, p.AccountID)
	if err != nil {
		return err
	}
	if !ok {
		return fiber.ErrNotFound
	}
	obj, err := h.objects.Get(c.UserContext(), objstore.PhotoKey(p.ID, variant))
	if errors.Is(err, objstore.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/jpeg")
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	return c.SendStream(obj.Body, int(obj.Size))
}
