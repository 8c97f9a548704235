package production

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxPreview is how many characters of a message's first line an inbox row
// or a notification shows.
const MaxPreview = 140

// Thread is the conversation about one listing between its producer and
// one talent, as one of the two reads it. Neither side's e-mail or phone is
// part of it: people talk on Slate, by name.
type Thread struct {
	ID           int64
	ListingID    int64
	ListingTitle string
	ProducerID   int64
	TalentID     int64
	// With is the other side's name, for the reader.
	With string
	// LastMessageAt is the time of the newest message.
	LastMessageAt time.Time
	// Preview is the first line of the newest message, shortened.
	Preview string
	// LastSenderID is who wrote the newest message.
	LastSenderID int64
	// Unread is how many of the other side's messages the reader has not
	// opened yet.
	Unread int
	// WithSuspended says the other side's account is suspended: the thread
	// is marked so, and no message can reach them.
	WithSuspended bool
}

// Link is the thread's page.
func (t Thread) Link() string { return "/messages/" + strconv.FormatInt(t.ID, 10) }

// Message is one message of a thread.
type Message struct {
	ID        int64
	ThreadID  int64
	SenderID  int64
	Body      string
	CreatedAt time.Time
	// Removed says a moderator removed it after a report: Body is then the
	// placeholder, and there is nothing left to report.
	Removed bool
}

// The message rate: an account sends at most MaxMessagesPerWindow
// messages in any MessageWindow, which a person writing to applicants one
// by one never reaches and a script pasting the same text to everyone
// does (group messages are the way to tell many people at once).
const (
	MaxMessagesPerWindow = 30
	MessageWindow        = 10 * time.Minute
)

// MessageRateProblem is the sentence shown when the account has sent the
// window's limit; wait is how long until its oldest message in the window
// leaves it.
func MessageRateProblem(wait time.Duration) string {
	minutes := max(1, int(math.Ceil(wait.Minutes())))
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	return fmt.Sprintf("You have sent %d messages in the last %d minutes: you can send this one in %d %s. It is kept below. To tell many people the same thing, close the casting and use Notify.",
		MaxMessagesPerWindow, int(MessageWindow.Minutes()), minutes, unit)
}

// ParseMessage is a message as it is stored: line breaks made \n (browsers
// post \r\n, which would count twice against the limit) and the whole
// trimmed. problem says why it cannot be sent, or is "".
func ParseMessage(s string) (body, problem string) {
	body = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return body, "Write a message before sending it."
	case n > MaxMessage:
		return body, "Keep a message under " + strconv.Itoa(MaxMessage) + " characters (this one has " + strconv.Itoa(n) + "): send the rest in a second message."
	}
	return body, ""
}

// Preview is the first line of body, shortened to MaxPreview characters
// with an ellipsis.
func Preview(body string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) <= MaxPreview {
		return line
	}
	r := []rune(line)
	return strings.TrimSpace(string(r[:MaxPreview-1])) + "…"
}
