package web_test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"mime/multipart"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"stafett/internal/people"
	"stafett/internal/web/webtest"
)

// logOps builds logs through the API for the access tests, failing the test on any
// unexpected answer.
type logOps struct {
	t testing.TB
	h *webtest.Harness
}

// ok checks res's status and returns its JSON object body, if it has one.
func (o logOps) ok(res *webtest.Response, status int, what string) map[string]any {
	o.t.Helper()
	if res.Status != status {
		o.t.Fatalf("%s: status %d, want %d: %s", what, res.Status, status, res.Body)
	}
	if len(res.Body) == 0 || res.Body[0] != '{' {
		return nil
	}
	return res.JSON(o.t)
}

// okID checks res's status and returns the "id" of its body, failing when it has none.
func (o logOps) okID(res *webtest.Response, status int, what string) string {
	o.t.Helper()
	o.ok(res, status, what)
	return webtest.IDOf(o.t, res)
}

// okAs checks res's status and decodes its body into a T.
func okAs[T any](o logOps, res *webtest.Response, status int, what string) T {
	o.t.Helper()
	o.ok(res, status, what)
	return webtest.Decode[T](o.t, res)
}

// person creates a user with the test password through the API (as adminTok), an
// employee of unitID unless it is empty.
func (o logOps) person(adminTok, email, name, unitID string) people.User {
	o.t.Helper()
	uid := o.okID(o.h.Do("POST", "/api/v1/users", adminTok, map[string]any{"email": email, "name": name, "password": webtest.Password}), 201, "create user "+email)
	u := people.User{ID: uid, Email: email, Name: name}
	if unitID != "" {
		o.ok(o.h.Do("POST", "/api/v1/users/"+u.ID+"/roles", adminTok, map[string]any{"role": "employee", "unit_id": unitID}), 201, "employ "+email)
	}
	return u
}

// open starts an undring in unit and returns its ID.
func (o logOps) open(tok, unit string, child map[string]any, concern string) string {
	o.t.Helper()
	return o.okID(o.h.Do("POST", "/api/v1/logs", tok, map[string]any{"unit_id": unit, "child": child, "concern": concern}), 201, "open log")
}

func (o logOps) guardian(tok, id, uid string, responsible bool) {
	o.t.Helper()
	o.ok(o.h.Do("POST", "/api/v1/logs/"+id+"/guardians", tok, map[string]any{"user_id": uid, "parental_responsibility": responsible}), 201, "link guardian")
}

// consent registers a consent covering units (with optional extra fields) and returns its ID.
func (o logOps) consent(tok, id string, extra map[string]any, units ...string) string {
	o.t.Helper()
	in := map[string]any{"covers_unit_ids": units}
	for k, v := range extra {
		in[k] = v
	}
	return o.okID(o.h.Do("POST", "/api/v1/logs/"+id+"/consents", tok, in), 201, "consent")
}

