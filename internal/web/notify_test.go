package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"stafett/internal/access"
	"stafett/internal/mail"
	"stafett/internal/mail/mailtest"
	"stafett/internal/notify"
	"stafett/internal/store"
	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// nt is a harness with an SMTP sink and the mail worker over the harness's store.
type nt struct {
	lp
	sink *mailtest.Sink
	w    *mail.Worker
}

func newNT(t *testing.T, h *webtest.Harness) nt {
	sink := mailtest.Start(t)
	return nt{lp: lp{t, h}, sink: sink, w: &mail.Worker{Queue: h.DB, Sender: mail.NewSMTP(sink.Config()), BaseURL: "https://stafett.test"}}
}

// flush sends what is due and returns the mails the sink got from it.
func (x nt) flush() []mailtest.Mail {
	x.t.Helper()
	before := len(x.sink.Mails())
	if _, err := x.w.Flush(context.Background()); err != nil {
		x.t.Fatal(err)
	}
	return x.sink.Mails()[before:]
}

func (x nt) scan() {
	x.t.Helper()
	if _, err := x.h.DB.ScanReminders(context.Background()); err != nil {
		x.t.Fatal(err)
	}
}

type notificationList struct {
	Notifications []struct {
		ID     string     `json:"id"`
		Kind   string     `json:"kind"`
		LogID  string     `json:"log_id"`
		Text   string     `json:"text"`
		ReadAt *time.Time `json:"read_at"`
	} `json:"notifications"`
}

// kinds lists tok's notifications' kinds, newest first.
func (x nt) kinds(tok string) []string {
	x.t.Helper()
	res := x.h.Do("GET", "/api/v1/me/notifications", tok, nil)
	if res.Status != 200 {
		x.t.Fatalf("notifications: %d %s", res.Status, res.Body)
	}
	var out []string
	for _, n := range webtest.Decode[notificationList](x.t, res).Notifications {
		out = append(out, n.Kind)
	}
	return out
}

// childData is what no mail may contain: the child's name, initials, birth date,
// and the log's texts.
var childData = []string{"Ola", "Nordmann", "2015-03-14", "14.03.2015", "14.3.2015", "Bekymret", "Samtaler", "sover", "Hemmelig"}

func (x nt) noChildData(ms []mailtest.Mail) {
	x.t.Helper()
	for _, m := range ms {
		for _, s := range childData {
			if strings.Contains(m.Raw, s) || strings.Contains(m.Text, s) || strings.Contains(m.HTML, s) || strings.Contains(m.Subject, s) {
				x.t.Errorf("mail to %s contains %q:\n%s", m.To, s, m.Text)
			}
		}
	}
}

func recipients(ms []mailtest.Mail) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.To)
	}
	slices.Sort(out)
	return out
}

// activeLog opens an active log for Ola Nordmann held by EmployeeA in UnitA, with the
// guardian Plain and consents covering UnitA and UnitA2; it returns the log and the
// UnitA2 consent.
func (x nt) activeLog(holder string) (id, consentA2 string) {
	fx := x.h.Fx
	id = x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2015-03-14")
	x.guardian(holder, id, fx.Plain.ID, true)
	x.consent(holder, id, fx.UnitA.ID)
	consentA2 = x.consent(holder, id, fx.UnitA2.ID)
	x.activate(holder, id)
	return id, consentA2
}

func (x nt) measure(tok, id, responsible, by string) string {
	x.t.Helper()
	return x.wantID(x.h.Do("POST", "/api/v1/logs/"+id+"/entries", tok, map[string]any{
		"kind": "measure", "text": "Samtaler med helsesykepleier", "goal": "Ola sover bedre",
		"responsible_user_id": responsible, "start_date": "2026-11-23", "evaluate_by": by}), 201, "measure")
}

