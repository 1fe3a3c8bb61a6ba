package guide

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"stafett/internal/fault"
)

// The editor's changes to a draft. Each checks its input with the editor's field
// names and leaves g unchanged when it fails.

// SetLevelText sets the title and purpose of level n, adding the level when the
// draft lacks it.
func (g *Guide) SetLevelText(n int, title, purpose string) error {
	if n < MinLevel || n > MaxLevel {
		return fault.New(fault.NotFound, "no such level")
	}
	if err := CheckLevelText(title, purpose); err != nil {
		return err
	}
	l := g.ensureLevel(n)
	l.Title, l.Purpose = strings.TrimSpace(title), strings.TrimSpace(purpose)
	return nil
}

// AddStep appends s, with a new ID from gen, to level n, adding the level when the
// draft lacks it. It returns the new step's ID.
func (g *Guide) AddStep(n int, s Step, gen func() string) (string, error) {
	if n < MinLevel || n > MaxLevel {
		return "", fault.New(fault.NotFound, "no such level")
	}
	s.ID = ""
	if err := CheckStep(&s); err != nil {
		return "", err
	}
	l := g.ensureLevel(n)
	if len(l.Steps) >= MaxSteps {
		return "", fault.New(fault.Conflict, "the level has as many steps as it can have")
	}
	s.ID = gen()
	l.Steps = append(l.Steps, s)
	return s.ID, nil
}

// ReplaceStep replaces the text, deadline and tools of the step with s.ID; the step
// keeps its ID and place.
func (g *Guide) ReplaceStep(s Step) error {
	old, _, ok := g.Step(s.ID)
	if !ok {
		return fault.New(fault.NotFound, "step not found")
	}
	if err := CheckStep(&s); err != nil {
		return err
	}
	*old = s
	return nil
}

// MoveStep moves the step with id one place up (delta -1) or down (delta 1) within
// its level. Moving the first step up or the last down changes nothing.
func (g *Guide) MoveStep(id string, delta int) error {
	for i := range g.Levels {
		steps := g.Levels[i].Steps
		j := slices.IndexFunc(steps, func(s Step) bool { return s.ID == id })
		if j < 0 {
			continue
		}
		if k := j + delta; k >= 0 && k < len(steps) && (delta == -1 || delta == 1) {
			steps[j], steps[k] = steps[k], steps[j]
		}
		return nil
	}
	return fault.New(fault.NotFound, "step not found")
}

// RemoveStep removes the step with id. Logs that ticked it keep their entry.
func (g *Guide) RemoveStep(id string) error {
	for i := range g.Levels {
		l := &g.Levels[i]
		if j := slices.IndexFunc(l.Steps, func(s Step) bool { return s.ID == id }); j >= 0 {
			l.Steps = slices.Delete(l.Steps, j, j+1)
			return nil
		}
	}
	return fault.New(fault.NotFound, "step not found")
}

func (g *Guide) ensureLevel(n int) *Level {
	if l := g.Level(n); l != nil {
		return l
	}
	g.Levels = append(g.Levels, Level{Level: n, Steps: []Step{}})
	g.Normalize()
	return g.Level(n)
}

// Fingerprint identifies step s as stored: its ID, text, deadline and tools. An
// editor form carries the fingerprint of the step it was filled in from, so that a
// save can see whether someone else changed the step in the meantime.
func (s *Step) Fingerprint() string { return fingerprint(s) }

// TextFingerprint identifies the title and purpose of level l, nil for a level the
// draft does not have yet, as Step.Fingerprint does for a step.
func (l *Level) TextFingerprint() string {
	if l == nil {
		return fingerprint([2]string{})
	}
	return fingerprint([2]string{l.Title, l.Purpose})
}

func fingerprint(v any) string {
	b, _ := json.Marshal(v) // strings and integers only, which always encode
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
