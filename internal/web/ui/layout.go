package ui

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
	"strings"
	"time"
)

// LangCookie remembers the language chosen by someone not signed in.
const LangCookie = app.LangCookie

// layout is what the layout template needs; every page model embeds it. Its
// Localizer gives templates T, Date, DateTime and Day.
type layout struct {
	*i18n.Localizer
	Title  string
	User   *navUser
	Path   string
	Static string // the static files' path prefix, with their content version
	Flash  string
	// FlashWarning marks a flash that says something could not be done.
	FlashWarning bool
	failed       *form
	Choices      []langChoice
	// Idle is the session's idle limit in seconds for a signed-in person, for the
	// warning before it ends (static/session.js); 0 when no one is signed in.
	Idle int
}

// SignInAgain is where the session warning sends someone whose session ended: the
// sign-in, then back to this page, where the draft kept in the browser is restored.
//
// Only what would end or change the query value is escaped: slashes and question
// marks may stand in a query, and kept as they are, the link names the page exactly
// as its path does (a page about a log that is hidden differs from one that does not
// exist only by the ID in its path).
func (l *layout) SignInAgain() string { return "/innlogging?neste=" + nesteEscaper.Replace(l.Path) }

var nesteEscaper = strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "#", "%23", " ", "%20")

// language is the page's UI language, which chooses its templates.
func (l layout) language() i18n.Lang { return l.Lang }

// navUser is the signed-in person as the header shows them.
type navUser struct {
	Name  string
	Admin bool // may see the administration pages
	// Indicators: holds a role that reads indicators (/indikatorer).
	Indicators bool
	// Unread counts the person's unread notifications, for the bell.
	Unread int
}

// langChoice is one entry of the language switch.
type langChoice struct {
	Lang    i18n.Lang
	Name    string
	Current bool
}

// form is the state of one HTML form after a failed submission: what was sent and
// what was wrong with it, so the page can show it again with messages by the fields.
type form struct {
	Name    string
	Values  url.Values
	Errors  fault.Fields
	Message string // a message key for an error that belongs to no one field
	Args    []any  // the arguments of Message's verbs
}

