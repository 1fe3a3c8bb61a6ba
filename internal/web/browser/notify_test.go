package browser_test

import (
	"testing"

	"stafett/internal/store/storetest"
)

// TestNotificationsInBrowser: the proposed new holder of Noah's log sees the bell,
// "Mine oppgaver" and /varsler, and marks the notification read; the pages pass axe
// in bokmål, nynorsk and English.
func TestNotificationsInBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		violations := 0
		magnus := w.as(t, "magnus.vik")
		magnus.contains(".bell .ds-badge", "1")
		magnus.contains(".tasks", "Svar på overføringen av stafettloggen for Noah")
		for _, lang := range []string{"nb", "nn", "en"} {
			magnus.visit("/")
			magnus.submit(`form.lang-switch button[value=`+lang+`]`, 200)
			violations += magnus.axe("overview-tasks-" + lang)
			magnus.visit("/varsler")
			violations += magnus.axe("notifications-" + lang)
		}
		magnus.contains(".ds-card", "You have been proposed as the new holder")
		magnus.submit(`.ds-card form button[type=submit]`, 200)
		if n := magnus.count(".bell .ds-badge"); n != 0 {
			t.Errorf("the bell still counts after reading: %d", n)
		}
		magnus.submit(`form[action="/varsler/innstillinger"] button[type=submit]`, 200)
		magnus.contains("#flash", "saved")
		if violations > 0 {
			t.Errorf("%d accessibility violations", violations)
		}
	})
}
