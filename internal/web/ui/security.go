package ui

import (
	"encoding/base64"
	"net/http"
	"stafett/internal/auth"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"

	"github.com/a-h/templ"
)

// securityPage is "my security": the person's sessions, their second factor and what
// has happened to their account.
type securityPage struct {
	layout
	Sessions      []store.SessionInfo
	Events        []store.SecurityEvent
	Actors        map[string]string // names of the people behind the events
	TOTP          bool
	RecoveryLeft  int
	MustHaveTOTP  bool // administrators may not turn it off
	providers     *auth.Providers
	Enrolment     *totpEnrolment // set while setting up a second factor
	RecoveryCodes []string       // shown once, right after they are made
}

// totpEnrolment is a pending secret as shown to the person setting it up.
type totpEnrolment struct {
	Secret string
	QR     templ.SafeURL // data: URL of the QR code, which templ would refuse
}

// securityEventsShown is how many of the newest events the page lists.
const securityEventsShown = 50

func (s *Server) securityPage(r *http.Request, p *people.Principal) (*securityPage, error) {
	ctx := r.Context()
	m := &securityPage{layout: s.layoutFor(r, "security.title"), MustHaveTOTP: app.NeedsTOTP(p), Actors: map[string]string{},
		providers: s.Cfg.Providers}
	var err error
	if m.Sessions, err = s.DB.ListSessions(ctx, p.User.ID, p.Session.TokenHash); err != nil {
		return nil, err
	}
	if m.Events, err = s.DB.SecurityEvents(ctx, p.User.ID, securityEventsShown); err != nil {
		return nil, err
	}
	for _, e := range m.Events {
		if e.ActorID == "" || e.ActorID == p.User.ID || m.Actors[e.ActorID] != "" {
			continue
		}
		u, err := s.DB.GetUser(ctx, e.ActorID)
		if err != nil {
			return nil, err
		}
		m.Actors[e.ActorID] = u.Name
	}
	if m.TOTP, err = s.DB.TOTPEnabled(ctx, p.User.ID); err != nil {
		return nil, err
	}
	if m.TOTP {
		if m.RecoveryLeft, err = s.DB.CountRecoveryCodes(ctx, p.User.ID); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Actor names who did an event, as the person reading their own page sees it.
func (m *securityPage) Actor(e store.SecurityEvent) string {
	switch {
	case e.ActorID == "":
		return m.T("security.by_stafett")
	case m.Actors[e.ActorID] != "":
		return m.Actors[e.ActorID]
	}
	return m.T("security.by_you")
}

// Method names how a session was signed in: with a password, or through an identity
// provider, by the provider's label.
func (m *securityPage) Method(provider string) string {
	if provider == "" {
		return m.T("security.password")
	}
	if pr, ok := m.providers.Get(provider); ok {
		return pr.Label()
	}
	return provider
}

// Detail says what an event's detail means: a sign-in method, a reason or a role in
// the reader's language, or a provider's name as it is.
func (m *securityPage) Detail(d string) string {
	key := "security.detail." + d
	if t := m.T(key); t != key {
		return t
	}
	return m.Method(d)
}

func (s *Server) HandleSecurityPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.securityPage(r, p)
	if err != nil {
		return err
	}
	return s.show(w, r, http.StatusOK, securityView(m))
}

// HandleSessionEnd ends one of the person's other sessions.
func (s *Server) HandleSessionEnd(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.EndSession(r.Context(), p.User.ID, r.PathValue("sid")); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/meg/sikkerhet", "session_ended")
	return nil
}

// HandleTOTPStart makes a new pending secret and shows it with its QR code.
func (s *Server) HandleTOTPStart(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	e, err := s.StartTOTP(r, p)
	if err != nil {
		return err
	}
	return s.renderEnrolment(w, r, p, e, nil)
}

func (s *Server) renderEnrolment(w http.ResponseWriter, r *http.Request, p *people.Principal, e *auth.Enrolment, failed *form) error {
	m, err := s.securityPage(r, p)
	if err != nil {
		return err
	}
	m.failed = failed
	m.Enrolment = &totpEnrolment{Secret: e.Secret, QR: templ.SafeURL("data:image/png;base64," + base64.StdEncoding.EncodeToString(e.PNG))}
	status := http.StatusOK
	if failed != nil {
		status = http.StatusUnprocessableEntity
	}
	return s.show(w, r, status, securityView(m))
}

// HandleTOTPConfirm puts the pending secret in force when the code from the app
// matches, and shows the recovery codes once.
func (s *Server) HandleTOTPConfirm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	codes, err := s.ConfirmTOTP(r, p, r.PostForm.Get("code"))
	if fault.Is(err, fault.Invalid) {
		secret, perr := s.DB.PendingTOTP(r.Context(), p.User.ID)
		if perr != nil {
			return perr
		}
		e, perr := s.TOTP.Show(p.User.Email, secret)
		if perr != nil {
			return perr
		}
		f, ferr := formError("totp", r, err)
		if ferr != nil {
			return ferr
		}
		return s.renderEnrolment(w, r, p, e, f)
	}
	if err != nil {
		return err
	}
	return s.renderCodes(w, r, p, codes, "flash.totp_enabled")
}

// HandleRecoveryCodes replaces the person's recovery codes and shows the new ones once.
func (s *Server) HandleRecoveryCodes(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	codes, hashes := auth.NewRecoveryCodes()
	if err := s.DB.ReplaceRecoveryCodes(r.Context(), p.User.ID, hashes); err != nil {
		return err
	}
	return s.renderCodes(w, r, p, codes, "flash.recovery_codes")
}

func (s *Server) renderCodes(w http.ResponseWriter, r *http.Request, p *people.Principal, codes []string, flash string) error {
	m, err := s.securityPage(r, p)
	if err != nil {
		return err
	}
	m.RecoveryCodes = codes
	m.Flash = m.T(flash)
	return s.show(w, r, http.StatusOK, securityView(m))
}

// HandleTOTPDisable turns the second factor off after checking a current code;
// administrators must keep theirs.
func (s *Server) HandleTOTPDisable(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if app.NeedsTOTP(p) {
		return fault.New(fault.Forbidden, "administrators must use two-step verification")
	}
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	if err := s.DB.VerifyTOTP(r.Context(), p.User.ID, r.PostForm.Get("code"), s.TOTP); err != nil {
		if !fault.Is(err, fault.Invalid) {
			return err
		}
		m, perr := s.securityPage(r, p)
		if perr != nil {
			return perr
		}
		if m.failed, err = formError("totp_off", r, err); err != nil {
			return err
		}
		return s.show(w, r, http.StatusUnprocessableEntity, securityView(m))
	}
	if err := s.DB.DisableTOTP(r.Context(), p.User.ID, p.User.ID); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/meg/sikkerhet", "totp_disabled")
	return nil
}
