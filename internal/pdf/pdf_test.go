package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stafett/internal/pdf/pdftest"
)

// write writes d and parses it, failing the test if it does not parse.
func write(t testing.TB, d *Doc) ([]byte, *pdftest.Document) {
	t.Helper()
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
	}
	p, err := pdftest.Parse(buf.Bytes())
	if err != nil {
		t.Fatalf("written PDF does not parse: %v", err)
	}
	return buf.Bytes(), p
}

// body returns the lines of every page except the footers.
func body(p *pdftest.Document) []pdftest.Line {
	var out []pdftest.Line
	for _, pg := range p.Pages {
		for _, l := range pg {
			if l.Y > Margin {
				out = append(out, l)
			}
		}
	}
	return out
}

// fontOf is the font s is shown in.
func fontOf(s pdftest.Span) Font {
	if s.Font.Bold {
		return Bold
	}
	return Regular
}

func footer(page, pages int) string { return fmt.Sprintf("side %d av %d", page, pages) }

func TestPagesAndFooters(t *testing.T) {
	d := New(A4)
	d.SetFooter(footer)
	d.Heading("Overskrift")
	d.Text(strings.Repeat("Et avsnitt om Åse og Ærlend.\n", 150))
	_, p := write(t, d)
	if len(p.Pages) != 3 || d.Pages() != 3 {
		t.Fatalf("pages = %d (Pages() %d), want 3", len(p.Pages), d.Pages())
	}
	for i, pg := range p.Pages {
		last := pg[len(pg)-1]
		if got, want := last.String(), footer(i+1, 3); got != want || last.Y != Margin/2 {
			t.Errorf("page %d ends with %q at y %v, want footer %q at %v", i+1, got, last.Y, want, Margin/2)
		}
		if mid := (last.X() + last.Right()) / 2; math.Abs(mid-A4.Width/2) > 0.01 {
			t.Errorf("page %d: footer is centred on %.2f, want %.2f", i+1, mid, A4.Width/2)
		}
		if last.Size() != FooterSize || fontOf(last.Spans[0]) != Regular {
			t.Errorf("page %d: footer in %v at %v, want regular at %v", i+1, fontOf(last.Spans[0]), last.Size(), FooterSize)
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
	if want := (200 + perPage - 1) / perPage; len(p.Pages) != want || want != 4 {
		t.Fatalf("pages = %d, want %d (%d lines a page)", len(p.Pages), want, perPage)
	}
	got := body(p)
	if len(got) != 200 {
		t.Fatalf("%d lines written, want 200", len(got))
	}
	for i, l := range got {
		if l.String() != lines[i] || l.X() != Margin {
			t.Fatalf("line %d = %q at x %v, want %q at %v", i, l.String(), l.X(), lines[i], Margin)
		}
	}
	if first := p.Pages[1][0]; first.String() != fmt.Sprintf("Linje %d", perPage+1) {
		t.Errorf("page 2 starts with %q", first.String())
	}
	if step := p.Pages[0][0].Y - p.Pages[0][1].Y; math.Abs(step-BodySize*leading) > 0.011 {
		t.Errorf("lines are %.2f apart, want %.2f", step, BodySize*leading)
	}
}

func TestWrappedLinesFitAndAreFull(t *testing.T) {
	text := strings.Repeat("Stafettholderen koordinerer samarbeidet med barnehagen, helsestasjonen og PP-tjenesten – «tett og godt». Vi er i en god dialog, så vi ser at det går bra i år. ", 8)
	text = strings.TrimSpace(text)
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
		if l.X() != Margin || l.Right() > right+1e-6 {
			t.Errorf("line %d starts at %v and ends at %.2f, past the margin at %v: %q", i, l.X(), l.Right(), right, l)
		}
		// Greedy: the next line's first word would not have fitted on this one.
		if i+1 < len(lines) && lines[i+1].Size() == l.Size() && lines[i+1].Y < l.Y {
			next := strings.SplitN(lines[i+1].String(), " ", 2)[0]
			first := lines[i+1].Spans[0]
			paragraph := strings.HasPrefix(next, "Beslutninger:") || strings.HasPrefix(long, next)
			if w := l.Right() + first.Font.Width(" "+next, l.Size()); w <= right && !paragraph {
				t.Errorf("line %d (%q) had room for %q (to %.1f of %.1f)", i, l, next, w, right)
			}
		}
		joined = append(joined, strings.TrimRight(l.String(), " "))
	}
	if all := strings.Join(joined, " "); !strings.Contains(all, text) {
		t.Error("the wrapped text does not read back as written")
	}
	if fontOf(lines[0].Spans[0]) != Regular || lines[0].Size() != BodySize {
		t.Error("Text is not in the regular font at the body size")
	}
	i := indexOf(joined, "Beslutninger:")
	if i < 0 {
		t.Fatal("the field's label is not at the start of a line")
	}
	if field := lines[i]; len(field.Spans) < 2 || fontOf(field.Spans[0]) != Bold || field.Spans[0].Text != "Beslutninger:" || fontOf(field.Spans[1]) != Regular {
		t.Errorf("field line is %+v, want a bold label and a regular value", field.Spans)
	}
	if !strings.Contains(strings.Join(joined, ""), long) {
		t.Error("a word longer than a line was not kept whole across its lines")
	}
	if h := lines[len(lines)-1]; fontOf(h.Spans[0]) != Bold || h.Size() != HeadingSize {
		t.Errorf("heading in %v at %v, want bold at %v", fontOf(h.Spans[0]), h.Size(), HeadingSize)
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

// sami is every Sámi letter beyond the Norwegian alphabet, both cases, with æøå.
const sami = "Áá Čč Đđ Ŋŋ Šš Ŧŧ Žž Ææ Øø Åå"

// The Sámi letters print as themselves: the text shows their own Unicode values (no
// base letters), in Unicode fonts (Type0, Identity-H) whose embedded TrueType file has
// a glyph for each of them, with its own width.
func TestSamiLetters(t *testing.T) {
	d := New(A4)
	d.Heading("Sámi: " + sami)
	d.Text("Čáhppes Đoná, Ŋunni Ŧuoŋas, Šuhpet Žeaggi – æøå ÆØÅ")
	d.Field("Čálli", "Ánde Ŋ.")
	b, p := write(t, d)
	want := []string{"Sámi: " + sami, "Čáhppes Đoná, Ŋunni Ŧuoŋas, Šuhpet Žeaggi – æøå ÆØÅ", "Čálli: Ánde Ŋ."}
	lines := body(p)
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		if l.String() != want[i] {
			t.Errorf("line %d reads %q, want %q", i, l.String(), want[i])
		}
	}
	if bytes.Contains(b, []byte("WinAnsiEncoding")) || bytes.Contains(b, []byte("/Helvetica")) {
		t.Error("the file still uses a standard font")
	}
	runes := map[*pdftest.Font]string{}
	for _, l := range lines {
		for _, s := range l.Spans {
			runes[s.Font] += s.Text
		}
	}
	used := map[bool]bool{} // by Bold
	for name, f := range p.Fonts {
		used[f.Bold] = true
		if len(f.File) < 1000 || binary.BigEndian.Uint32(f.File) != 0x00010000 {
			t.Errorf("font %s: the embedded file (%d bytes) is no TrueType font", name, len(f.File))
		}
		if len(f.File) > 100_000 {
			t.Errorf("font %s: the embedded file has %d bytes; it is not a subset", name, len(f.File))
		}
		if !strings.ContainsAny(runes[f], "ČĐŊŠŦŽ") {
			t.Errorf("font %s shows none of the Sámi capitals: %q", name, runes[f])
		}
		for _, r := range runes[f] {
			if !f.Glyph(r) {
				t.Errorf("font %s: %q maps to no glyph", name, r)
			}
			if f.Widths[r] == 0 {
				t.Errorf("font %s: %q has no width of its own", name, r)
			}
		}
	}
	if !used[false] || !used[true] || len(p.Fonts) != 2 {
		t.Errorf("fonts %v, want one regular and one bold", p.Fonts)
	}

	// An extra check with a real PDF reader, where Debian's poppler-utils is installed.
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed; skipping the check with poppler")
		return
	}
	file := filepath.Join(t.TempDir(), "sami.pdf")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, w := range want {
		if !strings.Contains(string(out), w) {
			t.Errorf("pdftotext reads %q, which lacks %q", out, w)
		}
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{sami, sami},
		{"«sitat» – og — € ‰ −", "«sitat» – og — € ‰ −"},
		{"a\u030a A\u030a e\u0301", "å Å é"}, // decomposed
		{"x\u030a \u0301x", "x x"},           // a combining mark with no letter to join is dropped
		{"Łukasz Wiśniewski, Jiří, Ğül, Ĳsbrand", "Łukasz Wiśniewski, Jiří, Ğül, Ĳsbrand"},
		{"Nguyễn Thị Ánh, Ștefan Țurcanu", "Nguyễn Thị Ánh, Ștefan Țurcanu"},
		{"Ελένη Олег", "Ελένη Олег"},
		{"日本 🙂\x01\x7f\u0085", "?? ????"}, // other scripts, emoji and control characters
		{"del\u00adbar\tord\u200b", "delbar ord"},
		{"bad \xff\xfe utf-8", "bad \uFFFD utf-8"},
		{"Nivå 0 → 1 ⇒ 2 ← 3", "Nivå 0 -> 1 => 2 <- 3"}, // arrows the fonts lack
	} {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWidths(t *testing.T) {
	d := New(A4)
	d.Text("Hei æøå Ŋ")
	d.Heading("Hei æøå Ŋ")
	_, p := write(t, d)
	for _, l := range body(p) {
		s := l.Spans[0]
		if got, want := Width(fontOf(s), s.Text, s.Size), s.Font.Width(s.Text, s.Size); math.Abs(got-want) > 1e-9 || got < s.Size {
			t.Errorf("Width(%v, %q, %v) = %v; the PDF's widths give %v", fontOf(s), s.Text, s.Size, got, want)
		}
	}
	if r, b := Width(Regular, "Hei", 10), Width(Bold, "Hei", 10); r <= 0 || b <= r {
		t.Errorf("Width of Hei: regular %v, bold %v; want bold wider", r, b)
	}
	if got, want := Width(Regular, "😀", 10), Width(Regular, "?", 10); got != want || got == 0 {
		t.Errorf("Width of an emoji = %v, want that of '?', %v", got, want)
	}
}

func TestEscaping(t *testing.T) {
	d := New(A4)
	d.Text(`Sa (til seg selv): C:\mappe\fil )( slutt`)
	_, p := write(t, d)
	if got := body(p)[0].String(); got != `Sa (til seg selv): C:\mappe\fil )( slutt` {
		t.Errorf("text reads back as %q", got)
	}
}

func TestTitleDateAndEmptyDocument(t *testing.T) {
	d := New(A4)
	d.SetTitle("Stafettlogg for Åse Ŋ (1) \\ 🙂")
	d.SetFooter(footer)
	d.SetCreated(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	b, p := write(t, d)
	if p.Title != "Stafettlogg for Åse Ŋ (1) \\ 🙂" {
		t.Errorf("title = %q", p.Title)
	}
	if !bytes.Contains(b, []byte("/CreationDate (D:20260304050607)")) {
		t.Error("the creation date is not the one set")
	}
	if len(p.Pages) != 1 || len(p.Pages[0]) != 1 || p.Pages[0][0].String() != "side 1 av 1" {
		t.Errorf("an empty document has pages %+v, want one with its footer", p.Pages)
	}
	var again bytes.Buffer
	if _, err := d.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), b) {
		t.Errorf("a second WriteTo wrote %d other bytes (%v)", again.Len(), err)
	}
}

func TestHeadingKeptWithText(t *testing.T) {
	d := New(A4)
	d.Text(strings.Repeat("linje\n", 49)) // 50 lines: room for the heading, not for it and three lines
	d.Heading("Tiltak")
	d.Text("Første tiltak")
	_, p := write(t, d)
	if len(p.Pages) != 2 || p.Pages[1][0].String() != "Tiltak" || p.Pages[1][1].String() != "Første tiltak" {
		t.Errorf("the heading was left at the foot of page 1: %d pages", len(p.Pages))
	}
}

func TestRule(t *testing.T) {
	d := New(A4)
	d.Text("over")
	d.Rule()
	d.Text("under")
	_, p := write(t, d)
	lines := body(p)
	if len(lines) != 2 || lines[0].Y-lines[1].Y != math.Round((BodySize*leading+BodySize)*100)/100 {
		t.Fatalf("lines %+v, want two a line and a rule apart", lines)
	}
	content := string(p.Objects[4].Stream)
	if !strings.Contains(content, fmt.Sprintf("%.2f %.2f m %.2f %.2f l S", Margin, A4.Height-Margin-BodySize*leading-BodySize/2, A4.Width-Margin, A4.Height-Margin-BodySize*leading-BodySize/2)) {
		t.Errorf("no rule across the page between the lines in %q", content)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "æøå ÆØÅ é «» – —", `a (b) \c`, "\n\n\r\n", strings.Repeat("x", 500),
		"Ola\u030a \u00ad\t😀", strings.Repeat("ord ", 400), "((((", `\`, "BT ET endstream endobj %%EOF",
		sami, "\xff\xfe\x00", "\r\u2028\u0085"} {
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
		if len(p.Pages) != d.Pages() {
			t.Errorf("%d pages written, Pages() = %d", len(p.Pages), d.Pages())
		}
		for _, l := range body(p) {
			if l.Right() > A4.Width-Margin+1e-6 {
				t.Errorf("line %q ends at %.2f", l, l.Right())
			}
		}
	})
}
