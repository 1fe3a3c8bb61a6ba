// Package guide is the handlingsveileder: a municipality's action guide, with levels
// 0–3 and, per level, the ordered steps that say what to do, how, who is responsible
// and within how many days of a log entering the level. It holds the types, their
// validation, the national template, the difference between two versions and the
// safe rendering of the guide's plain text. Storage and access live elsewhere.
package guide

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"stafett/internal/fault"
)

// The levels of a guide, as the log's levels: 0 undring, 1 own service, 2 one or two
// more services, 3 comprehensive collaboration.
const (
	MinLevel = 0
	MaxLevel = 3
)

// DefaultUndringDays is the decision deadline of an undring when the guide's level 0
// sets none.
const DefaultUndringDays = 14

// Limits on a guide's size and text. They keep one guide well under the request size
// cap while leaving room for long, careful texts.
const (
	MaxLevelTitleLen = 120
	MaxPurposeLen    = 3000
	MaxSteps         = 30 // per level
	MaxStepTitleLen  = 160
	MaxTextLen       = 5000 // what and how
	MaxWhoLen        = 160
	MaxDeadlineDays  = 730
	MaxTools         = 10 // per step
	MaxToolTitleLen  = 160
	MaxURLLen        = 2000
	MaxStepIDLen     = 64
)

// Guide is a whole action guide: one entry per level, in level order once normalised.
type Guide struct {
	Levels []Level `json:"levels"`
}

// Level is one BTI level of a guide: a title, a plain-language purpose and the steps.
type Level struct {
	Level   int    `json:"level"`
	Title   string `json:"title"`
	Purpose string `json:"purpose"`
	Steps   []Step `json:"steps"`
}

// Step is one thing to do at a level. ID is stable across versions, so that a step a
// log has ticked stays ticked when the guide is edited and published again.
type Step struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	What  string `json:"what"`
	How   string `json:"how"`
	// Who names the role responsible in plain words: "den som er bekymret",
	// "stafettholder", "leder".
	Who string `json:"who"`
	// DeadlineDays counts from the day the log entered the level; nil for none.
	DeadlineDays *int   `json:"deadline_days"`
	Tools        []Tool `json:"tools"`
}

// Tool is a form, a conversation guide, a template or other help for a step: a link
// to a web page, or a document uploaded to Stafett (FileID set, URL left to whoever
// shows the tool, since the address depends on where it is shown).
type Tool struct {
	Title  string `json:"title"`
	URL    string `json:"url"`
	FileID string `json:"file_id,omitempty"`
}

// Days returns a pointer to n, for DeadlineDays.
func Days(n int) *int { return &n }

// Normalize trims the one-line fields, sorts the levels by number and turns nil lists
// into empty ones, so that stored and compared guides look alike.
func (g *Guide) Normalize() {
	if g.Levels == nil {
		g.Levels = []Level{}
	}
	slices.SortStableFunc(g.Levels, func(a, b Level) int { return a.Level - b.Level })
	for i := range g.Levels {
		l := &g.Levels[i]
		l.Title = strings.TrimSpace(l.Title)
		l.Purpose = strings.TrimSpace(l.Purpose)
		if l.Steps == nil {
			l.Steps = []Step{}
		}
		for j := range l.Steps {
			l.Steps[j].normalize()
		}
	}
}

func (s *Step) normalize() {
	s.ID = strings.TrimSpace(s.ID)
	s.Title = strings.TrimSpace(s.Title)
	s.What = strings.TrimSpace(s.What)
	s.How = strings.TrimSpace(s.How)
	s.Who = strings.TrimSpace(s.Who)
	if s.Tools == nil {
		s.Tools = []Tool{}
	}
	for k := range s.Tools {
		t := &s.Tools[k]
		t.Title, t.URL, t.FileID = strings.TrimSpace(t.Title), strings.TrimSpace(t.URL), strings.TrimSpace(t.FileID)
		if t.FileID != "" {
			t.URL = ""
		}
	}
}

