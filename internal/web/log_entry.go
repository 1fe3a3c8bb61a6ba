package web

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/store"
)

// handleEntryCreate adds an entry of one of the user kinds.
func (s *Server) handleEntryCreate(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewEntry
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	e, err := s.db.AddEntry(r.Context(), actorOf(p), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, entryJSON{Entry: *e, Author: refJSON{ID: e.AuthorID, Name: p.User.Name}, FromFam: e.AuthorRole.IsFamily()})
	return nil
}

// handleEntryAmend adds a corrected version of an entry; the old one stays.
func (s *Server) handleEntryAmend(w http.ResponseWriter, r *http.Request, p *store.Principal) error {
	var in logbook.NewEntry
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	e, err := s.db.AmendEntry(r.Context(), actorOf(p), r.PathValue("id"), r.PathValue("eid"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, entryJSON{Entry: *e, Author: refJSON{ID: e.AuthorID, Name: p.User.Name},
		Amends: optional(e.Amends), FromFam: e.AuthorRole.IsFamily()})
	return nil
}
