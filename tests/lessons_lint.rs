//! The lesson lint: every file in `lessons/` is clean and embedded, and the
//! lint reports each kind of mistake instructors can make, with its line.

use dockerlings::lessons::{self, lint, LintKind};

/// A minimal valid lesson, edited by the tests below.
const GOOD: &str = "@lesson demo
@title zh
演示
@title en
Demo
@intro zh
介绍
@intro en
Intro
@setup
docker pull ubuntu
@step pull
@text zh
拉取 `alpine`。
@text en
Pull `alpine`.
@check
image_exists alpine
@hint zh
用 `docker pull`。
@hint en
Use `docker pull`.
@solution
docker pull alpine
@step why
@quiz single
@text zh
为什么?
@text en
Why?
@options zh
- [ ] 错
- [x] 对
@options en
- [ ] wrong
- [x] right
@explain zh
因为。
@explain en
Because.
";

fn kinds(text: &str) -> Vec<(usize, LintKind, String)> {
    lint(text)
        .into_iter()
        .map(|e| (e.line, e.kind, e.message))
        .collect()
}

#[test]
fn every_lesson_file_is_clean_and_embedded() {
    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "README.md" || !name.ends_with(".md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let errors = lint(&text);
        assert!(
            errors.is_empty(),
            "{name}:\n{}",
            errors
                .iter()
                .map(|e| format!("  {e}\n"))
                .collect::<String>()
        );
        on_disk.push(name);
    }
    on_disk.sort();
    let embedded: Vec<String> = lessons::FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded);
    let ids: Vec<String> = lessons::catalog().into_iter().map(|l| l.id).collect();
    assert_eq!(
        ids,
        [
            "architecture",
            "layers",
            "copy-on-write",
            "lifecycle",
            "commit",
            "dockerfile",
            "publish",
            "private-registry",
            "multi-stage",
            "troubleshooting"
        ]
    );
}

#[test]
fn a_good_file_is_clean() {
    assert_eq!(kinds(GOOD), vec![]);
    let l = lessons::parse(GOOD).unwrap();
    assert_eq!(l.setup, vec!["docker pull ubuntu".to_string()]);
    assert_eq!(l.steps.len(), 2);
    assert_eq!(l.find_step("why"), Some(1));
    assert_eq!(l.find_step("1"), Some(0));
    assert_eq!(l.find_step("3"), None);
}

#[test]
fn unknown_predicate() {
    let t = GOOD.replace("image_exists alpine", "image_exist alpine");
    assert_eq!(
        kinds(&t),
        vec![(
            18,
            LintKind::BadCheck,
            "unknown predicate 'image_exist'".into()
        )]
    );
}

#[test]
fn bad_arguments_to_a_predicate() {
    let t = GOOD.replace("image_exists alpine", "container_exists state=up");
    assert_eq!(
        kinds(&t),
        vec![(
            18,
            LintKind::BadCheck,
            "container_exists: unknown option 'state='".into()
        )]
    );
}

#[test]
fn missing_translation() {
    let t = GOOD.replace("@text en\nPull `alpine`.\n", "");
    assert_eq!(
        kinds(&t),
        vec![(
            12,
            LintKind::MissingTranslation,
            "step 'pull' has no '@text en'".into()
        )]
    );
    let t = GOOD.replace("@hint en\nUse `docker pull`.\n", "");
    assert_eq!(
        kinds(&t),
        vec![(
            12,
            LintKind::MissingTranslation,
            "step 'pull' has 1 zh hints and 0 en hints".into()
        )]
    );
    let t = GOOD.replace("@title en\nDemo\n", "");
    assert_eq!(
        kinds(&t),
        vec![(
            1,
            LintKind::MissingTranslation,
            "lesson has no '@title en'".into()
        )]
    );
}

#[test]
fn step_without_check_or_solution() {
    let t = GOOD.replace("@check\nimage_exists alpine\n", "");
    assert_eq!(
        kinds(&t),
        vec![(
            12,
            LintKind::MissingCheck,
            "step 'pull' has no '@check'".into()
        )]
    );
    let t = GOOD.replace("@solution\ndocker pull alpine\n", "");
    assert_eq!(
        kinds(&t),
        vec![(
            12,
            LintKind::MissingSolution,
            "step 'pull' has no '@solution'".into()
        )]
    );
}

#[test]
fn bad_quiz() {
    let t = GOOD.replace("- [ ] wrong\n- [x] right", "- [x] wrong\n- [ ] right");
    assert_eq!(
        kinds(&t),
        vec![(
            34,
            LintKind::BadQuiz,
            "quiz 'why': right answers differ between zh and en".into()
        )]
    );
    let t = GOOD.replace("- [ ] 错\n- [x] 对", "- [x] 错\n- [x] 对");
    let k = kinds(&t);
    assert!(k.contains(&(
        31,
        LintKind::BadQuiz,
        "single-choice quiz 'why' needs exactly one right answer (has 2)".into()
    )));
    let t = GOOD.replace("- [ ] wrong\n", "");
    assert_eq!(
        kinds(&t),
        vec![(
            34,
            LintKind::BadQuiz,
            "quiz 'why': 2 options in zh, 1 in en".into()
        )]
    );
    let t = GOOD.replace("- [ ] 错", "* 错");
    assert_eq!(
        kinds(&t),
        vec![
            (
                31,
                LintKind::BadQuiz,
                "quiz 'why' needs at least two options".into()
            ),
            (
                32,
                LintKind::BadQuiz,
                "an option line is '- [ ] text' or '- [x] text' (x marks a right answer)".into()
            ),
            (
                34,
                LintKind::BadQuiz,
                "quiz 'why': 1 options in zh, 2 in en".into()
            )
        ]
    );
}

