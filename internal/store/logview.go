package store

import (
	"context"
	"slices"
	"strings"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/logbook"
)

// LogView is a whole log as one reader sees it, with names resolved.
type LogView struct {
	Log          logbook.Log
	Relation     access.Relation
	HolderName   string
	HolderEmail  string
	UnitName     string
	Participants []ParticipantView
	Guardians    []GuardianView
	// Youth is the young person linked to the log, nil for none.
	Youth    *YouthView
	Consents []logbook.Consent
	// UnitNames names the units the consents cover, by ID.
	UnitNames map[string]string
	// Entries are the log's entries, oldest first: all of them (GetLog, ExportLog)
	// or the newest page (GetLogPage).
	Entries []EntryView
	// EntriesTotal counts all the log's entries; EntriesNext, when Entries leaves
	// older ones out, is where the next older page begins.
	EntriesTotal int
	EntriesNext  *EntryCursor
	// EventUsers names the people the entries' events name who are not otherwise
	// in the view: an author of any entry in the log, or someone unlinked from it.
	EventUsers map[string]string
	Pending    *logbook.Transfer
	Now        logbook.Date
	// Guide is the municipality's action guide at the log's level, with the steps as
	// the log's checklist.
	Guide *LogGuide
}

// EntryView is an entry with its author's name.
type EntryView struct {
	logbook.Entry
	AuthorName string
	// ServiceName is the name of the catalog service a measure names, if any.
	ServiceName string
}

// GetLog returns log id for actor a, counts the read as a visit, and records it in
// the audit before returning (readLogAudited: the record is durable first).
func (db *DB) GetLog(ctx context.Context, a access.Actor, id string) (*LogView, error) {
	var v LogView
	err := db.readLogAudited(ctx, a, id, access.ActionRead, audit.ReadLog, true, func(tx *tx, lc *logCtx) (string, error) {
		return "", fillLogView(ctx, tx, lc, &v, nil)
	})
	return &v, err
}

// GetLogPage is GetLog with only the newest limit entries (EntriesNext says where
// the older ones go on; ListEntries pages them).
func (db *DB) GetLogPage(ctx context.Context, a access.Actor, id string, limit int) (*LogView, error) {
	var v LogView
	err := db.readLogAudited(ctx, a, id, access.ActionRead, audit.ReadLog, true, func(tx *tx, lc *logCtx) (string, error) {
		return "", fillLogView(ctx, tx, lc, &v, &entryWindow{limit: limit})
	})
	return &v, err
}

// entryWindow is the part of a log's timeline a view shows: the newest limit
// entries before cursor before (nil: from the newest).
type entryWindow struct {
	before *EntryCursor
	limit  int
}

