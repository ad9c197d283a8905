//! Every string the browser console and its lesson panel show, in zh-CN and
//! en. The lesson panel's core words live with the lessons
//! ([`crate::lessons::ui`]); this table adds the console's own (top bar,
//! welcome, reset) and the panel's extra labels, and [`t`] looks in both.
//! The tables build natively so `cargo test` checks them.

use crate::lessons::{ui, Lang};

/// (key, zh-CN, en). `{name}` placeholders are filled with [`ui::fill`].
const STRINGS: &[(&str, &str, &str)] = &[
    // The console.
    ("tagline", "在浏览器里学 Docker", "learn Docker in your browser"),
    ("reset-sandbox", "重置沙盒", "Reset sandbox"),
    (
        "reset-sandbox-title",
        "删除这个沙盒里的一切,从头开始",
        "Delete everything in this sandbox and start fresh",
    ),
    (
        "reset-sandbox-confirm",
        "重置沙盒?这个浏览器里的所有镜像、容器、数据卷、文件和命令历史都会被删除。",
        "Reset the sandbox? Every image, container, volume, file and the command history in this browser will be deleted.",
    ),
    (
        "reset-sandbox-done",
        "沙盒已重置:一个没有镜像和容器的全新引擎。\n",
        "The sandbox was reset: a fresh engine with no images or containers.\n",
    ),
    (
        "welcome-fresh",
        "欢迎来到 Dockerlings:一个在浏览器里模拟的 Docker 引擎。在提示符后输入 docker 命令,试试  docker run hello-world\n",
        "Welcome to Dockerlings: a Docker engine simulated in your browser. Type docker commands at the prompt; try  docker run hello-world\n",
    ),
    (
        "welcome-back",
        "欢迎回来。你的沙盒已从这个浏览器恢复(历史中有 {n} 条命令)。\n",
        "Welcome back. Your sandbox was restored from this browser ({n} commands in its history).\n",
    ),
    (
        "welcome-back-one",
        "欢迎回来。你的沙盒已从这个浏览器恢复(历史中有 1 条命令)。\n",
        "Welcome back. Your sandbox was restored from this browser (1 command in its history).\n",
    ),
    (
        "welcome-unreadable",
        "保存的沙盒无法恢复({e}),所以这是一个新的沙盒。旧的副本保存在 localStorage 的 dockerlings.sandbox.v1.unreadable 下。\n",
        "Your saved sandbox could not be restored ({e}), so this is a fresh one. The old copy is kept in localStorage under dockerlings.sandbox.v1.unreadable.\n",
    ),
    (
        "save-failed",
        "无法在这个浏览器里保存你的沙盒({e});重新加载后它会丢失。\n",
        "Your sandbox could not be saved in this browser ({e}); it will be lost on reload.\n",
    ),
    // The frame around the console (boot.rs, crash.rs, dialog.rs).
    (
        "welcome-unreadable-lost",
        "保存的沙盒无法恢复({e}),所以这是一个新的沙盒。旧的副本无法另存(浏览器存储已满),它会在下一次保存时被覆盖;如需保留,请先用开发者工具复制 localStorage 的 dockerlings.sandbox.v1。\n",
        "Your saved sandbox could not be restored ({e}), so this is a fresh one. The old copy could not be kept aside (the browser's storage is full) and the next save will replace it; to keep it, copy localStorage's dockerlings.sandbox.v1 from the developer tools first.\n",
    ),
    (
        "welcome-older",
        "欢迎回来。恢复的是 {age}前保存的沙盒:之后的命令没能保存(浏览器存储已满或被禁用),它们的修改已丢失。\n",
        "Welcome back. The sandbox restored is the one saved {age} ago: the commands after it could not be saved (the browser's storage was full or disabled), and their changes are lost.\n",
    ),
    ("age-seconds", "{n} 秒", "{n} seconds"),
    ("age-minutes", "{n} 分钟", "{n} minutes"),
    ("age-hours", "{n} 小时", "{n} hours"),
    ("age-days", "{n} 天", "{n} days"),
    (
        "save-warning",
        "这个沙盒没有被保存({e}),重新加载后最近的修改会丢失。",
        "This sandbox is not being saved ({e}); your latest changes will be lost on reload.",
    ),
    ("export-sandbox", "下载沙盒", "Download the sandbox"),
    ("cancel", "取消", "Cancel"),
    ("continue", "继续", "Continue"),
    (
        "progress-unreadable",
        "保存的课程进度无法读取,所以进度从头开始。旧的副本保存在 localStorage 的 dockerlings.lessons.v1.unreadable 下。",
        "Your saved lesson progress could not be read, so progress starts over. The old copy is kept in localStorage under dockerlings.lessons.v1.unreadable.",
    ),
    (
        "progress-unreadable-lost",
        "保存的课程进度无法读取,所以进度从头开始。旧的副本无法另存(浏览器存储已满),会在下一次保存时被覆盖。",
        "Your saved lesson progress could not be read, so progress starts over. The old copy could not be kept aside (the browser's storage is full) and the next save will replace it.",
    ),
    (
        "open-elsewhere",
        "这个沙盒在另一个标签页里被修改了。为了不覆盖那边的修改,这个标签页不再保存;重新加载即可在这里继续那边的沙盒。",
        "This sandbox was changed in another tab. So as not to overwrite those changes, this tab no longer saves; reload to continue that sandbox here.",
    ),
    ("crash-title", "Dockerlings 已停止", "Dockerlings stopped"),
    (
        "crash-body",
        "沙盒内部出错,这个页面无法继续运行。重新加载页面即可从上次保存处继续;你也可以先下载上次保存的沙盒。",
        "Something went wrong inside the sandbox and this page cannot go on. Reload to continue from your last save; you can also download that save first.",
    ),
    ("crash-reload", "重新加载", "Reload"),
    ("crash-export", "下载上次保存", "Download the last save"),
    ("terminal", "终端", "Terminal"),
    ("command-line", "命令行", "Command line"),
    // The key bar (input.rs) and the editor (editor.rs).
    ("key-complete", "补全", "Complete"),
    ("key-previous", "上一条命令", "Previous command"),
    ("key-next", "下一条命令", "Next command"),
    ("key-cancel", "取消这一行(Ctrl+C)", "Cancel the line (Ctrl+C)"),
    (
        "key-kill-line",
        "删除到行首(Ctrl+U)",
        "Delete to the start of the line (Ctrl+U)",
    ),
    (
        "key-kill-word",
        "删除光标前的单词(Ctrl+W)",
        "Delete the word before the cursor (Ctrl+W)",
    ),
    ("key-clear", "清屏(Ctrl+L)", "Clear the screen (Ctrl+L)"),
    ("editor-save", "保存", "Save"),
    ("editor-save-quit", "保存并退出", "Save & quit"),
    ("editor-quit", "退出", "Quit"),
    ("editor-modified", "已修改", "Modified"),
    (
        "editor-save-ask",
        "保存修改?  Y 是  N 否  ^C 取消",
        "Save modified buffer?  Y Yes  N No  ^C Cancel",
    ),
    (
        "editor-quit-confirm",
        "不保存修改就退出?",
        "Quit without saving your changes?",
    ),
    (
        "editor-vim-help",
        "i 插入 · Esc 普通模式 · :w 保存 · :q 退出 · :wq 保存并退出 · :q! 不保存退出",
        "i insert · Esc normal mode · :w save · :q quit · :wq save and quit · :q! quit without saving",
    ),
    ("editor-contents", "{path} 的内容", "Contents of {path}"),
    ("editor-nano-help", "^O 写入 · ^X 离开", "^O Write Out · ^X Exit"),
    ("editor-cancelled", "[ 已取消 ]", "[ Cancelled ]"),
    (
        "scrolled-off",
        "… 更早的 {n} 条已滚出(终端只保留最近 {max} 条)。",
        "… {n} earlier entries scrolled off (the console keeps the last {max}).",
    ),
    ("editor-command", "编辑器命令", "Editor command"),
    // The panel, beyond lessons::ui.
    ("start-here", "从这里开始", "Start here"),
    (
        "sandbox-intro",
        "这是一个完整运行在浏览器里的 Docker 沙盒:模拟的引擎,真实的 docker 命令和输出。在这里做什么都不会弄坏任何东西,重新加载页面后一切都还在。",
        "This is a complete Docker sandbox that runs inside your browser: a simulated engine, the real docker commands and their real output. Nothing you do here can break anything, and everything is kept when you reload the page.",
    ),
    (
        "click-to-type",
        "点击一条命令把它输入终端,再按回车:",
        "Click a command to type it, then press Enter:",
    ),
    ("try-version", "客户端和它连接的 daemon", "the client and the daemon it talks to"),
    (
        "try-hello",
        "从 Docker Hub 拉取一个镜像并运行它",
        "pull an image from Docker Hub and run it",
    ),
    ("try-images", "你拉取过的镜像", "the images you have pulled"),
    ("try-ps", "所有容器,运行中的和已退出的", "every container, running or exited"),
    ("try-info", "daemon 眼中的沙盒", "the daemon's view of the sandbox"),
    ("keys-history", "历史", "history"),
    ("keys-complete", "补全", "complete"),
    ("keys-cancel", "取消", "cancel"),
    ("keys-clear", "清屏", "clear"),
    ("choose-lesson", "选择一课开始:", "Choose a lesson to start:"),
    ("intro", "简介", "Introduction"),
    ("hints", "提示", "Hints"),
    ("explanation", "解释", "Explanation"),
    ("done", "已完成", "Done"),
    ("not-started", "未开始", "Not started"),
    ("current", "当前", "Current"),
    ("step-n", "第 {n} 步", "Step {n}"),
    ("answered", "已答对", "Answered correctly"),
    (
        "start-confirm",
        "开始这一课会用一个为它准备好的新沙盒替换当前沙盒(当前的镜像、容器和文件会被删除)。继续吗?",
        "Starting this lesson replaces the sandbox with a fresh one prepared for it (its images, containers and files are deleted). Continue?",
    ),
    (
        "lesson-prepared",
        "已为「{title}」准备好一个新沙盒。",
        "A fresh sandbox is ready for “{title}”.",
    ),
    ("setup-ran", "已运行准备命令:{commands}", "Start-up commands run: {commands}"),
    (
        "step-done-notice",
        "✓ 第 {n} 步完成:{next}",
        "✓ Step {n} complete: {next}",
    ),
    ("next-step-is", "下一步是第 {n} 步。", "on to step {n}."),
    ("lesson-finished", "本课全部完成。", "the lesson is finished."),
    ("solution-running", "正在终端里运行答案……", "Running the solution in the terminal…"),
    ("dismiss", "关闭", "Dismiss"),
    ("free-mode", "自由练习模式:没有课程,随意尝试。", "Free sandbox: no lesson, try anything."),
    // Keyboard, screen readers and small screens (issue 20).
    ("command-line-at", "命令行,{prompt}", "Command line, {prompt}"),
    (
        "command-line-nested",
        "命令行,在容器或远程机器的 shell 里(exit 或 Ctrl+D 离开),{prompt}",
        "Command line in a container's or another machine's shell (exit or Ctrl+D leaves it), {prompt}",
    ),
    (
        "terminal-help",
        "Tab 补全命令;Shift+Tab,或先按 Esc 再按 Tab,离开终端;在页面空白处直接打字会回到终端。",
        "Tab completes a command; Shift+Tab, or Esc then Tab, leaves the terminal; typing anywhere else on the page comes back to it.",
    ),
    ("keys-leave", "离开终端", "leave the terminal"),
    ("step-state-done", "第 {n} 步:已完成", "Step {n}: done"),
    ("step-state-current", "第 {n} 步:当前", "Step {n}: current"),
    ("step-state-current-done", "第 {n} 步:当前,已完成", "Step {n}: current, done"),
    ("step-state-todo", "第 {n} 步:未完成", "Step {n}: not yet"),
    (
        "output-summary",
        "{lines} 行输出;按 Shift+Tab 阅读。",
        "{lines} lines of output; press Shift+Tab to read them.",
    ),
    ("output-region", "命令输出,{lines} 行", "Command output, {lines} lines"),
    ("wide-output", "较宽的输出,可左右滚动", "Wide output, scrolls sideways"),
    ("editor-keys", "编辑器按键", "Editor keys"),
    ("key-escape", "回到普通模式(Esc)", "Back to normal mode (Esc)"),
    ("key-ex", "命令行模式(:)", "Command-line mode (:)"),
    ("key-search", "搜索(/)", "Search (/)"),
    ("key-left", "左移(h)", "Left (h)"),
    ("key-down", "下移(j)", "Down (j)"),
    ("key-up", "上移(k)", "Up (k)"),
    ("key-right", "右移(l)", "Right (l)"),
    ("terminal-keys", "终端按键", "Terminal keys"),
];

