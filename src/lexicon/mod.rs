//! Lexicons: loading, validation (`file:line` errors) and the embedded
//! defaults. Every file lives in `lexicons/` as plain text that researchers
//! edit; `Lexicons::from_dir` reads a directory that overrides the defaults
//! file by file.

pub mod rules;
mod tables;
pub mod tsv;

use crate::error::{LexiconError, LexiconErrors};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use rules::{Rule, RuleSet, Scope};

/// A lexicon file the library knows: its name and, for TSV files, its header.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    /// File name inside the lexicon directory.
    pub name: &'static str,
    /// The TSV header (empty for TOML rule files).
    pub header: &'static [&'static str],
    /// The embedded default content.
    pub embedded: &'static str,
}

macro_rules! spec {
    ($name:literal, [$($h:literal),*]) => {
        FileSpec { name: $name, header: &[$($h),*], embedded: include_str!(concat!("../../lexicons/", $name)) }
    };
}

/// Every lexicon file, in load order.
pub const FILES: &[FileSpec] = &[
    spec!("cues.tsv", ["cue", "class", "bare", "note"]),
    spec!("function_words.tsv", ["word", "roles"]),
    spec!("titles.tsv", ["title", "domain", "plural"]),
    spec!("source_nouns.tsv", ["term", "type"]),
    spec!("places.tsv", ["place", "kind", "canonical"]),
    spec!("orgs.tsv", ["org", "kind"]),
    spec!("org_suffixes.tsv", ["suffix", "note"]),
    spec!("surnames.tsv", ["surname", "kind", "rank"]),
    spec!("translit.tsv", ["char", "note"]),
    spec!("given_names.tsv", ["char", "note"]),
    spec!("people.tsv", ["name", "aliases", "title", "affiliation", "gender"]),
    spec!("t2s.tsv", ["trad", "simp"]),
    spec!("layout.tsv", ["name", "regex"]),
    spec!("themes.toml", []),
    spec!("stance.toml", []),
];

/// The patterns `layout.tsv` must define.
pub const LAYOUT_PATTERNS: &[&str] =
    &["byline", "byline_names", "continuation", "dateline", "dateline_parts", "dateline_prefix", "heading"];

/// The raw text of every lexicon file, with where it came from.
#[derive(Debug, Clone)]
pub struct Lexicons {
    texts: Vec<(String, String)>,
    /// Per file of [`FILES`]: replaced (from a directory or by
    /// [`Lexicons::replace`]) rather than embedded.
    replaced: Vec<bool>,
}

impl Lexicons {
    /// The lexicons compiled into the library.
    pub fn embedded() -> Lexicons {
        Lexicons {
            texts: FILES.iter().map(|f| (format!("lexicons/{}", f.name), f.embedded.to_string())).collect(),
            replaced: vec![false; FILES.len()],
        }
    }

