package demo

import (
	"context"
	"fmt"

	"stafett/internal/catalog"
	"stafett/internal/people"
	"stafett/internal/store"
)

// serviceSeed is one service of the demo overview, by the short key of its unit.
type serviceSeed struct {
	unit                                      string
	name, targetGroup, description, how, mail string
	minAge, maxAge                            int
	levels                                    []int
	keywords                                  []string
}

// services is Fjordvik's tiltaksoversikt: the kind of help a small Norwegian
// municipality lists for children, youth and families.
var services = []serviceSeed{
	{unit: "familiesenter", name: "Foreldreveiledning ICDP", minAge: 0, maxAge: 18, levels: []int{1, 2},
		targetGroup: "Foreldre og foresatte til barn og unge 0–18 år",
		description: "ICDP (International Child Development Programme) er et gruppetilbud for foreldre med åtte samlinger på kveldstid. " +
			"Dere får støtte til å se barnet, møte det med varme og sette grenser på en trygg måte, og dere møter andre foreldre i samme situasjon.\n\n" +
			"Gruppene ledes av to sertifiserte veiledere fra Familiesenteret. Tilbudet er gratis.",
		how:  "Ta kontakt selv, eller be helsesykepleier, barnehagen eller skolen melde dere på. Du trenger ingen henvisning.",
		mail: "familiesenteret", keywords: []string{"foreldreveiledning", "ICDP", "samspill", "grensesetting", "foreldre"}},
	{unit: "helsestasjon", name: "Samtalegruppe for barn av skilte foreldre", minAge: 8, maxAge: 15, levels: []int{1, 2},
		targetGroup: "Barn på 3.–10. trinn som opplever at foreldrene går fra hverandre",
		description: "En trygg gruppe med seks til åtte barn som møtes åtte ganger i skoletiden. Barna får snakke om det de opplever, " +
			"og merker at de ikke er alene. Gruppen ledes av helsesykepleier og en lærer.",
		how:  "Foreldre, lærer eller barnet selv kan ta kontakt med helsesykepleier på skolen. Begge foreldre må samtykke.",
		mail: "helsestasjonen", keywords: []string{"skilsmisse", "samlivsbrudd", "gruppe", "samtale", "familie"}},
	{unit: "fjordvik_skole", name: "Lesekurs – intensiv lesetrening", minAge: 6, maxAge: 10, levels: []int{1, 2},
		targetGroup: "Elever på 1.–4. trinn som strever med å komme i gang med lesingen",
		description: "Fire uker med lesetrening 20 minutter hver dag, alene eller i små grupper, med en lærer med videreutdanning i lesing. " +
			"Eleven blir kartlagt før og etter kurset, og foreldrene får tips til lesing hjemme.",
		how:  "Kontaktlæreren foreslår kurset etter kartlegging og samtale med foreldrene. Foreldre kan også spørre kontaktlæreren.",
		mail: "fjordvik.skole", keywords: []string{"lesing", "lesevansker", "dysleksi", "språk", "skole"}},
	{unit: "ungdomsskole", name: "Miljøterapeut i skolen", minAge: 12, maxAge: 16, levels: []int{1, 2, 3},
		targetGroup: "Elever på ungdomstrinnet som trenger en voksen å snakke med, eller som har høyt fravær",
		description: "Miljøterapeuten er på skolen hver dag og følger opp elever med uro, fravær, konflikter eller vansker hjemme: " +
			"samtaler, aktiviteter i friminuttene og tett samarbeid med foreldrene og kontaktlæreren.",
		how:  "Eleven kan selv banke på døra ved biblioteket. Lærer eller foreldre kan også ta kontakt.",
		mail: "ungdomsskolen", keywords: []string{"fravær", "skolevegring", "trivsel", "samtale", "miljøarbeid"}},
	{unit: "helsestasjon", name: "Helsesykepleier – åpen dør", minAge: 6, maxAge: 20, levels: []int{1},
		targetGroup: "Alle elever i grunnskolen og den videregående skolen",
		description: "Helsesykepleier har åpen dør på skolene hver uke, uten timebestilling. Du kan snakke om det du lurer på: " +
			"kropp, følelser, venner, familie, rus eller seksualitet. Det du sier, blir mellom dere, med de unntakene loven setter.",
		how:  "Kom innom. Åpen dør på Fjordvik skole tirsdag kl. 9–11 og på ungdomsskolen torsdag kl. 10–14.",
		mail: "helsestasjonen", keywords: []string{"helsesykepleier", "skolehelsetjeneste", "samtale", "psykisk helse", "åpen dør"}},
	{unit: "ppt", name: "PPT-konsultasjon", minAge: 1, maxAge: 18, levels: []int{1, 2},
		targetGroup: "Ansatte i barnehage og skole som er usikre på hvordan de best kan hjelpe et barn",
		description: "Drøft en sak med en rådgiver fra PPT før eller uten henvisning. Saken kan drøftes uten navn. " +
			"Dere får råd om tiltak og kartlegging, og om det er grunn til å henvise til sakkyndig vurdering.",
		how:  "Bestill tid hos PPT. For å drøfte et barn med navn må foreldrene ha samtykket.",
		mail: "ppt", keywords: []string{"PPT", "drøfting", "konsultasjon", "spesialpedagogikk", "utredning"}},
	{unit: "kulturskolen", name: "Fritidskontakt", minAge: 6, maxAge: 25, levels: []int{2, 3},
		targetGroup: "Barn og unge som trenger følge for å komme i gang med en fritidsaktivitet",
		description: "En fritidskontakt følger barnet eller ungdommen på en aktivitet de selv velger, noen timer i uka. " +
			"Målet er at de etter hvert kan delta på egen hånd og få venner gjennom aktiviteten.",
		how:  "Søk kommunen om fritidskontakt. Kulturskolen og fritid hjelper gjerne med søknaden.",
		mail: "fritid", keywords: []string{"fritid", "støttekontakt", "aktivitet", "ensomhet", "inkludering"}},
	{unit: "kulturskolen", name: "Aktivitetskortet – gratis fritidsaktiviteter", minAge: 6, maxAge: 18, levels: []int{1, 2, 3},
		targetGroup: "Barn og unge i familier med lav inntekt",
		description: "Med aktivitetskortet kan barn og unge delta gratis i idrett, kulturskole og andre organiserte aktiviteter. " +
			"Kommunen dekker kontingenten, og utstyr kan lånes gratis fra utstyrsbanken.",
		how:  "Foreldre søker hos NAV Fjordvik eller Kulturskolen og fritid. Ansatte i skole og barnehage kan hjelpe familien med søknaden.",
		mail: "fritid", keywords: []string{"fritidsaktiviteter", "lav inntekt", "fattigdom", "idrett", "utstyrsbank"}},
	{unit: "solstralen", name: "Språkgruppe i barnehagen", minAge: 2, maxAge: 6, levels: []int{1, 2},
		targetGroup: "Barnehagebarn som trenger ekstra støtte i språkutviklingen",
		description: "Små grupper på tre til fire barn leker med ord, bøker og sang tre ganger i uka sammen med en fast voksen. " +
			"Foreldrene får ideer til språklek hjemme. Logopeden fra PPT veileder personalet.",
		how:  "Barnehagen foreslår språkgruppe etter samtale med foreldrene. Foreldre kan også spørre pedagogisk leder.",
		mail: "solstralen", keywords: []string{"språk", "språkutvikling", "tale", "lek", "barnehage"}},
	{unit: "barnevern", name: "Familieteam – veiledning hjemme", minAge: 0, maxAge: 18, levels: []int{2, 3},
		targetGroup: "Familier som trenger tett støtte i hverdagen en periode",
		description: "Familieveiledere kommer hjem til familien én til to ganger i uka og jobber sammen med dere med rutiner, " +
			"samspill og konflikter. Et frivillig hjelpetiltak fra barneverntjenesten.",
		how:  "Familien kan søke selv. Helsestasjonen, barnehagen eller skolen kan hjelpe dere å ta kontakt.",
		mail: "barnevern", keywords: []string{"familieveiledning", "hjemmebesøk", "rutiner", "konflikter", "barnevern"}},
}

