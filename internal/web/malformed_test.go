package web_test

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"stafett/internal/auth"
	"stafett/internal/people"
	"stafett/internal/store/storetest"
	"stafett/internal/web"
	"stafett/internal/web/app"
	"stafett/internal/web/ui"
	"stafett/internal/web/webtest"
)

// floodRequests is how many malformed requests the flood sends per database.
const floodRequests = 12000

// TestMalformedRequestFlood sends thousands of generated malformed requests to every
// registered route — bad methods, IDs, JSON, forms, multipart bodies, content types,
// sizes, tokens, cookies and headers — as anonymous visitors and as people with every
// role, and checks that none is answered 5xx and that no goroutine is left behind.
func TestMalformedRequestFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("flood")
	}
	routes := registeredRoutes(t)
	if len(routes) < 60 {
		t.Fatalf("found only %d routes in routes.go", len(routes))
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		h := webtest.New(t, dsn)
		var logBuf lockedBuffer
		h.Srv = web.New(h.DB, webtest.Hasher, slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelError})), web.Config{}, nil)
		g := newFloodGen(t, h, routes)
		g.warmUp()
		before := runtime.NumGoroutine()
		hist := map[int]int{}
		var failures []string
		start := time.Now()
		for i := range floodRequests {
			if i%500 == 0 {
				g.refresh()
				h.Clock.Add(time.Minute)
			}
			req, desc := g.request()
			rec := httptest.NewRecorder()
			logBuf.Reset()
			h.Srv.ServeHTTP(rec, req)
			hist[rec.Code]++
			if rec.Code >= 500 && len(failures) < 25 {
				failures = append(failures, fmt.Sprintf("%s\n  -> %d %.300q\n  log: %.600s", desc, rec.Code, rec.Body.String(), logBuf.String()))
			}
		}
		var codes []int
		fivexx := 0
		for c, n := range hist {
			codes = append(codes, c)
			if c >= 500 {
				fivexx += n
			}
		}
		slices.Sort(codes)
		var sum strings.Builder
		for _, c := range codes {
			fmt.Fprintf(&sum, " %d:%d", c, hist[c])
		}
		t.Logf("sent %d malformed requests to %d routes in %v; 5xx: %d; statuses:%s",
			floodRequests, len(routes), time.Since(start).Round(time.Millisecond), fivexx, sum.String())
		if fivexx > 0 {
			t.Errorf("%d answers were 5xx; the first:\n%s", fivexx, strings.Join(failures, "\n"))
		}
		if hist[200]+hist[201]+hist[204]+hist[303] == 0 || hist[400] == 0 || hist[404] == 0 {
			t.Errorf("the flood did not reach the handlers: %v", hist)
		}
		checkGoroutines(t, before)
	})
}

// checkGoroutines waits for the goroutines started by the requests to end.
func checkGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before+2 {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("goroutines: %d before the flood, %d after\n%.8000s", before, n, buf)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// lockedBuffer collects the server's error log for the report of a 5xx.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Reset() { b.mu.Lock(); b.buf.Reset(); b.mu.Unlock() }

func (b *lockedBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

// route is one registered pattern: its method ("" for any) and path.
type route struct{ method, path string }

// registeredRoutes reads every pattern registered in routes.go, so that a new route
// is flooded too without anyone remembering to add it here.
func registeredRoutes(t *testing.T) []route {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "routes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []route
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Handle" {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok {
			return true // the static files, added below with their real prefix
		}
		pattern, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatal(err)
		}
		method, path, found := strings.Cut(pattern, " ")
		if !found {
			method, path = "", pattern
		}
		out = append(out, route{method, path})
		return true
	})
	return append(out, route{"GET", "{static}"})
}

