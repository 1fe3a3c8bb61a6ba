package web_test

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/web/app"
	"stafett/internal/web/webtest"
)

// cellOf is the text of the cell in row head (a bokmål indicator name) and column
// col (from 1, after the row's header) of table id.
func cellOf(doc *goquery.Document, id, head string, col int) string {
	out := "(no row)"
	doc.Find("#table-" + id + " tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if strings.TrimSpace(tr.Find("th").Text()) == head {
			out = strings.TrimSpace(tr.Find("td").Eq(col - 1).Text())
		}
	})
	return out
}

// csvRows reads a CSV download: UTF-8 with a BOM, semicolons.
func csvRows(t *testing.T, res *webtest.Response) [][]string {
	t.Helper()
	if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s %s", res.Status, res.Header.Get("Content-Type"), res.Body)
	}
	if !bytes.HasPrefix(res.Body, []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(res.Body, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func csvRow(rows [][]string, head string) []string {
	for _, r := range rows {
		if r[0] == head {
			return r
		}
	}
	return nil
}

const pagePeriod = "?from=2026-01-01&to=2026-11-23"

func TestIndicatorsPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := h.IndicatorWorld()
		admin := h.Login(w.AdminAlpha)
		res := h.Page("GET", "/indikatorer"+pagePeriod, admin, nil)
		wantStatus(t, res, 200, "admin")
		doc := res.Doc(t)
		for name, want := range map[string]string{
			"indicator.logs_opened": "18", "indicator.undringer_opened": "21", "indicator.active_level_2": "5",
			"indicator.undring_decided_on_time_share": "70 % (14 av 20)", "indicator.transfer_accept_days_median": "4 dager",
		} {
			if got := cellOf(doc, "kommune", h.NBText(name), 1); got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		if got := cellOf(doc, "kommune", h.NBText("indicator.logs_opened"), 2); got != h.NBText("indicator.logs_opened.definition") {
			t.Errorf("definition beside the number = %q", got)
		}
		if !strings.Contains(doc.Find("#as-of").Text(), "2026") || doc.Find(`nav a[href="/indikatorer"]`).Length() != 1 {
			t.Error("no as-of time or no nav link")
		}
		// No unit apart for the administrator: Alpha2's 2 cases are held back, and
		// Alpha1 with them, or Alpha2 would be the municipality less Alpha1.
		if doc.Find("#table-enheter").Length() != 0 {
			t.Errorf("unit columns: %q", doc.Find("#table-enheter thead").Text())
		}
		// Charts: named images with a description, no script.
		for _, id := range []string{"levels-chart", "trend-chart"} {
			if doc.Find("#"+id+` svg[role="img"] title`).Length() != 1 || doc.Find("#"+id+" svg desc").Length() != 1 {
				t.Errorf("%s is not a named, described image", id)
			}
		}
		if doc.Find("#levels-chart rect").Length() != 3 || doc.Find("#trend-chart polyline").Length() == 0 {
			t.Errorf("bars %d, lines %d", doc.Find("#levels-chart rect").Length(), doc.Find("#trend-chart polyline").Length())
		}
		if doc.Find("main script").Length() != 0 {
			t.Error("a script in the page")
		}
		// The trend counts the same period a year back: Alpha's one undring of 2025.
		if got := cellOf(doc, "trend", h.NBText("indicator.undringer_opened"), 2); got != "1" {
			t.Errorf("2025 undringer = %q", got)
		}
		// CSV of the table, as the course report: BOM, semicolons.
		rows := csvRows(t, h.Page("GET", "/indikatorer"+pagePeriod+"&csv=kommune", admin, nil))
		if r := csvRow(rows, h.NBText("indicator.logs_opened")); r == nil || r[1] != "18" {
			t.Errorf("csv row = %v", r)
		}
		if r := csvRow(rows, h.NBText("indicator.family_entries_share")); r == nil || r[1] != "0,2000" {
			t.Errorf("csv share = %v", r)
		}
		if res := h.Page("GET", "/indikatorer"+pagePeriod+"&csv=nope", admin, nil); res.Status != 404 {
			t.Errorf("unknown table: %d", res.Status)
		}
		// The print view: the tables without the forms and links.
		pr := h.Page("GET", "/indikatorer"+pagePeriod+"&utskrift=1", admin, nil).Doc(t)
		if pr.Find("#table-kommune").Length() != 1 || pr.Find("main form").Length() != 0 || pr.Find("#csv-kommune").Length() != 0 {
			t.Error("the print view has forms or lacks the table")
		}
		// The leader sees the municipality and the own unit only.
		led := h.Page("GET", "/indikatorer"+pagePeriod, h.Login(w.LeaderAlpha), nil)
		wantStatus(t, led, 200, "leader")
		ld := led.Doc(t)
		if got := ld.Find("#table-enheter thead th").Eq(1).Text(); ld.Find("#table-enheter thead th").Length() != 2 || got != w.Alpha1.Name {
			t.Errorf("leader's units: %q", ld.Find("#table-enheter thead").Text())
		}
		if ld.Find("#import-form").Length() != 0 || ld.Find("#publish-form").Length() != 0 {
			t.Error("a leader is offered the administrator's forms")
		}
		if res := h.Page("GET", "/indikatorer", "", nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/innlogging") {
			t.Errorf("anonymous: %d %s", res.Status, res.Header.Get("Location"))
		}
		// A coordinator with no municipality of their own is sent on to the network.
		coord := amCoordinator(t, h)
		if res := h.Do("POST", "/api/v1/users/"+coord.ID+"/roles", h.Login(h.Fx.SysAdmin), map[string]any{"role": "network_coordinator", "network_id": w.Network.ID}); res.Status != 201 {
			t.Fatalf("grant: %d %s", res.Status, res.Body)
		}
		cres := h.Page("GET", "/indikatorer", h.Login(coord), nil)
		wantStatus(t, cres, 200, "coordinator")
		if cd := cres.Doc(t); cd.Find(`#networks a[href="/samarbeid/`+w.Network.ID+`/indikatorer"]`).Length() != 1 || cd.Find("#table-kommune").Length() != 0 {
			t.Errorf("coordinator's page: %q", cd.Find("main").Text())
		}
		if d := h.Page("GET", "/indikatorer", admin, nil).Doc(t); d.Find(`#networks a[href="/samarbeid/`+w.Network.ID+`/indikatorer"]`).Length() != 1 {
			t.Error("no link from the municipality to its network")
		}
		emp := h.Login(w.EmployeeAlpha)
		for _, c := range []struct {
			name, token, path string
			status            int
		}{
			{"Employee", emp, "/indikatorer", 403},
			{"Guardian", h.Login(h.Fx.Plain), "/indikatorer", 403},
			{"SystemAdmin", h.Login(h.Fx.SysAdmin), "/indikatorer", 403},
			{"OtherMunicipality", h.Login(w.AdminBeta), "/indikatorer?kommune=" + w.Alpha.ID, 404},
			{"OutsideTheNetwork", h.Login(w.AdminOutside), "/indikatorer?kommune=" + w.Alpha.ID, 404},
			{"BadDate", admin, "/indikatorer?from=2026-13-01&to=x", 422},
		} {
			t.Run(c.name, func(t *testing.T) {
				res := h.Page("GET", c.path, c.token, nil)
				if res.Status != c.status {
					t.Errorf("%d, want %d", res.Status, c.status)
				}
				if strings.Contains(string(res.Body), `id="table-kommune"`) {
					t.Error("a refusal shows indicators")
				}
			})
		}
		if d := h.Page("GET", "/", emp, nil).Doc(t); d.Find(`nav a[href="/indikatorer"]`).Length() != 0 {
			t.Error("an employee has the nav link")
		}
	})
}

