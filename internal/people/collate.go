package people

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// norwegian is the collation of names: Unicode's (CLDR) rules for Norwegian. They
// sort Æ, Ø and Å after Z in that order, the double "aa" of older names (Aase,
// Haakon) as Å, Ä and Ö with Æ and Ø, and letters with other accents with their base
// letter (Čáhppes with C, Đoná with D); case counts only between otherwise equal
// names, lower case first.
//
// The tag is nynorsk's, whose rules are bokmål's: x/text (v0.43) has a table for
// "nb" that lacks the Norwegian rules and sorts as the root collation, with Å among
// the A's and Æ as AE (go.dev/issue/59908). TestSortNames fails if either changes.
var norwegian = language.Make("nn")

// collators holds collators for reuse: a collate.Collator keeps buffers and is not
// safe for concurrent use, and making one for every comparison of a sort is slow.
var collators = sync.Pool{New: func() any { return collate.New(norwegian) }}

func withCollator[T any](f func(c *collate.Collator) T) T {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return f(c)
}

// CompareNames compares two names of people, units or municipalities the Norwegian
// way (see norwegian), for slices.SortFunc: negative when a comes first.
func CompareNames(a, b string) int {
	return withCollator(func(c *collate.Collator) int { return c.CompareString(a, b) })
}

// SortNames sorts names the Norwegian way, in place.
func SortNames(names []string) {
	SortByName(names, func(s string) string { return s })
}

// SortByName sorts items by the name name gives for each, the Norwegian way, keeping
// the order of items whose names collate equal (as their IDs from the database).
func SortByName[T any](items []T, name func(T) string) {
	withCollator(func(c *collate.Collator) struct{} {
		slices.SortStableFunc(items, func(a, b T) int { return c.CompareString(name(a), name(b)) })
		return struct{}{}
	})
}

// NameKey returns a key for name whose byte order is the Norwegian order of names, for
// code that sorts by strings.Compare or keeps the key with the item.
func NameKey(name string) string {
	return withCollator(func(c *collate.Collator) string {
		var buf collate.Buffer
		return string(c.KeyFromString(&buf, name))
	})
}
