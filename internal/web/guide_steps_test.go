package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"stafett/internal/audit"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// TestGuideLogSteps: a log's JSON carries the checklist of its level with due dates,
// ticking a step writes an entry and an audit record, and the policy for adding
// entries decides who may tick.
func TestGuideLogSteps(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, leader, nurse := h.Login(fx.EmployeeA), h.Login(fx.LeaderA), h.Login(fx.EmployeeA2)
		guardian, outsider, admin := h.Login(fx.Plain), h.Login(fx.EmployeeB), h.Login(fx.AdminA)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(holder, id, fx.EmployeeA2.ID, "read")
		api := "/api/v1/logs/" + id

		log := okAs[webtest.Log](o, h.Do("GET", api, holder, nil), 200, "read log")
		steps := log.Steps
		// Activated Monday 23 November 2026; level 1 deadlines 14, 21, none and 70 days.
		var got []string
		for _, s := range steps {
			due := ""
			if s.Due != nil {
				due = *s.Due
			}
			got = append(got, s.ID+" "+due)
		}
		want := []string{"niva1-kartlegg 2026-12-07", "niva1-tiltak 2026-12-14", "niva1-folg-opp ", "niva1-evaluer 2027-02-01"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("steps = %v, want %v", got, want)
		}
		if len(steps) < 3 {
			t.Fatalf("steps = %+v, want at least 3", steps)
		}
		if s := steps[0]; s.Title != "Få oversikt sammen med foreldrene" || s.Who != "stafettholder" || s.Done {
			t.Errorf("first step = %+v", s)
		}
		if s := steps[2]; s.Due != nil {
			t.Errorf("a step without deadline has due %v", *s.Due)
		}

		st := okAs[webtest.Step](o, h.Do("POST", api+"/steps/niva1-kartlegg/done", holder, map[string]any{"text": "Møte med mor 24. november"}), 201, "tick")
		if !st.Done || st.EntryID == nil || st.DoneAt == nil {
			t.Fatalf("ticked = %+v", st)
		}
		// The tick is the newest record in the log's access log.
		events := okAs[webtest.AccessLog](o, h.Do("GET", api+"/access-log", holder, nil), 200, "access log").Events
		if len(events) < 2 || events[0].Action != string(audit.MarkStep) || events[0].Actor.ID != fx.EmployeeA.ID ||
			events[0].Role != "holder" {
			t.Errorf("access log = %+v", events[:min(3, len(events))])
		}
		log = okAs[webtest.Log](o, h.Do("GET", api, guardian, nil), 200, "guardian reads")
		if len(log.Steps) == 0 || !log.Steps[0].Done {
			t.Errorf("the guardian does not see the step done: %+v", log.Steps)
		}
		var entry *webtest.Entry
		for i, e := range log.Entries {
			if e.ID == *st.EntryID {
				entry = &log.Entries[i]
			}
		}
		if entry == nil || entry.Kind != "step_done" || entry.Text != "Steget «Få oversikt sammen med foreldrene» er utført. Møte med mor 24. november" ||
			entry.Event == nil || entry.Event.StepID != "niva1-kartlegg" || entry.Event.StepTitle != "Få oversikt sammen med foreldrene" {
			t.Errorf("entry = %+v", entry)
		}
		entries := len(log.Entries)
		again := okAs[webtest.Step](o, h.Do("POST", api+"/steps/niva1-kartlegg/done", leader, nil), 200, "tick again")
		if again.EntryID == nil || *again.EntryID != *st.EntryID {
			t.Errorf("second tick = %+v", again)
		}
		if n := len(okAs[webtest.Log](o, h.Do("GET", api, holder, nil), 200, "read").Entries); n != entries {
			t.Errorf("entries %d → %d after a repeated tick", entries, n)
		}

		for name, c := range map[string]struct {
			tok, path string
			Status    int
		}{
			"ReadParticipant": {nurse, api + "/steps/niva1-tiltak/done", 403},
			"Guardian":        {guardian, api + "/steps/niva1-tiltak/done", 403},
			"Outsider":        {outsider, api + "/steps/niva1-tiltak/done", 404},
			"MunicipalityAdm": {admin, api + "/steps/niva1-tiltak/done", 404},
			"Anonymous":       {"", api + "/steps/niva1-tiltak/done", 401},
			"UnknownStep":     {holder, api + "/steps/finnes-ikke/done", 404},
			"OtherLevelStep":  {holder, api + "/steps/undring-haster/done", 404},
			"UnknownLog":      {holder, "/api/v1/logs/" + unknownID(t) + "/steps/niva1-tiltak/done", 404},
		} {
			t.Run(name, func(t *testing.T) {
				if res := h.Do("POST", c.path, c.tok, nil); res.Status != c.Status {
					t.Errorf("= %d %s, want %d", res.Status, res.Body, c.Status)
				}
			})
		}
		t.Run("BadBody", func(t *testing.T) {
			for body, status := range map[string]int{`{"text":`: 400, `{"text":1}`: 422, `{"nope":1}`: 422,
				`{"text":"` + strings.Repeat("x", 3000) + `"}`: 422} {
				if res := h.Do("POST", api+"/steps/niva1-tiltak/done", holder, body); res.Status != status {
					t.Errorf("%.20s… = %d %s, want %d", body, res.Status, res.Body, status)
				}
			}
			if jsonPath(o.ok(h.Do("GET", api, holder, nil), 200, "read"), "steps", 1, "done") != false {
				t.Error("a refused tick ticked the step")
			}
		})
		t.Run("Overdue", func(t *testing.T) {
			h.Clock.Add(15 * 24 * time.Hour) // 8 December; sessions have ended
			holder = h.Login(fx.EmployeeA)
			log := o.ok(h.Do("GET", api, holder, nil), 200, "read")
			if jsonPath(log, "steps", 0, "overdue") != false || jsonPath(log, "steps", 1, "overdue") != false {
				t.Errorf("steps on 8 December = %v", log["steps"])
			}
			h.Clock.Add(7 * 24 * time.Hour) // 15 December: niva1-tiltak was due the 14th
			holder = h.Login(fx.EmployeeA)
			if jsonPath(o.ok(h.Do("GET", api, holder, nil), 200, "read"), "steps", 1, "overdue") != true {
				t.Error("niva1-tiltak not overdue the day after its deadline")
			}
		})
		t.Run("ClosedLog", func(t *testing.T) {
			outsider := h.Login(fx.EmployeeB)
			o.ok(h.Do("POST", api+"/close", holder, map[string]any{"reason": "goal_reached", "text": "Bra"}), 200, "close")
			if res := h.Do("POST", api+"/steps/niva1-tiltak/done", holder, nil); res.Status != http.StatusConflict {
				t.Errorf("tick on closed log = %d %s", res.Status, res.Body)
			}
			if res := h.Do("POST", api+"/steps/niva1-tiltak/done", outsider, nil); res.Status != http.StatusNotFound {
				t.Errorf("outsider on closed log = %d", res.Status)
			}
		})
	})
}

