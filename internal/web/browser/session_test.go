package browser_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"stafett/internal/demo"
	"stafett/internal/people"
	"stafett/internal/store/storetest"
	"stafett/internal/web"
)

// TestSessionExpiryKeepsTheDraft walks issue 21's flow 10 at 375 px: a teacher
// writes a note while her session runs out; she is warned first and may stay signed
// in; when it has ended she signs in again from the message and is back at the form
// with her text, which she saves. The idle limit is a few seconds here, so the test
// waits for the browser's timers (never asserting on how long anything took).
func TestSessionExpiryKeepsTheDraft(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		// Long enough that the warning is still up when the test answers it on a
		// loaded machine (it shows for the last quarter of the limit).
		const idle = 20 * time.Second
		w := newWorldWith(t, dsn, web.Config{Sessions: people.SessionPolicy{Idle: idle, Absolute: time.Hour}})
		violations := 0
		sofie := w.as(t, "sofie.dahl")
		emma := sofie.evalString(`[...document.querySelectorAll('a[href^="/logg/"]')].find(a => a.textContent.includes("Emma Haugen"))?.getAttribute("href") ?? ""`)
		if emma == "" {
			t.Fatalf("Emma's log is not on Sofie's overview")
		}
		emma, _, _ = strings.Cut(emma, "#") // the overview may link to a part of the log
		sofie.phone()
		form := emma + "/innslag/ny?type=note"
		sofie.visit(form)
		const text = "Mor ringte: Emma har sovet dårlig hele uka."
		sofie.do("type the note", chromedp.SendKeys(chromedp.CSS("#entry-note-text"), text))

		// Warned, she stays signed in.
		sofie.do("wait for the warning", chromedp.WaitVisible(chromedp.CSS("#session-warning")))
		sofie.click("#session-keep")
		sofie.do("the warning goes", chromedp.WaitNotVisible(chromedp.CSS("#session-warning")))

		// Then she leaves it until the session has ended.
		sofie.do("wait for the end", chromedp.WaitVisible(chromedp.CSS("#session-ended")))
		violations += sofie.axe("session-ended")
		sofie.phone()
		sofie.load("sign in again", 200, chromedp.Click(chromedp.CSS("#session-signin")))
		if loc := sofie.location(); !strings.Contains(loc, "/innlogging?neste=") {
			t.Fatalf("the sign-in link goes to %s", loc)
		}
		// The session had really ended on the server too.
		ctx, cancel := context.WithTimeout(sofie.ctx, stepTimeout)
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch("/api/v1/me").then(r => r.status)`, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil || status != 401 {
			t.Fatalf("after the end the session answers %d (%v), want 401", status, err)
		}
		sofie.fill("#signin-email", w.account("sofie.dahl").Email)
		sofie.fill("#signin-password", demo.Password)
		sofie.submit(`form[action="/innlogging"] button[type=submit]`, 200)
		if loc := sofie.location(); loc != w.base+form {
			t.Fatalf("after signing in again at %s, want the form %s", loc, form)
		}
		if got := sofie.evalString(`document.querySelector("#entry-note-text").value`); got != text {
			t.Fatalf("the note after signing in again = %q, want %q", got, text)
		}
		sofie.do("the draft is said to be back", chromedp.WaitVisible(chromedp.CSS("#draft-restored")))
		violations += sofie.axe("draft-restored")
		sofie.phone()
		sofie.submit(`form:has(input[name=kind][value=note]) button[type=submit]`, 200)
		sofie.contains("#timeline", text)
		// Saved, the draft is gone: the form is empty next time.
		sofie.visit(form)
		if got := sofie.evalString(`document.querySelector("#entry-note-text").value`); got != "" {
			t.Errorf("the saved note comes back as a draft: %q", got)
		}
		if violations != 0 {
			t.Errorf("%d axe violations in all", violations)
		}
	})
}
