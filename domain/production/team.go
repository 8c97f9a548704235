package production

import "github.com/slatecasting/slate/domain/profile"

// TeamMember is one accepted participation on a project: the person, the
// role or position they hold, and who decided it and when.
type TeamMember struct {
	Applicant
	ListingTitle string
	Kind         Kind
	// Department is a job listing's department (a value of
	// profile.Departments), "" for a casting call.
	Department string
	// DecidedByName is who accepted them: the producer, or the talent
	// themself when they accepted an invitation.
	DecidedByName string
}

// SelfAccepted reports whether the talent accepted an invitation
// themself, rather than being accepted by the producer.
func (m TeamMember) SelfAccepted() bool {
	return m.DecidedBy != nil && *m.DecidedBy == m.TalentID
}

// TeamGroup is one heading of the team page: a casting call's role, or a
// crew department.
type TeamGroup struct {
	Kind     Kind
	Title    string // the role's name, or the department
	Subtitle string // the casting call a role belongs to; "" for departments
	// ListingID is the casting call of a role's group, 0 for departments
	// (they span job listings).
	ListingID int64
	Members   []TeamMember
}

// Team is a project's team: the cast by role, then the crew by
// department.
type Team struct {
	Cast []TeamGroup
	Crew []TeamGroup
	// Size is how many different people are on the team.
	Size int
}

// GroupTeam groups accepted members, in the order given, into the cast
// (one group per role: two listings' roles may share a name) and the crew
// (one group per department, across job listings).
func GroupTeam(members []TeamMember) Team {
	var t Team
	castAt := map[int64]int{}
	crewAt := map[string]int{}
	people := map[int64]bool{}
	for _, m := range members {
		people[m.TalentID] = true
		if m.Kind == JobListing {
			dept := profile.Label(profile.Departments, m.Department)
			if dept == "" {
				dept = "Other crew"
			}
			i, ok := crewAt[dept]
			if !ok {
				i = len(t.Crew)
				crewAt[dept] = i
				t.Crew = append(t.Crew, TeamGroup{Kind: JobListing, Title: dept})
			}
			t.Crew[i].Members = append(t.Crew[i].Members, m)
			continue
		}
		i, ok := castAt[m.RoleID]
		if !ok {
			i = len(t.Cast)
			castAt[m.RoleID] = i
			t.Cast = append(t.Cast, TeamGroup{Kind: CastingCall, Title: m.RoleName, Subtitle: m.ListingTitle, ListingID: m.ListingID})
		}
		t.Cast[i].Members = append(t.Cast[i].Members, m)
	}
	t.Size = len(people)
	return t
}
