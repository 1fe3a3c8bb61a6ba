package webtest

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"stafett/internal/logbook"
)

// Decode unmarshals r's body into a T and fails the test, showing the body, when it
// is not valid JSON for T. Tests read answers through it rather than through
// unchecked type assertions on r.JSON, which panic instead of failing.
func Decode[T any](t testing.TB, r *Response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("status %d: body is not a %T: %v\n%s", r.Status, v, err, r.Body)
	}
	return v
}

// The types below mirror the API's answers (docs API.md and internal/web/api).

// Ref is {"id","name"}: a person, unit or municipality named in an answer.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ID is an answer that is only, or mostly, {"id"}.
type ID struct {
	ID string `json:"id"`
}

// ErrorBody is every error answer: {"error":{"code","message","fields"}}.
type ErrorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// Session is the answer of POST /api/v1/session.
type Session struct {
	Token string `json:"token"`
	User  struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Email string `json:"email"`
	} `json:"user"`
}

// Me is the answer of GET /api/v1/me.
type Me struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Language string `json:"language"`
	Roles    []struct {
		Role           string  `json:"role"`
		MunicipalityID *string `json:"municipality_id"`
		UnitID         *string `json:"unit_id"`
	} `json:"roles"`
}

// Child is a log's child.
type Child struct {
	Name      string `json:"name"`
	Initials  string `json:"initials"`
	BirthDate string `json:"birth_date"`
}

