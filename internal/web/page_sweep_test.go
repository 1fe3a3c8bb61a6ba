package web_test

import (
	"net/http"
	"net/url"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

// pageWorld is one active log seen from every side: Lars Lærer holds it at Myren
// skole, Rita Rektor leads the school, Hege Helse takes part with write access from
// the health station, Frida Forelder is a guardian and Gunnar Verge a guardian whose
// access the leader has suspended. Kari Kollega works at the same school but is not
// on the log; Pia Lærer works in another municipality.
type pageWorld struct {
	id, entry, measure string
	consent            string // the consent covering the school and the health station
	concern            string
	gunnarID           string
	childSecrets       []string // the child's data: shown only to those who read the log
	secrets            []string // childSecrets and the family's names
	tok                struct {
		holder, leader, participant, guardian, suspended, colleague, outsider, admin, sysadmin string
	}
}

func newPageWorld(t testing.TB, h *webtest.Harness) *pageWorld {
	t.Helper()
	fx, o := h.Fx, logOps{t, h}
	w := &pageWorld{concern: "Åse gråter ofte i garderoben etter friminuttet."}
	w.tok.admin = h.Login(fx.AdminA)
	colleague := o.person(w.tok.admin, "kollega@skien.no", "Kari Kollega", fx.UnitA.ID)
	gunnar := o.person(w.tok.admin, "gunnar@example.no", "Gunnar Verge", "")
	w.gunnarID = gunnar.ID
	w.tok.holder, w.tok.leader, w.tok.participant = h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.EmployeeA2)
	w.tok.guardian, w.tok.colleague, w.tok.outsider = h.Login(fx.Plain), h.Login(colleague), h.Login(fx.EmployeeB)
	w.tok.sysadmin = h.Login(fx.SysAdmin)

	w.id = o.open(w.tok.holder, fx.UnitA.ID, map[string]any{"name": "Åse Bjørnstad", "initials": "ÅB", "birth_date": "2016-05-01"}, w.concern)
	o.guardian(w.tok.holder, w.id, fx.Plain.ID, true)
	o.guardian(w.tok.holder, w.id, gunnar.ID, true)
	w.consent = o.consent(w.tok.holder, w.id, map[string]any{"given_by": "Frida Forelder"}, fx.UnitA.ID, fx.UnitA2.ID)
	o.level(w.tok.holder, w.id, 1)
	o.participant(w.tok.holder, w.id, fx.EmployeeA2.ID, "write")
	api := "/api/v1/logs/" + w.id
	w.entry = o.note(w.tok.holder, w.id, "Samtale med Åse i friminuttet.")
	o.ok(h.Do("POST", api+"/entries/"+w.entry+"/amend", w.tok.holder, map[string]any{"text": "Samtale med Åse og mor i friminuttet."}), 201, "amend")
	w.measure = o.okID(h.Do("POST", api+"/entries", w.tok.participant, map[string]any{"kind": "measure", "goal": "Åse trives i garderoben",
		"text": "En voksen er i garderoben etter friminuttet.", "responsible_user_id": fx.EmployeeA2.ID,
		"start_date": "2026-11-23", "evaluate_by": "2027-01-15"}), 201, "measure")
	o.ok(h.Do("POST", api+"/entries", w.tok.holder, map[string]any{"kind": "evaluation", "measure_id": w.measure,
		"outcome": "partly", "text": "Bedre, men ikke hver dag."}), 201, "evaluation")
	o.ok(h.Do("POST", api+"/entries", w.tok.guardian, map[string]any{"kind": "bright_spot", "text": "Åse syklet til skolen!"}), 201, "bright spot")
	o.ok(h.Do("POST", api+"/guardians/"+gunnar.ID+"/suspend", w.tok.leader, map[string]any{"reason": "Vedtak fra barnevernet"}), 200, "suspend")
	w.tok.suspended = h.Login(gunnar)
	w.childSecrets = []string{"Åse", "Bjørnstad", "2016-05-01", "1. mai 2016", "garderoben", "friminuttet", "syklet"}
	w.secrets = append([]string{"Frida Forelder", "Gunnar Verge"}, w.childSecrets...)
	return w
}

