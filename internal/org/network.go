package org

import (
	"slices"
	"strings"
	"time"

	"stafett/internal/fault"
)

// Network is a samarbeid: a named group of municipalities, such as the six of
// «Talenter for framtida», that share action-guide templates. A system administrator
// sets it up.
type Network struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	MunicipalityIDs []string  `json:"municipality_ids"`
	CreatedAt       time.Time `json:"created_at"`
	// HoursPerFTE is the hours of one full-time year (årsverk) in the network's course
	// reports.
	HoursPerFTE int `json:"hours_per_fte"`
	// Members are the member municipalities, by name, when the network is read alone.
	Members []Member `json:"members,omitempty"`
}

// Member is a member municipality of a network as its page and API show it.
type Member struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Name   string `json:"name"`
}

// Limits on a network.
const (
	MaxNetworkNameLen = 120
	MaxNetworkMembers = 100
)

// Validate normalises and checks the fields an administrator supplies: a name, and
// from two to MaxNetworkMembers municipalities (duplicates are dropped). The caller
// checks that the municipalities exist.
func (n *Network) Validate() error {
	var f fault.Fields
	n.Name = strings.TrimSpace(n.Name)
	f.Text("name", n.Name, MaxNetworkNameLen)
	ids := make([]string, 0, len(n.MunicipalityIDs))
	for _, id := range n.MunicipalityIDs {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	n.MunicipalityIDs = ids
	switch {
	case len(ids) == 0:
		f.Add("municipality_ids", fault.FieldRequired)
	case len(ids) < 2:
		f.Add("municipality_ids", fault.FieldTooShort)
	case len(ids) > MaxNetworkMembers:
		f.Add("municipality_ids", fault.FieldTooLong)
	}
	return f.Err()
}
