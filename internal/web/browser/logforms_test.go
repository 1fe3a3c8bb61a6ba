package browser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"stafett/internal/store/storetest"
)

// phoneWidth is the small phone the walkthrough of issue 21 was made on.
const phoneWidth, phoneHeight = 375, 800

// phone makes the person's viewport a small phone's (axe resets it after checking).
func (p *person) phone() {
	p.t.Helper()
	p.do("phone viewport", chromedp.EmulateViewport(phoneWidth, phoneHeight))
}

// noSidewaysScroll fails when the current page is wider than the phone.
func (p *person) noSidewaysScroll(page string) {
	p.t.Helper()
	if wide := p.eval(`document.documentElement.scrollWidth`); wide > phoneWidth {
		p.t.Errorf("%s: %s scrolls sideways at %d px: it is %d px wide", p.name, page, phoneWidth, wide)
	}
}

// onFirstScreen fails unless sel starts within the first screen of the phone.
func (p *person) onFirstScreen(sel string) {
	p.t.Helper()
	top := p.eval(fmt.Sprintf(`Math.round(document.querySelector(%q).getBoundingClientRect().top + window.scrollY)`, sel))
	if top < 0 || top > phoneHeight {
		p.t.Errorf("%s: %s is %d px down the page, not on the first screen", p.name, sel, top)
	}
}