// TestGuideUndringDeadline: a new undring's deadline follows the level-0 deadlines of
// the published guide.
func TestGuideUndringDeadline(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, admin := h.Login(fx.EmployeeA), h.Login(fx.AdminA)
		child := map[string]any{"initials": "ON", "birth_date": "2017-03-14"}
		first := o.ok(h.Do("GET", "/api/v1/logs/"+o.open(holder, fx.UnitA.ID, child, "Sliten"), holder, nil), 200, "read")
		if first["undring_deadline"] != "2026-12-07T09:00:00Z" {
			t.Errorf("deadline = %v, want 14 days", first["undring_deadline"])
		}
		a := guideAPI(fx.A.ID)
		d := webtest.DecodeStrict[webtest.GuideDraft](t, h.Do("GET", a+"/draft", admin, nil))
		if len(d.Levels) == 0 {
			t.Fatalf("draft without levels: %+v", d)
		}
		five := 5
		for i := range d.Levels[0].Steps {
			if d.Levels[0].Steps[i].DeadlineDays != nil {
				d.Levels[0].Steps[i].DeadlineDays = &five
			}
		}
		o.ok(h.Do("PUT", a+"/draft", admin, d), 200, "save")
		o.ok(h.Do("POST", a+"/publish", admin, nil), 201, "publish")
		second := o.ok(h.Do("GET", "/api/v1/logs/"+o.open(holder, fx.UnitA.ID, child, "Sliten igjen"), holder, nil), 200, "read")
		if second["undring_deadline"] != "2026-11-28T09:00:00Z" {
			t.Errorf("deadline after the guide changed = %v, want 5 days", second["undring_deadline"])
		}
		if jsonPath(second, "steps", 4, "due") != "2026-11-28" {
			t.Errorf("decision step due = %v", jsonPath(second, "steps", 4))
		}
	})
}