func TestNotifyReminders(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder, nurse, leader := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.LeaderA)
		id, consentA2 := x.activeLog(holder)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/participants", holder, map[string]any{"user_id": fx.EmployeeA2.ID, "access": "write"}), 201, "participant")
		x.measure(nurse, id, fx.EmployeeA2.ID, "2026-12-03")          // the nurse's, due in 10 days
		moved := x.measure(holder, id, fx.EmployeeA.ID, "2026-12-03") // the holder's, to be moved

		x.scan()
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("10 days before: %d mails", len(got))
		}
		h.Clock.Add(4 * 24 * time.Hour) // 6 days before
		holder, nurse, leader = h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.LeaderA)
		x.scan()
		x.scan() // a second scan (or a second server) makes nothing more
		if k := x.kinds(nurse); !slices.Equal(k, []string{"evaluation_due"}) {
			t.Fatalf("nurse's notifications = %v", k)
		}
		// The holder's measure is moved before its mail goes: the reminder is dropped.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries/"+moved+"/amend", holder, map[string]any{
			"text": "Samtaler med helsesykepleier", "goal": "Ola sover bedre", "responsible_user_id": fx.EmployeeA.ID,
			"start_date": "2026-11-23", "evaluate_by": "2027-02-01"}), 201, "amend")
		// The guardian withdraws the consent that covers the nurse's unit: her access
		// ends, and with it her notifications about the log.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/consents/"+consentA2+"/withdraw", h.Login(fx.Plain), nil), 200, "withdraw")
		if got := x.flush(); len(got) != 0 {
			t.Errorf("mails after the deadline moved and access ended: %v", recipients(got))
		}
		if k := x.kinds(nurse); len(k) != 0 {
			t.Errorf("the nurse still sees %v after her access ended", k)
		}

		// A consent back for the nurse's unit; the day after the deadline the holder
		// and the unit's leader are told it is overdue, once.
		x.consent(holder, id, fx.UnitA2.ID)
		h.Clock.Add(7 * 24 * time.Hour) // 2026-12-04
		holder, leader = h.Login(fx.EmployeeA), h.Login(fx.LeaderA)
		x.scan()
		got := x.flush()
		if r := recipients(got); !slices.Equal(r, []string{fx.LeaderA.Email, fx.EmployeeA.Email}) && !slices.Equal(r, []string{fx.EmployeeA.Email, fx.LeaderA.Email}) {
			t.Fatalf("overdue mails to %v", r)
		}
		for _, m := range got {
			if !strings.Contains(m.Text, "Myren skole") || !strings.Contains(m.Text, "03.12.2026") ||
				!strings.Contains(m.Text, "https://stafett.test/logg/"+id) {
				t.Errorf("overdue mail: %s", m.Text)
			}
		}
		x.noChildData(got)
		x.scan()
		if again := x.flush(); len(again) != 0 {
			t.Errorf("a second scan sent %d more", len(again))
		}
		if k := x.kinds(leader); !slices.Equal(k, []string{"evaluation_overdue"}) {
			t.Errorf("leader's notifications = %v", k)
		}
		// The holder's moved measure is now 58 days off: nothing about it yet.
		if k := x.kinds(holder); !slices.Equal(k, []string{"evaluation_overdue"}) {
			t.Errorf("holder's notifications = %v", k)
		}
	})
}

func TestNotifyTransferAndFamily(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder, nurse, guardian := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2), h.Login(fx.Plain)
		id, _ := x.activeLog(holder)
		tid := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID, "note": "Hemmelig notat"}), 201, "propose")
		got := x.flush()
		if len(got) != 1 || got[0].To != fx.EmployeeA2.Email || !strings.Contains(got[0].Text, "stafettholder") ||
			!strings.Contains(got[0].Text, "Stafett: https://stafett.test/") || strings.Contains(got[0].Text, "/logg/") {
			t.Fatalf("transfer mail: %+v", got)
		}
		x.noChildData(got)
		res := h.Do("GET", "/api/v1/me/notifications", nurse, nil)
		list := webtest.Decode[notificationList](t, res).Notifications
		if len(list) != 1 || list[0].Kind != "transfer_proposed" || list[0].ReadAt != nil ||
			!strings.Contains(list[0].Text, "Myren skole") || list[0].LogID != id {
			t.Fatalf("nurse's list: %s", res.Body)
		}
		nid := list[0].ID
		// Reading: only one's own; anonymous is refused.
		if res := h.Do("POST", "/api/v1/me/notifications/"+nid+"/read", holder, nil); res.Status != http.StatusNotFound {
			t.Errorf("someone else's notification read: %d", res.Status)
		}
		if res := h.Do("POST", "/api/v1/me/notifications/"+nid+"/read", "", nil); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous read: %d", res.Status)
		}
		if res := h.Do("GET", "/api/v1/me/notifications", "", nil); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous list: %d", res.Status)
		}
		x.want(h.Do("POST", "/api/v1/me/notifications/"+nid+"/read", nurse, nil), 200, "read")
		if l := webtest.Decode[notificationList](t, h.Do("GET", "/api/v1/me/notifications", nurse, nil)).Notifications; len(l) != 1 || l[0].ReadAt == nil {
			t.Errorf("after read: %+v", l)
		}
		if n, _ := h.DB.UnreadNotifications(context.Background(), access.Actor{UserID: fx.EmployeeA2.ID}); n != 0 {
			t.Errorf("unread after read = %d", n)
		}

		// The guardian writes: the holder is told, without the text.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", guardian, map[string]any{"kind": "note", "text": "Hemmelig fra mor"}), 201, "note")
		got = x.flush()
		if len(got) != 1 || got[0].To != fx.EmployeeA.Email || !strings.Contains(got[0].Text, "Foresatte") {
			t.Fatalf("family mail: %+v", got)
		}
		x.noChildData(got)

		// Unanswered for a week: the proposer is reminded; answered, nothing more.
		h.Clock.Add(8 * 24 * time.Hour)
		nurse = h.Login(fx.EmployeeA2)
		x.scan()
		got = x.flush()
		if len(got) != 1 || got[0].To != fx.EmployeeA.Email || !strings.Contains(got[0].Text, "Helsestasjonen") {
			t.Fatalf("pending mail: %+v", got)
		}
		x.want(h.Do("POST", "/api/v1/transfers/"+tid+"/accept", nurse, nil), 200, "accept")
		x.scan()
		if got := x.flush(); len(got) != 0 {
			t.Errorf("after accept: %v", recipients(got))
		}
	})
}

