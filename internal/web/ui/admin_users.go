package ui

import (
	"net/http"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// adminUsersPage lists the people of a municipality with their roles there, with
// the form to invite a new person.
type adminUsersPage struct {
	layout
	Municipality *org.Municipality
	System       bool
	Users        []userRow
	// MailFailures are the people whose e-mail does not arrive.
	MailFailures []mailFailureRow
}

// mailFailureRow is a person whose notification e-mail was refused for good.
type mailFailureRow struct {
	ID, Name, Email, Reason, When string
}

// userRow is a person as the staff list shows them.
type userRow struct {
	ID, Name, Email string
	Active          bool
	Roles           []roleView
}

// HandleAdminUsers lists the people of a municipality for its administrators.
func (s *Server) HandleAdminUsers(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	return s.renderAdminUsers(w, r, p, mun, http.StatusOK, nil)
}

func (s *Server) renderAdminUsers(w http.ResponseWriter, r *http.Request, p *people.Principal, mun *org.Municipality, status int, failed *form) error {
	ms, err := s.members(r, mun.ID)
	if err != nil {
		return err
	}
	names, _, err := s.placeNames(r, mun)
	if err != nil {
		return err
	}
	m := &adminUsersPage{layout: s.layoutFor(r, "admin.users.title"), Municipality: mun, System: p.Roles.IsSystemAdmin()}
	m.failed = failed
	for _, x := range ms {
		m.Users = append(m.Users, userRow{ID: x.ID, Name: x.Name, Email: x.Email, Active: x.Active, Roles: m.roleViews(x.Roles, names)})
	}
	fs, err := s.DB.ListMailFailures(r.Context(), mun.ID)
	if err != nil {
		return err
	}
	for _, f := range fs {
		m.MailFailures = append(m.MailFailures, mailFailureRow{ID: f.UserID, Name: f.Name, Email: f.Email, Reason: f.Reason, When: m.DateTime(f.At)})
	}
	return s.show(w, r, status, adminUsersView(m))
}

// HandleAdminUserCreate invites a new person to the municipality and goes on to
// their page, where they can be given roles.
func (s *Server) HandleAdminUserCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	mun, err := s.AdminMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := parseAdminForm(r); err != nil {
		return err
	}
	u, err := s.CreateUser(r, p, app.UserRequest{Email: postValue(r, "email"), Name: postValue(r, "name"),
		NationalID: postValue(r, "national_id"), MunicipalityID: mun.ID})
	if err != nil {
		f, err := adminFormError("user", r, err, "")
		if err != nil {
			return err
		}
		return s.renderAdminUsers(w, r, p, mun, http.StatusUnprocessableEntity, f)
	}
	s.RedirectWithFlash(w, r, "/admin/brukere/"+u.ID, "admin.user_created")
	return nil
}
