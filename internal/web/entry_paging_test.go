package web_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"stafett/internal/web/webtest"
)

// entryIDs returns the ids of entries, in order.
func entryIDs(entries []webtest.Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.ID)
	}
	return out
}

// page reads a page of entries at path as tok.
func (x lp) page(tok, path string) webtest.EntryPage {
	x.t.Helper()
	res := x.h.Do("GET", path, tok, nil)
	x.want(res, 200, "page "+path)
	return webtest.Decode[webtest.EntryPage](x.t, res)
}

// nextOf is the text of an entries_next, "" when there is none.
func nextOf(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestEntryPaging covers issue 24 point 11: a log of 250 entries gives its newest
// 100 with GET /api/v1/logs/{id}, and entries_next leads through pages of 100 and
// 50 back to the first entry, each in the timeline's own order, with no entry twice
// or missing; every page is an audited read; bad cursors and limits are refused
// naming the field; whoever cannot read the log gets 404 on its entries too; the
// export and the log page keep every entry.
func TestEntryPaging(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx := h.Fx
		x := lp{t, h}
		holder := h.Login(fx.EmployeeA)
		id := x.open(holder, fx.UnitA.ID, "Mange Notater", "2016-03-04")
		// The concern is the first entry; 249 notes follow, three to a clock second,
		// so that entries share their time and the order falls back on version and id.
		for i := 1; i <= 249; i++ {
			if i%3 == 0 {
				h.Clock.Add(time.Second)
			}
			x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": fmt.Sprintf("Notat %03d", i)}),
				201, "note")
		}
		holder = h.Login(fx.EmployeeA) // a fresh session after the clock moved
		res := h.Do("GET", "/api/v1/logs/"+id+"/export", holder, nil)
		x.want(res, 200, "export")
		export := webtest.Decode[webtest.Export](t, res).Log
		all := entryIDs(export.Entries)
		if len(all) != 250 || export.EntriesTotal != 250 || export.EntriesNext != nil {
			t.Fatalf("export: %d entries, entries_total %v, entries_next %q", len(all), export.EntriesTotal, nextOf(export.EntriesNext))
		}
		reads := func() int {
			n := 0
			res := h.Do("GET", "/api/v1/logs/"+id+"/access-log", holder, nil)
			x.want(res, 200, "access log")
			for _, e := range webtest.Decode[webtest.AccessLog](t, res).Events {
				if e.Action == "log.read" && e.Actor.ID == fx.EmployeeA.ID {
					n++
				}
			}
			return n
		}
		before := reads()

		m := x.log(holder, id)
		first := entryIDs(m.Entries)
		if !slices.Equal(first, all[150:]) || m.EntriesTotal != 250 {
			t.Errorf("GET log: %d entries (the newest 100 in order: %v), entries_total %v",
				len(first), slices.Equal(first, all[150:]), m.EntriesTotal)
		}
		nextPath := nextOf(m.EntriesNext)
		if !strings.HasPrefix(nextPath, "/api/v1/logs/"+id+"/entries?before=") {
			t.Fatalf("entries_next = %q", nextPath)
		}
		var pages [][]string
		for nextPath != "" && len(pages) < 5 {
			p := x.page(holder, nextPath)
			if p.EntriesTotal != 250 {
				t.Errorf("page %d: entries_total %v", len(pages)+2, p.EntriesTotal)
			}
			pages = append(pages, entryIDs(p.Entries))
			nextPath = nextOf(p.EntriesNext)
		}
		if len(pages) != 2 || len(pages[0]) != 100 || len(pages[1]) != 50 {
			t.Fatalf("pages after the first: %d, sizes %v", len(pages), lens(pages))
		}
		if !slices.Equal(pages[0], all[50:150]) || !slices.Equal(pages[1], all[:50]) {
			t.Error("the older pages are not the entries before the first page, in the log's order")
		}
		got := slices.Concat(pages[1], pages[0], first)
		seen := map[string]bool{}
		for _, e := range got {
			if seen[e] {
				t.Errorf("entry %s on two pages", e)
			}
			seen[e] = true
		}
		if len(seen) != 250 || !slices.Equal(got, all) {
			t.Errorf("the pages hold %d distinct entries, want all 250 in order", len(seen))
		}
		if got := reads() - before; got != 3 {
			t.Errorf("%d log.read audit records for three pages, want 3", got)
		}

		// A page of the entries says what the log says of them.
		p := x.page(holder, "/api/v1/logs/"+id+"/entries?limit=500")
		if ids := entryIDs(p.Entries); !slices.Equal(ids, all) || p.EntriesNext != nil {
			t.Errorf("limit 500: %d entries, entries_next %q", len(ids), nextOf(p.EntriesNext))
		}
		for i, e := range p.Entries {
			want := export.Entries[i]
			if e.Text != want.Text || e.Kind != want.Kind || !e.CreatedAt.Equal(want.CreatedAt) {
				t.Fatalf("entry %d on the page = %+v, in the export %+v", i, e, want)
			}
		}
		p = x.page(holder, "/api/v1/logs/"+id+"/entries?limit=7")
		nextPath = nextOf(p.EntriesNext)
		if ids := entryIDs(p.Entries); !slices.Equal(ids, all[243:]) || !strings.HasSuffix(nextPath, "&limit=7") {
			t.Errorf("limit 7: %d entries, entries_next %q", len(ids), nextPath)
		}
		if ids := entryIDs(x.page(holder, nextPath).Entries); !slices.Equal(ids, all[236:243]) {
			t.Errorf("the page after limit 7 = %d entries, not the 7 before", len(ids))
		}

		base := "/api/v1/logs/" + id + "/entries"
		for _, c := range []struct{ query, field string }{
			{"?limit=0", "limit"}, {"?limit=501", "limit"}, {"?limit=abc", "limit"}, {"?limit=", "limit"}, {"?limit=-1", "limit"},
			{"?before=", "before"}, {"?before=nonsense", "before"}, {"?before=" + url.QueryEscape("MTIzLjAuYWJj"), "before"},
		} {
			x.wantErr(h.Do("GET", base+c.query, holder, nil), 422, "invalid", c.field, "*", "bad "+c.query)
		}
		for who, tok := range map[string]string{"guardian": h.Login(fx.Plain), "other municipality": h.Login(fx.EmployeeB),
			"other employee": h.Login(fx.EmployeeA2)} {
			x.wantErr(h.Do("GET", "/api/v1/logs/"+id, tok, nil), 404, "not_found", "", "", who+" log")
			x.wantErr(h.Do("GET", base, tok, nil), 404, "not_found", "", "", who+" entries")
			x.wantErr(h.Do("GET", base+"?limit=999", tok, nil), 422, "invalid", "limit", "*", who+" bad limit")
		}
		x.wantErr(h.Do("GET", base, "", nil), 401, "unauthenticated", "", "", "anonymous entries")
		x.wantErr(h.Do("GET", "/api/v1/logs/nope/entries", holder, nil), 404, "not_found", "", "", "no such log")

		// The page shows the newest entries a page at a time (issue 21), and every
		// one when asked.
		page := h.Page("GET", "/logg/"+id, holder, nil)
		if page.Status != 200 || strings.Contains(string(page.Body), "Notat 001") || !strings.Contains(string(page.Body), "Notat 249") {
			t.Errorf("/logg/%s: %d, not paged", id, page.Status)
		}
		page = h.Page("GET", "/logg/"+id+"?vis=alle", holder, nil)
		if page.Status != 200 || !strings.Contains(string(page.Body), "Notat 001") || !strings.Contains(string(page.Body), "Notat 249") {
			t.Errorf("/logg/%s: %d, oldest and newest note shown: %v %v", id, page.Status,
				strings.Contains(string(page.Body), "Notat 001"), strings.Contains(string(page.Body), "Notat 249"))
		}
	})
}

func lens(pages [][]string) []int {
	var out []int
	for _, p := range pages {
		out = append(out, len(p))
	}
	return out
}
