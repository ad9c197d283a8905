//! The lesson file format: plain text where a line starting with `@` opens a
//! section and every other line is that section's body (Markdown for
//! learner text). `@@` at the start of a body line stands for a literal `@`.
//! See `lessons/README.md` for the instructors' guide.
//!
//! ```text
//! @lesson layers
//! @title zh
//! 镜像与分层
//! @title en
//! Images and layers
//! @intro zh / @intro en / @setup
//! @step pull
//! @text zh / @text en / @check / @hint zh / @hint en / @solution
//! @reject / @accept / @diagnose        (any number of each)
//! @step bootfs
//! @quiz single|multiple / @text … / @options zh / @options en / @explain …
//! @why zh / @why en
//! ```
//!
//! Parsing collects every problem ([`LintError`]) instead of stopping at the
//! first, so [`super::lint`] reports them all.

use super::check;
use super::model::{Diagnosis, Lang, Lesson, Localized, Quiz, QuizOption, Step, StepKind, Task};
use std::fmt;

/// What kind of problem a lesson file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintKind {
    /// A line or section the format does not know.
    Syntax,
    /// A check uses a predicate not in the vocabulary, or misuses one.
    BadCheck,
    /// Text present in one language and not the other.
    MissingTranslation,
    /// A task step with no `@check`.
    MissingCheck,
    /// A task step with no `@solution`.
    MissingSolution,
    /// A quiz with too few options, no right answer, or options that differ
    /// between languages.
    BadQuiz,
    /// Missing id, title, or steps; duplicate step ids.
    Structure,
}

/// One problem, at a 1-based line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintError {
    pub line: usize,
    pub kind: LintKind,
    pub message: String,
}

impl fmt::Display for LintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A section: its directive, arguments, 1-based line and body.
struct Section<'a> {
    name: &'a str,
    args: Vec<&'a str>,
    line: usize,
    body: String,
}

fn sections<'a>(text: &'a str, errors: &mut Vec<LintError>) -> Vec<Section<'a>> {
    let mut out: Vec<Section> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        if let Some(rest) = line.strip_prefix('@').filter(|r| !r.starts_with('@')) {
            let mut words = rest.split_whitespace();
            let name = words.next().unwrap_or("");
            out.push(Section {
                name,
                args: words.collect(),
                line: ln,
                body: String::new(),
            });
            continue;
        }
        let body_line = line.strip_prefix('@').unwrap_or(line);
        match out.last_mut() {
            Some(s) => {
                s.body.push_str(body_line);
                s.body.push('\n');
            }
            None if line.trim().is_empty() => {}
            None => errors.push(err(ln, LintKind::Syntax, "text before '@lesson'")),
        }
    }
    for s in &mut out {
        s.body = s.body.trim_matches('\n').to_string();
        // keep indentation of the first line (checks use it), drop trailing spaces
        while s.body.ends_with([' ', '\t']) {
            s.body.pop();
        }
    }
    out
}

fn err(line: usize, kind: LintKind, message: impl Into<String>) -> LintError {
    LintError {
        line,
        kind,
        message: message.into(),
    }
}

/// Quiz options of one language: the `@options` line, then (right, text) per option.
type OptionList = (usize, Vec<(bool, String)>);

/// A step while it is being read.
struct Draft {
    id: String,
    line: usize,
    text: Localized,
    check: Option<check::Check>,
    saw_check: bool,
    hints: [Vec<String>; 2],
    solution: Option<Vec<String>>,
    quiz: Option<(usize, bool)>,
    options: [Option<OptionList>; 2],
    explain: Localized,
    rejects: Vec<Vec<String>>,
    accepts: Vec<Vec<String>>,
    diagnoses: Vec<Diagnosis>,
    /// `@why` per language: its line and one text per option.
    why: [Option<(usize, Vec<String>)>; 2],
    /// Line of the first `@reject`/`@accept`/`@diagnose` (for quiz errors).
    task_only: Option<usize>,
}

impl Draft {
    fn new(id: &str, line: usize) -> Draft {
        Draft {
            id: id.to_string(),
            line,
            text: Localized::default(),
            check: None,
            saw_check: false,
            hints: [Vec::new(), Vec::new()],
            solution: None,
            quiz: None,
            options: [None, None],
            explain: Localized::default(),
            rejects: Vec::new(),
            accepts: Vec::new(),
            diagnoses: Vec::new(),
            why: [None, None],
            task_only: None,
        }
    }
}

