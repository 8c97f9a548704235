package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"mime/multipart"
	"strconv"
	"strings"
	"time"

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
	PhotoInBook(ctx context.Context, accountID, photoID int64) (domain.Photo, store.BookPlace, error)
	PhotoByID(ctx context.Context, photoID int64) (domain.Photo, error)
	SetCaption(ctx context.Context, accountID, photoID int64, caption string) (domain.Photo, error)
	MovePhoto(ctx context.Context, accountID, photoID int64, delta int) error
	SetHeadshot(ctx context.Context, accountID, photoID int64) error
	DeletePhoto(ctx context.Context, accountID, photoID int64) error
}

// photoHandler serves the headshot and book manager and the photos
// themselves.
type photoHandler struct {
	store   PhotoStore
	log     *slog.Logger
	talents talentMedia // the photos & reels page's meter and tabs, who may see a photo
	objects objstore.Store
	limits  photocheck.Limits
	// maxReelBytes is shown by the reels section of the same page.
	maxReelBytes int64
	now          func() time.Time
}

func (h *photoHandler) routes(app fiber.Router) {
	talent := app.Group("/profile")
	talent.Get("/media", requireTalent, h.page)
	talent.Post("/photos", requireTalent, h.upload)
	talent.Get("/photos/:id", requireTalent, h.card)
	talent.Post("/photos/:id/caption", requireTalent, h.caption)
	talent.Post("/photos/:id/move", requireTalent, h.photoAction(h.move))
	talent.Post("/photos/:id/headshot", requireTalent, h.photoAction(h.makeHeadshot))
	talent.Post("/photos/:id/delete", requireTalent, h.photoAction(h.remove))
	app.Get("/media/photos/:id/:variant", h.image)
}

// FileProblem is an upload refused at request time, shown beside the form.
type FileProblem struct {
	File    string
	Message string
}