// Participant is one of a log's participants (aktører).
type Participant struct {
	UserID   string `json:"user_id"`
	Name     string `json:"name"`
	UnitID   string `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Access   string `json:"access"`
	Active   bool   `json:"active"`
}

// Guardian is one of a log's guardians.
type Guardian struct {
	UserID                 string `json:"user_id"`
	Name                   string `json:"name"`
	ParentalResponsibility bool   `json:"parental_responsibility"`
	Suspended              bool   `json:"suspended"`
}

// Youth is the young person linked to a log.
type Youth struct {
	UserID    string `json:"user_id"`
	Name      string `json:"name"`
	Suspended bool   `json:"suspended"`
}

// Consent is one of a log's consents.
type Consent struct {
	ID            string     `json:"id"`
	GivenBy       string     `json:"given_by"`
	CoversUnitIDs []string   `json:"covers_unit_ids"`
	Source        string     `json:"source"`
	TextVersion   string     `json:"text_version"`
	GivenAt       time.Time  `json:"given_at"`
	ExpiresAt     *time.Time `json:"expires_at"`
	WithdrawnAt   *time.Time `json:"withdrawn_at"`
	Valid         bool       `json:"valid"`
}

// Entry is one entry of a log, or the answer of posting one.
type Entry struct {
	ID                  string         `json:"id"`
	LogID               string         `json:"log_id"`
	Kind                string         `json:"kind"`
	Author              Ref            `json:"author"`
	AuthorID            string         `json:"author_id"`
	AuthorRole          string         `json:"author_role"`
	CreatedAt           time.Time      `json:"created_at"`
	Text                string         `json:"text"`
	Version             int            `json:"version"`
	Amends              *string        `json:"amends"`
	FromGuardianOrYouth bool           `json:"from_guardian_or_youth"`
	Goal                string         `json:"goal"`
	ResponsibleUserID   string         `json:"responsible_user_id"`
	StartDate           string         `json:"start_date"`
	EvaluateBy          string         `json:"evaluate_by"`
	CatalogServiceID    string         `json:"catalog_service_id"`
	CatalogService      *Ref           `json:"catalog_service"`
	MeasureID           string         `json:"measure_id"`
	Outcome             string         `json:"outcome"`
	HeldAt              time.Time      `json:"held_at"`
	Attendees           []string       `json:"attendees"`
	Decisions           string         `json:"decisions"`
	Event               *logbook.Event `json:"event"`
}

// Step is one step of the action guide's checklist in a log.
type Step struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Who          string     `json:"who"`
	Done         bool       `json:"done"`
	Due          *string    `json:"due"`
	DeadlineDays *int       `json:"deadline_days"`
	Overdue      bool       `json:"overdue"`
	DoneAt       *time.Time `json:"done_at"`
	EntryID      *string    `json:"entry_id"`
}

// Log is the answer of GET /api/v1/logs/{id} (and of the writes that return the log).
type Log struct {
	ID              string            `json:"id"`
	Status          string            `json:"status"`
	Level           int               `json:"level"`
	Child           Child             `json:"child"`
	MunicipalityID  string            `json:"municipality_id"`
	Holder          Ref               `json:"holder"`
	Unit            Ref               `json:"unit"`
	CreatedAt       time.Time         `json:"created_at"`
	UndringDeadline *time.Time        `json:"undring_deadline"`
	UndringOutcome  string            `json:"undring_outcome"`
	LevelEnteredAt  time.Time         `json:"level_entered_at"`
	ClosedAt        *time.Time        `json:"closed_at"`
	ClosureReason   string            `json:"closure_reason"`
	Participants    []Participant     `json:"participants"`
	Guardians       []Guardian        `json:"guardians"`
	Youth           *Youth            `json:"youth"`
	Consents        []Consent         `json:"consents"`
	Entries         []Entry           `json:"entries"`
	EntriesTotal    int               `json:"entries_total"`
	EntriesNext     *string           `json:"entries_next"`
	PendingTransfer *logbook.Transfer `json:"pending_transfer"`
	Steps           []Step            `json:"steps"`
}

// Guardian returns the guardian uid of l, or nil.
func (l Log) Guardian(uid string) *Guardian {
	for i := range l.Guardians {
		if l.Guardians[i].UserID == uid {
			return &l.Guardians[i]
		}
	}
	return nil
}

// LogSummary is one log in GET /api/v1/logs.
type LogSummary struct {
	ID              string     `json:"id"`
	Child           Child      `json:"child"`
	Level           int        `json:"level"`
	Status          string     `json:"status"`
	Holder          Ref        `json:"holder"`
	Unit            Ref        `json:"unit"`
	CreatedAt       time.Time  `json:"created_at"`
	UndringDeadline *time.Time `json:"undring_deadline"`
}

// LogList is the answer of GET /api/v1/logs.
type LogList struct {
	Logs []LogSummary `json:"logs"`
}

// AccessEvent is one event of a log's access log.
type AccessEvent struct {
	At     time.Time `json:"at"`
	Actor  Ref       `json:"actor"`
	Role   string    `json:"role"`
	Unit   string    `json:"unit"`
	Action string    `json:"action"`
}

// AccessLog is the answer of GET /api/v1/logs/{id}/access-log.
type AccessLog struct {
	Events []AccessEvent `json:"events"`
}

// DecodeStrict is Decode for an answer a test changes and sends back (a guide draft):
// it fails on a field T does not know, which sending back would silently drop.
func DecodeStrict[T any](t testing.TB, r *Response) T {
	t.Helper()
	var v T
	d := json.NewDecoder(bytes.NewReader(r.Body))
	d.DisallowUnknownFields()
	if err := d.Decode(&v); err != nil {
		t.Fatalf("status %d: body is not exactly a %T: %v\n%s", r.Status, v, err, r.Body)
	}
	return v
}

// Export is the answer of GET /api/v1/logs/{id}/export.
type Export struct {
	Log       Log           `json:"log"`
	AccessLog []AccessEvent `json:"access_log"`
}

// Transfers is the answer of GET /api/v1/transfers: the transfers waiting for the actor.
type Transfers struct {
	Transfers []logbook.Transfer `json:"transfers"`
}

// TOTPStart is the answer of POST /api/v1/me/totp.
type TOTPStart struct {
	Secret     string `json:"secret"`
	OTPAuthURI string `json:"otpauth_uri"`
}

// TOTPConfirm is the answer of POST /api/v1/me/totp/confirm.
type TOTPConfirm struct {
	RecoveryCodes []string `json:"recovery_codes"`
}

// Ready is the answer of GET /readyz.
type Ready struct {
	Checks map[string]string `json:"checks"`
}

// Municipality is one municipality in an administrative answer.
type Municipality struct {
	ID         string `json:"id"`
	Number     string `json:"number"`
	Name       string `json:"name"`
	ConsentAge int    `json:"consent_age"`
}

// Municipalities is the answer of GET /api/v1/municipalities.
type Municipalities struct {
	Municipalities []Municipality `json:"municipalities"`
}

// User is one user in an administrative answer.
type User struct {
	ID     string `json:"id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// Users is the answer of GET /api/v1/municipalities/{mid}/users.
type Users struct {
	Users []User `json:"users"`
}

// Network is a network (samarbeid) of municipalities.
type Network struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	MunicipalityIDs []string `json:"municipality_ids"`
}