/// The UI string `key` in `lang`: the console's table first, then the
/// lesson panel's ([`ui::text`]); the key itself if neither has it.
pub fn t(lang: Lang, key: &str) -> &str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
        .unwrap_or_else(|| ui::text(lang, key))
}

/// [`t`] with `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    ui::fill(t(lang, key), values)
}

/// The "welcome back" line with the history's size.
pub fn welcome_back(lang: Lang, n: usize) -> String {
    if n == 1 {
        return t(lang, "welcome-back-one").to_string();
    }
    tf(lang, "welcome-back", &[("n", &n.to_string())])
}

/// The "restored an older save" line, with its age in the largest whole
/// unit (seconds, minutes, hours, days).
pub fn welcome_older(lang: Lang, age_ms: i64) -> String {
    let s = age_ms.max(0) / 1000;
    let (key, n) = match s {
        0..=119 => ("age-seconds", s),
        120..=7199 => ("age-minutes", s / 60),
        7200..=172_799 => ("age-hours", s / 3600),
        _ => ("age-days", s / 86_400),
    };
    let age = tf(lang, key, &[("n", &n.to_string())]);
    tf(lang, "welcome-older", &[("age", &age)])
}

#[cfg(target_arch = "wasm32")]
/// The language the browser prefers (`navigator.language`), if it is one
/// lessons are written in.
pub fn browser_lang() -> Option<Lang> {
    let window = web_sys::window()?;
    let nav = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let lang = js_sys::Reflect::get(&nav, &"language".into()).ok()?;
    Lang::parse(&lang.as_string()?)
}

