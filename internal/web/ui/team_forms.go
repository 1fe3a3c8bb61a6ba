package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/team"
	"stafett/internal/web/app"
)

// meetingAction is what one form of the meeting page does, with the same store
// calls the API uses; it returns the flash to show.
type meetingAction func(r *http.Request, p *people.Principal, tid, mid string) (flash string, err error)

// MeetingForm wraps a form of the meeting page (/team/{id}/mote/{mid}): parse, act,
// then back to the meeting; a failed one is shown again there with its messages by
// the fields (422, 409 for a conflict).
func (s *Server) MeetingForm(name func(r *http.Request) string, act meetingAction) app.PageFunc {
	return func(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
		if err := app.ParsePostForm(r); err != nil {
			return err
		}
		tid, mid := r.PathValue("id"), r.PathValue("mid")
		flash, err := act(r, p, tid, mid)
		if err == nil {
			s.RedirectWithFlash(w, r, "/team/"+tid+"/mote/"+mid, flash)
			return nil
		}
		status := formStatus(w, err)
		failed, err := formError(name(r), r, err)
		if err != nil {
			return err
		}
		return s.renderMeeting(w, r, p, false, failed, status)
	}
}

// MeetingFormName is a fixed form name.
func MeetingFormName(n string) func(*http.Request) string {
	return func(*http.Request) string { return n }
}

// AdviceFormName is the name of the advice form of case {cid}.
func AdviceFormName(r *http.Request) string { return "advice-" + r.PathValue("cid") }

// optInt reads an optional whole number; a malformed one is a field error.
func optInt(f *fault.Fields, v url.Values, name string) *int {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.Add(name, fault.FieldFormat)
		return nil
	}
	return &n
}

// HandleCaseForm puts an anonymous case on the meeting's agenda.
func (s *Server) HandleCaseForm(r *http.Request, p *people.Principal, tid, mid string) (string, error) {
	var f fault.Fields
	c := team.Case{Anonymous: true, Age: optInt(&f, r.PostForm, "age"), Grade: optInt(&f, r.PostForm, "grade"),
		Theme: r.PostForm.Get("theme"), Question: r.PostForm.Get("question"), BroughtByUnitID: r.PostForm.Get("brought_by_unit_id")}
	if err := f.Err(); err != nil {
		return "", err
	}
	return "case_added", s.DB.AddCase(r.Context(), p, tid, mid, &c)
}

// HandleAdviceForm records the team's advice on case {cid}.
func (s *Server) HandleAdviceForm(r *http.Request, p *people.Principal, tid, mid string) (string, error) {
	a := team.Advice{Text: r.PostForm.Get("text"), FollowUpMeetingID: r.PostForm.Get("follow_up_meeting_id")}
	return "advice_added", s.DB.AddAdvice(r.Context(), p, tid, r.PathValue("cid"), &a)
}

// HandleMinutesForm saves the meeting's attendance and minutes.
func (s *Server) HandleMinutesForm(r *http.Request, p *people.Principal, tid, mid string) (string, error) {
	return "minutes_saved", s.DB.SaveMinutes(r.Context(), p, tid, mid, r.PostForm.Get("text"), r.PostForm["attended_user_ids"])
}

// HandleMeetingCancelForm cancels the meeting.
func (s *Server) HandleMeetingCancelForm(r *http.Request, p *people.Principal, tid, mid string) (string, error) {
	_, err := s.DB.CancelMeeting(r.Context(), p, tid, mid)
	return "meeting_cancelled", err
}

// HandleMeetingMoveForm moves the meeting to another start (date and time in
// Europe/Oslo) and length in minutes.
func (s *Server) HandleMeetingMoveForm(r *http.Request, p *people.Principal, tid, mid string) (string, error) {
	var f fault.Fields
	start, err := time.ParseInLocation("2006-01-02T15:04", r.PostForm.Get("starts_at"), logbook.InOslo(time.Time{}).Location())
	if err != nil {
		f.Add("starts_at", fault.FieldFormat)
	}
	minutes := optInt(&f, r.PostForm, "minutes")
	if minutes == nil && f.Err() == nil {
		f.Add("minutes", fault.FieldRequired)
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	_, err = s.DB.MoveMeeting(r.Context(), p, tid, mid, start, *minutes)
	return "meeting_moved", err
}

// HandleSeriesForm adds a meeting series to team {id} (/team/{id}/serier): the
// first meeting's date and time in Europe/Oslo, every how many days, how long, and
// until when; then back to the team, or the form again with its messages.
func (s *Server) HandleSeriesForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := app.ParsePostForm(r); err != nil {
		return err
	}
	var f fault.Fields
	v := r.PostForm
	sr := team.Series{Place: v.Get("place"), Until: logbook.Date(strings.TrimSpace(v.Get("until")))}
	first, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(v.Get("first")), logbook.InOslo(time.Time{}).Location())
	if err != nil {
		f.Add("first", fault.FieldFormat)
	}
	sr.First = first
	for name, dst := range map[string]*int{"every_days": &sr.EveryDays, "minutes": &sr.Minutes} {
		if n := optInt(&f, v, name); n != nil {
			*dst = *n
		} else if _, bad := f[name]; !bad {
			f.Add(name, fault.FieldRequired)
		}
	}
	err = f.Err()
	if err == nil {
		_, err = s.DB.CreateSeries(r.Context(), p, r.PathValue("id"), &sr)
	}
	if err == nil {
		s.RedirectWithFlash(w, r, "/team/"+r.PathValue("id"), "series_created")
		return nil
	}
	status := formStatus(w, err)
	failed, err := formError("series", r, err)
	if err != nil {
		return err
	}
	return s.renderTeam(w, r, p, failed, status)
}
