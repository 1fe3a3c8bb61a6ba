package ui

import (
	"fmt"
	"net/http"
	"net/url"
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
	reportView
	Mine    []store.MyCourse
	MyCenti int
}

// reportView is a course report for a period as courseReport shows it: of municipality
// MID or network NID, with the municipality's training coverage where there is one.
type reportView struct {
	Report   *course.Report
	From, To string
	Coverage *store.Coverage
	MID, NID string
	Teams    *store.TeamUsageReport // the organiser's teams in the period, beside the courses
}

// newReportView is rep of municipality mid or network nid from from to to.
func newReportView(rep *course.Report, mid, nid, from, to string) reportView {
	return reportView{Report: rep, MID: mid, NID: nid, From: from, To: to}
}

// headingKey is the text of the report's heading.
func (v *reportView) headingKey() string {
	if v.NID != "" {
		return "network.report"
	}
	return "course.report"
}

// addTeams reads the organiser's teams for the report's period into v; a reader who may
// not read them is left without.
func (s *Server) addTeams(r *http.Request, p *people.Principal, v *reportView) error {
	t, err := s.DB.TeamUsage(r.Context(), p, v.MID, v.NID, v.From, v.To)
	if err != nil {
		if quiet(err) {
			return nil
		}
		return err
	}
	v.Teams = t
	return nil
}

// csvURL is the report as CSV.
func (v *reportView) csvURL() string {
	q := url.Values{"from": {v.From}, "to": {v.To}, "format": {"csv"}}
	if v.NID != "" {
		q.Set("network_id", v.NID)
	} else {
		q.Set("municipality_id", v.MID)
	}
	return "/api/v1/courses/report?" + q.Encode()
}

// yearRange is the current year in the page's time zone, as dates.
func (s *Server) yearRange(l *layout) (string, string) {
	year := s.DB.Now().In(l.Location()).Year()
	return fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year)
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
		from, to := s.yearRange(&m.layout)
		rep, err := s.DB.CourseReport(r.Context(), p, role.MunicipalityID, "", from, to)
		if err != nil {
			if fault.Is(err, fault.Forbidden) || fault.Is(err, fault.SecondFactorRequired) || fault.Is(err, fault.NotFound) {
				break
			}
			return err
		}
		m.reportView = newReportView(rep, role.MunicipalityID, "", from, to)
		if err := s.addTeams(r, p, &m.reportView); err != nil {
			return err
		}
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
func (m *reportView) kindBars(l *layout) []chart.BarGeom {
	bars := make([]chart.Bar, 0, len(m.Report.Kinds))
	for _, k := range m.Report.Kinds {
		bars = append(bars, chart.Bar{Label: l.KindText(k.Kind), Value: m.Report.Share(k.Row), Text: l.HoursText(k.Centi)})
	}
	return chart.Bars(bars, 1)
}

// chartSummary is the chart's figures in words: each kind with its hours.
func (m *reportView) chartSummary(l *layout) string {
	parts := make([]string, 0, len(m.Report.Kinds))
	for _, k := range m.Report.Kinds {
		parts = append(parts, l.KindText(k.Kind)+" "+l.T("course.hours", l.HoursText(k.Centi)))
	}
	return strings.Join(parts, ", ")
}
