package bench

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"stafett/internal/auth"
	"stafett/internal/gen"
	"stafett/internal/logbook"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// The indicator ops: a municipality's result indicators, and a network of
// benchNetworkSize municipalities side by side, read by municipality administrators
// (with a second factor, as administrators need) over the last year.
const (
	OpIndicators        = "indicators"
	OpNetworkIndicators = "network_indicators"
)

// benchNetworkSize is how many municipalities the network op's network has (fewer
// when the run has fewer).
const benchNetworkSize = 10

// benchNetworkName names the network the bench makes (or finds, with --reuse).
const benchNetworkName = "Benchsamarbeidet"

// benchTOTPSecret is the second factor of the administrators the bench signs in.
const benchTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// indicatorOps returns the indicator ops for the municipalities of the sample, the
// largest first, with their administrators signed in; the network op only when the
// run has two municipalities or more (about 280 logs each).
func indicatorOps(ctx context.Context, db *store.DB, sample []gen.LogSample) ([]op, error) {
	logs := map[string]int{}
	for _, s := range sample {
		logs[s.MunicipalityID]++
	}
	mids := make([]string, 0, len(logs))
	for m := range logs {
		mids = append(mids, m)
	}
	sort.Slice(mids, func(i, j int) bool {
		return logs[mids[i]] > logs[mids[j]] || logs[mids[i]] == logs[mids[j]] && mids[i] < mids[j]
	})
	mids = mids[:min(len(mids), 2*benchNetworkSize)]
	if len(mids) == 0 {
		return nil, errors.New("bench: no municipalities for the indicator ops; generate more")
	}
	// A small run has fewer municipalities than a network of benchNetworkSize.
	size := min(len(mids), benchNetworkSize)
	admins := map[string]string{} // municipality → its administrator
	for _, m := range mids {
		uid, err := municipalityAdmin(ctx, db, m)
		if err != nil {
			return nil, err
		}
		admins[m] = uid
	}
	nid := ""
	if size >= 2 { // a network has two members at least
		var err error
		if nid, err = benchNetwork(ctx, db, mids[:size]); err != nil {
			return nil, err
		}
	}
	now := db.Now().UTC()
	to := logbook.DateOf(now)
	query := "/indicators?from=" + string(to.AddYears(-1)) + "&to=" + string(to)
	var sessions []people.Session
	mine, network := op{name: OpIndicators}, op{name: OpNetworkIndicators}
	for i, m := range mids {
		t, hash := auth.NewToken()
		sessions = append(sessions, people.Session{TokenHash: hash, UserID: admins[m], CreatedAt: now, LastSeenAt: now,
			ExpiresAt: now.Add(sessionPolicy.Absolute)})
		mine.reqs = append(mine.reqs, request{method: "GET", path: "/api/v1/municipalities/" + m + query, token: t, want: http.StatusOK})
		if nid != "" && i < size {
			network.reqs = append(network.reqs, request{method: "GET", path: "/api/v1/networks/" + nid + query, token: t, want: http.StatusOK})
		}
	}
	b, err := db.BeginBulk(ctx, store.BulkOptions{})
	if err != nil {
		return nil, err
	}
	if err := b.Sessions(ctx, sessions, "bench"); err != nil {
		b.Abort()
		return nil, err
	}
	ops := []op{mine}
	if len(network.reqs) > 0 {
		ops = append(ops, network)
	}
	return ops, b.Commit(ctx)
}

// municipalityAdmin returns an administrator of municipality mid with a second
// factor, giving them one when they have none.
func municipalityAdmin(ctx context.Context, db *store.DB, mid string) (string, error) {
	users, err := db.ListUsers(ctx, mid)
	if err != nil {
		return "", err
	}
	for _, u := range users {
		roles, err := db.ListRoles(ctx, u.ID)
		if err != nil {
			return "", err
		}
		if !roles.Has(people.MunicipalityAdmin, mid) {
			continue
		}
		if err := db.BeginTOTP(ctx, u.ID, benchTOTPSecret); err != nil {
			return u.ID, nil // already enrolled by an earlier run
		}
		code, err := totp.GenerateCodeCustom(benchTOTPSecret, db.Now(),
			totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			return "", err
		}
		_, hashes := auth.NewRecoveryCodes()
		if err := db.ConfirmTOTP(ctx, u.ID, "", code, auth.TOTP{}, hashes); err != nil {
			return "", err
		}
		return u.ID, nil
	}
	return "", errors.New("bench: municipality " + mid + " has no administrator")
}

// benchNetwork makes the bench's network of mids, or finds it from an earlier run.
func benchNetwork(ctx context.Context, db *store.DB, mids []string) (string, error) {
	ns, err := db.ListNetworks(ctx, "")
	if err != nil {
		return "", err
	}
	if i := slices.IndexFunc(ns, func(n org.Network) bool { return n.Name == benchNetworkName }); i >= 0 {
		n := ns[i]
		n.MunicipalityIDs = mids
		return n.ID, db.UpdateNetwork(ctx, people.System(), &n)
	}
	n := org.Network{Name: benchNetworkName, MunicipalityIDs: mids}
	if err := db.CreateNetwork(ctx, people.System(), &n); err != nil {
		return "", err
	}
	return n.ID, nil
}