    /// The names of the files that are still the embedded ones (not
    /// replaced by the directory read or by [`Lexicons::replace`]), in
    /// load order.
    pub fn embedded_files(&self) -> Vec<&'static str> {
        FILES.iter().zip(&self.replaced).filter(|(_, r)| !**r).map(|(f, _)| f.name).collect()
    }

    /// The names of the files replaced, in load order.
    pub fn replaced_files(&self) -> Vec<&'static str> {
        FILES.iter().zip(&self.replaced).filter(|(_, r)| **r).map(|(f, _)| f.name).collect()
    }

    /// Reads `dir`: each known file present there replaces the embedded one;
    /// files absent from `dir` keep their embedded default. A `.tsv` or
    /// `.toml` file whose name is not a known lexicon (`cue.tsv` for
    /// `cues.tsv`) is an error: it would otherwise be ignored while the
    /// embedded file is used. Other files (`README.md`, notes) are ignored.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Lexicons, LexiconErrors> {
        let dir = dir.as_ref();
        let mut errs = Vec::new();
        if !dir.is_dir() {
            return Err(LexiconErrors(vec![LexiconError::new(
                &dir.display().to_string(),
                0,
                "not a directory",
            )]));
        }
        errs.extend(unknown_files(dir));
        let mut texts = Vec::new();
        let mut replaced = Vec::new();
        for f in FILES {
            let path = dir.join(f.name);
            let shown = path.display().to_string();
            replaced.push(path.exists());
            if !path.exists() {
                texts.push((format!("lexicons/{}", f.name), f.embedded.to_string()));
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.len() as usize > tsv::MAX_FILE_BYTES => {
                    errs.push(LexiconError::new(&shown, 0, "file is too large"));
                    continue;
                }
                _ => {}
            }
            match std::fs::read(&path) {
                Ok(bytes) => match text_of(&shown, bytes) {
                    Ok(t) => texts.push((shown, t)),
                    Err(e) => errs.push(e),
                },
                Err(e) => errs.push(LexiconError::new(&shown, 0, e.to_string())),
            }
        }
        if errs.is_empty() {
            Ok(Lexicons { texts, replaced })
        } else {
            Err(LexiconErrors(errs))
        }
    }

    /// Replaces the known file `file` (e.g. `"cues.tsv"`) with `bytes`, as
    /// if read from a lexicon directory; `shown` names it in messages. The
    /// bytes must be UTF-8 and at most [`tsv::MAX_FILE_BYTES`] long; they
    /// are validated by [`Lexicons::compile`] / [`Lexicons::check`].
    pub fn replace(&mut self, file: &str, shown: &str, bytes: Vec<u8>) -> Result<(), LexiconError> {
        let Some(i) = FILES.iter().position(|f| f.name == file) else {
            return Err(LexiconError::new(shown, 0, format!("unknown lexicon file {file:?}")));
        };
        self.texts[i] = (shown.to_string(), text_of(shown, bytes)?);
        self.replaced[i] = true;
        Ok(())
    }

    fn text(&self, i: usize) -> (&str, &str) {
        let (n, t) = &self.texts[i];
        (n.as_str(), t.as_str())
    }

    /// Parses and validates every file, reporting all problems.
    pub fn compile(&self) -> Result<Knowledge, LexiconErrors> {
        let (k, errs) = self.check();
        if errs.is_empty() {
            Ok(k)
        } else {
            Err(LexiconErrors(errs))
        }
    }

    /// Parses every file; returns what could be read and every problem.
    pub fn check(&self) -> (Knowledge, Vec<LexiconError>) {
        // the rule files (TOML, the slowest to read) are parsed on a second
        // thread while the tables are read here
        // (on this thread alone where no thread can be started)
        let rule_files = || {
            let idx = |n: &str| FILES.iter().position(|f| f.name == n).expect("known file");
            let (name, text) = self.text(idx("themes.toml"));
            let (themes, mut errs) = rules::parse(name, text);
            errs.extend(require_labels(name, &themes));
            let themes = (themes, errs);
            let (name, text) = self.text(idx("stance.toml"));
            let (stance, mut errs) = rules::parse(name, text);
            errs.extend(require_labels(name, &stance));
            errs.extend(stance_labels(name, text, &stance));
            (themes, (stance, errs))
        };
        std::thread::scope(|sc| {
            let rules = std::thread::Builder::new().spawn_scoped(sc, rule_files);
            let (mut k, mut errs) = self.check_tables();
            let ((themes, e1), (stance, e2)) = match rules {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(_) => rule_files(),
            };
            errs.extend(e1);
            errs.extend(e2);
            k.themes = themes;
            k.stance = stance;
            (k, errs)
        })
    }

    /// Every file but the rule files.
    fn check_tables(&self) -> (Knowledge, Vec<LexiconError>) {
        let mut errs = Vec::new();
        let mut k = Knowledge::default();
        let src = |name: &str| {
            let i = FILES.iter().position(|f| f.name == name).expect("known file");
            let (shown, text) = self.text(i);
            (shown, text, FILES[i].header)
        };
        tables::load(&src, &mut k, &mut errs);
        (k, errs)
    }
}

/// A rule file of the tagger names the labels its rules vote for.
fn require_labels(file: &str, set: &RuleSet) -> Option<LexiconError> {
    (set.labels.is_empty() && !set.rules.is_empty())
        .then(|| LexiconError::new(file, 0, "labels = [...] is missing: the labels the rules may vote for"))
}

/// The labels of `stance.toml` are the codebook's: a unit's stance (and
/// only those rank in `precedence`) or a cue's.
fn stance_labels(file: &str, text: &str, set: &RuleSet) -> Vec<LexiconError> {
    use crate::labels::{CueStance, Stance};
    let mut errs = Vec::new();
    let line = |key: &str| text.find(key).map_or(0, |b| text[..b].matches('\n').count() + 1);
    for l in &set.labels {
        if Stance::parse(l).is_none() && CueStance::parse(l).is_none() {
            errs.push(LexiconError::new(
                file,
                line("labels ="),
                format!("label {l:?} is not a stance (support, oppose, commit, call) or a cue stance (asserted, claimed)"),
            ));
        }
    }
    for p in &set.precedence {
        if Stance::parse(p).is_none() {
            errs.push(LexiconError::new(
                file,
                line("precedence ="),
                format!("precedence ranks {p:?}, not a stance"),
            ));
        }
    }
    errs
}

