package production

import (
	"testing"
)

func TestListingJSONMapsAndReportsWhatTheFormRefuses(t *testing.T) {
	t.Parallel()
	good := `{"id": "ok-1", "kind": "casting_call", "project_type": "short_film", "title": "Two sisters",
		"description": "We are casting two sisters in their twenties for a ten-minute drama about a family bakery. Three shooting days in March in Porto, with one rehearsal the week before.",
		"location": "Porto", "dates": "2027-03-01 to 2027-03-03",
		"pay": {"tag": "paid", "amount": 150, "unit": "day", "guaranteed": true},
		"fees": null, "nudity": {"declared": "none"}, "student_film": false}`
	cases := []struct {
		name, json string
		want       []string // rule:field of every problem, in order
	}{
		{"good", good, nil},
		{"remote, free-text dates, string amount", `{"id": 2, "title": "Voice", "description": "` + repeatWords(30) + `", "location": "Remote",
			"dates": "two days in May", "pay": {"tag": "paid", "amount": "200.50", "currency": "GBP", "unit": "day", "guaranteed": true}, "nudity": {"declared": "none"}}`, nil},
		{"paid amount 0 and an unknown unit", `{"id": 3, "description": "` + repeatWords(30) + `", "location": "Lyon", "dates": "2027-01-01",
			"pay": {"tag": "paid", "amount": 0, "unit": "month", "guaranteed": true}}`,
			[]string{"paid_below_minimum:pay_unit", "paid_not_guaranteed:pay_guaranteed"}},
		{"amount not a number, unknown tag", `{"id": 4, "description": "` + repeatWords(30) + `", "location": "Lyon", "dates": "2027-01-01",
			"pay": {"tag": "maybe", "amount": "lots"}}`,
			[]string{"paid_not_guaranteed:pay_amount", "vague:pay"}},
		{"fee without amount or purpose on a workshop", `{"id": 5, "category": "workshop", "description": "` + repeatWords(30) + `", "location": "Lyon",
			"dates": "2027-01-01", "pay": {"tag": "not_paid", "kind": "volunteer"}, "fees": {"amount": 0}}`,
			[]string{"fee_not_disclosed:fee_amount"}},
		{"unknown kind, category, nudity; reversed dates", `{"id": 6, "kind": "gig", "category": "party", "description": "` + repeatWords(30) + `",
			"location": "Lyon", "dates": "2027-01-05 to 2027-01-01", "pay": {"tag": "not_paid", "kind": "volunteer"}, "nudity": {"declared": "some"}}`,
			[]string{"vague:kind", "vague:category", "vague:works_until", "nudity_not_declared:nudity"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ls, bad, err := DecodeListingsJSON([]byte(tc.json))
			if err != nil || len(ls) != 1 || bad[0] != nil {
				t.Fatalf("decode: %v, %v, %v", ls, bad, err)
			}
			res := ls[0].Check(testRates)
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Rule+":"+p.Field)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("problems = %v, want %v", got, tc.want)
				}
			}
			if want := map[bool]string{true: "pass", false: "fail"}[len(tc.want) == 0]; res.Verdict != want || res.Problems == nil {
				t.Errorf("verdict %q (problems %v), want %q", res.Verdict, res.Problems, want)
			}
		})
	}
}

func TestDecodeListingsJSON(t *testing.T) {
	t.Parallel()
	ls, bad, err := DecodeListingsJSON([]byte(`[{"id": 1}, {"id": 2, "title": 5}, 7]`))
	if err != nil || len(ls) != 3 || bad[0] != nil || len(bad[1]) != 1 || bad[1][0].Field != "title" || len(bad[2]) != 1 {
		t.Fatalf("array: %+v, %+v, %v", ls, bad, err)
	}
	for _, in := range []string{"", "not json", `"a string"`, `{"id": 1`, `[1, 2`} {
		if _, _, err := DecodeListingsJSON([]byte(in)); err == nil {
			t.Errorf("%q decoded", in)
		}
	}
}

// repeatWords is n words of filler description.
func repeatWords(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "word "
	}
	return s
}
