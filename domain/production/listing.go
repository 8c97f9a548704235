package production

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

// Listing is a casting call or a job listing of a project.
type Listing struct {
	ID         int64
	ProjectID  int64
	ProducerID int64
	Kind       Kind
	Status     Status
	// Category is CategoryCasting or a non-casting notice's (Categories).
	Category    string
	Title       string
	Description string
	WorksFrom   *time.Time
	WorksUntil  *time.Time
	City        string
	Country     string
	Remote      bool
	Pay         Pay
	Fee         Fee
	UnionStatus string // a value of UnionStatuses, or ""
	Nudity      string // a value of NudityLevels, or "" (not declared yet)
	// NudityDetails says what a declared nudity or sexual content is.
	NudityDetails string
	StudentFilm   bool
	School        string
	Deadline      *time.Time
	// TimeZone is the IANA zone the producer wrote the deadline in.
	TimeZone   string
	Visibility string // "public" or "private"
	// Notes is the listing's free text: anything else talent should know.
	Notes string
	// Job listings only.
	Department      string
	Position        string
	ExperienceLevel string
	OwnEquipment    bool
	Skills          []string
	// Roles are a casting call's roles, or a job listing's one position.
	Roles       []Role
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt *time.Time
	ClosedAt    *time.Time
	// SubmittedAt is the last submission to listing review.
	SubmittedAt *time.Time
}

// Private reports whether only invited talent see the listing.
func (l Listing) Private() bool { return l.Visibility == "private" }

// Pay is what a listing pays: Paid (guaranteed pay of an amount per unit)
// or Not paid, with what is offered instead.
type Pay struct {
	Kind        string // "paid", "not_paid", or "" (not said yet)
	AmountCents int64
	Currency    string
	Unit        string // a value of PayUnits
	Guaranteed  bool
	UnpaidKind  string // a value of UnpaidKinds
	Offer       string // what a not paid listing offers (credit, meals, travel…)
}

// Paid reports whether the listing carries the PAID tag: an amount that
// is guaranteed. Deferred, prospective or unguaranteed pay is not paid.
func (p Pay) Paid() bool { return p.Kind == "paid" && p.AmountCents > 0 && p.Guaranteed }

// Fee is what a listing charges talent, if anything.
type Fee struct {
	AmountCents int64
	Currency    string
	For         string // what the fee is for, spelled out
}

// Charged reports whether talent pay anything.
func (f Fee) Charged() bool { return f.AmountCents > 0 }

// Role is one part a listing casts, or a job listing's position.
type Role struct {
	ID          int64
	ListingID   int64
	Position    int
	Name        string
	RoleType    string // a value of RoleTypes (casting calls)
	Gender      string // a value of RoleGenders
	AgeMin      int
	AgeMax      int
	HeightMin   int
	HeightMax   int
	Description string
	Skills      []string
	Languages   []string
	Openings    int
}

// rowFields are a role row's form fields: role_<name>, posted once per row.
var rowFields = []string{"name", "type", "gender", "age_min", "age_max", "height_min", "height_max",
	"description", "skills", "languages", "openings"}

