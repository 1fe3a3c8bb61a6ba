package api

import (
	"net/http"
	"strconv"

	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// HandleEntryList pages a log's entries older than the cursor before (newest
// first from there, each page oldest first as in the log): limit of them, at most
// store.EntryPageMax. Each page is an audited read of the log.
func (s *Server) HandleEntryList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	q := r.URL.Query()
	limit := store.EntryPageDefault
	if q.Has("limit") {
		n, err := strconv.Atoi(q.Get("limit"))
		if err != nil || n < 1 || n > store.EntryPageMax {
			return fault.Validation("limit", fault.FieldRange)
		}
		limit = n
	}
	var before *store.EntryCursor
	if q.Has("before") {
		c, err := store.ParseEntryCursor("before", q.Get("before"))
		if err != nil {
			return err
		}
		before = &c
	}
	id := r.PathValue("id")
	v, err := s.DB.ListEntries(r.Context(), app.ActorOf(p), id, before, limit)
	if err != nil {
		return err
	}
	out := struct {
		Entries      []entryJSON `json:"entries"`
		EntriesTotal int         `json:"entries_total"`
		EntriesNext  *string     `json:"entries_next,omitempty"`
	}{Entries: newEntriesJSON(v, app.EventNames(v), s.Texts.Localizer(app.Lang(r))), EntriesTotal: v.EntriesTotal}
	if v.EntriesNext != nil {
		next := entriesPath(id, v.EntriesNext, limit)
		out.EntriesNext = &next
	}
	app.WriteJSON(w, http.StatusOK, out)
	return nil
}
