package ui

import (
	"errors"
	"net/http"
	"stafett/internal/fault"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"strings"
)

// parseAdminForm reads a posted administration form.
func parseAdminForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fault.Wrap(fault.Invalid, err, "the form could not be read")
	}
	return nil
}

// postValue returns form field name without surrounding spaces.
func postValue(r *http.Request, name string) string {
	return strings.TrimSpace(r.PostForm.Get(name))
}

// AdminField describes control name of administration form formName, labelled by
// its catalog key admin.label.<name>.
func (l *layout) AdminField(formName, name string) fieldView {
	return l.Field(formName, name, "admin.label."+name)
}

// AdminErrors is Errors for an administration form, with its fields' labels.
func (l *layout) AdminErrors(formName string) *errorSummary {
	sum := l.Errors(formName)
	if sum == nil {
		return nil
	}
	for i, it := range sum.Items {
		sum.Items[i].Label = l.T("admin.label." + it.Name)
	}
	return sum
}

// adminFormError is formError for an administration form. Problems with any of the
// fields in from are shown at the one control to (a role choice stands for role,
// unit and municipality); a role the person already holds gets its own message.
func adminFormError(name string, r *http.Request, err error, to string, from ...string) (*form, error) {
	f, ferr := formError(name, r, err)
	if ferr != nil {
		return nil, ferr
	}
	for _, k := range from {
		if code, ok := f.Errors[k]; ok {
			delete(f.Errors, k)
			f.Errors[to] = code
		}
	}
	if errors.Is(err, errRoleHeld) {
		f.Message = "admin.role_exists"
	}
	return f, nil
}

// errRoleHeld is the conflict of giving someone a role they already hold.
var errRoleHeld = fault.New(fault.Conflict, "the user already has this role")

// addRole gives user uid role (checked with checkRoleGrant), telling a role already
// held apart from other conflicts.
func (s *Server) addRole(r *http.Request, uid string, role *people.Role) error {
	err := s.DB.GrantRole(r.Context(), app.PrincipalFrom(r.Context()), uid, role)
	if fault.Is(err, fault.Conflict) {
		return errRoleHeld
	}
	return err
}

// member is a person of a municipality with the roles they hold there.
type member struct {
	people.User
	Roles people.Roles
}

// members lists the people of municipality mid with their roles there.
func (s *Server) members(r *http.Request, mid string) ([]member, error) {
	users, err := s.DB.ListUsers(r.Context(), mid)
	if err != nil {
		return nil, err
	}
	out := make([]member, 0, len(users))
	for _, u := range users {
		roles, err := s.DB.ListRoles(r.Context(), u.ID)
		if err != nil {
			return nil, err
		}
		m := member{User: u}
		for _, role := range roles {
			if role.MunicipalityID == mid {
				m.Roles = append(m.Roles, role)
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// placeNames maps the IDs of a municipality and its units to their names, for
// describing roles.
func (s *Server) placeNames(r *http.Request, m *org.Municipality) (map[string]string, []org.Unit, error) {
	units, err := s.DB.ListUnits(r.Context(), m.ID)
	if err != nil {
		return nil, nil, err
	}
	names := map[string]string{m.ID: m.Name}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	return names, units, nil
}

// roleView is a role as the pages show and post it.
type roleView struct {
	Label string // "Ansatt – Myren skole"
	Value string // the role and its place, as the role forms post it
}

// RoleValue encodes role r for a form: the role name and its unit or municipality.
func RoleValue(r people.Role) string {
	if r.Role.IsUnitRole() {
		return string(r.Role) + ":" + r.UnitID
	}
	return string(r.Role) + ":" + r.MunicipalityID
}

// parseRoleValue reads a role posted as RoleValue wrote it.
func parseRoleValue(v string) people.Role {
	name, place, _ := strings.Cut(v, ":")
	r := people.Role{Role: people.RoleName(name)}
	if r.Role.IsUnitRole() {
		r.UnitID = place
	} else {
		r.MunicipalityID = place
	}
	return r
}

// roleView describes role r with the names of its places.
func (l *layout) roleView(r people.Role, names map[string]string) roleView {
	place := names[r.UnitID]
	if !r.Role.IsUnitRole() {
		place = names[r.MunicipalityID]
	}
	label := l.T("admin.role." + string(r.Role))
	if place != "" {
		label += " – " + place
	}
	return roleView{Label: label, Value: RoleValue(r)}
}

// roleViews describes roles rs.
func (l *layout) roleViews(rs people.Roles, names map[string]string) []roleView {
	out := make([]roleView, 0, len(rs))
	for _, r := range rs {
		out = append(out, l.roleView(r, names))
	}
	return out
}

// kindOption is a unit kind in a choice list.
type kindOption struct {
	Value, Label string
}

// kindOptions lists the kinds of unit an organisation of kind o may have, with
// their names in the page's language.
func (l *layout) kindOptions(o org.OrgKind) []kindOption {
	kinds := org.UnitKindsOf(o)
	out := make([]kindOption, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, kindOption{Value: string(k), Label: l.T("admin.kind." + string(k))})
	}
	return out
}

// userOption is a person in a choice list.
type userOption struct {
	ID, Name, Email string
}

// inputView is a text input with its HTML type, for forms built from a list.
type inputView struct {
	fieldView
	Type, InputMode string
}

// DescribedBy lists the IDs of the input's hint and error message.
func (v inputView) DescribedBy() string {
	var ids []string
	if v.Hint != "" {
		ids = append(ids, v.ID+"-hint")
	}
	if v.Error != "" {
		ids = append(ids, v.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// PersonFields are the inputs that invite a new person to form formName: e-mail,
// name and, optionally, national ID. There is no password: the person signs in
// through an identity provider.
func (l *layout) PersonFields(formName string) []inputView {
	nid := inputView{fieldView: l.AdminField(formName, "national_id"), Type: "text", InputMode: "numeric"}
	nid.Hint = l.T("admin.hint.national_id")
	return []inputView{
		{fieldView: l.AdminField(formName, "email"), Type: "email"},
		{fieldView: l.AdminField(formName, "name"), Type: "text"},
		nid,
	}
}
