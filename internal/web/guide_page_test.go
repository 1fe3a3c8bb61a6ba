package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/guide"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// TestVeilederPublicPages: the published guide is readable without signing in, as a
// whole and level by level; it shows the published version, never the draft, and
// nothing from any log.
func TestVeilederPublicPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		holder, admin := h.Login(fx.EmployeeA), h.Login(fx.AdminA)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/steps/niva1-kartlegg/done", holder, map[string]any{"text": "Åse og mor var her"}), 201, "tick")
		// A draft with a word that must not show before it is published.
		d := guideDraft(t, h, fx.A.ID, admin)
		d.Levels[1].Title = "Nivå 1 – Hemmelig utkast"
		o.ok(h.Do("PUT", guideAPI(fx.A.ID)+"/draft", admin, d), 200, "draft")
		secrets := []string{"Åse", "Bjørnstad", "Frida Forelder", "Lars Lærer", "Hemmelig utkast"}

		for _, tok := range []string{"", holder} {
			res := h.Page("GET", "/k/4003/veileder", tok, nil)
			if res.Status != http.StatusOK {
				t.Fatalf("guide page = %d", res.Status)
			}
			doc := res.Doc(t)
			text := flat(doc.Find("main").Text())
			for _, want := range []string{"Handlingsveileder for Skien", "Versjon 1, publisert 23. november 2026.", "Nivå 0 – Undring",
				"Nivå 3 – Omfattende samarbeid", "Vurder om saken haster", "Innen 1 dag",
				"Ring politiet på 112 hvis barnet er i akutt fare"} {
				if !strings.Contains(text, want) {
					t.Errorf("guide page lacks %q", want)
				}
			}
			for _, s := range secrets[:4] {
				if strings.Contains(string(res.Body), s) && !(tok != "" && s == "Lars Lærer") { // the header names whoever is signed in
					t.Errorf("guide page shows %q", s)
				}
			}
			if strings.Contains(text, "Hemmelig utkast") {
				t.Error("guide page shows the draft")
			}
			if who := doc.Find("#steg-undring-haster dd").First().Text(); who != "den som er bekymret, sammen med leder" {
				t.Errorf("who = %q", who)
			}
			if doc.Find(`a[href="/k/4003/veileder/niva/2"]`).Length() == 0 || doc.Find("#steg-undring-haster").Length() != 1 {
				t.Error("no links to the levels or anchors for the steps")
			}
			if doc.Find(`a[href="https://www.snakkemedbarn.no"]`).Length() != 1 {
				t.Error("the tool link is missing")
			}
			if doc.Find("main form").Length() != 0 {
				t.Error("the public page has forms")
			}
		}
		res := h.Page("GET", "/k/4003/veileder/niva/2", "", nil)
		doc := res.Doc(t)
		if res.Status != 200 || doc.Find("h1").Text() != "Nivå 2 – Samarbeid med én eller to tjenester til" ||
			doc.Find("#steg-niva2-mote").Length() != 1 || doc.Find("#steg-undring-haster").Length() != 0 ||
			doc.Find(`a[rel="prev"][href="/k/4003/veileder/niva/1"]`).Length() != 1 || doc.Find(`a[rel="next"][href="/k/4003/veileder/niva/3"]`).Length() != 1 {
			t.Errorf("level page = %d %q", res.Status, doc.Find("h1").Text())
		}
		for _, path := range []string{"/k/9999/veileder", "/k/abc/veileder", "/k/4003/veileder/niva/4", "/k/4003/veileder/niva/x", "/k/4003/veileder/niva/-1"} {
			if res := h.Page("GET", path, "", nil); res.Status != http.StatusNotFound {
				t.Errorf("%s = %d, want 404", path, res.Status)
			}
		}
		// The public JSON is the same published version, with nothing of the log.
		res = h.Do("GET", guideAPI(fx.A.ID), "", nil)
		for _, s := range secrets {
			if strings.Contains(string(res.Body), s) {
				t.Errorf("public JSON shows %q", s)
			}
		}
		if strings.Contains(string(res.Body), `"done"`) || strings.Contains(string(res.Body), id) {
			t.Error("public JSON carries log state")
		}
	})
}

