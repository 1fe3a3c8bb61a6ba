package api

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"stafett/internal/course"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

type reportRowJSON struct {
	Courses      int     `json:"courses"`
	Participants int     `json:"participants"`
	Hours        float64 `json:"hours"`
	FTE          float64 `json:"fte"`
}

type reportKindJSON struct {
	Kind course.Kind `json:"kind"`
	reportRowJSON
	Share float64 `json:"share"`
}

type reportCourseJSON struct {
	ID           string      `json:"id"`
	Title        string      `json:"title"`
	Kind         course.Kind `json:"kind"`
	Participants int         `json:"participants"`
	Hours        float64     `json:"hours"`
	FTE          float64     `json:"fte"`
	Share        float64     `json:"share"`
}

type reportMuniJSON struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Participants int     `json:"participants"`
	Hours        float64 `json:"hours"`
	FTE          float64 `json:"fte"`
}

type reportJSON struct {
	HoursPerFTE    int                `json:"hours_per_fte"`
	From           string             `json:"from"`
	To             string             `json:"to"`
	Total          reportRowJSON      `json:"total"`
	Kinds          []reportKindJSON   `json:"kinds"`
	Courses        []reportCourseJSON `json:"courses"`
	Municipalities []reportMuniJSON   `json:"municipalities"`
}

func fte(r *course.Report, row course.Row) float64 { return course.Round(r.FTE(row), 4) }

// reportOut is the JSON of a course report.
func reportOut(r *course.Report, from, to string) reportJSON {
	out := reportJSON{HoursPerFTE: r.HoursPerFTE, From: from, To: to, Kinds: []reportKindJSON{}, Courses: []reportCourseJSON{},
		Municipalities: []reportMuniJSON{},
		Total:          reportRowJSON{r.Total.Courses, r.Total.Participants, course.Hours(r.Total.Centi), fte(r, r.Total)}}
	for _, k := range r.Kinds {
		out.Kinds = append(out.Kinds, reportKindJSON{k.Kind, reportRowJSON{k.Courses, k.Participants, course.Hours(k.Centi), fte(r, k.Row)},
			course.Round(r.Share(k.Row), 4)})
	}
	for _, c := range r.Courses {
		out.Courses = append(out.Courses, reportCourseJSON{c.ID, c.Title, c.Kind, c.Participants, course.Hours(c.Centi), fte(r, c.Row),
			course.Round(r.Share(c.Row), 4)})
	}
	for _, m := range r.Municipalities {
		out.Municipalities = append(out.Municipalities, reportMuniJSON{m.ID, m.Name, m.Participants, course.Hours(m.Centi), fte(r, m.Row)})
	}
	return out
}

// ReportPeriod reads from and to (YYYY-MM-DD, optional) of a report.
func ReportPeriod(r *http.Request) (from, to string, err error) {
	var f fault.Fields
	from, to = r.URL.Query().Get("from"), r.URL.Query().Get("to")
	for name, v := range map[string]string{"from": from, "to": to} {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			f.Add(name, fault.FieldFormat)
		}
	}
	if f == nil && from != "" && to != "" && to < from {
		f.Add("to", fault.FieldRange)
	}
	return from, to, f.Err()
}

// HandleCourseReport reports the hours and årsverk of a network's or municipality's
// courses in a period, as JSON or (format=csv) CSV in UTF-8 with a BOM.
func (s *Server) HandleCourseReport(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	from, to, err := ReportPeriod(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	rep, err := s.DB.CourseReport(r.Context(), p, q.Get("municipality_id"), q.Get("network_id"), from, to)
	if err != nil {
		return err
	}
	out := reportOut(rep, from, to)
	if q.Get("format") != "csv" {
		app.WriteJSON(w, http.StatusOK, out)
		return nil
	}
	body := ReportCSV(out)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="kursrapport.csv"`)
	_, _ = w.Write(body)
	return nil
}

// ReportCSV writes the rows of a report as CSV, UTF-8 with a byte-order mark so that
// Excel opens it in Norwegian, semicolon-separated with decimal commas as Norwegian
// Excel reads them.
func ReportCSV(out reportJSON) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.Comma = ';'
	num := func(x float64, places int) string {
		return string(bytes.ReplaceAll([]byte(strconv.FormatFloat(x, 'f', places, 64)), []byte("."), []byte(",")))
	}
	_ = cw.Write([]string{"del", "id", "navn", "kurs", "deltakere", "timer", "årsverk", "andel"})
	t := out.Total
	_ = cw.Write([]string{"total", "", "", strconv.Itoa(t.Courses), strconv.Itoa(t.Participants), num(t.Hours, 2), num(t.FTE, 4), "1"})
	for _, k := range out.Kinds {
		_ = cw.Write([]string{"type", string(k.Kind), string(k.Kind), strconv.Itoa(k.Courses), strconv.Itoa(k.Participants),
			num(k.Hours, 2), num(k.FTE, 4), num(k.Share, 4)})
	}
	for _, c := range out.Courses {
		_ = cw.Write([]string{"kurs", c.ID, c.Title, string(c.Kind), strconv.Itoa(c.Participants), num(c.Hours, 2), num(c.FTE, 4), num(c.Share, 4)})
	}
	for _, m := range out.Municipalities {
		_ = cw.Write([]string{"kommune", m.ID, m.Name, "", strconv.Itoa(m.Participants), num(m.Hours, 2), num(m.FTE, 4), ""})
	}
	cw.Flush()
	return b.Bytes()
}

// HandleMyCourses returns the signed-in person's courses and hours.
func (s *Server) HandleMyCourses(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	cs, err := s.DB.MyCourses(r.Context(), p)
	if err != nil {
		return err
	}
	type mine struct {
		ID        string      `json:"id"`
		Title     string      `json:"title"`
		Kind      course.Kind `json:"kind"`
		Hours     float64     `json:"hours"`
		Completed bool        `json:"completed"`
	}
	out, total := []mine{}, 0
	for _, c := range cs {
		out = append(out, mine{c.ID, c.Title, c.Kind, course.Hours(c.Centi), c.Completed})
		total += c.Centi
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"courses": out, "hours": course.Hours(total)})
	return nil
}

// HandleTrainingCoverage returns the share of a municipality's staff in services for
// children who completed a BTI course.
func (s *Server) HandleTrainingCoverage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	c, err := s.DB.TrainingCoverage(r.Context(), p, r.PathValue("mid"))
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, coverageOut(c))
	return nil
}

func coverageOut(c store.Coverage) map[string]any {
	return map[string]any{"trained": c.Trained, "staff": c.Staff, "share": course.Round(c.Share(), 4)}
}