// consentWithFile registers a paper consent with its scanned form and returns its ID.
func (o logOps) consentWithFile(tok, id, givenBy string, units ...string) string {
	o.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, u := range units {
		_ = mw.WriteField("covers_unit_ids", u)
	}
	_ = mw.WriteField("given_by", givenBy)
	fw, err := mw.CreateFormFile("file", "samtykke.pdf")
	if err != nil {
		o.t.Fatal(err)
	}
	_, _ = fw.Write([]byte("%PDF-1.4\n% signert samtykkeskjema for " + givenBy + "\n%%EOF\n"))
	if err := mw.Close(); err != nil {
		o.t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/api/v1/logs/"+id+"/consents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	return o.okID(o.h.Serve(req), 201, "consent with file")
}

func (o logOps) level(tok, id string, level int) {
	o.t.Helper()
	o.ok(o.h.Do("POST", "/api/v1/logs/"+id+"/level", tok, map[string]any{"level": level, "reason": "Samtykke gitt"}), 200, "change level")
}

func (o logOps) participant(tok, id, uid, access string) {
	o.t.Helper()
	o.ok(o.h.Do("POST", "/api/v1/logs/"+id+"/participants", tok, map[string]any{"user_id": uid, "access": access}), 201, "add participant")
}

func (o logOps) note(tok, id, text string) string {
	o.t.Helper()
	return o.okID(o.h.Do("POST", "/api/v1/logs/"+id+"/entries", tok, map[string]any{"kind": "note", "text": text}), 201, "note")
}

// activeLog opens a log in unit, links guardian with parental responsibility,
// registers consent for units and activates it at level 1.
func (o logOps) activeLog(tok, unit, childName, guardian string, units ...string) string {
	o.t.Helper()
	id := o.open(tok, unit, map[string]any{"name": childName, "birth_date": "2016-05-01"}, "Bekymret for "+childName)
	o.guardian(tok, id, guardian, true)
	o.consent(tok, id, map[string]any{"given_by": "Foresatt"}, units...)
	o.level(tok, id, 1)
	return id
}

// unknownID is shaped like a stored ID but names nothing.
func unknownID(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// idorRoute is one route under /api/v1/logs/{id}; suffix holds %s for a sub-object ID
// when the route has one. body gets the acting user's own ID, so a request that got
// through would attach the actor to the log.
type idorRoute struct {
	name   string
	method string
	suffix string
	Body   func(self string) any
}

// idorCase is one request in the sweep and its twin: the same request with the log
// (or, when the log is one the actor may see, the sub-object) replaced by an ID that
// names nothing.
type idorCase struct {
	name   string
	method string
	path   string
	twin   string
	Body   func(self string) any
	hidden bool // must be 404; otherwise 404, or 403 where the actor may not do this to its own log
}

// TestIDORSweep calls every log route with another log's ID, and with sub-objects of
// one log under the other's path, as everyone related to log X but not to log Y.
// Every such request must answer exactly as for an ID that does not exist, reveal
// nothing of Y and change nothing.
func TestIDORSweep(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		o := logOps{t, h}
		adminTok := h.Login(fx.AdminA)
		nurseY := o.person(adminTok, "ylva@skien.no", "Ylva Ytre-Helse", fx.UnitA2.ID)
		nurseY2 := o.person(adminTok, "yngvild@skien.no", "Yngvild Yrkesaktiv", fx.UnitA2.ID)
		guardianY := o.person(adminTok, "yngve@example.no", "Yngve Zakariassen", "")

		// Log X: held by EmployeeA at the school, guardian Plain, paper consent for the
		// school and the health station, EmployeeA2 taking part with read access.
		xHolder := h.Login(fx.EmployeeA)
		x := o.open(xHolder, fx.UnitA.ID, map[string]any{"name": "Ola Nilsen", "initials": "ON", "birth_date": "2017-03-14"},
			"Ola virker sliten og trekker seg unna.")
		o.guardian(xHolder, x, fx.Plain.ID, true)
		xConsent := o.consentWithFile(xHolder, x, "Frida Forelder", fx.UnitA.ID, fx.UnitA2.ID)
		o.level(xHolder, x, 1)
		o.participant(xHolder, x, fx.EmployeeA2.ID, "read")
		xEntry := o.note(xHolder, x, "Samtale med Ola i friminuttet.")

		// Log Y: held by another nurse at the same health station, with its own
		// guardian, participant, consent (with a scanned form), entry and a pending
		// transfer. The child is of consent age, so a youth link would be possible.
		yHolder := h.Login(nurseY)
		y := o.open(yHolder, fx.UnitA2.ID, map[string]any{"name": "Yrsa Zakariassen", "initials": "YZ", "birth_date": "2010-04-17"},
			"Yrsa har mye ugyldig fravær fra helsestasjonen.")
		o.guardian(yHolder, y, guardianY.ID, true)
		yConsent := o.consentWithFile(yHolder, y, "Yngve Zakariassen", fx.UnitA2.ID)
		o.level(yHolder, y, 1)
		o.participant(yHolder, y, nurseY2.ID, "read")
		yEntry := o.note(yHolder, y, "Yrsa kom til samtale og fortalte om søvnvansker.")
		yTransfer := o.okID(h.Do("POST", "/api/v1/logs/"+y+"/transfers", yHolder, map[string]any{"to_user_id": nurseY2.ID, "note": "Yrsa bytter helsesykepleier"}), 201, "propose transfer")
		// What must never appear in an answer to someone unrelated to Y.
		ySecrets := []string{"Yrsa", "Zakariassen", "YZ", "2010-04-17", "ugyldig fravær", "søvnvansker", "Ylva", "Yngvild", "Yngve", y, yConsent, yEntry, yTransfer}

		// Each log as its holder sees it, to show afterwards that the sweep changed nothing.
		yRead, xRead := h.Do("GET", "/api/v1/logs/"+y, yHolder, nil), h.Do("GET", "/api/v1/logs/"+x, xHolder, nil)
		o.ok(yRead, 200, "read Y as its holder")
		o.ok(xRead, 200, "read X as its holder")
		yBeforeBody, xBeforeBody := yRead.Body, xRead.Body

		units := []string{fx.UnitA.ID, fx.UnitA2.ID}
		fixed := func(v any) func(string) any { return func(string) any { return v } }
		logRoutes := []idorRoute{
			{"read_log", "GET", "", nil},
			{"read_access_log", "GET", "/access-log", nil},
			{"export_log", "GET", "/export", nil},
			{"change_level", "POST", "/level", fixed(map[string]any{"level": 2, "reason": "Trenger flere tjenester"})},
			{"decide_undring", "POST", "/undring-decision", fixed(map[string]any{"outcome": "closed", "text": "Ikke lenger bekymret"})},
			{"close_log", "POST", "/close", fixed(map[string]any{"reason": "goal_reached", "text": "Målet er nådd"})},
			{"link_self_as_guardian", "POST", "/guardians", func(self string) any {
				return map[string]any{"user_id": self, "parental_responsibility": true}
			}},
			{"link_self_as_youth", "POST", "/youth", func(self string) any { return map[string]any{"user_id": self} }},
			{"register_consent", "POST", "/consents", fixed(map[string]any{"covers_unit_ids": units, "given_by": "Ukjent"})},
			{"add_self_as_participant", "POST", "/participants", func(self string) any { return map[string]any{"user_id": self, "access": "write"} }},
			{"add_note", "POST", "/entries", fixed(map[string]any{"kind": "note", "text": "Et notat"})},
			{"propose_transfer_to_self", "POST", "/transfers", func(self string) any { return map[string]any{"to_user_id": self, "note": "Gi meg loggen"} }},
		}
		subRoutes := []struct {
			idorRoute
			xSub, ySub string
		}{
			{idorRoute{"suspend_guardian", "POST", "/guardians/%s/suspend", fixed(map[string]any{"reason": "Vedtak fra barnevernet"})}, fx.Plain.ID, guardianY.ID},
			{idorRoute{"withdraw_consent", "POST", "/consents/%s/withdraw", nil}, xConsent, yConsent},
			{idorRoute{"download_consent_file", "GET", "/consents/%s/file", nil}, xConsent, yConsent},
			{idorRoute{"remove_participant", "DELETE", "/participants/%s", nil}, fx.EmployeeA2.ID, nurseY2.ID},
			{idorRoute{"amend_entry", "POST", "/entries/%s/amend", fixed(map[string]any{"text": "Rettet tekst"})}, xEntry, yEntry},
		}

		logPath := func(id, suffix string, sub ...string) string {
			if len(sub) > 0 {
				suffix = strings.Replace(suffix, "%s", sub[0], 1)
			}
			return "/api/v1/logs/" + id + suffix
		}
		var cases []idorCase
		for _, r := range logRoutes {
			cases = append(cases, idorCase{r.name + "_on_y", r.method, logPath(y, r.suffix), logPath(unknownID(t), r.suffix), r.Body, true})
		}
		for _, r := range subRoutes {
			cases = append(cases,
				idorCase{r.name + "_on_y", r.method, logPath(y, r.suffix, r.ySub), logPath(unknownID(t), r.suffix, r.ySub), r.Body, true},
				idorCase{r.name + "_of_x_through_y", r.method, logPath(y, r.suffix, r.xSub), logPath(unknownID(t), r.suffix, r.xSub), r.Body, true},
				idorCase{r.name + "_of_y_through_x", r.method, logPath(x, r.suffix, r.ySub), logPath(x, r.suffix, unknownID(t)), r.Body, false},
			)
		}
		for _, answer := range []string{"accept", "decline"} {
			cases = append(cases, idorCase{answer + "_transfer_of_y", "POST", "/api/v1/transfers/" + yTransfer + "/" + answer,
				"/api/v1/transfers/" + unknownID(t) + "/" + answer, nil, true})
		}

		actors := []struct {
			name      string
			user      people.User
			readsX    bool
			relatedTo string
		}{
			{"x_holder", fx.EmployeeA, true, "holder of X"},
			{"x_read_participant_same_unit_as_y", fx.EmployeeA2, true, "read participant of X"},
			{"x_guardian", fx.Plain, true, "guardian of X"},
			{"leader_of_x_unit", fx.LeaderA, true, "leader of X's unit"},
			{"admin_of_x_municipality", fx.AdminA, false, "admin of X's municipality"},
			{"admin_of_other_municipality", fx.AdminB, false, "admin of another municipality"},
			{"system_admin", fx.SysAdmin, false, "system admin"},
			{"employee_of_other_municipality", fx.EmployeeB, false, "employee elsewhere"},
		}
		for _, a := range actors {
			t.Run(a.name, func(t *testing.T) {
				tok := h.Login(a.user)
				// The actor really is related to X: the sweep would prove little otherwise.
				if res := h.Do("GET", "/api/v1/logs/"+x, tok, nil); a.readsX && res.Status != 200 {
					t.Fatalf("%s cannot read X: %d %s", a.relatedTo, res.Status, res.Body)
				}
				for _, c := range cases {
					t.Run(c.name, func(t *testing.T) {
						var body any
						if c.Body != nil {
							body = c.Body(a.user.ID)
						}
						got := h.Do(c.method, c.path, tok, body)
						twin := h.Do(c.method, c.twin, tok, body)
						switch {
						case c.hidden && got.Status != 404:
							t.Errorf("%s %s as %s = %d, want 404\n%s", c.method, c.path, a.relatedTo, got.Status, got.Body)
						case !c.hidden && got.Status != 404 && got.Status != 403:
							t.Errorf("%s %s as %s = %d, want 404 (or 403 if not allowed on X at all)\n%s", c.method, c.path, a.relatedTo, got.Status, got.Body)
						}
						if got.Status != twin.Status || !bytes.Equal(got.Body, twin.Body) ||
							got.Header.Get("Content-Type") != twin.Header.Get("Content-Type") {
							t.Errorf("%s %s as %s answers differently from an unknown ID:\n got  %d %s\n twin %d %s",
								c.method, c.path, a.relatedTo, got.Status, got.Body, twin.Status, twin.Body)
						}
						for _, s := range ySecrets {
							if bytes.Contains(got.Body, []byte(s)) {
								t.Errorf("%s %s as %s reveals %q of Y: %s", c.method, c.path, a.relatedTo, s, got.Body)
							}
						}
					})
				}
				t.Run("lists_show_nothing_of_y", func(t *testing.T) {
					for _, p := range []string{"/api/v1/logs", "/api/v1/transfers"} {
						res := h.Do("GET", p, tok, nil)
						if res.Status != 200 {
							t.Errorf("GET %s = %d %s", p, res.Status, res.Body)
						}
						for _, s := range ySecrets {
							if bytes.Contains(res.Body, []byte(s)) {
								t.Errorf("GET %s as %s reveals %q of Y: %s", p, a.relatedTo, s, res.Body)
							}
						}
					}
				})
			})
		}

		t.Run("y_and_x_are_unchanged", func(t *testing.T) {
			if after := h.Do("GET", "/api/v1/logs/"+y, yHolder, nil).Body; !bytes.Equal(after, yBeforeBody) {
				t.Errorf("Y changed during the sweep:\nbefore %s\nafter  %s", yBeforeBody, after)
			}
			if after := h.Do("GET", "/api/v1/logs/"+x, xHolder, nil).Body; !bytes.Equal(after, xBeforeBody) {
				t.Errorf("X changed during the sweep:\nbefore %s\nafter  %s", xBeforeBody, after)
			}
		})
		t.Run("y_access_log_names_only_its_own_people", func(t *testing.T) {
			events := okAs[webtest.AccessLog](o, h.Do("GET", "/api/v1/logs/"+y+"/access-log", yHolder, nil), 200, "Y's access log").Events
			for _, ev := range events {
				if id := ev.Actor.ID; id != nurseY.ID {
					t.Errorf("Y's access log has an event by %v: %+v", id, ev)
				}
			}
		})
	})
}

