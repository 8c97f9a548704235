package production

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slatecasting/slate/domain"
)

// Limits of a group message: a subject reads as a notification title and
// an e-mail subject line; the body is a page of practical details.
const (
	MaxGroupSubject = 150
	MaxGroupBody    = 5000
)

// GroupMessage is what the producer writes to one group of a closed
// casting. Recipients is the hand-picked subset (talent account ids);
// empty means the whole group.
type GroupMessage struct {
	Group      Choice
	Subject    string
	Body       string
	Recipients []int64
}

// GroupLabel is the choice as a group Notify writes to ("the included").
func (c Choice) GroupLabel() string {
	switch c {
	case Included:
		return "the included"
	case Excluded:
		return "the excluded"
	}
	return "nobody"
}

// GroupTemplate is the message Notify starts from: practical details for
// the included (the producer fills in the blanks), a considerate "not
// selected this time" for the excluded.
func GroupTemplate(c Choice, listingTitle string) (subject, body string) {
	if c == Excluded {
		return "Not selected this time: " + listingTitle,
			"Thank you for your interest in “" + listingTitle + "” and for the time you gave it.\n\n" +
				"We have now made our final selection and, this time, we did not choose you. " +
				"This says nothing about your talent: we had few places and many strong candidates.\n\n" +
				"We hope to meet you on another casting."
	}
	return "You are selected: " + listingTitle,
		"Good news: you are selected for “" + listingTitle + "”.\n\n" +
			"Date: \nTime: \nPlace: \nWhat to bring: \n\n" +
			"Please confirm by replying in Slate's messages. See you there!"
}

// Check reports what is wrong with a message before it is sent: a group
// to send to, a subject and a body within their limits.
func (m GroupMessage) Check() domain.FieldErrors {
	errs := domain.FieldErrors{}
	if m.Group != Included && m.Group != Excluded {
		errs["group"] = "Choose who gets the message: the included or the excluded."
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(m.Subject)); {
	case n == 0:
		errs["subject"] = "Write a subject: it is the notification's title and the e-mail's subject."
	case n > MaxGroupSubject:
		errs["subject"] = "Keep the subject under 150 characters."
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(m.Body)); {
	case n == 0:
		errs["body"] = "Write the message."
	case n > MaxGroupBody:
		errs["body"] = "Keep the message under 5,000 characters."
	}
	return errs
}

// GroupProgress is how far a group message's delivery is, counted over
// its delivery rows: Sent in the app and Failed in the app; of those sent,
// the e-mails sent, failed, and skipped (the recipient gets a daily digest
// or no e-mail for group messages, or was suspended meanwhile).
type GroupProgress struct {
	Total, Sent, Failed                int
	Emailed, EmailFailed, EmailSkipped int
	Reasons                            []FailureReason
}

// FailureReason is one reason deliveries failed, and how many.
type FailureReason struct {
	Reason string
	Count  int
}

// AllFailed is every failure, in the app and by e-mail.
func (p GroupProgress) AllFailed() int { return p.Failed + p.EmailFailed }

// EmailWaiting is the recipients told in the app whose e-mail is not
// decided yet.
func (p GroupProgress) EmailWaiting() int {
	return max(0, p.Sent-p.Emailed-p.EmailFailed-p.EmailSkipped)
}

// Ended is the recipients whose delivery has ended: failed in the app, or
// told in the app with their e-mail sent, failed or skipped.
func (p GroupProgress) Ended() int { return p.Failed + p.Sent - p.EmailWaiting() }

// Done reports whether every recipient's delivery has ended, e-mail
// included: the progress card stops polling then.
func (p GroupProgress) Done() bool { return p.Ended() >= p.Total }

// Percent is the share of recipients whose delivery has ended, 0–100.
func (p GroupProgress) Percent() int {
	if p.Total == 0 {
		return 100
	}
	return min(100, p.Ended()*100/p.Total)
}

// SentGroupMessage is a group message as its sender reads it afterwards.
type SentGroupMessage struct {
	ID, ListingID int64
	Group         Choice
	Subject, Body string
	CreatedAt     time.Time
	Progress      GroupProgress
}
