package handlers

import (
	"errors"
	"log/slog"
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// errorHandler is the one place errors become responses: it logs what went
// wrong and renders a page (or, for htmx, a fragment) that never shows
// internal error text.
func errorHandler(log *slog.Logger, hdrs headers) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		hdrs.set(c) // the request may have failed before the middleware ran
		code := fiber.StatusInternalServerError
		message := "Something went wrong on our side. Please try again in a moment."
		var fe *fiber.Error
		if errors.As(err, &fe) {
			code = fe.Code
			message = publicMessage(fe)
		}
		if code >= 500 {
			log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
		}
		c.Status(code)
		if rerr := renderPage(c, "errors/error", &ErrorPage{Page: Page{Title: "Error"}, Code: code, Message: message}); rerr != nil {
			log.Error("error page failed", "err", rerr)
			return c.Status(code).SendString(message)
		}
		return nil
	}
}

// transportError is a request fasthttp refused before routing (a
// malformed request line, headers too large, a body over the server's
// limit, a timeout). Fiber would pass the parser's own text on, which
// quotes the raw request; Slate answers with its error page, its headers
// and a plain message instead.
func transportError(app *fiber.App) func(*fasthttp.RequestCtx, error) {
	return func(fctx *fasthttp.RequestCtx, err error) {
		code := fiber.StatusBadRequest
		var small *fasthttp.ErrSmallBuffer
		switch {
		case errors.As(err, &small):
			code = fiber.StatusRequestHeaderFieldsTooLarge
		case errors.Is(err, fasthttp.ErrBodyTooLarge):
			code = fiber.StatusRequestEntityTooLarge
		case isTimeout(err):
			code = fiber.StatusRequestTimeout
		}
		fctx.SetConnectionClose()
		renderTransportError(app, fctx, code)
	}
}

// knownMethods guards Fiber's router, which answers a request with an
// unknown method itself, in plain text and without Slate's headers.
func knownMethods(app *fiber.App, next fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(fctx *fasthttp.RequestCtx) {
		switch string(fctx.Method()) {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodPost, fiber.MethodPut, fiber.MethodDelete,
			fiber.MethodConnect, fiber.MethodOptions, fiber.MethodTrace, fiber.MethodPatch:
			next(fctx)
		default:
			renderTransportError(app, fctx, fiber.StatusBadRequest)
		}
	}
}

func renderTransportError(app *fiber.App, fctx *fasthttp.RequestCtx, code int) {
	c := app.AcquireCtx(fctx)
	defer app.ReleaseCtx(c)
	if err := app.ErrorHandler(c, fiber.NewError(code, "")); err != nil {
		_ = c.SendStatus(code)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || strings.Contains(err.Error(), "timeout")
}

// ErrorPage says what went wrong in plain words.
type ErrorPage struct {
	Page
	Code    int
	Message string
}

// publicMessage keeps the messages handlers chose for users and replaces
// framework defaults with plain words.
func publicMessage(fe *fiber.Error) string {
	switch fe.Code {
	case fiber.StatusNotFound:
		return "We could not find this page."
	case fiber.StatusRequestEntityTooLarge:
		return "This upload is too large."
	case fiber.StatusMethodNotAllowed:
		return "This page does not accept that kind of request."
	case fiber.StatusRequestHeaderFieldsTooLarge:
		return "This request carries too much header data: clear this site's cookies and try again."
	case fiber.StatusRequestTimeout:
		return "This request took too long to arrive. Please try again."
	}
	if fe.Code >= 500 {
		return "Something went wrong on our side. Please try again in a moment."
	}
	if fe.Message == "" || fe.Message == fiber.ErrForbidden.Message || fe.Message == fiber.ErrBadRequest.Message {
		if fe.Code == fiber.StatusForbidden {
			return "You do not have access to this page."
		}
		return "This request could not be handled."
	}
	return fe.Message
}
