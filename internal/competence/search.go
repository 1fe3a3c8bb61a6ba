package competence

import (
	"slices"
	"strings"
	"unicode"
)

// Search by need matches the words of a query against the words of an area's name and
// description, ignoring case in every letter (Æ, Ø and Å too), accents on other letters
// and the order of the words: every word of the query must begin a word of the area.

// MaxQueryLen bounds the text of a search.
const MaxQueryLen = 200

// Tokens returns the folded words of s, each once, sorted: lower case, accents other
// than the Norwegian letters removed (é → e, ü → u), split at anything that is not a
// letter or digit.
func Tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = fold(w)
		if w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// fold lower-cases w and strips the accents that are not letters of their own in
// Norwegian.
func fold(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if m, ok := plain[r]; ok {
			r = m
		}
		b.WriteRune(r)
	}
	return b.String()
}

// plain maps accented letters to their base letter; æ, ø and å stay.
var plain = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'ø', 'õ': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ñ': 'n', 'š': 's', 'ž': 'z', 'č': 'c',
}

// Matches reports whether every word of query begins one of the words of searchText
// (as SearchText makes it). An empty query matches nothing.
func Matches(searchText string, query []string) bool {
	if len(query) == 0 {
		return false
	}
	words := strings.Fields(searchText)
	for _, q := range query {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}
