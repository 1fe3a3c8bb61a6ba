package pdf

import "strings"

// winAnsiHigh maps the characters WinAnsiEncoding places at 0x80–0x9F (where Latin-1
// has control codes) to their bytes. From 0xA0 to 0xFF WinAnsi is Latin-1, and below
// 0x80 it is ASCII.
var winAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// substitutes stand in for a few characters WinAnsi lacks but Stafett's own texts
// use, such as the arrow in "Nivå 0 → 1", so they do not print as '?', and for the
// ligatures of Latin Extended-A that latinExtABase cannot give one letter for.
var substitutes = map[rune]string{
	'→': "->", '←': "<-", '⇒': "=>", '−': "-", '‐': "-", '‑': "-", '\u2009': " ", '\u202F': "\u00A0",
	'Ĳ': "IJ", 'ĳ': "ij", 'ŉ': "'n",
}

// latinExtABase is the base letter of each letter of Latin Extended-A (U+0100 to
// U+017F), indexed from U+0100: the Sámi Č, Đ, Ŋ and Ŧ, and the letters of Polish,
// Lithuanian, Czech or Turkish names, which WinAnsi lacks, print as C, D, N, T, L, S
// and so on rather than as '?'. '?' marks the ones WinAnsi has (Œ, Š, Ÿ, Ž and their
// small letters) or substitutes replaces.
const latinExtABase = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNn?NnOoOoOo??RrRrRrSsSsSs??TtTtTtUuUuUuUuUuUuWwYy?ZzZz??s"

// composed lists, per combining mark, the letters it can follow and the precomposed
// letters they make, so text typed or pasted in decomposed form (as macOS may send
// "å") prints as the letter it is.
var composed = map[rune][2]string{
	0x300: {"AEIOUaeiou", "ÀÈÌÒÙàèìòù"},
	0x301: {"AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"},
	0x302: {"AEIOUaeiou", "ÂÊÎÔÛâêîôû"},
	0x303: {"ANOano", "ÃÑÕãñõ"},
	0x308: {"AEIOUaeiouyY", "ÄËÏÖÜäëïöüÿŸ"},
	0x30A: {"Aa", "Åå"},
	0x30C: {"SsZz", "ŠšŽž"},
	0x327: {"Cc", "Çç"},
}

// Encode returns s in WinAnsiEncoding, the encoding the document's fonts use. A tab
// becomes a space, a soft hyphen is dropped, arrows, minus signs and thin spaces get
// their plain stand-ins, a letter of Latin Extended-A WinAnsi lacks its base letter
// (Č as C), a combining accent that makes no WinAnsi letter is dropped, and every
// other character WinAnsi lacks (control characters, most of Unicode) becomes '?'.
// Line breaks are not expected: the layout splits text into lines before encoding it.
func Encode(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if c, ok := composed[r]; ok && len(out) > 0 {
			if i := strings.IndexByte(c[0], out[len(out)-1]); i >= 0 {
				out[len(out)-1] = encodeRune([]rune(c[1])[i])
				continue
			}
		}
		if r == '\u00AD' || r >= 0x300 && r <= 0x36F && len(out) > 0 {
			continue
		}
		if sub, ok := substitutes[r]; ok {
			out = append(out, Encode(sub)...)
			continue
		}
		out = append(out, encodeRune(r))
	}
	return out
}

func encodeRune(r rune) byte {
	switch {
	case r == '\t':
		return ' '
	case r >= 0x20 && r < 0x7F, r >= 0xA0 && r <= 0xFF:
		return byte(r)
	}
	if b, ok := winAnsiHigh[r]; ok {
		return b
	}
	if r >= 0x100 && r < 0x180 {
		return latinExtABase[r-0x100]
	}
	return '?'
}

// Width returns how wide text is, in points, set in font at size.
func Width(font Font, text string, size float64) float64 {
	return float64(units(font, Encode(text))) * size / 1000
}

// units is the width of WinAnsi text in thousandths of the font size.
func units(font Font, text []byte) int {
	table := &helvetica
	if font == Bold {
		table = &helveticaBold
	}
	n := 0
	for _, b := range text {
		if b >= 32 {
			n += int(table[b-32])
		}
	}
	return n
}
