package mail

import (
	"bytes"
	"html/template"
	"strings"

	"stafett/internal/logbook"
	"stafett/internal/notify"
)

// Compose makes the e-mail for m: for each notice its sentence (what happened, the
// unit, the date) and a link into Stafett at base. Nothing else goes in: no child's
// name, initials or birth date, and no text from any log.
func Compose(m notify.Mail, base string) Message {
	base = strings.TrimRight(base, "/")
	if m.Invite != nil {
		return composeInvite(m, base)
	}
	type line struct{ Text, URL string }
	lines := make([]line, 0, len(m.Items))
	var text strings.Builder
	for _, it := range m.Items {
		l := line{Text: notify.Text(m.Lang, it), URL: base + notify.Path(it)}
		lines = append(lines, l)
		text.WriteString(l.Text + "\n" + notify.Word(m.Lang, "open") + ": " + l.URL + "\n\n")
	}
	footer := notify.Word(m.Lang, "footer")
	text.WriteString("-- \n" + footer + "\n" + base + "/varsler\n")
	var html bytes.Buffer
	_ = page.Execute(&html, struct {
		Lang, Open, Footer, Settings string
		Lines                        []line
	}{m.Lang, notify.Word(m.Lang, "open"), footer, base + "/varsler", lines}) // cannot fail: fixed template, strings only
	return Message{To: m.To, Subject: notify.Subject(m.Lang, m.Items), Text: text.String(), HTML: html.String()}
}

var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>Stafett</title></head>
<body style="font-family: sans-serif; line-height: 1.5">
{{range .Lines}}<p>{{.Text}}<br><a href="{{.URL}}">{{$.Open}}</a></p>
{{end}}<hr><p style="font-size: smaller">{{.Footer}}{{if .Settings}} <a href="{{.Settings}}">{{.Settings}}</a>{{end}}</p>
</body></html>`))

// composeInvite makes the invitation mail: a one-time link to set a password, or a
// pointer to sign in with ID-porten.
func composeInvite(m notify.Mail, base string) Message {
	inv := m.Invite
	text, open, url := notify.Word(m.Lang, "invite_idporten"), notify.Word(m.Lang, "invite_open_idporten"), base+"/innlogging"
	if inv.Kind == notify.InvitePassword {
		until := logbook.InOslo(inv.Expires).Format("02.01.2006 15:04")
		text = strings.Replace(notify.Word(m.Lang, "invite_password"), "%s", until, 1)
		open, url = notify.Word(m.Lang, "invite_open_password"), base+"/invitasjon/"+inv.Token
	}
	footer := notify.Word(m.Lang, "invite_footer")
	var html bytes.Buffer
	_ = page.Execute(&html, struct {
		Lang, Open, Footer, Settings string
		Lines                        []struct{ Text, URL string }
	}{m.Lang, open, footer, "", []struct{ Text, URL string }{{text, url}}})
	return Message{To: m.To, Subject: notify.Word(m.Lang, "invite_subject"),
		Text: text + "\n" + open + ": " + url + "\n\n-- \n" + footer + "\n", HTML: html.String()}
}
