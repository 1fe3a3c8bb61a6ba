package team

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CalendarEvent is one meeting as a calendar shows it.
type CalendarEvent struct {
	UID      string
	Start    time.Time
	End      time.Time
	Summary  string
	Location string
	// Cancelled meetings stay in the feed with STATUS:CANCELLED, so a calendar that
	// has them removes them.
	Cancelled bool
	Sequence  int
}

// ICalendar writes events as an iCalendar (RFC 5545) VCALENDAR named name, stamped
// at stamp. Times are in UTC (DTSTART with a Z), so no VTIMEZONE is needed; lines end
// in CRLF and are folded at 75 octets without splitting a character.
func ICalendar(name string, stamp time.Time, events []CalendarEvent) string {
	var b strings.Builder
	line := func(s string) { fold(&b, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Stafett//Team//NB")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + escapeText(name))
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + e.UID)
		line("DTSTAMP:" + icsTime(stamp))
		line("DTSTART:" + icsTime(e.Start))
		line("DTEND:" + icsTime(e.End))
		line("SEQUENCE:" + strconv.Itoa(e.Sequence))
		line("SUMMARY:" + escapeText(e.Summary))
		if e.Location != "" {
			line("LOCATION:" + escapeText(e.Location))
		}
		if e.Cancelled {
			line("STATUS:CANCELLED")
		} else {
			line("STATUS:CONFIRMED")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.String()
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// fold writes one content line, folded so that no line is longer than 75 octets
// (RFC 5545 3.1), each ending in CRLF.
func fold(b *strings.Builder, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
