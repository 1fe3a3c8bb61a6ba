package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/notify"
)

const entryCols = `id, log_id, kind, author_id, author_role, created_at, text, version, COALESCE(amends, ''), goal,
	COALESCE(responsible_user_id, ''), start_date, evaluate_by, catalog_service_id, COALESCE(measure_id, ''), outcome,
	held_at, attendees, decisions, event`

func scanEntry(s scanner, e *logbook.Entry) error {
	var attendees, event string
	var held *time.Time
	err := s.Scan(&e.ID, &e.LogID, &e.Kind, &e.AuthorID, &e.AuthorRole, timeCol{&e.CreatedAt}, &e.Text, &e.Version,
		&e.Amends, &e.Goal, &e.ResponsibleUserID, &e.StartDate, &e.EvaluateBy, &e.CatalogServiceID, &e.MeasureID,
		&e.Outcome, nullTimeCol{&held}, &attendees, &e.Decisions, &event)
	if err != nil {
		return err
	}
	if held != nil {
		e.HeldAt = *held
	}
	if attendees != "" {
		if err := json.Unmarshal([]byte(attendees), &e.Attendees); err != nil {
			return fmt.Errorf("entry %s attendees: %w", e.ID, err)
		}
	}
	if event != "" {
		e.Event = new(logbook.Event)
		if err := json.Unmarshal([]byte(event), e.Event); err != nil {
			return fmt.Errorf("entry %s event: %w", e.ID, err)
		}
	}
	return nil
}

// eventJSON is how an entry's event is stored: JSON, or empty for entries people
// write.
func eventJSON(ev *logbook.Event) (string, error) {
	if ev == nil {
		return "", nil
	}
	b, err := json.Marshal(ev)
	return string(b), err
}

func listEntries(ctx context.Context, tx *tx, logID string) ([]logbook.Entry, error) {
	return queryAll(ctx, tx, scanEntry, `SELECT `+entryCols+` FROM entries WHERE log_id = ? ORDER BY created_at, version, id`, logID)
}

