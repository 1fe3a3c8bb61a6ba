package web_test

import (
	"net/http"
	"net/url"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// cardNames lists the names of the service cards on a public overview page.
func cardNames(doc *goquery.Document) []string {
	out := []string{}
	doc.Find(".service-card h3").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
	return out
}

// TestCatalogMeasures: a measure can name a service from the log's municipality's
// overview; the log's JSON and page show the service's name, also after it is
// retired; a retired service, one of another municipality and one that does not
// exist are refused (422), and nothing is written.
func TestCatalogMeasures(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		admin, adminB, holder := h.Login(fx.AdminA), h.Login(fx.AdminB), h.Login(fx.EmployeeA)
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		api := "/api/v1/logs/" + id
		icdp := createService(h, admin, nil)
		reading := createService(h, admin, map[string]any{"name": "Lesekurs", "min_age": 6, "max_age": 10})
		old := createService(h, admin, map[string]any{"name": "Gammelt tiltak"})
		o.ok(h.Do("DELETE", catalogAPI(fx.A.ID)+"/"+old, admin, nil), 204, "retire")
		bres := h.Do("POST", catalogAPI(fx.B.ID), adminB, serviceBody(fx.UnitB.ID, map[string]any{"name": "Leksehjelp i Porsgrunn"}))
		other := o.okID(bres, 201, "B's service")
		measure := func(sid string) map[string]any {
			return map[string]any{"kind": "measure", "text": "Mor og far går på ICDP-kurs.", "goal": "Tryggere samspill hjemme",
				"responsible_user_id": fx.EmployeeA.ID, "start_date": "2026-11-23", "evaluate_by": "2027-02-01", "catalog_service_id": sid}
		}
		entries := func() int { return len(okAs[webtest.Log](o, h.Do("GET", api, holder, nil), 200, "log").Entries) }

		m := okAs[webtest.Entry](o, h.Do("POST", api+"/entries", holder, measure(icdp)), 201, "measure from the overview")
		mid := m.ID
		if mid == "" || m.CatalogServiceID != icdp {
			t.Errorf("answer = %+v", m)
		}
		o.ok(h.Do("POST", api+"/entries", holder, measure("")), 201, "measure of its own")
		before := entries()
		for name, sid := range map[string]string{"Retired": old, "OtherMunicipality": other, "Unknown": unknownID(t)} {
			t.Run(name, func(t *testing.T) {
				res := h.Do("POST", api+"/entries", holder, measure(sid))
				if code, fields := res.ErrorCode(t); res.Status != 422 || code != "invalid" || fields["catalog_service_id"] != "not_found" {
					t.Errorf("measure with %s service = %d %s", name, res.Status, res.Body)
				}
			})
		}
		res := h.Do("POST", api+"/entries/"+mid+"/amend", holder, measure(old))
		if _, fields := res.ErrorCode(t); res.Status != 422 || fields["catalog_service_id"] != "not_found" {
			t.Errorf("amend to a retired service = %d %s", res.Status, res.Body)
		}
		if got := entries(); got != before {
			t.Fatalf("refused measures were written: %d entries, want %d", got, before)
		}

		// Retiring the service keeps it on the measure, by name, and a correction may keep it.
		o.ok(h.Do("DELETE", catalogAPI(fx.A.ID)+"/"+icdp, admin, nil), 204, "retire ICDP")
		amended := o.okID(h.Do("POST", api+"/entries/"+mid+"/amend", holder, measure(icdp)), 201, "amend keeping the service")
		lg := okAs[webtest.Log](o, h.Do("GET", api, holder, nil), 200, "log")
		var refs []*webtest.Ref
		for _, e := range lg.Entries {
			if e.ID == mid || e.ID == amended {
				refs = append(refs, e.CatalogService)
			} else if e.CatalogService != nil {
				t.Errorf("entry %+v names a service", e)
			}
		}
		want := &webtest.Ref{ID: icdp, Name: "Foreldreveiledning ICDP"}
		if len(refs) != 2 || !cmp.Equal(refs[0], want) || !cmp.Equal(refs[1], want) {
			t.Errorf("catalog_service on the measure's versions = %+v", refs)
		}
		doc := adminDoc(t, h.Page("GET", "/logg/"+id, holder, nil))
		if got := flat(doc.Find("#h-measures").Parent().Find(".measure-service").Text()); got != "Fra tiltaksoversikten: Foreldreveiledning ICDP" {
			t.Errorf("measure card says %q", got)
		}
		// The guardian reads the same.
		if got := flat(adminDoc(t, h.Page("GET", "/logg/"+id, h.Login(fx.Plain), nil)).Find("#timeline .measure-service").First().Text()); got != "Fra tiltaksoversikten: Foreldreveiledning ICDP" {
			t.Errorf("guardian's timeline says %q", got)
		}
		_ = reading
	})
}

