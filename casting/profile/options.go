package profile

import "strings"

// Option is one choice of an enumerated field: the stored value and the
// label people read. Lists are ordered as forms show them, and search
// reuses them.
type Option struct {
	Value string
	Label string
}

// The enumerated fields' choices.
var (
	RoleTypes = []Option{{"actor", "Actor"}, {"extra", "Extra"}, {"model", "Model"}, {"dancer", "Dancer"},
		{"voice_over", "Voice-over artist"}, {"singer", "Singer"}, {"stunt", "Stunt performer"},
		{"presenter", "Presenter"}, {"musician", "Musician"}}
	Genders = []Option{{"female", "Female"}, {"male", "Male"}, {"non_binary", "Non-binary"}, {"other", "Other"}}
	Builds  = []Option{{"slim", "Slim"}, {"athletic", "Athletic"}, {"average", "Average"}, {"muscular", "Muscular"},
		{"curvy", "Curvy"}, {"heavy", "Heavy-set"}}
	EyeColours = []Option{{"brown", "Brown"}, {"dark_brown", "Dark brown"}, {"hazel", "Hazel"}, {"green", "Green"},
		{"blue", "Blue"}, {"grey", "Grey"}, {"amber", "Amber"}, {"heterochromia", "Two colours"}}
	HairColours = []Option{{"black", "Black"}, {"dark_brown", "Dark brown"}, {"brown", "Brown"}, {"light_brown", "Light brown"},
		{"blonde", "Blonde"}, {"red", "Red"}, {"auburn", "Auburn"}, {"grey", "Grey"}, {"white", "White"},
		{"bald", "Bald / shaved"}, {"dyed", "Dyed / fantasy"}}
	HairLengths = []Option{{"bald", "Bald / shaved"}, {"very_short", "Very short"}, {"short", "Short"},
		{"medium", "Medium"}, {"long", "Long"}, {"very_long", "Very long"}}
	// Ethnicities are self-declared and optional: a talent chooses whether
	// producers can search on them at all.
	Ethnicities = []Option{{"african", "Black / African"}, {"caribbean", "Caribbean"}, {"east_asian", "East Asian"},
		{"south_asian", "South Asian"}, {"southeast_asian", "Southeast Asian"}, {"middle_eastern", "Middle Eastern / North African"},
		{"latino", "Latino / Hispanic"}, {"indigenous", "Indigenous"}, {"pacific", "Pacific Islander"},
		{"white", "White / European"}, {"mixed", "Mixed"}}
	Departments = []Option{{"camera", "Camera"}, {"editing", "Editing"}, {"writing", "Screenwriting"},
		{"directing", "Directing"}, {"production", "Production"}, {"sound", "Sound"}, {"lighting", "Lighting & grip"},
		{"art", "Art department"}, {"costume", "Costume"}, {"makeup_hair", "Make-up & hair"}, {"vfx", "VFX & animation"},
		{"music", "Music"}, {"casting", "Casting"}, {"photography", "Photography"}}
	LanguageLevels   = []Option{{"native", "Native"}, {"fluent", "Fluent"}, {"conversational", "Conversational"}, {"basic", "Basic"}}
	ExperienceLevels = []Option{{"beginner", "Beginner"}, {"intermediate", "Intermediate"}, {"professional", "Professional"}}
	Unions           = []Option{{"equity_uk", "Equity (UK)"}, {"sag_aftra", "SAG-AFTRA"}, {"actra", "ACTRA"}, {"meaa", "MEAA"},
		{"ubcp", "UBCP/ACTRA"}, {"aea", "Actors' Equity (US)"}, {"bectu", "Bectu"}, {"iatse", "IATSE"}, {"other", "Other union"}}
	CreditKinds = []Option{{"film", "Film"}, {"tv", "Television"}, {"theatre", "Theatre"}, {"commercial", "Commercial"},
		{"music_video", "Music video"}, {"web", "Web / online"}, {"other", "Other"}}
)