// fillLogView fills v with log lc, with all its entries (w nil) or those in w.
func fillLogView(ctx context.Context, tx *tx, lc *logCtx, v *LogView, w *entryWindow) error {
	v.Log, v.Relation, v.Consents, v.Pending, v.Now = lc.log, lc.rel, lc.consents, lc.pending, logbook.DateOf(tx.now)
	v.HolderName, v.HolderEmail, v.UnitName = lc.holderName, lc.holderEmail, lc.unitName
	var err error
	if v.Participants, err = listParticipants(ctx, tx, lc); err != nil {
		return err
	}
	v.UnitNames = map[string]string{}
	rows, err := tx.query(ctx, `SELECT DISTINCT n.id, n.name FROM consents c JOIN consent_units cu ON cu.consent_id = c.id
		JOIN units n ON n.id = cu.unit_id WHERE c.log_id = ?`, lc.log.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		v.UnitNames[id] = name
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if v.Guardians, err = listGuardians(ctx, tx, lc.log.ID); err != nil {
		return err
	}
	if !lc.rel.Staff() {
		// Family are not shown that a guardian is suspended, nor who.
		v.Guardians = slices.DeleteFunc(v.Guardians, func(g GuardianView) bool { return g.SuspendedAt != nil })
	}
	if v.Youth, err = youthOf(ctx, tx, &lc.log); err != nil {
		return err
	}
	if v.Youth != nil && v.Youth.Suspended && !lc.rel.Staff() {
		v.Youth = nil // as for guardians: family are not shown a suspension
	}
	if v.Guide, err = logGuide(ctx, tx, &lc.log); err != nil {
		return err
	}
	if w == nil {
		v.Entries, err = queryAll(ctx, tx, func(s scanner, e *EntryView) error {
			return scanEntryWithName(s, e)
		}, `SELECT `+prefixed("e.", entryCols)+`, u.name FROM entries e JOIN users u ON u.id = e.author_id
			WHERE e.log_id = ? ORDER BY e.created_at, e.version, e.id`, lc.log.ID)
		v.EntriesTotal = len(v.Entries)
	} else {
		var p *EntryPage
		if p, err = entryPage(ctx, tx, lc, w.before, w.limit); err == nil {
			v.Entries, v.EntriesTotal, v.EntriesNext = p.Entries, p.Total, p.Next
		}
	}
	if err != nil {
		return err
	}
	if v.EventUsers, err = eventUsers(ctx, tx, lc.log.ID, v.Entries); err != nil {
		return err
	}
	return serviceNames(ctx, tx, lc.log.MunicipalityID, lc.log.ID, v.Entries)
}

// eventUsers looks up the names of the people the events of entries name who wrote
// an entry of log id, or whose link to it was ended: the names a reader of the whole
// log could see, whatever page of it is shown.
func eventUsers(ctx context.Context, tx *tx, id string, entries []EntryView) (map[string]string, error) {
	out := map[string]string{}
	var ids []any
	for _, e := range entries {
		if e.Event != nil && e.Event.UserID != "" {
			if _, seen := out[e.Event.UserID]; !seen {
				out[e.Event.UserID] = ""
				ids = append(ids, e.Event.UserID)
			}
		}
	}
	clear(out)
	if len(ids) == 0 {
		return out, nil
	}
	type pair struct{ id, name string }
	rows, err := queryAll(ctx, tx, func(s scanner, p *pair) error { return s.Scan(&p.id, &p.name) },
		`SELECT u.id, u.name FROM users u WHERE u.id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)
		AND (EXISTS (SELECT 1 FROM entries e WHERE e.log_id = ? AND e.author_id = u.id)
			OR EXISTS (SELECT 1 FROM log_unlinks x WHERE x.log_id = ? AND x.user_id = u.id))`, append(ids, id, id)...)
	for _, p := range rows {
		out[p.id] = p.name
	}
	return out, err
}

// LogSummary is one line in a list of logs.
type LogSummary struct {
	Log        logbook.Log
	HolderName string
	UnitName   string
}

// consentCovers, followed by a unit's column and ")", is SQL that holds when a valid
// consent of the log covers that unit, as logbook.CoveredUnits decides. The query
// must name the logs table l. Its arguments are now, now.
const consentCovers = `EXISTS (SELECT 1 FROM consents c JOIN consent_units cu ON cu.consent_id = c.id
	WHERE c.log_id = l.id AND c.given_at <= ? AND (c.expires_at IS NULL OR c.expires_at > ?)
	AND c.withdrawn_at IS NULL AND cu.unit_id = `

// visibleLogs is the SQL form of the access policy's read rule, so lists filter in
// the database: holder; leader of the holder unit (or, for an undring, of the unit
// it was opened in); the undring's author; and — once the log has left level 0 — a
// participant whose unit is covered by valid consent (and whose read_until, the
// end of an old holder's read access after a move, has not passed), a guardian with parental
// responsibility who is not suspended, and the youth unless suspended. Take its
// arguments from visibleArgs.
//
// The rule is an OR that no index serves, so it is checked only on the logs the actor
// has any tie to at all, found through indexes first: at national scale that is a few
// dozen logs instead of every log in the country.
const visibleLogs = `(l.id IN (
	SELECT id FROM logs WHERE holder_id = ?
	UNION SELECT id FROM logs WHERE created_by = ?
	UNION SELECT g.id FROM roles r JOIN logs g ON g.holder_unit_id = r.unit_id WHERE r.user_id = ? AND r.role = 'unit_leader'
	UNION SELECT g.id FROM roles r JOIN logs g ON g.created_unit_id = r.unit_id WHERE r.user_id = ? AND r.role = 'unit_leader'
	UNION SELECT log_id FROM log_participants WHERE user_id = ?
	UNION SELECT log_id FROM log_guardians WHERE user_id = ?
	UNION SELECT id FROM logs WHERE youth_user_id = ?
) AND (
	l.holder_id = ?
	OR (l.level > 0 AND l.holder_unit_id IN (SELECT unit_id FROM roles WHERE user_id = ? AND role = 'unit_leader'))
	OR (l.level = 0 AND (l.created_by = ? OR l.created_unit_id IN (SELECT unit_id FROM roles WHERE user_id = ? AND role = 'unit_leader')))
	OR (l.level > 0 AND EXISTS (SELECT 1 FROM log_participants p WHERE p.log_id = l.id AND p.user_id = ?
		AND (p.read_until IS NULL OR p.read_until > ?) AND ` + consentCovers + `p.unit_id)))
	OR (l.level > 0 AND (EXISTS (SELECT 1 FROM log_guardians g WHERE g.log_id = l.id AND g.user_id = ?
		AND g.parental_responsibility) OR l.youth_user_id = ?)
		-- as access.Decide: a suspension in either link hides the log from the family member
		AND NOT EXISTS (SELECT 1 FROM log_guardians gs WHERE gs.log_id = l.id AND gs.user_id = ? AND gs.suspended_at IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM log_youth_suspensions s WHERE s.log_id = l.id AND s.user_id = ?))
))`

// visibleArgs are the arguments of visibleLogs for actor uid.
func visibleArgs(uid string, tx *tx) []any {
	return []any{uid, uid, uid, uid, uid, uid, uid, // the logs with any tie
		uid, uid, uid, uid, uid, tx.now, tx.now, tx.now, uid, uid, uid, uid}
}

// ListLogs returns exactly the logs actor a may read, newest first.
func (db *DB) ListLogs(ctx context.Context, a access.Actor) ([]LogSummary, error) {
	var out []LogSummary
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = queryAll(ctx, tx, func(s scanner, ls *LogSummary) error {
			return scanLogSummary(s, ls)
		}, `SELECT `+prefixed("l.", logCols)+`, u.name, n.name FROM logs l JOIN users u ON u.id = l.holder_id
			JOIN units n ON n.id = l.holder_unit_id WHERE `+visibleLogs+` ORDER BY l.created_at DESC, l.id`, visibleArgs(a.UserID, tx)...)
		return err
	})
	return out, err
}

