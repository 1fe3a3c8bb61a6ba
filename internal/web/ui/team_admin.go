package ui

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/team"
)

// A team's owner — the municipality's administrator, or the network's coordinator —
// sets it up on /team/ny and changes it on /team/{id}/endre: name, kind, units and
// members. Members are named by their e-mail addresses, one a line, as course
// participants are: a municipality has 1,500 staff, and the owner knows whom they
// want.

// teamAdminPage is the form that sets up a team, or changes team V.
type teamAdminPage struct {
	layout
	V      *store.TeamView // nil on /team/ny
	Owners []adminOption
	Kinds  []adminOption
	Units  []adminCheck
}

// HandleTeamNew shows the form that sets up a team.
func (s *Server) HandleTeamNew(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderTeamNew(w, r, p, nil, http.StatusOK)
}

func (s *Server) renderTeamNew(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	m := &teamAdminPage{layout: s.layoutFor(r, "team.new.title")}
	m.failed = failed
	f := m.Form("team")
	owners, err := s.teamOwnerChoices(r, p, f.Value("owner"))
	if err != nil {
		return err
	}
	if len(owners) == 0 {
		return fault.New(fault.NotFound, "nothing to set up a team for")
	}
	m.Owners, m.Kinds = owners, m.kindChoices(f.Value("kind"))
	return s.show(w, r, status, teamNewView(m))
}

// teamOwnerChoices are the owners p may set up teams for: the municipalities p
// administers (every one for a system administrator) and the networks p coordinates.
// A value is "m:ID" or "n:ID".
func (s *Server) teamOwnerChoices(r *http.Request, p *people.Principal, chosen string) ([]adminOption, error) {
	var out []adminOption
	add := func(value, label string) {
		out = append(out, adminOption{Value: value, Label: label, Selected: value == chosen})
	}
	ms, err := s.DB.ListMunicipalities(r.Context())
	if err != nil {
		return nil, err
	}
	for _, mu := range ms {
		if p.Roles.IsSystemAdmin() || p.Roles.Has(people.MunicipalityAdmin, mu.ID) {
			add("m:"+mu.ID, mu.Name)
		}
	}
	for _, nid := range p.Roles.Networks() {
		n, err := s.DB.GetNetwork(r.Context(), nid)
		if err != nil {
			return nil, err
		}
		add("n:"+n.ID, n.Name)
	}
	return out, nil
}

func (l *layout) kindChoices(chosen string) []adminOption {
	out := make([]adminOption, len(team.Kinds))
	for i, k := range team.Kinds {
		out[i] = adminOption{Value: string(k), Label: l.T("team.kind." + string(k)), Selected: string(k) == chosen}
	}
	return out
}

// HandleTeamCreate sets up the team with the members its rows name, and goes on to
// its form for the units.
func (s *Server) HandleTeamCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := parseAdminForm(r); err != nil {
		return err
	}
	t := team.Team{Name: postValue(r, "name"), Kind: team.Kind(postValue(r, "kind"))}
	switch kind, id, _ := strings.Cut(postValue(r, "owner"), ":"); kind {
	case "m":
		t.MunicipalityID = id
	case "n":
		t.NetworkID = id
	}
	err := s.DB.CreateTeamWithRows(r.Context(), p, &t, lines(r.PostForm.Get("rows")))
	if err != nil {
		status := formStatus(w, err)
		failed, err := formError("team", r, err)
		if err != nil {
			return err
		}
		moveErrors(failed, "owner", "municipality_id", "network_id")
		moveErrors(failed, "rows", "member_user_ids")
		return s.renderTeamNew(w, r, p, failed, status)
	}
	s.RedirectWithFlash(w, r, "/team/"+t.ID+"/endre", "team_created")
	return nil
}

