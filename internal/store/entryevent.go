package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"stafett/internal/logbook"
)

// eventBatch is how many old system entries readEvents reads back per transaction.
const eventBatch = 500

// legacyKinds are the system kinds that existed before entries recorded events
// (migration 0013 and its partial index name them): only these can be stored
// without one. Kinds added later are always written with their event.
var legacyKinds = []logbook.Kind{logbook.KindLevelChange, logbook.KindConsent, logbook.KindParticipant, logbook.KindTransfer,
	logbook.KindClosure, logbook.KindUndringDecision, logbook.KindStepDone}

// legacyEntry is a system entry stored without an event, as readEvents reads it.
type legacyEntry struct {
	id, logID, authorID string
	kind                logbook.Kind
	text                string
	createdAt           time.Time
}

// readEvents turns the system entries stored without an event back into events:
// all of them when migration 0013 has just added the column, and afterwards only
// the ones a server of an older version wrote, found through a partial index (none
// at all on most starts). Those entries hold a bokmål sentence that Stafett wrote
// (legacyEvent reads it); the ids the sentence did not name are found beside the
// entry in the same log where the write that made it left them at the same instant
// (legacyRefs). What a person typed stays the entry's text. Each batch is its own
// short transaction, so a national database is not locked while it runs.
func (db *DB) readEvents(ctx context.Context) error {
	var kinds []string
	for _, k := range legacyKinds {
		kinds = append(kinds, "'"+string(k)+"'")
	}
	// The kinds are constants, spelled out as the partial index of 0013 spells them
	// so that the planner can use it.
	q := `SELECT id, log_id, author_id, kind, text, created_at FROM entries
		WHERE event = '' AND kind IN (` + strings.Join(kinds, ", ") + `) ORDER BY id LIMIT ?`
	for {
		var n int
		err := db.update(ctx, func(tx *tx) error {
			rows, err := queryAll(ctx, tx, func(s scanner, e *legacyEntry) error {
				return s.Scan(&e.id, &e.logID, &e.authorID, &e.kind, &e.text, timeCol{&e.createdAt})
			}, q, eventBatch)
			if err != nil {
				return err
			}
			for _, e := range rows {
				ev, text := legacyEvent(e.kind, e.text)
				if err := legacyRefs(ctx, tx, e, &ev); err != nil {
					return err
				}
				event, err := eventJSON(&ev)
				if err != nil {
					return err
				}
				if _, err := tx.exec(ctx, `UPDATE entries SET event = ?, text = ? WHERE id = ?`, event, text, e.id); err != nil {
					return err
				}
			}
			n = len(rows)
			return nil
		})
		if err != nil {
			return err
		}
		if n < eventBatch {
			return nil
		}
	}
}

// undringTexts are the sentences older servers wrote for an undring decision.
var undringTexts = []struct {
	text    string
	outcome logbook.UndringOutcome
}{
	{"Undringen er avsluttet", logbook.UndringClosed},
	{"Undringen er gjort om til en stafettlogg på nivå 1", logbook.UndringActivated},
	{"Bekymringsmelding er sendt til barnevernet", logbook.UndringChildWelfareReport},
}