#[test]
fn structure_and_syntax() {
    assert_eq!(
        kinds("hello\n"),
        vec![
            (1, LintKind::Syntax, "text before '@lesson'".into()),
            (
                1,
                LintKind::Structure,
                "a lesson file starts with '@lesson ID'".into()
            )
        ]
    );
    let t = GOOD.replace("@step why", "@step pull");
    assert_eq!(
        kinds(&t),
        vec![(25, LintKind::Structure, "duplicate step id 'pull'".into())]
    );
    let t = GOOD.replace("@hint zh", "@hnit zh");
    assert!(kinds(&t).contains(&(19, LintKind::Syntax, "unknown section '@hnit'".into())));
    let t = GOOD.replace("@text zh\n为什么?", "@text fr\nPourquoi ?");
    assert!(kinds(&t).contains(&(
        27,
        LintKind::Syntax,
        "unknown language 'fr' (use zh or en)".into()
    )));
}

#[test]
fn literal_at_sign_in_text() {
    let t = GOOD.replace("Pull `alpine`.", "@@learner pulls `alpine`.");
    let l = lessons::parse(&t).unwrap();
    assert_eq!(l.steps[0].text.en, "@learner pulls `alpine`.");
}

#[test]
fn solutions_keep_heredocs_and_skip_comments() {
    let t = GOOD.replace(
        "@solution\ndocker pull alpine\n",
        "@solution\n# make a Dockerfile\ncat > Dockerfile <<'EOF'\n# a comment inside\nFROM alpine\nEOF\ndocker pull alpine\n",
    );
    let l = lessons::parse(&t).unwrap();
    assert_eq!(
        l.steps[0].task().unwrap().solution,
        vec![
            "cat > Dockerfile <<'EOF'\n# a comment inside\nFROM alpine\nEOF".to_string(),
            "docker pull alpine".to_string()
        ]
    );
}

#[test]
fn the_instructors_guide_documents_every_predicate() {
    let guide = include_str!("../lessons/README.md");
    for sig in lessons::VOCABULARY {
        assert!(
            guide.contains(&format!("`{}", sig.name)),
            "lessons/README.md does not document `{}`",
            sig.name
        );
    }
}

/// GOOD with near misses, an alternative, a diagnosis and quiz reasons.
fn good_with_sequences() -> String {
    GOOD.replace(
        "@solution\ndocker pull alpine\n",
        "@solution\ndocker pull alpine\n@reject\n# another image\ndocker pull ubuntu\n\
@reject\ndocker pull alpine:3.21\n@accept\ndocker image pull alpine\n\
@diagnose\nimage_exists ubuntu\nnot image_exists alpine\nzh: 这是 ubuntu。\nen: That is ubuntu,\nen: not alpine.\n",
    )
    .replace(
        "@explain en\nBecause.\n",
        "@explain en\nBecause.\n@why zh\n- 错的\n- 对的\n@why en\n- wrong because\n- right because\n",
    )
}

#[test]
fn rejects_accepts_diagnoses_and_reasons_parse() {
    let t = good_with_sequences();
    assert_eq!(kinds(&t), vec![]);
    let l = lessons::parse(&t).unwrap();
    let task = l.steps[0].task().unwrap();
    assert_eq!(
        task.rejects,
        vec![
            vec!["docker pull ubuntu".to_string()],
            vec!["docker pull alpine:3.21".to_string()]
        ]
    );
    assert_eq!(
        task.accepts,
        vec![vec!["docker image pull alpine".to_string()]]
    );
    assert_eq!(task.diagnoses.len(), 1);
    assert_eq!(task.diagnoses[0].text.zh, "这是 ubuntu。");
    assert_eq!(task.diagnoses[0].text.en, "That is ubuntu, not alpine.");
    let quiz = l.steps[1].quiz().unwrap();
    assert_eq!(quiz.why.len(), 2);
    assert_eq!(quiz.why[1].en, "right because");
}

#[test]
fn bad_rejects_diagnoses_and_reasons() {
    let t = good_with_sequences();
    let bad = t.replace("@reject\ndocker pull alpine:3.21\n", "@reject\n# nothing\n");
    assert!(kinds(&bad).contains(&(
        28,
        LintKind::Syntax,
        "an empty '@reject' in step 'pull'".into()
    )));
    let bad = t.replace("en: That is ubuntu,\nen: not alpine.\n", "");
    assert!(kinds(&bad).contains(&(
        32,
        LintKind::MissingTranslation,
        "'@diagnose' has no 'en:' line".into()
    )));
    let bad = t.replace("not image_exists alpine", "not image_exist alpine");
    assert!(kinds(&bad).contains(&(
        34,
        LintKind::BadCheck,
        "unknown predicate 'image_exist'".into()
    )));
    let bad = t.replace("- wrong because\n", "");
    assert!(kinds(&bad).iter().any(|(_, k, m)| *k == LintKind::BadQuiz
        && m == "quiz 'why': 2 options, but 2 '@why zh' and 1 '@why en' lines"));
    let bad = t.replace("@why en\n- wrong because\n- right because\n", "");
    assert!(kinds(&bad)
        .iter()
        .any(|(_, k, m)| *k == LintKind::MissingTranslation && m == "quiz 'why' has no '@why en'"));
    let bad = t.replace("- 错的", "错的");
    assert!(kinds(&bad).iter().any(|(_, k, m)| *k == LintKind::BadQuiz
        && m == "a '@why' line is '- why this option is right or wrong'"));
    let bad = t.replace("@why zh", "@reject\ndocker ps\n@why zh");
    assert!(kinds(&bad).iter().any(|(_, k, m)| *k == LintKind::BadQuiz
        && m == "quiz step 'why' cannot have '@reject', '@accept' or '@diagnose'"));
}