// lines splits a text area into its lines.
func lines(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

// moveErrors shows the errors of the fields from at field to.
func moveErrors(f *form, to string, from ...string) {
	for _, k := range from {
		if code, ok := f.Errors[k]; ok {
			delete(f.Errors, k)
			f.Errors[to] = code
		}
	}
}

// HandleTeamEdit shows the forms that change team {id}.
func (s *Server) HandleTeamEdit(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	return s.renderTeamEdit(w, r, p, nil, http.StatusOK)
}

func (s *Server) renderTeamEdit(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error {
	v, err := s.DB.GetTeam(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	if !v.Rel.Manager {
		return fault.New(fault.NotFound, "team not found")
	}
	m := &teamAdminPage{layout: s.layoutFor(r, "team.edit.title"), V: v}
	m.failed = failed
	m.Title = v.Name
	f := m.Form("team")
	kind, units := string(v.Kind), v.UnitIDs
	if f != nil {
		kind, units = f.Value("kind"), f.Values["unit_ids"]
	}
	m.Kinds = m.kindChoices(kind)
	mids := []string{v.MunicipalityID}
	if v.NetworkID != "" {
		n, err := s.DB.GetNetwork(r.Context(), v.NetworkID)
		if err != nil {
			return err
		}
		mids = n.MunicipalityIDs
	}
	for _, mid := range mids {
		us, err := s.DB.ListUnits(r.Context(), mid)
		if err != nil {
			return err
		}
		for _, u := range us {
			m.Units = append(m.Units, adminCheck{ID: "team-unit-" + u.ID, Value: u.ID, Label: u.Name, Checked: slices.Contains(units, u.ID)})
		}
	}
	return s.show(w, r, status, teamEditView(m))
}

// HandleTeamUpdate saves the team's name, kind and units.
func (s *Server) HandleTeamUpdate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := parseAdminForm(r); err != nil {
		return err
	}
	t := team.Team{Name: postValue(r, "name"), Kind: team.Kind(postValue(r, "kind")), UnitIDs: r.PostForm["unit_ids"]}
	return s.teamEditDone(w, r, p, "team", "team_saved", s.DB.UpdateTeam(r.Context(), p, r.PathValue("id"), t))
}

// HandleTeamMembersAdd adds the members its rows name.
func (s *Server) HandleTeamMembersAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := parseAdminForm(r); err != nil {
		return err
	}
	_, err := s.DB.AddTeamMembers(r.Context(), p, r.PathValue("id"), lines(r.PostForm.Get("rows")))
	return s.teamEditDone(w, r, p, "members", "team_members_added", err)
}

// HandleTeamMemberRemove takes member {uid} off the team.
func (s *Server) HandleTeamMemberRemove(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	err := s.DB.RemoveTeamMember(r.Context(), p, r.PathValue("id"), r.PathValue("uid"))
	return s.teamEditDone(w, r, p, "remove", "team_member_removed", err)
}

// teamEditDone goes back to the team's form with flash after err is nil, else
// shows form name again with its messages.
func (s *Server) teamEditDone(w http.ResponseWriter, r *http.Request, p *people.Principal, name, flash string, err error) error {
	if err == nil {
		s.RedirectWithFlash(w, r, "/team/"+r.PathValue("id")+"/endre", flash)
		return nil
	}
	status := formStatus(w, err)
	failed, err := formError(name, r, err)
	if err != nil {
		return err
	}
	if name == "remove" {
		failed.Message = "team.edit.last_member"
	}
	return s.renderTeamEdit(w, r, p, failed, status)
}

// RowErrors is form name's error summary, with each refused row of its text area
// as an item of its own ("Linje 3: ...").
func (m *teamAdminPage) RowErrors(name string) *errorSummary {
	sum := m.Errors(name)
	if sum == nil {
		return nil
	}
	rows := m.Field(name, "rows", "team.label.rows")
	for i, it := range sum.Items {
		if n, ok := strings.CutPrefix(it.Name, "rows."); ok {
			code := m.Form(name).Errors[it.Name]
			sum.Items[i] = fieldView{ID: rows.ID, Name: it.Name, Label: m.T("team.edit.row", n), Error: m.fieldMessage(name, "rows", code)}
		} else {
			sum.Items[i].Label = m.T("team.label." + it.Name)
		}
	}
	slices.SortStableFunc(sum.Items, func(a, b fieldView) int { return rowNumber(a.Name) - rowNumber(b.Name) })
	return sum
}

// rowNumber is N of field rows.N, 0 for any other field.
func rowNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(name, "rows."))
	return n
}
