package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/ui/chart"
)

// coursesPage is /kurs: the person's own courses and hours and, for municipality
// admins, this year's report for their municipality with a bar chart of hours by kind.
type coursesPage struct {
	layout
	Mine     []store.MyCourse
	Report   *course.Report
	From, To string
	Coverage *store.Coverage
	MyCenti  int
	MID      string
}

// HandleCoursesPage shows the person's courses and, where they administer a
// municipality, its course report for the current year.
func (s *Server) HandleCoursesPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m := &coursesPage{layout: s.layoutFor(r, "course.list.title")}
	var err error
	if m.Mine, err = s.DB.MyCourses(r.Context(), p); err != nil {
		return err
	}
	for _, c := range m.Mine {
		m.MyCenti += c.Centi
	}
	for _, role := range p.Roles {
		if role.Role != people.MunicipalityAdmin || role.MunicipalityID == "" {
			continue
		}
		year := s.DB.Now().In(m.Location()).Year()
		m.From, m.To = fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year)
		rep, err := s.DB.CourseReport(r.Context(), p, role.MunicipalityID, "", m.From, m.To)
		if err != nil {
			if fault.Is(err, fault.Forbidden) || fault.Is(err, fault.SecondFactorRequired) || fault.Is(err, fault.NotFound) {
				break
			}
			return err
		}
		m.Report, m.MID = rep, role.MunicipalityID
		cov, err := s.DB.TrainingCoverage(r.Context(), p, role.MunicipalityID)
		if err == nil {
			m.Coverage = &cov
		} else if !fault.Is(err, fault.Forbidden) && !fault.Is(err, fault.SecondFactorRequired) && !fault.Is(err, fault.NotFound) {
			return err
		}
		break
	}
	return s.show(w, r, http.StatusOK, coursesView(m))
}

// coursePage is one course: its sessions, participants and hours.
type coursePage struct {
	layout
	C *store.CourseView
}

// HandleCoursePage shows one course (/kurs/{id}).
func (s *Server) HandleCoursePage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	c, err := s.DB.GetCourse(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	m := &coursePage{layout: s.layoutFor(r, "course.title"), C: c}
	m.Title = c.Title
	return s.show(w, r, http.StatusOK, courseView(m))
}

// Decimal is v with two decimals, with a decimal comma in Norwegian.
func (l *layout) Decimal(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if l.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// HoursText is hundredths of an hour as hours.
func (l *layout) HoursText(centi int) string { return l.Decimal(course.Hours(centi)) }

// Percent is a share (0–1) as a whole percentage.
func (l *layout) Percent(share float64) string { return strconv.Itoa(int(share*100+0.5)) + " %" }

// KindText is a course kind in the page's language.
func (l *layout) KindText(k course.Kind) string { return l.T("course.kind." + string(k)) }

// DateText is a YYYY-MM-DD date in the page's form.
func (l *layout) DateText(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return l.Date(t)
}

// kindBars are the hours by kind as bars, each its share of the total hours.
func (m *coursesPage) kindBars() []chart.BarGeom {
	bars := make([]chart.Bar, 0, len(m.Report.Kinds))
	for _, k := range m.Report.Kinds {
		bars = append(bars, chart.Bar{Label: m.KindText(k.Kind), Value: m.Report.Share(k.Row), Text: m.HoursText(k.Centi)})
	}
	return chart.Bars(bars, 1)
}

// chartSummary is the chart's figures in words: each kind with its hours.
func (m *coursesPage) chartSummary() string {
	parts := make([]string, 0, len(m.Report.Kinds))
	for _, k := range m.Report.Kinds {
		parts = append(parts, m.KindText(k.Kind)+" "+m.T("course.hours", m.HoursText(k.Centi)))
	}
	return strings.Join(parts, ", ")
}