// TestGuideLogPageChecklist: the log page lists the level's steps with their due
// dates and a form to tick each for those who may; ticking is a POST-redirect-GET.
// The overview lists steps past their deadline.
func TestGuideLogPageChecklist(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, nurse, outsider := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.EmployeeB)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
		o.participant(holder, id, fx.EmployeeA2.ID, "read")
		logp := "/logg/" + id
		tick := `form[method="post"][action="` + logp + `/steg/niva1-tiltak"]`

		doc := adminDoc(t, h.Page("GET", logp, holder, nil))
		if doc.Find("#h-steps").Length() != 1 || doc.Find(".checklist > li").Length() != 4 {
			t.Fatalf("no checklist on the log page")
		}
		item := doc.Find("#steg-niva1-tiltak")
		if !strings.Contains(item.Text(), "Lag tiltak med mål og evalueringsdato") || !strings.Contains(item.Text(), "frist 14. desember 2026") ||
			item.Find(tick).Length() != 1 {
			t.Errorf("step item = %q", flat(item.Text()))
		}
		if href, _ := doc.Find(`#h-steps ~ p a[href="/k/4003/veileder/niva/1"]`).Attr("href"); href == "" {
			t.Error("no link to the guide's level page")
		}
		if adminDoc(t, h.Page("GET", logp, nurse, nil)).Find(tick).Length() != 0 {
			t.Error("a read participant gets the tick form")
		}
		if adminDoc(t, h.Page("GET", logp+"/utskrift", holder, nil)).Find(tick).Length() != 0 {
			t.Error("the printable view has the tick form")
		}

		res := h.Page("POST", logp+"/steg/niva1-tiltak", holder, url.Values{})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != logp+"#h-steps" ||
			!strings.Contains(res.Header.Get("Set-Cookie"), ui.FlashCookie+"=step_done") {
			t.Fatalf("tick form = %d %v", res.Status, res.Header)
		}
		item = adminDoc(t, h.Page("GET", logp, holder, nil)).Find("#steg-niva1-tiltak")
		if !strings.Contains(item.Text(), "Gjort") || !strings.Contains(item.Text(), "Lars Lærer merket steget som gjort 23. november 2026.") ||
			item.Find("form").Length() != 0 {
			t.Errorf("ticked item = %q", flat(item.Text()))
		}
		if res := h.Page("POST", logp+"/steg/niva1-tiltak", outsider, url.Values{}); res.Status != http.StatusNotFound {
			t.Errorf("outsider ticks = %d", res.Status)
		}
		if res := h.Page("POST", logp+"/steg/finnes-ikke", holder, url.Values{}); res.Status != http.StatusNotFound {
			t.Errorf("unknown step form = %d", res.Status)
		}

		// On 8 December the first step (due the 7th) is late, on the page and the overview.
		h.Clock.Add(15 * 24 * time.Hour)
		holder, nurse = h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2)
		item = adminDoc(t, h.Page("GET", logp, holder, nil)).Find("#steg-niva1-kartlegg")
		if !strings.Contains(item.Text(), "Forsinket") || !strings.Contains(item.Text(), "fristen var 7. desember 2026") {
			t.Errorf("late item = %q", flat(item.Text()))
		}
		over := adminDoc(t, h.Page("GET", "/", holder, nil))
		late := over.Find(`#h-steps-due ~ ul a[href="` + logp + `#steg-niva1-kartlegg"]`)
		if late.Length() != 1 || !strings.Contains(flat(over.Find("#h-steps-due").Parent().Text()), "Få oversikt sammen med foreldrene: fristen var 7. desember 2026") {
			t.Errorf("overview's late steps: %q", flat(over.Find("#h-steps-due").Parent().Text()))
		}
		if adminDoc(t, h.Page("GET", "/", nurse, nil)).Find("#h-steps-due").Length() != 0 {
			t.Error("a read participant is told about late steps")
		}
		// A tick on a closed log shows the log again with the conflict.
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/close", holder, map[string]any{"reason": "goal_reached", "text": "Bra"}), 200, "close")
		res = h.Page("POST", logp+"/steg/niva1-evaluer", holder, url.Values{})
		if res.Status != http.StatusConflict || res.Doc(t).Find("#h-steps ~ .ds-error-summary").Length() != 1 {
			t.Errorf("tick on closed log = %d", res.Status)
		}
	})
}
