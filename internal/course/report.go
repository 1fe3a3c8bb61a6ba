package course

import "slices"

// Reported is one course as a report counts it: its participants and its sessions in
// the report's period.
type Reported struct {
	ID, Title    string
	Kind         Kind
	Participants []Participant
	Sessions     []Session
}

// Participant is a registered participant and the municipality they came from.
type Participant struct {
	UserID, MunicipalityID, MunicipalityName string
}

// Row is a line of a report: how many courses and people, and their hours in
// hundredths.
type Row struct {
	Courses, Participants int
	Centi                 int
}

// KindRow is a report's line for one kind.
type KindRow struct {
	Kind Kind
	Row
}

// CourseRow is a report's line for one course.
type CourseRow struct {
	ID, Title string
	Kind      Kind
	Row
}

// MunicipalityRow is a report's line for the participants of one municipality.
type MunicipalityRow struct {
	ID, Name string
	Row
}

// Report is the hours of courses in a period: in total, per kind (every kind, in
// Kinds order), per course (most hours first) and per participant municipality.
type Report struct {
	HoursPerFTE    int
	Total          Row
	Kinds          []KindRow
	Courses        []CourseRow
	Municipalities []MunicipalityRow
}

// FTE is r's hours as full-time years.
func (r Report) FTE(row Row) float64 { return FTE(Hours(row.Centi), r.HoursPerFTE) }

// Share is row's share of the total hours (0 when there are none).
func (r Report) Share(row Row) float64 {
	if r.Total.Centi == 0 {
		return 0
	}
	return float64(row.Centi) / float64(r.Total.Centi)
}

// BuildReport counts courses: only those with a session in the period, each
// participant's hours by PersonCenti, so a course's hours are the sum of its
// participants' and equal SessionCenti summed over its sessions. Participants are
// counted once per course, kind, municipality and total however many courses they
// took.
func BuildReport(courses []Reported, hoursPerFTE int) Report {
	r := Report{HoursPerFTE: hoursPerFTE}
	total := map[string]bool{}
	kinds := map[Kind]*KindRow{}
	kindPeople := map[Kind]map[string]bool{}
	for _, k := range Kinds {
		kinds[k] = &KindRow{Kind: k}
		kindPeople[k] = map[string]bool{}
	}
	munis := map[string]*MunicipalityRow{}
	muniPeople := map[string]map[string]bool{}
	for _, c := range courses {
		if len(c.Sessions) == 0 {
			continue
		}
		row := CourseRow{ID: c.ID, Title: c.Title, Kind: c.Kind, Row: Row{Courses: 1, Participants: len(c.Participants)}}
		k := kinds[c.Kind]
		if k == nil {
			k = &KindRow{Kind: c.Kind}
			kinds[c.Kind], kindPeople[c.Kind] = k, map[string]bool{}
		}
		k.Courses++
		for _, p := range c.Participants {
			h := PersonCenti(p.UserID, c.Sessions)
			row.Centi += h
			m := munis[p.MunicipalityID]
			if m == nil {
				m = &MunicipalityRow{ID: p.MunicipalityID, Name: p.MunicipalityName}
				munis[p.MunicipalityID], muniPeople[p.MunicipalityID] = m, map[string]bool{}
			}
			m.Centi += h
			muniPeople[p.MunicipalityID][p.UserID] = true
			kindPeople[c.Kind][p.UserID] = true
			total[p.UserID] = true
		}
		k.Centi += row.Centi
		r.Total.Courses++
		r.Total.Centi += row.Centi
		r.Courses = append(r.Courses, row)
	}
	r.Total.Participants = len(total)
	for _, k := range Kinds {
		kinds[k].Participants = len(kindPeople[k])
		r.Kinds = append(r.Kinds, *kinds[k])
	}
	for id, m := range munis {
		m.Participants = len(muniPeople[id])
		r.Municipalities = append(r.Municipalities, *m)
	}
	slices.SortStableFunc(r.Courses, func(a, b CourseRow) int { return b.Centi - a.Centi })
	slices.SortFunc(r.Municipalities, func(a, b MunicipalityRow) int {
		if a.Name != b.Name {
			if a.Name < b.Name {
				return -1
			}
			return 1
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	return r
}
