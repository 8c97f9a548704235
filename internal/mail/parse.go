package mail

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"sort"
	"strings"
)

// Parsed is a stored or received message taken apart for reading: the
// outbox page and the tests read mail the way a mail client would, from
// the bytes that went out.
type Parsed struct {
	// Header is every header field, names in canonical form.
	Header mail.Header
	// Text and HTML are the decoded bodies of the two parts.
	Text, HTML string
}

// HeaderField is one header line, for listing.
type HeaderField struct{ Name, Value string }

// Fields lists the header fields sorted by name, decoded for reading.
func (p Parsed) Fields() []HeaderField {
	var out []HeaderField
	dec := new(mime.WordDecoder)
	for name, values := range p.Header {
		for _, v := range values {
			if d, err := dec.DecodeHeader(v); err == nil {
				v = d
			}
			out = append(out, HeaderField{name, v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Parse reads a raw RFC 5322 message with a text/plain and a text/html
// part (alone or in a multipart/alternative or multipart/mixed).
func Parse(raw []byte) (Parsed, error) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Parsed{}, fmt.Errorf("mail: parse: %w", err)
	}
	p := Parsed{Header: m.Header}
	if err := p.readPart(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body); err != nil {
		return Parsed{}, err
	}
	return p, nil
}

func (p *Parsed) readPart(contentType, encoding string, body io.Reader) error {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("mail: parse part: %w", err)
			}
			if err := p.readPart(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("mail: parse body: %w", err)
	}
	switch mediaType {
	case "text/plain":
		p.Text = string(b)
	case "text/html":
		p.HTML = string(b)
	}
	return nil
}
