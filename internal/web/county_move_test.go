package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// countyWorld is a county with an upper-secondary school, its admin and a teacher
// there, made beside the harness's two municipalities.
type countyWorld struct {
	county          org.Municipality
	school          org.Unit
	admin, employee people.User
}

func newCountyWorld(t *testing.T, h *webtest.Harness) countyWorld {
	t.Helper()
	ctx, sys := context.Background(), people.System()
	var w countyWorld
	w.county = org.Municipality{Kind: org.KindCounty, Number: "40", Name: "Telemark fylkeskommune"}
	if err := h.DB.CreateMunicipality(ctx, sys, &w.county); err != nil {
		t.Fatal(err)
	}
	w.school = org.Unit{MunicipalityID: w.county.ID, Name: "Skien videregående skole", Kind: org.UpperSecondary}
	if err := h.DB.CreateUnit(ctx, sys, &w.school); err != nil {
		t.Fatal(err)
	}
	user := func(u *people.User, email, name string, r people.Role) {
		*u = people.User{Email: email, Name: name, HomeMunicipalityID: w.county.ID}
		hash, err := webtest.Hasher.Hash(webtest.Password)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.DB.CreateUser(ctx, sys, u, hash); err != nil {
			t.Fatal(err)
		}
		if err := h.DB.GrantRole(ctx, sys, u.ID, &r); err != nil {
			t.Fatal(err)
		}
	}
	user(&w.admin, "admin@tfk.no", "Fylkes Admin", people.Role{Role: people.MunicipalityAdmin, MunicipalityID: w.county.ID})
	user(&w.employee, "kontakt@skienvgs.no", "Vera Kontaktlærer", people.Role{Role: people.Employee, UnitID: w.school.ID})
	h.EnrolTOTP(w.admin.ID)
	return w
}

// TestCountyKinds: POST /api/v1/municipalities takes kind county with a two-digit
// number; an upper-secondary school belongs to a county only.
func TestCountyKinds(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		ctx, sys := context.Background(), people.System()
		bad := []org.Municipality{
			{Kind: org.KindCounty, Number: "4003", Name: "Fylke med kommunenummer"},
			{Kind: org.KindMunicipality, Number: "40", Name: "Kommune med fylkesnummer"},
			{Kind: "region", Number: "41", Name: "Ukjent slag"},
		}
		for _, m := range bad {
			if err := h.DB.CreateMunicipality(ctx, sys, &m); err == nil {
				t.Errorf("%s (%s %s) was created", m.Name, m.Kind, m.Number)
			}
		}
		w := newCountyWorld(t, h)
		got, err := h.DB.GetMunicipality(ctx, w.county.ID)
		if err != nil || got.Kind != org.KindCounty || got.Number != "40" {
			t.Fatalf("county read back as %+v, %v", got, err)
		}
		if a, _ := h.DB.GetMunicipality(ctx, h.Fx.A.ID); a.Kind != org.KindMunicipality {
			t.Errorf("a municipality reads back as kind %q", a.Kind)
		}
		vgs := org.Unit{MunicipalityID: h.Fx.A.ID, Name: "Vgs i kommunen", Kind: org.UpperSecondary}
		if err := h.DB.CreateUnit(ctx, sys, &vgs); err == nil {
			t.Error("a municipality got an upper-secondary school")
		}
		kg := org.Unit{MunicipalityID: w.county.ID, Name: "Barnehage i fylket", Kind: org.Kindergarten}
		if err := h.DB.CreateUnit(ctx, sys, &kg); err == nil {
			t.Error("a county got a kindergarten")
		}
	})
}

