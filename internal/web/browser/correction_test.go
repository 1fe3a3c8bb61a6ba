package browser_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"stafett/internal/store/storetest"
)

// TestCorrectionsInBrowser walks issue 21 point 5 at 375 px: the holder of Emma's
// log corrects the child's details (a try that changes nothing comes back saying
// so), adds a measure, moves its evaluation date with a reason and corrects the
// measure from the timeline. No page scrolls sideways, and each new page passes axe
// at 375 and 1280 px in nb, nn and en.
func TestCorrectionsInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		violations := 0
		sofie := w.as(t, "sofie.dahl")
		emma := sofie.evalString(`[...document.querySelectorAll('a[href^="/logg/"]')].find(a => a.textContent.includes("Emma Haugen"))?.getAttribute("href") ?? ""`)
		if emma == "" {
			t.Fatalf("Emma's log is not on Sofie's overview")
		}
		sofie.phone()
		sofie.visit(emma)
		sofie.load("open the child's correction", 200, chromedp.Click(chromedp.CSS(`a[href$="/barn"]`)))
		sofie.contains("main h1", "Rett barnets opplysninger")
		sofie.noSidewaysScroll("the child's correction")
		violations += sofie.axe("correct-child")
		violations += sofie.inLanguages("correct-child")
		sofie.phone()
		sofie.submit(`form[action$="/barn"] button[type=submit]`, 422)
		sofie.onFirstScreen(".ds-error-summary")
		sofie.contains(".ds-error-summary", "Du har ikke endret noe.")
		violations += sofie.axe("correct-child-errors")
		sofie.phone()
		sofie.fill("#child-name", "Emma Haugen Berg")
		sofie.submit(`form[action$="/barn"] button[type=submit]`, 200)
		sofie.contains("main h1", "Emma Haugen Berg")
		sofie.contains("main", "Barnets navn ble rettet fra «Emma Haugen» til «Emma Haugen Berg».")

		sofie.load("open the measure form", 200, chromedp.Click(chromedp.CSS(`nav.action-bar a[href$="type=measure"]`)))
		sofie.fill("#entry-measure-goal", "Emma sover bedre")
		sofie.fill("#entry-measure-text", "Samtaler med helsesykepleier.")
		sofie.fill("#entry-measure-start-date", isoDate(0))
		sofie.fill("#entry-measure-evaluate-by", isoDate(30))
		sofie.submit(`form:has(input[name=kind][value=measure]) button[type=submit]`, 200)

		sofie.phone()
		sofie.load("open the date move", 200, chromedp.Click(chromedp.CSS(`section[aria-labelledby=h-measures] li:has(.ds-paragraph) a[href$="/flytt"]`)))
		sofie.contains("main h1", "Flytt evalueringsdatoen")
		sofie.noSidewaysScroll("the date move")
		violations += sofie.axe("move-evaluation")
		violations += sofie.inLanguages("move-evaluation")
		sofie.phone()
		sofie.fill(`form[action$="/flytt"] input[type=date]`, isoDate(60))
		sofie.submit(`form[action$="/flytt"] button[type=submit]`, 422)
		sofie.contains(".ds-error-summary", "Skriv kort hvorfor datoen flyttes.")
		violations += sofie.axe("move-evaluation-errors")
		sofie.phone()
		sofie.fill(`form[action$="/flytt"] textarea`, "Helsesykepleier er borte i en måned.")
		sofie.submit(`form[action$="/flytt"] button[type=submit]`, 200)
		sofie.contains("main", "Helsesykepleier er borte i en måned.")

		sofie.load("open the correction of the measure", 200, chromedp.Click(chromedp.CSS(`li:has(.ds-tag) a[href$="/rett"]`)))
		sofie.contains("main h1", "Rett innslaget")
		sofie.noSidewaysScroll("the entry's correction")
		violations += sofie.axe("amend-entry")
		violations += sofie.inLanguages("amend-entry")
		sofie.phone()
		sofie.fill(`form[action$="/rett"] textarea[name=text]`, "Samtaler med helsesykepleier hver uke.")
		sofie.submit(`form[action$="/rett"] button[type=submit]`, 200)
		sofie.contains("main", "Samtaler med helsesykepleier hver uke.", "Tidligere versjoner")
		if n := sofie.smallTargets("main a.touch"); n != 0 {
			t.Errorf("%d correction links are less than 44 px high", n)
		}
		if violations != 0 {
			t.Errorf("%d axe violations in all", violations)
		}
	})
}