// TestVeilederEditorPages: the municipality's administrator edits the draft with
// small forms, sees field messages on mistakes, publishes and compares versions;
// everyone else gets 404.
func TestVeilederEditorPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		admin := tok[adminA]
		base := "/admin/kommuner/" + fx.A.ID + "/veileder"
		post := func(path string, form url.Values) *webtest.Response {
			t.Helper()
			return h.Page("POST", path, admin, form)
		}
		redirect := func(res *webtest.Response, target string) {
			t.Helper()
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != target {
				t.Fatalf("answer = %d to %q, want 303 to %q\n%.3000s", res.Status, res.Header.Get("Location"), target, res.Body)
			}
			if !strings.Contains(res.Header.Get("Set-Cookie"), ui.FlashCookie+"=guide.") {
				t.Errorf("no confirmation: %q", res.Header.Get("Set-Cookie"))
			}
		}

		t.Run("Access", func(t *testing.T) {
			paths := []string{base, base + "/versjoner", base + "/niva/1/steg/ny", base + "/steg/niva1-tiltak"}
			for _, who := range []actorKey{sysAdmin, adminB, leaderA, employeeA, plain} {
				for _, p := range paths {
					wantHidden(t, h.Page("GET", p, tok[who], nil), "Få oversikt sammen med foreldrene")
				}
				wantHidden(t, h.Page("POST", base+"/publiser", tok[who], url.Values{}))
				wantHidden(t, h.Page("POST", base+"/niva/1", tok[who], url.Values{"title": {"x"}, "purpose": {"y"}}))
			}
			res := h.Page("GET", base, "", nil)
			if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/innlogging") {
				t.Errorf("anonymous = %d %s", res.Status, res.Header.Get("Location"))
			}
			if d, _ := h.DB.GetGuideDraft(t.Context(), fx.A.ID); d.Changed {
				t.Error("refused forms changed the draft")
			}
			home := adminDoc(t, h.Page("GET", "/admin", admin, nil))
			if home.Find(`a[href="`+base+`"]`).Length() != 1 {
				t.Error("no link to the editor on the administration page")
			}
		})
		t.Run("Editor", func(t *testing.T) {
			doc := adminDoc(t, h.Page("GET", base, admin, nil))
			if doc.Find("#h-niva-0").Length() != 1 || doc.Find("#steg-undring-haster").Length() != 1 || doc.Find("#h-publish").Length() != 0 ||
				doc.Find(`form[action="`+base+`/steg/undring-haster/flytt"]`).Length() != 1 { // down only: it is first
				t.Errorf("editor page: %q", flat(doc.Find("main").Text()))
			}
		})
		t.Run("LevelText", func(t *testing.T) {
			h.WantFieldError(t, post(base+"/niva/1", url.Values{"title": {" "}, "purpose": {"Formål"}}), "level-1-title", "required")
			redirect(post(base+"/niva/1", url.Values{"title": {"Nivå 1 – I egen tjeneste"}, "purpose": {"Vi prøver selv først."}}), base+"#niva-1")
			if res := post(base+"/niva/7", url.Values{"title": {"x"}, "purpose": {"y"}}); res.Status != 404 {
				t.Errorf("level 7 = %d", res.Status)
			}
		})
		var newID string
		t.Run("AddStep", func(t *testing.T) {
			if res := h.Page("GET", base+"/niva/2/steg/ny", admin, nil); res.Status != 200 || res.Doc(t).Find("#step-title").Length() != 1 {
				t.Fatalf("new step form = %d", res.Status)
			}
			form := url.Values{"title": {"Ring PPT"}, "who": {"stafettholder"}, "what": {"Avtal et møte."}, "deadline_days": {"-2"},
				"tools": {"Henvisningsskjema | https://skien.kommune.no/ppt.pdf"}}
			h.WantFieldError(t, post(base+"/niva/2/steg", form), "step-deadline-days", "range")
			form.Set("deadline_days", "tre")
			form.Set("title", "")
			res := post(base+"/niva/2/steg", form)
			h.WantFieldError(t, res, "step-deadline-days", "format")
			h.WantFieldError(t, res, "step-title", "required")
			if v, _ := res.Doc(t).Find("#step-tools").Html(); !strings.Contains(v, "Henvisningsskjema | https://skien.kommune.no/ppt.pdf") {
				t.Errorf("the form lost what was typed: %q", v)
			}
			form.Set("tools", "bare tekst")
			form.Set("title", "Ring PPT")
			form.Set("deadline_days", "10")
			h.WantFieldError(t, post(base+"/niva/2/steg", form), "step-tools", "format")
			form.Set("tools", "Henvisningsskjema | https://skien.kommune.no/ppt.pdf")
			res = post(base+"/niva/2/steg", form)
			loc := res.Header.Get("Location")
			newID = strings.TrimPrefix(loc, base+"#steg-")
			redirect(res, base+"#steg-"+newID)
			d, _ := h.DB.GetGuideDraft(t.Context(), fx.A.ID)
			st, lv, ok := d.Guide.Step(newID)
			if !ok || lv != 2 || st.Title != "Ring PPT" || *st.DeadlineDays != 10 || st.Tools[0].URL != "https://skien.kommune.no/ppt.pdf" {
				t.Errorf("added step = %+v at %d", st, lv)
			}
		})
		t.Run("EditStep", func(t *testing.T) {
			doc := adminDoc(t, h.Page("GET", base+"/steg/"+newID, admin, nil))
			if v, _ := doc.Find("#step-title").Attr("value"); v != "Ring PPT" {
				t.Errorf("edit form title = %q", v)
			}
			h.WantFieldError(t, post(base+"/steg/"+newID, url.Values{"title": {"Ring PPT"}, "who": {""}, "what": {"x"}}), "step-who", "required")
			redirect(post(base+"/steg/"+newID, url.Values{"title": {"Ring PP-tjenesten"}, "who": {"stafettholder"}, "what": {"Avtal et møte."}}), base+"#steg-"+newID)
			if res := h.Page("GET", base+"/steg/finnes-ikke", admin, nil); res.Status != 404 {
				t.Errorf("unknown step = %d", res.Status)
			}
		})
		t.Run("MoveAndRemove", func(t *testing.T) {
			redirect(post(base+"/steg/"+newID+"/flytt", url.Values{"retning": {"opp"}}), base+"#steg-"+newID)
			d, _ := h.DB.GetGuideDraft(t.Context(), fx.A.ID)
			if steps := d.Guide.Level(2).Steps; steps[len(steps)-2].ID != newID {
				t.Errorf("after moving up: %v", steps)
			}
			redirect(post(base+"/steg/niva3-evaluer/fjern", url.Values{}), base+"#niva-3")
			if res := post(base+"/steg/niva3-evaluer/fjern", url.Values{}); res.Status != 404 {
				t.Errorf("removing twice = %d", res.Status)
			}
		})
		t.Run("Publish", func(t *testing.T) {
			doc := adminDoc(t, h.Page("GET", base, admin, nil))
			if doc.Find(`form[action="`+base+`/publiser"] button`).Text() != "Publiser versjon 2" {
				t.Errorf("publish button = %q", doc.Find(`form[action="`+base+`/publiser"]`).Text())
			}
			redirect(post(base+"/publiser", url.Values{}), base+"/versjoner?fra=1&til=2")
			res := post(base+"/publiser", url.Values{})
			if res.Status != http.StatusConflict || !strings.Contains(res.Doc(t).Find(".ds-alert").Text(), "Det er ikke noe utkast å publisere.") {
				t.Errorf("publishing without a draft = %d", res.Status)
			}
			pub := flat(adminDoc(t, h.Page("GET", "/k/4003/veileder/niva/2", "", nil)).Text())
			if !strings.Contains(pub, "Ring PP-tjenesten") {
				t.Error("the published level lacks the new step")
			}
		})
		t.Run("Versions", func(t *testing.T) {
			res := h.Page("GET", base+"/versjoner?fra=1&til=2", admin, nil)
			doc := res.Doc(t)
			text := flat(doc.Find("main").Text())
			for _, want := range []string{"Versjon 2", fx.AdminA.Name, "Kopi av den nasjonale malen", "Endringer fra Versjon 1 til Versjon 2"} {
				if !strings.Contains(text, want) {
					t.Errorf("versions page lacks %q in %q", want, text)
				}
			}
			var ins, del []string
			doc.Find(".diff-level ins").Each(func(_ int, s *goquery.Selection) { ins = append(ins, s.Text()) })
			doc.Find(".diff-level del").Each(func(_ int, s *goquery.Selection) { del = append(del, s.Text()) })
			if !slices.Contains(ins, "Ring PP-tjenesten") || !slices.Contains(ins, "Nivå 1 – I egen tjeneste") ||
				!slices.Contains(del, "Evaluer jevnlig i ansvarsgruppen") || !slices.Contains(del, "Nivå 1 – Tiltak i egen tjeneste") {
				t.Errorf("diff shows added %q and removed %q", ins, del)
			}
			res = h.Page("GET", base+"/versjoner?fra=1&til=9", admin, nil)
			if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#diff-til-error").Length() != 1 {
				t.Errorf("unknown version = %d", res.Status)
			}
			res = h.Page("GET", base+"/versjoner?fra=x&til=2", admin, nil)
			if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#diff-fra-error").Length() != 1 {
				t.Errorf("bad version = %d", res.Status)
			}
		})
		t.Run("Fork", func(t *testing.T) {
			h.WantFieldError(t, post(base+"/kopier", url.Values{"kilde": {fx.B.ID}}), "fork-kilde", "not_allowed")
			h.WantFieldError(t, post(base+"/kopier", url.Values{}), "fork-kilde", "required")
			redirect(post(base+"/kopier", url.Values{"kilde": {"national"}}), base)
			doc := adminDoc(t, h.Page("GET", base, admin, nil))
			if !strings.Contains(flat(doc.Text()), "Utkastet er en kopi av den nasjonale malen.") || doc.Find("#h-publish").Length() != 1 {
				t.Errorf("after fork: %q", flat(doc.Find("main > p").Text()))
			}
			redirect(post(base+"/forkast", url.Values{}), base)
			if d, _ := h.DB.GetGuideDraft(t.Context(), fx.A.ID); d.Changed {
				t.Error("draft not discarded")
			}
		})
		t.Run("PublishIncomplete", func(t *testing.T) {
			d := guideDraft(t, h, fx.A.ID, admin)
			d.Levels = append(d.Levels[:2], d.Levels[3])
			if res := h.Do("PUT", guideAPI(fx.A.ID)+"/draft", admin, d); res.Status != 200 {
				t.Fatalf("save = %d", res.Status)
			}
			res := post(base+"/publiser", url.Values{})
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(flat(res.Doc(t).Find(".ds-error-summary").Text()), "Nivå 2: Dette mangler.") {
				t.Errorf("publishing an incomplete draft = %d %q", res.Status, flat(res.Doc(t).Find(".ds-error-summary").Text()))
			}
		})
	})
}

