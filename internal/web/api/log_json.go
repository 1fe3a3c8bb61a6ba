package api

import (
	"net/url"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/web/app"
	"stafett/internal/web/ui/i18n"
	"strconv"
	"time"
)

type refJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type participantJSON struct {
	UserID   string                    `json:"user_id"`
	Name     string                    `json:"name"`
	UnitID   string                    `json:"unit_id"`
	UnitName string                    `json:"unit_name"`
	Access   logbook.ParticipantAccess `json:"access"`
	Active   bool                      `json:"active"`
}

type guardianJSON struct {
	UserID                 string `json:"user_id"`
	Name                   string `json:"name"`
	ParentalResponsibility bool   `json:"parental_responsibility"`
	Suspended              bool   `json:"suspended"`
}

type consentJSON struct {
	ID            string                `json:"id"`
	GivenBy       string                `json:"given_by"`
	CoversUnitIDs []string              `json:"covers_unit_ids"`
	Source        logbook.ConsentSource `json:"source"`
	TextVersion   string                `json:"text_version"`
	GivenAt       time.Time             `json:"given_at"`
	ExpiresAt     *time.Time            `json:"expires_at"`
	WithdrawnAt   *time.Time            `json:"withdrawn_at"`
	Valid         bool                  `json:"valid"`
}

// newConsentJSON shapes a consent; given_by is the signer's name on paper, or the
// guardian's or youth's user ID for a digital consent.
func newConsentJSON(c *logbook.Consent, now time.Time) consentJSON {
	given := c.GivenByName
	if c.GivenByUserID != "" {
		given = c.GivenByUserID
	}
	return consentJSON{c.ID, given, c.CoversUnitIDs, c.Source, c.TextVersion, c.GivenAt, c.ExpiresAt, c.WithdrawnAt, c.ValidAt(now)}
}

type entryJSON struct {
	logbook.Entry
	// Text is what the entry says in the request's language: a system entry's
	// event as a sentence, then what was typed with it (app.EntryText).
	Text    string  `json:"text"`
	Author  refJSON `json:"author"`
	Amends  *string `json:"amends"`
	FromFam bool    `json:"from_guardian_or_youth"`
	// CatalogService is the service from the overview a measure names, if any.
	CatalogService *refJSON `json:"catalog_service,omitempty"`
}

// youthJSON is the young person linked to a log.
type youthJSON struct {
	UserID    string `json:"user_id"`
	Name      string `json:"name"`
	Suspended bool   `json:"suspended"`
}

type logJSON struct {
	ID              string                 `json:"id"`
	Status          logbook.Status         `json:"status"`
	Level           logbook.Level          `json:"level"`
	Child           logbook.Child          `json:"child"`
	MunicipalityID  string                 `json:"municipality_id"`
	Holder          refJSON                `json:"holder"`
	Unit            refJSON                `json:"unit"`
	CreatedAt       time.Time              `json:"created_at"`
	UndringDeadline *time.Time             `json:"undring_deadline,omitempty"`
	UndringOutcome  logbook.UndringOutcome `json:"undring_outcome,omitempty"`
	LevelEnteredAt  time.Time              `json:"level_entered_at"`
	ClosedAt        *time.Time             `json:"closed_at"`
	ClosureReason   logbook.ClosureReason  `json:"closure_reason,omitempty"`
	Participants    []participantJSON      `json:"participants"`
	Guardians       []guardianJSON         `json:"guardians"`
	Youth           *youthJSON             `json:"youth"`
	Consents        []consentJSON          `json:"consents"`
	Entries         []entryJSON            `json:"entries"`
	// EntriesTotal counts all the log's entries; EntriesNext, when Entries leaves
	// older ones out, is the path of the next older page.
	EntriesTotal    int               `json:"entries_total"`
	EntriesNext     *string           `json:"entries_next,omitempty"`
	PendingTransfer *logbook.Transfer `json:"pending_transfer"`
	// Steps is the action guide's checklist for the log's current level.
	Steps []stepJSON `json:"steps"`
}

