package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/audit"
	"stafett/internal/fault"
	"stafett/internal/guide"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
)

// guideAdmin creates a municipality administrator of m as an actor.
func guideAdmin(t *testing.T, db *store.DB, m *org.Municipality, email string) *people.Principal {
	t.Helper()
	ctx := context.Background()
	u := people.User{Email: email, Name: "Admin " + m.Name, HomeMunicipalityID: m.ID}
	if err := db.CreateUser(ctx, people.System(), &u, "hash"); err != nil {
		t.Fatal(err)
	}
	r := people.Role{Role: people.MunicipalityAdmin, MunicipalityID: m.ID}
	if err := db.GrantRole(ctx, people.System(), u.ID, &r); err != nil {
		t.Fatal(err)
	}
	return &people.Principal{User: people.User{ID: u.ID}, Roles: people.Roles{r}, SecondFactor: true}
}

// auditSince returns the audit records after seq and the new end of the chain.
func auditSince(t *testing.T, db *store.DB, seq int64) ([]audit.Event, int64) {
	t.Helper()
	events, err := db.AuditAfterForTest(context.Background(), seq)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) > 0 {
		seq = events[len(events)-1].Seq
	}
	return events, seq
}

func auditEnd(t *testing.T, db *store.DB) int64 {
	t.Helper()
	n, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestGuideOfNewMunicipality(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		seq := auditEnd(t, db)
		m := mustMunicipality(t, db, "4003", "Skien")
		g, err := db.GetGuide(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if g.Version != 1 || g.Source != store.SourceNational || g.PublishedBy != "" || g.UndringDays != 14 {
			t.Errorf("guide = version %d source %q by %q undring %d", g.Version, g.Source, g.PublishedBy, g.UndringDays)
		}
		if diff := cmp.Diff(guide.National(), g.Guide); diff != "" {
			t.Errorf("guide is not the national template (-want +got):\n%s", diff)
		}
		events, _ := auditSince(t, db, seq)
		if len(events) != 2 || events[1].Action != audit.PublishGuide || events[1].MunicipalityID != m.ID ||
			events[1].ActorID != people.SystemActorID || events[1].Role != "system" ||
			events[1].TargetType != audit.TargetGuide || events[1].TargetID != m.ID {
			t.Errorf("audit = %+v, want the municipality's creation, then guide.publish by the system", events)
		}
		d, err := db.GetGuideDraft(ctx, m.ID)
		if err != nil || d.Changed || d.BasedOn != 1 || len(d.Guide.Levels) != 4 {
			t.Errorf("draft = %+v, %v; want the published version, unchanged", d, err)
		}
		if _, err := db.GetGuide(ctx, "finnes-ikke"); !fault.Is(err, fault.NotFound) {
			t.Errorf("guide of unknown municipality: %v", err)
		}
	})
}

// TestGuideBackfill: a municipality without a guide (one made before guides existed)
// gets the national template when the database is migrated.
func TestGuideBackfill(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		m := mustMunicipality(t, db, "4003", "Skien")
		if err := db.ExecForTest(ctx, `DELETE FROM guide_versions WHERE municipality_id = ?`, m.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetGuide(ctx, m.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("guide after delete: %v", err)
		}
		for range 2 {
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
		}
		vs, err := db.ListGuideVersions(ctx, m.ID)
		if err != nil || len(vs) != 1 || vs[0].Version != 1 || vs[0].Source != store.SourceNational {
			t.Errorf("versions after backfill = %+v, %v", vs, err)
		}
	})
}