// TestCatalogMeasureForm: the measure form on the log page offers the overview's
// services, those for the child's age and the log's level first; choosing one is a
// POST-redirect-GET, and a retired one shows the form again with the message (422).
func TestCatalogMeasureForm(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		admin, holder := h.Login(fx.AdminA), h.Login(fx.EmployeeA)
		// Åse is born 2016-05-01: ten years old on the webtest.Harness's 23 November 2026; the log is at level 1.
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		fits := createService(h, admin, map[string]any{"name": "Lesekurs", "min_age": 6, "max_age": 10, "levels": []int{1}})
		createService(h, admin, map[string]any{"name": "Miljøterapeut i skolen", "min_age": 11, "max_age": 16, "levels": []int{1}})
		createService(h, admin, map[string]any{"name": "Fritidskontakt", "min_age": 6, "max_age": 25, "levels": []int{2, 3}})
		createService(h, admin, map[string]any{"name": "Aktivitetskortet", "min_age": 6, "max_age": 18, "levels": []int{1, 2, 3}})
		old := createService(h, admin, map[string]any{"name": "Gammelt tiltak", "min_age": 0, "max_age": 25, "levels": []int{1}})
		o.ok(h.Do("DELETE", catalogAPI(fx.A.ID)+"/"+old, admin, nil), 204, "retire")
		logp := "/logg/" + id

		doc := adminDoc(t, h.Page("GET", logp+"/innslag/ny?type=measure", holder, nil))
		sel := doc.Find("select#entry-measure-catalog-service-id")
		if sel.Length() != 1 || doc.Find(`label[for="entry-measure-catalog-service-id"]`).Text() != "Tiltak fra tiltaksoversikten (valgfritt)" {
			t.Fatalf("no labelled service choice in the measure form")
		}
		var groups [][]string
		var labels []string
		sel.Find("optgroup").Each(func(_ int, g *goquery.Selection) {
			labels = append(labels, g.AttrOr("label", ""))
			var names []string
			g.Find("option").Each(func(_ int, o *goquery.Selection) { names = append(names, o.Text()) })
			groups = append(groups, names)
		})
		wantGroups := [][]string{{"Aktivitetskortet (Helsestasjonen)", "Lesekurs (Helsestasjonen)"},
			{"Fritidskontakt (Helsestasjonen)", "Miljøterapeut i skolen (Helsestasjonen)"}}
		if diff := cmp.Diff(wantGroups, groups); diff != "" || !cmp.Equal(labels, []string{"Passer for barnets alder og nivå", "Andre tiltak i kommunen"}) {
			t.Errorf("groups %q (-want +got):\n%s", labels, diff)
		}
		if first := sel.Find("option").First(); first.AttrOr("value", "x") != "" || first.Text() != "Ikke fra oversikten" {
			t.Errorf("first option = %q", first.Text())
		}
		if href, _ := sel.Parent().Find("a").Attr("href"); href != "/k/4003/tiltak" {
			t.Errorf("link to the overview = %q", href)
		}
		if res := h.Page("GET", logp+"/innslag/ny?type=measure", h.Login(fx.Plain), nil); res.Status != http.StatusForbidden ||
			res.Doc(t).Find("select#entry-measure-catalog-service-id").Length() != 0 {
			t.Error("the guardian is offered the service choice")
		}

		form := url.Values{"kind": {"measure"}, "goal": {"Leser flytende"}, "text": {"Lesekurs i fire uker."},
			"responsible_user_id": {fx.EmployeeA.ID}, "start_date": {"2026-11-23"}, "evaluate_by": {"2027-01-15"}, "catalog_service_id": {old}}
		res := h.Page("POST", logp+"/innslag", holder, form)
		h.WantFieldError(t, res, "entry-measure-catalog-service-id", "not_found")
		if v, _ := res.Doc(t).Find("#entry-measure-goal").Attr("value"); v != "Leser flytende" {
			t.Errorf("the failed form lost the goal: %q", v)
		}
		form.Set("catalog_service_id", fits)
		res = h.Page("POST", logp+"/innslag", holder, form)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), logp+"#innslag-") {
			t.Fatalf("measure form = %d %s", res.Status, res.Header.Get("Location"))
		}
		card := adminDoc(t, h.Page("GET", logp, holder, nil)).Find("#h-measures").Parent()
		if got := flat(card.Find(".measure-service").Text()); got != "Fra tiltaksoversikten: Lesekurs" {
			t.Errorf("measure card says %q", got)
		}
	})
}