func TestNetworkIndicatorsPage(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := h.IndicatorWorld()
		path := "/samarbeid/" + w.Network.ID + "/indikatorer"
		admin := h.Login(w.AdminAlpha)
		res := h.Page("GET", path+pagePeriod, admin, nil)
		wantStatus(t, res, 200, "admin")
		doc := res.Doc(t)
		heads := doc.Find("#table-medlemmer thead th")
		if heads.Length() != 5 || heads.Eq(1).Text() != w.Alpha.Name || heads.Eq(4).Text() != h.NBText("indicator.total") {
			t.Fatalf("columns: %q", doc.Find("#table-medlemmer thead").Text())
		}
		cols := map[string]int{}
		heads.Each(func(i int, s *goquery.Selection) { cols[s.Text()] = i })
		lvl2 := h.NBText("indicator.active_level_2")
		under := h.NBText("indicator.suppressed")
		if got := cellOf(doc, "medlemmer", lvl2, cols[w.Alpha.Name]); got != "5" {
			t.Errorf("Alpha's own level 2 = %q", got)
		}
		if got := cellOf(doc, "medlemmer", lvl2, cols[w.Beta.Name]); got != under {
			t.Errorf("Beta's level 2 = %q, want %q", got, under)
		}
		// Beta's 3 is not recoverable: Gamma's 9 is held back with it.
		if got := cellOf(doc, "medlemmer", lvl2, cols[w.Gamma.Name]); got != under {
			t.Errorf("Gamma's level 2 = %q, want %q", got, under)
		}
		// The bars: Beta's and Gamma's level 2 are not drawn; their text says why.
		missing := 0
		doc.Find("#members-chart text").Each(func(_ int, s *goquery.Selection) {
			if s.Text() == under {
				missing++
			}
		})
		if doc.Find("#members-chart rect").Length() != 9-2 || missing != 2 {
			t.Errorf("bars %d, under 5 %d", doc.Find("#members-chart rect").Length(), missing)
		}
		if doc.Find("#trend-chart svg desc").Length() != 1 || doc.Find("#table-trend").Length() != 1 {
			t.Error("no trend")
		}
		// The CSV never holds Beta's 3.
		rows := csvRows(t, h.Page("GET", path+pagePeriod+"&csv=medlemmer", admin, nil))
		r := csvRow(rows, lvl2)
		if r == nil || r[cols[w.Beta.Name]] != under {
			t.Fatalf("csv level 2 = %v", r)
		}
		for _, c := range r[1:] {
			if c == "3" {
				t.Errorf("Beta's 3 in the CSV: %v", r)
			}
		}
		// Beta's administrator sees Beta's 3.
		fromBeta := h.Page("GET", path+pagePeriod, h.Login(w.AdminBeta), nil).Doc(t)
		if got := cellOf(fromBeta, "medlemmer", lvl2, cols[w.Beta.Name]); got != "3" {
			t.Errorf("Beta's own level 2 = %q", got)
		}
		if res := h.Page("GET", path, "", nil); res.Status != http.StatusSeeOther {
			t.Errorf("anonymous: %d", res.Status)
		}
		for _, c := range []struct {
			name, token, path string
			status            int
		}{
			{"Employee", h.Login(w.EmployeeAlpha), path, 403},
			{"Guardian", h.Login(h.Fx.Plain), path, 403},
			{"SystemAdmin", h.Login(h.Fx.SysAdmin), path, 403},
			{"OtherMunicipality", h.Login(h.Fx.AdminA), path, 404},
			{"OutsideTheNetwork", h.Login(w.AdminOutside), path, 404},
			{"Leader", h.Login(w.LeaderAlpha), path, 404},
			{"Unknown", admin, "/samarbeid/nope/indikatorer", 404},
		} {
			t.Run(c.name, func(t *testing.T) {
				res := h.Page("GET", c.path, c.token, nil)
				if res.Status != c.status {
					t.Errorf("%d, want %d", res.Status, c.status)
				}
				if strings.Contains(string(res.Body), `id="table-medlemmer"`) {
					t.Error("a refusal shows indicators")
				}
			})
		}
	})
}