/// The characters of a one-character-per-row table (translit.tsv,
/// given_names.tsv); a row that is not one character is a problem.
fn char_set(
    file: &str,
    rows: impl Iterator<Item = (usize, String)>,
    errs: &mut Vec<LexiconError>,
) -> CharSet {
    let mut set = CharSet::default();
    for (line, key) in rows {
        let mut cs = key.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => set.insert(c),
            _ => errs.push(LexiconError::new(file, line, format!("{key:?} is not one character"))),
        }
    }
    set
}

/// The `.tsv` and `.toml` files of `dir` whose names are not lexicon files,
/// each an error naming the known file it most resembles.
fn unknown_files(dir: &Path) -> Vec<LexiconError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> =
        entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
        .into_iter()
        .filter(|n| !n.starts_with('.') && (n.ends_with(".tsv") || n.ends_with(".toml")))
        .filter(|n| FILES.iter().all(|f| f.name != n.as_str()))
        .map(|n| {
            let hint = match nearest_file(&n) {
                Some(k) => format!(" (did you mean {k}?)"),
                None => String::new(),
            };
            let known: Vec<&str> = FILES.iter().map(|f| f.name).collect();
            LexiconError::new(
                &dir.join(&n).display().to_string(),
                0,
                format!(
                    "not a lexicon file name{hint}: it would be ignored and the embedded file used; \
                     the names are {}",
                    known.join(", ")
                ),
            )
        })
        .collect()
}

/// The known file name closest to `name` (at most three edits away).
fn nearest_file(name: &str) -> Option<&'static str> {
    FILES.iter().map(|f| (edit_distance(name, f.name), f.name)).filter(|(d, _)| *d <= 3).min().map(|(_, n)| n)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The text of a lexicon file read as `bytes`: UTF-8, not too large.
fn text_of(shown: &str, bytes: Vec<u8>) -> Result<String, LexiconError> {
    if bytes.len() > tsv::MAX_FILE_BYTES {
        return Err(LexiconError::new(shown, 0, "file is too large"));
    }
    String::from_utf8(bytes).map_err(|e| {
        LexiconError::new(shown, 0, format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()))
    })
}

/// What a cue does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// An ordinary speech verb or phrase.
    Speech,
    /// Points back to a quote before it (这样评价).
    Post,
    /// A speech-event noun (讲话, 致辞).
    Noun,
    /// A longer word hiding a cue (小说).
    Block,
}

/// One cue entry.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The words.
    pub term: String,
    /// Its class.
    pub class: CueClass,
    /// May take a clause without punctuation.
    pub bare: bool,
}

/// One title entry.
#[derive(Debug, Clone)]
pub struct Title {
    /// The title.
    pub term: String,
    /// Usually collective (元首, 领导人).
    pub plural: bool,
}

/// One person of the people lexicon.
#[derive(Debug, Clone)]
pub struct Person {
    /// Canonical name.
    pub name: String,
    /// Other written forms.
    pub aliases: Vec<String>,
    /// Usual title.
    pub title: String,
    /// Usual affiliation.
    pub affiliation: String,
    /// The gender column, when given: what 他 and 她 may refer to.
    pub gender: Option<Gender>,
}

/// The gender of a listed person (`m` or `f` in `people.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// `m`
    Male,
    /// `f`
    Female,
}

