package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// adminMunicipalityPage is one municipality: its facts, its administrators and the
// forms to add one.
type adminMunicipalityPage struct {
	layout
	Municipality *org.Municipality
	System       bool
	Admins       []people.User
	Candidates   []userOption // the municipality's active people who are not administrators
}

// HandleAdminMunicipality shows a municipality to its administrators and to system
// administrators.
func (s *Server) HandleAdminMunicipality(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	return s.renderAdminMunicipality(w, r, p, mun, http.StatusOK, nil)
}

func (s *Server) renderAdminMunicipality(w http.ResponseWriter, r *http.Request, p *people.Principal, mun *org.Municipality, status int, failed *form) error {
	ms, err := s.members(r, mun.ID)
	if err != nil {
		return err
	}
	m := &adminMunicipalityPage{layout: s.layoutFor(r, "admin.municipality.title"), Municipality: mun, System: p.Roles.IsSystemAdmin()}
	m.Title = mun.Name
	m.failed = failed
	for _, x := range ms {
		switch {
		case x.Roles.Has(people.MunicipalityAdmin, mun.ID):
			m.Admins = append(m.Admins, x.User)
		case x.Active && access.CanChangeRolesOf(app.ActorOf(p), x.ID):
			m.Candidates = append(m.Candidates, userOption{ID: x.ID, Name: x.Name, Email: x.Email})
		}
	}
	return s.show(w, r, status, adminMunicipalityView(m))
}

// HandleAdminMunicipalityAdminAdd makes a person administrator of the municipality:
// someone already there (user_id), or a new person invited by e-mail.
func (s *Server) HandleAdminMunicipalityAdminAdd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	role := &people.Role{Role: people.MunicipalityAdmin, MunicipalityID: mun.ID}
	if err := s.CheckRoleGrant(r, p, role); err != nil {
		return err
	}
	name := "admin-new"
	if r.PostForm.Has("user_id") {
		name = "admin-existing"
		err = s.grantExisting(r, p, postValue(r, "user_id"), role)
	} else {
		err = s.grantNew(r, p, mun.ID, role)
	}
	if err != nil {
		f, err := adminFormError(name, r, err, "user_id", "role", "municipality_id", "unit_id")
		if err != nil {
			return err
		}
		return s.renderAdminMunicipality(w, r, p, mun, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/kommuner/"+mun.ID, "admin.admin_added")
	return nil
}

// grantExisting gives the person uid, picked from a list, a role already checked
// with checkRoleGrant. Someone the actor may not see is as if not in the list.
func (s *Server) grantExisting(r *http.Request, p *people.Principal, uid string, role *people.Role) error {
	if uid == "" {
		return fault.Validation("user_id", fault.FieldRequired)
	}
	u, _, err := s.VisibleUserID(r, p, uid)
	if fault.Is(err, fault.NotFound) {
		return fault.Validation("user_id", fault.FieldNotFound)
	} else if err != nil {
		return err
	}
	if !access.CanChangeRolesOf(app.ActorOf(p), u.ID) {
		return fault.Validation("user_id", fault.FieldNotAllow)
	}
	return s.addRole(r, u.ID, role)
}

// grantNew creates a person of municipality mid from the form's e-mail, name and
// national ID (no password: they sign in through an identity provider) and gives
// them a role already checked with checkRoleGrant.
func (s *Server) grantNew(r *http.Request, p *people.Principal, mid string, role *people.Role) error {
	u, err := s.CreateUser(r, p, app.UserRequest{Email: postValue(r, "email"), Name: postValue(r, "name"),
		NationalID: postValue(r, "national_id"), MunicipalityID: mid})
	if err != nil {
		return err
	}
	return s.addRole(r, u.ID, role)
}
