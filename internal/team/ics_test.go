package team

import (
	"strings"
	"testing"
	"time"
)

// parseICS is a strict reader of what ICalendar writes: CRLF line ends, folded lines
// of at most 75 octets, BEGIN/END properly nested, and every VEVENT with the
// properties RFC 5545 requires. It returns the events' properties.
func parseICS(t *testing.T, s string) []map[string]string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the calendar does not end in CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for _, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("bare CR or LF in %q", l)
		}
		if len(l) > 75 {
			t.Fatalf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") {
			if len(lines) == 0 {
				t.Fatal("continuation first")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	var events []map[string]string
	var cur map[string]string
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				cur = map[string]string{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART"} {
					if cur[p] == "" {
						t.Errorf("event without %s: %v", p, cur)
					}
				}
				events = append(events, cur)
				cur = nil
			}
		default:
			if len(stack) == 0 {
				t.Fatalf("property outside VCALENDAR: %q", l)
			}
			if cur != nil {
				cur[name] = value
			}
		}
	}
	if len(stack) != 0 || lines[0] != "BEGIN:VCALENDAR" || !strings.Contains(s, "VERSION:2.0\r\n") || !strings.Contains(s, "PRODID:") {
		t.Fatalf("not a VCALENDAR: %q", s)
	}
	return events
}

func TestICalendar(t *testing.T) {
	start := time.Date(2026, 10, 29, 13, 0, 0, 0, time.UTC)
	long := strings.Repeat("Møterom på rådhuset, 2. etasje; inngang B ", 4)
	ev := []CalendarEvent{
		{UID: "m1@stafett", Start: start, End: start.Add(90 * time.Minute), Summary: "Drøftingsteam, Skien", Location: long},
		{UID: "m2@stafett", Start: start.AddDate(0, 0, 14), End: start.AddDate(0, 0, 14).Add(time.Hour), Summary: "Drøftingsteam", Cancelled: true, Sequence: 1},
	}
	s := ICalendar("Drøftingsteam", start, ev)
	got := parseICS(t, s)
	if len(got) != 2 {
		t.Fatalf("%d events", len(got))
	}
	if got[0]["UID"] != "m1@stafett" || got[0]["DTSTART"] != "20261029T130000Z" || got[0]["DTEND"] != "20261029T143000Z" {
		t.Errorf("first event %v", got[0])
	}
	if want := escapeText(long); got[0]["LOCATION"] != want {
		t.Errorf("location %q, want %q", got[0]["LOCATION"], want)
	}
	if !strings.Contains(got[0]["LOCATION"], `\;`) || !strings.Contains(got[0]["LOCATION"], `\,`) {
		t.Errorf("location not escaped: %q", got[0]["LOCATION"])
	}
	if got[1]["STATUS"] != "CANCELLED" || got[1]["SEQUENCE"] != "1" {
		t.Errorf("cancelled event %v", got[1])
	}
	// The same meetings give the same feed: UIDs are stable.
	if again := ICalendar("Drøftingsteam", start, ev); again != s {
		t.Error("the feed changed between two writes")
	}
}

func TestFoldKeepsRunes(t *testing.T) {
	var b strings.Builder
	fold(&b, "SUMMARY:"+strings.Repeat("æøå", 40))
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
		if len(l) > 75 || !strings.HasPrefix(l, "SUMMARY") && !strings.HasPrefix(l, " ") {
			t.Errorf("bad line %q", l)
		}
		if !isValidUTF8(strings.TrimPrefix(l, " ")) {
			t.Errorf("split character in %q", l)
		}
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