// smallTargets counts the shown links and buttons matched by sel that are less than
// 44 px high; hidden ones (the session alerts before they are needed) have no box.
func (p *person) smallTargets(sel string) int {
	p.t.Helper()
	return p.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().height < 44).length`, sel))
}

// inLanguages runs axe on the current page in nynorsk and English too (bokmål is the
// browser's), switching with the header's language buttons, and returns to bokmål.
func (p *person) inLanguages(page string) int {
	p.t.Helper()
	v := 0
	for _, lang := range []string{"nn", "en", "nb"} {
		p.submit(fmt.Sprintf(`form.lang-switch button[value=%q]`, lang), 200)
		if got := p.evalString(`document.documentElement.lang`); got != lang {
			p.t.Fatalf("%s: after choosing %s the page is in %q", p.name, lang, got)
		}
		if lang != "nb" {
			v += p.axe(page + "-" + lang)
		}
	}
	return v
}

// TestLogFormsOnAPhone walks issue 21's flows 1, 2 and 4 at 375 px: the holder of
// Emma's log opens the measure form from the action bar at the top, sends it without
// a goal and sees the error summary first with what to write, then saves it; the
// steps that cannot be undone (removing a participant, withdrawing a consent,
// stopping a guardian's access, closing) each ask on a page of their own that says
// what will happen; the guardian closes the log from there. No page scrolls
// sideways, and every page changed passes axe at 375 and 1280 px in nb, nn and en.
func TestLogFormsOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		violations := 0
		nina := w.account("nina.eide")

		sofie := w.as(t, "sofie.dahl")
		emma := sofie.evalString(`[...document.querySelectorAll('a[href^="/logg/"]')].find(a => a.textContent.includes("Emma Haugen"))?.getAttribute("href") ?? ""`)
		if emma == "" {
			t.Fatalf("Emma's log is not on Sofie's overview")
		}
		sofie.phone()
		sofie.visit(emma)
		sofie.noSidewaysScroll("the log page")
		// Flow 2: the write actions are at the top, not 7,000 px down.
		sofie.onFirstScreen("nav.action-bar")
		if n := sofie.smallTargets("nav.action-bar a, main a.touch"); n != 0 {
			t.Errorf("%d action links are less than 44 px high", n)
		}
		violations += sofie.axe("log-action-bar")
		violations += sofie.inLanguages("log-action-bar")
		sofie.phone()
		sofie.load("open the measure form from the action bar", 200, chromedp.Click(chromedp.CSS(`nav.action-bar a[href$="type=measure"]`)))
		sofie.contains("main h1", "Legg til et tiltak")
		sofie.noSidewaysScroll("the measure form")
		violations += sofie.axe("entry-form")
		violations += sofie.inLanguages("entry-form")

		// Flow 1: a failed form is shown at once, the summary first, saying what to do.
		sofie.phone()
		sofie.fill("#entry-measure-text", "Logopeden kommer i barnehagen annenhver uke.")
		sofie.fill("#entry-measure-start-date", isoDate(0))
		sofie.submit(`form:has(input[name=kind][value=measure]) button[type=submit]`, 422)
		sofie.onFirstScreen(".ds-error-summary")
		sofie.contains(".ds-error-summary", "Skriv hva tiltaket skal oppnå.", "Skriv datoen tiltaket skal evalueres.")
		if got := sofie.evalString(`document.querySelector("#entry-measure-text").value`); !strings.Contains(got, "Logopeden") {
			t.Errorf("the text typed is gone after the failed submit: %q", got)
		}
		if n := sofie.count("#entry-measure-catalog-service-id-error"); n != 0 {
			t.Errorf("the optional service choice is flagged")
		}
		violations += sofie.axe("entry-form-errors")
		sofie.phone()
		sofie.fill("#entry-measure-goal", "Emma forstår og bruker flere ord")
		sofie.fill("#entry-measure-evaluate-by", isoDate(42))
		sofie.submit(`form:has(input[name=kind][value=measure]) button[type=submit]`, 200)
		sofie.contains("section[aria-labelledby=h-measures]", "Emma forstår og bruker flere ord")

		// Flow 4: removing a participant asks first and says what happens.
		sofie.load("ask to remove Nina", 200, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href$="/aktorer/%s/fjern"]`, nina.ID))))
		sofie.contains("#what-happens", "Nina Eide", "mister tilgangen")
		sofie.noSidewaysScroll("the remove page")
		violations += sofie.axe("remove-participant")
		violations += sofie.inLanguages("remove-participant")
		sofie.phone()
		sofie.load("cancel", 200, chromedp.Click(chromedp.CSS(`main .narrow > p:last-child a`)))
		sofie.contains("section[aria-labelledby=h-people]", "Nina Eide")

		// Withdrawing a consent names who loses access.
		sofie.load("ask to withdraw the consent", 200, chromedp.Click(chromedp.CSS(`a[href$="/trekk"]`)))
		sofie.contains("#what-happens", "Sofie Dahl er stafettholder", "Nina Eide")
		violations += sofie.axe("withdraw-consent")
		violations += sofie.inLanguages("withdraw-consent")

		// The leader's stop of a guardian's access asks for the reason on its page.
		hanne := w.as(t, "hanne.lie")
		hanne.phone()
		hanne.visit(emma)
		hanne.load("ask to stop Thomas's access", 200, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href$="/foresatte/%s/suspender"]`, w.account("thomas.haugen").ID))))
		hanne.contains("#what-happens", "Thomas Haugen ser ingenting i loggen lenger")
		hanne.submit(`form[action$="/suspender"] button[type=submit]`, 422)
		hanne.onFirstScreen(".ds-error-summary")
		violations += hanne.axe("suspend-guardian-errors")
		violations += hanne.inLanguages("suspend-guardian-errors")

		// The guardian cannot close the log with one button: she is asked first.
		line := w.as(t, "line.haugen")
		line.phone()
		line.visit(emma)
		if n := line.count(`form[action$="/avslutt"]`); n != 0 {
			t.Errorf("the log page has %d close forms", n)
		}
		line.load("ask to close", 200, chromedp.Click(chromedp.CSS(`a[href$="/avslutt"]`)))
		line.contains("#what-happens", "Loggen blir låst", "Du kan ikke angre")
		line.noSidewaysScroll("the close page")
		violations += line.axe("close")
		violations += line.inLanguages("close")
		line.phone()
		line.do("choose a reason", chromedp.SetValue(chromedp.CSS("#close-reason"), "moved"))
		line.fill("#close-text", "Vi flytter til Bergen.")
		line.submit(`form[action$="/avslutt"] button[type=submit]`, 200)
		line.contains("#h-level", "avsluttet")

		if violations != 0 {
			t.Errorf("%d axe violations in all", violations)
		}
	})
}
