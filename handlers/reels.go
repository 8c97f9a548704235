package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/reel"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/views"
)

// ReelStore is what the reels section needs from the store.
type ReelStore interface {
	NewReelID(ctx context.Context, accountID int64) (int64, error)
	AddReel(ctx context.Context, accountID int64, r domain.Reel) (domain.Reel, error)
	Reels(ctx context.Context, accountID int64) ([]domain.Reel, error)
	ReelByID(ctx context.Context, reelID int64) (domain.Reel, error)
	DeleteReel(ctx context.Context, accountID, reelID int64) error
}

// reelHandler serves videos and sounds: links to known platforms and
// uploaded audio/video files stored as-is.
type reelHandler struct {
	store    ReelStore
	log      *slog.Logger
	talents  talentMedia // the photos & reels page around the section, who may hear a reel
	objects  objstore.Store
	maxBytes int64
	// photoLimits are shown by the photo section of the same page.
	photoLimits photocheck.Limits
	now         func() time.Time
}

func (h *reelHandler) routes(app fiber.Router) {
	talent := app.Group("/profile")
	talent.Post("/reels", requireTalent, h.add)
	talent.Post("/reels/:id/delete", requireTalent, h.remove)
	app.Get("/media/reels/:id", h.file)
}

// ReelsSection is the reels card: the list and the add form, with what was
// typed and why it was refused.
type ReelsSection struct {
	Reels      []domain.Reel
	ReelErrors domain.FieldErrors
	ReelTitle  string
	ReelURL    string
	MaxReelMB  int64
}

// TitleField and URLField are the add form's two inputs, prepared for
// their partial.
func (s ReelsSection) TitleField() views.Field {
	return views.Field{Name: "title", ID: "reel_title", Label: "Title", Value: s.ReelTitle, Error: s.ReelErrors["reel_title"]}
}

// URLField is the link input of the add form.
func (s ReelsSection) URLField() views.Field {
	return views.Field{Name: "url", ID: "reel_url", Label: "Link", Type: "url", Value: s.ReelURL, Error: s.ReelErrors["reel_url"],
		Hint: "e.g. https://vimeo.com/76979871"}
}

// ReelsPage is the reels card alone, as htmx swaps it in place.
type ReelsPage struct {
	Page
	ReelsSection
}

