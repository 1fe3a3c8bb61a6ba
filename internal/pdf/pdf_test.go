package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// parsed is what the tests read back from a written PDF: it is checked on the way,
// so a file that parses has a correct xref and well-formed pages.
type parsed struct {
	offsets []int // by object number; 0 is the free entry
	title   string
	pages   [][]textLine
}

// textLine is one BT … ET block: where it starts and the strings it shows.
type textLine struct {
	x, y  float64
	size  float64
	spans []span
}

type span struct {
	font Font
	text []byte // WinAnsi, unescaped
}

func (l textLine) String() string {
	var b strings.Builder
	for _, s := range l.spans {
		b.WriteString(decode(s.text))
	}
	return b.String()
}

// width is the line's width in points, from the font tables.
func (l textLine) width() float64 {
	w := 0.0
	for _, s := range l.spans {
		table := helvetica
		if s.font == Bold {
			table = helveticaBold
		}
		for _, c := range s.text {
			w += float64(table[c-32]) * l.size / 1000
		}
	}
	return w
}

// decode reads WinAnsi back: Latin-1 plus the table of 0x80–0x9F.
func decode(b []byte) string {
	high := map[byte]rune{}
	for r, c := range winAnsiHigh {
		high[c] = r
	}
	var s strings.Builder
	for _, c := range b {
		if r, ok := high[c]; ok {
			s.WriteRune(r)
		} else {
			s.WriteRune(rune(c))
		}
	}
	return s.String()
}

var (
	reStartXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	reXrefHead  = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	reRef       = regexp.MustCompile(`(\d+) 0 R`)
)

// parse checks the structure of a PDF file and reads back its pages' text.
func parse(b []byte) (*parsed, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-1.4\n")) {
		return nil, errors.New("no PDF 1.4 header")
	}
	m := reStartXref.FindSubmatch(b)
	if m == nil {
		return nil, errors.New("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(b) {
		return nil, fmt.Errorf("startxref %d beyond the file", xref)
	}
	h := reXrefHead.FindSubmatch(b[xref:])
	if h == nil {
		return nil, fmt.Errorf("startxref %d does not point at xref", xref)
	}
	count, _ := strconv.Atoi(string(h[1]))
	at := xref + len(h[0])
	if at+20*count > len(b) || string(b[at:at+20]) != "0000000000 65535 f \n" {
		return nil, errors.New("xref table is short or lacks the free entry")
	}
	p := &parsed{offsets: make([]int, count)}
	for i := 1; i < count; i++ {
		e := b[at+20*i : at+20*i+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" {
			return nil, fmt.Errorf("xref entry %d is malformed: %q", i, e)
		}
		if off >= len(b) || !bytes.HasPrefix(b[off:], fmt.Appendf(nil, "%d 0 obj\n", i)) {
			return nil, fmt.Errorf("xref entry %d points at offset %d, not at its object", i, off)
		}
		p.offsets[i] = off
	}
	trailer := string(b[at+20*count:])
	if !strings.HasPrefix(trailer, fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>", count)) {
		return nil, fmt.Errorf("trailer is %q", trailer)
	}
	dict := func(n int) string {
		if n <= 0 || n >= count {
			return ""
		}
		s := string(b[p.offsets[n]:])
		end := strings.Index(s, "\nendobj\n")
		if i := strings.Index(s, "\nstream\n"); i >= 0 && i < end {
			end = i
		}
		return s[:max(end, 0)]
	}
	if !strings.Contains(dict(1), "/Type /Catalog /Pages 2 0 R") {
		return nil, errors.New("no catalog")
	}
	if t := regexp.MustCompile(`/Title <FEFF([0-9A-F]*)>`).FindStringSubmatch(dict(5)); t != nil {
		var units []uint16
		for i := 0; i+4 <= len(t[1]); i += 4 {
			u, _ := strconv.ParseUint(t[1][i:i+4], 16, 16)
			units = append(units, uint16(u))
		}
		p.title = string(utf16.Decode(units))
	}
	pages := regexp.MustCompile(`/Kids \[([0-9 R]*)\] /Count (\d+)`).FindStringSubmatch(dict(2))
	if pages == nil {
		return nil, errors.New("no page tree")
	}
	kids := reRef.FindAllStringSubmatch(pages[1], -1)
	if n, _ := strconv.Atoi(pages[2]); n != len(kids) || n == 0 {
		return nil, fmt.Errorf("page tree counts %d pages and lists %d", n, len(kids))
	}
	for _, k := range kids {
		n, _ := strconv.Atoi(k[1])
		c := regexp.MustCompile(`^<< /Type /Page /Parent 2 0 R .*/F1 3 0 R /F2 4 0 R .*/Contents (\d+) 0 R >>$`).FindStringSubmatch(dict(n)[len(k[1])+7:])
		if c == nil {
			return nil, fmt.Errorf("object %d is not a page: %q", n, dict(n))
		}
		content, err := stream(b, p, c[1])
		if err != nil {
			return nil, err
		}
		lines, err := textLines(content)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", len(p.pages)+1, err)
		}
		p.pages = append(p.pages, lines)
	}
	return p, nil
}

