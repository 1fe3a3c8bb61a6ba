package gen

import (
	"math/rand/v2"
	"strconv"
	"time"

	"stafett/internal/audit"
	"stafett/internal/org"
	"stafett/internal/people"
	"stafett/internal/store"
)

// person is a generated user, by ID and name.
type person struct {
	ID, Name string
}

// unit is a generated unit with its leader and employees.
type unit struct {
	org.Unit
	leader person
	staff  []person // employees, the leader not among them
}

// town is one municipality being generated: its own random source (so that what it
// holds does not depend on the other municipalities), its units by kind, and the
// counters that keep its e-mail addresses and national IDs unique.
type town struct {
	index  int // in kommunenummer order among all 357, for unique national IDs
	m      org.Municipality
	domain string
	rng    *rand.Rand
	logs   int
	units  map[org.UnitKind][]*unit
	people int // users made in this municipality so far
	// families are recent guardian sets, so that some logs are about siblings.
	families [][]person
}

// unitsPerKind is how many units of each kind a municipality with logs logs has:
// roughly one kindergarten per 25 logs and one school per 70, and at least one of
// every kind. Oslo at national scale gets some 520 kindergartens and 190 schools,
// close to the real numbers.
func unitsPerKind(k org.UnitKind, logs int) int {
	per := map[org.UnitKind]int{
		org.Kindergarten: 25, org.School: 70, org.HealthStation: 500, org.PPT: 2000, org.ChildWelfare: 1000,
		org.NAV: 1000, org.HealthService: 2000, org.CultureLeisure: 3000, org.Other: 3000,
	}[k]
	return max(1, logs/per)
}

// employeesPerUnit is the range of employees (besides the leader) a unit of kind k
// has in Stafett.
func employeesPerUnit(k org.UnitKind) (lo, hi int) {
	switch k {
	case org.School, org.PPT:
		return 3, 6
	case org.ChildWelfare:
		return 4, 8
	case org.CultureLeisure:
		return 1, 3
	}
	return 2, 4
}

// newTown makes municipality mu's organisation: the municipality, its units, a
// leader and employees in each, and a municipality administrator. It appends them to
// c.
func (g *generator) newTown(index int, mu municipality, logs int, c *chunk) *town {
	t := &town{
		index: index, logs: logs, units: map[org.UnitKind][]*unit{},
		rng:    rand.New(rand.NewPCG(g.opt.Seed, 0x9e3779b97f4a7c15^uint64(index+1))),
		domain: slug(mu.Name) + ".kommune.example",
	}
	created := g.now.AddDate(-3, 0, 0)
	fromUnit, fromUser, fromRole := len(c.units), len(c.users), len(c.roles)
	t.m = org.Municipality{ID: t.id(), Number: mu.Number, Name: mu.Name, ConsentAge: org.DefaultConsentAge, CreatedAt: created}
	c.municipalities = append(c.municipalities, t.m)
	admin := t.staffUser(c, created)
	c.roles = append(c.roles, store.UserRole{UserID: admin.ID, CreatedAt: created,
		Role: people.Role{Role: people.MunicipalityAdmin, MunicipalityID: t.m.ID}})
	for _, k := range org.UnitKinds {
		n := unitsPerKind(k, logs)
		for i := range n {
			u := &unit{Unit: org.Unit{ID: t.id(), MunicipalityID: t.m.ID, Name: t.unitName(k, i, n), Kind: k, CreatedAt: created}}
			u.leader = t.staffUser(c, created)
			c.roles = append(c.roles, t.unitRole(u, u.leader, people.UnitLeader, created))
			lo, hi := employeesPerUnit(k)
			for range lo + t.rng.IntN(hi-lo+1) {
				p := t.staffUser(c, created)
				u.staff = append(u.staff, p)
				c.roles = append(c.roles, t.unitRole(u, p, people.Employee, created))
			}
			t.units[k] = append(t.units[k], u)
			c.units = append(c.units, u.Unit)
		}
	}
	t.recordSetUp(c, created, fromUnit, fromUser, fromRole)
	return t
}

