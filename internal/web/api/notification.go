package api

import (
	"net/http"
	"time"

	"stafett/internal/notify"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

type notificationJSON struct {
	ID        string      `json:"id"`
	Kind      notify.Kind `json:"kind"`
	LogID     string      `json:"log_id,omitempty"`
	CreatedAt time.Time   `json:"created_at"`
	ReadAt    *time.Time  `json:"read_at"`
	Text      string      `json:"text"`
}

// HandleNotificationList returns the signed-in person's notifications, newest first,
// each with its sentence in their language.
func (s *Server) HandleNotificationList(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	items, err := s.DB.ListNotifications(r.Context(), app.ActorOf(p))
	if err != nil {
		return err
	}
	out := make([]notificationJSON, 0, len(items))
	for _, it := range items {
		out = append(out, notificationJSON{ID: it.ID, Kind: it.Kind, LogID: it.LogID, CreatedAt: it.CreatedAt,
			ReadAt: it.ReadAt, Text: notify.Text(p.User.Language, it)})
	}
	app.WriteJSON(w, http.StatusOK, struct {
		Notifications []notificationJSON `json:"notifications"`
	}{out})
	return nil
}

// HandleNotificationRead marks one of the person's notifications read.
func (s *Server) HandleNotificationRead(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.MarkNotificationRead(r.Context(), app.ActorOf(p), r.PathValue("id")); err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, struct {
		ID string `json:"id"`
	}{r.PathValue("id")})
	return nil
}

type notifyPrefsJSON struct {
	NotifyEmail  *bool         `json:"notify_email"`
	NotifyDigest notify.Digest `json:"notify_digest"`
}
