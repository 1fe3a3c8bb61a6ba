package ui

import (
	"net/http"
	"stafett/internal/access"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
	"strconv"
	"strings"
	"time"
)

// logAction does one form's action on log id and returns the flash key to confirm
// it with and the part of the page to return to.
type logAction func(r *http.Request, a access.Actor, id string) (flash, anchor string, err error)

// LogForm wraps a log page form: parse, act, then POST-redirect-GET back to the log.
// A failed submission shows the form Named by formName again with its messages by
// the fields (422): on its own page when it has one (log_formpage.go), else on the
// log page; other errors become error pages.
func (s *Server) LogForm(formName func(r *http.Request) string, act logAction) app.PageFunc {
	return s.logFormShowing(formName, act, s.showFailedForm)
}

// failedForm shows a failed form again, with status.
type failedForm func(w http.ResponseWriter, r *http.Request, p *people.Principal, failed *form, status int) error

// logFormShowing is LogForm with the page a failed submission is shown on.
func (s *Server) logFormShowing(formName func(r *http.Request) string, act logAction, show failedForm) app.PageFunc {
	return func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		if err := app.ParsePostForm(r); err != nil {
			return err
		}
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		id := r.PathValue("id")
		flash, anchor, err := act(r, app.ActorOf(p), id)
		if err == nil {
			s.RedirectWithFlash(w, r, "/logg/"+id+anchor, flash)
			return nil
		}
		status := formStatus(w, err)
		failed, err := formError(formName(r), r, err)
		if err != nil {
			return err
		}
		return show(w, r, p, failed, status)
	}
}

// formStatus is the status of a page showing a failed form again: 409 for a
// conflict, else 422.
//
// When the database could not write (507 storage_full, 503 unavailable) it is that
// status, with Retry-After, and the form is shown again with what was typed.
func formStatus(w http.ResponseWriter, err error) int {
	switch {
	case fault.Is(err, fault.Conflict):
		return http.StatusConflict
	case fault.Is(err, fault.StorageFull), fault.Is(err, fault.Unavailable):
		app.SetRetryAfter(w, err)
		return app.StatusOf(err)
	}
	return http.StatusUnprocessableEntity
}

func SuspendFormName(r *http.Request) string { return "suspend-" + r.PathValue("uid") }

func Named(name string) func(*http.Request) string { return func(*http.Request) string { return name } }

// EntryFormName is the form an entry came from: one per kind, one per measure evaluated.
func EntryFormName(r *http.Request) string {
	if k := r.PostForm.Get("kind"); k == string(logbook.KindEvaluation) {
		return "evaluate-" + r.PostForm.Get("measure_id")
	} else {
		return "entry-" + k
	}
}

func (s *Server) entryFromForm(r *http.Request) (logbook.NewEntry, error) {
	f := r.PostForm
	in := logbook.NewEntry{
		Kind: logbook.Kind(f.Get("kind")), Text: f.Get("text"), Goal: f.Get("goal"),
		ResponsibleUserID: f.Get("responsible_user_id"), StartDate: logbook.Date(f.Get("start_date")),
		EvaluateBy: logbook.Date(f.Get("evaluate_by")), CatalogServiceID: f.Get("catalog_service_id"), MeasureID: f.Get("measure_id"),
		Outcome: logbook.Outcome(f.Get("outcome")), Decisions: f.Get("decisions"),
	}
	for _, line := range strings.Split(f.Get("attendees"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Attendees = append(in.Attendees, line)
		}
	}
	if v := f.Get("held_at"); v != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", v, s.catalog.Localizer(i18n.Bokmal).Location())
		if err != nil {
			return in, fault.Validation("held_at", fault.FieldFormat)
		}
		in.HeldAt = t
	}
	return in, nil
}

func (s *Server) HandleEntryForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	in, err := s.entryFromForm(r)
	if err != nil {
		return "", "", err
	}
	e, err := s.DB.AddEntry(r.Context(), a, id, in)
	if err != nil {
		return "", "", err
	}
	return "entry_added", "#innslag-" + e.ID, nil
}

