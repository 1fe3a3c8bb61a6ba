// Package i18n holds Stafett's UI text in bokmål (the default), nynorsk and English,
// and formats dates and times the Norwegian way in Europe/Oslo.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Lang is a UI language.
type Lang string

// The UI languages; Bokmal is the default.
const (
	Bokmal  Lang = "nb"
	Nynorsk Lang = "nn"
	English Lang = "en"
)

// Langs lists the UI languages in the order they are offered.
func Langs() []Lang { return []Lang{Bokmal, Nynorsk, English} }

// Parse returns the language s names, accepting "no" as bokmål.
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nb", "no", "nob":
		return Bokmal, true
	case "nn", "nno":
		return Nynorsk, true
	case "en", "eng":
		return English, true
	}
	return "", false
}

// Negotiate picks the language for an Accept-Language header: the first listed
// language Stafett has (by quality), else bokmål.
func Negotiate(acceptLanguage string) Lang {
	type choice struct {
		lang Lang
		q    float64
	}
	var best *choice
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(tag, "-")
		l, ok := Parse(base)
		if !ok {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
				continue
			}
		}
		if q > 0 && (best == nil || q > best.q) {
			best = &choice{l, q}
		}
	}
	if best == nil {
		return Bokmal
	}
	return best.lang
}

//go:embed catalog/*.json
var catalogFS embed.FS

// Catalog is the UI text of every language, by key.
type Catalog struct {
	msgs map[Lang]map[string]string
	loc  *time.Location
}

// Load reads the embedded catalogs. Every language must have exactly the keys
// bokmål has, none empty, with the same placeholders.
func Load() (*Catalog, error) {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	c := &Catalog{msgs: map[Lang]map[string]string{}, loc: loc}
	for _, l := range Langs() {
		b, err := catalogFS.ReadFile("catalog/" + string(l) + ".json")
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", l, err)
		}
		c.msgs[l] = m
	}
	return c, c.check()
}

// check reports the first way a catalog differs from bokmål.
func (c *Catalog) check() error {
	base := c.msgs[Bokmal]
	for _, l := range Langs() {
		m := c.msgs[l]
		for k, v := range base {
			tv, ok := m[k]
			switch {
			case !ok:
				return fmt.Errorf("i18n: %s lacks %q", l, k)
			case strings.TrimSpace(tv) == "":
				return fmt.Errorf("i18n: %s has an empty %q", l, k)
			case !slices.Equal(verbs(v), verbs(tv)):
				return fmt.Errorf("i18n: %s %q has placeholders %v, bokmål %v", l, k, verbs(tv), verbs(v))
			}
		}
		for k := range m {
			if _, ok := base[k]; !ok {
				return fmt.Errorf("i18n: %s has %q, which bokmål lacks", l, k)
			}
		}
	}
	return nil
}

// verbs lists the fmt verbs in s, in order.
func verbs(s string) []string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			if s[i+1] != '%' {
				out = append(out, s[i:i+2])
			}
			i++
		}
	}
	return out
}

// Keys returns every message key.
func (c *Catalog) Keys() []string {
	var keys []string
	for k := range c.msgs[Bokmal] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Has reports whether key is in the catalog.
func (c *Catalog) Has(key string) bool { _, ok := c.msgs[Bokmal][key]; return ok }

// Localizer is the catalog in one language.
func (c *Catalog) Localizer(l Lang) *Localizer {
	if _, ok := c.msgs[l]; !ok {
		l = Bokmal
	}
	return &Localizer{Lang: l, c: c}
}

// Localizer translates and formats for one language.
type Localizer struct {
	Lang Lang
	c    *Catalog
}

// Has reports whether the catalog has a text for key.
func (l *Localizer) Has(key string) bool { _, ok := l.c.msgs[l.Lang][key]; return ok }

// T returns the text for key, formatted with args. A missing key shows as itself,
// which the catalog tests catch before it reaches anyone.
func (l *Localizer) T(key string, args ...any) string {
	msg, ok := l.c.msgs[l.Lang][key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// N returns the text for a count: key+".one" when n is 1, else key+".other" (all three
// languages form plurals this way), formatted with n.
func (l *Localizer) N(key string, n int) string {
	if n == 1 {
		return l.T(key+".one", n)
	}
	return l.T(key+".other", n)
}

// Location is Europe/Oslo, where dates and times are shown and entered.
func (l *Localizer) Location() *time.Location { return l.c.loc }

// In returns t in Europe/Oslo.
func (l *Localizer) In(t time.Time) time.Time { return t.In(l.c.loc) }

// Date formats t as a day in Oslo: "23. november 2026" (English "23 November 2026").
func (l *Localizer) Date(t time.Time) string { return l.day(l.In(t)) }

// Day formats a calendar date "YYYY-MM-DD" like Date; other text is returned as is.
func (l *Localizer) Day(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return l.day(t)
}

func (l *Localizer) day(t time.Time) string {
	month := l.T(fmt.Sprintf("month.%d", t.Month()))
	if l.Lang == English {
		return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), month, t.Year())
}

// DateTime formats t with the time of day: "23. november 2026 kl. 09.30".
func (l *Localizer) DateTime(t time.Time) string {
	t = l.In(t)
	if l.Lang == English {
		return l.Date(t) + t.Format(", 15:04")
	}
	return l.Date(t) + " kl. " + t.Format("15.04")
}

// ShortDate formats t as "23.11.2026".
func (l *Localizer) ShortDate(t time.Time) string { return l.In(t).Format("02.01.2006") }
