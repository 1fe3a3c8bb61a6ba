// Package team holds interdisciplinary teams (drøftingsteam, ressursteam, FFB and
// fora): who is in them and which units they speak for, their meeting series, the
// cases on a meeting's agenda and the advice given. Standard library only.
package team

import (
	"slices"
	"strings"
	"time"

	"stafett/internal/fault"
)

// Kind is what sort of team it is.
type Kind string

// The kinds of team, as in API.md.
const (
	Drofting Kind = "drofting" // drøftingsteam
	Ressurs  Kind = "ressurs"  // ressursteam
	FFB      Kind = "ffb"      // forum for barn og unge
	Forum    Kind = "forum"    // fagforum and tema meetings
)

// Kinds lists every kind, in the order forms offer them.
var Kinds = []Kind{Drofting, Ressurs, FFB, Forum}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Team is one team. Its owner is a municipality or, for an intermunicipal team, a
// network: exactly one of MunicipalityID and NetworkID is set.
type Team struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Kind           Kind      `json:"kind"`
	MunicipalityID string    `json:"municipality_id,omitempty"`
	NetworkID      string    `json:"network_id,omitempty"`
	MemberUserIDs  []string  `json:"member_user_ids"`
	UnitIDs        []string  `json:"unit_ids"`
	CreatedAt      time.Time `json:"created_at"`
}

// Limits on a team.
const (
	MaxNameLen = 120
	MaxMembers = 60
	MaxUnits   = 60
)

// Validate normalises and checks what an administrator supplies: a name, a kind,
// one owner, at least one member; duplicate members and units are dropped. The
// caller checks that the owner, members and units exist and belong to the owner.
func (t *Team) Validate() error {
	var f fault.Fields
	t.Name = strings.TrimSpace(t.Name)
	f.Text("name", t.Name, MaxNameLen)
	if t.Kind == "" {
		f.Add("kind", fault.FieldRequired)
	} else if !t.Kind.Valid() {
		f.Add("kind", fault.FieldInvalid)
	}
	t.MunicipalityID, t.NetworkID = strings.TrimSpace(t.MunicipalityID), strings.TrimSpace(t.NetworkID)
	switch {
	case t.MunicipalityID == "" && t.NetworkID == "":
		f.Add("municipality_id", fault.FieldRequired)
	case t.MunicipalityID != "" && t.NetworkID != "":
		f.Add("network_id", fault.FieldNotAllow)
	}
	t.MemberUserIDs = uniq(t.MemberUserIDs)
	t.UnitIDs = uniq(t.UnitIDs)
	switch {
	case len(t.MemberUserIDs) == 0:
		f.Add("member_user_ids", fault.FieldRequired)
	case len(t.MemberUserIDs) > MaxMembers:
		f.Add("member_user_ids", fault.FieldTooLong)
	}
	if len(t.UnitIDs) > MaxUnits {
		f.Add("unit_ids", fault.FieldTooLong)
	}
	return f.Err()
}

// HasMember reports whether user uid is a member of t.
func (t *Team) HasMember(uid string) bool { return slices.Contains(t.MemberUserIDs, uid) }

func uniq(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
