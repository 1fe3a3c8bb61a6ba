package guide

import (
	"strconv"
	"strings"
)

// Diff is what changed from one version of a guide to another, level by level. Steps
// are matched by ID: a step with the same ID is the same step, edited or not.
type Diff struct {
	Levels []LevelDiff `json:"levels"`
}

// LevelDiff is what changed at one level. Only levels with changes are listed.
type LevelDiff struct {
	Level   int           `json:"level"`
	Changes []FieldChange `json:"changes"` // the level's title and purpose
	Added   []StepRef     `json:"added"`
	Removed []StepRef     `json:"removed"`
	Changed []StepChange  `json:"changed"`
}

// StepRef names a step.
type StepRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// StepChange is a step whose fields changed, named by its new title.
type StepChange struct {
	StepRef
	Changes []FieldChange `json:"changes"`
}

// FieldChange is one field's old and new text. Field is title, purpose, what, how,
// who, deadline_days (days as text, "" for none), tools (one "title <url>" or
// "title <file:ID>" per line),
// level (a step moved from another level) or position (a step moved within its
// level; 1-based places among the steps both versions have).
type FieldChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool { return len(d.Levels) == 0 }

// Compare returns what changed from guide from to guide to.
func Compare(from, to Guide) Diff {
	from, to = from.Clone(), to.Clone()
	from.Normalize()
	to.Normalize()
	oldSteps := map[string]Step{}
	oldLevel := map[string]int{}
	for _, l := range from.Levels {
		for _, s := range l.Steps {
			oldSteps[s.ID], oldLevel[s.ID] = s, l.Level
		}
	}
	newIDs := map[string]bool{}
	for _, l := range to.Levels {
		for _, s := range l.Steps {
			newIDs[s.ID] = true
		}
	}
	d := Diff{Levels: []LevelDiff{}}
	for n := MinLevel; n <= MaxLevel; n++ {
		ol, nl := from.Level(n), to.Level(n)
		ld := LevelDiff{Level: n, Changes: []FieldChange{}, Added: []StepRef{}, Removed: []StepRef{}, Changed: []StepChange{}}
		var oldTitle, oldPurpose, newTitle, newPurpose string
		var oldList, newList []Step
		if ol != nil {
			oldTitle, oldPurpose, oldList = ol.Title, ol.Purpose, ol.Steps
		}
		if nl != nil {
			newTitle, newPurpose, newList = nl.Title, nl.Purpose, nl.Steps
		}
		ld.Changes = appendChange(ld.Changes, "title", oldTitle, newTitle)
		ld.Changes = appendChange(ld.Changes, "purpose", oldPurpose, newPurpose)
		for _, s := range oldList {
			if !newIDs[s.ID] {
				ld.Removed = append(ld.Removed, StepRef{s.ID, s.Title})
			}
		}
		moved := movedWithin(oldList, newList)
		for i, s := range newList {
			old, ok := oldSteps[s.ID]
			if !ok {
				ld.Added = append(ld.Added, StepRef{s.ID, s.Title})
				continue
			}
			ch := CompareSteps(old, s)
			if lv := oldLevel[s.ID]; lv != n {
				ch = append(ch, FieldChange{"level", strconv.Itoa(lv), strconv.Itoa(n)})
			} else if p, ok := moved[s.ID]; ok {
				ch = append(ch, FieldChange{"position", strconv.Itoa(p), strconv.Itoa(commonPlace(newList, oldLevel, n, i))})
			}
			if len(ch) > 0 {
				ld.Changed = append(ld.Changed, StepChange{StepRef{s.ID, s.Title}, ch})
			}
		}
		if len(ld.Changes)+len(ld.Added)+len(ld.Removed)+len(ld.Changed) > 0 {
			d.Levels = append(d.Levels, ld)
		}
	}
	return d
}

func appendChange(out []FieldChange, field, from, to string) []FieldChange {
	if from != to {
		out = append(out, FieldChange{field, from, to})
	}
	return out
}

// CompareSteps lists the fields in which step b differs from step a, with the text
// of each, as Compare does for the steps of two versions.
func CompareSteps(a, b Step) []FieldChange {
	var out []FieldChange
	out = appendChange(out, "title", a.Title, b.Title)
	out = appendChange(out, "what", a.What, b.What)
	out = appendChange(out, "how", a.How, b.How)
	out = appendChange(out, "who", a.Who, b.Who)
	out = appendChange(out, "deadline_days", daysText(a.DeadlineDays), daysText(b.DeadlineDays))
	out = appendChange(out, "tools", toolsText(a.Tools), toolsText(b.Tools))
	return out
}

func daysText(d *int) string {
	if d == nil {
		return ""
	}
	return strconv.Itoa(*d)
}

func toolsText(ts []Tool) string {
	lines := make([]string, len(ts))
	for i, t := range ts {
		if t.FileID != "" {
			lines[i] = t.Title + " <file:" + t.FileID + ">"
		} else {
			lines[i] = t.Title + " <" + t.URL + ">"
		}
	}
	return strings.Join(lines, "\n")
}

// movedWithin finds the steps that changed place within a level: of the steps both
// lists have, those outside a longest common subsequence of the two orders. It maps
// each to its old 1-based place among the common steps. When two steps swap places,
// the one that moved up counts as moved.
func movedWithin(oldList, newList []Step) map[string]int {
	inNew := map[string]bool{}
	for _, s := range newList {
		inNew[s.ID] = true
	}
	var a []string
	for _, s := range oldList {
		if inNew[s.ID] {
			a = append(a, s.ID)
		}
	}
	inOld := map[string]bool{}
	for _, id := range a {
		inOld[id] = true
	}
	var b []string
	for _, s := range newList {
		if inOld[s.ID] {
			b = append(b, s.ID)
		}
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	kept := map[string]bool{}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			kept[a[i]] = true
			i++
			j++
		case lcs[i+1][j] > lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	out := map[string]int{}
	for i, id := range a {
		if !kept[id] {
			out[id] = i + 1
		}
	}
	return out
}

// commonPlace is the 1-based place of newList[i] among the steps of newList that were
// at level n before too.
func commonPlace(newList []Step, oldLevel map[string]int, n, i int) int {
	place := 0
	for k := 0; k <= i; k++ {
		if lv, ok := oldLevel[newList[k].ID]; ok && lv == n {
			place++
		}
	}
	return place
}
