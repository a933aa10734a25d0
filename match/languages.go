package match

import (
	"regexp"
	"slices"
	"strings"
)

// spokenLanguages maps spellings (lower case, English and native names) to
// the English name of a language.
var spokenLanguages = func() map[string]string {
	m := map[string]string{}
	for name, spellings := range map[string][]string{
		"English": {"english", "inglés", "anglais", "englisch", "inglese", "英语", "英文"}, "Spanish": {"spanish", "español", "castellano", "espagnol", "spanisch", "西班牙语"},
		"French": {"french", "français", "francés", "französisch", "法语"}, "German": {"german", "deutsch", "alemán", "allemand", "德语"},
		"Italian": {"italian", "italiano", "italien"}, "Portuguese": {"portuguese", "português", "portugués"}, "Dutch": {"dutch", "nederlands", "flemish"},
		"Mandarin Chinese": {"mandarin", "mandarin chinese", "chinese", "putonghua", "中文", "普通话", "汉语"}, "Cantonese": {"cantonese", "粤语"},
		"Japanese": {"japanese", "日本語", "日语"}, "Korean": {"korean", "한국어", "韩语"}, "Arabic": {"arabic", "العربية"}, "Hindi": {"hindi", "हिन्दी"},
		"Bengali": {"bengali", "bangla"}, "Urdu": {"urdu"}, "Punjabi": {"punjabi"}, "Tamil": {"tamil"}, "Telugu": {"telugu"}, "Marathi": {"marathi"},
		"Gujarati": {"gujarati"}, "Kannada": {"kannada"}, "Malayalam": {"malayalam"}, "Russian": {"russian", "русский", "russe", "russisch"},
		"Ukrainian": {"ukrainian", "українська"}, "Polish": {"polish", "polski"}, "Czech": {"czech", "čeština"}, "Slovak": {"slovak"}, "Hungarian": {"hungarian", "magyar"},
		"Romanian": {"romanian", "română"}, "Bulgarian": {"bulgarian"}, "Serbian": {"serbian"}, "Croatian": {"croatian", "hrvatski"}, "Slovenian": {"slovenian"},
		"Greek": {"greek", "ελληνικά"}, "Turkish": {"turkish", "türkçe"}, "Persian": {"persian", "farsi"}, "Hebrew": {"hebrew", "עברית"},
		"Swedish": {"swedish", "svenska"}, "Norwegian": {"norwegian", "norsk"}, "Danish": {"danish", "dansk"}, "Finnish": {"finnish", "suomi"}, "Icelandic": {"icelandic"},
		"Estonian": {"estonian"}, "Latvian": {"latvian"}, "Lithuanian": {"lithuanian"}, "Vietnamese": {"vietnamese", "tiếng việt"}, "Thai": {"thai"},
		"Indonesian": {"indonesian", "bahasa indonesia"}, "Malay": {"malay", "bahasa melayu"}, "Tagalog": {"tagalog", "filipino"}, "Swahili": {"swahili", "kiswahili"},
		"Amharic": {"amharic"}, "Yoruba": {"yoruba", "yorùbá"}, "Igbo": {"igbo"}, "Hausa": {"hausa"}, "Zulu": {"zulu", "isizulu"}, "Xhosa": {"xhosa"}, "Afrikaans": {"afrikaans"},
		"Somali": {"somali"}, "Catalan": {"catalan", "català"}, "Basque": {"basque", "euskara"}, "Galician": {"galician"}, "Irish": {"irish", "gaeilge"}, "Welsh": {"welsh", "cymraeg"},
		"Albanian": {"albanian"}, "Armenian": {"armenian"}, "Georgian": {"georgian"}, "Kazakh": {"kazakh"}, "Uzbek": {"uzbek"}, "Nepali": {"nepali"}, "Sinhala": {"sinhala", "sinhalese"},
		"Khmer": {"khmer"}, "Burmese": {"burmese"}, "Lao": {"lao"}, "Mongolian": {"mongolian"}, "Pashto": {"pashto"}, "Kurdish": {"kurdish"},
		"American Sign Language": {"american sign language", "asl"}, "British Sign Language": {"british sign language", "bsl"}, "Latin": {"latin"}, "Esperanto": {"esperanto"},
	} {
		for _, s := range spellings {
			m[s] = name
		}
	}
	return m
}()

// phraseLanguages are the spellings matched as substrings (several words,
// or scripts without spaces), longest first, then alphabetical.
var phraseLanguages = func() []string {
	var out []string
	for sp := range spokenLanguages {
		if strings.Contains(sp, " ") || sp[0] >= 0x80 {
			out = append(out, sp)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return out
}()

var (
	langLevels = []struct {
		level int
		re    *regexp.Regexp
	}{
		{LanguageNative, regexp.MustCompile(`(?i)\b(native|mother tongue|first language|bilingual|muttersprache|langue maternelle|nativo|nativa)\b|母语`)},
		{LanguageFluent, regexp.MustCompile(`(?i)\b(fluent|fluency|proficient|full professional|advanced|c1|c2|fließend|courant|fluido)\b|流利`)},
		{LanguageWorking, regexp.MustCompile(`(?i)\b(professional working|working|professional|intermediate|conversational|good|b1|b2|upper[- ]intermediate)\b`)},
		{LanguageBasic, regexp.MustCompile(`(?i)\b(basic|elementary|beginner|limited|notions|a1|a2|grundkenntnisse)\b`)},
	}
	langSplitRE = regexp.MustCompile(`[,;|•/]|\s+and\s+|\s+&\s+`)
)

// addLanguages reads the languages of one line of a Languages section (or
// of an inline "Languages: ..." line), each with the level next to it.
func addLanguages(list []Language, l Line, inline string) []Language {
	text := l.Text
	if inline != "" {
		text = inline
	}
	for _, part := range langSplitRE.Split(text, -1) {
		lower := strings.ToLower(part)
		name := ""
		// Longest spelling found as whole words.
		best := 0
		for _, w := range wordsOf(lower) {
			if n, ok := spokenLanguages[w]; ok && len(w) > best {
				name, best = n, len(w)
			}
		}
		for _, sp := range phraseLanguages { // multi-word and non-Latin spellings, longest first
			if len(sp) > best && strings.Contains(lower, sp) {
				name, best = spokenLanguages[sp], len(sp)
				break
			}
		}
		if name == "" {
			continue
		}
		level := LanguageUnknown
		for _, lv := range langLevels {
			if lv.re.MatchString(part) {
				level = lv.level
				break
			}
		}
		found := false
		for i := range list {
			if list[i].Name == name {
				found = true
				list[i].Level = max(list[i].Level, level)
				if list[i].Evidence[len(list[i].Evidence)-1].Line != l.N {
					list[i].Evidence = append(list[i].Evidence, Evidence{l.N, l.Text})
				}
			}
		}
		if !found {
			list = append(list, Language{Name: name, Level: level, Evidence: []Evidence{{l.N, l.Text}}})
		}
	}
	return list
}

func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '(' || r == ')' || r == '-' || r == ':' || r == '.' || r == '–'
	})
}
