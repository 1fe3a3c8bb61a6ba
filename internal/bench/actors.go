package bench

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"

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
	// OpCompetenceSearch is search by need (GET /api/v1/competence/search), half in
	// the searcher's own municipality and half across their network.
	OpCompetenceSearch = "competence_search"
)

// searchWords are what competence_search asks for: words of the national starter
// areas, some in another order or case than the areas write them.
var searchWords = []string{"traume", "motiverende intervju", "AUTISME", "psykisk rus", "samtaler barn", "vold", "minoritetsspråk", "bti"}

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
	// The ops in the order they run: the one that writes last, so that no read
	// measures logs the writes have grown (at 1,000 logs add_entry adds some forty
	// entries to each log it samples), and the access log right after the log page,
	// before the other reads add to the records it lists.
	ops := []op{{name: OpLogPage}, {name: OpAccessLog}, {name: OpOverview}, {name: OpGuardianView}, {name: OpLogAPI},
		{name: OpCompetenceSearch}, {name: OpAddEntry}}
	networks, err := db.ListNetworks(ctx, "")
	if err != nil {
		return nil, err
	}
	networkOf := map[string]string{}
	for _, n := range networks {
		for _, m := range n.MunicipalityIDs {
			networkOf[m] = n.ID
		}
	}
	add := func(name string, r request) {
		i := slices.IndexFunc(ops, func(o op) bool { return o.name == name })
		if len(ops[i].reqs) < maxTargets {
			ops[i].reqs = append(ops[i].reqs, r)
		}
	}
	for i, s := range sample {
		page := "/logg/" + s.ID
		api := "/api/v1/logs/" + s.ID
		open := s.Status != logbook.StatusUndring // family and participants see active and closed logs
		add(OpLogPage, get(s.HolderID, page, true))
		add(OpLogAPI, get(s.HolderID, api, false))
		add(OpOverview, get(s.HolderID, "/", true))
		q := url.Values{"q": {searchWords[i%len(searchWords)]}}
		if nid := networkOf[s.MunicipalityID]; nid != "" && i%2 == 1 {
			q.Set("network_id", nid)
		}
		add(OpCompetenceSearch, get(s.HolderID, "/api/v1/competence/search?"+q.Encode(), false))
		for _, p := range s.Participants {
			add(OpLogPage, get(p.UserID, page, true))
			add(OpLogAPI, get(p.UserID, api, false))
			if s.Status == logbook.StatusActive && p.Access == logbook.ParticipantWrite {
				add(OpAddEntry, request{method: "POST", path: api + "/entries", body: entryBody, token: token(p.UserID), want: http.StatusCreated})
			}
		}
		if s.Status == logbook.StatusActive {
			add(OpAddEntry, request{method: "POST", path: api + "/entries", body: entryBody, token: token(s.HolderID), want: http.StatusCreated})
		}
		for _, g := range s.Guardians {
			if open {
				add(OpGuardianView, get(g, page, true))
				add(OpAccessLog, get(g, api+"/access-log", false))
			}
		}
		if open {
			add(OpAccessLog, get(s.HolderID, api+"/access-log", false))
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
