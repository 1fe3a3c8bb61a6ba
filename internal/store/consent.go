package store

import (
	"context"
	"slices"
	"strings"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/logbook"
)

// ConsentTextVersion names the consent text shown to guardians and printed on the
// paper form; stored with every consent so it is known what was agreed to.
const ConsentTextVersion = "bti-samtykke-1"

// ConsentFile is a scanned paper consent form.
type ConsentFile struct {
	ContentType string
	Data        []byte
}

func listConsents(ctx context.Context, tx *tx, logID string) ([]logbook.Consent, error) {
	cs, err := queryAll(ctx, tx, scanConsent, `SELECT id, log_id, COALESCE(given_by_user_id, ''), given_by_name, source,
		text_version, given_at, expires_at, withdrawn_at, registered_by FROM consents WHERE log_id = ? ORDER BY given_at, id`, logID)
	if err != nil || len(cs) == 0 {
		return cs, err
	}
	units, err := queryAll(ctx, tx, scanPair, `SELECT cu.consent_id, cu.unit_id FROM consent_units cu
		JOIN consents c ON c.id = cu.consent_id WHERE c.log_id = ? ORDER BY cu.unit_id`, logID)
	if err != nil {
		return nil, err
	}
	byID := map[string]*logbook.Consent{}
	for i := range cs {
		cs[i].CoversUnitIDs = []string{}
		byID[cs[i].ID] = &cs[i]
	}
	for _, u := range units {
		if c := byID[u[0]]; c != nil {
			c.CoversUnitIDs = append(c.CoversUnitIDs, u[1])
		}
	}
	return cs, nil
}

func scanConsent(s scanner, c *logbook.Consent) error {
	return s.Scan(&c.ID, &c.LogID, &c.GivenByUserID, &c.GivenByName, &c.Source, &c.TextVersion,
		timeCol{&c.GivenAt}, nullTimeCol{&c.ExpiresAt}, nullTimeCol{&c.WithdrawnAt}, &c.RegisteredBy)
}

func scanPair(s scanner, p *[2]string) error { return s.Scan(&p[0], &p[1]) }

// AddConsent stores a consent for log id. From the holder or a leader it is
// registered from a paper form (with an optional scanned file); from a guardian or
// the youth it is given digitally. Every covered unit must belong to the log's
// municipality, except that a consent which also covers the holder's unit may cover
// units of other organisations: that is the consent a move to another municipality
// or to a county's school needs (API.md, Counties and moves).
func (db *DB) AddConsent(ctx context.Context, a access.Actor, id string, in logbook.NewConsent, file *ConsentFile) (*logbook.Consent, error) {
	var c logbook.Consent
	err := db.update(ctx, func(tx *tx) error {
		lc, err := loadLog(ctx, tx, id, a)
		if err != nil {
			return err
		}
		source, action, auditAction := logbook.ConsentPaper, access.ActionRegisterConsent, audit.RegisterConsent
		if lc.rel.Guardian || lc.rel.Youth {
			source, action, auditAction = logbook.ConsentDigital, access.ActionGiveConsent, audit.GiveConsent
		}
		if err := lc.authorize(action); err != nil {
			return err
		}
		if source == logbook.ConsentDigital && file != nil {
			return fault.Validation("file", fault.FieldNotAllow)
		}
		if c, err = in.Build(id, source, a.UserID, ConsentTextVersion, tx.now); err != nil {
			return err
		}
		if err := checkUnitsIn(ctx, tx, lc.log.MunicipalityID, slices.Contains(c.CoversUnitIDs, lc.log.HolderUnitID), c.CoversUnitIDs); err != nil {
			return err
		}
		c.ID = newID()
		_, err = tx.exec(ctx, `INSERT INTO consents (id, log_id, given_by_user_id, given_by_name, source, text_version, given_at, expires_at, registered_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, id, nullString(c.GivenByUserID), c.GivenByName, c.Source, c.TextVersion, c.GivenAt, c.ExpiresAt, c.RegisteredBy)
		if err != nil {
			return err
		}
		for _, u := range c.CoversUnitIDs {
			if _, err := tx.exec(ctx, `INSERT INTO consent_units (consent_id, unit_id) VALUES (?, ?)`, c.ID, u); err != nil {
				return err
			}
		}
		if file != nil {
			if _, err := tx.exec(ctx, `INSERT INTO consent_files (consent_id, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)`,
				c.ID, file.ContentType, len(file.Data), file.Data, tx.now); err != nil {
				return err
			}
		}
		// Sorted as the log lists a consent's units (listConsents).
		ev := logbook.Event{Kind: logbook.EventConsentRegistered, ConsentID: c.ID, UnitIDs: slices.Sorted(slices.Values(c.CoversUnitIDs))}
		if source == logbook.ConsentDigital {
			ev.Kind = logbook.EventConsentGiven
		}
		if _, err := addSystemEntry(ctx, tx, lc, ev, ""); err != nil {
			return err
		}
		return lc.record(ctx, tx, auditAction, "consent "+c.ID+" covers "+strings.Join(c.CoversUnitIDs, ","))
	})
	return &c, err
}

// checkUnitsIn checks that every unit exists in municipality mid, or in any
// organisation when abroad.
func checkUnitsIn(ctx context.Context, tx *tx, mid string, abroad bool, units []string) error {
	for _, u := range units {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE id = ? AND (municipality_id = ? OR ?)`, u, mid, abroad).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fault.Validation("covers_unit_ids", fault.FieldNotFound)
		}
	}
	return nil
}

// WithdrawConsent withdraws consent cid of log id: digitally by a guardian or the
// youth, or registered from paper by the holder or a leader. It takes effect on the
// very next request: coverage is computed from consents on every request.
func (db *DB) WithdrawConsent(ctx context.Context, a access.Actor, id, cid string) (*logbook.Consent, error) {
	var out logbook.Consent
	err := db.update(ctx, func(tx *tx) error {
		lc, err := loadLog(ctx, tx, id, a)
		if err != nil {
			return err
		}
		action := access.ActionRegisterConsent
		if lc.rel.Guardian || lc.rel.Youth {
			action = access.ActionGiveConsent
		}
		if err := lc.authorize(action); err != nil {
			return err
		}
		var c *logbook.Consent
		for i := range lc.consents {
			if lc.consents[i].ID == cid {
				c = &lc.consents[i]
			}
		}
		if c == nil {
			return fault.New(fault.NotFound, "consent not found")
		}
		if err := c.Withdraw(a.UserID, tx.now); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ?`, c.WithdrawnAt, a.UserID, cid); err != nil {
			return err
		}
		out = *c
		if _, err := addSystemEntry(ctx, tx, lc, logbook.Event{Kind: logbook.EventConsentWithdrawn, ConsentID: cid}, ""); err != nil {
			return err
		}
		return lc.record(ctx, tx, audit.WithdrawConsent, "consent "+cid)
	})
	return &out, err
}

// GetConsentFile returns the scanned form of consent cid, for those who may read the
// log; the read is audited.
func (db *DB) GetConsentFile(ctx context.Context, a access.Actor, id, cid string) (*ConsentFile, error) {
	var f ConsentFile
	err := db.readLogAudited(ctx, a, id, access.ActionRead, audit.ReadConsentFile, false, func(tx *tx, lc *logCtx) (string, error) {
		err := tx.queryRow(ctx, `SELECT f.content_type, f.data FROM consent_files f JOIN consents c ON c.id = f.consent_id
			WHERE f.consent_id = ? AND c.log_id = ?`, cid, id).Scan(&f.ContentType, &f.Data)
		return "consent " + cid, notFound(err, "consent file")
	})
	return &f, err
}