// uploadPage posts file as the form's "file", with the other fields, as a browser.
func uploadPage(h *webtest.Harness, path, token string, fields url.Values, file string) *webtest.Response {
	h.T.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", "tall.csv")
	_, _ = fw.Write([]byte(file))
	_ = mw.Close()
	req := httptest.NewRequest("POST", path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if token != "" {
		req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: token})
	}
	return h.Serve(req)
}

func TestOutcomeImport(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := h.IndicatorWorld()
		admin := h.Login(w.AdminAlpha)
		mun := url.Values{"kommune": {w.Alpha.ID}}
		// One bad row among good ones: nothing is stored, and every bad row is listed.
		bad := "kommunenummer;år;nøkkel;verdi;kilde\n5501;2024;school_absence;8,2;SSB\n5501;19x;school_absence;8;SSB\n5502;2024;school_absence;8;SSB\n5501;2025;nope;8;SSB\n"
		res := uploadPage(h, "/indikatorer/utfall", admin, mun, bad)
		wantStatus(t, res, 422, "bad file")
		doc := res.Doc(t)
		items := doc.Find("#import-problems li")
		if items.Length() != 3 || !strings.HasPrefix(items.Eq(0).Text(), "Rad 3") || !strings.HasPrefix(items.Eq(1).Text(), "Rad 4") || !strings.HasPrefix(items.Eq(2).Text(), "Rad 5") {
			t.Errorf("problems: %q", doc.Find("#import-problems").Text())
		}
		if !strings.Contains(items.Eq(1).Text(), h.NBText("indicator.import.code.not_allowed")) {
			t.Errorf("another municipality's row: %q", items.Eq(1).Text())
		}
		if d := h.Page("GET", "/indikatorer", admin, nil).Doc(t); d.Find("#outcomes-none").Length() != 1 {
			t.Error("a refused file stored something")
		}
		// No file, or a file that is not UTF-8: refused with a message, not a 5xx.
		if res := h.Page("POST", "/indikatorer/utfall", admin, mun); res.Status != 422 || res.Doc(t).Find("#import-problems li").Length() != 1 {
			t.Errorf("no file: %d", res.Status)
		}
		if res := uploadPage(h, "/indikatorer/utfall", admin, mun, "\xff\xfe;;"); res.Status != 422 {
			t.Errorf("not UTF-8: %d", res.Status)
		}
		// A good file is stored and shown per year with its source.
		good := "\ufeffkommunenummer;år;nøkkel;verdi;kilde\n5501;2024;school_absence;8,2;SSB KOSTRA\n5501;2025;school_absence;7,5;SSB KOSTRA\n5501;2025;thriving_at_school;86;Ungdata\n"
		res = uploadPage(h, "/indikatorer/utfall", admin, mun, good)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("good file: %d %s", res.Status, res.Body)
		}
		d := h.Page("GET", "/indikatorer", admin, nil).Doc(t)
		absence := h.NBText("outcome.school_absence")
		if got := cellOf(d, "utfall", absence, 1) + "|" + cellOf(d, "utfall", absence, 2) + "|" + cellOf(d, "utfall", absence, 3); got != "8,20 %|7,50 %|SSB KOSTRA" {
			t.Errorf("outcomes row = %q", got)
		}
		// The same key and year again replaces it.
		if res := uploadPage(h, "/indikatorer/utfall", admin, mun, "5501;2025;school_absence;7;SSB\n"); res.Status != http.StatusSeeOther {
			t.Fatalf("again: %d", res.Status)
		}
		if got := cellOf(h.Page("GET", "/indikatorer", admin, nil).Doc(t), "utfall", absence, 2); got != "7,00 %" {
			t.Errorf("replaced = %q", got)
		}
		// The import is in the administrators' audit.
		au := h.Do("GET", "/api/v1/admin/audit?municipality_id="+w.Alpha.ID, admin, nil)
		if !strings.Contains(string(au.Body), "indicators.outcomes") {
			t.Errorf("audit: %s", au.Body)
		}
		// A leader may not import; another municipality's admin gets not found.
		if res := uploadPage(h, "/indikatorer/utfall", h.Login(w.LeaderAlpha), mun, good); res.Status != 403 {
			t.Errorf("leader: %d", res.Status)
		}
		if res := uploadPage(h, "/indikatorer/utfall", h.Login(w.AdminBeta), mun, good); res.Status != 404 {
			t.Errorf("other municipality: %d", res.Status)
		}
		if res := uploadPage(h, "/indikatorer/utfall", "", mun, good); res.Status != http.StatusSeeOther {
			t.Errorf("anonymous: %d", res.Status)
		}
		// A network's coordinator imports for its members, not for others.
		coord := amCoordinator(t, h)
		if res := h.Do("POST", "/api/v1/users/"+coord.ID+"/roles", h.Login(h.Fx.SysAdmin), map[string]any{"role": "network_coordinator", "network_id": w.Network.ID}); res.Status != 201 {
			t.Fatalf("grant: %d %s", res.Status, res.Body)
		}
		ct := h.Login(coord)
		npath := "/samarbeid/" + w.Network.ID + "/indikatorer/utfall"
		if res := uploadPage(h, npath, ct, nil, "5502;2025;low_income_children;11;SSB\n5504;2025;low_income_children;9;SSB\n"); res.Status != 422 {
			t.Errorf("outside member: %d", res.Status)
		}
		if res := uploadPage(h, npath, ct, nil, "5502;2025;low_income_children;11;SSB\n5503;2025;low_income_children;9,5;SSB\n"); res.Status != http.StatusSeeOther {
			t.Fatalf("coordinator: %d %s", res.Status, res.Body)
		}
		nd := h.Page("GET", "/samarbeid/"+w.Network.ID+"/indikatorer", ct, nil).Doc(t)
		if got := cellOf(nd, "utfall", w.Beta.Name+": "+h.NBText("outcome.low_income_children"), 2); got != "11,00 %" {
			t.Errorf("network outcomes: %q", nd.Find("#table-utfall").Text())
		}
		if res := uploadPage(h, npath, admin, nil, "5501;2025;low_income_children;11;SSB\n"); res.Status != 403 {
			t.Errorf("a member's admin imports for the network: %d", res.Status)
		}
	})
}