// TestVeilederNetworksPage: the system administrator sets up networks on a page;
// nobody else sees it.
func TestVeilederNetworksPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		sys := tok[sysAdmin]
		if doc := adminDoc(t, h.Page("GET", "/admin", sys, nil)); doc.Find(`a[href="/admin/samarbeid"]`).Length() != 1 {
			t.Error("no link to the networks page")
		}
		h.WantFieldError(t, h.Page("POST", "/admin/samarbeid", sys, url.Values{"name": {"Grenland"}, "municipality_ids": {fx.A.ID}}),
			"network-municipality-ids", "too_short")
		res := h.Page("POST", "/admin/samarbeid", sys, url.Values{"name": {"Grenland"}, "municipality_ids": {fx.A.ID, fx.B.ID}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/samarbeid" {
			t.Fatalf("create network = %d", res.Status)
		}
		if text := flat(adminDoc(t, h.Page("GET", "/admin/samarbeid", sys, nil)).Find("main").Text()); !strings.Contains(text, "Grenland: Porsgrunn, Skien") &&
			!strings.Contains(text, "Grenland: Skien, Porsgrunn") {
			t.Errorf("networks page = %q", text)
		}
		for _, who := range []actorKey{adminA, leaderA, employeeA, plain} {
			wantHidden(t, h.Page("GET", "/admin/samarbeid", tok[who], nil), "Grenland")
			wantHidden(t, h.Page("POST", "/admin/samarbeid", tok[who], url.Values{"name": {"X"}, "municipality_ids": {fx.A.ID, fx.B.ID}}))
		}
		// Now A's administrator can copy B's guide.
		doc := adminDoc(t, h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/veileder", tok[adminA], nil))
		if doc.Find(`input[name="kilde"][value="`+fx.B.ID+`"]`).Length() != 1 {
			t.Error("network partner not offered for copying")
		}
	})
}

