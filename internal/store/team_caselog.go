package store

import (
	"context"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
	"stafett/internal/people"
)

// CaseToLog opens an undring from anonymous case cid of team tid, done by the one who
// brought the case, in unit in.UnitID, for the child in.Child: the case's question is
// its concern (the first entry) and each piece of advice given on the case follows as
// a note. The case then links to the log, shown to that person only. A case that
// already became a log, or a named case, is a conflict.
func (db *DB) CaseToLog(ctx context.Context, p *people.Principal, tid, cid string, in logbook.NewLog) (*logbook.Log, error) {
	if err := signedIn(p); err != nil {
		return nil, err
	}
	var l *logbook.Log
	err := db.update(ctx, func(tx *tx) error {
		v, err := teamFor(ctx, tx, p, tid, access.CanWorkCases)
		if err != nil {
			return err
		}
		c, err := getCase(ctx, tx, p, v, cid)
		if err != nil {
			return err
		}
		if c.BroughtBy != p.User.ID {
			return fault.New(fault.Forbidden, "only the one who brought the case makes a log of it")
		}
		if !c.Anonymous || c.CreatedLogID != "" {
			return fault.New(fault.Conflict, "the case is already linked to a log")
		}
		in.Concern = c.Question
		if c.Theme != "" {
			in.Concern = c.Theme + "\n\n" + c.Question
		}
		var lc *logCtx
		if l, lc, err = createLog(ctx, tx, actorOf(p), in, 0); err != nil {
			return err
		}
		advice, err := listAdvice(ctx, tx, cid)
		if err != nil {
			return err
		}
		for i, a := range advice {
			// A microsecond apart, so the entries keep their order after the concern.
			at := tx.now.Add(time.Duration(i+1) * time.Microsecond)
			e, err := logbook.NewEntry{Kind: logbook.KindNote, Text: a.Text}.Build(l.ID, lc.author(), at)
			if err != nil {
				return err
			}
			if err := insertEntry(ctx, tx, &e); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE team_cases SET created_log_id = ? WHERE id = ?`, l.ID, cid); err != nil {
			return err
		}
		return recordTeam(ctx, tx, p, v, audit.CaseToLog, cid)
	})
	return l, err
}