func TestPublicIndicators(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		w := h.IndicatorWorld()
		path := "/k/" + w.Alpha.Number + "/indikatorer" + pagePeriod
		if res := h.Page("GET", path, "", nil); res.Status != 404 {
			t.Errorf("unpublished: %d", res.Status)
		}
		if res := h.Page("GET", "/k/0000/indikatorer", "", nil); res.Status != 404 {
			t.Errorf("unknown: %d", res.Status)
		}
		publish := url.Values{"kommune": {w.Alpha.ID}, "publish": {"1"}}
		if res := h.Page("POST", "/indikatorer/publisering", h.Login(w.LeaderAlpha), publish); res.Status != 403 {
			t.Errorf("leader publishes: %d", res.Status)
		}
		if res := h.Page("POST", "/indikatorer/publisering", h.Login(w.AdminBeta), publish); res.Status != 404 {
			t.Errorf("other municipality publishes: %d", res.Status)
		}
		admin := h.Login(w.AdminAlpha)
		if res := h.Page("POST", "/indikatorer/publisering", admin, publish); res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", res.Status, res.Body)
		}
		if d := h.Page("GET", "/indikatorer", admin, nil).Doc(t); d.Find("#published").Length() != 1 {
			t.Error("the page does not say the figures are published")
		}
		for _, tok := range []string{"", h.Login(w.EmployeeAlpha), h.Login(h.Fx.SysAdmin), admin} {
			res := h.Page("GET", path, tok, nil)
			wantStatus(t, res, 200, "public")
			doc := res.Doc(t)
			under := h.NBText("indicator.suppressed")
			// Even Alpha's own administrator sees the outsiders' view here.
			if got := cellOf(doc, "kommune", h.NBText("indicator.active_level_3"), 1); got != under {
				t.Errorf("level 3 (2 logs) = %q", got)
			}
			if got := cellOf(doc, "kommune", h.NBText("indicator.logs_opened"), 1); got != "18" {
				t.Errorf("logs opened = %q", got)
			}
			if got := cellOf(doc, "kommune", h.NBText("indicator.undring_decided_on_time_share"), 1); got != "70 %" {
				t.Errorf("share with parts to outsiders: %q", got)
			}
		}
		rows := csvRows(t, h.Page("GET", path+"&csv=kommune", "", nil))
		if r := csvRow(rows, h.NBText("indicator.active_level_3")); r == nil || r[1] != h.NBText("indicator.suppressed") {
			t.Errorf("public csv level 3 = %v", r)
		}
		if res := h.Page("POST", "/indikatorer/publisering", admin, url.Values{"kommune": {w.Alpha.ID}, "publish": {"0"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", res.Status)
		}
		if res := h.Page("GET", path, "", nil); res.Status != 404 {
			t.Errorf("withdrawn: %d", res.Status)
		}
	})
}
