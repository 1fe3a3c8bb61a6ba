package app

import (
	"net/http"

	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/web/ui/i18n"
)

// LangCookie remembers the language chosen by someone not signed in.
const LangCookie = "stafett_lang"

// Lang picks the request's language: the signed-in person's choice, else the
// language cookie, else the browser's wish, else bokmål.
func Lang(r *http.Request) i18n.Lang {
	if p := PrincipalFrom(r.Context()); p != nil {
		if l, ok := i18n.Parse(p.User.Language); ok {
			return l
		}
	}
	if c, err := r.Cookie(LangCookie); err == nil {
		if l, ok := i18n.Parse(c.Value); ok {
			return l
		}
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// EventNames looks up the names the events of log view v refer to, among the people
// and units the reader of v may see anyway: the holder, participants, guardians,
// the entries' authors, the people the store found for the events (v.EventUsers:
// authors of other entries, people unlinked from the log), the holder unit and the
// units the consents cover.
func EventNames(v *store.LogView) i18n.Names {
	users := map[string]string{v.Log.HolderID: v.HolderName}
	units := map[string]string{v.Log.HolderUnitID: v.UnitName}
	for _, p := range v.Participants {
		users[p.UserID] = p.Name
		if p.UnitName != "" {
			units[p.UnitID] = p.UnitName
		}
	}
	for _, g := range v.Guardians {
		users[g.UserID] = g.Name
	}
	for _, e := range v.Entries {
		users[e.AuthorID] = e.AuthorName
	}
	for id, n := range v.EventUsers {
		if _, known := users[id]; !known {
			users[id] = n
		}
	}
	for id, n := range v.UnitNames {
		units[id] = n
	}
	return i18n.Names{User: func(id string) string { return users[id] }, Unit: func(id string) string { return units[id] }}
}

// EntryText is what an entry says in l's language: for a system entry the sentence
// of its event followed by what the person typed with it, for any other entry its text.
func EntryText(l *i18n.Localizer, e *logbook.Entry, names i18n.Names) string {
	if e.Event == nil {
		return e.Text
	}
	s := l.Event(*e.Event, names)
	if e.Text != "" {
		s += " " + e.Text
	}
	return s
}
