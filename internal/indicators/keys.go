// Package indicators holds the shared result indicators (resultatindikatorer) of a
// municipality or a network: their keys and written definitions, the arithmetic of
// shares and medians, and the small-numbers rule that protects children from being
// identified (Protect). It imports only the standard library; the store counts, this
// package decides what may be shown.
package indicators

// Key names one indicator, as in shared/API.md.
type Key string

// The process indicators computed from Stafett's own data; the last two from the
// course registry.
const (
	LogsOpened                   Key = "logs_opened"
	UndringerOpened              Key = "undringer_opened"
	LogsClosed                   Key = "logs_closed"
	ClosedGoalReached            Key = "closed_goal_reached"
	ActiveLevel1                 Key = "active_level_1"
	ActiveLevel2                 Key = "active_level_2"
	ActiveLevel3                 Key = "active_level_3"
	UndringDecisionDaysMedian    Key = "undring_decision_days_median"
	UndringDecidedOnTimeShare    Key = "undring_decided_on_time_share"
	MeasuresEvaluatedOnTimeShare Key = "measures_evaluated_on_time_share"
	TransfersAccepted            Key = "transfers_accepted"
	TransferAcceptDaysMedian     Key = "transfer_accept_days_median"
	ConsentsLapsedWhileActive    Key = "consents_lapsed_while_active"
	FamilyEntriesShare           Key = "family_entries_share"
	TrainingCoverageShare        Key = "training_coverage_share"
	CourseFTE                    Key = "course_fte"
)

// Kind says how an indicator is computed, which decides how it is protected.
type Kind int

// The kinds: a count of logs, undringer, transfers or consents; a share (numerator
// over denominator, 0–1); a median of whole days; an amount of staff time in
// thousandths of an årsverk, which is about staff and not children, so never
// suppressed.
const (
	Count Kind = iota
	Share
	Median
	Amount
)

// Definition is one indicator with what it means. Text is the definition in
// English, for the API and as the reference for the translated page texts
// (catalog keys "indicator.<key>" and "indicator.<key>.definition").
type Definition struct {
	Key  Key
	Kind Kind
	Text string
}

// definitions are the indicators in the order pages show them. A period is the
// days From to To inclusive, in Europe/Oslo.
var definitions = []Definition{
	{UndringerOpened, Count, "Undringer (level 0 working notes) opened in the period."},
	{LogsOpened, Count, "Undringer opened in the period that became a stafettlogg (level 1 or higher)."},
	{LogsClosed, Count, "Stafettlogger (logs that reached level 1) closed in the period, for any reason."},
	{ClosedGoalReached, Count, "Stafettlogger closed in the period because the goal was reached."},
	{ActiveLevel1, Count, "Active stafettlogger at level 1 (own service) at the end of the period, by their level now or at closing."},
	{ActiveLevel2, Count, "Active stafettlogger at level 2 (one or two more services) at the end of the period."},
	{ActiveLevel3, Count, "Active stafettlogger at level 3 (comprehensive collaboration) at the end of the period."},
	{UndringDecisionDaysMedian, Median, "Median whole days from opening an undring to its decision (activate, close or report), for undringer opened in the period and decided."},
	{UndringDecidedOnTimeShare, Share, "Of the undringer opened in the period that are decided or past their deadline, the share decided by the deadline."},
	{MeasuresEvaluatedOnTimeShare, Share, "Of the measures whose evaluation date is in the period and has passed, the share evaluated on or before that date (UTC)."},
	{TransfersAccepted, Count, "Transfers of the baton accepted in the period."},
	{TransferAcceptDaysMedian, Median, "Median whole days from proposing a transfer to its acceptance, for transfers accepted in the period."},
	{ConsentsLapsedWhileActive, Count, "Consents that expired in the period while their log was active, without a newer consent in force at that time."},
	{FamilyEntriesShare, Share, "Of the logs active at the end of the period, the share where a guardian or the young person wrote an entry in the period."},
	{TrainingCoverageShare, Share, "Of the active staff (employees and leaders) in the municipality's services for children, the share who have completed BTI training (attended every session of a BTI course), as the course page counts it now."},
	{CourseFTE, Amount, "Årsverk of the courses the municipality organised, from their sessions dated in the period: each session's hours times the people who attended it (or were registered, while attendance is not taken), divided by the municipality's hours per full-time year."},
}

// Definitions returns every indicator in display order.
func Definitions() []Definition { return append([]Definition(nil), definitions...) }

// Keys returns every key in display order.
func Keys() []Key {
	out := make([]Key, len(definitions))
	for i, d := range definitions {
		out[i] = d.Key
	}
	return out
}

// KindOf returns the kind of key k, and false for an unknown key.
func KindOf(k Key) (Kind, bool) {
	for _, d := range definitions {
		if d.Key == k {
			return d.Kind, true
		}
	}
	return 0, false
}