#[cfg(target_arch = "wasm32")]
/// Sets `<html lang>` so fonts and screen readers follow the language.
pub fn set_document_lang(lang: Lang) {
    let _ = gloo::utils::document_element().set_attribute("lang", lang.tag());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_in_both_languages_with_the_same_placeholders() {
        let placeholders = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string()))
                .collect();
            v.sort();
            v
        };
        for (k, zh, en) in STRINGS {
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
            assert_ne!(zh, en, "{k} is not translated");
            assert_eq!(placeholders(zh), placeholders(en), "{k}");
            assert!(
                ui::STRINGS.iter().all(|(u, _, _)| u != k),
                "{k} is also in lessons::ui"
            );
        }
        let keys: Vec<&str> = STRINGS.iter().map(|(k, _, _)| *k).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "a key is listed twice");
    }

    #[test]
    fn lookups_fall_back_to_the_lesson_panel_strings() {
        assert_eq!(t(Lang::Zh, "reset-sandbox"), "重置沙盒");
        assert_eq!(t(Lang::En, "show-solution"), "Show solution");
        assert_eq!(t(Lang::Zh, "show-solution"), "显示答案");
        assert_eq!(t(Lang::En, "no-such-key"), "no-such-key");
        assert_eq!(
            welcome_back(Lang::En, 1),
            "Welcome back. Your sandbox was restored from this browser (1 command in its history).\n"
        );
        assert_eq!(
            welcome_back(Lang::Zh, 3),
            "欢迎回来。你的沙盒已从这个浏览器恢复(历史中有 3 条命令)。\n"
        );
        assert_eq!(
            welcome_older(Lang::En, 3 * 3600 * 1000 + 5),
            "Welcome back. The sandbox restored is the one saved 3 hours ago: the commands after it could not be saved (the browser's storage was full or disabled), and their changes are lost.\n"
        );
        assert!(welcome_older(Lang::Zh, 90_000).contains("90 秒前保存"));
        assert!(welcome_older(Lang::En, 600_000).contains("10 minutes ago"));
        assert!(welcome_older(Lang::En, 5 * 86_400_000).contains("5 days ago"));
        assert_eq!(
            tf(
                Lang::En,
                "step-done-notice",
                &[("n", "2"), ("next", "on to step 3.")]
            ),
            "✓ Step 2 complete: on to step 3."
        );
    }
}
