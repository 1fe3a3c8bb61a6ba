package team

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"stafett/internal/fault"
)

// FieldPersonalData is the field code for text that holds a national ID or a date of
// birth, which an anonymous case must never carry.
const FieldPersonalData = "personal_data"

// Limits on a case's text.
const (
	MaxThemeLen    = 200
	MaxQuestionLen = 2000
	MaxAdviceLen   = 2000
	MaxAge         = 25
	MaxGrade       = 13 // VG3
)

// Case is one case on a meeting's agenda: anonymous (age or grade, theme, question,
// the unit that brings it) or named (a log whose consent covers the team's units).
type Case struct {
	ID              string    `json:"id"`
	TeamID          string    `json:"team_id"`
	MeetingID       string    `json:"meeting_id"`
	Anonymous       bool      `json:"anonymous"`
	Age             *int      `json:"age,omitempty"`
	Grade           *int      `json:"grade,omitempty"`
	Theme           string    `json:"theme,omitempty"`
	Question        string    `json:"question,omitempty"`
	BroughtByUnitID string    `json:"brought_by_unit_id,omitempty"`
	BroughtBy       string    `json:"brought_by"`
	LogID           string    `json:"log_id,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
}

// Validate checks a case before it is put on the agenda. An anonymous case needs an
// age or a grade, a theme, a question and the bringing unit, and its text must not
// hold an 11-digit national ID or a date of birth (field code FieldPersonalData). A
// named case needs only its log; the caller checks consent.
func (c *Case) Validate() error {
	var f fault.Fields
	if !c.Anonymous {
		c.LogID = strings.TrimSpace(c.LogID)
		if c.LogID == "" {
			f.Add("log_id", fault.FieldRequired)
		}
		return f.Err()
	}
	if c.LogID != "" {
		f.Add("log_id", fault.FieldNotAllow)
	}
	switch {
	case c.Age == nil && c.Grade == nil:
		f.Add("age", fault.FieldRequired)
	case c.Age != nil && c.Grade != nil:
		f.Add("grade", fault.FieldNotAllow)
	case c.Age != nil && (*c.Age < 0 || *c.Age > MaxAge):
		f.Add("age", fault.FieldRange)
	case c.Grade != nil && (*c.Grade < 1 || *c.Grade > MaxGrade):
		f.Add("grade", fault.FieldRange)
	}
	c.Theme, c.Question = strings.TrimSpace(c.Theme), strings.TrimSpace(c.Question)
	AnonymousText(&f, "theme", c.Theme, MaxThemeLen, true)
	AnonymousText(&f, "question", c.Question, MaxQuestionLen, true)
	if strings.TrimSpace(c.BroughtByUnitID) == "" {
		f.Add("brought_by_unit_id", fault.FieldRequired)
	}
	return f.Err()
}

// AnonymousText checks text that must stay anonymous: required (when required is
// set), at most max characters, and free of personal data (FieldPersonalData).
func AnonymousText(f *fault.Fields, field, text string, max int, required bool) {
	if required {
		f.Text(field, text, max)
	} else {
		f.OptionalText(field, text, max)
	}
	if utf8.ValidString(text) && HasPersonalData(text) {
		f.Add(field, FieldPersonalData)
	}
}

var (
	// elevenDigits is a national ID: eleven digits, maybe split after the date
	// (010203 12345) by a space, dot or dash.
	elevenDigits = regexp.MustCompile(`(^|\D)\d{6}[ .\-]?\d{5}($|\D)`)
	// numericDate is a date such as 3.5.2015, 03/05/15, 3-5-2015 or 2015-05-03.
	numericDate = regexp.MustCompile(`(^|\D)(\d{1,2}[./\-]\d{1,2}[./\-](\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})($|\D)`)
	// namedDate is a day with a month's name (3. mai, 3 may 2015) in bokmål,
	// nynorsk or English.
	namedDate = regexp.MustCompile(`(?i)(^|\D)\d{1,2}\.?\s*(jan(uar|uary)?|feb(ruar|ruary)?|mars?|march|apr(il)?|mai|may|jun[ie]?|jul[iy]?|aug(ust)?|sep(t|tember)?|okt(ober)?|oct(ober)?|nov(ember)?|des(ember)?|dec(ember)?)\b`)
)

// HasPersonalData reports whether text holds what identifies a child outright: an
// 11-digit national ID or a date (a date of birth cannot be told from other dates, so
// any full date is refused; an age or a grade says what a team needs).
func HasPersonalData(text string) bool {
	return elevenDigits.MatchString(text) || numericDate.MatchString(text) || namedDate.MatchString(text)
}

// Advice is the team's advice on a case, written during a meeting, with the later
// meeting where the case is followed up, if any.
type Advice struct {
	ID                string    `json:"id"`
	CaseID            string    `json:"case_id"`
	Text              string    `json:"text"`
	FollowUpMeetingID string    `json:"follow_up_meeting_id,omitempty"`
	AuthorID          string    `json:"author_id"`
	CreatedAt         time.Time `json:"created_at"`
}

// Validate checks advice: a text up to MaxAdviceLen characters without personal data
// (advice is read by every member of the team, like the case).
func (a *Advice) Validate() error {
	var f fault.Fields
	a.Text = strings.TrimSpace(a.Text)
	AnonymousText(&f, "text", a.Text, MaxAdviceLen, true)
	return f.Err()
}
