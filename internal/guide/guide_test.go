package guide

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"stafett/internal/fault"
)

// complete returns a small valid guide: every level with one step.
func complete() Guide {
	var g Guide
	for n := MinLevel; n <= MaxLevel; n++ {
		g.Levels = append(g.Levels, Level{Level: n, Title: "Nivå", Purpose: "Hvorfor", Steps: []Step{{
			ID: "s" + string(rune('0'+n)), Title: "Steg", What: "Gjør dette", Who: "stafettholder", DeadlineDays: Days(7),
		}}})
	}
	return g
}

func fieldsOf(t *testing.T, err error) fault.Fields {
	t.Helper()
	if err == nil {
		return nil
	}
	var fe *fault.Error
	if !fault.Is(err, fault.Invalid) || !asFault(err, &fe) {
		t.Fatalf("err = %v, want a validation error", err)
	}
	return fe.Fields
}

func asFault(err error, dst **fault.Error) bool {
	e, ok := err.(*fault.Error)
	*dst = e
	return ok
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(g *Guide)
		want   fault.Fields // nil for valid
	}{
		{"OK", func(g *Guide) {}, nil},
		{"OKNoDeadline", func(g *Guide) { g.Levels[1].Steps[0].DeadlineDays = nil }, nil},
		{"OKZeroDeadline", func(g *Guide) { g.Levels[1].Steps[0].DeadlineDays = Days(0) }, nil},
		{"OKUnsortedLevels", func(g *Guide) { g.Levels[0], g.Levels[3] = g.Levels[3], g.Levels[0] }, nil},
		{"MissingLevel", func(g *Guide) { g.Levels = append(g.Levels[:2], g.Levels[3]) },
			fault.Fields{"levels[2]": "missing"}},
		{"NoLevels", func(g *Guide) { g.Levels = nil },
			fault.Fields{"levels[0]": "missing", "levels[1]": "missing", "levels[2]": "missing", "levels[3]": "missing"}},
		{"StepWithoutTitle", func(g *Guide) { g.Levels[2].Steps[0].Title = "  " },
			fault.Fields{"levels[2].steps[0].title": "required"}},
		{"NegativeDeadline", func(g *Guide) { g.Levels[1].Steps[0].DeadlineDays = Days(-1) },
			fault.Fields{"levels[1].steps[0].deadline_days": "range"}},
		{"DeadlineTooFar", func(g *Guide) { g.Levels[1].Steps[0].DeadlineDays = Days(MaxDeadlineDays + 1) },
			fault.Fields{"levels[1].steps[0].deadline_days": "range"}},
		{"LevelOutOfRange", func(g *Guide) { g.Levels[3].Level = 4 },
			fault.Fields{"levels[3].level": "range", "levels[3]": "missing"}},
		{"DuplicateLevel", func(g *Guide) { g.Levels[3].Level = 2 },
			fault.Fields{"levels[2].level": "taken", "levels[3]": "missing"}},
		{"TooManyLevels", func(g *Guide) { g.Levels = append(g.Levels, g.Levels[0]) },
			fault.Fields{"levels": "too_long", "levels[0].level": "taken"}},
		{"LevelWithoutTitle", func(g *Guide) { g.Levels[0].Title = "" },
			fault.Fields{"levels[0].title": "required"}},
		{"LevelPurposeTooLong", func(g *Guide) { g.Levels[0].Purpose = strings.Repeat("x", MaxPurposeLen+1) },
			fault.Fields{"levels[0].purpose": "too_long"}},
		{"StepWithoutWhatAndWho", func(g *Guide) { g.Levels[0].Steps[0].What, g.Levels[0].Steps[0].Who = "", "" },
			fault.Fields{"levels[0].steps[0].what": "required", "levels[0].steps[0].who": "required"}},
		{"ControlCharacter", func(g *Guide) { g.Levels[0].Steps[0].How = "a\x00b" },
			fault.Fields{"levels[0].steps[0].how": "invalid"}},
		{"DuplicateStepID", func(g *Guide) { g.Levels[1].Steps[0].ID = g.Levels[0].Steps[0].ID },
			fault.Fields{"levels[1].steps[0].id": "taken"}},
		{"BadStepID", func(g *Guide) { g.Levels[1].Steps[0].ID = "Hei du" },
			fault.Fields{"levels[1].steps[0].id": "format"}},
		{"TooManySteps", func(g *Guide) {
			for range MaxSteps {
				g.Levels[1].Steps = append(g.Levels[1].Steps, Step{Title: "t", What: "w", Who: "x"})
			}
		}, fault.Fields{"levels[1].steps": "too_long"}},
		{"ToolWithoutURL", func(g *Guide) { g.Levels[0].Steps[0].Tools = []Tool{{Title: "Skjema"}} },
			fault.Fields{"levels[0].steps[0].tools[0].url": "required"}},
		{"ToolJavascriptURL", func(g *Guide) { g.Levels[0].Steps[0].Tools = []Tool{{Title: "x", URL: "javascript:alert(1)"}} },
			fault.Fields{"levels[0].steps[0].tools[0].url": "format"}},
		{"ToolRelativeURL", func(g *Guide) { g.Levels[0].Steps[0].Tools = []Tool{{Title: "x", URL: "/skjema.pdf"}} },
			fault.Fields{"levels[0].steps[0].tools[0].url": "format"}},
		{"ToolWithoutTitle", func(g *Guide) { g.Levels[0].Steps[0].Tools = []Tool{{URL: "https://example.no"}} },
			fault.Fields{"levels[0].steps[0].tools[0].title": "required"}},
		{"TooManyTools", func(g *Guide) {
			for range MaxTools + 1 {
				g.Levels[0].Steps[0].Tools = append(g.Levels[0].Steps[0].Tools, Tool{Title: "x", URL: "https://example.no"})
			}
		}, fault.Fields{"levels[0].steps[0].tools": "too_long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := complete()
			c.change(&g)
			got := fieldsOf(t, g.Validate())
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("fields differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheckAllowsIncompleteDrafts: a draft may lack levels and texts, but not break
// the limits.
func TestCheckAllowsIncompleteDrafts(t *testing.T) {
	g := Guide{Levels: []Level{{Level: 1, Steps: []Step{{Title: ""}}}}}
	if err := g.Check(); err != nil {
		t.Errorf("incomplete draft: %v", err)
	}
	if err := g.Validate(); err == nil {
		t.Error("incomplete draft validates for publishing")
	}
	g.Levels[0].Steps[0].DeadlineDays = Days(-3)
	if got := fieldsOf(t, g.Check()); got["levels[1].steps[0].deadline_days"] != "range" {
		t.Errorf("negative deadline in draft: %v", got)
	}
}

func TestNationalTemplate(t *testing.T) {
	g := National()
	if err := g.Validate(); err != nil {
		t.Fatalf("national template is not valid: %v", err)
	}
	if len(g.Levels) != 4 {
		t.Fatalf("levels = %d, want 4", len(g.Levels))
	}
	for i, l := range g.Levels {
		if l.Level != i || len(l.Steps) < 3 {
			t.Errorf("level %d: number %d with %d steps", i, l.Level, len(l.Steps))
		}
		for _, s := range l.Steps {
			if s.ID == "" || !strings.Contains(strings.ToLower(l.Title), "nivå") {
				t.Errorf("level %d step %q: id %q", i, s.Title, s.ID)
			}
		}
	}
	if d := g.UndringDays(); d != 14 {
		t.Errorf("undring days = %d, want 14 as the existing default", d)
	}
	// National returns a copy: changing one does not change the next.
	g.Levels[0].Steps[0].Title = "endret"
	*g.Levels[0].Steps[4].DeadlineDays = 99
	if n := National(); n.Levels[0].Steps[0].Title == "endret" || n.UndringDays() != 14 {
		t.Error("National shares memory between calls")
	}
}

func TestUndringDays(t *testing.T) {
	cases := []struct {
		name  string
		steps []Step
		want  int
	}{
		{"Largest", []Step{{DeadlineDays: Days(3)}, {DeadlineDays: Days(21)}, {}}, 21},
		{"Shorter", []Step{{DeadlineDays: Days(7)}}, 7},
		{"NoDeadlines", []Step{{}}, DefaultUndringDays},
		{"Zero", []Step{{DeadlineDays: Days(0)}}, DefaultUndringDays},
		{"NoSteps", nil, DefaultUndringDays},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := Guide{Levels: []Level{{Level: 0, Steps: c.steps}, {Level: 1, Steps: []Step{{DeadlineDays: Days(99)}}}}}
			if got := g.UndringDays(); got != c.want {
				t.Errorf("= %d, want %d", got, c.want)
			}
		})
	}
}

func TestRenderText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"Paragraphs", "Første avsnitt.\n\nAndre avsnitt\nmed linjeskift.",
			"<p>Første avsnitt.</p><p>Andre avsnitt<br>med linjeskift.</p>"},
		{"List", "Husk:\n- én ting\n- to ting\n\nSlutt",
			"<p>Husk:</p><ul><li>én ting</li><li>to ting</li></ul><p>Slutt</p>"},
		{"Link", "Se [skjemaet](https://kommune.no/skjema.pdf?a=1&b=2) først.",
			`<p>Se <a class="ds-link" href="https://kommune.no/skjema.pdf?a=1&amp;b=2" rel="noopener noreferrer">skjemaet</a> først.</p>`},
		{"HTMLEscaped", `<script>alert("x")</script> & <b>fet</b>`,
			"<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;</p>"},
		{"JavascriptLinkIsText", "[klikk](javascript:alert(1))",
			"<p>[klikk](javascript:alert(1))</p>"},
		{"QuoteInURLIsText", `[x](https://a.no/"onmouseover="x)`,
			"<p>[x](https://a.no/&#34;onmouseover=&#34;x)</p>"},
		{"LinkTextEscaped", "[<i>x</i>](http://a.no)",
			`<p><a class="ds-link" href="http://a.no" rel="noopener noreferrer">&lt;i&gt;x&lt;/i&gt;</a></p>`},
		{"BracketsWithoutLink", "Tall [1] og [2](ikke-url) og [3](https://b.no)",
			`<p>Tall [1] og [2](ikke-url) og <a class="ds-link" href="https://b.no" rel="noopener noreferrer">3</a></p>`},
		{"Empty", "  \n\n", ""},
		{"CRLF", "a\r\nb", "<p>a<br>b</p>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := string(RenderText(c.in)); got != c.want {
				t.Errorf("RenderText(%q)\n got %s\nwant %s", c.in, got, c.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	from := complete()
	from.Levels[1].Steps = append(from.Levels[1].Steps,
		Step{ID: "b", Title: "B", What: "w", Who: "x"}, Step{ID: "c", Title: "C", What: "w", Who: "x"})
	to := from.Clone()
	to.Levels[0].Title = "Undring"
	to.Levels[1].Steps[0].Title = "Steg med ny tittel"
	to.Levels[1].Steps[0].DeadlineDays = nil
	to.Levels[1].Steps[1], to.Levels[1].Steps[2] = to.Levels[1].Steps[2], to.Levels[1].Steps[1]
	to.Levels[2].Steps = append(to.Levels[2].Steps, Step{ID: "ny", Title: "Nytt steg", What: "w", Who: "x"})
	to.Levels[3].Steps = nil

	got := Compare(from, to)
	want := Diff{Levels: []LevelDiff{
		{Level: 0, Changes: []FieldChange{{"title", "Nivå", "Undring"}}, Added: []StepRef{}, Removed: []StepRef{}, Changed: []StepChange{}},
		{Level: 1, Changes: []FieldChange{}, Added: []StepRef{}, Removed: []StepRef{}, Changed: []StepChange{
			{StepRef{"s1", "Steg med ny tittel"}, []FieldChange{{"title", "Steg", "Steg med ny tittel"}, {"deadline_days", "7", ""}}},
			{StepRef{"c", "C"}, []FieldChange{{"position", "3", "2"}}},
		}},
		{Level: 2, Changes: []FieldChange{}, Added: []StepRef{{"ny", "Nytt steg"}}, Removed: []StepRef{}, Changed: []StepChange{}},
		{Level: 3, Changes: []FieldChange{}, Added: []StepRef{}, Removed: []StepRef{{"s3", "Steg"}}, Changed: []StepChange{}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diff differs (-want +got):\n%s", diff)
	}
	if !Compare(from, from).Empty() {
		t.Error("a guide differs from itself")
	}

	// A step moved to another level is the same step, changed in level.
	moved := from.Clone()
	s := moved.Levels[1].Steps[2]
	moved.Levels[1].Steps = moved.Levels[1].Steps[:2]
	moved.Levels[2].Steps = append(moved.Levels[2].Steps, s)
	d := Compare(from, moved)
	if len(d.Levels) != 1 || d.Levels[0].Level != 2 || len(d.Levels[0].Changed) != 1 ||
		d.Levels[0].Changed[0].Changes[0] != (FieldChange{"level", "1", "2"}) {
		t.Errorf("moved step: %+v", d)
	}
}

func TestEdit(t *testing.T) {
	gen := func() string { return "generert" }
	g := complete()
	t.Run("AddStep", func(t *testing.T) {
		id, err := g.AddStep(2, Step{ID: "ignored", Title: " Ny ", What: "w", Who: "leder", DeadlineDays: Days(5)}, gen)
		if err != nil || id != "generert" {
			t.Fatalf("add = %q, %v", id, err)
		}
		if s := g.Levels[2].Steps[1]; s.ID != "generert" || s.Title != "Ny" {
			t.Errorf("added step = %+v", s)
		}
	})
	t.Run("AddStepInvalid", func(t *testing.T) {
		_, err := g.AddStep(2, Step{Title: "", What: "w", Who: "x", DeadlineDays: Days(-1),
			Tools: []Tool{{Title: "x", URL: "ftp://a"}}}, gen)
		want := fault.Fields{"title": "required", "deadline_days": "range", "tools": "format"}
		if diff := cmp.Diff(want, fieldsOf(t, err)); diff != "" {
			t.Errorf("fields (-want +got):\n%s", diff)
		}
		if len(g.Levels[2].Steps) != 2 {
			t.Error("a refused step was added")
		}
	})
	t.Run("MoveStep", func(t *testing.T) {
		if err := g.MoveStep("generert", -1); err != nil {
			t.Fatal(err)
		}
		if g.Levels[2].Steps[0].ID != "generert" {
			t.Errorf("order = %v", g.Levels[2].Steps)
		}
		if err := g.MoveStep("generert", -1); err != nil || g.Levels[2].Steps[0].ID != "generert" {
			t.Errorf("moving the first step up: %v", err)
		}
		if err := g.MoveStep("finnes-ikke", 1); !fault.Is(err, fault.NotFound) {
			t.Errorf("unknown step: %v", err)
		}
	})
	t.Run("ReplaceStep", func(t *testing.T) {
		if err := g.ReplaceStep(Step{ID: "generert", Title: "Endret", What: "w", Who: "leder"}); err != nil {
			t.Fatal(err)
		}
		if s, lv, _ := g.Step("generert"); s.Title != "Endret" || lv != 2 {
			t.Errorf("replaced = %+v at %d", s, lv)
		}
	})
	t.Run("RemoveStep", func(t *testing.T) {
		if err := g.RemoveStep("generert"); err != nil {
			t.Fatal(err)
		}
		if _, _, ok := g.Step("generert"); ok {
			t.Error("step still there")
		}
	})
	t.Run("SetLevelTextAddsMissingLevel", func(t *testing.T) {
		d := Guide{Levels: []Level{{Level: 3}}}
		if err := d.SetLevelText(1, " Nivå 1 ", "Formål"); err != nil {
			t.Fatal(err)
		}
		if len(d.Levels) != 2 || d.Levels[0].Level != 1 || d.Levels[0].Title != "Nivå 1" {
			t.Errorf("levels = %+v", d.Levels)
		}
		if err := d.SetLevelText(1, "", "x"); fieldsOf(t, err)["title"] != "required" {
			t.Errorf("empty title: %v", err)
		}
	})
}

// TestFingerprint: any change to what a step or a level's text says changes its
// fingerprint; the same content gives the same one.
func TestFingerprint(t *testing.T) {
	base := Step{ID: "s", Title: "Samtale", What: "w", How: "h", Who: "leder", DeadlineDays: Days(5),
		Tools: []Tool{{Title: "Mal", URL: "https://example.no/mal"}, {Title: "Skjema", FileID: "f1"}}}
	if a, b := base.Fingerprint(), base.Fingerprint(); a != b || len(a) != 24 {
		t.Fatalf("fingerprints %q and %q of the same step", a, b)
	}
	changes := map[string]func(s *Step){
		"title":    func(s *Step) { s.Title = "Samtale " },
		"what":     func(s *Step) { s.What = "W" },
		"how":      func(s *Step) { s.How = "" },
		"who":      func(s *Step) { s.Who = "stafettholder" },
		"deadline": func(s *Step) { s.DeadlineDays = nil },
		"days":     func(s *Step) { s.DeadlineDays = Days(6) },
		"tool":     func(s *Step) { s.Tools = s.Tools[:1] },
		"file":     func(s *Step) { s.Tools = []Tool{s.Tools[0], {Title: "Skjema", FileID: "f2"}} },
		"order":    func(s *Step) { s.Tools = []Tool{s.Tools[1], s.Tools[0]} },
	}
	for name, change := range changes {
		s := base
		s.Tools = slices.Clone(base.Tools)
		s.DeadlineDays = Days(*base.DeadlineDays)
		change(&s)
		if s.Fingerprint() == base.Fingerprint() {
			t.Errorf("%s: a changed step has the same fingerprint", name)
		}
	}

	var none *Level
	empty := &Level{Level: 1}
	if none.TextFingerprint() != empty.TextFingerprint() {
		t.Error("a missing level and one without text differ")
	}
	l := &Level{Level: 1, Title: "Nivå 1", Purpose: "p", Steps: []Step{base}}
	same := &Level{Level: 1, Title: "Nivå 1", Purpose: "p"}
	if l.TextFingerprint() != same.TextFingerprint() {
		t.Error("the steps change a level's text fingerprint")
	}
	for _, other := range []*Level{{Title: "Nivå 1"}, {Title: "Nivå 1 ", Purpose: "p"}, {Title: "Nivå", Purpose: "1p"}} {
		if other.TextFingerprint() == l.TextFingerprint() {
			t.Errorf("%+v has the fingerprint of %+v", other, l)
		}
	}
}