func (s *Server) HandleLevelForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	level, err := strconv.Atoi(r.PostForm.Get("level"))
	if err != nil {
		return "", "", fault.Validation("level", fault.FieldFormat)
	}
	_, err = s.DB.ChangeLevel(r.Context(), a, id, level, r.PostForm.Get("reason"))
	return "level_changed", "", err
}

func (s *Server) HandleUndringForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	d := logbook.UndringDecision{Outcome: logbook.UndringOutcome(r.PostForm.Get("outcome")), Text: r.PostForm.Get("text")}
	_, err := s.DB.DecideUndring(r.Context(), a, id, d)
	return "undring_decided", "", err
}

func (s *Server) HandleCloseForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	in := logbook.NewClosure{Reason: logbook.ClosureReason(r.PostForm.Get("reason")), Text: r.PostForm.Get("text")}
	_, err := s.DB.CloseLog(r.Context(), a, id, in)
	return "log_closed", "", err
}

func (s *Server) HandleConsentForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	in, file, err := app.ConsentFromForm(r)
	if err != nil {
		return "", "", err
	}
	_, err = s.DB.AddConsent(r.Context(), a, id, in, file)
	return "consent_added", "#h-consent", err
}

func (s *Server) HandleConsentWithdrawForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	_, err := s.DB.WithdrawConsent(r.Context(), a, id, r.PathValue("cid"))
	return "consent_withdrawn", "#h-consent", err
}

func (s *Server) HandleGuardianForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	f := r.PostForm
	ref := store.PersonRef{Email: f.Get("email"), Name: f.Get("name"), NationalID: f.Get("national_id")}
	_, err := s.DB.LinkGuardian(r.Context(), a, id, ref, f.Get("parental_responsibility") == "true")
	return "guardian_linked", "#h-people", err
}

func (s *Server) HandleSuspendForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	err := s.DB.SuspendGuardian(r.Context(), a, id, r.PathValue("uid"), r.PostForm.Get("reason"))
	return "guardian_suspended", "#h-people", err
}

func (s *Server) HandleParticipantForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	in := logbook.NewParticipant{UserID: r.PostForm.Get("user_id"), Access: logbook.ParticipantAccess(r.PostForm.Get("access"))}
	_, err := s.DB.AddParticipant(r.Context(), a, id, in)
	return "participant_added", "#h-people", err
}

func (s *Server) HandleParticipantRemoveForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	return "participant_removed", "#h-people", s.DB.RemoveParticipant(r.Context(), a, id, r.PathValue("uid"))
}

func (s *Server) HandleTransferForm(r *http.Request, a access.Actor, id string) (string, string, error) {
	in := logbook.NewTransfer{ToUserID: r.PostForm.Get("to_user_id"), Note: r.PostForm.Get("note"),
		OldHolderLeaves: r.PostForm.Get("old_holder_leaves") == "true"}
	_, err := s.DB.ProposeTransfer(r.Context(), a, id, in)
	return "transfer_proposed", "", err
}

// HandleTransferCancelForm withdraws a waiting transfer from the log page.
func (s *Server) HandleTransferCancelForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	t, err := s.DB.CancelTransfer(r.Context(), app.ActorOf(p), r.PathValue("tid"))
	if err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/logg/"+t.LogID, "transfer_cancelled")
	return nil
}

// HandleTransferAnswerForm accepts or declines a transfer from the overview.
func (s *Server) HandleTransferAnswerForm(accept bool) app.PageFunc {
	return func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		t, err := s.DB.AnswerTransfer(r.Context(), app.ActorOf(p), r.PathValue("tid"), accept)
		if accept && fault.Is(err, fault.Invalid) {
			// Consent for the person's unit was withdrawn or ran out after the overview
			// showed the transfer: back to it, where the transfer is no longer listed.
			s.RedirectWithFlash(w, r, "/", "transfer_unavailable")
			return nil
		}
		if err != nil {
			return err
		}
		if accept {
			s.RedirectWithFlash(w, r, "/logg/"+t.LogID, "transfer_accepted")
		} else {
			s.RedirectWithFlash(w, r, "/", "transfer_declined")
		}
		return nil
	}
}