impl Gender {
    /// The gender spelled `s` in `people.tsv` (`m`, `f`).
    pub fn parse(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Roles of `function_words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Role {
    Addressee,
    CueTail,
    Adverb,
    ModifierStart,
    Connective,
    PronounPerson,
    PronounGroup,
    FirstPerson,
    Quantifier,
    QuantifierOne,
    Citation,
    TitleModifier,
    Report,
    NonInitial,
    NonSpeechObject,
    SpeechNounFrameEnd,
    DocSuffixMarker,
    PersonNounEnd,
    NamePrefix,
    NotInName,
    NotName,
    Reporter,
    Numeral,
    DateUnit,
    PluralSuffix,
    NamingVerb,
    NamingMarker,
    NameIntro,
    Attributive,
    Nominalizer,
    Perfective,
    FrameStart,
    Conjunction,
    TrailingConjunction,
    PluralAffiliation,
    ListEnd,
    Copula,
    Adverbial,
    Honorific,
    TakesAddressee,
    TimeSuffix,
    WordsFrameStart,
    WordsFrameEnd,
    PronounMale,
    PronounFemale,
    PronounBackGroup,
}

impl Role {
    /// Number of roles (the last one's index and one).
    pub const COUNT: usize = Role::PronounBackGroup as usize + 1;

    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "addressee" => Role::Addressee,
            "cue_tail" => Role::CueTail,
            "adverb" => Role::Adverb,
            "modifier_start" => Role::ModifierStart,
            "connective" => Role::Connective,
            "pronoun_person" => Role::PronounPerson,
            "pronoun_group" => Role::PronounGroup,
            "first_person" => Role::FirstPerson,
            "quantifier" => Role::Quantifier,
            "quantifier_one" => Role::QuantifierOne,
            "citation" => Role::Citation,
            "title_modifier" => Role::TitleModifier,
            "report" => Role::Report,
            "non_initial" => Role::NonInitial,
            "non_speech_object" => Role::NonSpeechObject,
            "speech_noun_frame_end" => Role::SpeechNounFrameEnd,
            "doc_suffix_marker" => Role::DocSuffixMarker,
            "person_noun_end" => Role::PersonNounEnd,
            "name_prefix" => Role::NamePrefix,
            "not_in_name" => Role::NotInName,
            "not_name" => Role::NotName,
            "reporter" => Role::Reporter,
            "numeral" => Role::Numeral,
            "date_unit" => Role::DateUnit,
            "plural_suffix" => Role::PluralSuffix,
            "naming_verb" => Role::NamingVerb,
            "naming_marker" => Role::NamingMarker,
            "name_intro" => Role::NameIntro,
            "attributive" => Role::Attributive,
            "nominalizer" => Role::Nominalizer,
            "perfective" => Role::Perfective,
            "frame_start" => Role::FrameStart,
            "conjunction" => Role::Conjunction,
            "trailing_conjunction" => Role::TrailingConjunction,
            "plural_affiliation" => Role::PluralAffiliation,
            "list_end" => Role::ListEnd,
            "copula" => Role::Copula,
            "adverbial" => Role::Adverbial,
            "honorific" => Role::Honorific,
            "takes_addressee" => Role::TakesAddressee,
            "time_suffix" => Role::TimeSuffix,
            "words_frame_start" => Role::WordsFrameStart,
            "words_frame_end" => Role::WordsFrameEnd,
            "pronoun_male" => Role::PronounMale,
            "pronoun_female" => Role::PronounFemale,
            "pronoun_back_group" => Role::PronounBackGroup,
            _ => return None,
        })
    }
}

/// A set of characters: one bit per character of the Basic Multilingual
/// Plane (a look-up is one load), others in a hash set.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    bmp: Vec<u64>,
    other: HashSet<char>,
}

impl CharSet {
    /// Adds `c`.
    pub fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            if self.bmp.is_empty() {
                self.bmp = vec![0; 0x10000 / 64];
            }
            self.bmp[u / 64] |= 1 << (u % 64);
        } else {
            self.other.insert(c);
        }
    }

    /// Is `c` in the set?
    pub fn contains(&self, c: &char) -> bool {
        let u = *c as usize;
        match self.bmp.get(u / 64) {
            Some(w) if u < 0x10000 => w & (1 << (u % 64)) != 0,
            _ => u >= 0x10000 && self.other.contains(c),
        }
    }
}

/// A set of words looked up by their characters, as the parser holds them.
/// Most look-ups miss, so the first and last characters of the words are
/// kept in [`CharSet`]s and checked before any hashing.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: HashSet<String>,
    first: CharSet,
    last: CharSet,
}

impl WordSet {
    /// Adds `w` (an empty word is ignored).
    pub fn insert(&mut self, w: String) {
        let (Some(a), Some(z)) = (w.chars().next(), w.chars().last()) else { return };
        self.first.insert(a);
        self.last.insert(z);
        self.words.insert(w);
    }

    /// Is `w` in the set?
    pub fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// Does some word of the set start with `c`?
    pub fn starts_with_char(&self, c: char) -> bool {
        self.first.contains(&c)
    }

    /// Is the word spelt by `cs` in the set? No allocation for words of up
    /// to 8 characters.
    pub fn contains_chars(&self, cs: &[char]) -> bool {
        let (Some(a), Some(z)) = (cs.first(), cs.last()) else { return false };
        if !self.first.contains(a) || !self.last.contains(z) {
            return false;
        }
        let mut buf = [0u8; 32];
        let mut len = 0;
        for c in cs {
            if len + c.len_utf8() > buf.len() {
                return self.words.contains(&cs.iter().collect::<String>());
            }
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        std::str::from_utf8(&buf[..len]).is_ok_and(|w| self.words.contains(w))
    }

    /// The words, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// No word at all?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Every lexicon parsed into typed tables.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Cue verbs, phrases, nouns and blockers.
    pub cues: Vec<Cue>,
    /// Function words by role.
    pub words: HashMap<Role, HashSet<String>>,
    /// Titles.
    pub titles: Vec<Title>,
    /// Source nouns and whether each is a group.
    pub sources: Vec<(String, bool)>,
    /// Source nouns that name a text (报告, 声明, 社论): a document source.
    pub document_sources: std::collections::HashSet<String>,
    /// Organisations of kind `media` (newspapers, agencies, broadcasters):
    /// speaking alone, they are a document source.
    pub media: std::collections::HashSet<String>,
    /// Places.
    pub places: Vec<String>,
    /// Organisations.
    pub orgs: Vec<String>,
    /// Organisation head nouns.
    pub org_suffixes: WordSet,
    /// Single-character surnames.
    pub surnames: CharSet,
    /// Compound surnames.
    pub compound_surnames: WordSet,
    /// Frequency rank of single surnames (1 = most common).
    pub surname_rank: HashMap<char, u32>,
    /// Characters of transliterated names.
    pub translit: CharSet,
    /// Characters common in Chinese given names.
    pub given_name: CharSet,
    /// Known people.
    pub people: Vec<Person>,
    /// Traditional to simplified, character by character.
    pub t2s: HashMap<char, char>,
    /// Page layout patterns by name.
    pub layout: HashMap<String, regex::Regex>,
    /// Theme rules.
    pub themes: RuleSet,
    /// Stance rules.
    pub stance: RuleSet,
}

impl Knowledge {
    /// The words of one role.
    pub fn role(&self, r: Role) -> &HashSet<String> {
        static EMPTY: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        self.words.get(&r).unwrap_or_else(|| EMPTY.get_or_init(HashSet::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_finds_words_by_their_characters() {
        let mut ws = WordSet::default();
        ws.insert("欧阳".to_string());
        ws.insert("委员会".to_string());
        ws.insert(String::new());
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(ws.contains_chars(&chars("欧阳")) && ws.contains_chars(&chars("委员会")));
        assert!(ws.contains("欧阳") && ws.len() == 2);
        // first and last characters known, word not: still a miss
        assert!(!ws.contains_chars(&chars("欧会")) && !ws.contains_chars(&chars("欧阳会")));
        assert!(!ws.contains_chars(&[]) && !ws.contains_chars(&chars("阳")));
        let long = chars("一二三四五六七八九十一二三四五");
        assert!(!ws.contains_chars(&long));
    }

    #[test]
    fn rule_files_name_their_labels_and_stance_labels_are_the_codebooks() {
        let rules = "[[rule]]\nid = \"praise.words\"\nlabel = \"praise\"\nany = [\"好\"]\n";
        let mut lex = Lexicons::embedded();
        lex.replace("themes.toml", "t/themes.toml", rules.as_bytes().to_vec()).unwrap();
        let stance =
            format!("labels = [\"praise\", \"support\"]\nprecedence = [\"praise\", \"support\"]\n{rules}");
        lex.replace("stance.toml", "t/stance.toml", stance.into_bytes()).unwrap();
        let msgs: Vec<String> = lex.check().1.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.contains(
                &"t/themes.toml:0: labels = [...] is missing: the labels the rules may vote for".to_string()
            ),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.starts_with("t/stance.toml:1: label \"praise\" is not a stance")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.starts_with("t/stance.toml:2: precedence ranks \"praise\"")),
            "{msgs:?}"
        );
        assert!(Lexicons::embedded().check().1.is_empty());
    }

    #[test]
    fn char_set_holds_what_was_inserted() {
        let mut cs = CharSet::default();
        assert!(!cs.contains(&'王'));
        cs.insert('王');
        cs.insert('\u{20000}');
        assert!(cs.contains(&'王') && cs.contains(&'\u{20000}'));
        assert!(!cs.contains(&'李') && !cs.contains(&'\u{20001}') && !cs.contains(&'a'));
    }

    #[test]
    fn every_role_has_a_bit_in_a_word_mask() {
        assert_eq!(Role::COUNT, 46);
        assert!(Role::COUNT <= crate::mentions::RoleMask::BITS as usize);
        assert_eq!(Role::parse("adverbial"), Some(Role::Adverbial));
    }

    #[test]
    fn speaker_phrase_roles_hold_the_characters_the_parser_compares() {
        let (k, _) = Lexicons::embedded().check();
        let words = |r: Role| {
            let mut v: Vec<&str> = k.role(r).iter().map(String::as_str).collect();
            v.sort_unstable();
            v
        };
        let sorted = |mut v: Vec<&'static str>| {
            v.sort_unstable();
            v
        };
        assert_eq!(words(Role::Conjunction), sorted(vec!["、", "和", "与", "及", "暨", "兼"]));
        assert_eq!(words(Role::TrailingConjunction), sorted(vec!["和", "与", "及"]));
        assert_eq!(
            words(Role::PluralAffiliation),
            sorted(vec!["和", "与", "及", "、", "各", "五国", "六国", "国家"])
        );
        assert_eq!(words(Role::ListEnd), ["等"]);
        assert_eq!(words(Role::Copula), ["是"]);
        assert_eq!(words(Role::Adverbial), ["地"]);
        assert_eq!(words(Role::Attributive), ["的"]);
        assert_eq!(words(Role::Nominalizer), sorted(vec!["的", "之"]));
        assert_eq!(words(Role::PluralSuffix), ["们"]);
    }

    #[test]
    fn embedded_lexicons_are_valid() {
        let (k, errs) = Lexicons::embedded().check();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(errs.is_empty(), "{}", msgs.join("\n"));
        assert!(k.cues.iter().filter(|c| c.class != CueClass::Block).count() >= 80);
        assert!(k.titles.len() >= 300);
    }

    #[test]
    fn an_unknown_file_name_is_an_error_naming_the_nearest_lexicon() {
        let dir = std::env::temp_dir().join(format!("yinyu-lex-unknown-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cue.tsv"), "cue\tclass\tbare\tnote\n").unwrap();
        std::fs::write(dir.join("README.md"), "notes").unwrap();
        let errs = Lexicons::from_dir(&dir).unwrap_err();
        std::fs::write(dir.join("titles.tsv"), FILES[2].embedded).unwrap();
        std::fs::remove_file(dir.join("cue.tsv")).unwrap();
        let ok = Lexicons::from_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(errs.0.len(), 1, "{errs}");
        assert!(errs.0[0].file.ends_with("cue.tsv"), "{errs}");
        assert!(errs.0[0].message.contains("did you mean cues.tsv?"), "{errs}");
        assert_eq!(ok.replaced_files(), ["titles.tsv"]);
        assert_eq!(ok.embedded_files().len(), FILES.len() - 1);
        assert!(!ok.embedded_files().contains(&"titles.tsv"));
        assert_eq!(Lexicons::embedded().embedded_files().len(), FILES.len());
        assert_eq!(edit_distance("stances.toml", "stance.toml"), 1);
        assert_eq!(nearest_file("zzzzzz.tsv"), None);
    }

    #[test]
    fn replace_takes_utf8_for_a_known_file_only() {
        let mut lex = Lexicons::embedded();
        let e = lex.replace("nope.tsv", "x/nope.tsv", b"a".to_vec()).unwrap_err();
        assert_eq!(e.to_string(), "x/nope.tsv:0: unknown lexicon file \"nope.tsv\"");
        let e = lex.replace("titles.tsv", "x/titles.tsv", vec![b'a', 0xff]).unwrap_err();
        assert_eq!(e.to_string(), "x/titles.tsv:0: not UTF-8 (byte 1)");
        lex.replace("titles.tsv", "x/titles.tsv", b"title\tdomain\tplural\nb\tx\t0\na\tx\t0\n".to_vec())
            .unwrap();
        let errs = lex.compile().unwrap_err();
        assert_eq!(errs.to_string(), "x/titles.tsv:3: not sorted: \"a\" comes after \"b\"");
    }
}
