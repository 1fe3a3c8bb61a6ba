package ui

import (
	"net/http"

	"stafett/internal/notify"
	"stafett/internal/people"
	"stafett/internal/web/app"
)

// notificationsPage is /varsler: the person's notifications and their e-mail choices.
type notificationsPage struct {
	layout
	Items  []notificationLine
	Email  bool
	Digest notify.Digest
}

// notificationLine is one notification as the page shows it.
type notificationLine struct {
	ID, Text, Href, When string
	Unread               bool
}

// HandleNotificationsPage shows the person's notifications, newest first.
func (s *Server) HandleNotificationsPage(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	items, err := s.DB.ListNotifications(r.Context(), app.ActorOf(p))
	if err != nil {
		return err
	}
	prefs, err := s.DB.GetNotifyPrefs(r.Context(), p.User.ID)
	if err != nil {
		return err
	}
	m := &notificationsPage{layout: s.layoutFor(r, "notifications.title"), Email: prefs.Email, Digest: prefs.Digest}
	for _, it := range items {
		m.Items = append(m.Items, notificationLine{ID: it.ID, Text: notify.Text(string(m.Lang), it), Href: notify.Path(it),
			When: m.DateTime(it.CreatedAt), Unread: it.ReadAt == nil})
	}
	return s.show(w, r, http.StatusOK, notificationsView(m))
}

// HandleNotificationReadForm marks one notification read and goes back to the list.
func (s *Server) HandleNotificationReadForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := s.DB.MarkNotificationRead(r.Context(), app.ActorOf(p), r.PathValue("id")); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/varsler", "notification_read")
	return nil
}

// HandleNotifySettingsForm saves the person's e-mail choices.
func (s *Server) HandleNotifySettingsForm(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	if err := r.ParseForm(); err != nil {
		return app.BodyError(err)
	}
	email := r.PostForm.Get("notify_email") == "true"
	digest := notify.Digest(r.PostForm.Get("notify_digest"))
	if digest == "" {
		digest = notify.Immediate
	}
	if err := s.DB.SetNotifyPrefs(r.Context(), p.User.ID, &email, digest); err != nil {
		return err
	}
	s.RedirectWithFlash(w, r, "/varsler", "notify_saved")
	return nil
}