// Check normalises g and checks what a draft must always satisfy: levels 0–3 at most
// once each, at most MaxSteps steps per level, texts within their limits and without
// control characters, unique step IDs, deadlines from 0 to MaxDeadlineDays and tools
// with a title and an http(s) address. A draft may still lack levels and required
// texts; Validate, at publishing, requires them.
//
// Field names address a level by its number, not its position in the list:
// "levels[2].steps[0].title" is the first step of level 2. A level number out of
// range is named by its position: "levels[4].level".
func (g *Guide) Check() error {
	g.Normalize()
	var f fault.Fields
	g.check(&f, false)
	return f.Err()
}

// Validate is Check plus what a published guide needs: every level 0–3 (a missing one
// is "levels[N]": missing), a title and purpose for each, and a title, what-text and
// responsible role for each step.
func (g *Guide) Validate() error {
	g.Normalize()
	var f fault.Fields
	g.check(&f, true)
	return f.Err()
}

func (g *Guide) check(f *fault.Fields, complete bool) {
	if len(g.Levels) > MaxLevel-MinLevel+1 {
		f.Add("levels", fault.FieldTooLong)
	}
	seen := map[int]bool{}
	ids := map[string]bool{}
	for i, l := range g.Levels {
		if l.Level < MinLevel || l.Level > MaxLevel {
			f.Add("levels["+strconv.Itoa(i)+"].level", fault.FieldRange)
			continue
		}
		p := LevelField(l.Level)
		if seen[l.Level] {
			f.Add(p+".level", fault.FieldTaken)
			continue
		}
		seen[l.Level] = true
		checkText(f, p+".title", l.Title, MaxLevelTitleLen, complete)
		checkText(f, p+".purpose", l.Purpose, MaxPurposeLen, complete)
		if len(l.Steps) > MaxSteps {
			f.Add(p+".steps", fault.FieldTooLong)
		}
		for j, s := range l.Steps {
			sp := p + ".steps[" + strconv.Itoa(j) + "]"
			s.check(f, sp+".", complete)
			if s.ID != "" {
				if ids[s.ID] {
					f.Add(sp+".id", fault.FieldTaken)
				}
				ids[s.ID] = true
			}
		}
	}
	if complete {
		for n := MinLevel; n <= MaxLevel; n++ {
			if !seen[n] {
				f.Add(LevelField(n), fault.FieldMissing)
			}
		}
	}
}

// LevelField is the field name of level n in validation errors.
func LevelField(n int) string { return "levels[" + strconv.Itoa(n) + "]" }

// CheckStep checks one step as the editor submits it, with field names without a
// prefix: title, what, how, who, deadline_days, tools (any problem with a tool).
func CheckStep(s *Step) error {
	s.normalize()
	var f fault.Fields
	s.check(&f, "", true)
	for k, v := range f {
		if strings.HasPrefix(k, "tools[") {
			delete(f, k)
			f.Add("tools", v)
		}
	}
	return f.Err()
}

// CheckLevelText checks a level's title and purpose as the editor submits them, with
// the field names title and purpose.
func CheckLevelText(title, purpose string) error {
	var f fault.Fields
	checkText(&f, "title", strings.TrimSpace(title), MaxLevelTitleLen, true)
	checkText(&f, "purpose", strings.TrimSpace(purpose), MaxPurposeLen, true)
	return f.Err()
}

