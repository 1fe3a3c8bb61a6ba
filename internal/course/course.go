package course

import (
	"math"
	"strings"
	"time"

	"stafett/internal/fault"
)

// Kind classifies a course as BYN counts them.
type Kind string

// The kinds of course.
const (
	FagligPafyll   Kind = "faglig_pafyll"
	Fagutvikling   Kind = "fagutvikling"
	Veiledning     Kind = "veiledning"
	Lederutvikling Kind = "lederutvikling"
)

// Kinds are the kinds in the order reports list them.
var Kinds = []Kind{FagligPafyll, Fagutvikling, Veiledning, Lederutvikling}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Limits of courses.
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 2000
	MaxPlaceLen       = 200
	MaxAreas          = 20
	MaxParticipants   = 2000
)

// Course is a course with its organiser (a municipality or a network, exactly one).
type Course struct {
	ID             string
	MunicipalityID string
	NetworkID      string
	Title          string
	Kind           Kind
	Description    string
	BTI            bool
	AreaIDs        []string
	CreatedAt      time.Time
}

// Validate trims c's texts and checks its fields.
func (c *Course) Validate() error {
	var f fault.Fields
	c.Title, c.Description = strings.TrimSpace(c.Title), strings.TrimSpace(c.Description)
	f.Text("title", c.Title, MaxTitleLen)
	f.OptionalText("description", c.Description, MaxDescriptionLen)
	switch {
	case c.Kind == "":
		f.Add("kind", fault.FieldRequired)
	case !c.Kind.Valid():
		f.Add("kind", fault.FieldInvalid)
	}
	switch {
	case c.MunicipalityID == "" && c.NetworkID == "":
		f.Add("municipality_id", fault.FieldRequired)
	case c.MunicipalityID != "" && c.NetworkID != "":
		f.Add("network_id", fault.FieldNotAllow)
	}
	if len(c.AreaIDs) > MaxAreas {
		f.Add("area_ids", fault.FieldTooLong)
	}
	return f.Err()
}

// Session is one day (or part of one) of a course.
type Session struct {
	ID       string
	CourseID string
	Date     string // YYYY-MM-DD
	// Centi is the session's hours in hundredths of an hour.
	Centi           int
	Place           string
	AttendanceTaken bool
	Attended        []string // user IDs
}

// Hours is s's hours as a decimal.
func (s Session) Hours() float64 { return float64(s.Centi) / 100 }

// NewSession validates a session given as date, hours (more than 0, at most 24) and
// place, and returns it with its hours in hundredths (rounded to the nearest).
func NewSession(date string, hours float64, place string) (Session, error) {
	var f fault.Fields
	place = strings.TrimSpace(place)
	if date == "" {
		f.Add("date", fault.FieldRequired)
	} else if _, err := time.Parse(time.DateOnly, date); err != nil {
		f.Add("date", fault.FieldFormat)
	}
	centi := int(math.Round(hours * 100))
	if math.IsNaN(hours) || hours <= 0 || hours > 24 || centi == 0 {
		f.Add("hours", fault.FieldRange)
	}
	f.OptionalText("place", place, MaxPlaceLen)
	return Session{Date: date, Centi: centi, Place: place}, f.Err()
}

// SessionCenti is the hours a session counts, in hundredths: its hours × the people
// who attended it, or × the registered participants while no attendance has been
// taken for it (API.md).
func SessionCenti(s Session, registered int) int {
	if s.AttendanceTaken {
		return s.Centi * len(s.Attended)
	}
	return s.Centi * registered
}

// PersonCenti is the hours user uid counts from sessions, in hundredths: each session
// they attended, and each for which no attendance has been taken.
func PersonCenti(uid string, sessions []Session) int {
	n := 0
	for _, s := range sessions {
		if !s.AttendanceTaken || contains(s.Attended, uid) {
			n += s.Centi
		}
	}
	return n
}

// Completed reports whether user uid completed a course of sessions: it has sessions,
// and attendance was taken at every one and they attended every one.
func Completed(uid string, sessions []Session) bool {
	if len(sessions) == 0 {
		return false
	}
	for _, s := range sessions {
		if !s.AttendanceTaken || !contains(s.Attended, uid) {
			return false
		}
	}
	return true
}

// Hours is hundredths of an hour as hours.
func Hours(centi int) float64 { return float64(centi) / 100 }

// Round rounds x to places decimals, for answers.
func Round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