// TestCatalogPublicPage: the overview is readable without signing in, searchable
// with a plain GET form, shows each service's unit, contact and how to get it, and
// nothing from any log or any retired service.
func TestCatalogPublicPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, o := h.Fx, logOps{t, h}
		admin, holder := h.Login(fx.AdminA), h.Login(fx.EmployeeA)
		icdp := createService(h, admin, map[string]any{"how_to_access": "Meld deg på hos [Familiesenteret](https://skien.kommune.no/familie)."})
		createService(h, admin, map[string]any{"name": "Samtalegruppe for barn av skilte foreldre", "min_age": 8, "max_age": 15,
			"levels": []int{1}, "keywords": []string{"skilsmisse"}, "unit_id": fx.UnitA.ID})
		createService(h, admin, map[string]any{"name": "Åpen dør hos helsesykepleier", "min_age": 6, "max_age": 20, "levels": []int{1},
			"description": "Snakk om SØVN og følelser."})
		old := createService(h, admin, map[string]any{"name": "Gammelt tiltak"})
		o.ok(h.Do("DELETE", catalogAPI(fx.A.ID)+"/"+old, admin, nil), 204, "retire")
		id := o.activeLog(holder, fx.UnitA.ID, "Åse Bjørnstad", fx.Plain.ID, fx.UnitA.ID)
		o.ok(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "measure", "text": "Hemmelig tiltakstekst",
			"goal": "Åse sover bedre", "responsible_user_id": fx.EmployeeA.ID, "start_date": "2026-11-23", "evaluate_by": "2027-01-15",
			"catalog_service_id": icdp}), 201, "measure")
		secrets := []string{"Åse", "Bjørnstad", "Hemmelig tiltakstekst", "sover bedre", "Frida Forelder", "Gammelt tiltak"}

		base := "/k/4003/tiltak"
		res := h.Page("GET", base, "", nil)
		if res.Status != 200 {
			t.Fatalf("overview = %d", res.Status)
		}
		doc := res.Doc(t)
		if got := cardNames(doc); !cmp.Equal(got, []string{"Foreldreveiledning ICDP", "Samtalegruppe for barn av skilte foreldre", "Åpen dør hos helsesykepleier"}) {
			t.Errorf("cards = %q", got)
		}
		for _, s := range secrets {
			if strings.Contains(string(res.Body), s) {
				t.Errorf("the public overview shows %q", s)
			}
		}
		card := doc.Find("#tiltak-" + icdp)
		if card.Find(".service-unit").Text() != "Helsestasjonen" || card.Find(".service-ages").Text() != "0–18 år" ||
			card.Find(".service-levels").Text() != "1 og 2" || flat(card.Find(".service-contact").Text()) != "familiesenteret@skien.no" ||
			card.Find(`.service-access a[href="https://skien.kommune.no/familie"]`).Text() != "Familiesenteret" {
			t.Errorf("card = %q", flat(card.Text()))
		}
		search := doc.Find(`form[method="get"][action="` + base + `"]`)
		if search.Length() != 1 || search.Find(`input[name="q"]`).Length() != 1 || search.Find(`input[name="age"]`).Length() != 1 ||
			search.Find(`select[name="level"]`).Length() != 1 || doc.Find(`main form[method="post"]`).Length() != 0 {
			t.Error("no GET search form with q, age and level, or a form that posts")
		}
		if doc.Find(`a[href="/k/4003/veileder"]`).Length() == 0 {
			t.Error("no link to the action guide")
		}

		for query, want := range map[string][]string{
			"?q=SKILSMISSE":        {"Samtalegruppe for barn av skilte foreldre"},
			"?q=s%C3%B8vn":         {"Åpen dør hos helsesykepleier"},
			"?age=7&level=1":       {"Foreldreveiledning ICDP", "Åpen dør hos helsesykepleier"},
			"?age=19":              {"Åpen dør hos helsesykepleier"},
			"?unit=" + fx.UnitA.ID: {"Samtalegruppe for barn av skilte foreldre"},
			"?q=&age=&level=":      {"Foreldreveiledning ICDP", "Samtalegruppe for barn av skilte foreldre", "Åpen dør hos helsesykepleier"},
			"?q=gammelt":           {},
			"?q=skilsmisse&age=16": {},
		} {
			res := h.Page("GET", base+query, "", nil)
			doc := res.Doc(t)
			if got := cardNames(doc); res.Status != 200 || !cmp.Equal(got, want) {
				t.Errorf("%s = %d %q, want %q", query, res.Status, got, want)
			}
			if strings.HasPrefix(query, "?q=s%C3%B8vn") {
				if v, _ := doc.Find("#sok-q").Attr("value"); v != "søvn" || doc.Find("#h-services").Text() != "Fant 1 tiltak" {
					t.Errorf("search kept %q, heading %q", v, doc.Find("#h-services").Text())
				}
			}
			if len(want) == 0 && !strings.Contains(flat(doc.Find("main").Text()), "Ingen tiltak passer med søket.") {
				t.Errorf("%s: no message for an empty result", query)
			}
		}
		if doc := adminDoc(t, h.Page("GET", base+"?level=2", "", nil)); doc.Find(`#sok-level option[value="2"][selected]`).Length() != 1 {
			t.Error("the chosen level is not kept")
		}
		res = h.Page("GET", base+"?age=sju&level=9", "", nil)
		h.WantFieldError(t, res, "sok-age", "format")
		h.WantFieldError(t, res, "sok-level", "range")
		if got := cardNames(res.Doc(t)); len(got) != 0 {
			t.Errorf("a failed search lists %q", got)
		}
		for _, p := range []string{"/k/9999/tiltak", "/k/abc/tiltak", "/k/4003/tiltak/"} {
			if res := h.Page("GET", p, "", nil); res.Status != http.StatusNotFound {
				t.Errorf("%s = %d, want 404", p, res.Status)
			}
		}
		// B has no services yet: the page says so.
		if doc := adminDoc(t, h.Page("GET", "/k/4001/tiltak", "", nil)); !strings.Contains(flat(doc.Find("main").Text()), "Kommunen har ikke lagt inn noen tiltak ennå.") {
			t.Error("no message for an empty overview")
		}
		// The public guide links here.
		if adminDoc(t, h.Page("GET", "/k/4003/veileder", "", nil)).Find(`a[href="/k/4003/tiltak"]`).Length() != 1 {
			t.Error("the guide does not link to the overview")
		}
	})
}