// legacyEvent reads the bokmål sentence an older server wrote into a system entry
// of kind k back into its event, and returns the part of text a person typed (a
// reason, a note), which stays the entry's text. A text that is not one of those
// sentences gives an EventLegacy and is kept whole.
func legacyEvent(k logbook.Kind, text string) (logbook.Event, string) {
	legacy := logbook.Event{Kind: logbook.EventLegacy}
	switch k {
	case logbook.KindLevelChange:
		// "Nivå 1 → 2: reason"
		rest, ok := strings.CutPrefix(text, "Nivå ")
		if !ok {
			return legacy, text
		}
		levels, reason, _ := strings.Cut(rest, ": ")
		from, to, ok := strings.Cut(levels, " → ")
		f, err1 := strconv.Atoi(from)
		t, err2 := strconv.Atoi(to)
		if !ok || err1 != nil || err2 != nil {
			return legacy, text
		}
		return logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: logbook.Level(f), ToLevel: logbook.Level(t)}, reason
	case logbook.KindUndringDecision:
		for _, u := range undringTexts {
			if rest, ok := strings.CutPrefix(text, u.text); ok && (rest == "" || strings.HasPrefix(rest, ": ")) {
				return logbook.Event{Kind: logbook.EventUndringDecided, Outcome: u.outcome}, strings.TrimPrefix(rest, ": ")
			}
		}
	case logbook.KindClosure:
		// "Stafettloggen er avsluttet (goal_reached): text"
		rest, ok := strings.CutPrefix(text, "Stafettloggen er avsluttet (")
		reason, typed, ok2 := strings.Cut(rest, ")")
		if ok && ok2 && (typed == "" || strings.HasPrefix(typed, ": ")) {
			return logbook.Event{Kind: logbook.EventLogClosed, Reason: logbook.ClosureReason(reason)}, strings.TrimPrefix(typed, ": ")
		}
	case logbook.KindStepDone:
		// "Steg utført: title", then "\n\n" and the note if there was one
		rest, ok := strings.CutPrefix(text, "Steg utført: ")
		if !ok {
			return legacy, text
		}
		title, note, _ := strings.Cut(rest, "\n\n")
		return logbook.Event{Kind: logbook.EventStepDone, StepTitle: title}, note
	}
	fixed := map[string]logbook.EventKind{
		"Aktør lagt til":                       logbook.EventParticipantAdded,
		"Aktør fjernet":                        logbook.EventParticipantRemoved,
		"Overføring foreslått":                 logbook.EventTransferProposed,
		"Overføring godtatt: ny stafettholder": logbook.EventTransferAccepted,
		"Overføring avslått":                   logbook.EventTransferDeclined,
		"Samtykke registrert fra papir":        logbook.EventConsentRegistered,
		"Samtykke gitt digitalt":               logbook.EventConsentGiven,
		"Samtykke trukket tilbake":             logbook.EventConsentWithdrawn,
	}
	if ek, ok := fixed[text]; ok {
		if got, _ := ek.EntryKind(); got == k {
			return logbook.Event{Kind: ek}, ""
		}
	}
	return legacy, text
}

// legacyRefs fills in the ids that an old entry's sentence did not name, from the
// rows the same write left in the same log at the entry's instant (one transaction
// has one now): the participant added, the transfer proposed or answered, the
// consent given or withdrawn, the step ticked. The one who answered a transfer is
// the entry's author. What cannot be found stays empty (a removed participant
// leaves no row behind).
func legacyRefs(ctx context.Context, tx *tx, e legacyEntry, ev *logbook.Event) error {
	var err error
	switch ev.Kind {
	case logbook.EventParticipantAdded:
		err = tx.queryRow(ctx, `SELECT user_id, unit_id, access FROM log_participants WHERE log_id = ? AND added_at = ?
			ORDER BY user_id LIMIT 1`, e.logID, e.createdAt).Scan(&ev.UserID, &ev.UnitID, &ev.Access)
	case logbook.EventTransferProposed:
		err = tx.queryRow(ctx, `SELECT id, to_user_id, to_unit_id FROM transfers WHERE log_id = ? AND proposed_at = ?
			ORDER BY id LIMIT 1`, e.logID, e.createdAt).Scan(&ev.TransferID, &ev.UserID, &ev.UnitID)
	case logbook.EventTransferAccepted, logbook.EventTransferDeclined:
		ev.UserID = e.authorID
		err = tx.queryRow(ctx, `SELECT id, to_unit_id FROM transfers WHERE log_id = ? AND answered_at = ? AND to_user_id = ?
			ORDER BY id LIMIT 1`, e.logID, e.createdAt, e.authorID).Scan(&ev.TransferID, &ev.UnitID)
		if ev.Kind == logbook.EventTransferDeclined {
			ev.UnitID = "" // a declined transfer names only who declined
		}
	case logbook.EventConsentRegistered, logbook.EventConsentGiven:
		if err = tx.queryRow(ctx, `SELECT id FROM consents WHERE log_id = ? AND given_at = ? ORDER BY id LIMIT 1`,
			e.logID, e.createdAt).Scan(&ev.ConsentID); err == nil {
			ev.UnitIDs, err = queryAll(ctx, tx, func(s scanner, u *string) error { return s.Scan(u) },
				`SELECT unit_id FROM consent_units WHERE consent_id = ? ORDER BY unit_id`, ev.ConsentID)
		}
	case logbook.EventConsentWithdrawn:
		err = tx.queryRow(ctx, `SELECT id FROM consents WHERE log_id = ? AND withdrawn_at = ? ORDER BY id LIMIT 1`,
			e.logID, e.createdAt).Scan(&ev.ConsentID)
	case logbook.EventStepDone:
		err = tx.queryRow(ctx, `SELECT step_id FROM log_steps WHERE entry_id = ?`, e.id).Scan(&ev.StepID)
	}
	if isNoRows(err) {
		return nil
	}
	return err
}
