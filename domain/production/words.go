package production

import (
	"regexp"
	"strings"
	"unicode"
)

// The posting rules read a listing's text as words, not characters: "fee"
// must not be found in "coffee", nor "nude" in "includes". Text is
// lower-cased, its accents folded (é → e, ç → c, ñ → n) so "résumé",
// "nudité" and "inscrição" match however they were typed, and split on
// anything that is not a letter or a digit. The word lists below are
// written folded, one phrase a string, in English, French, Portuguese and
// Spanish.

// folder strips the accents of the Latin letters the four languages use.
var folder = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y",
	"œ", "oe", "æ", "ae", "ß", "ss", "’", "'",
)

// emailAddress finds e-mail addresses, read as the word "emailaddr" so a
// rule can see "headshots to casting@example.com" as sending elsewhere.
var emailAddress = regexp.MustCompile(`[[:alnum:]._%+\-]+@[[:alnum:].\-]+\.[[:alpha:]]{2,}`)

// words is text as the rules read it: folded, lower-case words.
func words(s string) []string {
	s = emailAddress.ReplaceAllString(s, " emailaddr ")
	s = folder.Replace(strings.ToLower(s))
	var out []string
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		if strings.ContainsRune(sentenceEnds, r) && len(out) > 0 && out[len(out)-1] != "." {
			out = append(out, ".")
		}
	}
	return out
}

// sentenceEnds end a sentence: a negation does not reach past them ("No
// experience needed. Topless scene." declares nothing away). They are
// kept as the word "." that no phrase matches.
const sentenceEnds = ".!?;:\n"

// phrases is a word list: each entry one or more words, matched as whole
// words in sequence. An entry's last word may end in "*" to match any
// word starting so ("headshot*" matches "headshots").
type phrases [][]string

// list builds a word list from its entries, folding them as text is.
func list(entries ...string) phrases {
	out := make(phrases, 0, len(entries))
	for _, e := range entries {
		star := strings.HasSuffix(e, "*")
		w := words(strings.TrimSuffix(e, "*"))
		if len(w) == 0 {
			continue
		}
		if star {
			w[len(w)-1] += "*"
		}
		out = append(out, w)
	}
	return out
}

// wordEq matches one word of a phrase (maybe ending in "*") against a
// word of the text.
func wordEq(pattern, w string) bool {
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(w, p)
	}
	return pattern == w
}

// at reports the length of the entry of p that starts at ws[i], 0 if none.
func (p phrases) at(ws []string, i int) int {
	for _, e := range p {
		if i+len(e) > len(ws) {
			continue
		}
		ok := true
		for j, pw := range e {
			if !wordEq(pw, ws[i+j]) {
				ok = false
				break
			}
		}
		if ok {
			return len(e)
		}
	}
	return 0
}

// find is the index of the first word where an entry of p starts and is
// not negated, or -1. A match is negated when one of the three words
// before it says no ("no nudity", "sans frais", "sin costo", "not
// deferred"), so a listing that rules something out passes.
func (p phrases) find(ws []string) int {
	for i := range ws {
		if p.at(ws, i) > 0 && !negated(ws, i) {
			return i
		}
	}
	return -1
}

// negated reports whether one of the three words before ws[i], in its
// sentence, negates it.
func negated(ws []string, i int) bool {
	for j := i - 1; j >= max(0, i-3) && ws[j] != "."; j-- {
		if negations.at(ws, j) > 0 {
			return true
		}
	}
	return false
}

// near reports whether an entry of a starts within span words before an
// entry of b: "e-mail … your headshot".
func near(ws []string, a, b phrases, span int) bool {
	for i := range ws {
		n := a.at(ws, i)
		if n == 0 || negated(ws, i) {
			continue
		}
		for j := i + n; j < len(ws) && j <= i+n+span; j++ {
			if b.at(ws, j) > 0 {
				return true
			}
		}
	}
	return false
}

