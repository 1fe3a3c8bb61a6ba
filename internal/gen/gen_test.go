package gen_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/access"
	"stafett/internal/gen"
	"stafett/internal/logbook"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// A cheap stand-in for the argon2id hash of gen.Password: the generator only
// stores it.
const testHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"

var now = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

func generate(t *testing.T, db *store.DB, logs int, seed uint64) *gen.Result {
	t.Helper()
	res, err := gen.Run(context.Background(), db, gen.Options{Logs: logs, Seed: seed, Now: now, PasswordHash: testHash})
	if err != nil {
		t.Fatalf("gen: %v", err)
	}
	return res
}

func TestRun(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		res := generate(t, db, 300, 7)
		c := res.Counts

		t.Run("CountsMatchTheScale", func(t *testing.T) {
			got, err := db.CountBulk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if c.Logs != 300 || got.Logs != 300 {
				t.Errorf("logs: counted %d, stored %d, want 300", c.Logs, got.Logs)
			}
			if c.Municipalities != 2 || got.Municipalities != 2 {
				t.Errorf("municipalities: counted %d, stored %d, want 2 (one per 280 logs)", c.Municipalities, got.Municipalities)
			}
			for _, x := range []struct {
				name   string
				made   int
				stored int64
				lo, hi int
			}{
				{"units", c.Units, got.Units, 18, 60},
				{"users", c.Users, got.Users, 300, 1000},
				{"entries", c.Entries, got.Entries, 4500, 8000},
				{"consents", c.Consents, got.Consents, 250, 600},
				{"participants", c.Participants, got.Participants, 100, 700},
				{"guardian links", c.Guardians, got.Guardians, 250, 700},
				{"transfers", c.Transfers, got.Transfers, 5, 80},
			} {
				if int64(x.made) != x.stored {
					t.Errorf("%s: made %d, stored %d", x.name, x.made, x.stored)
				}
				if x.made < x.lo || x.made > x.hi {
					t.Errorf("%s: %d, want %d to %d", x.name, x.made, x.lo, x.hi)
				}
			}
			// Every municipality's national guide is published with an audit record too.
			if got.Audit != int64(c.Audit)+got.Municipalities {
				t.Errorf("audit: stored %d, want %d made + %d guides", got.Audit, c.Audit, got.Municipalities)
			}
			open := c.Levels[0] + c.Levels[1] + c.Levels[2] + c.Levels[3]
			if open+c.Closed != c.Logs || c.Levels[0] == 0 || c.Levels[1] == 0 || c.Levels[2] == 0 || c.Levels[3] == 0 || c.Closed == 0 {
				t.Errorf("level mix %v, closed %d: want every level and closed logs", c.Levels, c.Closed)
			}
		})

		t.Run("AuditChainVerifies", func(t *testing.T) {
			n, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatalf("verify: %v", err)
			}
			if n != int64(c.Audit)+int64(c.Municipalities) {
				t.Errorf("verified %d records, want %d", n, c.Audit+c.Municipalities)
			}
		})

		t.Run("ActorsSeeTheirLogs", func(t *testing.T) {
			checked := 0
			for _, s := range res.Sample {
				if s.Status == logbook.StatusUndring || len(s.Participants) == 0 || len(s.Guardians) == 0 {
					continue
				}
				for _, uid := range []string{s.HolderID, s.Participants[0].UserID, s.Guardians[0]} {
					roles, err := db.ListRoles(ctx, uid)
					if err != nil {
						t.Fatal(err)
					}
					v, err := db.GetLog(ctx, access.Actor{UserID: uid, Roles: roles}, s.ID)
					if err != nil {
						t.Fatalf("log %s as %s: %v", s.ID, uid, err)
					}
					if len(v.Entries) < 5 {
						t.Errorf("log %s has %d entries", s.ID, len(v.Entries))
					}
					for _, e := range v.Entries {
						k, ok := logbook.EventKind("").EntryKind()
						if e.Event != nil {
							k, ok = e.Event.Kind.EntryKind()
						}
						if e.Kind.IsSystem() != ok || (ok && k != e.Kind) {
							t.Errorf("log %s: %s entry with event %+v", s.ID, e.Kind, e.Event)
						}
					}
				}
				if checked++; checked == 5 {
					break
				}
			}
			if checked == 0 {
				t.Fatal("no sampled log with participants and guardians")
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Errorf("the chain after reads: %v", err)
			}
		})

		// Issue 19: trends over years mean something only when the logs, the decisions
		// in them and the transfers of the baton are spread over the last two years.
		t.Run("SpreadOverTwoYears", func(t *testing.T) {
			type years struct{ last, before int } // the last year, the year before it
			var logs, decisions, transfers years
			count := func(y *years, at time.Time) {
				switch {
				case !at.Before(now.AddDate(-1, 0, 0)):
					y.last++
				case !at.Before(now.AddDate(-2, 0, 0)):
					y.before++
				}
			}
			for _, s := range res.Sample {
				roles, err := db.ListRoles(ctx, s.HolderID)
				if err != nil {
					t.Fatal(err)
				}
				v, err := db.GetLog(ctx, access.Actor{UserID: s.HolderID, Roles: roles}, s.ID)
				if err != nil {
					t.Fatalf("log %s: %v", s.ID, err)
				}
				count(&logs, v.Log.CreatedAt)
				for _, e := range v.Entries {
					switch e.Kind {
					case logbook.KindLevelChange, logbook.KindUndringDecision, logbook.KindClosure:
						count(&decisions, e.CreatedAt)
					case logbook.KindTransfer:
						count(&transfers, e.CreatedAt)
					}
				}
			}
			for _, x := range []struct {
				name string
				y    years
				min  int
			}{{"logs opened", logs, 10}, {"decisions", decisions, 10}, {"transfers", transfers, 1}} {
				t.Logf("%s: %d in the last year, %d in the year before", x.name, x.y.last, x.y.before)
				if x.y.last < x.min || x.y.before < x.min {
					t.Errorf("%s: %d in the last year, %d in the year before, want %d or more in each", x.name, x.y.last, x.y.before, x.min)
				}
			}
		})

		t.Run("NotIntoAFilledDatabase", func(t *testing.T) {
			_, err := gen.Run(ctx, db, gen.Options{Logs: 1, PasswordHash: testHash})
			if err == nil {
				t.Fatal("gen into a database with data: no error")
			}
		})
	})
}

