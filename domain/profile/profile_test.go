package profile

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// now is the fixed clock of the tests: credits may be dated up to 2028.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// form builds url.Values from key, value pairs, repeated keys kept in order.
func form(kv ...string) url.Values {
	f := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], kv[i+1])
	}
	return f
}

func fullPerformer() Profile {
	return Profile{
		PublicProfile: PublicProfile{
			DisplayName: "Maya Laurent", Pronouns: "she/her",
			Headline:  "Actor and dancer, Lisbon",
			Bio:       "Classically trained actor and contemporary dancer with ten years on stage and screen.",
			RoleTypes: []string{"actor", "dancer"}, Gender: "female", PlayingAgeMin: 25, PlayingAgeMax: 35, HeightCM: 168,
			Build: "athletic", EyeColour: "green", HairColour: "brown", HairLength: "long",
			Skills: []string{"Stage combat", "Horse riding"}, Accents: []string{"RP"},
			Languages: []Language{{"Portuguese", "native"}, {"English", "fluent"}},
			Unions:    []string{"equity_uk", "Sindicato dos Actores"},
			City:      "Lisbon", Country: "PT", WillingToTravel: true, HasPassport: true, ExperienceLevel: "professional",
			Credits:  []Credit{{Year: 2024, Title: "The Tide", Role: "Lead", Company: "Mar Filmes", Kind: "film"}, {Year: 2028, Title: "Next"}},
			Training: []Training{{Year: 2015, Institution: "ESTC", Course: "Acting"}, {Institution: "Private coach"}},
			Links:    []Link{{Label: "Agency", URL: "https://agency.example.com/maya"}},
		},
		Email: "maya@example.com", Phone: "+351 912 345 678", EthnicAppearance: []string{"mixed"},
	}
}

func fullCrew() Profile {
	return Profile{PublicProfile: PublicProfile{
		DisplayName: "Tomás Ribeiro", Headline: "Documentary and feature editor",
		Bio:         "Editor of documentaries and features for twelve years, from assembly to online and grade.",
		Departments: []string{"editing", "sound"}, Equipment: "Avid Media Composer, DaVinci Resolve Studio",
		Skills:    []string{"Avid", "DaVinci Resolve", "Colour grading"},
		Languages: []Language{{"Portuguese", "native"}}, Unions: []string{"none"},
		City: "Porto", Country: "PT", DrivingLicence: true, ExperienceLevel: "professional",
		Credits: []Credit{{Year: 2023, Title: "The River Doc", Role: "Editor", Kind: "tv"}},
	}}
}

// filled returns a Profile with every field set to a non-zero value, so
// a test notices a field it forgot.
func filled(t *testing.T) Profile {
	t.Helper()
	var p Profile
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			n++
			v.SetString(fmt.Sprintf("value-%d", n))
		case reflect.Int:
			n++
			v.SetInt(int64(1000 + n))
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			s := reflect.MakeSlice(v.Type(), 1, 1)
			fill(s.Index(0))
			v.Set(s)
		case reflect.Struct:
			for i := range v.NumField() {
				fill(v.Field(i))
			}
		default:
			t.Fatalf("filled: no filler for %s", v.Kind())
		}
	}
	fill(reflect.ValueOf(&p).Elem())
	return p
}

// fields lists a struct's fields as a reader of the document sees them:
// the embedded PublicProfile's fields promoted, the embedding itself not.
func fields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for _, f := range reflect.VisibleFields(t) {
		if !f.Anonymous {
			out = append(out, f)
		}
	}
	return out
}

