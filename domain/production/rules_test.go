package production

import (
	"strings"
	"testing"
	"time"
)

// testRates are the minimum rates of the tests: EUR only.
var testRates = Rates{"EUR": {"hour": 1200, "day": 9000, "week": 45000, "flat": 9000}}

// goodPosting passes every rule; each case below changes one thing.
func goodPosting() Posting {
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	until := from.AddDate(0, 0, 2)
	return Posting{ProjectType: "short_film", Listing: Listing{
		Kind: CastingCall, Category: CategoryCasting, Title: "Two sisters for a short film in Porto",
		Description: "We are casting two sisters in their twenties for a ten-minute drama about a family bakery. " +
			"Three shooting days in March in Porto, with one rehearsal the week before. Lunch and travel are covered.",
		WorksFrom: &from, WorksUntil: &until, City: "Porto", Country: "PT",
		Pay:    Pay{Kind: "paid", AmountCents: 15000, Currency: "EUR", Unit: "day", Guaranteed: true},
		Nudity: "none", Roles: []Role{{Name: "Ana", Description: "The elder sister, warm and stubborn."}},
	}}
}

func TestCheckRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(p *Posting)
		rule   string // "" when the posting must pass
		field  string
	}{
		{"good", func(p *Posting) {}, "", ""},
		{"paid: 150 EUR/day guaranteed in the text", func(p *Posting) { p.Listing.Notes = "Paid: 150 EUR/day guaranteed." }, "", ""},

		{"paid but not guaranteed", func(p *Posting) { p.Listing.Pay.Guaranteed = false }, RulePaidNotGuaranteed, "pay_guaranteed"},
		{"paid with no amount", func(p *Posting) { p.Listing.Pay.AmountCents = 0 }, RulePaidNotGuaranteed, "pay_guaranteed"},
		{"paid if picked up", func(p *Posting) { p.Listing.Notes = "Actors will be paid if picked up by a streamer." }, RulePaidNotGuaranteed, "notes"},
		{"paid once distributed", func(p *Posting) { p.Listing.Notes = "Pay comes once distributed." }, RulePaidNotGuaranteed, "notes"},
		{"paid deferred", func(p *Posting) { p.Listing.Description += " Deferred payment." }, RulePaidNotGuaranteed, "description"},
		{"paid food and transport only", func(p *Posting) { p.Listing.Notes = "Food and transport only." }, RulePaidNotGuaranteed, "notes"},
		{"paid rémunération différée (fr)", func(p *Posting) { p.Listing.Notes = "Rémunération différée." }, RulePaidNotGuaranteed, "notes"},
		{"paid pagamento diferido (pt)", func(p *Posting) { p.Listing.Notes = "Pagamento diferido." }, RulePaidNotGuaranteed, "notes"},
		{"paid pago diferido (es)", func(p *Posting) { p.Listing.Notes = "Pago diferido." }, RulePaidNotGuaranteed, "notes"},
		{"near miss: not deferred", func(p *Posting) { p.Listing.Notes = "Guaranteed pay, not deferred." }, "", ""},
		{"near miss: deferred pay is not paid, not_paid tag", func(p *Posting) {
			p.Listing.Pay = Pay{Kind: "not_paid", UnpaidKind: "deferred", Offer: "Deferred pay once distributed"}
		}, "", ""},

		{"below minimum per day", func(p *Posting) { p.Listing.Pay.AmountCents = 5000 }, RulePaidBelowMinimum, "pay_amount"},
		{"below minimum per hour", func(p *Posting) { p.Listing.Pay.AmountCents, p.Listing.Pay.Unit = 800, "hour" }, RulePaidBelowMinimum, "pay_amount"},
		{"below minimum per week", func(p *Posting) { p.Listing.Pay.AmountCents, p.Listing.Pay.Unit = 30000, "week" }, RulePaidBelowMinimum, "pay_amount"},
		{"flat below minimum per day worked", func(p *Posting) { p.Listing.Pay.AmountCents, p.Listing.Pay.Unit = 20000, "flat" }, RulePaidBelowMinimum, "pay_amount"},
		{"near miss: flat at minimum for three days", func(p *Posting) { p.Listing.Pay.AmountCents, p.Listing.Pay.Unit = 27000, "flat" }, "", ""},
		{"near miss: at the hourly minimum", func(p *Posting) { p.Listing.Pay.AmountCents, p.Listing.Pay.Unit = 1200, "hour" }, "", ""},
		{"near miss: currency without rates", func(p *Posting) { p.Listing.Pay.AmountCents, p.Listing.Pay.Currency = 100, "CHF" }, "", ""},
		{"near miss: low pay tagged not paid", func(p *Posting) { p.Listing.Pay = Pay{Kind: "not_paid", UnpaidKind: "low_pay", AmountCents: 3000} }, "", ""},

		{"fee on a casting", func(p *Posting) { p.Listing.Fee = Fee{AmountCents: 2500, Currency: "EUR", For: "Materials"} }, RuleFeeNotAllowedCategory, "category"},
		{"fee on a class", func(p *Posting) {
			p.Listing.Category = "class"
			p.Listing.Fee = Fee{AmountCents: 2500, Currency: "EUR", For: "Materials"}
		}, RuleFeeNotAllowedCategory, "category"},
		{"near miss: fee on a workshop", func(p *Posting) {
			p.Listing.Category = "workshop"
			p.Listing.Fee = Fee{AmountCents: 2500, Currency: "EUR", For: "Workshop fee"}
		}, "", ""},
		{"near miss: fee on a competition", func(p *Posting) {
			p.Listing.Category = "competition"
			p.Listing.Fee = Fee{AmountCents: 1000, Currency: "EUR", For: "Entry fee"}
		}, "", ""},

		{"registration fee undeclared", func(p *Posting) { p.Listing.Notes = "A registration fee of 30 EUR applies." }, RuleFeeNotDisclosed, "fee_charged"},
		{"photo fee undeclared", func(p *Posting) { p.Listing.Description += " There is a small photo fee." }, RuleFeeNotDisclosed, "fee_charged"},
		{"frais d'inscription (fr)", func(p *Posting) { p.Listing.Notes = "Frais d'inscription : 20 €." }, RuleFeeNotDisclosed, "fee_charged"},
		{"taxa de inscrição (pt)", func(p *Posting) { p.Listing.Notes = "Taxa de inscrição de 20 euros." }, RuleFeeNotDisclosed, "fee_charged"},
		{"cuota de inscripción (es)", func(p *Posting) { p.Listing.Notes = "Cuota de inscripción: 20 euros." }, RuleFeeNotDisclosed, "fee_charged"},
		{"near miss: coffee and feel", func(p *Posting) {
			p.Listing.Notes = "Coffee on set; we want you to feel at home. Our fees go to talent."
		}, "", ""},
		{"near miss: no registration fee", func(p *Posting) { p.Listing.Notes = "There is no registration fee." }, "", ""},

		{"topless undeclared", func(p *Posting) { p.Listing.Roles[0].Description = "One topless scene at the beach." }, RuleNudityNotDeclared, "nudity"},
		{"intimate scenes undeclared", func(p *Posting) { p.Listing.Notes = "The script has intimate scenes." }, RuleNudityNotDeclared, "nudity"},
		{"simulated sex undeclared", func(p *Posting) { p.Listing.Notes = "Simulated sex, closed set." }, RuleNudityNotDeclared, "nudity"},
		{"lingerie undeclared", func(p *Posting) { p.Listing.Notes = "Wardrobe: lingerie." }, RuleNudityNotDeclared, "nudity"},
		{"nudité (fr)", func(p *Posting) { p.Listing.Notes = "Scène de nudité partielle." }, RuleNudityNotDeclared, "nudity"},
		{"cena íntima (pt)", func(p *Posting) { p.Listing.Notes = "Há uma cena íntima." }, RuleNudityNotDeclared, "nudity"},
		{"desnudo (es)", func(p *Posting) { p.Listing.Notes = "Un plano desnudo." }, RuleNudityNotDeclared, "nudity"},
		{"negation does not cross sentences", func(p *Posting) { p.Listing.Notes = "No experience needed. Topless scene." }, RuleNudityNotDeclared, "nudity"},
		{"near miss: no nudity", func(p *Posting) { p.Listing.Notes = "No nudity." }, "", ""},
		{"near miss: no nudity or sexual content", func(p *Posting) { p.Listing.Notes = "There is no nudity or sexual content." }, "", ""},
		{"near miss: includes, nudes in a word", func(p *Posting) { p.Listing.Notes = "The day includes a fitting and a read-through." }, "", ""},
		{"near miss: sem nudez (pt)", func(p *Posting) { p.Listing.Notes = "Sem nudez." }, "", ""},
		{"near miss: declared", func(p *Posting) {
			p.Listing.Nudity, p.Listing.NudityDetails = "partial", "One topless scene, closed set."
			p.Listing.Notes = "One topless scene."
		}, "", ""},

		{"email your headshot", func(p *Posting) { p.Listing.Notes = "Please e-mail your headshot and CV." }, RuleAsksEmailProfileItems, "notes"},
		{"send photos to an address", func(p *Posting) { p.Listing.Description += " Send your photos and height to casting@example.com." }, RuleAsksEmailProfileItems, "description"},
		{"showreel by email", func(p *Posting) { p.Listing.Notes = "Showreel by email, please." }, RuleAsksEmailProfileItems, "notes"},
		{"envoyez votre CV (fr)", func(p *Posting) { p.Listing.Notes = "Envoyez votre CV et vos photos." }, RuleAsksEmailProfileItems, "notes"},
		{"envie suas fotos (pt)", func(p *Posting) { p.Listing.Notes = "Envie suas fotos e medidas." }, RuleAsksEmailProfileItems, "notes"},
		{"manda tu currículum (es)", func(p *Posting) { p.Listing.Notes = "Manda tu currículum por correo." }, RuleAsksEmailProfileItems, "notes"},
		{"near miss: self-tape answering questions", func(p *Posting) { p.Listing.Notes = "Send a self-tape answering these questions." }, "", ""},
		{"near miss: skill on video", func(p *Posting) { p.Listing.Notes = "Send a video of you juggling three balls." }, "", ""},
		{"near miss: no need to send photos", func(p *Posting) { p.Listing.Notes = "No need to send photos: we see your profile." }, "", ""},

		{"sign up on a site", func(p *Posting) { p.Listing.Notes = "Sign up on castingworld.example to apply." }, RuleThirdPartySignup, "notes"},
		{"download the app", func(p *Posting) { p.Listing.Description += " Download the app to book a slot." }, RuleThirdPartySignup, "description"},
		{"apply through a form", func(p *Posting) { p.Listing.Notes = "Apply through our Google form." }, RuleThirdPartySignup, "notes"},
		{"inscrivez-vous sur (fr)", func(p *Posting) { p.Listing.Notes = "Inscrivez-vous sur notre site." }, RuleThirdPartySignup, "notes"},
		{"baixe o aplicativo (pt)", func(p *Posting) { p.Listing.Notes = "Baixe o aplicativo." }, RuleThirdPartySignup, "notes"},
		{"regístrate en (es)", func(p *Posting) { p.Listing.Notes = "Regístrate en nuestra web." }, RuleThirdPartySignup, "notes"},
		{"near miss: download the script", func(p *Posting) { p.Listing.Notes = "You can download the script after you are cast." }, "", ""},

		{"short description", func(p *Posting) { p.Listing.Description = "Actors wanted for a film." }, RuleVague, "description"},
		{"no dates", func(p *Posting) { p.Listing.WorksFrom, p.Listing.WorksUntil = nil, nil }, RuleVague, "works_from"},
		{"near miss: dates as free text", func(p *Posting) { p.Listing.WorksFrom, p.Listing.WorksUntil, p.Dates = nil, nil, "early March" }, "", ""},
		{"no place", func(p *Posting) { p.Listing.City = "" }, RuleVague, "city"},
		{"near miss: remote", func(p *Posting) { p.Listing.City, p.Listing.Remote = "", true }, "", ""},
		{"pay not said", func(p *Posting) { p.Listing.Pay = Pay{} }, RuleVague, "pay"},
		{"pay TBD", func(p *Posting) {
			p.Listing.Pay = Pay{Kind: "not_paid", UnpaidKind: "low_pay"}
			p.Listing.Notes = "Pay TBD."
		}, RuleVague, "notes"},

		{"student film in the text", func(p *Posting) { p.Listing.Description += " It is my graduation film." }, RuleStudentFilmNotMarked, "student_film"},
		{"student film project type", func(p *Posting) { p.ProjectType = "student_film" }, RuleStudentFilmNotMarked, "student_film"},
		{"école de cinéma (fr)", func(p *Posting) { p.Listing.Notes = "Un film d'école de cinéma." }, RuleStudentFilmNotMarked, "student_film"},
		{"near miss: marked", func(p *Posting) {
			p.Listing.StudentFilm, p.Listing.School = true, "ESMAD"
			p.Listing.Notes = "Student film."
		}, "", ""},
		{"near miss: students welcome", func(p *Posting) { p.Listing.Notes = "Drama students welcome to apply." }, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := goodPosting()
			tc.change(&p)
			got := CheckRules(p, testRates)
			if tc.rule == "" {
				if len(got) > 0 {
					t.Fatalf("want a pass, got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != tc.rule || got[0].Field != tc.field || got[0].Message == "" {
				t.Fatalf("want one %s on %s, got %+v", tc.rule, tc.field, got)
			}
		})
	}
}

func TestWordsFoldAccentsAndSplitSentences(t *testing.T) {
	t.Parallel()
	got := strings.Join(words("Résumé, NUDITÉ; inscrição — write to a@b.co!"), " ")
	if want := "resume nudite . inscricao write to emailaddr ."; got != want {
		t.Fatalf("words = %q, want %q", got, want)
	}
}