// sight is what one person must get from one page: the status, elements (CSS
// selectors) that must and must not be there, and text that must and must not be.
// Unless child is set, none of the child's data may appear.
type sight struct {
	Status      int
	has, hasNot []string
	says, not   []string
	child       bool
}

// TestPagesByRole requests every HTML page (and the PDF) as everyone around one log
// and checks what each of them gets. Whoever is not listed for a page must get the
// very page a log that does not exist gets, with nothing of the child or the family.
func TestPagesByRole(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w, fx := newPageWorld(t, h), h.Fx
		logp := "/logg/" + w.id
		form := func(suffix string) string { return `form[method="post"][action="` + logp + suffix + `"]` }
		link := func(href string) string { return `a[href="` + href + `"]` }
		search := func(suffix string) string {
			return `form[method="get"][action="` + logp + suffix + `"] input[name="q"]`
		}
		const (
			register = "Registrer samtykke fra skjema"
			give     = "Når du samtykker, kan de ansatte som blir lagt til fra tjenestene du krysser av, lese og skrive i loggen om barnet ditt."
		)
		ok := func(s sight) sight { s.Status = http.StatusOK; return s }
		forbidden := sight{Status: http.StatusForbidden}
		tok := map[string]string{"holder": w.tok.holder, "leader": w.tok.leader, "participant": w.tok.participant,
			"guardian": w.tok.guardian, "colleague": w.tok.colleague, "other_municipality": w.tok.outsider,
			"municipality_admin": w.tok.admin, "system_admin": w.tok.sysadmin}
		names := map[string]string{"holder": fx.EmployeeA.Name, "leader": fx.LeaderA.Name, "participant": fx.EmployeeA2.Name,
			"guardian": fx.Plain.Name, "colleague": "Kari Kollega", "other_municipality": fx.EmployeeB.Name,
			"municipality_admin": fx.AdminA.Name, "system_admin": fx.SysAdmin.Name}
		notOnLog := ok(sight{hasNot: []string{link(logp)}})
		// An administrator with no logs starts on the administration pages.
		toAdmin := sight{Status: http.StatusSeeOther, hasNot: []string{link(logp)}}

		pages := []struct {
			name, path string
			see        map[string]sight // everyone else: 404
		}{
			{"Overview", "/", map[string]sight{
				"holder":             ok(sight{has: []string{link(logp), link("/logg/ny")}, says: []string{"Åse Bjørnstad"}, child: true}),
				"leader":             ok(sight{has: []string{link(logp)}, says: []string{"Åse Bjørnstad"}, child: true}),
				"participant":        ok(sight{has: []string{link(logp)}, says: []string{"Åse Bjørnstad"}, child: true}),
				"guardian":           ok(sight{has: []string{link(logp)}, hasNot: []string{link("/logg/ny")}, says: []string{"Åse Bjørnstad"}, child: true}),
				"colleague":          ok(sight{hasNot: []string{link(logp)}, has: []string{link("/logg/ny")}}),
				"other_municipality": notOnLog, "municipality_admin": toAdmin, "system_admin": toAdmin,
			}},
			{"Log", logp, map[string]sight{
				"holder": ok(sight{child: true,
					has: []string{link(logp + "/avslutt"), search("/overforing/ny"), search("/aktorer/ny"), link(logp + "/samtykker/ny"), form("/foresatte"), form("/niva"),
						link(logp + "/innslag/ny?type=measure"), link(logp + "/aktorer/" + fx.EmployeeA2.ID + "/fjern"), link(logp + "/pdf"), link(logp + "/tilgangslogg")},
					hasNot: []string{`a[href$="/suspender"]`, form("/aktorer"), form("/overforing"), form("/samtykker"), form("/avslutt"), form("/innslag")},
					says:   []string{"Åse Bjørnstad", w.concern, register, "Gunnar Verge – tilgangen er stanset", "larer@skien.no", "Samtale med Åse og mor i friminuttet."},
					not:    []string{give}}),
				"leader": ok(sight{child: true,
					has:    []string{link(logp + "/avslutt"), search("/overforing/ny"), link(logp + "/foresatte/" + fx.Plain.ID + "/suspender"), link(logp + "/pdf")},
					hasNot: []string{link(logp + "/foresatte/" + w.gunnarID + "/suspender")},
					says:   []string{"Åse Bjørnstad", register}}),
				"participant": ok(sight{child: true,
					has:    []string{link(logp + "/innslag/ny?type=measure"), link(logp + "/utskrift")},
					hasNot: []string{search("/overforing/ny"), link(logp + "/avslutt"), search("/aktorer/ny"), form("/niva"), link(logp + "/samtykker/ny"), link(logp + "/pdf"), link(logp + "/tilgangslogg")},
					says:   []string{"Åse Bjørnstad", "Hege Helse, Helsestasjonen – kan lese og skrive"},
					not:    []string{register, give}}),
				"guardian": ok(sight{child: true,
					has:    []string{link(logp + "/samtykker/ny"), link(logp + "/avslutt"), link(logp + "/innslag/ny?type=bright_spot"), link(logp + "/pdf"), link(logp + "/tilgangslogg")},
					hasNot: []string{search("/overforing/ny"), search("/aktorer/ny"), form("/foresatte"), form("/niva"), link(logp + "/innslag/ny?type=measure"), `a[href$="/fjern"]`},
					says:   []string{"Åse Bjørnstad", "Gi samtykke"},
					not:    []string{register, "Gunnar", "stanset", "larer@skien.no"}}),
			}},
			{"Consent", logp + "/samtykker/ny", map[string]sight{
				"holder": ok(sight{child: true, has: []string{form("/samtykker") + ` input[name="covers_unit_ids"][value="` + fx.UnitA2.ID + `"]`, `input[name="given_by"]`},
					says: []string{"Skole", "Myren skole", "Helsestasjon", "Helsestasjonen", register}, not: []string{give, "Vestsiden skole"}}),
				"leader":      ok(sight{child: true, has: []string{form("/samtykker")}, says: []string{register}}),
				"participant": forbidden,
				"guardian": ok(sight{child: true, has: []string{form("/samtykker")}, hasNot: []string{`input[name="given_by"]`, `input[type="file"]`},
					says: []string{give, "Jeg samtykker", "Helsestasjonen"}, not: []string{register, "Gunnar"}}),
			}},
			{"Participant", logp + "/aktorer/ny?q=helse", map[string]sight{
				"holder": ok(sight{child: true, has: []string{form("/aktorer") + ` input[name="user_id"][value="` + fx.EmployeeA2.ID + `"]`, `input[name="q"][value="helse"]`},
					says: []string{"Hege Helse – Helsestasjonen"}, not: []string{"Kari Kollega", "Pia Lærer"}}),
				"leader":      ok(sight{child: true, has: []string{form("/aktorer") + ` input[name="user_id"]`}, says: []string{"Hege Helse"}}),
				"participant": forbidden, "guardian": forbidden,
			}},
			{"Transfer", logp + "/overforing/ny?q=kari", map[string]sight{
				"holder":      ok(sight{child: true, has: []string{form("/overforing") + ` input[name="to_user_id"]`, `textarea[name="note"]`}, says: []string{"Kari Kollega – Myren skole"}, not: []string{"Hege Helse"}}),
				"leader":      ok(sight{child: true, has: []string{form("/overforing") + ` input[name="to_user_id"]`}, says: []string{"Kari Kollega"}}),
				"participant": forbidden, "guardian": forbidden,
			}},
			{"NewNote", logp + "/innslag/ny?type=note", map[string]sight{
				"holder":      ok(sight{child: true, has: []string{form("/innslag") + ` input[name="kind"][value="note"]`, "textarea#entry-note-text"}, says: []string{"Skriv et notat"}}),
				"leader":      ok(sight{child: true, has: []string{form("/innslag") + ` input[name="kind"][value="note"]`}}),
				"participant": ok(sight{child: true, has: []string{form("/innslag") + ` input[name="kind"][value="note"]`}}),
				"guardian":    ok(sight{child: true, has: []string{form("/innslag") + ` input[name="kind"][value="note"]`}, not: []string{"Gunnar"}}),
			}},
			{"NewMeasure", logp + "/innslag/ny?type=measure", map[string]sight{
				"holder":      ok(sight{child: true, has: []string{"#entry-measure-goal", "#entry-measure-responsible-user-id", "#entry-measure-evaluate-by"}}),
				"leader":      ok(sight{child: true, has: []string{"#entry-measure-goal"}}),
				"participant": ok(sight{child: true, has: []string{"#entry-measure-goal"}}),
				"guardian":    forbidden,
			}},
			{"Close", logp + "/avslutt", map[string]sight{
				"holder":      ok(sight{child: true, has: []string{form("/avslutt") + ` select[name="reason"]`, "#what-happens"}, says: []string{"Loggen blir låst", "Du kan ikke angre"}}),
				"leader":      ok(sight{child: true, has: []string{form("/avslutt")}}),
				"guardian":    ok(sight{child: true, has: []string{form("/avslutt")}, says: []string{"Loggen blir låst"}, not: []string{"Gunnar"}}),
				"participant": forbidden,
			}},
			{"Withdraw", logp + "/samtykker/" + w.consent + "/trekk", map[string]sight{
				"holder":      ok(sight{child: true, has: []string{form("/samtykker/" + w.consent + "/trekk")}, says: []string{"Disse mister tilgangen med en gang:", "Hege Helse, Helsestasjonen", "Lars Lærer er stafettholder"}}),
				"leader":      ok(sight{child: true, has: []string{form("/samtykker/" + w.consent + "/trekk")}, says: []string{"Hege Helse, Helsestasjonen"}}),
				"guardian":    ok(sight{child: true, has: []string{form("/samtykker/" + w.consent + "/trekk")}, says: []string{"Hege Helse, Helsestasjonen"}, not: []string{"Gunnar"}}),
				"participant": forbidden,
			}},
			{"RemoveParticipant", logp + "/aktorer/" + fx.EmployeeA2.ID + "/fjern", map[string]sight{
				"holder":      ok(sight{child: true, has: []string{form("/aktorer/" + fx.EmployeeA2.ID + "/fjern")}, says: []string{"Fjern Hege Helse fra loggen", "Hege Helse (Helsestasjonen) mister tilgangen"}}),
				"leader":      ok(sight{child: true, has: []string{form("/aktorer/" + fx.EmployeeA2.ID + "/fjern")}}),
				"participant": forbidden, "guardian": forbidden,
			}},
			{"SuspendGuardian", logp + "/foresatte/" + fx.Plain.ID + "/suspender", map[string]sight{
				"leader": ok(sight{child: true, has: []string{form("/foresatte/"+fx.Plain.ID+"/suspender") + " textarea[name=reason]"},
					says: []string{"Stans tilgangen for Frida Forelder", "Frida Forelder ser ingenting i loggen lenger"}}),
				"holder": forbidden, "participant": forbidden, "guardian": forbidden,
			}},
			{"AccessLog", logp + "/tilgangslogg", map[string]sight{
				"holder":      ok(sight{has: []string{"table tbody tr"}, says: []string{"Rita Rektor", "stanset en foresatts tilgang", "rettet et innslag"}}),
				"leader":      ok(sight{has: []string{"table tbody tr"}, says: []string{"Lars Lærer", "stanset en foresatts tilgang"}}),
				"participant": forbidden,
				"guardian":    ok(sight{has: []string{"table tbody tr"}, says: []string{"Lars Lærer", "rettet et innslag"}, not: []string{"stanset", "Gunnar"}}),
			}},
			{"Print", logp + "/utskrift", map[string]sight{
				"holder":      ok(sight{child: true, hasNot: []string{`main form[method="post"]`}, says: []string{"Åse Bjørnstad", w.concern, "Samtale med Åse i friminuttet."}}),
				"leader":      ok(sight{child: true, hasNot: []string{`main form[method="post"]`}, says: []string{"Åse Bjørnstad", w.concern}}),
				"participant": ok(sight{child: true, hasNot: []string{`main form[method="post"]`}, says: []string{"Åse Bjørnstad", "Åse trives i garderoben"}}),
				"guardian":    ok(sight{child: true, hasNot: []string{`main form[method="post"]`}, says: []string{"Åse Bjørnstad", "Åse syklet til skolen!"}, not: []string{"Gunnar", "stanset"}}),
			}},
			{"PDF", logp + "/pdf", map[string]sight{
				"holder":      ok(sight{child: true, says: []string{"Stafettlogg for Åse Bjørnstad", "Gunnar Verge – tilgangen er stanset"}}),
				"leader":      ok(sight{child: true, says: []string{"Stafettlogg for Åse Bjørnstad", "Rita Rektor"}}),
				"participant": forbidden,
				"guardian":    ok(sight{child: true, says: []string{"Stafettlogg for Åse Bjørnstad", "Åse syklet til skolen!"}, not: []string{"Gunnar", "stanset"}}),
			}},
			{"NewUndring", "/logg/ny", map[string]sight{
				"holder":             ok(sight{has: []string{`form[action="/logg"]`}, says: []string{"Myren skole"}}),
				"leader":             ok(sight{has: []string{`form[action="/logg"]`}, says: []string{"Myren skole"}}),
				"participant":        ok(sight{has: []string{`form[action="/logg"]`}, says: []string{"Helsestasjonen"}, not: []string{"Myren skole"}}),
				"colleague":          ok(sight{has: []string{`form[action="/logg"]`}, says: []string{"Myren skole"}}),
				"other_municipality": ok(sight{has: []string{`form[action="/logg"]`}, says: []string{"Vestsiden skole"}, not: []string{"Myren skole"}}),
			}},
			{"AdminHome", "/admin", map[string]sight{
				"system_admin":       ok(sight{has: []string{link("/admin/kommuner")}}),
				"municipality_admin": ok(sight{has: []string{link("/admin/kommuner/" + fx.A.ID + "/brukere")}, hasNot: []string{link("/admin/kommuner")}}),
				"leader":             ok(sight{has: []string{link("/admin/enheter/" + fx.UnitA.ID)}}),
			}},
			{"AdminMunicipalities", "/admin/kommuner", map[string]sight{
				"system_admin": ok(sight{says: []string{"Skien", "Porsgrunn"}}),
			}},
			{"AdminMunicipality", "/admin/kommuner/" + fx.A.ID, map[string]sight{
				"system_admin":       ok(sight{says: []string{"Skien", "Anne Admin"}}),
				"municipality_admin": ok(sight{says: []string{"Skien", "Anne Admin"}}),
			}},
			{"AdminUnits", "/admin/kommuner/" + fx.A.ID + "/enheter", map[string]sight{
				"system_admin":       ok(sight{says: []string{"Myren skole", "Helsestasjonen"}}),
				"municipality_admin": ok(sight{says: []string{"Myren skole", "Helsestasjonen"}, not: []string{"Vestsiden skole"}}),
			}},
			{"AdminUsers", "/admin/kommuner/" + fx.A.ID + "/brukere", map[string]sight{
				"system_admin":       ok(sight{says: []string{"Lars Lærer", "Kari Kollega"}}),
				"municipality_admin": ok(sight{says: []string{"Lars Lærer", "Kari Kollega"}, not: []string{"Pia Lærer"}}),
			}},
			{"AdminUser", "/admin/brukere/" + fx.EmployeeA.ID, map[string]sight{
				"system_admin":       ok(sight{says: []string{"larer@skien.no"}}),
				"municipality_admin": ok(sight{says: []string{"larer@skien.no"}}),
				"leader":             ok(sight{says: []string{"larer@skien.no"}}),
			}},
			{"AdminUnit", "/admin/enheter/" + fx.UnitA.ID, map[string]sight{
				"system_admin":       ok(sight{says: []string{"Myren skole"}}),
				"municipality_admin": ok(sight{says: []string{"Kari Kollega", "Lars Lærer"}}),
				"leader":             ok(sight{says: []string{"Kari Kollega", "Lars Lærer"}}),
			}},
		}
		for _, pg := range pages {
			t.Run(pg.name, func(t *testing.T) {
				for _, role := range []string{"holder", "leader", "participant", "guardian", "colleague", "other_municipality", "municipality_admin", "system_admin"} {
					t.Run(role, func(t *testing.T) {
						res := h.Page("GET", pg.path, tok[role], nil)
						if s, ok := pg.see[role]; ok {
							w.check(t, res, s)
							return
						}
						w.checkHidden(t, h, pg.path, tok[role], names[role], res)
					})
				}
				t.Run("anonymous", func(t *testing.T) {
					res := h.Page("GET", pg.path, "", nil)
					want := "/innlogging?neste=" + url.QueryEscape(pg.path)
					if pg.path == "/" {
						want = "/innlogging"
					}
					if res.Status != http.StatusSeeOther || res.Header.Get("Location") != want {
						t.Errorf("anonymous: %d to %q, want 303 to %q", res.Status, res.Header.Get("Location"), want)
					}
				})
			})
		}
	})
}