// floodGen generates the malformed requests, deterministically.
type floodGen struct {
	t      *testing.T
	h      *webtest.Harness
	rnd    *rand.Rand
	routes []route
	ids    map[string][]string // real IDs by path parameter
	actors []people.User
	tokens []string
	// plausible are valid bodies of the JSON routes, raw JSON by field, for
	// requests that are wrong in one field only and so get deep into the handlers.
	plausible map[string]map[string]string
	big       []byte // a JSON body over the body cap
	bigMP     []byte // a multipart body over the upload cap
}

func newFloodGen(t *testing.T, h *webtest.Harness, routes []route) *floodGen {
	fx, o := h.Fx, logOps{t, h}
	g := &floodGen{t: t, h: h, rnd: rand.New(rand.NewPCG(5, 2026)), routes: routes,
		actors: []people.User{fx.SysAdmin, fx.AdminA, fx.AdminB, fx.LeaderA, fx.EmployeeA, fx.EmployeeA2, fx.EmployeeB, fx.Plain}}
	g.refresh()
	holder, admin := g.tokens[4], g.tokens[1]
	victims := []string{o.person(admin, "offer1@skien.no", "Offer En", fx.UnitA.ID).ID, o.person(admin, "offer2@skien.no", "Offer To", "").ID}
	id := o.activeLog(holder, fx.UnitA.ID, "Emma", fx.Plain.ID, fx.UnitA.ID, fx.UnitA2.ID)
	o.participant(holder, id, fx.EmployeeA2.ID, "write")
	note := o.note(holder, id, "Et notat")
	undring := o.open(holder, fx.UnitA.ID, map[string]any{"initials": "OB", "birth_date": "2019-01-02"}, "Lei seg")
	other := o.open(g.tokens[6], fx.UnitB.ID, map[string]any{"initials": "PB", "birth_date": "2017-03-04"}, "Sliten")
	tr := o.okID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.LeaderA.ID, "note": "Over til deg"}), 201, "transfer")
	var consents []string
	for _, c := range okAs[webtest.Log](o, h.Do("GET", "/api/v1/logs/"+id, holder, nil), 200, "log").Consents {
		consents = append(consents, c.ID)
	}
	g.ids = map[string][]string{
		"id": {id, undring, other}, "cid": consents, "eid": {note}, "tid": {tr},
		"mid": {fx.A.ID, fx.B.ID, fx.A.Number}, "uid": victims, "unitid": {fx.UnitA.ID, fx.UnitB.ID},
	}
	q := strconv.Quote
	g.plausible = map[string]map[string]string{
		"/api/v1/session":                           {"email": q(fx.EmployeeA.Email), "password": q(webtest.Password)},
		"/api/v1/municipalities":                    {"number": q("5501"), "name": q("Tromsø"), "consent_age": "15"},
		"/api/v1/municipalities/{mid}/units":        {"name": q("Ny skole"), "kind": q("school")},
		"/api/v1/users":                             {"email": q("ny@skien.no"), "name": q("Ny"), "password": q("langt-passord-her")},
		"/api/v1/users/{uid}/roles":                 {"role": q("employee"), "unit_id": q(fx.UnitA.ID)},
		"/api/v1/logs":                              {"unit_id": q(fx.UnitA.ID), "child": `{"initials":"AB","birth_date":"2018-01-02"}`, "concern": q("Lei seg")},
		"/api/v1/logs/{id}/level":                   {"level": "2", "reason": q("Mer hjelp")},
		"/api/v1/logs/{id}/undring-decision":        {"outcome": q("activated"), "text": q("Vi går videre")},
		"/api/v1/logs/{id}/close":                   {"reason": q("goal_reached"), "text": q("Ferdig")},
		"/api/v1/logs/{id}/guardians":               {"user_id": q(fx.Plain.ID), "parental_responsibility": "true"},
		"/api/v1/logs/{id}/guardians/{uid}/suspend": {"reason": q("Vold")},
		"/api/v1/logs/{id}/youth":                   {"email": q("ungdom@example.no"), "name": q("Ungdom"), "national_id": q("12345678901")},
		"/api/v1/logs/{id}/consents":                {"covers_unit_ids": `[` + q(fx.UnitA.ID) + `]`, "expires_at": q("2027-06-01T00:00:00Z"), "given_by": q("Kari")},
		"/api/v1/logs/{id}/participants":            {"user_id": q(fx.EmployeeA2.ID), "access": q("read")},
		"/api/v1/logs/{id}/entries": {"kind": q("meeting"), "text": q("Referat"), "held_at": q("2026-11-23T10:00:00+01:00"),
			"attendees": `["Lars","Hege"]`, "decisions": q("Ingen")},
		"/api/v1/logs/{id}/entries/{eid}/amend": {"text": q("Rettet")},
		"/api/v1/logs/{id}/transfers":           {"to_user_id": q(fx.LeaderA.ID), "note": q("Til deg")},
	}
	g.big = []byte(`{"text":"` + strings.Repeat("å", 700_000) + `"}`)
	var mp bytes.Buffer
	mp.WriteString("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stor.pdf\"\r\n\r\n%PDF-1.4\n")
	mp.Write(bytes.Repeat([]byte("0"), app.MaxConsentFileBytes+2<<20))
	mp.WriteString("\r\n--b--\r\n")
	g.bigMP = mp.Bytes()
	return g
}

