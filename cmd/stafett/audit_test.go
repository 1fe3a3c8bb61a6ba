package main

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"

	"stafett/internal/store/storetest"
)

// TestAuditVerifyDetectsTampering makes audit records through the API, verifies the
// chain, changes one stored record and checks that verify fails naming it.
func TestAuditVerifyDetectsTampering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		env := map[string]string{"STAFETT_DATABASE": dsn}
		getenv := func(k string) string { return env[k] }
		ctx := context.Background()
		base, _ := start(t, env, "serve", "--demo")
		res, m := postJSON(t, base+"/api/v1/session", map[string]string{"email": "ole.berg@fjordvik.example", "password": "stafett-demo"})
		if res.StatusCode != 200 {
			t.Fatalf("sign in: %d", res.StatusCode)
		}
		tok := tokenOf(t, m)
		_, me := getJSON(t, base+"/api/v1/me", tok)
		unit := firstUnit(t, me)
		for range 3 {
			req := map[string]any{"unit_id": unit, "child": map[string]any{"initials": "AB", "birth_date": "2020-01-01"}, "concern": "Bekymret"}
			if res, body := postJSONAuth(t, base+"/api/v1/logs", tok, req); res.StatusCode != 201 {
				t.Fatalf("create log: %d %v", res.StatusCode, body)
			}
		}
		var out bytes.Buffer
		if err := run(ctx, []string{"audit", "verify"}, getenv, nil, &out); err != nil {
			t.Fatalf("verify before tampering: %v", err)
		}
		if !strings.Contains(out.String(), "audit chain intact") {
			t.Errorf("output = %q", out.String())
		}
		raw, err := sql.Open(driverFor(dsn), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		q := `UPDATE audit SET actor_id = 'someone-else' WHERE seq = 2`
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
		err = run(ctx, []string{"audit", "verify"}, getenv, nil, &out)
		if err == nil || !strings.Contains(err.Error(), "broken at record 2") {
			t.Errorf("verify after tampering with record 2: %v", err)
		}
	})
}

func driverFor(dsn string) string {
	if strings.HasPrefix(dsn, "postgres") {
		return "pgx"
	}
	return "sqlite"
}