// TestTransferToCountySchool: a log moves to a teacher at the county's
// upper-secondary school only with a consent covering the school; on acceptance it
// belongs to the county, the old holder reads it for 30 days and not after, nobody
// else of the old municipality keeps access, admins on either side see no content, a
// second acceptance is a conflict and the move is in both organisations' audits.
func TestTransferToCountySchool(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		w := newCountyWorld(t, h)
		holder, leader, writer := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.EmployeeA2)
		teacher := h.Login(w.employee)

		// Without a consent covering the school: 422, nothing changed.
		id := o.activeLog(holder, fx.UnitA.ID, "Ola Overgang", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(holder, id, fx.EmployeeA2.ID, "write")
		res := h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": w.employee.ID})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("transfer without covering consent = %d, want 422: %s", res.Status, res.Body)
		}
		lg := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, holder, nil))
		if lg.PendingTransfer != nil || lg.Holder.ID != fx.EmployeeA.ID || lg.MunicipalityID != fx.A.ID {
			t.Fatalf("a refused transfer changed the log: pending %v, holder %s, municipality %s", lg.PendingTransfer, lg.Holder.ID, lg.MunicipalityID)
		}
		if res := h.Do("GET", "/api/v1/logs/"+id, teacher, nil); res.Status != http.StatusNotFound {
			t.Errorf("the county teacher reads the log before any transfer: %d", res.Status)
		}
		// A consent reaching outside the municipality must cover the holder's unit too.
		if res := h.Do("POST", "/api/v1/logs/"+id+"/consents", holder, map[string]any{"covers_unit_ids": []string{w.school.ID}, "given_by": "Foresatt"}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("a consent covering only the county school = %d, want 422", res.Status)
		}

		// With it: proposed, accepted, moved.
		o.consent(holder, id, map[string]any{"given_by": "Foresatt"}, fx.UnitA.ID, w.school.ID)
		tid := o.okID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": w.employee.ID, "note": "Ola begynner på vgs."}), 201, "propose to county")
		moved := h.Clock.Now()
		o.ok(h.Do("POST", "/api/v1/transfers/"+tid+"/accept", teacher, nil), 200, "accept")
		if res := h.Do("POST", "/api/v1/transfers/"+tid+"/accept", teacher, nil); res.Status != http.StatusConflict {
			t.Errorf("second acceptance = %d, want 409", res.Status)
		}
		lg = webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, teacher, nil))
		if lg.Holder.ID != w.employee.ID || lg.Unit.ID != w.school.ID || lg.MunicipalityID != w.county.ID {
			t.Fatalf("after the move: holder %s, unit %s, municipality %s", lg.Holder.ID, lg.Unit.ID, lg.MunicipalityID)
		}
		var old *webtest.Participant
		for i, p := range lg.Participants {
			if p.UserID == fx.EmployeeA2.ID {
				t.Error("a participant of the old municipality came along")
			}
			if p.UserID == fx.EmployeeA.ID {
				old = &lg.Participants[i]
			}
		}
		if old == nil || old.Access != "read" || !old.Active {
			t.Fatalf("the old holder's participation after the move: %+v", old)
		}

		// Who reads it now.
		for who, c := range map[string]struct {
			tok  string
			want int
		}{
			"new holder": {teacher, 200}, "old holder": {holder, 200},
			"old leader": {leader, 404}, "old participant": {writer, 404},
			"county admin": {h.Login(w.admin), 404}, "old admin": {h.Login(fx.AdminA), 404},
			"other municipality": {h.Login(fx.EmployeeB), 404}, "anonymous": {"", 401},
		} {
			if res := h.Do("GET", "/api/v1/logs/"+id, c.tok, nil); res.Status != c.want {
				t.Errorf("%s reads the moved log: %d, want %d", who, res.Status, c.want)
			}
		}
		if res := h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Fra gammel holder"}); res.Status != http.StatusForbidden {
			t.Errorf("the old holder writes in the moved log: %d, want 403", res.Status)
		}
		if res := h.Do("POST", "/api/v1/logs/"+id+"/entries", teacher, map[string]any{"kind": "note", "text": "Ola har startet."}); res.Status != http.StatusCreated {
			t.Errorf("the new holder writes: %d: %s", res.Status, res.Body)
		}
		if !containsLog(t, h, holder, id) {
			t.Error("the moved log is not in the old holder's list within 30 days")
		}

		// The access log names the move.
		if body := flat(h.Page("GET", "/logg/"+id+"/tilgangslogg", teacher, nil).Doc(t).Text()); !strings.Contains(body, "flyttet loggen til en annen kommune eller fylkeskommune") {
			t.Error("the access log does not show the move")
		}
		al := webtest.Decode[webtest.AccessLog](t, h.Do("GET", "/api/v1/logs/"+id+"/access-log", teacher, nil))
		moves := 0
		for _, e := range al.Events {
			if e.Action == "log.move" {
				moves++
			}
		}
		if moves != 1 {
			t.Errorf("%d log.move records in the access log, want 1", moves)
		}
		// Both organisations' administrative audits name the move, and the log by its ID alone.
		for who, tok := range map[string]string{"old": h.Login(fx.AdminA), "new": h.Login(w.admin)} {
			n := 0
			for _, e := range webtest.Decode[adminAuditJSON](t, h.Do("GET", "/api/v1/admin/audit", tok, nil)).Events {
				if e.Action == "log.move" && e.Target.Type == "log" && e.Target.ID == id {
					n++
				}
			}
			if n != 1 {
				t.Errorf("the %s organisation's audit has %d records of the move, want 1", who, n)
			}
		}

		// 30 days on: the old holder's read access has ended.
		// Sessions end long before that: sign in again at each time.
		h.SetClock(moved.Add(30*24*time.Hour - time.Hour))
		holder, teacher = h.Login(fx.EmployeeA), h.Login(w.employee)
		if res := h.Do("GET", "/api/v1/logs/"+id, holder, nil); res.Status != http.StatusOK {
			t.Errorf("old holder on day 29 = %d, want 200", res.Status)
		}
		h.SetClock(moved.Add(30*24*time.Hour + time.Minute))
		holder, teacher = h.Login(fx.EmployeeA), h.Login(w.employee)
		if res := h.Do("GET", "/api/v1/logs/"+id, holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("old holder after 30 days = %d, want 404", res.Status)
		}
		if containsLog(t, h, holder, id) {
			t.Error("the moved log is still in the old holder's list after 30 days")
		}
		if res := h.Do("GET", "/api/v1/logs/"+id, teacher, nil); res.Status != http.StatusOK {
			t.Errorf("new holder after 30 days = %d", res.Status)
		}
	})
}

