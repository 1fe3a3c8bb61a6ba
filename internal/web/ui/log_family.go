package ui

import "stafett/internal/logbook"

// familyInfo is what the log page tells a guardian or the young person themself
// (issue 21 point 11): in plain words, what they can see and do in the log.
type familyInfo struct {
	Heading, Intro string
	Can            []string
}

// FamilyInfo says what the reader, a guardian or the youth, can see and do; nil for
// staff.
func (m *logPage) FamilyInfo() *familyInfo {
	r := m.V.Relation
	if m.Staff || m.Print || !(r.Guardian || r.Youth) {
		return nil
	}
	who := "guardian"
	if r.Youth {
		who = "youth"
	}
	fi := &familyInfo{Heading: m.T("family.heading"), Intro: m.T("family.intro." + who)}
	fi.Can = append(fi.Can, m.T("family.can.read"))
	if m.Can.AddNote {
		fi.Can = append(fi.Can, m.T("family.can.note"))
	}
	if m.Can.GiveConsent {
		fi.Can = append(fi.Can, m.T("family.can.consent"))
	}
	if m.Can.ReadAccessLog {
		fi.Can = append(fi.Can, m.T("family.can.access_log"))
	}
	if m.Can.Export {
		fi.Can = append(fi.Can, m.T("family.can.export"))
	}
	if m.Can.Close && m.V.Log.Status != logbook.StatusClosed {
		fi.Can = append(fi.Can, m.T("family.can.close"))
	}
	fi.Can = append(fi.Can, m.T("family.can.ask", m.V.HolderName))
	return fi
}
