package guide

import "strings"

// RenderText turns the guide's plain text into HTML. The text is Markdown-like:
// blank lines separate paragraphs, lines starting with "- " form a list, a single
// line break stays a line break, and [text](https://…) is a link when its address is
// http or https. Everything else is escaped: no HTML from the text ever reaches the
// page as markup.
//
// The result is safe HTML, made only of escaped text and the elements above, to be
// put in a page as it is (templ.Raw); it is a plain string so that this package
// needs no template engine.
func RenderText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var para, list []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>")
			for i, line := range para {
				if i > 0 {
					b.WriteString("<br>")
				}
				writeInline(&b, line)
			}
			b.WriteString("</p>")
			para = nil
		}
		if len(list) > 0 {
			b.WriteString("<ul>")
			for _, item := range list {
				b.WriteString("<li>")
				writeInline(&b, item)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
			list = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* "):
			if len(para) > 0 {
				flush()
			}
			list = append(list, strings.TrimSpace(line[2:]))
		default:
			if len(list) > 0 {
				flush()
			}
			para = append(para, line)
		}
	}
	flush()
	return b.String() // built from escaped text only
}

// writeInline writes one line of text, escaped, with its [text](url) links.
func writeInline(b *strings.Builder, s string) {
	for {
		open := strings.Index(s, "[")
		if open < 0 {
			break
		}
		mid := strings.Index(s[open:], "](")
		if mid < 0 {
			break
		}
		mid += open
		end := strings.Index(s[mid+2:], ")")
		if end < 0 {
			break
		}
		end += mid + 2
		text, href := s[open+1:mid], s[mid+2:end]
		if text == "" || strings.Contains(text, "[") || !IsWebURL(href) {
			// Not a link: keep the bracket as text and look further on.
			b.WriteString(escapeHTML(s[:open+1]))
			s = s[open+1:]
			continue
		}
		// The scheme in lower case, as every browser reads it ("hTtp:" is "http:").
		colon := strings.Index(href, ":")
		href = strings.ToLower(href[:colon]) + href[colon:]
		b.WriteString(escapeHTML(s[:open]))
		b.WriteString(`<a class="ds-link" href="`)
		b.WriteString(escapeHTML(href))
		b.WriteString(`" rel="noopener noreferrer">`)
		b.WriteString(escapeHTML(text))
		b.WriteString("</a>")
		s = s[end+1:]
	}
	b.WriteString(escapeHTML(s))
}

// htmlEscaper escapes text for HTML text and quoted attribute values exactly as
// html/template's HTMLEscapeString does: &, <, >, " and ' as entities and NUL as
// U+FFFD, byte by byte.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "'", "&#39;", "&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeHTML returns s escaped for HTML (htmlEscaper).
func escapeHTML(s string) string { return htmlEscaper.Replace(s) }