// refresh gives every actor a fresh session straight from the store, since the
// flood signs people out, deactivates them and hits the sign-in limits.
func (g *floodGen) refresh() {
	ctx := context.Background()
	g.tokens = g.tokens[:0]
	for _, u := range g.actors {
		if _, err := g.h.DB.ChangeUserActive(ctx, people.System(), u.ID, true); err != nil {
			g.t.Fatal(err)
		}
		tok, hash := auth.NewToken()
		if _, err := g.h.DB.CreateSession(ctx, u.ID, hash, "password", people.DefaultSessionPolicy); err != nil {
			g.t.Fatal(err)
		}
		g.tokens = append(g.tokens, tok)
	}
}

// warmUp sends a few requests of every kind, so that connection pools and other
// long-lived goroutines exist before the goroutines are counted.
func (g *floodGen) warmUp() {
	for range 50 {
		req, _ := g.request()
		g.h.Srv.ServeHTTP(httptest.NewRecorder(), req)
	}
}

func (g *floodGen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

func (g *floodGen) chance(percent int) bool { return g.rnd.IntN(100) < percent }

var (
	badMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "get", "X-NONSENSE"}
	// badIDs are path segments, already escaped as they would arrive.
	badIDs = []string{"", "0", "-1", "99999999999999999999999999", "null", "undefined", "%00", "%FF%FE", "..", "..%2F..%2Fetc%2Fpasswd",
		"%27%20OR%201%3D1--", "%E2%80%AEgpj.exe", "abc%0D%0AX-Injected:%201", strings.Repeat("a", 4000), "%F0%9F%92%A9",
		"00000000000000000000000000000000", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "%2e%2e", "a%2Fb", "%C0%AF", "1e400"}
	contentTypes = []string{"application/json", "application/json; charset=utf-16", "text/plain", "", "application/x-www-form-urlencoded",
		"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unterminated", "multipart/form-data; boundary=b",
		";;;", "application/xml", "application/json;;;charset", "image/png", "multipart/mixed; boundary=b"}
	fieldNames = []string{"email", "password", "totp", "name", "kind", "unit_id", "child", "concern", "level", "reason", "text", "user_id",
		"access", "covers_unit_ids", "expires_at", "given_by", "held_at", "attendees", "outcome", "measure_id", "to_user_id", "note",
		"role", "municipality_id", "number", "consent_age", "parental_responsibility", "national_id", "start_date", "evaluate_by",
		"goal", "responsible_user_id", "decisions", "old_holder_leaves", "initials", "birth_date", "lang", "neste", "file", "", "__proto__"}
	badStrings = []string{"", " ", "x", "employee", "school", "write", "meeting", "note", "measure", "evaluation", "reached", "other",
		"activated", "2026-02-30", "2018-05-04", "2026-11-23T10:00", "2026-11-23T10:00:00+01:00", "9999-12-31T23:59:59-23:59",
		"0000-01-01T00:00:00+23:59", "' OR 1=1 --", "<script>alert(1)</script>", "\u202egpj.exe", "💩", "a@b", "drift@test.no",
		"/\t/evil.example", "//evil.example", "municipality_admin:", "employee:", ":", "system_admin:x", "12345678901", "true", "nn"}
)

