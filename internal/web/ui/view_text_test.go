package ui

import (
	"html/template"
	"stafett/internal/web/ui/i18n"
	"testing"
	"text/template/parse"
)

// TestTextsInlined checks that putting the fixed texts in at start leaves far fewer
// actions to run on the pages still on html/template than parsing them plainly.
func TestTextsInlined(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := parseViewsWith(c, func(*template.Template, *i18n.Localizer) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	inlined, err := parseViews(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Langs() {
		var before, after int
		for name, page := range plain.pages[lang] {
			before, after = before+actions(page), after+actions(inlined.pages[lang][name])
		}
		if before == 0 {
			t.Skip("no page is on html/template any more")
		}
		if after > before-50 {
			t.Errorf("%s: the pages have %d actions inlined, %d plain: the texts were not put in", lang, after, before)
		}
	}
}

// actions counts the actions in a page's templates.
func actions(t *template.Template) int {
	var n int
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			eachAction(tt.Tree.Root, func(*parse.ListNode, int, *parse.ActionNode) { n++ })
		}
	}
	return n
}