func insertEntry(ctx context.Context, tx *tx, e *logbook.Entry) error {
	e.ID = newID()
	var attendees string
	if len(e.Attendees) > 0 {
		b, err := json.Marshal(e.Attendees)
		if err != nil {
			return err
		}
		attendees = string(b)
	}
	var held *time.Time
	if !e.HeldAt.IsZero() {
		held = &e.HeldAt
	}
	event, err := eventJSON(e.Event)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO entries (id, log_id, kind, author_id, author_role, created_at, text, version, amends,
		goal, responsible_user_id, start_date, evaluate_by, catalog_service_id, measure_id, outcome, held_at, attendees, decisions,
		event, origin_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT origin_id FROM entries WHERE id = ?), ?))`,
		e.ID, e.LogID, e.Kind, e.AuthorID, e.AuthorRole, e.CreatedAt, e.Text, e.Version, nullString(e.Amends),
		e.Goal, nullString(e.ResponsibleUserID), e.StartDate, e.EvaluateBy, e.CatalogServiceID, nullString(e.MeasureID),
		e.Outcome, held, attendees, e.Decisions, event, e.Amends, e.ID)
	if isUnique(err) {
		return fault.New(fault.Conflict, "this version has already been corrected; correct the newest version")
	}
	if err != nil {
		return err
	}
	return noteEvaluation(ctx, tx, e)
}

// addSystemEntry writes the entry Stafett keeps for event ev in the log, by the
// actor; text is only what the actor typed with it (see logbook.SystemEntry). It
// returns the entry's id.
func addSystemEntry(ctx context.Context, tx *tx, lc *logCtx, ev logbook.Event, text string) (string, error) {
	e := logbook.SystemEntry(lc.log.ID, lc.author(), ev, text, tx.now)
	err := insertEntry(ctx, tx, &e)
	return e.ID, err
}

// checkEntryRefs checks the ids an entry names: the responsible person must be able
// to see the log, an evaluation must name a measure of the same log, and a measure
// from the service overview a service of the log's municipality.
func checkEntryRefs(ctx context.Context, tx *tx, lc *logCtx, e *logbook.Entry) error {
	if e.ResponsibleUserID != "" {
		rc, err := loadLog(ctx, tx, lc.log.ID, actorByID(ctx, tx, e.ResponsibleUserID))
		if err != nil || rc.authorize(access.ActionRead) != nil {
			return fault.Validation("responsible_user_id", fault.FieldNotAllow)
		}
	}
	if e.MeasureID != "" {
		var kind string
		err := tx.queryRow(ctx, `SELECT kind FROM entries WHERE id = ? AND log_id = ?`, e.MeasureID, lc.log.ID).Scan(&kind)
		if err != nil || kind != string(logbook.KindMeasure) {
			return fault.Validation("measure_id", fault.FieldNotFound)
		}
	}
	return checkServiceRef(ctx, tx, lc.log.MunicipalityID, e)
}

// actorByID loads a user's roles for a policy check on their behalf; an unknown user
// is an actor with no relationships.
func actorByID(ctx context.Context, tx *tx, uid string) access.Actor {
	roles, _ := listRoles(ctx, tx, uid)
	return access.Actor{UserID: uid, Roles: roles}
}

// AddEntry adds an entry of a user kind to log id.
func (db *DB) AddEntry(ctx context.Context, a access.Actor, id string, in logbook.NewEntry) (*logbook.Entry, error) {
	var e logbook.Entry
	err := db.update(ctx, func(tx *tx) error {
		lc, err := loadLog(ctx, tx, id, a)
		if err != nil {
			return err
		}
		action, ok := access.ActionForEntryKind(string(in.Kind))
		if !ok {
			if err := lc.authorize(access.ActionRead); err != nil {
				return err
			}
			return in.Validate()
		}
		if err := lc.authorize(action); err != nil {
			return err
		}
		if e, err = in.Build(id, lc.author(), tx.now); err != nil {
			return err
		}
		if err := checkEntryRefs(ctx, tx, lc, &e); err != nil {
			return err
		}
		if err := insertEntry(ctx, tx, &e); err != nil {
			return err
		}
		if e.AuthorRole == logbook.AuthorGuardian || e.AuthorRole == logbook.AuthorYouth {
			if err := addNotice(ctx, tx, notify.Notice{Kind: notify.GuardianEntry, UserID: lc.log.HolderID, ObjectID: e.ID,
				Due: logbook.DateOf(tx.now), LogID: id, UnitID: lc.log.HolderUnitID}); err != nil {
				return err
			}
			if err := tellParticipants(ctx, tx, lc, e.ID); err != nil {
				return err
			}
		}
		return lc.record(ctx, tx, audit.AddEntry, string(e.Kind)+" "+e.ID)
	})
	return &e, err
}

// AmendEntry adds a new version of entry eid in log id; the old version stays.
func (db *DB) AmendEntry(ctx context.Context, a access.Actor, id, eid string, in logbook.NewEntry) (*logbook.Entry, error) {
	var e logbook.Entry
	err := db.update(ctx, func(tx *tx) error {
		lc, err := loadLog(ctx, tx, id, a)
		if err != nil {
			return err
		}
		if err := lc.authorize(access.ActionRead); err != nil {
			return err
		}
		var old logbook.Entry
		if err := scanEntry(tx.queryRow(ctx, `SELECT `+entryCols+` FROM entries WHERE id = ? AND log_id = ?`, eid, id), &old); err != nil {
			return notFound(err, "entry")
		}
		if action, ok := access.ActionForEntryKind(string(old.Kind)); ok {
			if err := lc.authorize(action); err != nil {
				return err
			}
		}
		if e, err = logbook.Amend(old, in, lc.author(), tx.now); err != nil {
			return err
		}
		if err := checkEntryRefs(ctx, tx, lc, &e); err != nil {
			return err
		}
		if err := insertEntry(ctx, tx, &e); err != nil {
			return err
		}
		return lc.record(ctx, tx, audit.AmendEntry, string(e.Kind)+" "+e.ID+" amends "+eid)
	})
	return &e, err
}