// check compares an answer with what its reader must see.
func (w *pageWorld) check(t *testing.T, res *webtest.Response, s sight) {
	t.Helper()
	if res.Status != s.Status {
		t.Fatalf("status %d, want %d\n%.2000s", res.Status, s.Status, res.Body)
	}
	var text string
	if res.Header.Get("Content-Type") == "application/pdf" {
		text = flat(pdfText(t, res.Body))
	} else {
		doc := res.Doc(t)
		for _, sel := range s.has {
			if doc.Find(sel).Length() == 0 {
				t.Errorf("no %s", sel)
			}
		}
		for _, sel := range s.hasNot {
			if n := doc.Find(sel).Length(); n > 0 {
				t.Errorf("%d × %s, want none", n, sel)
			}
		}
		text = flat(doc.Text())
	}
	for _, want := range s.says {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q", want)
		}
	}
	not := s.not
	if !s.child {
		not = append(not, w.childSecrets...)
	}
	for _, bad := range not {
		if strings.Contains(text, bad) || strings.Contains(string(res.Body), bad) {
			t.Errorf("shows %q", bad)
		}
	}
}

// checkHidden checks a page its reader (named self) may not see: 404 with nothing of
// the child or the family, and for a log page exactly what a log that does not exist
// answers.
func (w *pageWorld) checkHidden(t *testing.T, h *webtest.Harness, path, token, self string, res *webtest.Response) {
	t.Helper()
	var not []string
	for _, s := range w.secrets {
		if s != self { // the header names whoever is signed in
			not = append(not, s)
		}
	}
	w.check(t, res, sight{Status: http.StatusNotFound, not: not})
	if strings.Contains(path, w.id) {
		twin := strings.Replace(path, w.id, unknownID(t), 1)
		missing := h.Page("GET", twin, token, nil)
		if missing.Status != res.Status || strings.ReplaceAll(string(missing.Body), twin, path) != string(res.Body) {
			t.Errorf("answers differently from a log that does not exist")
		}
	}
}