func TestGuidePublish(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		m := mustMunicipality(t, db, "4003", "Skien")
		admin := guideAdmin(t, db, m, "admin@skien.no")
		seq := auditEnd(t, db)

		t.Run("NothingToPublish", func(t *testing.T) {
			if _, err := db.PublishGuide(ctx, admin, m.ID); !fault.Is(err, fault.Conflict) {
				t.Errorf("publish without draft: %v", err)
			}
		})
		var draft *store.GuideDraft
		t.Run("SaveDraft", func(t *testing.T) {
			g := guide.National()
			g.Levels[0].Steps[4].DeadlineDays = guide.Days(10)
			g.Levels[1].Steps = append(g.Levels[1].Steps, guide.Step{Title: "Ring foreldrene", What: "Spør hvordan det går.", Who: "stafettholder"})
			var err error
			if draft, err = db.SaveGuideDraft(ctx, admin, m.ID, g); err != nil {
				t.Fatal(err)
			}
			if !draft.Changed || draft.BasedOn != 1 || draft.UpdatedBy != admin.User.ID {
				t.Errorf("draft = changed %v based on %d by %s", draft.Changed, draft.BasedOn, draft.UpdatedBy)
			}
			added := draft.Guide.Levels[1].Steps[4]
			if !guide.IsStepID(added.ID) || added.Title != "Ring foreldrene" {
				t.Errorf("new step = %+v, want a generated ID", added)
			}
			// The public guide is still version 1.
			if g, _ := db.GetGuide(ctx, m.ID); g.Version != 1 || len(g.Guide.Levels[1].Steps) != 4 {
				t.Errorf("published guide changed by saving a draft: version %d", g.Version)
			}
		})
		t.Run("Publish", func(t *testing.T) {
			pg, err := db.PublishGuide(ctx, admin, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if pg.Version != 2 || pg.PublishedBy != admin.User.ID || pg.PublishedByName != "Admin Skien" || pg.UndringDays != 10 || pg.Source != "" {
				t.Errorf("published = version %d by %s (%s), undring days %d, source %q", pg.Version, pg.PublishedBy, pg.PublishedByName, pg.UndringDays, pg.Source)
			}
			if d, _ := db.GetGuideDraft(ctx, m.ID); d.Changed || d.BasedOn != 2 {
				t.Errorf("draft after publishing = changed %v based on %d", d.Changed, d.BasedOn)
			}
			vs, err := db.ListGuideVersions(ctx, m.ID)
			if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Version != 1 || len(vs[0].Guide.Levels) != 0 {
				t.Errorf("versions = %+v, %v", vs, err)
			}
			old, err := db.GetGuideVersion(ctx, m.ID, 1)
			if err != nil || len(old.Guide.Levels[1].Steps) != 4 {
				t.Fatalf("version 1 = %v", err)
			}
			d := guide.Compare(old.Guide, pg.Guide)
			if len(d.Levels) != 2 || len(d.Levels[0].Changed) != 1 || d.Levels[0].Changed[0].Changes[0] != (guide.FieldChange{Field: "deadline_days", From: "14", To: "10"}) ||
				len(d.Levels[1].Added) != 1 || d.Levels[1].Added[0].Title != "Ring foreldrene" {
				t.Errorf("diff 1→2 = %+v", d)
			}
			if _, err := db.GetGuideVersion(ctx, m.ID, 3); !fault.Is(err, fault.NotFound) {
				t.Errorf("version 3: %v", err)
			}
		})
		t.Run("Audited", func(t *testing.T) {
			events, _ := auditSince(t, db, seq)
			var got []string
			for _, e := range events {
				if e.ActorID != admin.User.ID || e.Role != "municipality_admin" || e.MunicipalityID != m.ID || e.LogID != "" {
					t.Errorf("record = %+v", e)
				}
				got = append(got, string(e.Action)+" "+e.Detail)
			}
			want := []string{"guide.draft based on version 1", "guide.publish version 2"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("audit (-want +got):\n%s", diff)
			}
		})
	})
}