// TestCatalogEditorPages: the municipality's administrator lists, adds, changes and
// retires services with forms that show field messages on mistakes (422); everyone
// else gets 404.
func TestCatalogEditorPages(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, tok := h.Fx, tokens(h)
		admin := tok[adminA]
		base := "/admin/kommuner/" + fx.A.ID + "/tiltak"
		sid := createService(h, admin, nil)
		post := func(path string, form url.Values) *webtest.Response {
			t.Helper()
			return h.Page("POST", path, admin, form)
		}
		redirect := func(res *webtest.Response, target, flash string) {
			t.Helper()
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != target {
				t.Fatalf("answer = %d to %q, want 303 to %q\n%.3000s", res.Status, res.Header.Get("Location"), target, res.Body)
			}
			if !strings.Contains(res.Header.Get("Set-Cookie"), ui.FlashCookie+"="+flash) {
				t.Errorf("no confirmation %s: %q", flash, res.Header.Get("Set-Cookie"))
			}
		}
		good := url.Values{"name": {"Lesekurs – intensiv lesetrening"}, "unit_id": {fx.UnitA.ID}, "target_group": {"Elever på 1.–4. trinn"},
			"min_age": {"6"}, "max_age": {"10"}, "levels": {"1", "2"}, "description": {"Fire uker med lesetrening."},
			"how_to_access": {"Kontaktlæreren foreslår kurset."}, "contact": {"myren.skole@skien.no"}, "keywords": {"lesing, lesevansker,\nspråk"}}

		t.Run("Access", func(t *testing.T) {
			before := catalogState(h)
			for _, who := range []actorKey{sysAdmin, adminB, leaderA, employeeA, plain} {
				for _, p := range []string{base, base + "/ny", base + "/" + sid} {
					wantHidden(t, h.Page("GET", p, tok[who], nil), "Foreldreveiledning ICDP")
				}
				wantHidden(t, h.Page("POST", base, tok[who], good))
				wantHidden(t, h.Page("POST", base+"/"+sid, tok[who], good))
				wantHidden(t, h.Page("POST", base+"/"+sid+"/avslutt", tok[who], url.Values{}))
			}
			res := h.Page("GET", base, "", nil)
			if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/innlogging") {
				t.Errorf("anonymous = %d %s", res.Status, res.Header.Get("Location"))
			}
			if after := catalogState(h); after != before {
				t.Errorf("refused forms changed the overview: %v → %v", before, after)
			}
			mun := adminDoc(t, h.Page("GET", "/admin/kommuner/"+fx.A.ID, admin, nil))
			home := adminDoc(t, h.Page("GET", "/admin", admin, nil))
			if mun.Find(`a[href="`+base+`"]`).Length() != 1 || home.Find(`a[href="`+base+`"]`).Length() != 1 {
				t.Error("no link to the editor on the municipality's or the administration page")
			}
			if res := h.Page("GET", "/admin/kommuner/"+unknownID(t)+"/tiltak", admin, nil); res.Status != 404 {
				t.Errorf("unknown municipality = %d", res.Status)
			}
			if res := h.Page("GET", base+"/"+unknownID(t), admin, nil); res.Status != 404 {
				t.Errorf("unknown service = %d", res.Status)
			}
		})
		var newID string
		t.Run("Create", func(t *testing.T) {
			res := h.Page("GET", base+"/ny", admin, nil)
			doc := res.Doc(t)
			if res.Status != 200 || doc.Find("#service-name").Length() != 1 || doc.Find(`select#service-unit-id option`).Length() != 3 ||
				doc.Find(`input[type="checkbox"][name="levels"]`).Length() != 3 {
				t.Fatalf("new service form = %d", res.Status)
			}
			before := catalogState(h)
			bad := url.Values{"name": {" "}, "unit_id": {fx.UnitB.ID}, "min_age": {"12"}, "max_age": {"6"}, "target_group": {"x"},
				"description": {"y"}, "how_to_access": {"z"}, "contact": {"w"}}
			res = post(base, bad)
			h.WantFieldError(t, res, "service-name", "required")
			h.WantFieldError(t, res, "service-max-age", "range")
			h.WantFieldError(t, res, "service-levels", "required")
			doc = res.Doc(t)
			if v, _ := doc.Find("#service-min-age").Attr("value"); v != "12" {
				t.Errorf("the failed form lost min_age: %q", v)
			}
			bad.Set("name", "Lesekurs")
			bad.Set("max_age", "tolv")
			bad["levels"] = []string{"1"}
			res = post(base, bad)
			h.WantFieldError(t, res, "service-max-age", "format")
			if res.Doc(t).Find(`#service-level-1[checked]`).Length() != 1 {
				t.Error("the failed form lost the ticked level")
			}
			bad.Set("max_age", "12")
			h.WantFieldError(t, post(base, bad), "service-unit-id", "not_found") // a unit of another municipality
			if after := catalogState(h); after != before {
				t.Errorf("failed forms wrote: %v → %v", before, after)
			}

			res = post(base, good)
			loc := res.Header.Get("Location")
			if !strings.HasPrefix(loc, base+"#tiltak-") {
				t.Fatalf("create = %d %q", res.Status, loc)
			}
			redirect(res, loc, "catalog.created")
			newID = strings.TrimPrefix(loc, base+"#tiltak-")
			v, err := h.DB.GetService(t.Context(), fx.A.ID, newID)
			if err != nil || v.Name != "Lesekurs – intensiv lesetrening" || v.UnitName != "Myren skole" || !cmp.Equal(v.Levels, []int{1, 2}) ||
				!cmp.Equal(v.Keywords, []string{"lesing", "lesevansker", "språk"}) || v.MinAge != 6 || v.MaxAge != 10 {
				t.Errorf("created = %+v, %v", v, err)
			}
			list := adminDoc(t, h.Page("GET", base, admin, nil))
			if list.Find("#tiltak-"+newID).Length() != 1 || list.Find(`a[href="`+base+`/`+newID+`"]`).Length() != 1 ||
				list.Find(`a[href="/k/4003/tiltak"]`).Length() != 1 {
				t.Errorf("list = %q", flat(list.Find("main").Text()))
			}
		})
		t.Run("Edit", func(t *testing.T) {
			doc := adminDoc(t, h.Page("GET", base+"/"+newID, admin, nil))
			if v, _ := doc.Find("#service-name").Attr("value"); v != "Lesekurs – intensiv lesetrening" {
				t.Errorf("edit form name = %q", v)
			}
			if v, _ := doc.Find("#service-keywords").Attr("value"); v != "lesing, lesevansker, språk" {
				t.Errorf("edit form keywords = %q", v)
			}
			if doc.Find(`#service-level-1[checked]`).Length() != 1 || doc.Find(`#service-level-3[checked]`).Length() != 0 ||
				doc.Find(`#service-unit-id option[selected]`).AttrOr("value", "") != fx.UnitA.ID {
				t.Error("edit form does not show the levels and unit")
			}
			change := url.Values{}
			for k, v := range good {
				change[k] = v
			}
			change.Set("contact", "")
			res := post(base+"/"+newID, change)
			h.WantFieldError(t, res, "service-contact", "required")
			if v, _ := res.Doc(t).Find("#service-name").Attr("value"); v != "Lesekurs – intensiv lesetrening" {
				t.Errorf("failed edit form name = %q", v)
			}
			change.Set("contact", "lesesenteret@skien.no")
			change["levels"] = []string{"3"}
			redirect(post(base+"/"+newID, change), base+"#tiltak-"+newID, "catalog.saved")
			if v, _ := h.DB.GetService(t.Context(), fx.A.ID, newID); v.Contact != "lesesenteret@skien.no" || !cmp.Equal(v.Levels, []int{3}) {
				t.Errorf("saved = %+v", v)
			}
		})
		t.Run("Retire", func(t *testing.T) {
			doc := adminDoc(t, h.Page("GET", base+"/"+newID, admin, nil))
			if doc.Find(`form[method="post"][action="`+base+`/`+newID+`/avslutt"]`).Length() != 1 {
				t.Fatal("no retire form")
			}
			redirect(post(base+"/"+newID+"/avslutt", url.Values{}), base, "catalog.retired")
			list := adminDoc(t, h.Page("GET", base, admin, nil))
			if list.Find("#h-retired").Length() != 1 || !strings.Contains(list.Find("#tiltak-"+newID).Text(), "Tatt ut") {
				t.Errorf("retired list = %q", flat(list.Find("main").Text()))
			}
			if res := h.Page("GET", base+"/"+newID, admin, nil); res.Status != 404 {
				t.Errorf("edit form of a retired service = %d", res.Status)
			}
			if res := post(base+"/"+newID+"/avslutt", url.Values{}); res.Status != 404 {
				t.Errorf("retire twice = %d", res.Status)
			}
			if got := cardNames(adminDoc(t, h.Page("GET", "/k/4003/tiltak", "", nil))); !cmp.Equal(got, []string{"Foreldreveiledning ICDP"}) {
				t.Errorf("public overview after retiring = %q", got)
			}
		})
	})
}