// TestListMatchesPolicy checks, for every user and logs in many states, that the
// list of logs is exactly the set of logs the user can open, and that this set is
// what DESIGN.md §4 says.
func TestListMatchesPolicy(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		o := logOps{t, h}
		adminTok := h.Login(fx.AdminA)
		guardianZ := o.person(adminTok, "zara@example.no", "Zara Verge", "")
		youthQ := o.person(adminTok, "ulrik@example.no", "Ulrik Ungdom", "")
		youthS := o.person(adminTok, "siri@example.no", "Siri Suspendert", "")
		users := []struct {
			name string
			user people.User
		}{
			{"system_admin", fx.SysAdmin}, {"admin_A", fx.AdminA}, {"admin_B", fx.AdminB}, {"leader_A", fx.LeaderA},
			{"employee_A", fx.EmployeeA}, {"employee_A2", fx.EmployeeA2}, {"employee_B", fx.EmployeeB},
			{"plain_guardian", fx.Plain}, {"guardian_Z", guardianZ}, {"youth_Q", youthQ}, {"youth_S", youthS},
		}
		tok := map[string]string{}
		for _, u := range users {
			tok[u.name] = h.Login(u.user)
		}
		emp, nurse, leader, guardian := tok["employee_A"], tok["employee_A2"], tok["leader_A"], tok["plain_guardian"]
		const expiry = "2026-12-01T09:00:00Z" // 8 days after the webtest.Harness webtest.Clock starts

		type logCase struct {
			name    string
			id      string
			readers []string // who may read it, per DESIGN.md §4
			// readersBefore, when set, is who may read it before the consent expiry.
			readersBefore []string
		}
		var logs []logCase
		add := func(name, id string, readers ...string) {
			logs = append(logs, logCase{name: name, id: id, readers: readers})
		}

		add("undring_of_employee_at_school",
			o.open(emp, fx.UnitA.ID, map[string]any{"initials": "AB", "birth_date": "2018-01-02"}, "Undrer meg over AB."),
			"employee_A", "leader_A")
		add("undring_of_nurse_at_health_station",
			o.open(nurse, fx.UnitA2.ID, map[string]any{"initials": "CD", "birth_date": "2018-01-02"}, "Undrer meg over CD."),
			"employee_A2")

		id := o.activeLog(emp, fx.UnitA.ID, "Aktiv Deltaker", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(emp, id, fx.EmployeeA2.ID, "write")
		add("active_with_write_participant", id, "employee_A", "leader_A", "employee_A2", "plain_guardian")

		id = o.activeLog(nurse, fx.UnitA2.ID, "Lukket Logg", fx.Plain.ID, fx.UnitA2.ID, fx.UnitA.ID)
		o.participant(nurse, id, fx.EmployeeA.ID, "read")
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/close", nurse, map[string]any{"reason": "goal_reached", "text": "Bra nå"}), 200, "close")
		add("closed_with_read_participant", id, "employee_A2", "employee_A", "plain_guardian")

		id = o.activeLog(emp, fx.UnitA.ID, "Trukket Samtykke", fx.Plain.ID, fx.UnitA.ID)
		cid := o.consent(emp, id, nil, fx.UnitA2.ID)
		o.participant(emp, id, fx.EmployeeA2.ID, "read")
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/consents/"+cid+"/withdraw", guardian, nil), 200, "withdraw consent")
		add("participant_consent_withdrawn", id, "employee_A", "leader_A", "plain_guardian")

		id = o.activeLog(emp, fx.UnitA.ID, "Suspendert Verge", fx.Plain.ID, fx.UnitA.ID)
		o.guardian(emp, id, guardianZ.ID, true)
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/guardians/"+fx.Plain.ID+"/suspend", leader, map[string]any{"reason": "Vedtak fra barnevernet"}), 200, "suspend")
		add("guardian_suspended", id, "employee_A", "leader_A", "guardian_Z")

		id = o.open(emp, fx.UnitA.ID, map[string]any{"name": "Uten Ansvar", "birth_date": "2016-05-01"}, "Bekymret.")
		o.guardian(emp, id, fx.Plain.ID, false)
		o.guardian(emp, id, guardianZ.ID, true)
		o.consent(emp, id, nil, fx.UnitA.ID)
		o.level(emp, id, 1)
		add("guardian_without_parental_responsibility", id, "employee_A", "leader_A", "guardian_Z")

		id = o.activeLog(emp, fx.UnitA.ID, "Utløpt Samtykke", fx.Plain.ID, fx.UnitA.ID)
		o.consent(emp, id, map[string]any{"expires_at": expiry}, fx.UnitA2.ID)
		o.participant(emp, id, fx.EmployeeA2.ID, "read")
		logs = append(logs, logCase{name: "participant_consent_expired", id: id,
			readers:       []string{"employee_A", "leader_A", "plain_guardian"},
			readersBefore: []string{"employee_A", "leader_A", "plain_guardian", "employee_A2"}})

		id = o.activeLog(emp, fx.UnitA.ID, "Fjernet Aktør", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(emp, id, fx.EmployeeA2.ID, "read")
		o.ok(h.Do("DELETE", "/api/v1/logs/"+id+"/participants/"+fx.EmployeeA2.ID, emp, nil), 204, "remove participant")
		add("participant_removed", id, "employee_A", "leader_A", "plain_guardian")

		id = o.activeLog(emp, fx.UnitA.ID, "Overført Barn", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		tr := o.okID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", emp, map[string]any{"to_user_id": fx.EmployeeA2.ID, "note": "Over til deg"}), 201, "propose")
		o.ok(h.Do("POST", "/api/v1/transfers/"+tr+"/accept", nurse, nil), 200, "accept")
		add("transferred_to_health_station", id, "employee_A2", "employee_A", "plain_guardian")

		id = o.open(emp, fx.UnitA.ID, map[string]any{"name": "Avsluttet Undring", "birth_date": "2016-05-01"}, "Bekymret.")
		o.guardian(emp, id, fx.Plain.ID, true)
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/undring-decision", emp, map[string]any{"outcome": "closed", "text": "Ikke grunn til uro"}), 200, "decide")
		add("undring_closed_by_decision", id, "employee_A", "leader_A")

		id = o.activeLog(tok["employee_B"], fx.UnitB.ID, "Annen Kommune", fx.Plain.ID, fx.UnitB.ID)
		add("active_in_other_municipality", id, "employee_B", "plain_guardian")

		id = o.open(emp, fx.UnitA.ID, map[string]any{"name": "Ulrik Ungdom", "birth_date": "2010-01-01"}, "Ulrik er mye borte.")
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/youth", emp, map[string]any{"user_id": youthQ.ID}), 201, "link youth")
		o.consent(emp, id, nil, fx.UnitA.ID)
		o.level(emp, id, 1)
		add("youth_of_consent_age", id, "employee_A", "leader_A", "youth_Q")

		// The only way to suspend a youth is through a guardian link of the same user;
		// the policy then hides the log from them ("a suspension ends the youth's link
		// as it does a guardian's").
		id = o.open(emp, fx.UnitA.ID, map[string]any{"name": "Siri Suspendert", "birth_date": "2010-01-01"}, "Siri er mye borte.")
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/youth", emp, map[string]any{"user_id": youthS.ID}), 201, "link youth")
		o.consent(emp, id, nil, fx.UnitA.ID)
		o.level(emp, id, 1)
		o.guardian(emp, id, youthS.ID, true)
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/guardians/"+youthS.ID+"/suspend", leader, map[string]any{"reason": "Vedtak fra barnevernet"}), 200, "suspend youth")
		add("youth_suspended", id, "employee_A", "leader_A")

		// A wrong link corrected: the unlinked guardian and youth read nothing, the
		// guardian linked instead does.
		id = o.activeLog(emp, fx.UnitA.ID, "Feil Verge", fx.Plain.ID, fx.UnitA.ID)
		o.ok(h.Do("DELETE", "/api/v1/logs/"+id+"/guardians/"+fx.Plain.ID, emp, map[string]any{"reason": "Feil person"}), 204, "unlink guardian")
		o.guardian(emp, id, guardianZ.ID, true)
		add("guardian_unlinked", id, "employee_A", "leader_A", "guardian_Z")

		id = o.open(emp, fx.UnitA.ID, map[string]any{"name": "Feil Ungdom", "birth_date": "2010-01-01"}, "Feil ungdom koblet.")
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/youth", emp, map[string]any{"user_id": youthQ.ID}), 201, "link youth")
		o.consent(emp, id, nil, fx.UnitA.ID)
		o.level(emp, id, 1)
		o.ok(h.Do("DELETE", "/api/v1/logs/"+id+"/youth/"+youthQ.ID, leader, map[string]any{"reason": "Feil ungdom"}), 204, "unlink youth")
		add("youth_unlinked", id, "employee_A", "leader_A")

		names := map[string]string{}
		for _, l := range logs {
			names[l.id] = l.name
		}
		named := func(ids []string) []string {
			out := make([]string, 0, len(ids))
			for _, id := range ids {
				if n, ok := names[id]; ok {
					out = append(out, n)
				} else {
					out = append(out, "unknown log "+id)
				}
			}
			slices.Sort(out)
			return out
		}

		check := func(t *testing.T, before bool) {
			for _, u := range users {
				t.Run(u.name, func(t *testing.T) {
					res := h.Do("GET", "/api/v1/logs", tok[u.name], nil)
					if res.Status != 200 {
						t.Fatalf("GET /api/v1/logs = %d %s", res.Status, res.Body)
					}
					var listed []string
					for _, l := range webtest.Decode[webtest.LogList](t, res).Logs {
						listed = append(listed, l.ID)
					}
					var readable, designed []string
					for _, l := range logs {
						show := h.Do("GET", "/api/v1/logs/"+l.id, tok[u.name], nil)
						switch show.Status {
						case 200:
							readable = append(readable, l.id)
						case 404:
						default:
							t.Errorf("GET log %s = %d, want 200 or 404: %s", l.name, show.Status, show.Body)
						}
						readers := l.readers
						if before && l.readersBefore != nil {
							readers = l.readersBefore
						}
						if slices.Contains(readers, u.name) {
							designed = append(designed, l.id)
						}
					}
					if got, want := named(listed), named(readable); !slices.Equal(got, want) {
						t.Errorf("GET /api/v1/logs lists %v\nbut GET /api/v1/logs/{id} answers 200 for %v", got, want)
					}
					if got, want := named(readable), named(designed); !slices.Equal(got, want) {
						t.Errorf("GET /api/v1/logs/{id} answers 200 for %v\nbut DESIGN.md §4 lets them read %v", got, want)
					}
				})
			}
		}
		t.Run("before_consent_expiry", func(t *testing.T) { check(t, true) })
		// Move exactly to the expiry instant: the consent is no longer valid.
		at, _ := time.Parse(time.RFC3339, expiry)
		h.Clock.Add(at.Sub(h.Clock.Now()))
		for _, u := range users { // sessions do not last eight days
			tok[u.name] = h.Login(u.user)
		}
		t.Run("at_consent_expiry", func(t *testing.T) { check(t, false) })
	})
}