// ParseListing reads the listing form into l, which keeps its kind. It
// checks what a draft may hold (formats, ranges, known choices); what a
// listing must hold before it is submitted is Missing's job. On errors l
// is left as it was. now is the caller's clock: a deadline must be ahead.
func ParseListing(v url.Values, l *Listing, now time.Time) domain.FieldErrors {
	f := form{v: v, e: domain.FieldErrors{}}
	next := *l
	next.Title = f.line("title", MaxListingTitle, "Keep the title under 120 characters.")
	next.Category = f.choice("category", Categories, "Choose a category from the list.")
	if next.Category == "" {
		next.Category = CategoryCasting
	}
	next.Description = f.text("description", MaxDescription, "Keep the description under 5,000 characters.")
	next.WorksFrom = f.date("works_from", "Enter the first work day as a date.")
	next.WorksUntil = f.date("works_until", "Enter the last work day as a date.")
	if next.WorksFrom != nil && next.WorksUntil != nil && next.WorksUntil.Before(*next.WorksFrom) {
		f.e.Add("works_until", "The last work day is before the first.")
	}
	next.Remote = f.flag("remote")
	next.City = f.line("city", MaxCity, "Keep the city under 80 characters.")
	next.Country = f.choice("country", profile.Countries, "Choose a country from the list.")

	next.Pay = Pay{Kind: f.choice("pay", []profile.Option{{Value: "paid"}, {Value: "not_paid"}}, "Choose Paid or Not paid.")}
	switch next.Pay.Kind {
	case "paid":
		next.Pay.AmountCents = f.money("pay_amount", "Enter the amount as a number, like 150 or 150.50.")
		next.Pay.Currency = f.choice("pay_currency", Currencies, "Choose a currency from the list.")
		next.Pay.Unit = f.choice("pay_unit", PayUnits, "Choose what the amount is for.")
		next.Pay.Guaranteed = f.flag("pay_guaranteed")
		if _, bad := f.e["pay_amount"]; !bad && next.Pay.AmountCents == 0 {
			f.e.Add("pay_amount", "A paid listing says how much it pays: enter an amount above zero, or choose Not paid.")
		}
	case "not_paid":
		next.Pay.UnpaidKind = f.choice("unpaid_kind", UnpaidKinds, "Choose what kind of unpaid work this is.")
		next.Pay.Offer = f.line("unpaid_offer", MaxShortText, "Keep this under 300 characters.")
	}
	next.Fee = Fee{}
	if f.flag("fee_charged") {
		next.Fee.AmountCents = f.money("fee_amount", "Enter the fee as a number, like 25.")
		next.Fee.Currency = f.choice("fee_currency", Currencies, "Choose a currency from the list.")
		next.Fee.For = f.line("fee_for", MaxShortText, "Keep this under 300 characters.")
		if _, bad := f.e["fee_amount"]; !bad && next.Fee.AmountCents == 0 {
			f.e.Add("fee_amount", "Enter the fee talent pay, or untick the fee.")
		}
	}
	next.UnionStatus = f.choice("union_status", UnionStatuses, "Choose a union status from the list.")
	next.Nudity = f.choice("nudity", NudityLevels, "Choose a nudity declaration from the list.")
	next.NudityDetails = f.text("nudity_details", MaxShortText, "Keep the details under 300 characters.")
	next.StudentFilm = f.flag("student_film")
	next.School = ""
	if next.StudentFilm {
		next.School = f.line("school", MaxShortText, "Keep the school's name under 300 characters.")
	}
	next.TimeZone = strings.TrimSpace(v.Get("time_zone"))
	loc, err := time.LoadLocation(next.TimeZone)
	if next.TimeZone == "" || err != nil || strings.HasPrefix(next.TimeZone, "Local") {
		next.TimeZone, loc = "UTC", time.UTC
	}
	next.Deadline = nil
	if s := strings.TrimSpace(v.Get("deadline")); s != "" {
		d, err := time.ParseInLocation(DeadlineLayout, s, loc)
		switch {
		case err != nil:
			f.e.Add("deadline", "Enter the deadline as a date and a time.")
		case !d.After(now):
			f.e.Add("deadline", "The deadline has passed: choose a date and time ahead.")
		default:
			next.Deadline = &d
		}
	}
	next.Notes = f.text("notes", MaxDescription, "Keep this under 5,000 characters.")
	next.Visibility = f.choice("visibility", Visibilities, "Choose who sees the listing.")
	if next.Visibility == "" {
		next.Visibility = "public"
	}
	if next.Kind == JobListing {
		next.Department = f.choice("department", profile.Departments, "Choose a department from the list.")
		next.Position = f.line("position", MaxRoleName, "Keep the position under 80 characters.")
		next.ExperienceLevel = f.choice("experience_level", profile.ExperienceLevels, "Choose an experience level from the list.")
		next.OwnEquipment = f.flag("own_equipment")
		next.Skills = f.tags("skills", MaxTags, "List at most 20 skills of up to 40 characters, separated by commas.")
		role := Role{Position: 1, Name: next.Position, Openings: f.number("openings", 1, MaxOpenings, "Enter how many people you need, from 1 to 1000.")}
		if role.Openings == 0 {
			role.Openings = 1
		}
		if len(l.Roles) == 1 {
			role.ID = l.Roles[0].ID
		}
		next.Roles = []Role{role}
	} else {
		next.Roles = parseRoles(v, l.Roles, f)
	}
	if len(f.e) == 0 {
		*l = next
	}
	return f.e
}

