package mail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	texttemplate "text/template"

	"github.com/slatecasting/slate/views"
)

// Templates renders the two parts of each kind of e-mail from
// views/mail/<name>.txt and views/mail/<name>.html: html/template escapes
// whatever a user wrote (a title, a message) in the HTML part.
type Templates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// LoadTemplates parses every mail template once.
func LoadTemplates() (*Templates, error) {
	sub, err := fs.Sub(views.MailFS, "mail")
	if err != nil {
		return nil, fmt.Errorf("mail: templates: %w", err)
	}
	text, err := texttemplate.ParseFS(sub, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("mail: templates: %w", err)
	}
	html, err := htmltemplate.ParseFS(sub, "*.html")
	if err != nil {
		return nil, fmt.Errorf("mail: templates: %w", err)
	}
	return &Templates{text: text, html: html}, nil
}

// Render fills in msg's two bodies from template name with data.
func (t *Templates) Render(name string, data any, msg *Message) error {
	var text, html bytes.Buffer
	if err := t.text.ExecuteTemplate(&text, name+".txt", data); err != nil {
		return fmt.Errorf("mail: render %s text: %w", name, err)
	}
	if err := t.html.ExecuteTemplate(&html, name+".html", data); err != nil {
		return fmt.Errorf("mail: render %s html: %w", name, err)
	}
	msg.Text, msg.HTML = text.String(), html.String()
	return nil
}