// Networks is the answer of GET /api/v1/networks.
type Networks struct {
	Networks []Network `json:"networks"`
}

// Service is one service of a municipality's service overview (tiltak).
type Service struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	TargetGroup string   `json:"target_group"`
	MinAge      int      `json:"min_age"`
	MaxAge      int      `json:"max_age"`
	Levels      []int    `json:"levels"`
	Unit        Ref      `json:"unit"`
	Contact     string   `json:"contact"`
	HowToAccess string   `json:"how_to_access"`
	Keywords    []string `json:"keywords"`
}

// Services is the answer of GET /api/v1/municipalities/{mid}/catalog.
type Services struct {
	Services []Service `json:"services"`
}

// GuideTool is a form, template or link of a guide step; FileID for an uploaded document.
type GuideTool struct {
	Title  string `json:"title"`
	URL    string `json:"url"`
	FileID string `json:"file_id,omitempty"`
}

// GuideStep is one step of a level of the action guide.
type GuideStep struct {
	ID           string      `json:"id"`
	Title        string      `json:"title"`
	What         string      `json:"what"`
	How          string      `json:"how"`
	Who          string      `json:"who"`
	DeadlineDays *int        `json:"deadline_days"`
	Tools        []GuideTool `json:"tools"`
}

// GuideLevel is one level of the action guide.
type GuideLevel struct {
	Level   int         `json:"level"`
	Title   string      `json:"title"`
	Purpose string      `json:"purpose"`
	Steps   []GuideStep `json:"steps"`
}

// Guide is a published action guide (GET .../guide and .../guide/versions/{v}).
type Guide struct {
	MunicipalityID string       `json:"municipality_id"`
	Version        int          `json:"version"`
	PublishedAt    time.Time    `json:"published_at"`
	Levels         []GuideLevel `json:"levels"`
}

// GuideDraft is the answer of GET .../guide/draft, and what PUT takes back.
type GuideDraft struct {
	MunicipalityID string       `json:"municipality_id"`
	BasedOn        int          `json:"based_on"`
	Changed        bool         `json:"changed"`
	Source         string       `json:"source"`
	UpdatedAt      *time.Time   `json:"updated_at"`
	Levels         []GuideLevel `json:"levels"`
}

// GuideVersion is one line of GET .../guide/versions.
type GuideVersion struct {
	Version     int       `json:"version"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy *Ref      `json:"published_by"`
	Source      string    `json:"source"`
}

// GuideVersions is the answer of GET .../guide/versions.
type GuideVersions struct {
	Versions []GuideVersion `json:"versions"`
}

// GuideChange is one changed field in a guide diff.
type GuideChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// GuideStepRef names a step in a guide diff.
type GuideStepRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// GuideStepChange is a step whose fields changed between two versions.
type GuideStepChange struct {
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	Changes []GuideChange `json:"changes"`
}

// GuideLevelDiff is what changed in one level between two versions.
type GuideLevelDiff struct {
	Level   int               `json:"level"`
	Changes []GuideChange     `json:"changes"`
	Added   []GuideStepRef    `json:"added"`
	Removed []GuideStepRef    `json:"removed"`
	Changed []GuideStepChange `json:"changed"`
}

// GuideDiff is the answer of GET .../guide/diff; To is a version number or "draft".
type GuideDiff struct {
	From   int              `json:"from"`
	To     json.RawMessage  `json:"to"`
	Levels []GuideLevelDiff `json:"levels"`
}

// EntryPage is the answer of GET /api/v1/logs/{id}/entries: a page of older entries.
type EntryPage struct {
	Entries      []Entry `json:"entries"`
	EntriesTotal int     `json:"entries_total"`
	EntriesNext  *string `json:"entries_next"`
}

// GuideFile is the answer of uploading a document for the action guide.
type GuideFile struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
}

// IDOf is the "id" of r's body, failing the test when it has none.
func IDOf(t testing.TB, r *Response) string {
	t.Helper()
	id := Decode[ID](t, r).ID
	if id == "" {
		t.Fatalf("status %d: no id in %s", r.Status, r.Body)
	}
	return id
}