// containsLog reports whether GET /api/v1/logs lists id for tok.
func containsLog(t *testing.T, h *webtest.Harness, tok, id string) bool {
	t.Helper()
	res := h.Do("GET", "/api/v1/logs", tok, nil)
	if res.Status != http.StatusOK {
		t.Fatalf("list logs = %d", res.Status)
	}
	for _, l := range webtest.Decode[struct{ Logs []webtest.Log }](t, res).Logs {
		if l.ID == id {
			return true
		}
	}
	return false
}

// TestCloseMovedOffersTransfer: closing a log for reason moved takes the holder to
// the transfer instead, where they choose the county, find its teacher and hand the
// log over; the consent page shows the county's units; "close anyway" closes.
func TestCloseMovedOffersTransfer(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		w := newCountyWorld(t, h)
		holder := h.Login(fx.EmployeeA)
		id := o.activeLog(holder, fx.UnitA.ID, "Siri Flytter", fx.Plain.ID, fx.UnitA.ID)

		res := h.Page("POST", "/logg/"+id+"/avslutt", holder, url.Values{"reason": {"moved"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/logg/"+id+"/overforing/ny?flytting=1" {
			t.Fatalf("close for a move = %d %s, want 303 to the transfer", res.Status, res.Header.Get("Location"))
		}
		if lg := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, holder, nil)); lg.Status == "closed" {
			t.Fatal("closing for a move closed the log at once")
		}
		doc := h.Page("GET", "/logg/"+id+"/overforing/ny?flytting=1", holder, nil).Doc(t)
		if !strings.Contains(flat(doc.Text()), "Når barnet flytter, kan loggen følge med") {
			t.Error("the transfer page does not explain the move")
		}
		if doc.Find(`select[name="org"] option[value="`+w.county.ID+`"]`).Length() != 1 {
			t.Error("the county is not among the organisations to transfer to")
		}

		// The consent must cover the county school: the consent page shows its units.
		doc = h.Page("GET", "/logg/"+id+"/samtykker/ny?org="+w.county.ID, holder, nil).Doc(t)
		if doc.Find(`input[name="covers_unit_ids"][value="`+w.school.ID+`"]`).Length() != 1 {
			t.Error("the consent page does not offer the county school")
		}
		o.consent(holder, id, map[string]any{"given_by": "Foresatt"}, fx.UnitA.ID, w.school.ID)

		doc = h.Page("GET", "/logg/"+id+"/overforing/ny?flytting=1&org="+w.county.ID+"&q=Vera", holder, nil).Doc(t)
		if doc.Find(`input[name="to_user_id"][value="`+w.employee.ID+`"]`).Length() != 1 {
			t.Fatal("the search in the county does not find its teacher")
		}
		if doc.Find(`input[name="org"][value="`+w.county.ID+`"]`).Length() != 1 {
			t.Error("the transfer form does not keep the chosen organisation")
		}
		res = h.Page("POST", "/logg/"+id+"/overforing", holder, url.Values{"to_user_id": {w.employee.ID}, "org": {w.county.ID}, "q": {"Vera"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("transfer from the page = %d: %s", res.Status, res.Body)
		}
		lg := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id, holder, nil))
		if lg.PendingTransfer == nil || lg.PendingTransfer.ToUserID != w.employee.ID {
			t.Fatalf("no transfer to the county teacher waits: %+v", lg.PendingTransfer)
		}

		// Close anyway: another log, closed for a move on purpose.
		id2 := o.activeLog(holder, fx.UnitA.ID, "Per Lukker", fx.Plain.ID, fx.UnitA.ID)
		res = h.Page("POST", "/logg/"+id2+"/avslutt", holder, url.Values{"reason": {"moved"}, "close_anyway": {"true"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/logg/"+id2 {
			t.Fatalf("close anyway = %d %s", res.Status, res.Header.Get("Location"))
		}
		if lg := webtest.Decode[webtest.Log](t, h.Do("GET", "/api/v1/logs/"+id2, holder, nil)); lg.Status != "closed" || lg.ClosureReason != "moved" {
			t.Errorf("close anyway left the log %s (%s)", lg.Status, lg.ClosureReason)
		}
	})
}