// TestNotifyOnceAcrossRestart: a notice is enqueued and the server stops before its
// mail goes; another server (or the same after a restart) on the same database sends
// it exactly once, and a mail claimed by a server that died before sending is sent
// after its lease, once.
func TestNotifyOnceAcrossRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		h := webtest.New(t, dsn)
		x, fx := newNT(t, h), h.Fx
		holder := h.Login(fx.EmployeeA)
		id, _ := x.activeLog(holder)
		x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose")

		restarted := reopen(t, dsn, h)
		w2 := &mail.Worker{Queue: restarted, Sender: mail.NewSMTP(x.sink.Config()), BaseURL: "https://stafett.test"}
		for range 3 {
			if _, err := w2.Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			x.flush() // the first server too
		}
		if n := len(x.sink.Mails()); n != 1 {
			t.Fatalf("sent %d times, want once", n)
		}

		// A server claims a mail and dies before sending it.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", h.Login(fx.Plain), map[string]any{"kind": "note", "text": "x"}), 201, "note")
		claimed, err := h.DB.ClaimMail(context.Background(), 10, mail.Lease)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v %v", claimed, err)
		}
		if _, err := w2.Flush(context.Background()); err != nil || len(x.sink.Mails()) != 1 {
			t.Fatalf("a leased mail was sent by another server: %d, %v", len(x.sink.Mails()), err)
		}
		h.Clock.Add(mail.Lease + time.Second)
		for range 2 {
			if _, err := w2.Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(x.sink.Mails()); n != 2 {
			t.Errorf("after the lease: %d mails, want 2", n)
		}
	})
}

// reopen opens a second store on dsn with the harness's clock: a restarted server.
func reopen(t *testing.T, dsn string, h *webtest.Harness) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = h.Clock.Now
	return db
}

func TestNotifyFailures(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder := h.Login(fx.EmployeeA)
		id, _ := x.activeLog(holder)
		// The SMTP server is down: nothing is lost, it is tried again after a while.
		x.sink.Down(1)
		x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose")
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("sent while down: %d", len(got))
		}
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("tried again at once: %d", len(got))
		}
		h.Clock.Add(2 * time.Minute)
		if got := x.flush(); len(got) != 1 {
			t.Fatalf("after the backoff: %d mails", len(got))
		}
		// An address the server refuses for good is shown to the administrator.
		x.sink.Refuse(fx.EmployeeA.Email)
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", h.Login(fx.Plain), map[string]any{"kind": "note", "text": "x"}), 201, "note")
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("sent to a refused address: %d", len(got))
		}
		fs, err := h.DB.ListMailFailures(context.Background(), fx.A.ID)
		if err != nil || len(fs) != 1 || fs[0].UserID != fx.EmployeeA.ID || fs[0].Reason != "smtp_550" {
			t.Errorf("failures = %+v, %v", fs, err)
		}
		if fs, _ := h.DB.ListMailFailures(context.Background(), fx.B.ID); len(fs) != 0 {
			t.Errorf("other municipality sees %+v", fs)
		}
		page := h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/brukere", h.Login(fx.AdminA), nil)
		if sec := page.Doc(t).Find("section[aria-labelledby=h-mail-failures]").Text(); !strings.Contains(sec, fx.EmployeeA.Email) || !strings.Contains(sec, "smtp_550") {
			t.Errorf("the admin page does not show the failing address: %d %q", page.Status, sec)
		}
		if res := h.Page("GET", "/admin/kommuner/"+fx.A.ID+"/brukere", h.Login(fx.AdminB), nil); res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
			t.Errorf("another municipality's admin sees the page: %d", res.Status)
		}
		h.Clock.Add(time.Hour)
		if got := x.flush(); len(got) != 0 {
			t.Errorf("a permanent failure was tried again")
		}
	})
}

