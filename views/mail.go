package views

import "embed"

// MailFS holds the e-mail templates: views/mail/<name>.txt (text/template,
// the plain-text part) and views/mail/<name>.html (html/template, the HTML
// part) for each kind of message internal/mail sends.
//
//go:embed mail/*.txt mail/*.html
var MailFS embed.FS