// newLogJSON shapes a log for its reader. The store leaves suspended guardians out of
// what family see, so a suspension shows only to staff.
func newLogJSON(v *store.LogView, now time.Time, loc *i18n.Localizer) logJSON {
	names := app.EventNames(v)
	l := v.Log
	out := logJSON{
		ID: l.ID, Status: l.Status, Level: l.Level, Child: l.Child, MunicipalityID: l.MunicipalityID,
		Holder: refJSON{l.HolderID, v.HolderName}, Unit: refJSON{l.HolderUnitID, v.UnitName},
		CreatedAt: l.CreatedAt, UndringOutcome: l.UndringOutcome, LevelEnteredAt: l.LevelEnteredAt,
		ClosedAt: l.ClosedAt, ClosureReason: l.ClosureReason, PendingTransfer: v.Pending,
		Participants: []participantJSON{}, Guardians: []guardianJSON{}, Consents: []consentJSON{}, Entries: []entryJSON{},
		Steps: newStepsJSON(v.Guide),
	}
	if l.Status == logbook.StatusUndring {
		d := l.UndringDeadline
		out.UndringDeadline = &d
	}
	for _, p := range v.Participants {
		out.Participants = append(out.Participants, participantJSON{p.UserID, p.Name, p.UnitID, p.UnitName, p.Access, p.Active})
	}
	for _, g := range v.Guardians {
		out.Guardians = append(out.Guardians, guardianJSON{g.UserID, g.Name, g.ParentalResponsibility, g.SuspendedAt != nil})
	}
	if y := v.Youth; y != nil {
		out.Youth = &youthJSON{y.UserID, y.Name, y.Suspended}
	}
	for _, c := range v.Consents {
		out.Consents = append(out.Consents, newConsentJSON(&c, now))
	}
	out.Entries, out.EntriesTotal = newEntriesJSON(v, names, loc), v.EntriesTotal
	if v.EntriesNext != nil {
		next := entriesPath(l.ID, v.EntriesNext, 0)
		out.EntriesNext = &next
	}
	return out
}

// newEntriesJSON shapes the entries of v, oldest first, with names as the events
// name people and units.
func newEntriesJSON(v *store.LogView, names i18n.Names, loc *i18n.Localizer) []entryJSON {
	out := make([]entryJSON, 0, len(v.Entries))
	for _, e := range v.Entries {
		ej := entryJSON{Entry: e.Entry, Text: app.EntryText(loc, &e.Entry, names), Author: refJSON{e.AuthorID, e.AuthorName},
			Amends: optional(e.Amends), FromFam: e.AuthorRole.IsFamily()}
		if e.CatalogServiceID != "" {
			ej.CatalogService = &refJSON{e.CatalogServiceID, e.ServiceName}
		}
		out = append(out, ej)
	}
	return out
}

// entriesPath is the path of the page of log id's entries before cursor c, with
// limit when it is not the default (0 for the default).
func entriesPath(id string, c *store.EntryCursor, limit int) string {
	p := "/api/v1/logs/" + url.PathEscape(id) + "/entries?before=" + url.QueryEscape(c.String())
	if limit != 0 && limit != store.EntryPageDefault {
		p += "&limit=" + strconv.Itoa(limit)
	}
	return p
}

type logSummaryJSON struct {
	ID              string         `json:"id"`
	Child           logbook.Child  `json:"child"`
	Level           logbook.Level  `json:"level"`
	Status          logbook.Status `json:"status"`
	Holder          refJSON        `json:"holder"`
	Unit            refJSON        `json:"unit"`
	CreatedAt       time.Time      `json:"created_at"`
	UndringDeadline *time.Time     `json:"undring_deadline,omitempty"`
}

func newLogSummaryJSON(s store.LogSummary) logSummaryJSON {
	out := logSummaryJSON{ID: s.Log.ID, Child: s.Log.Child, Level: s.Log.Level, Status: s.Log.Status,
		Holder: refJSON{s.Log.HolderID, s.HolderName}, Unit: refJSON{s.Log.HolderUnitID, s.UnitName}, CreatedAt: s.Log.CreatedAt}
	if s.Log.Status == logbook.StatusUndring {
		d := s.Log.UndringDeadline
		out.UndringDeadline = &d
	}
	return out
}

type accessEventJSON struct {
	At     time.Time `json:"at"`
	Actor  refJSON   `json:"actor"`
	Role   string    `json:"role"`
	Unit   string    `json:"unit"`
	Action string    `json:"action"`
}

func newAccessJSON(events []store.AccessEvent) []accessEventJSON {
	out := make([]accessEventJSON, 0, len(events))
	for _, e := range events {
		out = append(out, accessEventJSON{At: e.At, Actor: refJSON{e.ActorID, e.ActorName}, Role: e.Role, Unit: e.UnitName, Action: string(e.Action)})
	}
	return out
}
