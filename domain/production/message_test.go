package production

import (
	"strings"
	"testing"
	"time"
)

func TestParseMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in, body string
		refused        bool
	}{
		{"plain", "Hello Maya", "Hello Maya", false},
		{"trimmed", "  \n Hello \n\n", "Hello", false},
		{"line breaks kept, made \\n", "Hi,\r\n\r\nSee you at 10.\rBest", "Hi,\n\nSee you at 10.\nBest", false},
		{"empty", "", "", true},
		{"only spaces and breaks", " \r\n\t ", "", true},
		{"at the limit", strings.Repeat("é", MaxMessage), strings.Repeat("é", MaxMessage), false},
		{"one over", strings.Repeat("a", MaxMessage+1), strings.Repeat("a", MaxMessage+1), true},
		// \r\n counts once: a browser's textarea limit and ours agree.
		{"breaks count once", strings.Repeat("a\r\n", MaxMessage/2-1) + "ab", strings.Repeat("a\n", MaxMessage/2-1) + "ab", false},
		{"markup is text", "<script>alert(1)</script>", "<script>alert(1)</script>", false},
	} {
		body, problem := ParseMessage(tc.in)
		if body != tc.body || (problem != "") != tc.refused {
			t.Errorf("%s: ParseMessage = %.40q, %q; want %.40q, refused %v", tc.name, body, problem, tc.body, tc.refused)
		}
	}
}

func TestPreview(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 60)
	for _, tc := range []struct{ in, want string }{
		{"Hello", "Hello"},
		{"  First line  \nsecond line", "First line"},
		{long, strings.TrimSpace(long[:MaxPreview-1]) + "…"},
		{"", ""},
	} {
		if got := Preview(tc.in); got != tc.want {
			t.Errorf("Preview(%.30q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMessageRateProblemSaysWhen(t *testing.T) {
	t.Parallel()
	for wait, want := range map[time.Duration]string{
		30 * time.Second:          "in 1 minute.",
		time.Minute + time.Second: "in 2 minutes.",
		MessageWindow:             "in 10 minutes.",
		0:                         "in 1 minute.",
	} {
		if got := MessageRateProblem(wait); !strings.Contains(got, want) || !strings.Contains(got, "30 messages in the last 10 minutes") {
			t.Errorf("wait %v: %q, want %q", wait, got, want)
		}
	}
}