func TestGuidePublishInvalid(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		m := mustMunicipality(t, db, "4003", "Skien")
		admin := guideAdmin(t, db, m, "admin@skien.no")

		t.Run("DraftOverLimits", func(t *testing.T) {
			g := guide.National()
			g.Levels[1].Steps[0].DeadlineDays = guide.Days(-2)
			g.Levels[2].Steps[0].Title = strings.Repeat("x", guide.MaxStepTitleLen+1)
			_, err := db.SaveGuideDraft(ctx, admin, m.ID, g)
			assertField(t, err, "levels[1].steps[0].deadline_days", fault.FieldRange)
			assertField(t, err, "levels[2].steps[0].title", fault.FieldTooLong)
			if d, _ := db.GetGuideDraft(ctx, m.ID); d.Changed {
				t.Error("a refused draft was saved")
			}
		})
		t.Run("IncompleteDraftNotPublished", func(t *testing.T) {
			g := guide.National()
			g.Levels = append(g.Levels[:2], g.Levels[3])
			g.Levels[1].Steps[0].Title = ""
			if _, err := db.SaveGuideDraft(ctx, admin, m.ID, g); err != nil {
				t.Fatalf("an incomplete draft may be saved: %v", err)
			}
			seq := auditEnd(t, db)
			_, err := db.PublishGuide(ctx, admin, m.ID)
			assertField(t, err, "levels[2]", fault.FieldMissing)
			assertField(t, err, "levels[1].steps[0].title", fault.FieldRequired)
			if vs, _ := db.ListGuideVersions(ctx, m.ID); len(vs) != 1 {
				t.Errorf("versions = %d, want 1", len(vs))
			}
			if d, _ := db.GetGuideDraft(ctx, m.ID); !d.Changed || len(d.Guide.Levels) != 3 {
				t.Error("the draft was lost")
			}
			if events, _ := auditSince(t, db, seq); len(events) != 0 {
				t.Errorf("a refused publish left audit records: %+v", events)
			}
		})
		t.Run("Discard", func(t *testing.T) {
			if err := db.DiscardGuideDraft(ctx, admin, m.ID); err != nil {
				t.Fatal(err)
			}
			if d, _ := db.GetGuideDraft(ctx, m.ID); d.Changed || len(d.Guide.Levels) != 4 {
				t.Error("draft not discarded")
			}
			if err := db.DiscardGuideDraft(ctx, admin, "finnes-ikke"); !fault.Is(err, fault.NotFound) {
				t.Errorf("discard in unknown municipality: %v", err)
			}
		})
	})
}

func TestGuideFork(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		skien := mustMunicipality(t, db, "4003", "Skien")
		porsgrunn := mustMunicipality(t, db, "4001", "Porsgrunn")
		tromso := mustMunicipality(t, db, "5501", "Tromsø")
		sys := people.System()
		adminS, adminP := guideAdmin(t, db, skien, "admin@skien.no"), guideAdmin(t, db, porsgrunn, "admin@porsgrunn.no")
		tff := org.Network{Name: "Talenter for framtida", MunicipalityIDs: []string{skien.ID, porsgrunn.ID}}
		if err := db.CreateNetwork(ctx, sys, &tff); err != nil {
			t.Fatal(err)
		}
		// Skien adapts its guide and publishes it.
		own := guide.National()
		own.Levels[0].Title = "Nivå 0 – Undring i Skien"
		if _, err := db.SaveGuideDraft(ctx, adminS, skien.ID, own); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishGuide(ctx, adminS, skien.ID); err != nil {
			t.Fatal(err)
		}

		t.Run("WithinNetwork", func(t *testing.T) {
			d, err := db.ForkGuide(ctx, adminP, porsgrunn.ID, store.GuideSource{MunicipalityID: skien.ID})
			if err != nil {
				t.Fatal(err)
			}
			if !d.Changed || d.Source != "municipality:"+skien.ID || d.Guide.Levels[0].Title != "Nivå 0 – Undring i Skien" || d.BasedOn != 1 {
				t.Errorf("forked draft = source %q title %q based on %d", d.Source, d.Guide.Levels[0].Title, d.BasedOn)
			}
			pg, err := db.PublishGuide(ctx, adminP, porsgrunn.ID)
			if err != nil || pg.Version != 2 || pg.Source != "municipality:"+skien.ID {
				t.Errorf("published fork = %+v, %v", pg, err)
			}
			// Step IDs come along, so ticks survive the fork.
			if pg.Guide.Levels[1].Steps[0].ID != own.Levels[1].Steps[0].ID {
				t.Error("fork changed step IDs")
			}
		})
		t.Run("National", func(t *testing.T) {
			d, err := db.ForkGuide(ctx, adminS, skien.ID, store.GuideSource{National: true})
			if err != nil || d.Source != store.SourceNational || d.Guide.Levels[0].Title != guide.National().Levels[0].Title || d.BasedOn != 2 {
				t.Errorf("fork national = %+v, %v", d, err)
			}
		})
		t.Run("OutsideNetworkForbidden", func(t *testing.T) {
			before, _ := db.GetGuideDraft(ctx, tromso.ID)
			adminT := guideAdmin(t, db, tromso, "admin@tromso.no")
			_, err := db.ForkGuide(ctx, adminT, tromso.ID, store.GuideSource{MunicipalityID: skien.ID})
			if !fault.Is(err, fault.Forbidden) {
				t.Errorf("fork outside network: %v", err)
			}
			if after, _ := db.GetGuideDraft(ctx, tromso.ID); after.Changed != before.Changed {
				t.Error("a refused fork changed the draft")
			}
		})
		t.Run("ErrFields", func(t *testing.T) {
			_, err := db.ForkGuide(ctx, adminS, skien.ID, store.GuideSource{MunicipalityID: "finnes-ikke"})
			assertField(t, err, "from_municipality_id", fault.FieldNotFound)
			_, err = db.ForkGuide(ctx, adminS, skien.ID, store.GuideSource{MunicipalityID: skien.ID})
			assertField(t, err, "from_municipality_id", fault.FieldInvalid)
			_, err = db.ForkGuide(ctx, adminS, skien.ID, store.GuideSource{})
			assertField(t, err, "from_municipality_id", fault.FieldRequired)
		})
	})
}

