package notify

import (
	"fmt"
	"strings"
	"time"

	"stafett/internal/logbook"
)

// Item is a notification as it is shown: its facts, and the names the reader needs.
// It holds nothing about the child and no text from the log.
type Item struct {
	ID        string
	Kind      Kind
	LogID     string
	UnitName  string
	Due       logbook.Date
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Passed reports whether the item's deadline had passed when it was made: an
// undring_deadline made after the deadline says so, rather than "soon".
func (it Item) Passed() bool {
	return it.Due != "" && string(logbook.DateOf(it.CreatedAt)) > string(it.Due)
}

// Lang normalises a language choice to one of nb, nn, en (default nb).
func Lang(lang string) string {
	switch lang {
	case "nn", "en":
		return lang
	}
	return "nb"
}

// texts are the sentences by language and kind; %[1]s is the unit, %[2]s the date.
// They name what happened, the unit and the date only.
var texts = map[string]map[string]string{
	"nb": {
		"invite_subject":          "Stafett: logg inn første gang",
		"invite_password":         "Du har fått en bruker i Stafett. Velg et passord med lenken under. Lenken virker én gang, til %s.",
		"invite_idporten":         "Du har fått en bruker i Stafett. Du logger inn med ID-porten.",
		"invite_open_password":    "Velg passord",
		"invite_open_idporten":    "Logg inn",
		"invite_footer":           "Ble du ikke ventet på i Stafett? Da kan du se bort fra denne e-posten.",
		"transfer_proposed":       "Du er foreslått som ny stafettholder for en stafettlogg fra %[1]s.",
		"transfer_pending":        "En overføring av en stafettlogg til %[1]s har ventet på svar siden %[2]s.",
		"evaluation_due":          "Et tiltak i en stafettlogg i %[1]s skal evalueres innen %[2]s.",
		"evaluation_overdue":      "Fristen for å evaluere et tiltak i en stafettlogg i %[1]s gikk ut %[2]s.",
		"undring_deadline":        "En undring i %[1]s må avgjøres innen %[2]s.",
		"undring_deadline_passed": "Fristen for å avgjøre en undring i %[1]s gikk ut %[2]s.",
		"consent_expiring":        "Et samtykke til en stafettlogg i %[1]s går ut %[2]s.",
		"entry_added":             "Det er skrevet noe nytt i en stafettlogg i %[1]s.",
		"guardian_entry":          "Foresatte eller ungdommen har skrevet i en stafettlogg i %[1]s.",
		"meeting_planned":         "Et møte er planlagt %[2]s i en stafettlogg i %[1]s.",
		"subject":                 "Stafett: nytt varsel",
		"subject_digest":          "Stafett: %d nye varsler",
		"open":                    "Åpne i Stafett",
		"footer":                  "Du får denne e-posten fordi du har varsler på e-post slått på i Stafett. Du kan slå dem av under Varsler.",
	},
	"nn": {
		"invite_subject":          "Stafett: logg inn første gong",
		"invite_password":         "Du har fått ein brukar i Stafett. Vel eit passord med lenkja under. Lenkja verkar éin gong, til %s.",
		"invite_idporten":         "Du har fått ein brukar i Stafett. Du loggar inn med ID-porten.",
		"invite_open_password":    "Vel passord",
		"invite_open_idporten":    "Logg inn",
		"invite_footer":           "Venta du ikkje dette frå Stafett? Då kan du sjå bort frå denne e-posten.",
		"transfer_proposed":       "Du er føreslått som ny stafetthaldar for ein stafettlogg frå %[1]s.",
		"transfer_pending":        "Ei overføring av ein stafettlogg til %[1]s har venta på svar sidan %[2]s.",
		"evaluation_due":          "Eit tiltak i ein stafettlogg i %[1]s skal evaluerast innan %[2]s.",
		"evaluation_overdue":      "Fristen for å evaluere eit tiltak i ein stafettlogg i %[1]s gjekk ut %[2]s.",
		"undring_deadline":        "Ei undring i %[1]s må avgjerast innan %[2]s.",
		"undring_deadline_passed": "Fristen for å avgjere ei undring i %[1]s gjekk ut %[2]s.",
		"consent_expiring":        "Eit samtykke til ein stafettlogg i %[1]s går ut %[2]s.",
		"entry_added":             "Det er skrive noko nytt i ein stafettlogg i %[1]s.",
		"guardian_entry":          "Føresette eller ungdommen har skrive i ein stafettlogg i %[1]s.",
		"meeting_planned":         "Eit møte er planlagt %[2]s i ein stafettlogg i %[1]s.",
		"subject":                 "Stafett: nytt varsel",
		"subject_digest":          "Stafett: %d nye varsel",
		"open":                    "Opne i Stafett",
		"footer":                  "Du får denne e-posten fordi du har varsel på e-post slått på i Stafett. Du kan slå dei av under Varsel.",
	},
	"en": {
		"invite_subject":          "Stafett: sign in for the first time",
		"invite_password":         "You have a user account in Stafett. Choose a password with the link below. The link works once, until %s.",
		"invite_idporten":         "You have a user account in Stafett. You sign in with ID-porten.",
		"invite_open_password":    "Choose a password",
		"invite_open_idporten":    "Sign in",
		"invite_footer":           "Not expecting this from Stafett? Then you can ignore this e-mail.",
		"transfer_proposed":       "You have been proposed as the new holder of a log from %[1]s.",
		"transfer_pending":        "A transfer of a log to %[1]s has been waiting for an answer since %[2]s.",
		"evaluation_due":          "A measure in a log in %[1]s is to be evaluated by %[2]s.",
		"evaluation_overdue":      "The deadline to evaluate a measure in a log in %[1]s passed on %[2]s.",
		"undring_deadline":        "An undring in %[1]s must be decided by %[2]s.",
		"undring_deadline_passed": "The deadline to decide an undring in %[1]s passed on %[2]s.",
		"consent_expiring":        "A consent for a log in %[1]s expires on %[2]s.",
		"entry_added":             "Something new has been written in a log in %[1]s.",
		"guardian_entry":          "A guardian or the young person has written in a log in %[1]s.",
		"meeting_planned":         "A meeting is planned on %[2]s in a log in %[1]s.",
		"subject":                 "Stafett: new notification",
		"subject_digest":          "Stafett: %d new notifications",
		"open":                    "Open in Stafett",
		"footer":                  "You get this e-mail because e-mail notifications are on in Stafett. You can turn them off under Notifications.",
	},
}

// Text is the sentence item is shown as, in lang.
func Text(lang string, it Item) string {
	key := string(it.Kind)
	if it.Kind == UndringDeadline && it.Passed() {
		key = "undring_deadline_passed"
	}
	f, ok := texts[Lang(lang)][key]
	if !ok {
		return string(it.Kind)
	}
	return fmt.Sprintf(f, it.UnitName, FormatDate(lang, it.Due))
}

// Word returns the fixed text key (subject, subject_digest, open, footer) in lang.
func Word(lang, key string) string { return texts[Lang(lang)][key] }

// FormatDate writes d as 15.12.2026 (Norwegian) or 15 Dec 2026 (English).
func FormatDate(lang string, d logbook.Date) string {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	if Lang(lang) == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02.01.2006")
}

// Path is where in the app an item leads: the log, or the overview for a transfer
// the reader is to answer (they may not open the log before accepting it).
func Path(it Item) string {
	if it.Kind == TransferProposed || it.Kind == TransferPending || it.LogID == "" {
		return "/"
	}
	return "/logg/" + it.LogID
}

// Subject is the subject of a mail of items.
func Subject(lang string, items []Item) string {
	if len(items) == 1 {
		return Word(lang, "subject")
	}
	return strings.Replace(Word(lang, "subject_digest"), "%d", fmt.Sprint(len(items)), 1)
}
