package browser_test

import (
	"context"
	"testing"
	"time"

	"stafett/internal/people"
	"stafett/internal/store/storetest"
	"stafett/internal/team"
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

		p := w.as(t, "marte.lund")
		violations := 0
		for _, lang := range []string{"nb", "nn", "en"} {
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
			p.visit("/team/" + tm.ID + "/mote/" + ms[0].ID + "/utskrift")
			violations += p.axe("team-meeting-print-" + lang)
		}
		if violations != 0 {
			t.Errorf("%d axe violations on the team pages", violations)
		}
	})
}
