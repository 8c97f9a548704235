package handlers

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
)

// localForm caches the parsed form for the rest of the request.
const localForm = "form"

// unreadable is the message beside a field whose value holds bytes that are
// not text.
const unreadable = "This contains characters we cannot read (a control character or broken text): type it again."

// Form is a posted form, read once per request: the url-encoded or
// multipart fields with repeated names kept, every value checked to be
// valid UTF-8 without control characters. Every handler that reads a form
// reads it through readForm, so no byte PostgreSQL would refuse (an
// invalid sequence, a NUL) gets past the parsing step.
type Form struct {
	url.Values
	// Bad holds a message for every field whose value was not clean text,
	// under the field's name and, for repeated fields such as a list's
	// rows, under name_index as the row error keys are. Its values are
	// kept cleaned in Values, so the form shows what was typed.
	Bad domain.FieldErrors
}

// OK reports whether every value was clean text.
func (f *Form) OK() bool { return len(f.Bad) == 0 }

// readForm parses the request's form body (the query string never counts:
// a token or a field in a link is not a post).
func readForm(c *fiber.Ctx) (*Form, error) {
	if f, ok := c.Locals(localForm).(*Form); ok {
		return f, nil
	}
	values := url.Values{}
	switch ct := c.Get(fiber.HeaderContentType); {
	case strings.HasPrefix(ct, fiber.MIMEMultipartForm):
		mf, err := c.MultipartForm()
		if err != nil {
			return nil, fiber.NewError(fiber.StatusBadRequest, "This form could not be read. Reload the page and try again.")
		}
		for k, vs := range mf.Value {
			values[k] = vs
		}
	case strings.HasPrefix(ct, fiber.MIMEApplicationForm):
		var err error
		if values, err = url.ParseQuery(string(c.Body())); err != nil {
			return nil, fiber.NewError(fiber.StatusBadRequest, "This form could not be read. Reload the page and try again.")
		}
	}
	f := &Form{Values: values, Bad: domain.FieldErrors{}}
	for k, vs := range values {
		for i, v := range vs {
			clean, ok := cleanText(v)
			if ok {
				continue
			}
			vs[i] = clean
			if _, seen := f.Bad[k]; !seen {
				f.Bad[k] = unreadable
			}
			f.Bad[k+"_"+strconv.Itoa(i)] = unreadable
		}
	}
	c.Locals(localForm, f)
	return f, nil
}

// cleanText reports whether s is valid UTF-8 without control characters
// (tabs and line breaks are text), and returns it with broken sequences
// replaced and control characters removed.
func cleanText(s string) (string, bool) {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if isControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s, true
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s), false
}

func isControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}
