package api

import (
	"net/http"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// HandleEntryCreate adds an entry of one of the user kinds.
func (s *Server) HandleEntryCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewEntry
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	e, err := s.DB.AddEntry(r.Context(), app.ActorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, entryJSON{Entry: *e, Text: e.Text, Author: refJSON{ID: e.AuthorID, Name: p.User.Name}, FromFam: e.AuthorRole.IsFamily()})
	return nil
}

// HandleEntryAmend adds a corrected version of an entry; the old one stays.
func (s *Server) HandleEntryAmend(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	var in logbook.NewEntry
	if err := app.DecodeJSON(r, &in); err != nil {
		return err
	}
	e, err := s.DB.AmendEntry(r.Context(), app.ActorOf(p), r.PathValue("id"), r.PathValue("eid"), in)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, entryJSON{Entry: *e, Text: e.Text, Author: refJSON{ID: e.AuthorID, Name: p.User.Name},
		Amends: optional(e.Amends), FromFam: e.AuthorRole.IsFamily()})
	return nil
}