// add takes either a link or a file; a refusal comes back beside the
// field with what was typed kept.
func (h *reelHandler) add(c *fiber.Ctx) error {
	u := currentUser(c)
	f, err := readForm(c)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(f.Get("title"))
	link := strings.TrimSpace(f.Get("url"))
	errs := domain.FieldErrors{}
	if msg := f.Bad["title"]; msg != "" {
		errs["reel_title"] = msg
	}
	if msg := f.Bad["url"]; msg != "" {
		errs["reel_url"] = msg
	}
	if msg := domain.ReelTitleProblem(title); msg != "" {
		errs["reel_title"] = msg
	}
	var r domain.Reel
	var upload func(ctx context.Context, commit func(ctx context.Context) error) error // a file: stored before commit
	fh, fileErr := c.FormFile("file")
	switch {
	case link != "":
		var err error
		if r, err = reel.ParseURL(link); err != nil {
			errs["reel_url"] = err.Error()
		}
		r.Title = title
	case fileErr == nil && fh != nil:
		switch {
		case fh.Size == 0:
			errs["reel_file"] = "This file is empty: choose the recording again."
		case fh.Size > h.maxBytes:
			errs["reel_file"] = "This file is over " + strconv.FormatInt(h.maxBytes>>20, 10) + " MB: upload a shorter or more compressed recording, or paste a link instead."
		}
		if len(errs) > 0 {
			break
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, reel.SniffLen)
		n, _ := io.ReadFull(f, head)
		ct, kind, err := reel.SniffFile(head[:n])
		if err != nil {
			errs["reel_file"] = err.Error()
			break
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if title == "" {
			title = fh.Filename
		}
		r = domain.Reel{Kind: kind, Title: title, ContentType: ct, Bytes: fh.Size}
		upload = func(ctx context.Context, commit func(ctx context.Context) error) error {
			id, err := h.store.NewReelID(ctx, u.ID)
			if err != nil {
				return err
			}
			r.ID = id
			return putThenCommit(ctx, h.log, h.objects, objstore.ReelKey(id), f, fh.Size, ct, commit)
		}
	default:
		errs["reel_url"] = "Paste a link to your reel, or choose a file to upload."
	}
	if len(errs) == 0 {
		commit := func(ctx context.Context) error {
			_, err := h.store.AddReel(ctx, u.ID, r)
			return err
		}
		var err error
		if upload != nil {
			err = upload(c.UserContext(), commit)
		} else {
			err = commit(c.UserContext())
		}
		if errors.Is(err, store.ErrTooManyReels) {
			errs["reel_url"] = "You already have " + strconv.Itoa(domain.MaxReels) + " reels: delete one first."
		} else if err != nil {
			return err
		} else {
			title, link = "", "" // added: the form is ready for the next one
		}
	}
	return h.renderSection(c, errs, title, link)
}

func (h *reelHandler) remove(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	if err := h.store.DeleteReel(c.UserContext(), currentUser(c).ID, id); errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	return h.renderSection(c, nil, "", "")
}

// renderSection answers an add or a delete. A success redraws the section
// for htmx or sends a plain form back to the page; a refusal comes back in
// the section (or the whole page without JavaScript) with what was typed.
func (h *reelHandler) renderSection(c *fiber.Ctx, errs domain.FieldErrors, title, link string) error {
	section := func() error {
		reels, err := h.store.Reels(c.UserContext(), currentUser(c).ID)
		if err != nil {
			return err
		}
		return renderPage(c, "profile/reels", &ReelsPage{ReelsSection: ReelsSection{
			Reels: reels, ReelErrors: errs, ReelTitle: title, ReelURL: link, MaxReelMB: h.maxBytes >> 20,
		}})
	}
	if len(errs) == 0 {
		c.Set(hxTrigger, eventProfileChanged)
		return answerPost(c, "/profile/media#reels", section)
	}
	refused(c)
	if isFragment(c) {
		return section()
	}
	t, err := readTalent(c.UserContext(), h.talents, *currentUser(c), h.now(), store.WithReports)
	if err != nil {
		return err
	}
	page := mediaPage(t, h.photoLimits, h.maxBytes)
	page.ReelErrors, page.ReelTitle, page.ReelURL = errs, title, link
	return render(c, "profile/media", "profile/reels", page)
}

// sendMedia streams a stored photo or reel: named by Slate (never by the
// uploader's file name), with a CSP that allows nothing and sandboxes
// whatever a browser makes of the bytes, so a file that got past the
// checks still cannot run script on Slate's origin; nosniff, set for
// every response, is set again where it matters most.
func sendMedia(c *fiber.Ctx, obj *objstore.Object, contentType, filename string) error {
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+filename+`"`)
	c.Set(fiber.HeaderContentSecurityPolicy, "default-src 'none'; sandbox")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	return c.SendStream(obj.Body, int(obj.Size))
}

// file streams an uploaded reel to whoever may see the profile. The
// response names the file by the reel's id and its sniffed type, never by
// the uploader's file name, and carries a CSP that allows nothing and
// sandboxes whatever a browser makes of it, so a file that got past the
// sniffing still cannot run script on Slate's origin; nosniff, set for
// every response, is set again here, where it matters most.
func (h *reelHandler) file(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	r, err := h.store.ReelByID(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !r.IsUpload()) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	if ok, err := mayViewTalent(c, h.talents, r.AccountID); err != nil {
		return err
	} else if !ok {
		return fiber.ErrNotFound
	}
	obj, err := h.objects.Get(c.UserContext(), objstore.ReelKey(r.ID))
	if errors.Is(err, objstore.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	return sendMedia(c, obj, r.ContentType, "reel-"+strconv.FormatInt(r.ID, 10)+"."+reel.Extension(r.ContentType))
}
