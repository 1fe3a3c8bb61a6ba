package web

import "net/http"

// routes lists the whole surface of the app. Every API route is wrapped either by
// s.public (no sign-in) or s.authed (signed-in principal required): deny by default.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", s.public(s.handleHealthz))
	mux.Handle("GET /metrics", s.metrics.handler())

	mux.Handle("POST /api/v1/session", s.public(s.handleSessionCreate))
	mux.Handle("DELETE /api/v1/session", s.authed(s.handleSessionDelete))
	mux.Handle("GET /api/v1/me", s.authed(s.handleMeShow))

	mux.Handle("GET /api/v1/municipalities", s.authed(s.handleMunicipalityList))
	mux.Handle("POST /api/v1/municipalities", s.authed(s.handleMunicipalityCreate))
	mux.Handle("GET /api/v1/municipalities/{mid}", s.authed(s.handleMunicipalityShow))
	mux.Handle("GET /api/v1/municipalities/{mid}/units", s.authed(s.handleUnitList))
	mux.Handle("POST /api/v1/municipalities/{mid}/units", s.authed(s.handleUnitCreate))
	mux.Handle("GET /api/v1/municipalities/{mid}/users", s.authed(s.handleUserList))

	mux.Handle("POST /api/v1/users", s.authed(s.handleUserCreate))
	mux.Handle("GET /api/v1/users/{uid}", s.authed(s.handleUserShow))
	mux.Handle("POST /api/v1/users/{uid}/roles", s.authed(s.handleRoleCreate))
	mux.Handle("DELETE /api/v1/users/{uid}/roles", s.authed(s.handleRoleDelete))
	mux.Handle("POST /api/v1/users/{uid}/deactivate", s.authed(s.handleUserDeactivate))
	mux.Handle("POST /api/v1/users/{uid}/activate", s.authed(s.handleUserActivate))

	mux.Handle("GET /api/v1/logs", s.authed(s.handleLogList))
	mux.Handle("POST /api/v1/logs", s.authed(s.handleLogCreate))
	mux.Handle("GET /api/v1/logs/{id}", s.authed(s.handleLogShow))
	mux.Handle("GET /api/v1/logs/{id}/access-log", s.authed(s.handleAccessLog))
	mux.Handle("GET /api/v1/logs/{id}/export", s.authed(s.handleLogExport))
	mux.Handle("POST /api/v1/logs/{id}/level", s.authed(s.handleLevelChange))
	mux.Handle("POST /api/v1/logs/{id}/undring-decision", s.authed(s.handleUndringDecision))
	mux.Handle("POST /api/v1/logs/{id}/close", s.authed(s.handleLogClose))
	mux.Handle("POST /api/v1/logs/{id}/guardians", s.authed(s.handleGuardianLink))
	mux.Handle("POST /api/v1/logs/{id}/guardians/{uid}/suspend", s.authed(s.handleGuardianSuspend))
	mux.Handle("POST /api/v1/logs/{id}/youth", s.authed(s.handleYouthLink))
	mux.Handle("POST /api/v1/logs/{id}/consents", s.authed(s.handleConsentCreate))
	mux.Handle("POST /api/v1/logs/{id}/consents/{cid}/withdraw", s.authed(s.handleConsentWithdraw))
	mux.Handle("GET /api/v1/logs/{id}/consents/{cid}/file", s.authed(s.handleConsentFile))
	mux.Handle("POST /api/v1/logs/{id}/participants", s.authed(s.handleParticipantAdd))
	mux.Handle("DELETE /api/v1/logs/{id}/participants/{uid}", s.authed(s.handleParticipantRemove))
	mux.Handle("POST /api/v1/logs/{id}/entries", s.authed(s.handleEntryCreate))
	mux.Handle("POST /api/v1/logs/{id}/entries/{eid}/amend", s.authed(s.handleEntryAmend))
	mux.Handle("POST /api/v1/logs/{id}/transfers", s.authed(s.handleTransferPropose))
	mux.Handle("GET /api/v1/transfers", s.authed(s.handleTransferList))
	mux.Handle("POST /api/v1/transfers/{tid}/accept", s.authed(s.handleTransferAccept))
	mux.Handle("POST /api/v1/transfers/{tid}/decline", s.authed(s.handleTransferDecline))

	mux.Handle("/api/", s.public(s.handleAPINotFound))

	mux.Handle("GET "+s.static.prefix+"/", s.static.handler)
	mux.Handle("GET /innlogging", s.publicPage(s.handleSignInShow))
	mux.Handle("POST /innlogging", s.publicPage(s.handleSignIn))
	mux.Handle("POST /utlogging", s.publicPage(s.handleSignOut))
	mux.Handle("POST /sprak", s.publicPage(s.handleLanguage))
	mux.Handle("GET /{$}", s.page(s.handleOverview))
	mux.Handle("/", s.publicPage(s.handlePageNotFound))
	return mux
}