// TestVeilederEditConflict: when two people (or two tabs) edit the same step or
// level text, the second save does not silently overwrite the first. It is refused
// with 409, keeps what was written, shows how it differs from what is saved now, and
// saving again replaces it.
func TestVeilederEditConflict(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, admin := h.Fx, tokens(h)[adminA]
		base := "/admin/kommuner/" + fx.A.ID + "/veileder"
		basis := func(doc *goquery.Document, form string) string {
			t.Helper()
			v, ok := doc.Find(`form[action="` + form + `"] input[name="grunnlag"]`).Attr("value")
			if !ok || v == "" {
				t.Fatalf("form %s has no basis", form)
			}
			return v
		}
		saved := func() *guide.Guide {
			d, err := h.DB.GetGuideDraft(t.Context(), fx.A.ID)
			if err != nil {
				t.Fatal(err)
			}
			return &d.Guide
		}

		t.Run("Step", func(t *testing.T) {
			path := base + "/steg/niva1-tiltak"
			open := basis(adminDoc(t, h.Page("GET", path, admin, nil)), path)
			step := func(title, who, basis string) url.Values {
				v := url.Values{"title": {title}, "who": {who}, "what": {"Prøv tiltak i egen tjeneste."}}
				if basis != "" {
					v.Set("grunnlag", basis)
				}
				return v
			}
			if res := h.Page("POST", path, admin, step("Tittel fra fane A", "leder", open)); res.Status != http.StatusSeeOther {
				t.Fatalf("first save = %d", res.Status)
			}

			// A form that fails on its own fields keeps the basis it was opened with.
			res := h.Page("POST", path, admin, step("Tittel fra fane B", "", open))
			if got := basis(res.Doc(t), path); res.Status != http.StatusUnprocessableEntity || got != open {
				t.Errorf("invalid form = %d with basis %q, want 422 and %q", res.Status, got, open)
			}

			res = h.Page("POST", path, admin, step("Tittel fra fane B", "stafettholder", open))
			if res.Status != http.StatusConflict {
				t.Fatalf("second save over the first = %d, want 409", res.Status)
			}
			doc := res.Doc(t)
			if sum := flat(doc.Find(".ds-error-summary").Text()); !strings.Contains(sum, "Noen andre lagret en endring her mens du skrev.") {
				t.Errorf("error summary = %q", sum)
			}
			if v, _ := doc.Find("#step-title").Attr("value"); v != "Tittel fra fane B" {
				t.Errorf("the form lost what was written: title %q", v)
			}
			var rows [][3]string
			doc.Find("#h-changed ~ .table-wrap tbody tr").Each(func(_ int, tr *goquery.Selection) {
				rows = append(rows, [3]string{flat(tr.Find("th").Text()), tr.Find("del").Text(), tr.Find("ins").Text()})
			})
			want := [][3]string{{"Tittel", "Tittel fra fane A", "Tittel fra fane B"}, {"Hvem har ansvaret", "leder", "stafettholder"}}
			if !slices.Equal(rows, want) {
				t.Errorf("differences shown = %q, want %q", rows, want)
			}
			st, _, _ := saved().Step("niva1-tiltak")
			if st.Title != "Tittel fra fane A" {
				t.Errorf("the refused save changed the step: %q", st.Title)
			}
			now := basis(doc, path)
			if now != st.Fingerprint() || now == open {
				t.Errorf("basis after the refusal = %q, want the saved step's %q", now, st.Fingerprint())
			}

			// Saving again, having seen the difference, replaces it.
			if res := h.Page("POST", path, admin, step("Tittel fra fane B", "stafettholder", now)); res.Status != http.StatusSeeOther {
				t.Fatalf("saving again = %d", res.Status)
			}
			if st, _, _ := saved().Step("niva1-tiltak"); st.Title != "Tittel fra fane B" || st.Who != "stafettholder" {
				t.Errorf("after saving again: %+v", st)
			}
			// The same form sent twice (a double click, or Back and Save) says what is
			// saved already: no conflict, though its basis is old.
			if res := h.Page("POST", path, admin, step("Tittel fra fane B", "stafettholder", now)); res.Status != http.StatusSeeOther {
				t.Errorf("the same save again = %d, want 303", res.Status)
			}
			// A form without a basis (not from these pages) is not checked; shown again
			// after a mistake, it gets the basis of what is saved.
			res = h.Page("POST", path, admin, step("Uten grunnlag", "", ""))
			if st, _, _ := saved().Step("niva1-tiltak"); res.Status != http.StatusUnprocessableEntity || basis(res.Doc(t), path) != st.Fingerprint() {
				t.Errorf("invalid form without a basis = %d, basis %q", res.Status, basis(res.Doc(t), path))
			}
			if res := h.Page("POST", path, admin, step("Uten grunnlag", "leder", "")); res.Status != http.StatusSeeOther {
				t.Errorf("save without a basis = %d", res.Status)
			}
		})

		t.Run("Level", func(t *testing.T) {
			path := base + "/niva/1"
			open := basis(adminDoc(t, h.Page("GET", base, admin, nil)), path)
			level := func(title, basis string) url.Values {
				return url.Values{"title": {title}, "purpose": {"Vi prøver selv først."}, "grunnlag": {basis}}
			}
			if res := h.Page("POST", path, admin, level("Nivå 1 fra fane A", open)); res.Status != http.StatusSeeOther {
				t.Fatalf("first save = %d", res.Status)
			}
			res := h.Page("POST", path, admin, level("Nivå 1 fra fane B", open))
			if res.Status != http.StatusConflict {
				t.Fatalf("second save over the first = %d, want 409", res.Status)
			}
			doc := res.Doc(t)
			if v, _ := doc.Find("#level-1-title").Attr("value"); v != "Nivå 1 fra fane B" {
				t.Errorf("the form lost what was written: title %q", v)
			}
			if !strings.Contains(flat(doc.Find("#niva-1 .ds-error-summary").Text()), "Noen andre lagret en endring her mens du skrev.") ||
				doc.Find("#niva-1 details[open]").Length() != 1 || flat(doc.Find("#h-niva-1").Text()) != "Nivå 1 fra fane A" {
				t.Errorf("level section after the refusal: %q", flat(doc.Find("#niva-1").Text()))
			}
			now := basis(doc, path)
			if lv := saved().Level(1); lv.Title != "Nivå 1 fra fane A" || now != lv.TextFingerprint() {
				t.Errorf("saved level %q, basis %q, want %q", lv.Title, now, lv.TextFingerprint())
			}
			if res := h.Page("POST", path, admin, level("Nivå 1 fra fane B", now)); res.Status != http.StatusSeeOther {
				t.Fatalf("saving again = %d", res.Status)
			}
			if lv := saved().Level(1); lv.Title != "Nivå 1 fra fane B" {
				t.Errorf("after saving again: %q", lv.Title)
			}
			if res := h.Page("POST", path, admin, level(" Nivå 1 fra fane B ", now)); res.Status != http.StatusSeeOther {
				t.Errorf("the same save again = %d, want 303", res.Status)
			}
		})
	})
}