func TestPublicDropsContact(t *testing.T) {
	t.Parallel()
	p := filled(t)
	pub := p.Public()

	private := map[string]bool{"Email": true, "Phone": true, "EthnicAppearance": true}
	pt, pv := reflect.TypeOf(pub), reflect.ValueOf(pub)
	for name := range private {
		if _, ok := pt.FieldByName(name); ok {
			t.Errorf("PublicProfile has the private field %s", name)
		}
	}
	// Every other field is there, with the same value: a field added to
	// Profile must be decided on here.
	for _, f := range fields(reflect.TypeOf(p)) {
		if private[f.Name] {
			continue
		}
		got := pv.FieldByName(f.Name)
		if !got.IsValid() {
			t.Errorf("PublicProfile lacks %s: add it there or to the private fields", f.Name)
			continue
		}
		if want := reflect.ValueOf(p).FieldByIndex(f.Index).Interface(); !reflect.DeepEqual(got.Interface(), want) {
			t.Errorf("Public().%s = %v, want %v", f.Name, got.Interface(), want)
		}
	}
	data, err := json.Marshal(pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{`"` + p.Email + `"`, `"` + p.Phone + `"`, `"` + p.EthnicAppearance[0] + `"`, `"email"`, `"phone"`, `"ethnicities"`} {
		if strings.Contains(string(data), secret) {
			t.Errorf("public JSON contains %s: %s", secret, data)
		}
	}
	// The view shares nothing with the profile.
	pub.Skills[0] = "changed"
	pub.Credits[0].Title = "changed"
	if p.Skills[0] == "changed" || p.Credits[0].Title == "changed" {
		t.Error("Public() shares its lists with the profile")
	}
}

func TestJSONKeysAreSnakeCase(t *testing.T) {
	t.Parallel()
	data, err := json.Marshal(filled(t))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if n := len(fields(reflect.TypeOf(Profile{}))); len(m) != n {
		t.Errorf("%d JSON keys for %d fields", len(m), n)
	}
	for k := range m {
		if k != strings.ToLower(k) || strings.ContainsAny(k, " -") {
			t.Errorf("JSON key %q is not snake_case", k)
		}
	}
	for _, k := range []string{"display_name", "email", "phone", "height_cm", "playing_age_min", "ethnicities", "willing_to_travel"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no JSON key %q", k)
		}
	}
}

// storedJSON is a profile document as the store held it before
// PublicProfile was embedded in Profile (every key set): documents saved
// then must keep loading, and saving must write the same keys and values.
const storedJSON = `{"display_name":"Maya Laurent","pronouns":"she/her","email":"maya@example.com","phone":"+351 912 345 678",` +
	`"headline":"Actor and dancer, Lisbon","bio":"Classically trained actor and contemporary dancer with ten years on stage and screen.",` +
	`"role_types":["actor","dancer"],"gender":"female","playing_age_min":25,"playing_age_max":35,"height_cm":168,"build":"athletic",` +
	`"eye_colour":"green","hair_colour":"brown","hair_length":"long","ethnicities":["mixed"],"departments":["editing"],` +
	`"equipment":"Sony FX3","skills":["Stage combat","Horse riding"],` +
	`"languages":[{"name":"Portuguese","level":"native"},{"name":"English","level":"fluent"}],"accents":["RP"],` +
	`"unions":["equity_uk","Sindicato dos Actores"],"city":"Lisbon","country":"PT","willing_to_travel":true,` +
	`"driving_licence":true,"has_passport":true,"experience_level":"professional",` +
	`"credits":[{"year":2024,"title":"The Tide","role":"Lead","company":"Mar Filmes","kind":"film"},{"year":2028,"title":"Next"}],` +
	`"training":[{"year":2015,"institution":"ESTC","course":"Acting"},{"institution":"Private coach"}],` +
	`"links":[{"label":"Agency","url":"https://agency.example.com/maya"}]}`

// TestStoredJSONRoundTrips loads a document in the stored format and
// saves it again. Keys may come out in another order — JSONB keeps its
// own order, so Go's never reached the database — but the keys and
// values are the same, the private fields included.
func TestStoredJSONRoundTrips(t *testing.T) {
	t.Parallel()
	var p Profile
	if err := json.Unmarshal([]byte(storedJSON), &p); err != nil {
		t.Fatal(err)
	}
	want := fullPerformer()
	want.Departments, want.Equipment, want.DrivingLicence = []string{"editing"}, "Sony FX3", true
	if !reflect.DeepEqual(p, want) {
		t.Errorf("loaded\n %+v\nwant %+v", p, want)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := canonical(t, out), canonical(t, []byte(storedJSON)); got != want {
		t.Errorf("saved document differs:\n got %s\nwant %s", got, want)
	}
}

// canonical re-encodes a JSON document with its keys sorted.
func canonical(t *testing.T, doc []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
