package ui

import (
	"net/http"
	"net/url"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"strconv"
	"strings"
)

// The log's bigger forms have pages of their own: adding a participant and
// proposing a transfer pick one of the municipality's staff, and registering consent
// picks among its units. At national scale that is thousands of people and hundreds
// of units, far too much to send with every view of the log, and no one can find a
// name in a list that long. The person forms search instead; the consent form shows
// the units by kind.
const (
	SubParticipant = "participant"
	SubTransfer    = "transfer"
	SubConsent     = "consent"
)

// maxPersonHits is how many people one page of a person search shows, and
// maxPersonPages how far it pages (a search that broad should be narrowed).
const (
	maxPersonHits  = 50
	maxPersonPages = 100
)

// subform is what a form page adds to the log page.
type subform struct {
	Name     string // the form: participant, transfer or consent
	Action   string // where it posts
	Self     string // the page itself
	Heading  string
	Query    string // the person search
	Searched bool
	Person   personSelect // the people found, as a choice
	Units    []unitGroup  // the municipality's units by kind, for consent
	// Orgs are the organisations a transfer may go to (the log's own first) and Org
	// the one searched; Moving says the holder came from closing for a move.
	Orgs   []unitChoice
	Org    string
	Moving bool
	// Prev and Next are the neighbouring pages of the person search, "" at its ends.
	Prev, Next string
}

// pageLink is page n of the person search, with its query and organisation.
func (sub *subform) pageLink(n int) string {
	v := url.Values{"q": {sub.Query}}
	if sub.Org != "" {
		v.Set("org", sub.Org)
	}
	if sub.Moving {
		v.Set("flytting", "1")
	}
	if n > 1 {
		v.Set("side", strconv.Itoa(n))
	}
	return sub.Self + "?" + v.Encode()
}

// unitGroup is the units of one kind.
type unitGroup struct {
	Kind  string // label
	Units []unitChoice
}

// HandleLogSubform shows form name of log {id} on its own page.
func (s *Server) HandleLogSubform(name string) app.PageFunc {
	return func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		return s.showLogSubform(w, r, p, name, nil, http.StatusOK)
	}
}

// LogSubformPost handles the post of form name, showing a failed one on its page.
func (s *Server) LogSubformPost(name string, act logAction) app.PageFunc {
	return s.logFormShowing(Named(name), act, func(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
		return s.showLogSubform(w, r, p, name, failed, status)
	})
}

func (s *Server) showLogSubform(w http.ResponseWriter, r *http.Request, p *people.Principal, name string, failed *form, status int) error {
	m, err := s.logPage(r, p, failed)
	if err != nil {
		return err
	}
	id := m.V.Log.ID
	sub := &subform{Name: name, Query: strings.TrimSpace(r.FormValue("q")), Self: r.URL.Path}
	m.Sub = sub
	sub.Heading = m.T("subform." + name + ".title")
	if name == SubConsent {
		sub.Heading = m.T("consent.register")
		if m.Can.GiveConsent {
			sub.Heading = m.T("consent.give")
		}
	}
	m.Title = sub.Heading + " – " + m.ChildLabel(m.V.Log.Child)
	switch name {
	case SubParticipant, SubTransfer:
		if (name == SubParticipant && !m.Can.ManageParticipants) || (name == SubTransfer && !m.Can.ProposeTransfer) {
			return fault.New(fault.Forbidden, "you may not do this on this log")
		}
		field := "user_id"
		sub.Action = "/logg/" + id + "/aktorer"
		if name == SubTransfer {
			field, sub.Action = "to_user_id", "/logg/"+id+"/overforing"
		}
		sub.Person.fieldView = m.Field(name, field, "label."+field)
		mid := m.V.Log.MunicipalityID
		if name == SubTransfer {
			if mid, err = s.transferOrgs(r, sub, mid); err != nil {
				return err
			}
		}
		if sub.Query != "" {
			sub.Searched = true
			page := 1
			if n, err := strconv.Atoi(r.FormValue("side")); err == nil && n > 1 && n <= maxPersonPages {
				page = n
			}
			// One more than a page says whether another follows.
			staff, err := s.DB.SearchStaffFrom(r.Context(), mid, sub.Query, (page-1)*maxPersonHits, maxPersonHits+1)
			if err != nil {
				return err
			}
			if len(staff) > maxPersonHits {
				staff = staff[:maxPersonHits]
				sub.Next = sub.pageLink(page + 1)
			}
			if page > 1 {
				sub.Prev = sub.pageLink(page - 1)
			}
			for _, u := range staff {
				sub.Person.People = append(sub.Person.People, personChoice{ID: u.UserID, Name: u.Name, Unit: u.UnitName})
			}
		}
	case SubConsent:
		if !m.Can.RegisterConsent && !m.Can.GiveConsent {
			return fault.New(fault.Forbidden, "you may not do this on this log")
		}
		sub.Action = "/logg/" + id + "/samtykker"
		units, err := s.DB.ListUnits(r.Context(), m.V.Log.MunicipalityID)
		if err != nil {
			return err
		}
		for _, k := range org.UnitKinds {
			g := unitGroup{Kind: m.T("admin.kind." + string(k))}
			for _, u := range units {
				if u.Kind == k {
					g.Units = append(g.Units, unitChoice{ID: u.ID, Name: u.Name})
				}
			}
			if len(g.Units) > 0 {
				sub.Units = append(sub.Units, g)
			}
		}
		// For a move, the units of the organisation the log goes to, which the
		// consent must cover too (API.md, Counties and moves).
		other, err := s.transferOrgs(r, sub, m.V.Log.MunicipalityID)
		if err != nil {
			return err
		}
		if other != m.V.Log.MunicipalityID {
			there, err := s.DB.ListUnits(r.Context(), other)
			if err != nil {
				return err
			}
			name := ""
			for _, o := range sub.Orgs {
				if o.ID == other {
					name = o.Name
				}
			}
			g := unitGroup{Kind: m.T("subform.consent.units_in", name)}
			for _, u := range there {
				g.Units = append(g.Units, unitChoice{ID: u.ID, Name: u.Name})
			}
			if len(g.Units) > 0 {
				sub.Units = append(sub.Units, g)
			}
		}
	}
	return s.show(w, r, status, logSubformView(m))
}

// transferOrgs fills in sub's organisations, the log's own (mid) first, and returns
// the one the request names in org, or mid when it names none that exists.
func (s *Server) transferOrgs(r *http.Request, sub *subform, mid string) (string, error) {
	ms, err := s.DB.ListMunicipalities(r.Context())
	if err != nil {
		return "", err
	}
	sub.Moving = r.FormValue("flytting") == "1"
	chosen := mid
	for _, m := range ms {
		o := unitChoice{ID: m.ID, Name: m.Name}
		if m.ID == mid {
			sub.Orgs = append([]unitChoice{o}, sub.Orgs...)
		} else {
			sub.Orgs = append(sub.Orgs, o)
		}
		if m.ID == r.FormValue("org") {
			chosen = m.ID
		}
	}
	sub.Org = chosen
	return chosen, nil
}

// personSearch is the search field of a person form.
type personSearch struct {
	ID, Label, Button, Action, Query string
}

// PersonSearch describes the search field of form name, which asks page action (the
// form's own page when empty).
func (m *logPage) PersonSearch(name, action string) personSearch {
	ps := personSearch{ID: name + "-q", Label: m.T("subform.search_label"), Button: m.T("subform.search"), Action: action}
	if m.Sub != nil {
		ps.Query = m.Sub.Query
		if action == "" {
			ps.Action = m.Sub.Self
		}
	}
	return ps
}