// upload stores each chosen photo and queues its check. A refused file
// does not stop the others; each refusal is listed with what to do.
func (h *photoHandler) upload(c *fiber.Ctx) error {
	u := currentUser(c)
	f, err := readForm(c)
	if err != nil {
		return err
	}
	headshot := f.Get("headshot") == "1"
	form, err := c.MultipartForm()
	if err != nil {
		return h.renderManager(c, []FileProblem{{Message: "Choose the photos to upload."}})
	}
	files := form.File["photos"]
	if len(files) == 0 {
		return h.renderManager(c, []FileProblem{{Message: "Choose at least one photo to upload."}})
	}
	if headshot && len(files) > 1 {
		files = files[:1]
	}
	var problems []FileProblem
	for _, fh := range files {
		if msg := h.storeUpload(c.UserContext(), u.ID, fh, headshot); msg != "" {
			problems = append(problems, FileProblem{File: fh.Filename, Message: msg})
		}
	}
	if len(problems) > 0 {
		refused(c)
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
		err = putThenCommit(ctx, h.log, h.objects, objstore.PhotoKey(id, objstore.Original), f, fh.Size, info.ContentType, func(ctx context.Context) error {
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

// MediaPage is the photos & reels page: the headshot and book manager,
// the reels section and the completeness meter.
type MediaPage struct {
	Page
	TalentSummary
	PhotoManager
	ReelsSection
}

// PhotoManager is the headshot and the book, with what an upload refused.
type PhotoManager struct {
	Headshot   *PhotoView
	Book       []PhotoView
	Problems   []FileProblem
	MaxPhotoMB int64
}

// PhotoCardPage is one photo card alone (htmx polls and swaps it).
type PhotoCardPage struct {
	Page
	Photo PhotoView
}

// PhotoCard is a card inside the photo manager: the photo and the
// page's CSRF token, what the card template reads of a PhotoCardPage.
type PhotoCard struct {
	Photo PhotoView
	CSRF  string
}

// Card is the manager's card for one of its photos.
func (p *MediaPage) Card(v PhotoView) PhotoCard { return PhotoCard{Photo: v, CSRF: p.CSRF} }

// page renders the photos and reels page.
func (h *photoHandler) page(c *fiber.Ctx) error {
	return h.renderManager(c, nil)
}

// renderManager answers an upload or a photo action: htmx gets the
// manager redrawn (with the refusals, if any), a plain form the page.
func (h *photoHandler) renderManager(c *fiber.Ctx, problems []FileProblem) error {
	if c.Method() == fiber.MethodPost && len(problems) == 0 {
		return answerPost(c, "/profile/media", func() error { return h.renderMedia(c, nil) })
	}
	return h.renderMedia(c, problems)
}

func (h *photoHandler) renderMedia(c *fiber.Ctx, problems []FileProblem) error {
	t, err := readTalent(c.UserContext(), h.talents, *currentUser(c), h.now(), store.WithReports)
	if err != nil {
		return err
	}
	page := mediaPage(t, h.limits, h.maxReelBytes)
	page.Problems = problems
	return render(c, "profile/media", "profile/photo_manager", page)
}

// mediaPage is a talent's photos & reels page, before either section's
// particular state (refusals, typed values) is added.
func mediaPage(t *talent, photoLimits photocheck.Limits, maxReelBytes int64) *MediaPage {
	return &MediaPage{
		Page:          Page{Title: "Photos & reels"},
		TalentSummary: t.summary(),
		PhotoManager:  photoManager(t.Photos, nil, photoLimits),
		ReelsSection:  ReelsSection{Reels: t.Reels, MaxReelMB: maxReelBytes >> 20},
	}
}

// photoManager splits the photos into the headshot and the book, marking
// the book's ends so their move buttons are disabled.
func photoManager(photos []domain.Photo, problems []FileProblem, lim photocheck.Limits) PhotoManager {
	m := PhotoManager{Book: make([]PhotoView, 0, len(photos)), Problems: problems, MaxPhotoMB: lim.MaxBytes >> 20}
	for _, p := range photos {
		v := NewPhotoView(p, false, false)
		if p.IsHeadshot {
			m.Headshot = &v
			continue
		}
		m.Book = append(m.Book, v)
	}
	if len(m.Book) > 0 {
		m.Book[0].First, m.Book[len(m.Book)-1].Last = true, true
	}
	return m
}

// card renders one photo card: htmx polls it while the check runs, and
// the card stops polling once the verdict is in. A finished check also
// tells the page to refresh its completeness summary. While nothing the
// card shows changes, a poll is answered 304 (see renderTagged).
func (h *photoHandler) card(c *fiber.Ctx) error {
	p, at, err := h.photoInBook(c)
	if err != nil {
		return err
	}
	if p.Done() && c.Query("wait") == "1" {
		c.Set(hxTrigger, eventPhotosChanged)
	}
	return renderTagged(c, cardETag(c, p, at), func() error { return h.renderCard(c, p, at, "") })
}

// cardETag is the validator of a card: every column of the photo it
// shows (the report's checks, the caption, its place), its place in the
// book, and whom it is for.
func cardETag(c *fiber.Ctx, p domain.Photo, at store.BookPlace) string {
	v := newValidator(c, "photo card").int(p.ID).int(int64(p.CheckSeq)).str(string(p.Status)).str(string(p.CheckedAs)).
		str(p.Caption).int(int64(p.Position)).bool(p.IsHeadshot).str(p.Problem).bytes(p.Report).bool(at.First).bool(at.Last).
		str(string(p.Review)).str(p.ReviewReason) // slice validation: the moderator's decision shows on the card
	if p.CheckedAt != nil {
		v.int(p.CheckedAt.UnixNano())
	}
	return v.etag()
}

// caption saves a photo's caption; with htmx only the card is redrawn.
func (h *photoHandler) caption(c *fiber.Ctx) error {
	p, at, err := h.photoInBook(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	caption := strings.TrimSpace(f.Get("caption"))
	msg := f.Bad["caption"]
	if msg == "" {
		msg = domain.CaptionProblem(caption)
	}
	if msg != "" {
		refused(c)
		if !isFragment(c) {
			return h.renderManager(c, []FileProblem{{Message: msg}})
		}
		p.Caption = caption // shown as typed
		return h.renderCard(c, p, at, msg)
	}
	p, err = h.store.SetCaption(c.UserContext(), p.AccountID, p.ID, caption)
	if err != nil {
		return err
	}
	return answerPost(c, "/profile/media", func() error { return h.renderCard(c, p, at, "") })
}

// renderCard draws one card alone, knowing where it stands in the book so
// the move buttons at either end stay disabled.
func (h *photoHandler) renderCard(c *fiber.Ctx, p domain.Photo, at store.BookPlace, captionError string) error {
	v := NewPhotoView(p, at.First, at.Last)
	v.CaptionError = captionError
	return renderPage(c, "profile/photo_card", &PhotoCardPage{Photo: v})
}

// photoAction is a post on one of the caller's photos that changes the
// book: it loads the photo named in the URL (anyone else's is a 404), runs
// change and redraws the manager.
func (h *photoHandler) photoAction(change func(c *fiber.Ctx, p domain.Photo) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p, err := h.ownPhoto(c)
		if err != nil {
			return err
		}
		if err := change(c, p); err != nil {
			return err
		}
		return h.renderManager(c, nil)
	}
}

// move swaps the photo with its neighbour, earlier for dir=up.
func (h *photoHandler) move(c *fiber.Ctx, p domain.Photo) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	delta := 1
	if f.Get("dir") == "up" {
		delta = -1
	}
	return h.store.MovePhoto(c.UserContext(), p.AccountID, p.ID, delta)
}

func (h *photoHandler) makeHeadshot(c *fiber.Ctx, p domain.Photo) error {
	return h.store.SetHeadshot(c.UserContext(), p.AccountID, p.ID)
}

func (h *photoHandler) remove(c *fiber.Ctx, p domain.Photo) error {
	return h.store.DeletePhoto(c.UserContext(), p.AccountID, p.ID)
}

// photoInBook is ownPhoto with the photo's place in the book, for its
// card.
func (h *photoHandler) photoInBook(c *fiber.Ctx) (domain.Photo, store.BookPlace, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return domain.Photo{}, store.BookPlace{}, fiber.ErrNotFound
	}
	p, at, err := h.store.PhotoInBook(c.UserContext(), currentUser(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return domain.Photo{}, store.BookPlace{}, fiber.ErrNotFound
	}
	return p, at, err
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
	ok, err := mayViewTalent(c, h.talents, p.AccountID)
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
	return sendMedia(c, obj, photocheck.ContentType, "photo-"+strconv.FormatInt(p.ID, 10)+"-"+variant+".jpg")
}
