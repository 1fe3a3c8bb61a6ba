package store

import (
	"context"
	"strconv"

	"stafett/internal/access"
	"stafett/internal/audit"
	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/people"
)

// SetNetworkHours sets the hours of one full-time year (årsverk) of network nid, done
// by p: a system administrator or one of the network's coordinators (access.
// CanSetNetworkHours); anyone else is refused as if the network did not exist, since
// only they need to know it. Hours out of range are invalid (hours_per_fte).
func (db *DB) SetNetworkHours(ctx context.Context, p *people.Principal, nid string, hours int) error {
	if err := administering(p); err != nil {
		return err
	}
	if !access.CanSetNetworkHours(actorOf(p), nid) {
		return fault.New(fault.NotFound, "network not found")
	}
	if err := course.ValidateHoursPerFTE("hours_per_fte", hours); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := mustAffect(tx.exec(ctx, `UPDATE networks SET hours_per_fte = ? WHERE id = ?`, hours, nid))("network"); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.SetNetworkHours, audit.TargetNetwork, nid, "", strconv.Itoa(hours))
	})
}

// SetMunicipalityHours sets the hours of one full-time year of municipality mid, done
// by p: a system administrator or the municipality's administrator (forbidden for
// others: municipalities are public). A municipality that does not exist is not found.
func (db *DB) SetMunicipalityHours(ctx context.Context, p *people.Principal, mid string, hours int) error {
	if err := administering(p); err != nil {
		return err
	}
	return db.update(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, mid); err != nil {
			return err
		}
		if !access.CanSetMunicipalityHours(actorOf(p), mid) {
			return fault.New(fault.Forbidden, "you do not administer this municipality")
		}
		if err := course.ValidateHoursPerFTE("hours_per_fte", hours); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE municipalities SET hours_per_fte = ? WHERE id = ?`, hours, mid); err != nil {
			return err
		}
		return recordAdmin(ctx, tx, p, audit.SetMunicipalityHours, audit.TargetMunicipality, mid, mid, strconv.Itoa(hours))
	})
}