// Value returns what was sent for field name.
func (f *form) Value(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Has reports whether value was among those sent for field name.
func (f *form) Has(name, value string) bool {
	if f == nil {
		return false
	}
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Form returns the failed state of form name, or nil when it was not the one sent.
func (l *layout) Form(name string) *form {
	if l.failed != nil && l.failed.Name == name {
		return l.failed
	}
	return nil
}

// fieldView is one form control, labelled and with its error message, for the field
// partials.
type fieldView struct {
	ID, Name, Label, Value, Error, Hint string
	// Href is where the error summary links for this field when what is missing is
	// on another page (a consent, a guardian), "" for the field itself.
	Href string
}

// Field describes control name of form formName with the label text of labelKey.
func (l *layout) Field(formName, name, labelKey string) fieldView {
	f := l.Form(formName)
	v := fieldView{ID: formName + "-" + strings.ReplaceAll(name, "_", "-"), Name: name, Label: l.T(labelKey), Value: f.Value(name)}
	if f != nil && f.Errors[name] != "" {
		v.Error = l.fieldMessage(formName, name, f.Errors[name])
	}
	return v
}

// fieldMessage says what is wrong with field name of form formName and how to put it
// right: the form's own message for the field when it has one ("Skriv hva tiltaket
// skal oppnå"), else the field's, else the one for code alone.
func (l *layout) fieldMessage(formName, name, code string) string {
	for _, k := range []string{"field." + formKey(formName) + "." + name + "." + code, "field." + name + "." + code} {
		if l.Has(k) {
			return l.T(k)
		}
	}
	return l.T("field." + code)
}

// formKey is the part of form name that names its kind in the catalog: the forms
// about one measure or one person ("evaluate-ID") share theirs.
func formKey(name string) string {
	kind, _, _ := strings.Cut(name, "-")
	switch kind {
	case "evaluate", "suspend", "withdraw", "remove", "move", "amend":
		return kind
	}
	return strings.ReplaceAll(name, "-", "_")
}

// errorSummary is the box at the top of a failed form: what went wrong, with links
// to the fields.
type errorSummary struct {
	Title   string
	Message string
	Items   []fieldView
}

// Errors returns the error summary of form formName, or nil when it did not fail.
func (l *layout) Errors(formName string) *errorSummary {
	f := l.Form(formName)
	if f == nil {
		return nil
	}
	sum := &errorSummary{Title: l.T("form.errors")}
	if f.Message != "" {
		sum.Message = l.T(f.Message, f.Args...)
	}
	names := make([]string, 0, len(f.Errors))
	for name := range f.Errors {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		sum.Items = append(sum.Items, l.Field(formName, name, "label."+name))
	}
	return sum
}

func (s *Server) RedirectToSignIn(w http.ResponseWriter, r *http.Request) {
	target := "/innlogging"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?neste=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// localPath returns next if it is a path on this site, else "/": redirects never leave
// Stafett. Browsers drop tabs and newlines from a Location and read a backslash as a
// slash, so "/\t/evil.example" would be "//evil.example" to them: a path with any
// of those, or any other control character, is refused too.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	return next
}

// lang picks the request's language (app.Lang).
func (s *Server) lang(r *http.Request) i18n.Lang { return app.Lang(r) }

// layoutFor returns the layout of a page titled by titleKey for r.
func (s *Server) layoutFor(r *http.Request, titleKey string) layout {
	loc := s.catalog.Localizer(s.lang(r))
	l := layout{Localizer: loc, Title: loc.T(titleKey), Path: r.URL.RequestURI(), Static: s.static.prefix}
	if p := app.PrincipalFrom(r.Context()); p != nil {
		l.User = &navUser{Name: p.User.Name, Admin: isAdmin(p), Indicators: access.ReadsIndicators(app.ActorOf(p))}
		// The bell is a courtesy: a count that cannot be read leaves it empty.
		l.User.Unread, _ = s.DB.UnreadNotifications(r.Context(), app.ActorOf(p))
		l.Idle = int(s.Cfg.Sessions.Idle / time.Second)
	}
	for _, c := range i18n.Langs() {
		l.Choices = append(l.Choices, langChoice{Lang: c, Name: loc.T("lang." + string(c)), Current: c == loc.Lang})
	}
	if c, err := r.Cookie(FlashCookie); err == nil {
		l.Flash, l.FlashWarning = loc.T("flash."+c.Value), warningFlashes[c.Value]
	}
	return l
}

// isAdmin reports whether p administers anything: a municipality, the system or a unit.
func isAdmin(p *people.Principal) bool {
	for _, r := range p.Roles {
		if r.Role != "employee" {
			return true
		}
	}
	return false
}

// errorPage is the model of the friendly error pages.
type errorPage struct {
	layout
	Status int
}

// WriteHTMLError renders the error page for err in the request's language; details
// of internal errors go only to the log.
func (s *Server) WriteHTMLError(w http.ResponseWriter, r *http.Request, status int) {
	key := "error.internal"
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		key = "error.invalid"
	case http.StatusForbidden:
		key = "error.forbidden"
	case http.StatusNotFound:
		key = "error.not_found"
	case http.StatusConflict:
		key = "error.conflict"
	case http.StatusRequestEntityTooLarge:
		key = "error.too_large"
	case http.StatusTooManyRequests:
		key = "error.rate_limited"
	case http.StatusUnauthorized:
		key = "error.unauthenticated"
	case http.StatusInsufficientStorage:
		key = "error.storage_full"
	case http.StatusServiceUnavailable:
		key = "error.unavailable"
	}
	m := errorPage{layout: s.layoutFor(r, key), Status: status}
	if err := s.pages.render(r.Context(), w, status, errorView(&m)); err != nil {
		s.Log.ErrorContext(r.Context(), "render error page", "err", err)
		http.Error(w, http.StatusText(status), status)
	}
}

// warningFlashes are the flashes that say something could not be done, shown as a
// warning instead of a confirmation.
var warningFlashes = map[string]bool{"transfer_unavailable": true}

// FlashCookie carries a one-line confirmation across a POST-redirect-GET.
const FlashCookie = "stafett_flash"

// RedirectWithFlash answers a successful form with a redirect to target and a short
// confirmation (a catalog key after "flash.") shown once there.
func (s *Server) RedirectWithFlash(w http.ResponseWriter, r *http.Request, target, flash string) {
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: flash, Path: "/", MaxAge: 30,
		HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// clearFlash drops the flash cookie once the page showing it is rendered.
func (s *Server) clearFlash(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(FlashCookie); err == nil {
		http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: "", Path: "/", MaxAge: -1,
			HttpOnly: true, Secure: s.Cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	}
}

// formError turns a store error from a form submission into the failed form state
// to show, or returns the error itself when it is not about the input.
func formError(name string, r *http.Request, err error) (*form, error) {
	var e *fault.Error
	if !errors.As(err, &e) {
		return nil, err
	}
	f := &form{Name: name, Values: r.PostForm}
	switch e.Code {
	case fault.Invalid:
		if len(e.Fields) == 0 {
			f.Message = "error.invalid"
		}
		// A copy: the form's messages are changed for the page (adminFormError moves
		// them between fields), and an error may be a value shared by every request.
		f.Errors = maps.Clone(e.Fields)
	case fault.Conflict:
		f.Message = "error.conflict"
	case fault.StorageFull, fault.Unavailable:
		// Nothing was saved: the form comes back with what was typed, and says so.
		f.Message = "form." + string(e.Code)
	default:
		return nil, err
	}
	return f, nil
}
