package handlers

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"
)

// errorHandler is the one place errors become responses: it logs what went
// wrong and renders a page (or, for htmx, a fragment) that never shows
// internal error text.
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
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
