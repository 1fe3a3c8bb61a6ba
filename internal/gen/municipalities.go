package gen

import (
	"hash/fnv"
	"strconv"
	"strings"
)

// municipality is one of Norway's 357 municipalities (the structure from 2024): its
// kommunenummer, name and approximate population, which weighs how many logs it gets.
type municipality struct {
	Number     string
	Name       string
	Population int
}

// municipalityList is "number population name" per line. Populations are rounded
// figures for the larger municipalities; 0 means "a small municipality", given a
// stable size between 1,000 and 15,000 by smallPopulation.
const municipalityList = `
0301 717000 Oslo
1101 15000 Eigersund
1103 148000 Stavanger
1106 38000 Haugesund
1108 83000 Sandnes
1111 0 Sokndal
1112 0 Lund
1114 0 Bjerkreim
1119 19000 Hå
1120 20000 Klepp
1121 19000 Time
1122 12000 Gjesdal
1124 28000 Sola
1127 11000 Randaberg
1130 13000 Strand
1133 0 Hjelmeland
1134 0 Suldal
1135 0 Sauda
1144 500 Kvitsøy
1145 900 Bokn
1146 11000 Tysvær
1149 43000 Karmøy
1151 200 Utsira
1160 0 Vindafjord
1505 24000 Kristiansund
1506 32000 Molde
1508 60000 Ålesund
1511 0 Vanylven
1514 0 Sande
1515 0 Herøy (Møre og Romsdal)
1516 0 Ulstein
1517 0 Hareid
1520 11000 Ørsta
1525 0 Stranda
1528 0 Sykkylven
1531 10000 Sula
1532 8500 Giske
1535 0 Vestnes
1539 0 Rauma
1547 0 Aukra
1554 0 Averøy
1557 0 Gjemnes
1560 0 Tingvoll
1563 0 Sunndal
1566 0 Surnadal
1573 0 Smøla
1576 0 Aure
1577 11000 Volda
1578 0 Fjord
1579 13000 Hustadvika
1580 9000 Haram
1804 53000 Bodø
1806 21000 Narvik
1811 0 Bindal
1812 0 Sømna
1813 0 Brønnøy
1815 1200 Vega
1816 500 Vevelstad
1818 0 Herøy (Nordland)
1820 0 Alstahaug
1822 0 Leirfjord
1824 13000 Vefsn
1825 0 Grane
1826 600 Aarborte – Hattfjelldal
1827 0 Dønna
1828 0 Nesna
1832 0 Hemnes
1833 26000 Rana
1834 0 Lurøy
1835 450 Træna
1836 0 Rødøy
1837 0 Meløy
1838 0 Gildeskål
1839 0 Beiarn
1840 0 Saltdal
1841 10000 Fauske
1845 0 Sørfold
1848 0 Steigen
1851 0 Lødingen
1853 0 Evenes
1856 450 Røst
1857 700 Værøy
1859 0 Flakstad
1860 11500 Vestvågøy
1865 9700 Vågan
1866 8000 Hadsel
1867 0 Bø
1868 0 Øksnes
1870 10000 Sortland
1871 0 Andøy
1874 0 Moskenes
1875 0 Hábmer – Hamarøy
3101 31000 Halden
3103 51000 Moss
3105 58000 Sarpsborg
3107 84000 Fredrikstad
3110 0 Hvaler
3112 0 Råde
3114 0 Våler (Østfold)
3116 0 Skiptvet
3118 46000 Indre Østfold
3120 0 Rakkestad
3122 0 Marker
3124 1400 Aremark
3201 130000 Bærum
3203 97000 Asker
3205 90000 Lillestrøm
3207 62000 Nordre Follo
3209 42000 Ullensaker
3212 20000 Nesodden
3214 16000 Frogn
3216 19000 Vestby
3218 21000 Ås
3220 11000 Enebakk
3222 48000 Lørenskog
3224 19000 Rælingen
3226 17000 Aurskog-Høland
3228 24000 Nes
3230 0 Gjerdrum
3232 25000 Nittedal
3234 0 Lunner
3236 0 Jevnaker
3238 15000 Nannestad
3240 27000 Eidsvoll
3242 0 Hurdal
3301 104000 Drammen
3303 28000 Kongsberg
3305 31000 Ringerike
3310 0 Hole
3312 28000 Lier
3314 20000 Øvre Eiker
3316 14000 Modum
3318 0 Krødsherad
3320 1100 Flå
3322 0 Nesbyen
3324 0 Gol
3326 0 Hemsedal
3328 0 Ål
3330 0 Hol
3332 0 Sigdal
3334 0 Flesberg
3336 1400 Rollag
3338 0 Nore og Uvdal
3401 18000 Kongsvinger
3403 32000 Hamar
3405 29000 Lillehammer
3407 31000 Gjøvik
3411 35000 Ringsaker
3412 0 Løten
3413 21000 Stange
3414 0 Nord-Odal
3415 0 Sør-Odal
3416 0 Eidskog
3417 0 Grue
3418 0 Åsnes
3419 0 Våler (Innlandet)
3420 21000 Elverum
3421 0 Trysil
3422 0 Åmot
3423 0 Stor-Elvdal
3424 0 Rendalen
3425 1200 Engerdal
3426 0 Tolga
3427 0 Tynset
3428 0 Alvdal
3429 1500 Folldal
3430 0 Os
3431 0 Dovre
3432 0 Lesja
3433 0 Skjåk
3434 0 Lom
3435 0 Vågå
3436 0 Nord-Fron
3437 0 Sel
3438 0 Sør-Fron
3439 0 Ringebu
3440 0 Øyer
3441 0 Gausdal
3442 15000 Østre Toten
3443 13000 Vestre Toten
3446 14000 Gran
3447 0 Søndre Land
3448 0 Nordre Land
3449 0 Sør-Aurdal
3450 1300 Etnedal
3451 0 Nord-Aurdal
3452 0 Vestre Slidre
3453 0 Øystre Slidre
3454 1600 Vang
3901 27000 Horten
3903 26000 Holmestrand
3905 58000 Tønsberg
3907 65000 Sandefjord
3909 48000 Larvik
3911 27000 Færder
4001 37000 Porsgrunn
4003 56000 Skien
4005 13000 Notodden
4010 0 Siljan
4012 14000 Bamble
4014 10000 Kragerø
4016 0 Drangedal
4018 0 Nome
4020 11000 Midt-Telemark
4022 0 Seljord
4024 1500 Hjartdal
4026 0 Tinn
4028 0 Kviteseid
4030 1400 Nissedal
4032 1300 Fyresdal
4034 0 Tokke
4036 0 Vinje
4201 0 Risør
4202 24000 Grimstad
4203 46000 Arendal
4204 116000 Kristiansand
4205 24000 Lindesnes
4206 0 Farsund
4207 0 Flekkefjord
4211 0 Gjerstad
4212 0 Vegårshei
4213 0 Tvedestrand
4214 0 Froland
4215 11500 Lillesand
4216 0 Birkenes
4217 1800 Åmli
4218 1400 Iveland
4219 0 Evje og Hornnes
4220 1000 Bygland
4221 1200 Valle
4222 1000 Bykle
4223 15000 Vennesla
4224 900 Åseral
4225 0 Lyngdal
4226 1700 Hægebostad
4227 0 Kvinesdal
4228 1800 Sirdal
4601 291000 Bergen
4602 17000 Kinn
4611 0 Etne
4612 0 Sveio
4613 12000 Bømlo
4614 19000 Stord
4615 0 Fitjar
4616 0 Tysnes
4617 13000 Kvinnherad
4618 11000 Ullensvang
4619 900 Eidfjord
4620 1100 Ulvik
4621 16000 Voss
4622 0 Kvam
4623 0 Samnanger
4624 26000 Bjørnafjorden
4625 0 Austevoll
4626 40000 Øygarden
4627 30000 Askøy
4628 0 Vaksdal
4629 390 Modalen
4630 0 Osterøy
4631 30000 Alver
4632 0 Austrheim
4633 550 Fedje
4634 0 Masfjorden
4635 0 Gulen
4636 750 Solund
4637 1300 Hyllestad
4638 0 Høyanger
4639 0 Vik
4640 12000 Sogndal
4641 1800 Aurland
4642 0 Lærdal
4643 0 Årdal
4644 0 Luster
4645 0 Askvoll
4646 0 Fjaler
4647 23000 Sunnfjord
4648 0 Bremanger
4649 0 Stad
4650 0 Gloppen
4651 0 Stryn
5001 214000 Trondheim
5006 24000 Steinkjer
5007 15000 Namsos
5014 0 Frøya
5020 900 Osen
5021 0 Oppdal
5022 0 Rennebu
5025 0 Røros
5026 0 Holtålen
5027 0 Midtre Gauldal
5028 17000 Melhus
5029 0 Skaun
5031 14000 Malvik
5032 0 Selbu
5033 750 Tydal
5034 0 Meråker
5035 25000 Stjørdal
5036 0 Frosta
5037 20000 Levanger
5038 15000 Verdal
5041 2000 Snåase – Snåsa
5042 1300 Lierne
5043 450 Raarvihke – Røyrvik
5044 800 Namsskogan
5045 0 Grong
5046 1200 Høylandet
5047 0 Overhalla
5049 1100 Flatanger
5052 550 Leka
5053 0 Inderøy
5054 10000 Indre Fosen
5055 0 Heim
5056 0 Hitra
5057 0 Ørland
5058 0 Åfjord
5059 18000 Orkland
5060 0 Nærøysund
5061 2000 Rindal
5501 78000 Tromsø
5503 25000 Harstad
5510 0 Kvæfjord
5512 0 Dielddanuorri – Tjeldsund
5514 1300 Ibestad
5516 1100 Gratangen
5518 1000 Loabák – Lavangen
5520 0 Bardu
5522 0 Salangen
5524 0 Målselv
5526 0 Sørreisa
5528 1100 Dyrøy
5530 15000 Senja
5532 0 Balsfjord
5534 2200 Karlsøy
5536 0 Lyngen
5538 0 Storfjord
5540 2000 Gáivuotna – Kåfjord – Kaivuono
5542 0 Skjervøy
5544 0 Nordreisa
5546 1200 Kvænangen
5601 21000 Alta
5603 11000 Hammerfest
5605 10000 Sør-Varanger
5607 0 Vadsø
5610 2600 Kárášjohka – Karasjok
5612 2900 Guovdageaidnu – Kautokeino
5614 900 Loppa
5616 1000 Hasvik
5618 1200 Måsøy
5620 0 Nordkapp
5622 0 Porsanger
5624 1000 Lebesby
5626 1100 Gamvik
5628 2800 Deatnu – Tana
5630 900 Berlevåg
5632 0 Båtsfjord
5634 2000 Vardø
5636 900 Unjárga – Nesseby
`

// municipalities parses municipalityList, in kommunenummer order.
func municipalities() []municipality {
	var out []municipality
	for _, line := range strings.Split(strings.TrimSpace(municipalityList), "\n") {
		number, rest, _ := strings.Cut(line, " ")
		pop, name, _ := strings.Cut(rest, " ")
		n, err := strconv.Atoi(pop)
		if err != nil {
			panic("gen: bad municipality line " + line)
		}
		if n == 0 {
			n = smallPopulation(number)
		}
		out = append(out, municipality{Number: number, Name: name, Population: n})
	}
	return out
}

// smallPopulation gives a municipality without a listed figure a stable size
// between about 1,000 and 15,000, spread so that most are at the small end, as they
// are in Norway.
func smallPopulation(number string) int {
	h := fnv.New32a()
	h.Write([]byte(number))
	x := float64(h.Sum32()%10000) / 10000 // 0 … 1
	return 1000 + int(14000*x*x)
}
