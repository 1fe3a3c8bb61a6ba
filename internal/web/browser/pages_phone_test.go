package browser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"stafett/internal/store/storetest"
)

// TestUnitViewAndTransferPreviewInBrowser walks issue 21 points 7, 11 and 6 at 375 px:
// Solstrålen's leader opens the unit view from her overview and searches for a
// child; Emma's mother reads what she can see and do in the log; Sofie proposes to hand Emma's log to Ole, who reads what
// he would take on before answering. No page scrolls sideways, and each passes
// axe at 375 and 1280 px in nb, nn and en.
func TestUnitViewAndTransferPreviewInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		violations := 0

		hanne := w.as(t, "hanne.lie")
		hanne.phone()
		hanne.load("open the unit view", 200, chromedp.Click(chromedp.CSS(`a[href^="/enhet/"]`)))
		hanne.contains("main h1", "Alle stafettlogger i Solstrålen barnehage")
		hanne.contains("ul.unit-logs", "Emma Haugen")
		hanne.noSidewaysScroll("the unit view")
		if n := hanne.smallTargets("main a.touch, main button"); n != 0 {
			t.Errorf("%d links or buttons of the unit view are less than 44 px high", n)
		}
		violations += hanne.axe("unit-view")
		violations += hanne.inLanguages("unit-view")
		hanne.phone()
		hanne.fill("#unit-child", "emma")
		hanne.submit(`form[role=search] button[type=submit]`, 200)
		hanne.contains("ul.unit-logs", "Emma Haugen")
		if n := hanne.count("ul.unit-logs > li"); n != 1 {
			t.Errorf("the search for Emma lists %d logs, want 1", n)
		}
		hanne.noSidewaysScroll("the unit view searched")

		sofie := w.as(t, "sofie.dahl")
		emma := sofie.evalString(`[...document.querySelectorAll('a[href^="/logg/"]')].find(a => a.textContent.includes("Emma Haugen"))?.getAttribute("href")?.split("#")[0] ?? ""`)
		if emma == "" {
			t.Fatalf("Emma's log is not on Sofie's overview")
		}
		ole := w.account("ole.berg")
		sofie.visit(emma + "/overforing/ny?q=ole")
		sofie.click(fmt.Sprintf(`input[name=to_user_id][value=%q]`, ole.ID))
		sofie.fill("#transfer-note", "Ole tar over etter ferien.")
		sofie.submit(`form[action$="/overforing"] button[type=submit]`, 200)

		line := w.as(t, "line.haugen")
		line.phone()
		line.visit(emma)
		line.contains("#h-family + p", "Dette er stafettloggen for barnet ditt.")
		line.noSidewaysScroll("the guardian's log page")
		violations += line.axe("guardian-log")
		violations += line.inLanguages("guardian-log")

		olep := w.as(t, "ole.berg")
		olep.phone()
		olep.load("open the transfer preview", 200, chromedp.Click(chromedp.CSS(`a[href^="/overforinger/"]`)))
		olep.contains("main h1", "Vil du ta over stafettloggen for Emma Haugen?")
		olep.contains("main", "Ole tar over etter ferien.")
		olep.noSidewaysScroll("the transfer preview")
		violations += olep.axe("transfer-preview")
		violations += olep.inLanguages("transfer-preview")
		if violations != 0 {
			t.Errorf("%d axe violations in all", violations)
		}
	})
}

// targets are the controls a finger must hit: buttons, and links made to look like
// them or marked as touch targets.
const targets = "main button, main a.ds-button, main a.touch, main select, main input:not([type=checkbox]):not([type=radio]):not([type=hidden])"

// TestEveryPageOnAPhone covers issue 21 point 9: every page an employee, a leader,
// an administrator and someone not signed in reach is loaded at 375 px; none is
// wider than the phone, no button or field is less than 44 px high, and each passes axe at 375 and 1280 px.
func TestEveryPageOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		violations := 0
		sweep := func(p *person, paths ...string) {
			t.Helper()
			for _, path := range paths {
				p.visit(path)
				p.phone()
				p.noSidewaysScroll(path)
				if n := p.smallTargets(targets); n != 0 {
					t.Errorf("%s: %d buttons are less than 44 px high at %d px", path, n, phoneWidth)
				}
				violations += p.axe(strings.Trim(sanitize(path), "_"))
			}
		}
		mid, unit := w.demo.Municipality.ID, w.demo.Units["solstralen"].ID
		nr := w.demo.Municipality.Number

		anon := w.anonymous(t)
		sweep(anon, "/innlogging", "/k/"+nr+"/veileder", "/k/"+nr+"/veileder/niva/1", "/k/"+nr+"/tiltak")

		sofie := w.as(t, "sofie.dahl")
		emma := sofie.evalString(`[...document.querySelectorAll('a[href^="/logg/"]')].find(a => a.textContent.includes("Emma Haugen"))?.getAttribute("href")?.split("#")[0] ?? ""`)
		if emma == "" {
			t.Fatalf("Emma's log is not on Sofie's overview")
		}
		sweep(sofie, "/", "/varsler", "/kompetanse", "/kurs", "/team", "/logg/ny", "/meg/sikkerhet",
			emma, emma+"/tilgangslogg", emma+"/utskrift", emma+"/innslag/ny?type=note", emma+"/niva", emma+"/avslutt",
			emma+"/aktorer/ny?q=a", emma+"/overforing/ny?q=a", emma+"/samtykker/ny", emma+"/barn")

		hanne := w.as(t, "hanne.lie")
		sweep(hanne, "/", "/enhet/"+unit, "/kompetanse", "/kurs")

		admin := w.as(t, "kommune.admin")
		admin.enrolTOTP(false)
		sweep(admin, "/admin", "/admin/kommuner/"+mid, "/admin/kommuner/"+mid+"/enheter", "/admin/enheter/"+unit,
			"/admin/kommuner/"+mid+"/brukere", "/admin/brukere/"+w.account("sofie.dahl").ID,
			"/admin/kommuner/"+mid+"/veileder", "/admin/kommuner/"+mid+"/veileder/versjoner",
			"/admin/kommuner/"+mid+"/tiltak", "/admin/kommuner/"+mid+"/tiltak/ny", "/admin/kommuner/"+mid+"/endringer",
			"/kompetanse", "/kurs")
		if violations != 0 {
			t.Errorf("%d axe violations in all", violations)
		}
	})
}