func (s *Step) check(f *fault.Fields, p string, complete bool) {
	if s.ID != "" && !IsStepID(s.ID) {
		f.Add(p+"id", fault.FieldFormat)
	}
	checkText(f, p+"title", s.Title, MaxStepTitleLen, complete)
	checkText(f, p+"what", s.What, MaxTextLen, complete)
	f.OptionalText(p+"how", s.How, MaxTextLen)
	checkText(f, p+"who", s.Who, MaxWhoLen, complete)
	if d := s.DeadlineDays; d != nil && (*d < 0 || *d > MaxDeadlineDays) {
		f.Add(p+"deadline_days", fault.FieldRange)
	}
	if len(s.Tools) > MaxTools {
		f.Add(p+"tools", fault.FieldTooLong)
	}
	for k, t := range s.Tools {
		tp := p + "tools[" + strconv.Itoa(k) + "]."
		checkText(f, tp+"title", t.Title, MaxToolTitleLen, true)
		switch {
		case t.FileID != "":
			if !IsFileID(t.FileID) {
				f.Add(tp+"file_id", fault.FieldFormat)
			}
		case t.URL == "":
			f.Add(tp+"url", fault.FieldRequired)
		case len(t.URL) > MaxURLLen:
			f.Add(tp+"url", fault.FieldTooLong)
		case !IsWebURL(t.URL):
			f.Add(tp+"url", fault.FieldFormat)
		}
	}
}

// checkText checks a text that is required when complete and optional otherwise.
func checkText(f *fault.Fields, field, value string, max int, complete bool) {
	if complete {
		f.Text(field, value, max)
	} else {
		f.OptionalText(field, value, max)
	}
}

// IsStepID reports whether s can be a step ID: 1 to MaxStepIDLen lower-case ASCII
// letters, digits and hyphens. Step IDs appear in URLs and page anchors.
func IsStepID(s string) bool {
	if s == "" || len(s) > MaxStepIDLen {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// IsFileID reports whether s can be the ID of an uploaded document: 32 lower-case
// hexadecimal digits, as the store makes them.
func IsFileID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'f' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// FileIDs lists the uploaded documents g refers to, each once, in order.
func (g *Guide) FileIDs() []string {
	var out []string
	for _, l := range g.Levels {
		for _, s := range l.Steps {
			for _, t := range s.Tools {
				if t.FileID != "" && !slices.Contains(out, t.FileID) {
					out = append(out, t.FileID)
				}
			}
		}
	}
	return out
}

// IsWebURL reports whether s is an absolute http or https address with a host and
// nothing that could break out of a link: no spaces, quotes or angle brackets.
func IsWebURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n\"'<>`\\") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

// AssignIDs gives every step without an ID a new one from gen, which must return
// IDs that IsStepID accepts and that are not in use.
func (g *Guide) AssignIDs(gen func() string) {
	for i := range g.Levels {
		for j := range g.Levels[i].Steps {
			if g.Levels[i].Steps[j].ID == "" {
				g.Levels[i].Steps[j].ID = gen()
			}
		}
	}
}

// Level returns level n of g, or nil when g lacks it.
func (g *Guide) Level(n int) *Level {
	for i := range g.Levels {
		if g.Levels[i].Level == n {
			return &g.Levels[i]
		}
	}
	return nil
}

// Step returns the step with id and the level it is at.
func (g *Guide) Step(id string) (*Step, int, bool) {
	for i := range g.Levels {
		for j := range g.Levels[i].Steps {
			if g.Levels[i].Steps[j].ID == id {
				return &g.Levels[i].Steps[j], g.Levels[i].Level, true
			}
		}
	}
	return nil, 0, false
}

// UndringDays is the decision deadline of an undring under g: the largest deadline
// among the level-0 steps, or DefaultUndringDays when none of them has a positive one.
func (g *Guide) UndringDays() int {
	days := 0
	if l := g.Level(MinLevel); l != nil {
		for _, s := range l.Steps {
			if s.DeadlineDays != nil && *s.DeadlineDays > days {
				days = *s.DeadlineDays
			}
		}
	}
	if days <= 0 {
		return DefaultUndringDays
	}
	return days
}

// Clone returns a deep copy of g, so that a copy can be edited without touching g.
func (g Guide) Clone() Guide {
	out := Guide{Levels: make([]Level, len(g.Levels))}
	for i, l := range g.Levels {
		l.Steps = slices.Clone(l.Steps)
		for j, s := range l.Steps {
			if s.DeadlineDays != nil {
				s.DeadlineDays = Days(*s.DeadlineDays)
			}
			s.Tools = slices.Clone(s.Tools)
			l.Steps[j] = s
		}
		out.Levels[i] = l
	}
	return out
}