// stream returns the data of stream object num, checking its length.
func stream(b []byte, p *parsed, num string) ([]byte, error) {
	n, _ := strconv.Atoi(num)
	if n <= 0 || n >= len(p.offsets) {
		return nil, fmt.Errorf("no object %s", num)
	}
	s := b[p.offsets[n]:]
	m := regexp.MustCompile(`^\d+ 0 obj\n<< /Length (\d+) >>\nstream\n`).FindSubmatch(s)
	if m == nil {
		return nil, fmt.Errorf("object %d is not a stream", n)
	}
	length, _ := strconv.Atoi(string(m[1]))
	start := len(m[0])
	if start+length > len(s) || !bytes.HasPrefix(s[start+length:], []byte("\nendstream\nendobj\n")) {
		return nil, fmt.Errorf("stream %d: /Length %d does not end at endstream", n, length)
	}
	return s[start : start+length], nil
}

// textLines reads the text blocks of a content stream: operands, then an operator.
func textLines(c []byte) ([]textLine, error) {
	var lines []textLine
	var cur *textLine
	var operands []string
	font := Font(-1)
	for i := 0; i < len(c); {
		switch ch := c[i]; {
		case ch == ' ' || ch == '\n':
			i++
		case ch == '(':
			var s []byte
			for i++; ; i++ {
				if i >= len(c) {
					return nil, errors.New("unterminated string")
				}
				if c[i] == '\\' && i+1 < len(c) && bytes.IndexByte([]byte(`()\`), c[i+1]) >= 0 {
					i++
				} else if c[i] == '(' || c[i] == '\\' {
					return nil, fmt.Errorf("unescaped %q in a string", c[i])
				} else if c[i] == ')' {
					break
				}
				s = append(s, c[i])
			}
			i++
			operands = append(operands, "("+string(s))
		default:
			j := i
			for j < len(c) && c[j] != ' ' && c[j] != '\n' && c[j] != '(' {
				j++
			}
			tok := string(c[i:j])
			i = j
			if tok[0] == '/' || tok[0] == '-' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9') {
				operands = append(operands, tok)
				continue
			}
			switch {
			case tok == "BT" && cur == nil:
				cur, font = &textLine{}, -1
			case tok == "ET" && cur != nil:
				lines, cur = append(lines, *cur), nil
			case tok == "Tf" && cur != nil && len(operands) == 2:
				font = map[string]Font{"/F1": Regular, "/F2": Bold}[operands[0]]
				if operands[0] != "/F1" && operands[0] != "/F2" {
					return nil, fmt.Errorf("unknown font %s", operands[0])
				}
				cur.size, _ = strconv.ParseFloat(operands[1], 64)
			case tok == "Td" && cur != nil && len(operands) == 2:
				cur.x, _ = strconv.ParseFloat(operands[0], 64)
				cur.y, _ = strconv.ParseFloat(operands[1], 64)
			case tok == "Tj" && cur != nil && font >= 0 && len(operands) == 1 && strings.HasPrefix(operands[0], "("):
				cur.spans = append(cur.spans, span{font, []byte(operands[0][1:])})
			case cur == nil && strings.Contains(" m l S G g w ", " "+tok+" "):
			default:
				return nil, fmt.Errorf("unexpected %q after %q", tok, operands)
			}
			operands = operands[:0]
		}
	}
	if cur != nil {
		return nil, errors.New("BT without ET")
	}
	return lines, nil
}

// write writes d and parses it, failing the test if it does not parse.
func write(t testing.TB, d *Doc) ([]byte, *parsed) {
	t.Helper()
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
	}
	p, err := parse(buf.Bytes())
	if err != nil {
		t.Fatalf("written PDF does not parse: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), p
}

// body returns the lines of every page except the footers.
func body(p *parsed) []textLine {
	var out []textLine
	for _, pg := range p.pages {
		for _, l := range pg {
			if l.y > Margin {
				out = append(out, l)
			}
		}
	}
	return out
}

func footer(page, pages int) string { return fmt.Sprintf("side %d av %d", page, pages) }

func TestXrefPointsAtObjects(t *testing.T) {
	d := New(A4)
	d.SetFooter(footer)
	d.Heading("Overskrift")
	d.Text(strings.Repeat("Et avsnitt om Åse og Ærlend.\n", 150))
	b, p := write(t, d)
	if len(p.pages) != 3 || d.Pages() != 3 {
		t.Fatalf("pages = %d (Pages() %d), want 3", len(p.pages), d.Pages())
	}
	if want := 5 + 2*3 + 1; len(p.offsets) != want {
		t.Errorf("xref has %d entries, want %d", len(p.offsets), want)
	}
	for num, off := range p.offsets[1:] {
		if head := fmt.Sprintf("%d 0 obj\n", num+1); string(b[off:off+len(head)]) != head {
			t.Errorf("xref entry %d points at %q", num+1, b[off:off+len(head)])
		}
	}
	for i, pg := range p.pages {
		last := pg[len(pg)-1]
		if got, want := last.String(), footer(i+1, 3); got != want || last.y != Margin/2 {
			t.Errorf("page %d ends with %q at y %v, want footer %q at %v", i+1, got, last.y, want, Margin/2)
		}
	}
}

func TestLongTextPageCount(t *testing.T) {
	perPage := int((A4.Height - 2*Margin) / (BodySize * leading)) // 53 lines
	var lines []string
	for i := 1; i <= 200; i++ {
		lines = append(lines, fmt.Sprintf("Linje %d", i))
	}
	d := New(A4)
	d.Text(strings.Join(lines, "\n"))
	_, p := write(t, d)
	if want := (200 + perPage - 1) / perPage; len(p.pages) != want || want != 4 {
		t.Fatalf("pages = %d, want %d (%d lines a page)", len(p.pages), want, perPage)
	}
	got := body(p)
	if len(got) != 200 {
		t.Fatalf("%d lines written, want 200", len(got))
	}
	for i, l := range got {
		if l.String() != lines[i] {
			t.Fatalf("line %d = %q, want %q", i, l.String(), lines[i])
		}
	}
	if first := p.pages[1][0]; first.String() != fmt.Sprintf("Linje %d", perPage+1) ||
		first.y != num2(A4.Height-Margin-BodySize) {
		t.Errorf("page 2 starts with %q at y %v", first.String(), first.y)
	}
}

func num2(v float64) float64 { f, _ := strconv.ParseFloat(num(v), 64); return f }

func TestWrappedLinesFitAndAreFull(t *testing.T) {
	text := strings.Repeat("Stafettholderen koordinerer samarbeidet med barnehagen, helsestasjonen og PP-tjenesten – «tett og godt». Vi er i en god dialog, så vi ser at det går bra i år. ", 8)
	long := strings.Repeat("Fødselsnummerlignendelangtord", 12)
	d := New(A4)
	d.Text(text)
	d.Field("Beslutninger", text)
	d.Text(long)
	d.Heading(text)
	_, p := write(t, d)
	right := A4.Width - Margin
	lines := body(p)
	if len(lines) < 15 {
		t.Fatalf("only %d lines; the text was not wrapped as expected", len(lines))
	}
	var joined []string
	for i, l := range lines {
		if l.x != Margin || l.x+l.width() > right+1e-9 {
			t.Errorf("line %d starts at %v and is %.2f wide, past the margin at %v: %q", i, l.x, l.width(), right, l)
		}
		// Greedy: the next line's first word would not have fitted on this one.
		if i+1 < len(lines) && lines[i+1].size == l.size && lines[i+1].y < l.y {
			next := strings.SplitN(lines[i+1].String(), " ", 2)[0]
			font := lines[i+1].spans[0].font
			paragraph := strings.HasPrefix(next, "Beslutninger:") || strings.HasPrefix(long, next)
			if w := l.width() + Width(font, " "+next, l.size); w <= right-Margin && !paragraph {
				t.Errorf("line %d (%q) had room for %q (%.1f of %.1f)", i, l, next, w, right-Margin)
			}
		}
		joined = append(joined, l.String())
	}
	all := strings.Join(joined, " ")
	if !strings.Contains(all, strings.TrimSpace(text)) {
		t.Error("the wrapped text does not read back as written")
	}
	if lines[0].spans[0].font != Regular {
		t.Error("Text is not in the regular font")
	}
	i := indexOf(joined, "Beslutninger:")
	if i < 0 {
		t.Fatal("the field's label is not at the start of a line")
	}
	if field := lines[i]; len(field.spans) < 2 || field.spans[0].font != Bold || decode(field.spans[0].text) != "Beslutninger:" || field.spans[1].font != Regular {
		t.Errorf("field line is %+v, want a bold label and a regular value", field.spans)
	}
	if !strings.Contains(strings.Join(joined, ""), long) {
		t.Error("a word longer than a line was not kept whole across its lines")
	}
}

func indexOf(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

func TestEscaping(t *testing.T) {
	d := New(A4)
	d.Text(`Sa (til seg selv): C:\mappe\fil )( slutt`)
	b, p := write(t, d)
	if want := `(Sa \(til seg selv\): C:\\mappe\\fil \)\( slutt) Tj`; !bytes.Contains(b, []byte(want)) {
		t.Errorf("content lacks %s", want)
	}
	if got := body(p)[0].String(); got != `Sa (til seg selv): C:\mappe\fil )( slutt` {
		t.Errorf("text reads back as %q", got)
	}
}

func TestWinAnsiEncoding(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"æøå", "\xe6\xf8\xe5"},
		{"ÆØÅ é", "\xc6\xd8\xc5 \xe9"},
		{"«sitat» – og — €", "\xabsitat\xbb \x96 og \x97 \x80"},
		{"a\u030a A\u030a e\u0301", "\xe5 \xc5 \xe9"}, // decomposed
		{"x\u030a c\u030c", "x c"},                    // an accent with no WinAnsi letter is dropped
		{"\u0301x", "?x"},                             // and one with no letter before it is unknown
		// Letters WinAnsi lacks print as their base letter: Sámi, Polish, Czech, Turkish.
		{"Čáhppes Đoná Ŋunni Ŧ čđŋŧ", "C\xe1hppes Don\xe1 Nunni T cdnt"},
		{"Łukasz Wiśniewski, Jiří, Ğül, Ĳsbrand", "Lukasz Wisniewski, Jir\xed, G\xfcl, IJsbrand"},
		{"Œ Š Ÿ Ž ž", "\x8c \x8a \x9f \x8e \x9e"}, // which WinAnsi has
		// Beyond Latin Extended-A, as many accents as WinAnsi has a letter for.
		{"Nguyễn Thị Ánh, Ștefan Țurcanu, Ǧǩ", "Nguy\xean Thi \xc1nh, Stefan Turcanu, Gk"},
		{"Ελένη Олег", "????? ????"}, // other scripts
		{"日本 🙂\x01\x7f\u0085", "?? ????"},
		{"del\u00adbar\tord", "delbar ord"},
		{"Nivå 0 → 1, 5 − 2\u202F%", "Niv\xe5 0 -> 1, 5 - 2\xa0%"},
	} {
		if got := Encode(c.in); string(got) != c.want {
			t.Errorf("Encode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	d := New(A4)
	d.Text("Blåbær og rødgrøt")
	b, p := write(t, d)
	if !bytes.Contains(b, []byte("(Bl\xe5b\xe6r og r\xf8dgr\xf8t) Tj")) {
		t.Error("æøå are not written as WinAnsi bytes")
	}
	if got := body(p)[0].String(); got != "Blåbær og rødgrøt" {
		t.Errorf("text reads back as %q", got)
	}
	if bytes.Count(b, []byte("/Encoding /WinAnsiEncoding >>")) != 2 {
		t.Error("the fonts do not both declare WinAnsiEncoding")
	}
}

func TestWidths(t *testing.T) {
	for _, c := range []struct {
		font Font
		text string
		want float64
	}{
		{Regular, "Hei", (722 + 556 + 222) * 10.0 / 1000},
		{Bold, "Hei", (722 + 556 + 278) * 10.0 / 1000},
		{Regular, "æøå", (889 + 611 + 556) * 10.0 / 1000},
		{Bold, "Å – ü", (722 + 278 + 556 + 278 + 611) * 10.0 / 1000},
		{Regular, "😀", 556 * 10.0 / 1000}, // as '?'
	} {
		if got := Width(c.font, c.text, 10); got != c.want {
			t.Errorf("Width(%v, %q) = %v, want %v", c.font, c.text, got, c.want)
		}
	}
}

func TestTitleAndEmptyDocument(t *testing.T) {
	d := New(A4)
	d.SetTitle("Stafettlogg for Åse 🙂")
	d.SetFooter(footer)
	_, p := write(t, d)
	if p.title != "Stafettlogg for Åse 🙂" {
		t.Errorf("title = %q", p.title)
	}
	if len(p.pages) != 1 || len(p.pages[0]) != 1 || p.pages[0][0].String() != "side 1 av 1" {
		t.Errorf("an empty document has pages %+v, want one with its footer", p.pages)
	}
}

func TestHeadingKeptWithText(t *testing.T) {
	d := New(A4)
	d.Text(strings.Repeat("linje\n", 49)) // 50 lines: room for the heading, not for it and three lines
	d.Heading("Tiltak")
	d.Text("Første tiltak")
	_, p := write(t, d)
	if len(p.pages) != 2 || p.pages[1][0].String() != "Tiltak" || p.pages[1][1].String() != "Første tiltak" {
		t.Errorf("the heading was left at the foot of page 1: %d pages", len(p.pages))
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "æøå ÆØÅ é «» – —", `a (b) \c`, "\n\n\r\n", strings.Repeat("x", 500),
		"Ola\u030a \u00ad\t😀", strings.Repeat("ord ", 400), "((((", `\`, "BT ET endstream endobj %%EOF"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := New(A4)
		d.SetTitle(s)
		d.SetFooter(func(p, n int) string { return fmt.Sprintf("%.40s %d/%d", s, p, n) })
		d.Heading(s)
		d.Subheading(s)
		d.Text(s)
		d.Field(s, s)
		d.Space()
		d.Rule()
		d.Text(s)
		_, p := write(t, d)
		if len(p.pages) != d.Pages() {
			t.Errorf("%d pages written, Pages() = %d", len(p.pages), d.Pages())
		}
		for _, l := range body(p) {
			if l.x+l.width() > A4.Width-Margin+1e-9 {
				t.Errorf("line %q is %.2f wide", l, l.width())
			}
		}
	})
}
