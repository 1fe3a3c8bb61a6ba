package bench

import (
	"context"
	"errors"
	"net/http"

	"stafett/internal/auth"
	"stafett/internal/gen"
	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store"
)

// maxTargets bounds the distinct requests per op: enough to spread the load over
// many logs and people at national scale.
const maxTargets = 4000

// The ops, in the order they run.
const (
	OpLogPage      = "log_page"
	OpOverview     = "overview"
	OpAddEntry     = "add_entry"
	OpGuardianView = "guardian_view"
	OpAccessLog    = "access_log"
	// OpLogAPI is the log page's read without the page: the same policy, queries and
	// audit record, answered as JSON. Beside log_page it shows how much of the
	// page's cost is the audited read and how much the HTML.
	OpLogAPI = "log_api"
)

// entryBody is the note the add_entry op posts.
const entryBody = `{"kind":"note","text":"Kort statusmøte i teamet; tiltakene fortsetter som før. (bench)"}`

// signIn picks real actors from the sampled logs (holders, participants whose unit
// consent covers, guardians with access), gives each a session straight through
// the store, and returns the ops with their requests.
func signIn(ctx context.Context, db *store.DB, sample []gen.LogSample) ([]op, error) {
	tokens := map[string]string{} // user ID → token
	var sessions []people.Session
	now := db.Now().UTC()
	token := func(uid string) string {
		if t, ok := tokens[uid]; ok {
			return t
		}
		t, hash := auth.NewToken()
		tokens[uid] = t
		sessions = append(sessions, people.Session{TokenHash: hash, UserID: uid, CreatedAt: now, LastSeenAt: now,
			ExpiresAt: now.Add(sessionPolicy.Absolute)})
		return t
	}
	get := func(uid, path string, cookie bool) request {
		return request{method: "GET", path: path, token: token(uid), cookie: cookie, want: http.StatusOK}
	}
	ops := []op{{name: OpLogPage}, {name: OpOverview}, {name: OpAddEntry}, {name: OpGuardianView}, {name: OpAccessLog}, {name: OpLogAPI}}
	add := func(i int, r request) {
		if len(ops[i].reqs) < maxTargets {
			ops[i].reqs = append(ops[i].reqs, r)
		}
	}
	for _, s := range sample {
		page := "/logg/" + s.ID
		api := "/api/v1/logs/" + s.ID
		open := s.Status != logbook.StatusUndring // family and participants see active and closed logs
		add(0, get(s.HolderID, page, true))
		add(5, get(s.HolderID, api, false))
		add(1, get(s.HolderID, "/", true))
		for _, p := range s.Participants {
			add(0, get(p.UserID, page, true))
			add(5, get(p.UserID, api, false))
			if s.Status == logbook.StatusActive && p.Access == logbook.ParticipantWrite {
				add(2, request{method: "POST", path: api + "/entries", body: entryBody, token: token(p.UserID), want: http.StatusCreated})
			}
		}
		if s.Status == logbook.StatusActive {
			add(2, request{method: "POST", path: api + "/entries", body: entryBody, token: token(s.HolderID), want: http.StatusCreated})
		}
		for _, g := range s.Guardians {
			if open {
				add(3, get(g, page, true))
				add(4, get(g, api+"/access-log", false))
			}
		}
		if open {
			add(4, get(s.HolderID, api+"/access-log", false))
		}
	}
	for _, o := range ops {
		if len(o.reqs) == 0 {
			return nil, errors.New("bench: too few logs to find actors for " + o.name + "; generate more")
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
	return ops, b.Commit(ctx)
}