// seedCatalog fills Fjordvik's service overview, written by its municipality
// administrator.
func seedCatalog(ctx context.Context, db *store.DB, res *Result) error {
	a, ok := res.Account("kommune.admin")
	if !ok {
		return fmt.Errorf("demo: no municipality administrator")
	}
	roles, err := db.ListRoles(ctx, a.ID)
	if err != nil {
		return err
	}
	// The demo writes the catalog in the administrator's name, as they would; the
	// seeding runs in the server itself, with no session to lack a second factor.
	admin := &people.Principal{User: people.User{ID: a.ID}, Roles: roles, SecondFactor: true}
	for _, sv := range services {
		s := catalog.Service{MunicipalityID: res.Municipality.ID, UnitID: res.Units[sv.unit].ID, Name: sv.name,
			Description: sv.description, TargetGroup: sv.targetGroup, MinAge: sv.minAge, MaxAge: sv.maxAge,
			Levels: sv.levels, Contact: res.Units[sv.unit].Name + ", e-post " + sv.mail + domain, HowToAccess: sv.how,
			Keywords: sv.keywords}
		if err := db.CreateService(ctx, admin, &s); err != nil {
			return fmt.Errorf("demo: service %s: %w", sv.name, err)
		}
		res.Services[sv.name] = s.ID
	}
	return nil
}