// Valid reports whether v is one of opts.
func Valid(opts []Option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// Label returns v's label in opts, or v itself.
func Label(opts []Option, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// Labels returns the labels of vs, in order.
func Labels(opts []Option, vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, Label(opts, v))
	}
	return out
}

// countryList is ISO 3166-1 alpha-2 codes and English names.
const countryList = `AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AL Albania|AM Armenia|AO Angola|AR Argentina|AT Austria|AU Australia|AZ Azerbaijan|BA Bosnia and Herzegovina|BB Barbados|BD Bangladesh|BE Belgium|BF Burkina Faso|BG Bulgaria|BH Bahrain|BI Burundi|BJ Benin|BN Brunei|BO Bolivia|BR Brazil|BS Bahamas|BT Bhutan|BW Botswana|BY Belarus|BZ Belize|CA Canada|CD DR Congo|CF Central African Republic|CG Congo|CH Switzerland|CI Côte d'Ivoire|CL Chile|CM Cameroon|CN China|CO Colombia|CR Costa Rica|CU Cuba|CV Cabo Verde|CY Cyprus|CZ Czechia|DE Germany|DJ Djibouti|DK Denmark|DM Dominica|DO Dominican Republic|DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|ER Eritrea|ES Spain|ET Ethiopia|FI Finland|FJ Fiji|FR France|GA Gabon|GB United Kingdom|GD Grenada|GE Georgia|GH Ghana|GM Gambia|GN Guinea|GQ Equatorial Guinea|GR Greece|GT Guatemala|GW Guinea-Bissau|GY Guyana|HK Hong Kong|HN Honduras|HR Croatia|HT Haiti|HU Hungary|ID Indonesia|IE Ireland|IL Israel|IN India|IQ Iraq|IR Iran|IS Iceland|IT Italy|JM Jamaica|JO Jordan|JP Japan|KE Kenya|KG Kyrgyzstan|KH Cambodia|KM Comoros|KN Saint Kitts and Nevis|KR South Korea|KW Kuwait|KZ Kazakhstan|LA Laos|LB Lebanon|LC Saint Lucia|LI Liechtenstein|LK Sri Lanka|LR Liberia|LS Lesotho|LT Lithuania|LU Luxembourg|LV Latvia|LY Libya|MA Morocco|MC Monaco|MD Moldova|ME Montenegro|MG Madagascar|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|MR Mauritania|MT Malta|MU Mauritius|MV Maldives|MW Malawi|MX Mexico|MY Malaysia|MZ Mozambique|NA Namibia|NE Niger|NG Nigeria|NI Nicaragua|NL Netherlands|NO Norway|NP Nepal|NZ New Zealand|OM Oman|PA Panama|PE Peru|PG Papua New Guinea|PH Philippines|PK Pakistan|PL Poland|PR Puerto Rico|PS Palestine|PT Portugal|PY Paraguay|QA Qatar|RO Romania|RS Serbia|RU Russia|RW Rwanda|SA Saudi Arabia|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|SI Slovenia|SK Slovakia|SL Sierra Leone|SM San Marino|SN Senegal|SO Somalia|SR Suriname|SS South Sudan|SV El Salvador|SY Syria|SZ Eswatini|TD Chad|TG Togo|TH Thailand|TJ Tajikistan|TL Timor-Leste|TM Turkmenistan|TN Tunisia|TR Türkiye|TT Trinidad and Tobago|TW Taiwan|TZ Tanzania|UA Ukraine|UG Uganda|US United States|UY Uruguay|UZ Uzbekistan|VA Vatican City|VC Saint Vincent and the Grenadines|VE Venezuela|VN Vietnam|YE Yemen|ZA South Africa|ZM Zambia|ZW Zimbabwe`

// Countries are the countries a talent can live in, ordered by name.
var Countries = func() []Option {
	var out []Option
	for _, e := range strings.Split(countryList, "|") {
		code, name, _ := strings.Cut(e, " ")
		out = append(out, Option{code, name})
	}
	sortByLabel(out)
	return out
}()

func sortByLabel(o []Option) {
	for i := 1; i < len(o); i++ {
		for j := i; j > 0 && o[j].Label < o[j-1].Label; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
}
