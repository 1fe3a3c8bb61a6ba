package web_test

import (
	"slices"
	"strings"
	"testing"

	"stafett/internal/web/webtest"
)

// TestNotifyEntryAdded: when the family writes, the holder is told (guardian_entry)
// and the other professionals on the log (entry_added), in the entry's transaction and
// without its text. A participant removed before the mail goes, or before the next
// entry, is told nothing more.
func TestNotifyEntryAdded(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder, nurse, guardian := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.Plain)
		id, _ := x.activeLog(holder)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "read"}), 201, "participant")

		// A professional writing tells nobody.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", holder, map[string]any{"kind": "note", "text": "Samtaler"}), 201, "note")
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("a professional's note sent mail to %v", recipients(got))
		}

		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "note", "text": "Hemmelig fra mor"}), 201, "note")
		got := x.flush()
		if r := recipients(got); !slices.Equal(r, []string{fx.EmployeeA2.Email, fx.EmployeeA.Email}) {
			t.Fatalf("mails to %v, want the nurse and the holder", r)
		}
		for _, m := range got {
			if m.To == fx.EmployeeA2.Email && (!strings.Contains(m.Text, "Det er skrevet noe nytt i en stafettlogg i Myren skole") ||
				!strings.Contains(m.Text, "https://stafett.test/logg/"+id)) {
				t.Errorf("nurse's mail: %s", m.Text)
			}
		}
		x.noChildData(got)
		if k := x.kinds(nurse); !slices.Equal(k, []string{"entry_added"}) {
			t.Errorf("nurse's notifications = %v", k)
		}
		if k := x.kinds(holder); !slices.Equal(k, []string{"guardian_entry"}) {
			t.Errorf("holder's notifications = %v", k)
		}

		// The guardian writes again, and the nurse is removed before the mail goes:
		// hers is dropped, the holder's goes.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "note", "text": "Hemmelig igjen"}), 201, "note")
		x.want(h.Do("DELETE", "/api/v1/logs/"+id+"/participants/"+fx.EmployeeA2.ID, holder, nil), 204, "remove")
		if r := recipients(x.flush()); !slices.Equal(r, []string{fx.EmployeeA.Email}) {
			t.Errorf("after the removal, mails to %v, want the holder only", r)
		}
		// And a later entry makes nothing for her at all.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "note", "text": "Hemmelig tredje"}), 201, "note")
		if r := recipients(x.flush()); !slices.Equal(r, []string{fx.EmployeeA.Email}) {
			t.Errorf("third entry: mails to %v, want the holder only", r)
		}
		if k := x.kinds(nurse); len(k) != 0 {
			t.Errorf("the removed nurse sees %v", k)
		}
	})
}
