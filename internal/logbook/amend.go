package logbook

import (
	"time"

	"stafett/internal/fault"
)

// Amend returns the next version of entry old with the content of in, written by
// author at now. The kind of old is kept whatever in.Kind says; only user kinds can be
// amended (kind: not_allowed for system entries), and only by the author of the entry
// (forbidden otherwise), who must still be allowed to add that kind to the log (the
// access policy's add rule for the kind). The new version is validated like a new
// entry. old must be the latest version; the store answers a conflict otherwise, so
// history stays a line rather than a tree.
func Amend(old Entry, in NewEntry, author Author, now time.Time) (Entry, error) {
	if !old.Kind.IsUser() {
		return Entry{}, fault.Validation("kind", fault.FieldNotAllow)
	}
	if old.AuthorID != author.UserID {
		return Entry{}, fault.New(fault.Forbidden, "only the author may correct an entry")
	}
	in.Kind = old.Kind
	e, err := in.Build(old.LogID, author, now)
	if err != nil {
		return Entry{}, err
	}
	e.Version = old.Version + 1
	e.Amends = old.ID
	return e, nil
}
