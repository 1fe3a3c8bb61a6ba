package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"stafett/internal/mail"
	"stafett/internal/mail/mailtest"
	"stafett/internal/notify"
)

func TestParseConfig(t *testing.T) {
	c, err := mail.ParseConfig("smtp://u:p%40ss@smtp.example.no:2525", "Stafett <varsler@example.no>")
	if err != nil || c.Host != "smtp.example.no" || c.Port != 2525 || c.Username != "u" || c.Password != "p@ss" || c.SSL {
		t.Fatalf("%+v %v", c, err)
	}
	if c, err := mail.ParseConfig("smtps://smtp.example.no", "a@example.no"); err != nil || c.Port != 465 || !c.SSL {
		t.Errorf("smtps: %+v %v", c, err)
	}
	if c, err := mail.ParseConfig("", ""); c != nil || err != nil {
		t.Errorf("none: %+v %v", c, err)
	}
	for _, bad := range [][2]string{
		{"http://smtp.example.no", "a@example.no"},
		{"smtp://", "a@example.no"},
		{"smtp://host:99999", "a@example.no"},
		{"smtp://host:x", "a@example.no"},
		{"smtp://host/path", "a@example.no"},
		{"::::", "a@example.no"},
		{"smtp://host", ""},
		{"smtp://host", "not an address"},
		{"", "a@example.no"},
	} {
		if c, err := mail.ParseConfig(bad[0], bad[1]); err == nil || !strings.Contains(err.Error(), "STAFETT_") {
			t.Errorf("%q %q: %+v %v", bad[0], bad[1], c, err)
		}
	}
}

func TestSendThroughSink(t *testing.T) {
	sink := mailtest.Start(t)
	s := mail.NewSMTP(sink.Config())
	m := mail.Compose(notify.Mail{To: "lars@skien.no", Lang: "nb", Items: []notify.Item{
		{Kind: notify.EvaluationDue, LogID: "abc123", UnitName: "Myren skole", Due: "2026-12-10"},
	}}, "https://stafett.skien.no/")
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := sink.Mails()
	if len(got) != 1 {
		t.Fatalf("%d mails", len(got))
	}
	g := got[0]
	if g.To != "lars@skien.no" || g.Subject != "Stafett: nytt varsel" ||
		!strings.Contains(g.Text, "Myren skole") || !strings.Contains(g.Text, "10.12.2026") ||
		!strings.Contains(g.Text, "https://stafett.skien.no/logg/abc123") ||
		!strings.Contains(g.HTML, `href="https://stafett.skien.no/logg/abc123"`) || !strings.Contains(g.HTML, "Myren skole") {
		t.Errorf("mail: %+v", g)
	}

	sink.Refuse("borte@skien.no")
	m.To = "borte@skien.no"
	var f *mail.Failure
	if err := s.Send(context.Background(), m); !errors.As(err, &f) || !f.Permanent || f.Reason != "smtp_550" {
		t.Errorf("refused: %v", err)
	}
	sink.Down(1)
	m.To = "lars@skien.no"
	if err := s.Send(context.Background(), m); !errors.As(err, &f) || f.Permanent {
		t.Errorf("down: %v", err)
	}
	if n := len(sink.Mails()); n != 1 {
		t.Errorf("%d mails after failures", n)
	}
}

func TestSendUnreachable(t *testing.T) {
	c, _ := mail.ParseConfig("smtp://127.0.0.1:1", "a@example.no")
	var f *mail.Failure
	if err := mail.NewSMTP(*c).Send(context.Background(), mail.Message{To: "x@example.no", Subject: "s", Text: "t", HTML: "h"}); !errors.As(err, &f) || f.Permanent {
		t.Errorf("unreachable: %v", err)
	}
}
