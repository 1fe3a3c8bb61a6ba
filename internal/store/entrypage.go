package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
)

// The sizes of a page of a log's entries.
const (
	EntryPageDefault = 100
	EntryPageMax     = 500
)

// EntryCursor is a place in a log's timeline, which sorts entries by creation time,
// version and id: a page before it holds the entries that sort before it.
type EntryCursor struct {
	CreatedAt time.Time
	Version   int
	ID        string
}

// String encodes c for a URL. Clients treat it as opaque.
func (c EntryCursor) String() string {
	raw := strconv.FormatInt(c.CreatedAt.UnixMicro(), 10) + "." + strconv.Itoa(c.Version) + "." + c.ID
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseEntryCursor decodes a cursor made by EntryCursor.String; anything else is
// invalid in field.
func ParseEntryCursor(field, s string) (EntryCursor, error) {
	bad := fault.Validation(field, fault.FieldInvalid)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return EntryCursor{}, bad
	}
	parts := strings.SplitN(string(raw), ".", 3)
	if len(parts) != 3 || parts[2] == "" || len(parts[2]) > 64 {
		return EntryCursor{}, bad
	}
	micro, err1 := strconv.ParseInt(parts[0], 10, 64)
	version, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || version < 1 {
		return EntryCursor{}, bad
	}
	return EntryCursor{CreatedAt: time.UnixMicro(micro).UTC(), Version: version, ID: parts[2]}, nil
}

// EntryPage is one page of a log's entries, oldest first, as the whole timeline
// orders them.
type EntryPage struct {
	Entries []EntryView
	// Total counts all the log's entries.
	Total int
	// Next is where the next older page begins; nil when this page reaches the
	// log's first entry.
	Next *EntryCursor
}

// ListEntries returns log id for actor a as GetLog does, with only the newest
// limit entries before cursor before (nil: from the newest) and what the entries
// need to be shown (EventUsers, and the names of the log's people and units). Like
// GetLog it is a read of the log, recorded in the audit before it returns.
func (db *DB) ListEntries(ctx context.Context, a access.Actor, id string, before *EntryCursor, limit int) (*LogView, error) {
	if limit < 1 || limit > EntryPageMax {
		return nil, fault.Validation("limit", fault.FieldRange)
	}
	var v LogView
	err := db.readLogAudited(ctx, a, id, access.ActionRead, audit.ReadLog, false, func(tx *tx, lc *logCtx) (string, error) {
		if err := fillLogView(ctx, tx, lc, &v, &entryWindow{before: before, limit: limit}); err != nil {
			return "", err
		}
		detail := fmt.Sprintf("entries %d", len(v.Entries))
		if before != nil {
			detail += " before " + before.String()
		}
		return detail, nil
	})
	return &v, err
}

// entryPage reads the newest limit entries of lc's log before cursor before (nil:
// from the newest), and how many entries the log has.
func entryPage(ctx context.Context, tx *tx, lc *logCtx, before *EntryCursor, limit int) (*EntryPage, error) {
	p := &EntryPage{}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM entries WHERE log_id = ?`, lc.log.ID).Scan(&p.Total); err != nil {
		return nil, err
	}
	where, args := "", []any{lc.log.ID}
	if before != nil {
		where = ` AND (e.created_at < ? OR (e.created_at = ? AND (e.version < ? OR (e.version = ? AND e.id < ?))))`
		args = append(args, before.CreatedAt, before.CreatedAt, before.Version, before.Version, before.ID)
	}
	// One more than a page tells whether an older page follows.
	entries, err := queryAll(ctx, tx, func(s scanner, e *EntryView) error {
		return scanEntryWithName(s, e)
	}, `SELECT `+prefixed("e.", entryCols)+`, u.name FROM entries e JOIN users u ON u.id = e.author_id
		WHERE e.log_id = ?`+where+` ORDER BY e.created_at DESC, e.version DESC, e.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, err
	}
	if len(entries) > limit {
		entries = entries[:limit]
		oldest := entries[limit-1]
		p.Next = &EntryCursor{CreatedAt: oldest.CreatedAt, Version: oldest.Version, ID: oldest.ID}
	}
	slices.Reverse(entries)
	p.Entries = entries
	return p, nil
}