fn lang_index(l: Lang) -> usize {
    match l {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

/// Parses a lesson file. Returns the lesson, or every problem found.
pub fn parse(text: &str) -> Result<Lesson, Vec<LintError>> {
    let mut errors = Vec::new();
    let secs = sections(text, &mut errors);
    let mut lesson = Lesson {
        id: String::new(),
        title: Localized::default(),
        intro: Localized::default(),
        setup: Vec::new(),
        steps: Vec::new(),
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut lesson_line = 0;
    for (idx, s) in secs.iter().enumerate() {
        if idx == 0 && s.name != "lesson" {
            errors.push(err(
                s.line,
                LintKind::Structure,
                "a lesson file starts with '@lesson ID'",
            ));
        }
        let lang = || -> Result<Lang, LintError> {
            match s.args.as_slice() {
                [l] => Lang::parse(l).ok_or_else(|| {
                    err(
                        s.line,
                        LintKind::Syntax,
                        format!("unknown language '{l}' (use zh or en)"),
                    )
                }),
                _ => Err(err(
                    s.line,
                    LintKind::Syntax,
                    format!("'@{}' takes a language: zh or en", s.name),
                )),
            }
        };
        let in_step = !drafts.is_empty();
        match s.name {
            "lesson" => {
                if idx != 0 {
                    errors.push(err(
                        s.line,
                        LintKind::Structure,
                        "only one '@lesson' per file",
                    ));
                }
                lesson_line = s.line;
                match s.args.as_slice() {
                    [id] if valid_id(id) => lesson.id = id.to_string(),
                    _ => errors.push(err(
                        s.line,
                        LintKind::Structure,
                        "'@lesson' takes one id of lowercase letters, digits and '-'",
                    )),
                }
                if !s.body.trim().is_empty() {
                    errors.push(err(
                        s.line + 1,
                        LintKind::Syntax,
                        "unexpected text after '@lesson'",
                    ));
                }
            }
            "title" | "intro" if !in_step => match lang() {
                Ok(l) => {
                    let slot = if s.name == "title" {
                        lesson.title.slot(l)
                    } else {
                        lesson.intro.slot(l)
                    };
                    if !slot.is_empty() {
                        errors.push(err(
                            s.line,
                            LintKind::Structure,
                            format!("second '@{} {}'", s.name, l.key()),
                        ));
                    }
                    *slot = if s.name == "title" {
                        s.body.trim().to_string()
                    } else {
                        s.body.clone()
                    };
                }
                Err(e) => errors.push(e),
            },
            "setup" if !in_step => lesson.setup.extend(commands(&s.body)),
            "step" => match s.args.as_slice() {
                [id] if valid_id(id) => {
                    if drafts.iter().any(|d| d.id == *id) {
                        errors.push(err(
                            s.line,
                            LintKind::Structure,
                            format!("duplicate step id '{id}'"),
                        ));
                    }
                    drafts.push(Draft::new(id, s.line));
                    if !s.body.trim().is_empty() {
                        errors.push(err(
                            s.line + 1,
                            LintKind::Syntax,
                            "unexpected text after '@step'",
                        ));
                    }
                }
                _ => errors.push(err(
                    s.line,
                    LintKind::Structure,
                    "'@step' takes one id of lowercase letters, digits and '-'",
                )),
            },
            "title" | "intro" | "setup" => errors.push(err(
                s.line,
                LintKind::Structure,
                format!("'@{}' belongs before the first '@step'", s.name),
            )),
            name @ ("text" | "check" | "hint" | "solution" | "quiz" | "options" | "explain"
            | "reject" | "accept" | "diagnose" | "why") => {
                let Some(d) = drafts.last_mut() else {
                    errors.push(err(
                        s.line,
                        LintKind::Structure,
                        format!("'@{name}' outside a step"),
                    ));
                    continue;
                };
                step_section(d, s, &mut errors, lang);
            }
            other => errors.push(err(
                s.line,
                LintKind::Syntax,
                format!("unknown section '@{other}'"),
            )),
        }
    }
    if secs.is_empty() {
        errors.push(err(
            1,
            LintKind::Structure,
            "a lesson file starts with '@lesson ID'",
        ));
    }
    for (what, t) in [("@title", &lesson.title), ("@intro", &lesson.intro)] {
        if secs.is_empty() {
            break;
        }
        for l in t.missing() {
            errors.push(err(
                lesson_line.max(1),
                LintKind::MissingTranslation,
                format!("lesson has no '{what} {}'", l.key()),
            ));
        }
    }
    if drafts.is_empty() && !secs.is_empty() {
        errors.push(err(
            lesson_line.max(1),
            LintKind::Structure,
            "lesson has no steps",
        ));
    }
    for d in drafts {
        if let Some(step) = finish(d, &mut errors) {
            lesson.steps.push(step);
        }
    }
    if errors.is_empty() {
        Ok(lesson)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn step_section(
    d: &mut Draft,
    s: &Section,
    errors: &mut Vec<LintError>,
    lang: impl Fn() -> Result<Lang, LintError>,
) {
    let dup = |errors: &mut Vec<LintError>, what: &str| {
        errors.push(err(
            s.line,
            LintKind::Structure,
            format!("second '{what}' in step '{}'", d.id),
        ))
    };
    match s.name {
        "text" | "explain" => match lang() {
            Ok(l) => {
                let slot = if s.name == "text" {
                    d.text.slot(l)
                } else {
                    d.explain.slot(l)
                };
                if !slot.is_empty() {
                    dup(errors, &format!("@{} {}", s.name, l.key()));
                }
                *slot = s.body.clone();
            }
            Err(e) => errors.push(e),
        },
        "hint" => match lang() {
            Ok(l) => d.hints[lang_index(l)].push(s.body.clone()),
            Err(e) => errors.push(e),
        },
        "check" => {
            if d.saw_check {
                dup(errors, "@check");
            }
            d.saw_check = true;
            match check::parse(&s.body) {
                Ok(c) => d.check = Some(c),
                Err(es) => errors.extend(
                    es.into_iter()
                        .map(|e| err(s.line + 1 + e.line, LintKind::BadCheck, e.message)),
                ),
            }
        }
        "solution" => {
            if d.solution.is_some() {
                dup(errors, "@solution");
            }
            d.solution = Some(commands(&s.body));
        }
        "reject" | "accept" => {
            d.task_only.get_or_insert(s.line);
            let cmds = commands(&s.body);
            if cmds.is_empty() {
                errors.push(err(
                    s.line,
                    LintKind::Syntax,
                    format!("an empty '@{}' in step '{}'", s.name, d.id),
                ));
            } else if s.name == "reject" {
                d.rejects.push(cmds);
            } else {
                d.accepts.push(cmds);
            }
        }
        "diagnose" => {
            d.task_only.get_or_insert(s.line);
            if let Some(diag) = diagnosis(s, errors) {
                d.diagnoses.push(diag);
            }
        }
        "why" => match lang() {
            Ok(l) => {
                let mut texts = Vec::new();
                for (i, line) in s.body.lines().enumerate() {
                    let t = line.trim();
                    if t.is_empty() {
                        continue;
                    }
                    match t.strip_prefix("- ").map(str::trim) {
                        Some(r) if !r.is_empty() => texts.push(r.to_string()),
                        _ => errors.push(err(
                            s.line + 1 + i,
                            LintKind::BadQuiz,
                            "a '@why' line is '- why this option is right or wrong'",
                        )),
                    }
                }
                let slot = &mut d.why[lang_index(l)];
                if slot.is_some() {
                    dup(errors, &format!("@why {}", l.key()));
                }
                *slot = Some((s.line, texts));
            }
            Err(e) => errors.push(e),
        },
        "quiz" => {
            if d.quiz.is_some() {
                dup(errors, "@quiz");
            }
            match s.args.as_slice() {
                ["single"] => d.quiz = Some((s.line, false)),
                ["multiple"] => d.quiz = Some((s.line, true)),
                _ => errors.push(err(
                    s.line,
                    LintKind::BadQuiz,
                    "'@quiz' takes 'single' or 'multiple'",
                )),
            }
        }
        "options" => match lang() {
            Ok(l) => {
                let mut opts = Vec::new();
                for (i, line) in s.body.lines().enumerate() {
                    let t = line.trim();
                    if t.is_empty() {
                        continue;
                    }
                    let parsed = t
                        .strip_prefix("- [ ]")
                        .map(|r| (false, r))
                        .or_else(|| t.strip_prefix("- [x]").map(|r| (true, r)))
                        .or_else(|| t.strip_prefix("- [X]").map(|r| (true, r)));
                    match parsed {
                        Some((c, r)) if !r.trim().is_empty() => opts.push((c, r.trim().to_string())),
                        _ => errors.push(err(
                            s.line + 1 + i,
                            LintKind::BadQuiz,
                            "an option line is '- [ ] text' or '- [x] text' (x marks a right answer)",
                        )),
                    }
                }
                let slot = &mut d.options[lang_index(l)];
                if slot.is_some() {
                    dup(errors, &format!("@options {}", l.key()));
                }
                *slot = Some((s.line, opts));
            }
            Err(e) => errors.push(e),
        },
        _ => {}
    }
}

fn finish(d: Draft, errors: &mut Vec<LintError>) -> Option<Step> {
    let before = errors.len();
    for l in d.text.missing() {
        errors.push(err(
            d.line,
            LintKind::MissingTranslation,
            format!("step '{}' has no '@text {}'", d.id, l.key()),
        ));
    }
    let kind = if let Some((qline, multiple)) = d.quiz {
        if d.saw_check || d.solution.is_some() || d.hints.iter().any(|h| !h.is_empty()) {
            errors.push(err(
                qline,
                LintKind::BadQuiz,
                format!(
                    "quiz step '{}' cannot have '@check', '@hint' or '@solution'",
                    d.id
                ),
            ));
        }
        if let Some(line) = d.task_only {
            errors.push(err(
                line,
                LintKind::BadQuiz,
                format!(
                    "quiz step '{}' cannot have '@reject', '@accept' or '@diagnose'",
                    d.id
                ),
            ));
        }
        for l in d.explain.missing() {
            errors.push(err(
                qline,
                LintKind::MissingTranslation,
                format!("quiz '{}' has no '@explain {}'", d.id, l.key()),
            ));
        }
        let [zh, en] = d.options;
        let (zh, en) = match (zh, en) {
            (Some(z), Some(e)) => (z, e),
            (z, e) => {
                for (l, o) in [(Lang::Zh, &z), (Lang::En, &e)] {
                    if o.is_none() {
                        errors.push(err(
                            qline,
                            LintKind::MissingTranslation,
                            format!("quiz '{}' has no '@options {}'", d.id, l.key()),
                        ));
                    }
                }
                return None;
            }
        };
        if zh.1.len() != en.1.len() {
            errors.push(err(
                en.0,
                LintKind::BadQuiz,
                format!(
                    "quiz '{}': {} options in zh, {} in en",
                    d.id,
                    zh.1.len(),
                    en.1.len()
                ),
            ));
        } else if zh.1.iter().zip(&en.1).any(|(a, b)| a.0 != b.0) {
            errors.push(err(
                en.0,
                LintKind::BadQuiz,
                format!("quiz '{}': right answers differ between zh and en", d.id),
            ));
        }
        if zh.1.len() < 2 {
            errors.push(err(
                zh.0,
                LintKind::BadQuiz,
                format!("quiz '{}' needs at least two options", d.id),
            ));
        }
        let right = zh.1.iter().filter(|o| o.0).count();
        if !multiple && right != 1 {
            errors.push(err(
                zh.0,
                LintKind::BadQuiz,
                format!(
                    "single-choice quiz '{}' needs exactly one right answer (has {right})",
                    d.id
                ),
            ));
        }
        if multiple && right == 0 {
            errors.push(err(
                zh.0,
                LintKind::BadQuiz,
                format!("quiz '{}' has no right answer", d.id),
            ));
        }
        let why = why_texts(&d.id, d.why, zh.1.len(), errors);
        StepKind::Quiz(Quiz {
            why,
            multiple,
            options: zh
                .1
                .into_iter()
                .zip(en.1)
                .map(|((c, z), (_, e))| QuizOption {
                    text: Localized { zh: z, en: e },
                    correct: c,
                })
                .collect(),
            explanation: d.explain,
        })
    } else {
        if d.options.iter().any(Option::is_some)
            || d.why.iter().any(Option::is_some)
            || !d.explain.zh.is_empty()
            || !d.explain.en.is_empty()
        {
            errors.push(err(
                d.line,
                LintKind::BadQuiz,
                format!("step '{}' has options but no '@quiz single|multiple'", d.id),
            ));
        }
        if !d.saw_check {
            errors.push(err(
                d.line,
                LintKind::MissingCheck,
                format!("step '{}' has no '@check'", d.id),
            ));
        }
        match &d.solution {
            None => errors.push(err(
                d.line,
                LintKind::MissingSolution,
                format!("step '{}' has no '@solution'", d.id),
            )),
            Some(s) if s.is_empty() => errors.push(err(
                d.line,
                LintKind::MissingSolution,
                format!("step '{}' has an empty '@solution'", d.id),
            )),
            _ => {}
        }
        let [zh, en] = &d.hints;
        if zh.len() != en.len() {
            errors.push(err(
                d.line,
                LintKind::MissingTranslation,
                format!(
                    "step '{}' has {} zh hints and {} en hints",
                    d.id,
                    zh.len(),
                    en.len()
                ),
            ));
        }
        if zh.iter().chain(en).any(|h| h.trim().is_empty()) {
            errors.push(err(
                d.line,
                LintKind::MissingTranslation,
                format!("step '{}' has an empty hint", d.id),
            ));
        }
        StepKind::Task(Task {
            check: d.check?,
            hints: zh
                .iter()
                .zip(en)
                .map(|(z, e)| Localized {
                    zh: z.clone(),
                    en: e.clone(),
                })
                .collect(),
            solution: d.solution.unwrap_or_default(),
            rejects: d.rejects,
            accepts: d.accepts,
            diagnoses: d.diagnoses,
        })
    };
    (errors.len() == before).then_some(Step {
        id: d.id,
        text: d.text,
        kind,
    })
}

/// A `@diagnose` body: lines `zh: …` and `en: …` (the explanation, one
/// line each, repeatable to continue it), every other line the check that
/// recognises the mistake.
fn diagnosis(s: &Section, errors: &mut Vec<LintError>) -> Option<Diagnosis> {
    let mut text = Localized::default();
    let mut check_lines = Vec::new();
    for line in s.body.lines() {
        let t = line.trim_start();
        let said = Lang::ALL.into_iter().find_map(|l| {
            t.strip_prefix(l.key())
                .and_then(|r| r.strip_prefix(':'))
                .map(|r| (l, r.trim()))
        });
        match said {
            Some((l, r)) => {
                let slot = text.slot(l);
                if !slot.is_empty() {
                    slot.push(' ');
                }
                slot.push_str(r);
                check_lines.push(String::new());
            }
            None => check_lines.push(line.to_string()),
        }
    }
    let before = errors.len();
    for l in text.missing() {
        errors.push(err(
            s.line,
            LintKind::MissingTranslation,
            format!("'@diagnose' has no '{}:' line", l.key()),
        ));
    }
    let when = match check::parse(&check_lines.join("\n")) {
        Ok(c) => Some(c),
        Err(es) => {
            errors.extend(
                es.into_iter()
                    .map(|e| err(s.line + 1 + e.line, LintKind::BadCheck, e.message)),
            );
            None
        }
    };
    (errors.len() == before).then_some(Diagnosis { when: when?, text })
}

/// The `@why` texts of a quiz, one per option, or every problem with them.
fn why_texts(
    id: &str,
    why: [Option<(usize, Vec<String>)>; 2],
    options: usize,
    errors: &mut Vec<LintError>,
) -> Vec<Localized> {
    match why {
        [None, None] => Vec::new(),
        [Some((_, zh)), Some((eline, en))] => {
            if zh.len() != options || en.len() != options {
                errors.push(err(
                    eline,
                    LintKind::BadQuiz,
                    format!(
                        "quiz '{id}': {options} options, but {} '@why zh' and {} '@why en' lines",
                        zh.len(),
                        en.len()
                    ),
                ));
                return Vec::new();
            }
            zh.into_iter()
                .zip(en)
                .map(|(zh, en)| Localized { zh, en })
                .collect()
        }
        [z, e] => {
            let line = z.as_ref().or(e.as_ref()).map_or(0, |w| w.0);
            let missing = if z.is_none() { Lang::Zh } else { Lang::En };
            errors.push(err(
                line,
                LintKind::MissingTranslation,
                format!("quiz '{id}' has no '@why {}'", missing.key()),
            ));
            Vec::new()
        }
    }
}

/// Commands of a `@setup` or `@solution` body: one per line (a heredoc
/// stays with its command); blank lines and `#` comments skipped.
fn commands(body: &str) -> Vec<String> {
    crate::sandbox::script_lines(body)
        .into_iter()
        .filter(|c| !c.trim_start().starts_with('#'))
        .collect()
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
