// Package competence is competence mapping (kompetanse): areas of competence owned by a
// municipality or a network, the level at which people hold them and where that comes
// from, the competence units need, and the risk report that ranks the needs resting on
// too few people. It imports only the standard library.
package competence

import (
	"strconv"
	"strings"
	"time"

	"stafett/internal/fault"
)

// Level is how well someone holds a competence.
type Level string

// The levels, lowest first.
const (
	Basic    Level = "basic"
	Advanced Level = "advanced"
	Expert   Level = "expert"
)

// Valid reports whether l is one of the levels.
func (l Level) Valid() bool { return l == Basic || l == Advanced || l == Expert }

// Rank orders the levels: 1 for basic up to 3 for expert, 0 for anything else.
func (l Level) Rank() int {
	switch l {
	case Basic:
		return 1
	case Advanced:
		return 2
	case Expert:
		return 3
	}
	return 0
}

// Source says where a competence comes from.
type Source string

// The sources: the person themselves (unverified until their leader verifies it),
// their leader (verified), or a completed course (verified).
const (
	Self   Source = "self"
	Leader Source = "leader"
	Course Source = "course"
)

// Limits of the texts of areas and competences.
const (
	MaxNameLen        = 120
	MaxDescriptionLen = 1000
	MaxNoteLen        = 500
	MaxMinPeople      = 1000
	MaxNeeds          = 200
)

// Area is an area of competence, owned by a municipality or by a network (exactly one).
type Area struct {
	ID             string    `json:"id"`
	MunicipalityID string    `json:"municipality_id,omitempty"`
	NetworkID      string    `json:"network_id,omitempty"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	CreatedAt      time.Time `json:"created_at"`
}

// Validate trims a's texts and checks them and its owner.
func (a *Area) Validate() error {
	var f fault.Fields
	a.Name, a.Description = strings.TrimSpace(a.Name), strings.TrimSpace(a.Description)
	f.Text("name", a.Name, MaxNameLen)
	f.OptionalText("description", a.Description, MaxDescriptionLen)
	switch {
	case a.MunicipalityID == "" && a.NetworkID == "":
		f.Add("municipality_id", fault.FieldRequired)
	case a.MunicipalityID != "" && a.NetworkID != "":
		f.Add("network_id", fault.FieldNotAllow)
	}
	return f.Err()
}

// SearchText is what search by need matches an area by: its name and description.
func (a *Area) SearchText() string { return strings.Join(Tokens(a.Name+" "+a.Description), " ") }

// Starter is one area of the national starter list.
type Starter struct{ Name, Description string }

// StarterAreas is the short national list every new municipality starts with, to edit
// and add to: the competences the BTI seeds name most often.
var StarterAreas = []Starter{
	{"BTI – Bedre tverrfaglig innsats", "Stafettlogg, handlingsveileder og samarbeid på tvers av tjenester"},
	{"Motiverende intervju (MI)", "Samtalemetodikk som styrker motivasjon for endring"},
	{"Traumebevisst omsorg", "Forståelse av traumer og trygg omsorg for barn og unge"},
	{"Rus og psykisk helse", "Tidlig innsats ved rusbruk og psykiske vansker hos barn, unge og foreldre"},
	{"Minoritetsspråk og flerkulturell forståelse", "Samtaler med tolk og familier med minoritetsbakgrunn"},
	{"Autisme", "Tilrettelegging for barn og unge med autismespekterdiagnoser"},
	{"Samtaler med barn", "Å snakke med barn om det som er vanskelig"},
	{"Vold og overgrep", "Å avdekke og handle ved mistanke om vold og overgrep"},
}

// Competence is one person's competence in one area.
type Competence struct {
	UserID   string
	AreaID   string
	AreaName string
	Level    Level
	Note     string
	Source   Source
	Verified bool
	CourseID string
}

// Validate checks the level and the note given by a person or a leader.
func (c *Competence) Validate() error {
	var f fault.Fields
	c.Note = strings.TrimSpace(c.Note)
	if c.AreaID == "" {
		f.Add("area_id", fault.FieldRequired)
	}
	switch {
	case c.Level == "":
		f.Add("level", fault.FieldRequired)
	case !c.Level.Valid():
		f.Add("level", fault.FieldInvalid)
	}
	f.OptionalText("note", c.Note, MaxNoteLen)
	return f.Err()
}

// Need is how many people of a unit should hold an area.
type Need struct {
	AreaID    string `json:"area_id"`
	MinPeople int    `json:"min_people"`
}

// ValidateNeeds checks a unit's needs: each names an area once and wants 1 to
// MaxMinPeople people. Fields are named needs.N.area_id and needs.N.min_people.
func ValidateNeeds(needs []Need) error {
	var f fault.Fields
	if len(needs) > MaxNeeds {
		f.Add("needs", fault.FieldTooLong)
		return f.Err()
	}
	seen := map[string]bool{}
	for i, n := range needs {
		at := "needs." + strconv.Itoa(i) + "."
		switch {
		case n.AreaID == "":
			f.Add(at+"area_id", fault.FieldRequired)
		case seen[n.AreaID]:
			f.Add(at+"area_id", fault.FieldTaken)
		}
		seen[n.AreaID] = true
		if n.MinPeople < 1 || n.MinPeople > MaxMinPeople {
			f.Add(at+"min_people", fault.FieldRange)
		}
	}
	return f.Err()
}