// parseRoles reads the role rows: role_<field> posted once per row, in
// row order; a row whose fields are all empty is dropped, and remove=role:N
// drops row N. Errors are keyed role_<field>_<index>. A row keeps the id of
// the stored role at its place, so applications stay attached.
func parseRoles(v url.Values, stored []Role, f form) []Role {
	rows := roleRows(v)
	var out []Role
	for i, r := range rows {
		if r.blank() {
			continue
		}
		key := func(field string) string { return fmt.Sprintf("role_%s_%d", field, i) }
		rf := form{v: url.Values{}, e: domain.FieldErrors{}}
		for k, val := range r {
			rf.v.Set(k, val)
		}
		role := Role{Position: len(out) + 1}
		role.Name = rf.line("name", MaxRoleName, "Keep the role's name under 80 characters.")
		if role.Name == "" {
			rf.e.Add("name", "Name the role (for example “Lead — Ana”).")
		}
		role.RoleType = rf.choice("type", RoleTypes, "Choose a role type from the list.")
		role.Gender = rf.choice("gender", RoleGenders, "Choose who the role is for.")
		if role.Gender == "" {
			role.Gender = "any"
		}
		role.AgeMin = rf.number("age_min", 0, MaxAge, "Enter an age from 0 to 100.")
		role.AgeMax = rf.number("age_max", 0, MaxAge, "Enter an age from 0 to 100.")
		if role.AgeMin > 0 && role.AgeMax > 0 && role.AgeMax < role.AgeMin {
			rf.e.Add("age_max", "The oldest playing age is below the youngest.")
		}
		role.HeightMin = rf.number("height_min", MinHeight, MaxHeight, "Enter a height from 50 to 250 cm.")
		role.HeightMax = rf.number("height_max", MinHeight, MaxHeight, "Enter a height from 50 to 250 cm.")
		if role.HeightMin > 0 && role.HeightMax > 0 && role.HeightMax < role.HeightMin {
			rf.e.Add("height_max", "The tallest height is below the shortest.")
		}
		role.Description = rf.text("description", MaxRoleText, "Keep the role's description under 2,000 characters.")
		role.Skills = rf.tags("skills", MaxTags, "List at most 20 skills of up to 40 characters, separated by commas.")
		role.Languages = rf.tags("languages", MaxTags, "List at most 20 languages, separated by commas.")
		role.Openings = rf.number("openings", 1, MaxOpenings, "Enter how many people you need, from 1 to 1000.")
		if role.Openings == 0 {
			role.Openings = 1
		}
		if len(out) == MaxRoles {
			rf.e.Add("name", fmt.Sprintf("A casting call holds at most %d roles.", MaxRoles))
		}
		for field, msg := range rf.e {
			f.e.Add(key(field), msg)
		}
		if len(out) < len(stored) {
			role.ID = stored[len(out)].ID
		}
		out = append(out, role)
	}
	return out
}

// roleRow is one posted role row, by field name.
type roleRow map[string]string

