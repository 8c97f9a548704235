package profile

import (
	"regexp"
	"testing"
)

func TestOptionLists(t *testing.T) {
	t.Parallel()
	lists := map[string][]Option{
		"RoleTypes": RoleTypes, "Genders": Genders, "Builds": Builds, "EyeColours": EyeColours, "HairColours": HairColours,
		"HairLengths": HairLengths, "Ethnicities": Ethnicities, "Departments": Departments, "LanguageLevels": LanguageLevels,
		"ExperienceLevels": ExperienceLevels, "Unions": Unions, "CreditKinds": CreditKinds, "Countries": Countries,
	}
	value := regexp.MustCompile(`^[a-z][a-z_]*[a-z]$`)
	for name, opts := range lists {
		if len(opts) < 2 {
			t.Errorf("%s has %d options", name, len(opts))
		}
		values, labels := map[string]bool{}, map[string]bool{}
		for _, o := range opts {
			if values[o.Value] || labels[o.Label] || o.Label == "" {
				t.Errorf("%s: repeated or unlabelled option %+v", name, o)
			}
			values[o.Value], labels[o.Label] = true, true
			if name != "Countries" && !value.MatchString(o.Value) {
				t.Errorf("%s: value %q is not snake_case", name, o.Value)
			}
		}
	}
	// Forms find every list by name, and only those.
	if len(OptionLists) != len(lists) {
		t.Errorf("OptionLists names %d lists, there are %d", len(OptionLists), len(lists))
	}
	for name, opts := range OptionLists {
		if got := Options(name); len(got) == 0 || &got[0] != &opts[0] {
			t.Errorf("Options(%q) is not OptionLists[%q]", name, name)
		}
		named := false
		for _, l := range lists {
			named = named || &l[0] == &opts[0]
		}
		if !named {
			t.Errorf("OptionLists[%q] is not one of the exported lists", name)
		}
	}
	for _, v := range []string{"actor", "extra", "model", "dancer", "voice_over", "singer", "stunt", "presenter", "musician"} {
		if !Valid(RoleTypes, v) {
			t.Errorf("role type %s missing", v)
		}
	}
	for _, v := range []string{"female", "male", "non_binary", "other"} {
		if !Valid(Genders, v) {
			t.Errorf("gender %s missing", v)
		}
	}
	for _, v := range []string{"camera", "editing", "writing", "directing", "production", "sound", "lighting", "art", "costume", "makeup_hair", "vfx", "music"} {
		if !Valid(Departments, v) {
			t.Errorf("department %s missing", v)
		}
	}
}

func TestCountries(t *testing.T) {
	t.Parallel()
	if len(Countries) != 249 {
		t.Errorf("%d countries, want ISO 3166-1's 249", len(Countries))
	}
	code := regexp.MustCompile(`^[A-Z]{2}$`)
	for _, c := range Countries {
		if !code.MatchString(c.Value) {
			t.Errorf("bad code %q", c.Value)
		}
	}
	for code, name := range map[string]string{"PT": "Portugal", "GB": "United Kingdom", "US": "United States", "FR": "France", "CI": "Côte d'Ivoire", "XK": ""} {
		if got := Label(Countries, code); name != "" && got != name {
			t.Errorf("Label(%s) = %q, want %q", code, got, name)
		}
		if CountryOK(code) != (name != "") {
			t.Errorf("CountryOK(%s) = %v", code, !(name != ""))
		}
	}
	for _, bad := range []string{"", "pt", "PRT", "XX", "UK", "EU"} {
		if CountryOK(bad) {
			t.Errorf("CountryOK(%q) accepted", bad)
		}
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	if o, ok := Lookup(EyeColours, "dark_brown"); !ok || o.Label != "Dark brown" {
		t.Errorf("Lookup = %+v, %v", o, ok)
	}
	if _, ok := Lookup(EyeColours, "Dark brown"); ok {
		t.Error("Lookup matched a label")
	}
	if Valid(EyeColours, "") || Valid(EyeColours, "purple") || !Valid(EyeColours, "blue") {
		t.Error("Valid")
	}
	if Label(Unions, "sag_aftra") != "SAG-AFTRA" || Label(Unions, "Sindicato dos Actores") != "Sindicato dos Actores" {
		t.Error("Label")
	}
	if got := Labels(RoleTypes, []string{"voice_over", "actor", "juggler"}); len(got) != 3 || got[0] != "Voice-over artist" || got[2] != "juggler" {
		t.Errorf("Labels = %q", got)
	}
}