func TestNotifyPrefs(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder, nurse := h.Login(fx.EmployeeA), h.Login(fx.EmployeeA2)
		if res := h.Do("PATCH", "/api/v1/me", "", map[string]any{"notify_email": false}); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous PATCH: %d", res.Status)
		}
		x.wantErr(h.Do("PATCH", "/api/v1/me", nurse, map[string]any{"notify_digest": "weekly"}), 422, "invalid", "notify_digest", "invalid", "bad digest")
		x.wantErr(h.Do("PATCH", "/api/v1/me", nurse, map[string]any{"notify_email": "ja"}), 422, "invalid", "notify_email", "type", "bad bool")
		m := x.want(h.Do("PATCH", "/api/v1/me", nurse, map[string]any{"notify_digest": "daily"}), 200, "daily")
		if m["notify_digest"] != "daily" || m["notify_email"] != true {
			t.Errorf("prefs = %v", m)
		}
		// Daily: two notices made at 10:00 Oslo go together at 07:00 the next day.
		id, _ := x.activeLog(holder)
		tid := x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose")
		x.want(h.Do("POST", "/api/v1/transfers/"+tid+"/decline", nurse, map[string]any{"reason": "Feil person"}), 200, "decline")
		id2, _ := x.activeLog(holder)
		x.wantID(h.Do("POST", "/api/v1/logs/"+id2+"/transfers", holder, map[string]any{"to_user_id": fx.EmployeeA2.ID}), 201, "propose 2")
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("a daily digest went at once")
		}
		h.SetClock(time.Date(2026, 11, 24, 6, 0, 0, 0, time.UTC))
		holder = h.Login(fx.EmployeeA)
		got := x.flush()
		// The declined transfer's notice lapsed; the waiting one is in the digest.
		if len(got) != 1 || got[0].To != fx.EmployeeA2.Email || strings.Count(got[0].Text, "stafettholder") != 1 {
			t.Fatalf("digest: %+v", got)
		}
		// E-mail off: notices stay in the app.
		x.want(h.Do("PATCH", "/api/v1/me", holder, map[string]any{"notify_email": false}), 200, "off")
		x.want(h.Do("POST", "/api/v1/logs/"+id2+"/entries", h.Login(fx.Plain), map[string]any{"kind": "note", "text": "x"}), 201, "note")
		if got := x.flush(); len(got) != 0 {
			t.Errorf("mail with e-mail off: %d", len(got))
		}
		if k := x.kinds(holder); !slices.Contains(k, string(notify.GuardianEntry)) {
			t.Errorf("holder's notifications = %v", k)
		}
	})
}

func TestNotifyUndringAndConsent(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		x, fx := newNT(t, h), h.Fx
		holder := h.Login(fx.EmployeeA)
		undring := x.open(holder, fx.UnitA.ID, "Ola Nordmann", "2015-03-14") // deadline in 14 days
		id, _ := x.activeLog(holder)
		x.wantID(h.Do("POST", "/api/v1/logs/"+id+"/consents", holder, map[string]any{
			"covers_unit_ids": []string{fx.UnitA.ID}, "given_by": "Frida Forelder", "expires_at": "2027-01-20T12:00:00Z"}), 201, "consent")
		x.scan()
		if got := x.flush(); len(got) != 0 {
			t.Fatalf("at the start: %v", recipients(got))
		}
		h.Clock.Add(11 * 24 * time.Hour) // 3 days before the undring's deadline
		x.scan()
		got := x.flush()
		if len(got) != 1 || got[0].To != fx.EmployeeA.Email || !strings.Contains(got[0].Text, "undring") || !strings.Contains(got[0].Text, "07.12.2026") {
			t.Fatalf("undring reminder: %+v", got)
		}
		h.Clock.Add(4 * 24 * time.Hour) // past the deadline: to the leader
		x.scan()
		got = x.flush()
		if len(got) != 1 || got[0].To != fx.LeaderA.Email || !strings.Contains(got[0].Text, "gikk ut") {
			t.Fatalf("undring passed: %+v", got)
		}
		holder = h.Login(fx.EmployeeA)
		x.want(h.Do("POST", "/api/v1/logs/"+undring+"/undring-decision", holder, map[string]any{"outcome": "closed", "text": "Ikke lenger grunn"}), 200, "decide")
		if k := x.kinds(h.Login(fx.LeaderA)); len(k) != 0 {
			t.Errorf("after the decision the leader still sees %v", k)
		}
		h.Clock.Add(13 * 24 * time.Hour) // 2026-12-21: the consent lapses in 30 days
		x.scan()
		got = x.flush()
		if len(got) != 1 || got[0].To != fx.EmployeeA.Email || !strings.Contains(got[0].Text, "samtykke") || !strings.Contains(got[0].Text, "20.01.2027") {
			t.Fatalf("consent reminder: %+v", got)
		}
		x.noChildData(x.sink.Mails())
	})
}