// request returns the next malformed request and a description for the report.
func (g *floodGen) request() (*http.Request, string) {
	rt := g.routes[g.rnd.IntN(len(g.routes))]
	method := rt.method
	if method == "" || g.chance(30) {
		method = g.pick(badMethods)
	}
	target := g.target(rt)
	body, ctype := g.body()
	if tmpl, ok := g.plausible[rt.path]; ok && method == rt.method && g.chance(35) {
		body, ctype = []byte(g.mutate(tmpl)), "application/json"
	}
	if method == "GET" || method == "HEAD" {
		if !g.chance(20) {
			body, ctype = nil, ""
		}
	}
	req := httptest.NewRequest("GET", "/", bytes.NewReader(body))
	req.Method = method
	u, err := url.ParseRequestURI(target)
	if err != nil {
		u = &url.URL{Path: "/api/v1/logs/" + url.PathEscape(target)}
	}
	req.URL, req.RequestURI = u, target
	if ctype != "" || g.chance(10) {
		req.Header.Set("Content-Type", ctype)
	}
	g.credentials(req)
	g.headers(req)
	desc := fmt.Sprintf("%s %.200s (Content-Type %q, %d bytes: %.200q)", method, target, req.Header.Get("Content-Type"), len(body), body)
	return req, desc
}

// target fills in the route's path parameters with real IDs, IDs of the wrong kind
// or garbage, and sometimes adds a query string.
func (g *floodGen) target(rt route) string {
	p := rt.path
	switch p {
	case "{static}":
		p = g.h.Srv.StaticPrefix() + "/" + g.pick([]string{"app.css", "vendor/", "finnes-ikke.js", "../app.css", "%2e%2e/app.css", "app.css/"})
	case "/":
		p = "/" + g.pick([]string{"favicon.ico", "wp-login.php", ".env", "logg", "admin/../admin", "k/5501/veileder"})
	case "/api/":
		p = "/api/" + g.pick([]string{"v2/logs", "v1/", "v1/logs/x/y/z", "v1/admin", "v1/session/extra"})
	}
	for {
		i := strings.Index(p, "{")
		if i < 0 {
			break
		}
		j := strings.Index(p[i:], "}") + i
		name := p[i+1 : j]
		var v string
		switch {
		case name == "$":
			v = ""
		case g.chance(45) && len(g.ids[name]) > 0:
			v = g.pick(g.ids[name])
		case g.chance(30):
			all := slices.Concat(g.ids["id"], g.ids["uid"], g.ids["mid"], g.ids["cid"])
			v = g.pick(all) // an ID of another kind
		default:
			v = g.pick(badIDs)
		}
		p = p[:i] + v + p[j+1:]
	}
	if g.chance(15) {
		p += "?" + g.pick([]string{"neste=%2F%2Fevil.example", "neste=%2F%09%2Fevil.example", "a=%zz", "neste=" + strings.Repeat("x", 3000),
			"type=note&type=", "lang=xx", "%00=%00", "fane=tidslinje&&&", "neste=/logg/" + g.pick(g.ids["id"])})
	}
	return p
}

