package ui

import (
	"errors"
	"html/template"
	"io"
	"stafett/internal/web/ui/i18n"
	"strings"
	"text/template/parse"
)

// inlineTexts puts the fixed texts of a page's templates in place for one language,
// once, at start: every action that is only {{.T "key"}} or {{$.T "key"}} and that
// html/template escapes as HTML text, as a quoted attribute value or as RCDATA
// becomes the text itself, escaped exactly as html/template would have escaped it
// when the page ran. A page has hundreds of these, and each would otherwise cost a
// method lookup and a call by reflection on every view. Actions in any other
// context (a URL, a script), with arguments, or with a pipeline of their own are
// left as they are.
//
// The templates are escaped first (by running the page once with no data: escaping
// happens before the run, which then fails on the missing data), so the context of
// every action is known. T is only ever Localizer.T: page models embed layout, and
// what they hand to partials carries its text translated already.
func inlineTexts(t *template.Template, l *i18n.Localizer) error {
	var escErr *template.Error
	if err := t.ExecuteTemplate(io.Discard, "layout", nil); errors.As(err, &escErr) {
		return err
	}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		eachAction(tt.Tree.Root, func(list *parse.ListNode, i int, a *parse.ActionNode) {
			if key, ok := fixedText(a.Pipe); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(htmlTextEscaper.Replace(l.T(key)))}
			}
		})
	}
	return nil
}

// htmlTextEscaper is html/template's escaping of a string for HTML text, a quoted
// attribute value and RCDATA (its htmlReplacementTable).
var htmlTextEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// textEscapers are the escapers html/template adds for the contexts where a fixed
// text can be put in with htmlTextEscaper.
var textEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// eachAction calls f for every action in list and in the lists within it, with the
// list that holds the action and its index there, so that f may replace it.
func eachAction(list *parse.ListNode, f func(list *parse.ListNode, i int, a *parse.ActionNode)) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		var branch *parse.BranchNode
		switch n := n.(type) {
		case *parse.ActionNode:
			f(list, i, n)
		case *parse.IfNode:
			branch = &n.BranchNode
		case *parse.RangeNode:
			branch = &n.BranchNode
		case *parse.WithNode:
			branch = &n.BranchNode
		case *parse.ListNode:
			eachAction(n, f)
		}
		if branch != nil {
			eachAction(branch.List, f)
			eachAction(branch.ElseList, f)
		}
	}
}

// fixedText reports the key of a pipeline that is exactly .T "key" (or $.T "key")
// followed by one of textEscapers.
func fixedText(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) != 2 {
		return "", false
	}
	call, esc := p.Cmds[0], p.Cmds[1]
	if len(esc.Args) != 1 {
		return "", false
	}
	if id, ok := esc.Args[0].(*parse.IdentifierNode); !ok || !textEscapers[id.Ident] {
		return "", false
	}
	if len(call.Args) != 2 {
		return "", false
	}
	switch f := call.Args[0].(type) {
	case *parse.FieldNode:
		if len(f.Ident) != 1 || f.Ident[0] != "T" {
			return "", false
		}
	case *parse.VariableNode:
		if len(f.Ident) != 2 || f.Ident[0] != "$" || f.Ident[1] != "T" {
			return "", false
		}
	default:
		return "", false
	}
	key, ok := call.Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return key.Text, true
}
