package ui

import (
	"cmp"
	"slices"
	"time"

	"stafett/internal/logbook"
	"stafett/internal/notify"
	"stafett/internal/store"
)

// task is one line of "Mine oppgaver": what to do, about whose log, by when.
type task struct {
	Due     logbook.Date
	Overdue bool
	Text    string
	Href    string
}

// tasks gathers the person's tasks from the overview and the consents about to lapse:
// evaluations due, undrings waiting for a decision, transfers waiting for their
// answer and consents lapsing within 30 days; overdue first, then by date.
func (m *overviewPage) tasks(consents []store.ExpiringConsent) []task {
	var out []task
	for _, d := range m.MeasuresDue {
		out = append(out, task{Due: d.EvaluateBy, Overdue: d.Overdue, Href: "/logg/" + d.LogID + "#innslag-" + d.MeasureID,
			Text: m.T("tasks.evaluation", m.ChildLabel(d.Child))})
	}
	for _, l := range m.UndringDue {
		out = append(out, task{Due: logbook.DateOf(l.Log.UndringDeadline), Overdue: l.Overdue, Href: "/logg/" + l.Log.ID,
			Text: m.T("tasks.undring", m.ChildLabel(l.Log.Child))})
	}
	for _, t := range m.Transfers {
		due := logbook.DateOf(t.ProposedAt.Add(notify.TransferWaitDays * 24 * time.Hour))
		out = append(out, task{Due: due, Overdue: due < m.Today, Href: "/#h-transfers",
			Text: m.T("tasks.transfer", m.ChildLabel(t.Child))})
	}
	for _, c := range consents {
		out = append(out, task{Due: c.Expires, Href: "/logg/" + c.LogID, Text: m.T("tasks.consent", m.ChildLabel(c.Child))})
	}
	slices.SortStableFunc(out, func(a, b task) int {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Due, b.Due)
	})
	return out
}