// body returns a malformed body and its content type.
func (g *floodGen) body() ([]byte, string) {
	switch n := g.rnd.IntN(100); {
	case n < 35:
		return []byte(g.jsonObject(0)), "application/json"
	case n < 45:
		s := g.jsonObject(0)
		return []byte(s[:g.rnd.IntN(len(s))]), "application/json"
	case n < 47:
		depth := 10001
		if g.chance(50) {
			depth = 500
		}
		return []byte(strings.Repeat(`{"child":`, depth) + "1" + strings.Repeat("}", depth)), g.pick(contentTypes)
	case n < 52:
		b := make([]byte, g.rnd.IntN(300))
		for i := range b {
			b[i] = byte(g.rnd.UintN(256))
		}
		return b, g.pick(contentTypes)
	case n < 67:
		return []byte(g.form()), "application/x-www-form-urlencoded"
	case n < 77:
		return g.multipart()
	case n < 78:
		return g.big, g.pick([]string{"application/json", "application/x-www-form-urlencoded", "text/plain"})
	case n < 79 && g.chance(30):
		return g.bigMP, "multipart/form-data; boundary=b"
	case n < 90:
		return nil, g.pick(contentTypes)
	default:
		return []byte(g.jsonObject(0)), g.pick(contentTypes)
	}
}

