package bot

import (
	"strings"
	"unicode"
)

// The answerer knows English words only: a question in another language
// would be matched on the few words it shares with English ("bases",
// "de") and answered with a random section. notEnglish tells such a
// question apart cheaply, from its script and its function words, before
// the index is asked; it only says "not English" on positive evidence, so
// a terse English question ("sql joins") is never turned away.

// The word lists, as text: language holds them as sets.
const (
	// foreignWords are common words of Spanish, Portuguese, French, German
	// and Italian questions that English questions do not use. Words that are
	// English too ("die", "come", "per", "was", "comment") are left out.
	foreignWords = `
cómo como qué que cuál cual para con por una los las del puedo debo empiezo empezar aprender
en mejor quiero hacer trabajo convierto convertirme desarrollador programador trabajar tengo soy estoy sobre entre desde también pero muy más
você não uma devo desenvolvedor quero fazer começar trabalho também mais
pourquoi quoi quel quelle je est les des une pour avec dois veux faire
apprendre devenir travail développeur suis être mais très aussi
wie warum ich ist und nicht werde kann soll für einen eine der das lernen
welche anfangen arbeit entwickler sein aber sehr auch
perché sono il che devo imparare sviluppatore lavoro anche molto cosa
`

	// englishWords are the function words of English questions.
	englishWords = `
the a an to how what is are do does i my in of for with should can and or it on be at
when why which me you that this from get learn become about as am if not vs who where
`

	// loanwords carry accents in English too.
	loanwords = `café résumé resumé naïve cliché fiancé déjà façade rôle über`
)

// language tells English questions from others; built once, only read.
type language struct{ foreign, english, loan map[string]bool }

func newLanguage() language {
	return language{foreign: wordSet(foreignWords), english: wordSet(englishWords), loan: wordSet(loanwords)}
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// notEnglish reports whether q is a question in another language: mostly
// letters of another script (Cyrillic, CJK, Arabic, ...), Spanish's
// opening ¿ or ¡, or more words of another language than of English, at
// least two of them.
func (l language) notEnglish(q string) bool {
	latin, other := 0, 0
	for _, r := range q {
		switch {
		case r == '¿' || r == '¡':
			return true
		case !unicode.IsLetter(r):
		case r < 0x250: // Basic Latin to Latin Extended-B
			latin++
		default:
			other++
		}
	}
	if other > latin {
		return true
	}
	foreign, english := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		switch {
		case l.english[w]:
			english++
		case l.foreign[w] || accented(w) && !l.loan[w]:
			foreign++
		}
	}
	return foreign >= 2 && foreign > english
}

// accented reports whether a word has a letter with a diacritic.
func accented(w string) bool {
	for _, r := range w {
		if r >= 0xC0 && r < 0x250 && r != 0xD7 && r != 0xF7 {
			return true
		}
	}
	return false
}