// The word lists of the posting rules.
var (
	negations = list("no", "not", "without", "never", "zero", "none", "nor",
		"pas", "sans", "aucun", "aucune", "ni", // fr
		"nao", "sem", "nenhum", "nenhuma", "nem", // pt
		"sin", "ningun", "ninguna", "nunca") // es

	// prospectivePay is pay that is not guaranteed (paid_not_guaranteed).
	prospectivePay = list("deferred", "defer*", "if picked up", "if the film sells", "if it sells", "once distributed",
		"when distributed", "after distribution", "if distributed", "profit share", "profit sharing", "share of profits",
		"back end", "backend pay", "tbd", "to be determined", "to be decided", "to be confirmed", "tbc",
		"food and transport only", "food and travel only", "meals and travel only", "meals and transport only",
		"only food and transport", "only meals and travel", "food only", "meals only", "expenses only",
		"differe", "differee", "remuneration differee", "si le film est vendu", "une fois distribue", "a definir",
		"a determiner", "partage des recettes", "uniquement repas", // fr
		"diferido", "diferida", "pagamento diferido", "quando distribuido", "se o filme for vendido", "a combinar",
		"so alimentacao", "apenas alimentacao", // pt
		"pago diferido", "por definir", "a convenir", "si la pelicula se vende", "cuando se distribuya",
		"solo comida") // es

	// payTBD is pay nobody can judge yet (vague).
	payTBD = list("pay tbd", "pay to be determined", "pay to be confirmed", "pay tbc", "rate tbd", "rate tbc",
		"fee tbd", "remuneration a definir", "cachet a definir", "cache a definir", "salario a combinar",
		"pagamento a combinar", "pago a convenir", "pago por definir")

	// feeAsks are the ways a text asks talent for money (fee_not_disclosed).
	feeAsks = list("registration fee*", "participation fee*", "casting fee*", "audition fee*", "photo fee*",
		"photoshoot fee*", "application fee*", "entry fee*", "submission fee*", "booking fee*", "admin fee*",
		"administration fee*", "processing fee*", "membership fee*", "workshop fee*", "pay a fee", "pay the fee",
		"costs of the shoot", "pay for your photos", "pay for the photos", "pay to audition",
		"pay to participate", "pay to take part",
		"frais d inscription", "frais de participation", "frais de casting", "frais de dossier", "droits d inscription",
		"payer pour participer", "payer les photos", // fr
		"taxa de inscricao", "taxa de participacao", "taxa de casting", "taxa de teste", "pagar para participar",
		"pagar as fotos", "valor da inscricao", // pt
		"cuota de inscripcion", "cuota de participacion", "tarifa de inscripcion", "costo de inscripcion",
		"coste de inscripcion", "precio de inscripcion", "pagar para participar", "pagar las fotos") // es

	// nudity are mentions of nudity or sexual content (nudity_not_declared).
	nudity = list("nude", "nudes", "nudity", "naked", "topless", "bottomless", "intimate scene*", "intimacy scene*",
		"sex scene*", "love scene*", "simulated sex", "sexual content", "sexual scene*", "sexual situation*",
		"sexually explicit", "erotic", "explicit scene*", "lingerie",
		"underwear", "bare breast*", "bare buttocks",
		"nu", "nue", "nus", "nues", "nudite", "seins nus", "scene intime", "scenes intimes", "scene de sexe",
		"sexe simule", "erotique", "sous vetements", "denude*", // fr
		"nua", "nudez", "pelado", "pelada", "cena intima", "cenas intimas", "cena de sexo", "sexo simulado",
		"roupa intima", "erotico", "erotica", // pt
		"desnudo", "desnuda", "desnudos", "desnudez", "escena intima", "escenas intimas", "escena de sexo",
		"ropa interior", "semidesnud*") // es

	// sendVerbs send something by e-mail or elsewhere (asks_email_profile_items).
	sendVerbs = list("email", "e mail", "emails", "mail", "send", "sending", "forward", "submit", "whatsapp", "dm",
		"message us",
		"envoyez", "envoyer", "envoie", "envoyer par mail", "faites parvenir", // fr
		"envie", "envia", "enviar", "mande", "manda", "mandar", // pt, es
		"envien", "enviad", "mandad")

	// profileItems are what a Slate profile already shows.
	profileItems = list("headshot*", "head shot*", "photo", "photos", "picture", "pictures", "pics", "polaroid*",
		"showreel*", "show reel*", "reel", "reels", "demo reel*", "voice reel*", "cv", "cvs", "resume", "resumes",
		"height", "measurements", "comp card*", "portfolio", "body shot*", "full length shot*", "full body shot*",
		"bande demo", "taille", "mensurations", // fr
		"foto", "fotos", "curriculo", "altura", "medidas", "videobook", // pt
		"curriculum", "estatura") // es

	// sendTargets say where an item goes when the verb comes after it
	// ("headshots to casting@…", "photos by e-mail").
	sendTargets = list("emailaddr", "by email", "by e mail", "via email", "via e mail", "par mail", "par email",
		"par e mail", "por email", "por e mail", "por correo", "por whatsapp", "via whatsapp")

	// thirdParty are sign-ups and applications elsewhere (third_party_signup).
	thirdParty = list("sign up on", "sign up at", "sign up for", "sign up with", "signup on", "register on",
		"register at", "register with", "create an account on", "create an account at", "create a profile on",
		"download the app", "download our app", "download app", "install the app", "install our app", "get the app",
		"apply through", "apply via", "apply on our website", "apply at our website", "apply on our site",
		"apply on our app", "apply at www", "apply on www", "join our platform", "join our app", "subscribe to our",
		"inscrivez vous sur", "inscris toi sur", "inscrivez vous via", "telechargez l application",
		"telecharger l application", "postulez via", "postulez sur notre", "creez un compte", // fr
		"inscreva se no", "inscreva se na", "inscreva se em", "cadastre se no", "cadastre se na", "baixe o aplicativo",
		"baixe o app", "baixe nosso", "candidate se pelo", "candidate se pela", "candidate se atraves", "crie uma conta", // pt
		"registrate en", "registrese en", "inscribete en", "descarga la app", "descarga la aplicacion",
		"descarga nuestra", "postula a traves", "postulate a traves", "postula en nuestra", "crea una cuenta") // es

	// studentWork says a project is a student's (student_film_not_marked).
	studentWork = list("student film*", "student short*", "student project*", "student production*", "graduation film*",
		"graduation project*", "graduate film*", "thesis film*", "final year film*", "final year project*",
		"film school", "university film*", "school project*", "degree film*",
		"film etudiant", "film d etudiant*", "court metrage etudiant", "film de fin d etudes", "projet de fin d etudes",
		"ecole de cinema", "film d ecole", // fr
		"filme de estudante", "filme estudantil", "curta universitario", "curta universitaria", "trabalho de conclusao",
		"tcc", "escola de cinema", "filme de formatura", // pt
		"pelicula estudiantil", "cortometraje estudiantil", "corto estudiantil", "escuela de cine", "proyecto de fin de",
		"trabajo de fin de", "tfg", "tesis de cine") // es
)