func TestNetworks(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		a := mustMunicipality(t, db, "4003", "Skien")
		b := mustMunicipality(t, db, "4001", "Porsgrunn")
		c := mustMunicipality(t, db, "4005", "Notodden")
		sys := people.System()
		n := org.Network{Name: " Grenland ", MunicipalityIDs: []string{b.ID, a.ID, a.ID}}
		seq := auditEnd(t, db)
		if err := db.CreateNetwork(ctx, sys, &n); err != nil {
			t.Fatal(err)
		}
		if events, _ := auditSince(t, db, seq); len(events) != 1 || events[0].Action != audit.CreateNetwork {
			t.Errorf("audit = %+v", events)
		}
		got, err := db.GetNetwork(ctx, n.ID)
		if err != nil || got.Name != "Grenland" || len(got.MunicipalityIDs) != 2 {
			t.Errorf("network = %+v, %v", got, err)
		}
		t.Run("ErrInvalid", func(t *testing.T) {
			err := db.CreateNetwork(ctx, sys, &org.Network{Name: "", MunicipalityIDs: []string{a.ID}})
			assertField(t, err, "name", fault.FieldRequired)
			assertField(t, err, "municipality_ids", fault.FieldTooShort)
			err = db.CreateNetwork(ctx, sys, &org.Network{Name: "Grenland", MunicipalityIDs: []string{a.ID, c.ID}})
			assertField(t, err, "name", fault.FieldTaken)
			err = db.CreateNetwork(ctx, sys, &org.Network{Name: "Ukjent", MunicipalityIDs: []string{a.ID, "finnes-ikke"}})
			assertField(t, err, "municipality_ids", fault.FieldNotFound)
			if all, _ := db.ListNetworks(ctx, ""); len(all) != 1 {
				t.Errorf("networks = %d, want 1: nothing half-written", len(all))
			}
		})
		t.Run("ListAndPartners", func(t *testing.T) {
			if l, _ := db.ListNetworks(ctx, c.ID); len(l) != 0 {
				t.Errorf("networks of Notodden = %+v", l)
			}
			if l, _ := db.ListNetworks(ctx, a.ID); len(l) != 1 || len(l[0].MunicipalityIDs) != 2 {
				t.Errorf("networks of Skien = %+v", l)
			}
			p, err := db.NetworkPartners(ctx, a.ID)
			if err != nil || len(p) != 1 || p[0].ID != b.ID {
				t.Errorf("partners of Skien = %+v, %v", p, err)
			}
		})
		t.Run("Update", func(t *testing.T) {
			n.MunicipalityIDs = []string{a.ID, c.ID}
			if err := db.UpdateNetwork(ctx, sys, &n); err != nil {
				t.Fatal(err)
			}
			if p, _ := db.NetworkPartners(ctx, a.ID); len(p) != 1 || p[0].ID != c.ID {
				t.Errorf("partners after update = %+v", p)
			}
			if err := db.UpdateNetwork(ctx, sys, &org.Network{ID: "finnes-ikke", Name: "x", MunicipalityIDs: []string{a.ID, b.ID}}); !fault.Is(err, fault.NotFound) {
				t.Errorf("update unknown: %v", err)
			}
		})
	})
}