// recordSetUp appends the administrative records of the town's organisation, from
// the given positions in c on: Stafett itself set it up (people.System), as the
// demo's is.
func (t *town) recordSetUp(c *chunk, at time.Time, fromUnit, fromUser, fromRole int) {
	add := func(action audit.Action, kind audit.TargetType, id, detail string) {
		c.audit = append(c.audit, audit.Event{At: at, ActorID: people.SystemActorID, Role: "system", MunicipalityID: t.m.ID,
			Action: action, Detail: detail, TargetType: kind, TargetID: id})
	}
	add(audit.CreateMunicipality, audit.TargetMunicipality, t.m.ID, t.m.Number+" "+t.m.Name)
	for _, u := range c.units[fromUnit:] {
		add(audit.CreateUnit, audit.TargetUnit, u.ID, string(u.Kind)+" "+u.Name)
	}
	for _, u := range c.users[fromUser:] {
		add(audit.CreateUser, audit.TargetUser, u.ID, "")
	}
	for _, r := range c.roles[fromRole:] {
		detail := string(r.Role.Role)
		if r.Role.UnitID != "" {
			detail += " unit=" + r.Role.UnitID
		}
		add(audit.GrantRole, audit.TargetUser, r.UserID, detail)
	}
}

func (t *town) unitRole(u *unit, p person, r people.RoleName, at time.Time) store.UserRole {
	return store.UserRole{UserID: p.ID, CreatedAt: at, Role: people.Role{Role: r, MunicipalityID: t.m.ID, UnitID: u.ID}}
}

// id returns a random 128-bit ID from the town's source, in the form the store uses.
func (t *town) id() string { return randomID(t.rng) }

// name returns a random full name.
func (t *town) name() (first, last string) {
	if t.rng.IntN(2) == 0 {
		first = pick(t.rng, femaleNames)
	} else {
		first = pick(t.rng, maleNames)
	}
	return first, pick(t.rng, surnames)
}

// staffUser makes an employee of the municipality, with a work e-mail address.
func (t *town) staffUser(c *chunk, at time.Time) person {
	first, last := t.name()
	t.people++
	p := person{ID: t.id(), Name: first + " " + last}
	c.users = append(c.users, people.User{ID: p.ID, Name: p.Name, Active: true, CreatedAt: at, HomeMunicipalityID: t.m.ID,
		Email: ascii(first) + "." + ascii(last) + "." + strconv.Itoa(t.people) + "@" + t.domain})
	c.staff++
	return p
}

// familyUser makes a guardian or a youth: a private e-mail address and a national
// ID, as people who sign in through ID-porten have.
func (t *town) familyUser(c *chunk, first, last string, at time.Time) person {
	t.people++
	p := person{ID: t.id(), Name: first + " " + last}
	c.users = append(c.users, people.User{ID: p.ID, Name: p.Name, Active: true, CreatedAt: at,
		Email:      ascii(first) + "." + ascii(last) + "." + t.m.Number + "." + strconv.Itoa(t.people) + "@epost.example",
		NationalID: syntheticNationalID(t.index*1_000_000 + t.people)})
	return p
}

// unitName names the i-th of n units of kind k.
func (t *town) unitName(k org.UnitKind, i, n int) string {
	place := func() string {
		if n == 1 {
			return t.m.Name
		}
		p := places[i%len(places)]
		if i >= len(places) {
			p += " " + strconv.Itoa(i/len(places)+1)
		}
		return p
	}
	switch k {
	case org.Kindergarten:
		name := kindergartenNames[i%len(kindergartenNames)]
		if i >= len(kindergartenNames) {
			name = places[(i/len(kindergartenNames))%len(places)] + " " + name
			if i >= len(kindergartenNames)*len(places) {
				name += " " + strconv.Itoa(i)
			}
		}
		return name + " barnehage"
	case org.School:
		if i%4 == 3 {
			return place() + " ungdomsskole"
		}
		return place() + " skole"
	case org.HealthStation:
		return "Helsestasjonen " + place()
	case org.PPT:
		return "PPT " + place()
	case org.ChildWelfare:
		return "Barneverntjenesten " + place()
	case org.NAV:
		return "NAV " + place()
	case org.HealthService:
		return "Psykisk helse barn og unge " + place()
	case org.CultureLeisure:
		return "Kulturskolen og fritid " + place()
	}
	return "Familiesenteret " + place()
}

// pickUnit returns a random unit of kind k.
func (t *town) pickUnit(k org.UnitKind) *unit {
	us := t.units[k]
	return us[t.rng.IntN(len(us))]
}

// pickStaff returns a random employee of u, now and then its leader.
func (t *town) pickStaff(u *unit) person {
	if len(u.staff) == 0 || t.rng.IntN(10) == 0 {
		return u.leader
	}
	return u.staff[t.rng.IntN(len(u.staff))]
}
