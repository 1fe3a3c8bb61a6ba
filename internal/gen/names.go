package gen

import "strings"

// Names and words for synthetic people, units and entries. They are common
// Norwegian names, with the share of other origins a Norwegian school class has;
// no combination is meant to be a real person.
var (
	femaleNames = strings.Fields(`Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig
		Marianne Randi Ida Nina Maria Elisabeth Kristin Bente Heidi Silje Hanne Linda Tone Tove Elin Gerd Camilla
		Nora Emma Olivia Ella Sofie Leah Frida Maja Sara Ingeborg Amalie Tiril Thea Hedda Selma Aurora Julie
		Vilde Mathilde Emilie Oda Sigrid Ragnhild Guro Line Mona Siri Trine Lene Marte Fatima Aisha Zahra Amina
		Agnieszka Anna-Karin Sunniva Eira Live Iben`)
	maleNames = strings.Fields(`Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje
		Odd Erik Martin Andreas John Anders Rune Trond Tore Jon Harald Olav Magnus Jonas Kristian Håkon Espen
		Jakob Emil Noah Oskar Lucas Filip William Henrik Aksel Isak Elias Theodor Ludvig Sander Mathias Tobias
		Sindre Eirik Vegard Øyvind Stian Ivar Sigurd Gunnar Audun Mohammed Ali Yusuf Omar Piotr Tomasz Ahmad
		Mikkel Even Brage Edvard`)
	surnames = strings.Fields(`Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen
		Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen
		Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen
		Paulsen Bakken Kristoffersen Mathisen Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård
		Bakke Kristensen Fredriksen Holm Lien Hauge Christensen Andresen Nielsen Knudsen Evensen Sæther Aas
		Myhre Hanssen Ahmed Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik Rønning Arnesen
		Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen Ruud Aasen Strøm
		Myklebust Tangen Ødegård Eliassen Helland Bøe Jenssen Aune Mikkelsen Tveit Brekke Abrahamsen Madsen
		Hussain Khan Kowalski Nowak Hassan Mohamed Yilmaz Tran`)
	// places name kindergartens, schools and health stations, as neighbourhoods do.
	places = strings.Fields(`Nordby Sørli Vestre Østre Haugen Bakkane Lia Sletta Furulund Granly Solbakken
		Eikeli Bjørkås Fjellheim Strandvik Nesset Brattås Myra Haugerud Skogly Elvebakken Tunet Sjøsiden Berget
		Kleiva Holtet Lunden Enga Dalen Åsen Breivik Grønli Heia Vollen Øvre Nedre Rognstad Kvernhuset
		Tjernet Fossum Rudsenga Bekkestua Lindeberg Ulsrud Sagene Lykkeberg Moheim Sandvika Nyjord`)
	kindergartenNames = strings.Fields(`Solstrålen Tusenfryd Blåklokka Marihøna Trollskogen Eventyrhagen
		Regnbuen Ekornreiret Humla Lykketrollet Smørblomsten Kvitveisen Fjellrev Linerla Tyttebær Måltrosten
		Bukkene Ugla Spurven Sommerfuglen`)
)

// Sentences for entries, by kind. An entry is two or three of them; the child is
// never named in the text, as practice recommends.
var (
	concernTexts = []string{
		"Barnet virker trist og trekker seg unna i lek med de andre.",
		"Vi ser økende uro og konflikter i garderoben ved henting.",
		"Har hatt mye fravær de siste ukene og sier ofte at magen gjør vondt.",
		"Språket utvikler seg langsommere enn forventet for alderen.",
		"Virker sliten om morgenen og har ofte ikke med seg matpakke.",
		"Foreldrene har selv tatt kontakt og er bekymret for søvnen.",
		"Sliter med å konsentrere seg i timene og blir lett frustrert.",
		"Har vist sinne overfor andre barn flere ganger denne måneden.",
		"Lærer har lagt merke til at eleven ofte sitter alene i friminuttene.",
		"Helsesykepleier har fått henvendelse om vektnedgang.",
	}
	noteTexts = []string{
		"Samtale med mor i dag, hun opplever at det går litt bedre hjemme.",
		"Observert i frilek: deltok lenger enn før og tok initiativ selv.",
		"Avtalt at kontaktlærer ringer far hver fredag.",
		"Ny timeplan er innført og ser ut til å gi mer ro.",
		"Barnet fortalte selv at det har fått en ny venn i klassen.",
		"Helsestasjonen har hatt oppfølgingssamtale med familien.",
		"Vi har justert overgangene i løpet av dagen etter råd fra PPT.",
		"Familien har fått informasjon om tilbudet i kulturskolen.",
		"Far ønsker et nytt møte før jul for å se på tiltakene.",
		"Fraværet har gått ned sammenlignet med forrige måned.",
		"Barnet har vært mer rolig etter at rutinene ble tydeligere.",
		"Kort statusmøte i teamet; tiltakene fortsetter som før.",
	}
	measureGoals = []string{
		"Bruker flere ord i lek med andre barn",
		"Møter på skolen minst fire av fem dager",
		"Kan be om hjelp når det blir vanskelig",
		"Deltar i samlingsstund uten å forlate rommet",
		"Spiser frokost før skolestart",
		"Har en fast voksen å gå til i friminuttene",
	}
	measureTexts = []string{
		"Språkgruppe tre ganger i uka med fast voksen.",
		"Daglig innsjekk med kontaktlærer om morgenen.",
		"Ukentlige samtaler med helsesykepleier.",
		"Tilpasset opplegg i matematikk og norsk i små grupper.",
		"Foreldreveiledning (ICDP) for begge foreldrene.",
		"Fast plass i leksehjelpen etter skoletid.",
		"Visuell dagsplan og forberedte overganger.",
	}
	evaluationTexts = []string{
		"Tiltaket har virket godt, og målet er nådd.",
		"Noe bedring, men vi trenger mer tid før vi ser full effekt.",
		"Tiltaket har ikke gitt ønsket effekt; vi prøver noe annet.",
		"Foreldrene opplever endring hjemme også.",
	}
	meetingTexts = []string{
		"Samarbeidsmøte med foreldre, barnehage og helsestasjon.",
		"Ansvarsgruppemøte med skole, PPT og familien.",
		"Overgangsmøte før skolestart.",
		"Oppfølgingsmøte etter utredning i PPT.",
	}
	decisionTexts = []string{
		"PPT observerer i gruppen innen tre uker.",
		"Vi fortsetter tiltakene og evaluerer om seks uker.",
		"Familien søker om plass i kulturskolen.",
		"Helsesykepleier tar ny samtale med barnet.",
	}
	brightSpotTexts = []string{
		"Sang en hel sang for bestemor i helga!",
		"Var med på bursdag hos en klassekamerat for første gang.",
		"Stolt etter å ha lest en hel bok selv.",
		"Hjalp en yngre elev som hadde slått seg.",
		"Hadde en veldig god uke med mye latter.",
	}
	transferNotes = []string{
		"Barnet begynner på skolen etter sommeren; jeg blir med som aktør første halvår.",
		"Familien har flyttet til en annen skolekrets.",
		"Overgang til ungdomsskolen etter jul.",
	}
)