// stepClock is a settable clock for the step deadline tests.
type stepClock struct{ now time.Time }

func (c *stepClock) Now() time.Time { return c.now }

// TestGuideFiles: an uploaded document is public only once a published version refers
// to it, only in its own municipality, and a fork copies it.
func TestGuideFiles(t *testing.T) {
	ctx := context.Background()
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		skien := mustMunicipality(t, db, "4003", "Skien")
		porsgrunn := mustMunicipality(t, db, "4001", "Porsgrunn")
		adminS, adminP := guideAdmin(t, db, skien, "admin@skien.no"), guideAdmin(t, db, porsgrunn, "admin@porsgrunn.no")
		sys := people.System()
		if err := db.CreateNetwork(ctx, sys, &org.Network{Name: "Grenland", MunicipalityIDs: []string{skien.ID, porsgrunn.ID}}); err != nil {
			t.Fatal(err)
		}
		seq := auditEnd(t, db)
		f := store.GuideFile{Name: "Samtykkeskjema.pdf", ContentType: guide.TypePDF, Data: []byte("%PDF-1.4 skjema")}
		if err := db.AddGuideFile(ctx, adminS, skien.ID, &f); err != nil {
			t.Fatal(err)
		}
		if events, _ := auditSince(t, db, seq); len(events) != 1 || events[0].Action != audit.UploadGuideFile || events[0].MunicipalityID != skien.ID {
			t.Errorf("audit = %+v", events)
		}
		if _, err := db.GetPublishedGuideFile(ctx, skien.ID, f.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("unpublished document: %v", err)
		}
		withTool := func(fileID string) guide.Guide {
			g := guide.National()
			g.Levels[1].Steps[0].Tools = []guide.Tool{{Title: "Samtykkeskjema", FileID: fileID}}
			return g
		}
		other := store.GuideFile{Name: "x.png", ContentType: guide.TypePNG, Data: []byte("\x89PNG\r\n\x1a\n")}
		if err := db.AddGuideFile(ctx, adminP, porsgrunn.ID, &other); err != nil {
			t.Fatal(err)
		}
		_, err := db.SaveGuideDraft(ctx, adminS, skien.ID, withTool(other.ID))
		assertField(t, err, "levels[1].steps[0].tools[0].file_id", fault.FieldNotFound)
		if _, err := db.SaveGuideDraft(ctx, adminS, skien.ID, withTool(f.ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishGuide(ctx, adminS, skien.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.GetPublishedGuideFile(ctx, skien.ID, f.ID)
		if err != nil || string(got.Data) != "%PDF-1.4 skjema" || got.ContentType != guide.TypePDF || got.Name != "Samtykkeskjema.pdf" {
			t.Errorf("published document = %+v, %v", got, err)
		}
		if _, err := db.GetPublishedGuideFile(ctx, porsgrunn.ID, f.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("document through another municipality: %v", err)
		}
		// Porsgrunn forks Skien's guide: the document comes along as Porsgrunn's own.
		d, err := db.ForkGuide(ctx, adminP, porsgrunn.ID, store.GuideSource{MunicipalityID: skien.ID})
		if err != nil {
			t.Fatal(err)
		}
		copied := d.Guide.Levels[1].Steps[0].Tools[0].FileID
		if copied == "" || copied == f.ID {
			t.Fatalf("forked tool = %+v", d.Guide.Levels[1].Steps[0].Tools)
		}
		if _, err := db.PublishGuide(ctx, adminP, porsgrunn.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := db.GetPublishedGuideFile(ctx, porsgrunn.ID, copied); err != nil || string(got.Data) != "%PDF-1.4 skjema" {
			t.Errorf("copied document = %v", err)
		}
		// A document stays public with the version that published it, even when the
		// next version drops it.
		if _, err := db.SaveGuideDraft(ctx, adminS, skien.ID, guide.National()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishGuide(ctx, adminS, skien.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetPublishedGuideFile(ctx, skien.ID, f.ID); err != nil {
			t.Errorf("document of an older version: %v", err)
		}
	})
}