// fingerprint is what must come out the same for the same seed.
type fingerprint struct {
	Municipalities [][3]string // id, number, name
	Users          [][3]string // id, name, e-mail, of the first municipality
	Logs           [][2]string // id, holder
}

func fingerprintOf(t *testing.T, db *store.DB, res *gen.Result) fingerprint {
	t.Helper()
	ctx := context.Background()
	var f fingerprint
	ms, err := db.ListMunicipalities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		f.Municipalities = append(f.Municipalities, [3]string{m.ID, m.Number, m.Name})
	}
	us, err := db.ListUsers(ctx, ms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		f.Users = append(f.Users, [3]string{u.ID, u.Name, u.Email})
	}
	for _, s := range res.Sample {
		f.Logs = append(f.Logs, [2]string{s.ID, s.HolderID})
	}
	return f
}

func TestDeterministic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		dialect := "sqlite"
		if store.IsPostgres(dsn) {
			dialect = "postgres"
		}
		a := storetest.Open(t, dsn)
		b := storetest.Open(t, storetest.DSN(t, dialect))
		c := storetest.Open(t, storetest.DSN(t, dialect))
		fa := fingerprintOf(t, a, generate(t, a, 40, 11))
		fb := fingerprintOf(t, b, generate(t, b, 40, 11))
		fc := fingerprintOf(t, c, generate(t, c, 40, 12))
		if diff := cmp.Diff(fa, fb); diff != "" {
			t.Errorf("same seed, different data (-first +second):\n%s", diff)
		}
		if len(fa.Users) < 10 || len(fa.Logs) != 40 {
			t.Errorf("%d users and %d logs in the fingerprint", len(fa.Users), len(fa.Logs))
		}
		if fa.Logs[0] == fc.Logs[0] || fa.Users[0] == fc.Users[0] {
			t.Error("another seed gave the same IDs")
		}
	})
}

// TestDescribeMatchesRun: describing the data without writing it gives what Run
// gave for the same options, the sample bench --reuse signs its actors in from.
func TestDescribeMatchesRun(t *testing.T) {
	db := storetest.Open(t, storetest.DSN(t, "sqlite"))
	ran := generate(t, db, 60, 7)
	described, err := gen.Describe(context.Background(), gen.Options{Logs: 60, Seed: 7, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ran.Counts, described.Counts); diff != "" {
		t.Errorf("counts differ (-run +describe):\n%s", diff)
	}
	if diff := cmp.Diff(ran.Sample, described.Sample); diff != "" || len(ran.Sample) == 0 {
		t.Errorf("samples differ (-run +describe), %d logs sampled:\n%s", len(ran.Sample), diff)
	}
}
