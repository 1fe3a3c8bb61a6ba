package browser_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/people"
	"stafett/internal/store/storetest"
	"stafett/internal/team"
	"stafett/internal/web/app"
)

// TestTeamPagesInBrowser sets up a drøftingsteam in the demo municipality with a
// meeting plan and an anonymous case, and checks the team pages with axe at both
// widths in bokmål, nynorsk and English.
func TestTeamPagesInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := context.Background()
		marte, nina := w.account("marte.lund"), w.account("nina.eide")
		school, health := w.demo.Units["fjordvik_skole"], w.demo.Units["helsestasjon"]
		tm := team.Team{Name: "Drøftingsteam Fjordvik", Kind: team.Drofting, MunicipalityID: w.demo.Municipality.ID,
			MemberUserIDs: []string{marte.ID, nina.ID}, UnitIDs: []string{school.ID, health.ID}}
		if err := w.db.CreateTeam(ctx, people.System(), &tm); err != nil {
			t.Fatal(err)
		}
		oslo, _ := time.LoadLocation("Europe/Oslo")
		first := time.Now().In(oslo).AddDate(0, 0, -21)
		first = time.Date(first.Year(), first.Month(), first.Day(), 14, 0, 0, 0, oslo)
		ms, err := w.db.CreateSeries(ctx, people.System(), tm.ID, &team.Series{First: first, EveryDays: 14, Minutes: 90,
			Until: "", Place: "Rådhuset, møterom 2"})
		if err != nil {
			t.Fatal(err)
		}
		roles, err := w.db.ListRoles(ctx, marte.ID)
		if err != nil {
			t.Fatal(err)
		}
		member := &people.Principal{User: people.User{ID: marte.ID, Name: marte.Name, Active: true}, Roles: roles}
		grade := 4
		c := team.Case{Anonymous: true, Grade: &grade, Theme: "Fravær", Question: "Hva kan skolen gjøre før vi melder bekymring?",
			BroughtByUnitID: school.ID}
		if err := w.db.AddCase(ctx, member, tm.ID, ms[0].ID, &c); err != nil {
			t.Fatal(err)
		}
		if err := w.db.AddAdvice(ctx, member, tm.ID, c.ID, &team.Advice{Text: "Kartlegg fraværet og inviter foreldrene.",
			FollowUpMeetingID: ms[2].ID}); err != nil {
			t.Fatal(err)
		}
		if err := w.db.SaveMinutes(ctx, member, tm.ID, ms[0].ID, "Én sak drøftet.", []string{marte.ID, nina.ID}); err != nil {
			t.Fatal(err)
		}

		// A log of Marte's, to bring to the team as a named case.
		named, err := w.db.CreateLog(ctx, app.ActorOf(member), logbook.NewLog{UnitID: school.ID, Concern: "Mye fravær i høst.",
			Child: logbook.Child{Name: "Ola Nordmann", BirthDate: "2016-04-02"}}, 0)
		if err != nil {
			t.Fatal(err)
		}

		p := w.as(t, "marte.lund")
		admin := w.as(t, "kommune.admin")
		admin.enrolTOTP(false)
		violations := 0
		for _, lang := range []string{"nb", "nn", "en"} {
			admin.visit("/team")
			admin.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			admin.visit("/team/ny")
			violations += admin.axe("team-new-" + lang)
			admin.fill("#team-name", "Ressursteam")
			admin.fill("#team-rows", "finnes.ikke@fjordvik.kommune.no")
			admin.submit(`form[action="/team"] button[type=submit]`, 422)
			violations += admin.axe("team-new-error-" + lang)
			admin.visit("/team/" + tm.ID + "/endre")
			admin.contains("#team-members", "Marte Lund")
			violations += admin.axe("team-edit-" + lang)

			p.visit("/team")
			p.submit(`form[action="/sprak"] button[value=`+lang+`]`, 200)
			p.contains("#teams", "Drøftingsteam Fjordvik")
			violations += p.axe("teams-" + lang)
			p.visit("/team/" + tm.ID)
			p.contains("#followups", "Fravær")
			violations += p.axe("team-" + lang)
			p.visit("/team/" + tm.ID + "/mote/" + ms[0].ID)
			p.contains("#cases", "Kartlegg fraværet")
			p.contains("#minutes", "Én sak drøftet.")
			violations += p.axe("team-meeting-" + lang)
			// The forms with their messages: a case carrying a national ID is refused.
			p.fill("#case-theme", "Fravær")
			p.fill("#case-question", "Gjelder 01021512345")
			p.submit(`form[action$="/saker"] button[type=submit]`, 422)
			p.contains("#case-question-error", map[string]string{"nb": "fødselsnummer", "nn": "fødselsnummer", "en": "national ID"}[lang])
			violations += p.axe("team-meeting-error-" + lang)
			p.visit("/team/" + tm.ID + "/mote/" + ms[0].ID + "/utskrift")
			violations += p.axe("team-meeting-print-" + lang)
			p.visit("/team/" + tm.ID + "/mote/" + ms[0].ID + "/saker/" + c.ID + "/logg")
			p.contains("#caselog-question", "Hva kan skolen gjøre")
			violations += p.axe("team-case-log-" + lang)
			p.visit("/logg/" + named.ID + "/team")
			violations += p.axe("team-named-case-" + lang)
		}
		if violations != 0 {
			t.Errorf("%d axe violations on the team pages", violations)
		}
	})
}