// AccessEvent is one line of a log's access log.
type AccessEvent struct {
	audit.Event
	ActorName string
	UnitName  string
}

// AccessLog returns who has read and changed log id, newest first; reading it is
// itself recorded.
func (db *DB) AccessLog(ctx context.Context, a access.Actor, id string) ([]AccessEvent, error) {
	var out []AccessEvent
	err := db.readLogAudited(ctx, a, id, access.ActionReadAccessLog, audit.ReadAccessLog, false, func(tx *tx, lc *logCtx) (string, error) {
		var err error
		out, err = listAccess(ctx, tx, lc)
		return "", err
	})
	return out, err
}

// listAccess lists the log's audit events, newest first. Family see no trace of a
// guardian's suspension: the suspended guardian must not learn of it from the other.
func listAccess(ctx context.Context, tx *tx, lc *logCtx) ([]AccessEvent, error) {
	hide := ""
	hide2 := ""
	if !lc.rel.Staff() {
		hide, hide2 = string(audit.SuspendGuardian), string(audit.SuspendYouth)
	}
	return queryAll(ctx, tx, func(s scanner, e *AccessEvent) error {
		return s.Scan(&e.Seq, timeCol{&e.At}, &e.ActorID, &e.Role, &e.UnitID, &e.MunicipalityID, &e.LogID, &e.Action,
			&e.Detail, &e.PrevHash, &e.Hash, &e.TargetType, &e.TargetID, &e.ActorName, &e.UnitName)
	}, `SELECT `+prefixed("a.", auditCols)+`, COALESCE(u.name, ''), COALESCE(n.name, '') FROM audit a
		LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN units n ON n.id = a.unit_id
		WHERE a.log_id = ? AND a.action NOT IN (?, ?) ORDER BY a.seq DESC`, lc.log.ID, hide, hide2)
}

// Export is a whole log with its access log.
type Export struct {
	LogView
	Access []AccessEvent
}

// ExportLog returns log id with its access log for a download; the export is recorded.
func (db *DB) ExportLog(ctx context.Context, a access.Actor, id string) (*Export, error) {
	var x Export
	err := db.readLogAudited(ctx, a, id, access.ActionExport, audit.Export, false, func(tx *tx, lc *logCtx) (string, error) {
		if err := fillLogView(ctx, tx, lc, &x.LogView, nil); err != nil {
			return "", err
		}
		var err error
		x.Access, err = listAccess(ctx, tx, lc)
		return "", err
	})
	return &x, err
}

func scanEntryWithName(s scanner, e *EntryView) error {
	return scanEntry(scanFunc(func(dest ...any) error { return s.Scan(append(dest, &e.AuthorName)...) }), &e.Entry)
}

func scanLogSummary(s scanner, ls *LogSummary) error {
	return scanLog(scanFunc(func(dest ...any) error { return s.Scan(append(dest, &ls.HolderName, &ls.UnitName)...) }), &ls.Log)
}

// scanFunc adapts a function to the scanner interface, to scan extra columns after a
// table's usual ones.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// prefixed qualifies every column in a comma-separated list with prefix; a column
// wrapped in COALESCE( is qualified inside it.
func prefixed(prefix, cols string) string {
	var parts []string
	depth, start := 0, 0
	for i, r := range cols {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, cols[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, cols[start:])
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if rest, ok := strings.CutPrefix(p, "COALESCE("); ok {
			parts[i] = "COALESCE(" + prefix + rest
			continue
		}
		parts[i] = prefix + p
	}
	return strings.Join(parts, ", ")
}
