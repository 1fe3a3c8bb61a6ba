package store

import (
	"context"

	"stafett/internal/logbook"
	"stafett/internal/notify"
)

// tellParticipants makes an entry_added notice, in the entry's own transaction, for
// each participant of lc's log who may read it now: when a guardian or the youth
// writes, the holder is told by guardian_entry and the other professionals on the log
// by entry_added. A participant who was removed, or whose unit no valid consent
// covers any more, is not told. The notice names the unit only, never the text.
func tellParticipants(ctx context.Context, tx *tx, lc *logCtx, entryID string) error {
	uids, err := queryAll(ctx, tx, func(s scanner, uid *string) error { return s.Scan(uid) },
		`SELECT user_id FROM log_participants WHERE log_id = ? AND user_id <> ? ORDER BY user_id`,
		lc.log.ID, lc.log.HolderID)
	if err != nil {
		return err
	}
	for _, uid := range uids {
		ok, err := reachable(ctx, tx, &noticeRow{Item: notify.Item{Kind: notify.EntryAdded, LogID: lc.log.ID}, UserID: uid})
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := addNotice(ctx, tx, notify.Notice{Kind: notify.EntryAdded, UserID: uid, ObjectID: entryID,
			Due: logbook.DateOf(tx.now), LogID: lc.log.ID, UnitID: lc.log.HolderUnitID}); err != nil {
			return err
		}
	}
	return nil
}
