package i18n_test

import (
	"testing"

	"stafett/internal/logbook"
	"stafett/internal/web/ui/i18n"
)

// testNames knows two people and three units; any other id has no name.
var testNames = i18n.Names{
	User: func(id string) string {
		return map[string]string{"u-kari": "Kari Nordmann", "u-per": "Per Hansen"}[id]
	},
	Unit: func(id string) string {
		return map[string]string{"n-myren": "Myren skole", "n-helse": "Helsestasjonen", "n-ppt": "PPT"}[id]
	},
}

func TestEvent(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ nb, nn, en string }
	tests := []struct {
		name  string
		ev    logbook.Event
		names i18n.Names
		want  want
	}{
		{"LevelChanged", logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: 1, ToLevel: 2}, testNames, want{
			"Loggen ble flyttet fra nivå 1 til nivå 2.",
			"Loggen vart flytta frå nivå 1 til nivå 2.",
			"The log moved from level 1 to level 2."}},
		{"LevelChangedFromZero", logbook.Event{Kind: logbook.EventLevelChanged, ToLevel: 1}, testNames, want{
			"Loggen ble flyttet fra nivå 0 til nivå 1.",
			"Loggen vart flytta frå nivå 0 til nivå 1.",
			"The log moved from level 0 to level 1."}},
		{"ParticipantAddedRead", logbook.Event{Kind: logbook.EventParticipantAdded, UserID: "u-kari", UnitID: "n-myren",
			Access: logbook.ParticipantRead}, testNames, want{
			"Kari Nordmann (Myren skole) ble lagt til som aktør og kan lese loggen.",
			"Kari Nordmann (Myren skole) vart lagd til som aktør og kan lese loggen.",
			"Kari Nordmann (Myren skole) was added as a participant who can read the log."}},
		{"ParticipantAddedWrite", logbook.Event{Kind: logbook.EventParticipantAdded, UserID: "u-per", UnitID: "n-helse",
			Access: logbook.ParticipantWrite}, testNames, want{
			"Per Hansen (Helsestasjonen) ble lagt til som aktør og kan lese og skrive i loggen.",
			"Per Hansen (Helsestasjonen) vart lagd til som aktør og kan lese og skrive i loggen.",
			"Per Hansen (Helsestasjonen) was added as a participant who can read and write in the log."}},
		{"ParticipantAddedNoUnitNoAccess", logbook.Event{Kind: logbook.EventParticipantAdded, UserID: "u-kari", UnitID: "n-gone"},
			testNames, want{
				"Kari Nordmann ble lagt til som aktør.",
				"Kari Nordmann vart lagd til som aktør.",
				"Kari Nordmann was added as a participant."}},
		{"ParticipantAddedUnnamed", logbook.Event{Kind: logbook.EventParticipantAdded, UnitID: "n-myren"}, testNames, want{
			"En aktør ble lagt til.",
			"Ein aktør vart lagd til.",
			"A participant was added."}},
		{"ParticipantRemoved", logbook.Event{Kind: logbook.EventParticipantRemoved, UserID: "u-kari"}, testNames, want{
			"Kari Nordmann ble fjernet som aktør.",
			"Kari Nordmann vart fjerna som aktør.",
			"Kari Nordmann was removed as a participant."}},
		{"ParticipantRemovedUnnamed", logbook.Event{Kind: logbook.EventParticipantRemoved}, testNames, want{
			"En aktør ble fjernet.",
			"Ein aktør vart fjerna.",
			"A participant was removed."}},
		{"TransferProposed", logbook.Event{Kind: logbook.EventTransferProposed, TransferID: "t1", UserID: "u-per", UnitID: "n-helse"},
			testNames, want{
				"Det er foreslått å overføre loggen til Per Hansen (Helsestasjonen).",
				"Det er føreslått å overføre loggen til Per Hansen (Helsestasjonen).",
				"Handing the log over to Per Hansen (Helsestasjonen) was proposed."}},
		{"TransferProposedUnnamed", logbook.Event{Kind: logbook.EventTransferProposed, TransferID: "t1"}, testNames, want{
			"Det er foreslått å overføre loggen til en ny stafettholder.",
			"Det er føreslått å overføre loggen til ein ny stafetthaldar.",
			"Handing the log over to a new log holder was proposed."}},
		{"TransferAccepted", logbook.Event{Kind: logbook.EventTransferAccepted, TransferID: "t1", UserID: "u-per", UnitID: "n-helse"},
			testNames, want{
				"Per Hansen (Helsestasjonen) tok imot loggen og er ny stafettholder.",
				"Per Hansen (Helsestasjonen) tok imot loggen og er ny stafetthaldar.",
				"Per Hansen (Helsestasjonen) accepted the handover and is the new log holder."}},
		{"TransferAcceptedUnnamed", logbook.Event{Kind: logbook.EventTransferAccepted}, testNames, want{
			"Overføringen ble godtatt, og loggen har fått ny stafettholder.",
			"Overføringa vart godteken, og loggen har fått ny stafetthaldar.",
			"The handover was accepted, and the log has a new log holder."}},
		{"TransferDeclined", logbook.Event{Kind: logbook.EventTransferDeclined, TransferID: "t1", UserID: "u-per"}, testNames, want{
			"Per Hansen takket nei til å ta over loggen.",
			"Per Hansen takka nei til å ta over loggen.",
			"Per Hansen declined to take over the log."}},
		{"TransferDeclinedUnnamed", logbook.Event{Kind: logbook.EventTransferDeclined, UserID: "u-gone"}, testNames, want{
			"Overføringen ble avslått.",
			"Overføringa vart avslått.",
			"The handover was declined."}},
		{"ConsentRegisteredThreeUnits", logbook.Event{Kind: logbook.EventConsentRegistered, ConsentID: "c1",
			UnitIDs: []string{"n-myren", "n-helse", "n-ppt"}}, testNames, want{
			"Samtykke fra signert skjema ble registrert for Myren skole, Helsestasjonen og PPT.",
			"Samtykke frå signert skjema vart registrert for Myren skole, Helsestasjonen og PPT.",
			"Consent from a signed form was registered for Myren skole, Helsestasjonen and PPT."}},
		{"ConsentRegisteredUnnamed", logbook.Event{Kind: logbook.EventConsentRegistered, ConsentID: "c1"}, testNames, want{
			"Samtykke fra signert skjema ble registrert.",
			"Samtykke frå signert skjema vart registrert.",
			"Consent from a signed form was registered."}},
		{"ConsentGivenTwoUnitsOneUnknown", logbook.Event{Kind: logbook.EventConsentGiven, ConsentID: "c2",
			UnitIDs: []string{"n-myren", "n-gone", "n-ppt"}}, testNames, want{
			"Samtykke ble gitt i Stafett for Myren skole og PPT.",
			"Samtykke vart gitt i Stafett for Myren skole og PPT.",
			"Consent was given in Stafett for Myren skole and PPT."}},
		{"ConsentGivenOneUnit", logbook.Event{Kind: logbook.EventConsentGiven, UnitIDs: []string{"n-helse"}}, testNames, want{
			"Samtykke ble gitt i Stafett for Helsestasjonen.",
			"Samtykke vart gitt i Stafett for Helsestasjonen.",
			"Consent was given in Stafett for Helsestasjonen."}},
		{"ConsentGivenNoNames", logbook.Event{Kind: logbook.EventConsentGiven, UnitIDs: []string{"n-helse"}}, i18n.Names{}, want{
			"Samtykke ble gitt i Stafett.",
			"Samtykke vart gitt i Stafett.",
			"Consent was given in Stafett."}},
		{"ConsentWithdrawn", logbook.Event{Kind: logbook.EventConsentWithdrawn, ConsentID: "c2"}, testNames, want{
			"Samtykket ble trukket tilbake.",
			"Samtykket vart trekt tilbake.",
			"Consent was withdrawn."}},
		{"StepDone", logbook.Event{Kind: logbook.EventStepDone, StepID: "s1", StepTitle: "Snakk med foreldrene"}, testNames, want{
			"Steget «Snakk med foreldrene» er utført.",
			"Steget «Snakk med foreldrene» er utført.",
			"The step “Snakk med foreldrene” is done."}},
		{"StepDoneUntitled", logbook.Event{Kind: logbook.EventStepDone, StepID: "s1"}, testNames, want{
			"Et steg i handlingsveilederen er utført.",
			"Eit steg i handlingsrettleiaren er utført.",
			"A step of the action guide is done."}},
		{"UndringClosed", logbook.Event{Kind: logbook.EventUndringDecided, Outcome: logbook.UndringClosed}, testNames, want{
			"Undringen ble avsluttet uten videre oppfølging.",
			"Undringa vart avslutta utan vidare oppfølging.",
			"The undring was closed with no further follow-up."}},
		{"UndringActivated", logbook.Event{Kind: logbook.EventUndringDecided, Outcome: logbook.UndringActivated}, testNames, want{
			"Undringen ble gjort om til en stafettlogg på nivå 1.",
			"Undringa vart gjord om til ein stafettlogg på nivå 1.",
			"The undring became a log at level 1."}},
		{"UndringChildWelfareReport", logbook.Event{Kind: logbook.EventUndringDecided, Outcome: logbook.UndringChildWelfareReport},
			testNames, want{
				"Undringen ble avsluttet, og det er sendt bekymringsmelding til barnevernet.",
				"Undringa vart avslutta, og det er sendt bekymringsmelding til barnevernet.",
				"The undring was closed, and a report of concern was sent to child welfare."}},
		{"UndringUnknownOutcome", logbook.Event{Kind: logbook.EventUndringDecided, Outcome: "postponed"}, testNames, want{
			"Det er tatt en beslutning om undringen.",
			"Det er teke ei avgjerd om undringa.",
			"A decision was made on the undring."}},
		{"LogClosed", logbook.Event{Kind: logbook.EventLogClosed, Reason: logbook.ClosureGoalReached}, testNames, want{
			"Stafettloggen ble avsluttet. Målet er nådd.",
			"Stafettloggen vart avslutta. Målet er nådd.",
			"The log was closed. The goal was reached."}},
		{"LogClosedGuardianRequest", logbook.Event{Kind: logbook.EventLogClosed, Reason: logbook.ClosureGuardianRequest}, testNames, want{
			"Stafettloggen ble avsluttet. Foreldrene ønsket å avslutte.",
			"Stafettloggen vart avslutta. Foreldra ønskte å avslutte.",
			"The log was closed. The parents asked to close it."}},
		{"LogClosedUnknownReason", logbook.Event{Kind: logbook.EventLogClosed, Reason: "bored"}, testNames, want{
			"Stafettloggen ble avsluttet.",
			"Stafettloggen vart avslutta.",
			"The log was closed."}},
		{"GuardianUnlinked", logbook.Event{Kind: logbook.EventGuardianUnlinked, UserID: "u-kari"}, testNames, want{
			"Kari Nordmann ble koblet fra loggen som foresatt.",
			"Kari Nordmann vart kopla frå loggen som føresett.",
			"Kari Nordmann was unlinked from the log as a guardian."}},
		{"GuardianUnlinkedUnnamed", logbook.Event{Kind: logbook.EventGuardianUnlinked, UserID: "u-gone"}, testNames, want{
			"En foresatt ble koblet fra loggen.",
			"Ein føresett vart kopla frå loggen.",
			"A guardian was unlinked from the log."}},
		{"YouthUnlinked", logbook.Event{Kind: logbook.EventYouthUnlinked, UserID: "u-per"}, testNames, want{
			"Per Hansen ble koblet fra loggen som ungdom.",
			"Per Hansen vart kopla frå loggen som ungdom.",
			"Per Hansen was unlinked from the log as the young person."}},
		{"YouthUnlinkedUnnamed", logbook.Event{Kind: logbook.EventYouthUnlinked}, testNames, want{
			"Ungdommen ble koblet fra loggen.",
			"Ungdommen vart kopla frå loggen.",
			"The young person was unlinked from the log."}},
		{"TransferCancelled", logbook.Event{Kind: logbook.EventTransferCancelled, UserID: "u-kari"}, testNames, want{
			"Forslaget om å overføre loggen til Kari Nordmann ble trukket tilbake.",
			"Framlegget om å overføre loggen til Kari Nordmann vart trekt tilbake.",
			"The proposal to transfer the log to Kari Nordmann was withdrawn."}},
		{"ChildCorrected", logbook.Event{Kind: logbook.EventChildCorrected, Changes: []logbook.Change{
			{Field: logbook.FieldChildName, Old: "Mia", New: "Maja"}, {Field: logbook.FieldChildBirthDate, Old: "2018-03-01", New: "2018-03-10"}}}, testNames, want{
			"Barnets navn ble rettet fra «Mia» til «Maja». Barnets fødselsdato ble rettet fra 1. mars 2018 til 10. mars 2018.",
			"Namnet til barnet vart retta frå «Mia» til «Maja». Fødselsdatoen til barnet vart retta frå 1. mars 2018 til 10. mars 2018.",
			"The child's name was corrected from “Mia” to “Maja”. The child's date of birth was corrected from 1 March 2018 to 10 March 2018."}},
		{"ChildInitialsSet", logbook.Event{Kind: logbook.EventChildCorrected, Changes: []logbook.Change{
			{Field: logbook.FieldChildInitials, New: "MK"}, {Field: "from_the_future", Old: "a", New: "b"}}}, testNames, want{
			"Barnets initialer ble satt til MK.",
			"Initialane til barnet vart sette til MK.",
			"The child's initials were set to MK."}},
		{"ChildCorrectedUnnamed", logbook.Event{Kind: logbook.EventChildCorrected}, testNames, want{
			"Barnets opplysninger ble rettet.",
			"Opplysningane om barnet vart retta.",
			"The child's details were corrected."}},
		{"EvaluationMoved", logbook.Event{Kind: logbook.EventEvaluationMoved, MeasureID: "m1", Changes: []logbook.Change{
			{Field: logbook.FieldEvaluateBy, Old: "2025-06-01", New: "2025-08-15"}}}, testNames, want{
			"Evalueringsdatoen for tiltaket ble flyttet fra 1. juni 2025 til 15. august 2025.",
			"Evalueringsdatoen for tiltaket vart flytta frå 1. juni 2025 til 15. august 2025.",
			"The measure's evaluation date was moved from 1 June 2025 to 15 August 2025."}},
		{"Legacy", logbook.Event{Kind: logbook.EventLegacy}, testNames, want{
			"Hendelse i loggen.",
			"Hending i loggen.",
			"Something happened in the log."}},
		{"UnknownKind", logbook.Event{Kind: "from_the_future", UserID: "u-kari"}, testNames, want{
			"Hendelse i loggen.",
			"Hending i loggen.",
			"Something happened in the log."}},
	}
	covered := map[logbook.EventKind]bool{}
	for _, tt := range tests {
		covered[tt.ev.Kind] = true
		t.Run(tt.name, func(t *testing.T) {
			for lang, w := range map[i18n.Lang]string{i18n.Bokmal: tt.want.nb, i18n.Nynorsk: tt.want.nn, i18n.English: tt.want.en} {
				if got := c.Localizer(lang).Event(tt.ev, tt.names); got != w {
					t.Errorf("%s: %q, want %q", lang, got, w)
				}
			}
		})
	}
	for _, k := range logbook.EventKinds() {
		if !covered[k] {
			t.Errorf("no case for event kind %s", k)
		}
	}
}