// mutate writes a valid body with one field changed to anything, left out or
// joined by an unknown one.
func (g *floodGen) mutate(fields map[string]string) string {
	keys := slices.Sorted(maps.Keys(fields))
	victim := g.pick(keys)
	var parts []string
	for _, k := range keys {
		v := fields[k]
		if k == victim {
			switch g.rnd.IntN(4) {
			case 0:
				continue
			case 1:
				parts = append(parts, strconv.Quote(g.pick(fieldNames))+":"+g.jsonValue(1))
			default:
				v = g.jsonValue(1)
			}
		}
		parts = append(parts, strconv.Quote(k)+":"+v)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// jsonObject writes an object of random fields of the API with values of any type,
// some not valid JSON text at all.
func (g *floodGen) jsonObject(depth int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range g.rnd.IntN(6) {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(g.pick(fieldNames)) + ":" + g.jsonValue(depth+1))
	}
	b.WriteString("}")
	return b.String()
}

func (g *floodGen) jsonValue(depth int) string {
	switch n := g.rnd.IntN(20); {
	case n < 6:
		return strconv.Quote(g.pick(badStrings))
	case n < 8 && len(g.ids["id"]) > 0:
		all := slices.Concat(g.ids["id"], g.ids["uid"], g.ids["cid"], g.ids["eid"], g.ids["unitid"])
		return strconv.Quote(g.pick(all))
	case n < 10:
		return g.pick([]string{"0", "-1", "1", "2", "3", "4", "15", "1e400", "-1e400", "99999999999999999999999", "1.5", "-0", "0x10", "NaN", "Infinity"})
	case n < 11:
		return g.pick([]string{"true", "false", "null", "tru", "nul"})
	case n < 12:
		return "\"\xff\xfe\xfd\"" // not UTF-8
	case n < 13:
		return "\"a\\u0000b\x00c\\ud800\""
	case n < 14:
		return strconv.Quote(strings.Repeat("Å", 20000))
	case n < 17 && depth < 4:
		parts := make([]string, g.rnd.IntN(4))
		for i := range parts {
			parts[i] = g.jsonValue(depth + 1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case depth < 4:
		return g.jsonObject(depth)
	}
	return `"x"`
}

// form writes an urlencoded form with fields of the pages, some badly escaped.
func (g *floodGen) form() string {
	var parts []string
	for range g.rnd.IntN(8) {
		k := url.QueryEscape(g.pick(fieldNames))
		v := url.QueryEscape(g.pick(badStrings))
		switch g.rnd.IntN(6) {
		case 0:
			v = "%zz" + v
		case 1:
			v = strings.Repeat("x", 5000)
		case 2:
			v = url.QueryEscape(g.pick(slices.Concat(g.ids["id"], g.ids["uid"], g.ids["unitid"], g.ids["cid"], g.ids["eid"])))
		}
		parts = append(parts, k+"="+v)
	}
	if g.chance(10) {
		parts = append(parts, "&&;=&%")
	}
	return strings.Join(parts, "&")
}

// multipart writes a multipart body that is whole, truncated or without its end,
// with a file that may be anything.
func (g *floodGen) multipart() ([]byte, string) {
	var b bytes.Buffer
	for range g.rnd.IntN(4) {
		fmt.Fprintf(&b, "--b\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n", g.pick(fieldNames), g.pick(badStrings))
	}
	if g.chance(70) {
		data := g.pick([]string{"%PDF-1.4\n%%EOF", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff", "GIF89a", "<html>", "", "MZ\x90"})
		fmt.Fprintf(&b, "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=%q\r\nContent-Type: %s\r\n\r\n%s\r\n",
			g.pick([]string{"s.pdf", "", "../../x", "a\"b"}), g.pick([]string{"application/pdf", "text/html", ""}), data)
	}
	switch g.rnd.IntN(4) {
	case 0: // no closing delimiter
	case 1:
		b.Truncate(b.Len() / 2)
	default:
		b.WriteString("--b--\r\n")
	}
	return b.Bytes(), g.pick([]string{"multipart/form-data; boundary=b", "multipart/form-data; boundary=b", "multipart/form-data; boundary=c", "multipart/form-data"})
}

// credentials signs the request in as someone, or as no one, or with a broken
// token or cookie.
func (g *floodGen) credentials(req *http.Request) {
	tok := ""
	if n := g.rnd.IntN(len(g.tokens) + 2); n < len(g.tokens) {
		tok = g.tokens[n]
	}
	switch g.rnd.IntN(10) {
	case 0:
		req.Header.Set("Authorization", g.pick([]string{"Bearer ", "Bearer x", "Basic YTpi", "bearer " + tok, "Bearer " + strings.Repeat("A", 5000), "Bearer " + tok + tok}))
	case 1:
		req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: g.pick([]string{"", "x", strings.Repeat("9", 300), "deleted"})})
	case 2, 3, 4:
		if tok != "" {
			req.AddCookie(&http.Cookie{Name: app.SessionCookie, Value: tok})
		}
	default:
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
	}
	if g.chance(10) {
		req.AddCookie(&http.Cookie{Name: g.pick([]string{ui.LangCookie, ui.FlashCookie}), Value: g.pick([]string{"xx", "nn", "en", "signed_out", "%zz", strings.Repeat("e", 2000)})})
	}
}

// headers adds odd headers: cross-site markers, languages, forwarded addresses,
// ranges and wrong lengths.
func (g *floodGen) headers(req *http.Request) {
	if g.chance(8) {
		req.Header.Set("Sec-Fetch-Site", g.pick([]string{"cross-site", "same-site", "none", "garbage"}))
	}
	if g.chance(8) {
		req.Header.Set("Origin", g.pick([]string{"https://evil.example", "null", "http://example.com", "%%%"}))
	}
	if g.chance(15) {
		req.Header.Set("Accept-Language", g.pick([]string{"*", "nn;q=abc", "en-GB,en;q=0.9,nb;q=0.8", strings.Repeat("nb,", 2000), ";;;", "zz"}))
	}
	if g.chance(5) {
		req.Header.Set("X-Forwarded-For", g.pick([]string{"1.2.3.4", "garbage", strings.Repeat("1.1.1.1,", 500)}))
	}
	if g.chance(5) {
		req.Header.Set("Range", g.pick([]string{"bytes=0-0", "bytes=999999-", "bytes=a-b", "bytes=" + strings.Repeat("0-1,", 500)}))
	}
	if g.chance(3) {
		req.ContentLength = int64(g.pick2(-1, 0, 1<<40))
	}
	if g.chance(3) {
		req.Header.Set("Accept", g.pick([]string{"application/json", "text/html", "*/*;q=xyz"}))
	}
}

func (g *floodGen) pick2(v ...int) int { return v[g.rnd.IntN(len(v))] }