func (r roleRow) blank() bool {
	for k, v := range r {
		if k != "gender" && k != "openings" && strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// roleRows splits the posted role_* fields into rows, skipping a row named
// by remove=role:N.
func roleRows(v url.Values) []roleRow {
	n := 0
	for _, name := range rowFields {
		n = max(n, len(v["role_"+name]))
	}
	removed := -1
	if r, ok := strings.CutPrefix(v.Get("remove"), "role:"); ok {
		if i, err := strconv.Atoi(r); err == nil {
			removed = i
		}
	}
	rows := make([]roleRow, 0, n)
	for i := 0; i < n; i++ {
		row := roleRow{}
		for _, name := range rowFields {
			if vs := v["role_"+name]; i < len(vs) {
				row[name] = vs[i]
			}
		}
		if i == removed {
			row = roleRow{}
		}
		rows = append(rows, row)
	}
	return rows
}

// RoleRowBlank reports whether a row of RoleRows holds nothing typed (its
// defaults aside): parseRoles drops such a row, so a form need not show it
// twice.
func RoleRowBlank(r map[string]string) bool { return roleRow(r).blank() }

// RoleRows are the role rows a form shows: the posted or stored roles,
// then one blank row to add a role.
func RoleRows(v url.Values) []map[string]string {
	var out []map[string]string
	for _, r := range roleRows(v) {
		out = append(out, r)
	}
	return append(out, map[string]string{"gender": "any", "openings": "1"})
}

// ListingValues is the listing as its form's fields.
func ListingValues(l Listing) url.Values {
	v := url.Values{
		"title": {l.Title}, "category": {l.Category}, "description": {l.Description},
		"works_from": {FormatDate(l.WorksFrom)}, "works_until": {FormatDate(l.WorksUntil)},
		"city": {l.City}, "country": {l.Country}, "remote": {boolValue(l.Remote)},
		"pay": {l.Pay.Kind}, "pay_currency": {l.Pay.Currency}, "pay_unit": {l.Pay.Unit},
		"pay_guaranteed": {boolValue(l.Pay.Guaranteed)}, "unpaid_kind": {l.Pay.UnpaidKind}, "unpaid_offer": {l.Pay.Offer},
		"fee_charged": {boolValue(l.Fee.Charged())}, "fee_currency": {l.Fee.Currency}, "fee_for": {l.Fee.For},
		"union_status": {l.UnionStatus}, "nudity": {l.Nudity}, "nudity_details": {l.NudityDetails},
		"student_film": {boolValue(l.StudentFilm)}, "school": {l.School},
		"time_zone": {l.TimeZone}, "visibility": {l.Visibility}, "notes": {l.Notes},
		"department": {l.Department}, "position": {l.Position}, "experience_level": {l.ExperienceLevel},
		"own_equipment": {boolValue(l.OwnEquipment)}, "skills": {strings.Join(l.Skills, ", ")},
	}
	if l.Pay.AmountCents > 0 {
		v.Set("pay_amount", FormatMoney(l.Pay.AmountCents))
	}
	if l.Fee.AmountCents > 0 {
		v.Set("fee_amount", FormatMoney(l.Fee.AmountCents))
	}
	if l.Deadline != nil {
		loc, err := time.LoadLocation(l.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		v.Set("deadline", l.Deadline.In(loc).Format(DeadlineLayout))
	}
	if l.Kind == JobListing {
		if len(l.Roles) > 0 {
			v.Set("openings", strconv.Itoa(l.Roles[0].Openings))
		}
		return v
	}
	for _, r := range l.Roles {
		v.Add("role_name", r.Name)
		v.Add("role_type", r.RoleType)
		v.Add("role_gender", r.Gender)
		v.Add("role_age_min", numOrEmpty(r.AgeMin))
		v.Add("role_age_max", numOrEmpty(r.AgeMax))
		v.Add("role_height_min", numOrEmpty(r.HeightMin))
		v.Add("role_height_max", numOrEmpty(r.HeightMax))
		v.Add("role_description", r.Description)
		v.Add("role_skills", strings.Join(r.Skills, ", "))
		v.Add("role_languages", strings.Join(r.Languages, ", "))
		v.Add("role_openings", strconv.Itoa(r.Openings))
	}
	return v
}

func numOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// Missing lists what a listing still needs before it can be submitted,
// per field, with the posting rules that apply to every listing: a title
// and a description, where and when, pay said one way or the other (a
// Paid listing with a guaranteed amount), fees spelled out, nudity
// declared, the school of a student film, a deadline, and at least one
// role. An empty result means the listing can be submitted.
func Missing(l Listing, now time.Time) domain.FieldErrors {
	e := domain.FieldErrors{}
	if l.Title == "" {
		e.Add("title", "Give the listing a title.")
	}
	if len([]rune(l.Description)) < 40 {
		e.Add("description", "Describe the work in a few sentences (40 characters at least): what, when, what it asks of people.")
	}
	if !l.Remote && (l.City == "" || l.Country == "") {
		e.Add("city", "Say where the work takes place, or tick Remote.")
	}
	if l.WorksFrom == nil {
		e.Add("works_from", "Enter the first work day.")
	}
	switch l.Pay.Kind {
	case "":
		e.Add("pay", "Say whether the work is paid.")
	case "paid":
		if l.Pay.Currency == "" {
			e.Add("pay_currency", "Choose the currency.")
		}
		if l.Pay.Unit == "" {
			e.Add("pay_unit", "Say what the amount is for.")
		}
		if !l.Pay.Guaranteed {
			e.Add("pay_guaranteed", "A Paid listing guarantees its pay: tick that it is guaranteed, or choose Not paid (deferred or prospective pay is Not paid).")
		}
	case "not_paid":
		if l.Pay.UnpaidKind == "" {
			e.Add("unpaid_kind", "Choose what kind of unpaid work this is.")
		}
	}
	if l.Fee.Charged() && (l.Fee.For == "" || l.Fee.Currency == "") {
		e.Add("fee_for", "Spell out what the fee is for and its currency.")
	}
	if l.Nudity == "" {
		e.Add("nudity", "Declare whether the work involves nudity or sexual content.")
	} else if l.Nudity != "none" && l.NudityDetails == "" {
		e.Add("nudity_details", "Say what the nudity or sexual content involves.")
	}
	if l.StudentFilm && l.School == "" {
		e.Add("school", "Name the school of the student film.")
	}
	if l.Deadline == nil {
		e.Add("deadline", "Set the application deadline.")
	} else if !l.Deadline.After(now) {
		e.Add("deadline", "The deadline has passed: choose a date and time ahead.")
	}
	if l.Kind == JobListing {
		if l.Department == "" {
			e.Add("department", "Choose the department.")
		}
		if l.Position == "" {
			e.Add("position", "Name the position.")
		}
	} else {
		if len(l.Roles) == 0 {
			e.Add("role_name_0", "Add at least one role.")
		}
		for i, r := range l.Roles {
			if r.RoleType == "" {
				e.Add(fmt.Sprintf("role_type_%d", i), "Choose the role type.")
			}
		}
	}
	return e
}
