package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// client speaks Stafett's API (API.md) to the server that runs now.
type client struct {
	http *http.Client
	srv  *server
}

func newClient(srv *server, conns int) *client {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: 30 * time.Second}
	return &client{http: &http.Client{Transport: tr, Timeout: 60 * time.Second}, srv: srv}
}

// answerError is an answer other than the one expected.
type answerError struct {
	method, path string
	status       int
	code         string
}

func (e *answerError) Error() string {
	return fmt.Sprintf("%s %s answered %d %s", e.method, e.path, e.status, e.code)
}

// answered reports whether err is an answer from the server (not a cut connection).
func answered(err error) bool {
	var ae *answerError
	return errors.As(err, &ae)
}

func statusOf(err error) int {
	var ae *answerError
	if errors.As(err, &ae) {
		return ae.status
	}
	return 0
}

// do sends one request and decodes the answer into out when its status is want. The
// whole body is read: an answer cut by the kill is an error, not an answer.
func (c *client) do(ctx context.Context, method, path, token string, in any, want int, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.srv.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		var e struct {
			Error struct{ Code string } `json:"error"`
		}
		json.Unmarshal(b, &e)
		return &answerError{method: method, path: path, status: resp.StatusCode, code: e.Error.Code}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	return nil
}

// signIn signs in with a password and returns the bearer token and the user's ID.
func (c *client) signIn(ctx context.Context, email, password string) (token, id string, err error) {
	var out struct {
		Token string `json:"token"`
		User  struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	err = c.do(ctx, "POST", "/api/v1/session", "", map[string]string{"email": email, "password": password}, http.StatusOK, &out)
	return out.Token, out.User.ID, err
}

// unitOf returns the unit of the signed-in user's first employee or leader role.
func (c *client) unitOf(ctx context.Context, token string) (string, error) {
	var out struct {
		Roles []struct {
			Role   string  `json:"role"`
			UnitID *string `json:"unit_id"`
		} `json:"roles"`
	}
	if err := c.do(ctx, "GET", "/api/v1/me", token, nil, http.StatusOK, &out); err != nil {
		return "", err
	}
	for _, r := range out.Roles {
		if r.UnitID != nil && (r.Role == "employee" || r.Role == "unit_leader") {
			return *r.UnitID, nil
		}
	}
	return "", errors.New("the account has no unit")
}

type idJSON struct {
	ID string `json:"id"`
}

// createLog opens an undring in unit and returns its ID.
func (c *client) createLog(ctx context.Context, token, unit, concern string) (string, error) {
	in := map[string]any{
		"unit_id": unit,
		"child":   map[string]string{"initials": "KT", "birth_date": "2016-05-17"},
		"concern": concern,
	}
	var out idJSON
	err := c.do(ctx, "POST", "/api/v1/logs", token, in, http.StatusCreated, &out)
	return out.ID, err
}

// addNote adds a note to log and returns the entry's ID.
func (c *client) addNote(ctx context.Context, token, log, text string) (string, error) {
	var out idJSON
	err := c.do(ctx, "POST", "/api/v1/logs/"+log+"/entries", token, map[string]string{"kind": "note", "text": text}, http.StatusCreated, &out)
	return out.ID, err
}

// readLog reads log (an audited read), the newest page only.
func (c *client) readLog(ctx context.Context, token, log string) error {
	return c.do(ctx, "GET", "/api/v1/logs/"+log, token, nil, http.StatusOK, nil)
}

// entryIDs reads the whole log, following entries_next when the timeline is paged.
func (c *client) entryIDs(ctx context.Context, token, log string) (map[string]bool, error) {
	ids := map[string]bool{}
	path, seen := "/api/v1/logs/"+log, map[string]bool{}
	for path != "" {
		if seen[path] || len(seen) > 100000 {
			return nil, fmt.Errorf("log %s: entries_next goes round (%s)", log, path)
		}
		seen[path] = true
		var page struct {
			Entries []idJSON `json:"entries"`
			Next    string   `json:"entries_next"`
		}
		if err := c.do(ctx, "GET", path, token, nil, http.StatusOK, &page); err != nil {
			return nil, err
		}
		for _, e := range page.Entries {
			ids[e.ID] = true
		}
		path = page.Next
	}
	return ids, nil
}

// accessEvent is one record of a log's access log.
type accessEvent struct {
	At    time.Time `json:"at"`
	Actor idJSON    `json:"actor"`
	Act   string    `json:"action"`
}

// accessLog returns log's access log.
func (c *client) accessLog(ctx context.Context, token, log string) ([]accessEvent, error) {
	var out struct {
		Events []accessEvent `json:"events"`
	}
	err := c.do(ctx, "GET", "/api/v1/logs/"+log+"/access-log", token, nil, http.StatusOK, &out)
	return out.Events, err
}
