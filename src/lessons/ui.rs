//! The lesson panel's own words (buttons, status lines) in each [`Lang`],
//! so switching language changes every string, not only lesson text.
//! `{n}`-style placeholders are filled with [`fill`].

use super::model::Lang;

/// (key, zh-CN, en).
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("lessons", "课程", "Lessons"),
    (
        "free-sandbox",
        "自由练习(不跟随课程)",
        "Free sandbox (no lesson)",
    ),
    ("step-of", "第 {n} 步,共 {total} 步", "Step {n} of {total}"),
    ("progress", "已完成 {done}/{total}", "{done}/{total} done"),
    ("hint", "提示", "Hint"),
    ("more-hint", "再给一条提示", "Another hint"),
    ("no-more-hints", "没有更多提示了", "No more hints"),
    ("show-solution", "显示答案", "Show solution"),
    ("reset-lesson", "重置本课", "Reset lesson"),
    (
        "reset-confirm",
        "重置会清空沙盒,并重新准备本课的初始状态。继续吗?",
        "Resetting empties the sandbox and prepares the lesson's start state again. Continue?",
    ),
    ("previous", "上一步", "Previous"),
    ("next", "下一步", "Next"),
    (
        "waiting",
        "在终端里完成这一步,检查会自动进行。",
        "Do this in the terminal; it is checked after every command.",
    ),
    ("step-done", "这一步完成了!", "Step complete!"),
    (
        "lesson-done",
        "恭喜,本课全部完成!",
        "Lesson complete — well done!",
    ),
    ("check-answer", "提交答案", "Check answer"),
    ("correct", "回答正确!", "Correct!"),
    ("wrong", "还不对,再想想。", "Not quite — try again."),
    ("choose-one", "选择一个答案", "Choose one answer"),
    (
        "choose-many",
        "选择所有正确的答案",
        "Choose every right answer",
    ),
    (
        "setup-failed",
        "本课的准备命令失败了:",
        "The lesson's start-up commands failed:",
    ),
    ("language", "语言", "Language"),
    (
        "still-missing",
        "还没做到:{check}",
        "Not there yet: {check}",
    ),
    (
        "missed-right",
        "还有 {n} 个正确答案没有选。",
        "Right answers not chosen yet: {n}.",
    ),
    (
        "diagnosis",
        "现在的状态还缺:",
        "What the current state lacks:",
    ),
    (
        "lacks-image",
        "本地还没有镜像 `{ref}`。",
        "There is no local image `{ref}` yet.",
    ),
    (
        "extra-image",
        "镜像 `{ref}` 还在本地。",
        "The image `{ref}` is still here.",
    ),
    (
        "lacks-container",
        "还没有符合 {selectors} 的容器(`docker ps -a` 看一看)。",
        "No container matches {selectors} yet (see `docker ps -a`).",
    ),
    (
        "extra-container",
        "还有符合 {selectors} 的容器(`docker ps -a` 看一看)。",
        "A container matching {selectors} is still there (see `docker ps -a`).",
    ),
    (
        "lacks-request",
        "这一步开始以来,Docker 守护进程还没有收到 `{method} {request}` 请求:运行会发出这个请求的 docker 命令。",
        "Since this step began, the Docker daemon has not received a `{method} {request}` request: run the docker command that sends it.",
    ),
    (
        "lacks-registry-repo",
        "镜像仓库 `{registry}` 里还没有 `{repo}`。",
        "The registry `{registry}` does not hold `{repo}` yet.",
    ),
    (
        "lacks-file",
        "`{path}` 还不存在。",
        "`{path}` does not exist yet.",
    ),
    ("next-lesson", "下一课:{title}", "Next lesson: {title}"),
    ("all-lessons", "所有课程", "All lessons"),
    (
        "auto-advance",
        "通过后自动进入下一步",
        "Move on as soon as a step passes",
    ),
    ("run", "点击运行", "Click to run"),
];

/// The UI string `key` in `lang` (the key itself if unknown).
pub fn text(lang: Lang, key: &str) -> &str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
        .unwrap_or(key)
}

/// Replaces `{name}` placeholders: `fill("Step {n}", &[("n", "2")])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in values {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_in_both_languages() {
        for (k, zh, en) in STRINGS {
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
            assert_eq!(zh.matches('{').count(), en.matches('{').count(), "{k}");
        }
        assert_eq!(
            fill(text(Lang::Zh, "step-of"), &[("n", "2"), ("total", "7")]),
            "第 2 步,共 7 步"
        );
        assert_eq!(
            fill(text(Lang::En, "step-of"), &[("n", "2"), ("total", "7")]),
            "Step 2 of 7"
        );
        assert_eq!(text(Lang::En, "nope"), "nope");
    }
}
