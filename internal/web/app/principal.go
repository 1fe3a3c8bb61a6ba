package app

import (
	"context"
	"encoding/json"
	"net/http"
	"stafett/internal/access"
	"stafett/internal/people"
)

type PrincipalKey struct{}

func WithPrincipal(ctx context.Context, p *people.Principal) context.Context {
	return context.WithValue(ctx, PrincipalKey{}, p)
}

func PrincipalFrom(ctx context.Context) *people.Principal {
	p, _ := ctx.Value(PrincipalKey{}).(*people.Principal)
	return p
}

func ActorOf(p *people.Principal) access.Actor {
	return access.Actor{UserID: p.User.ID, Roles: p.Roles, SecondFactor: p.SecondFactor}
}

func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// PageFunc is an HTML handler for a signed-in person.
type PageFunc func(w http.ResponseWriter, r *http.Request, p *people.Principal) error