// TestEventNamesNil checks that an event can be shown with no name lookup at all.
func TestEventNamesNil(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := c.Localizer(i18n.English)
	ev := logbook.Event{Kind: logbook.EventTransferAccepted, UserID: "u-per", UnitID: "n-helse"}
	if got, want := l.Event(ev, i18n.Names{}), "The handover was accepted, and the log has a new log holder."; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	// A unit's name alone does not name a person.
	onlyUnits := i18n.Names{Unit: testNames.Unit}
	if got, want := l.Event(ev, onlyUnits), "The handover was accepted, and the log has a new log holder."; got != want {
		t.Errorf("with unit names only: %q, want %q", got, want)
	}
}

// TestEventBy: the timeline says who acted on whom; without the actor's name, or for
// an event about no one else, it is Event's sentence.
func TestEventBy(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	added := logbook.Event{Kind: logbook.EventParticipantAdded, UserID: "u-kari", UnitID: "n-myren", Access: logbook.ParticipantRead}
	for _, tt := range []struct {
		name string
		lang i18n.Lang
		ev   logbook.Event
		by   string
		want string
	}{
		{"AddedNB", i18n.Bokmal, added, "Per Pedagog", "Per Pedagog la til Kari Nordmann (Myren skole) som aktør. Hen kan lese loggen."},
		{"AddedEN", i18n.English, added, "Per Pedagog", "Per Pedagog added Kari Nordmann (Myren skole) as a participant who can read the log."},
		{"RemovedNN", i18n.Nynorsk, logbook.Event{Kind: logbook.EventParticipantRemoved, UserID: "u-per"}, "Per Pedagog", "Per Pedagog fjerna Per Hansen som aktør."},
		{"ProposedNB", i18n.Bokmal, logbook.Event{Kind: logbook.EventTransferProposed, UserID: "u-kari", UnitID: "n-helse"}, "Per Pedagog", "Per Pedagog foreslo å overføre loggen til Kari Nordmann (Helsestasjonen)."},
		{"NoActor", i18n.Bokmal, added, "", "Kari Nordmann (Myren skole) ble lagt til som aktør og kan lese loggen."},
		{"UnnamedTarget", i18n.Bokmal, logbook.Event{Kind: logbook.EventParticipantRemoved, UserID: "u-gone"}, "Per Pedagog", "En aktør ble fjernet."},
		{"OtherKind", i18n.Bokmal, logbook.Event{Kind: logbook.EventLevelChanged, FromLevel: 1, ToLevel: 2}, "Per Pedagog", "Loggen ble flyttet fra nivå 1 til nivå 2."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Localizer(tt.lang).EventBy(tt.ev, testNames, tt.by); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
