//! Safe Markdown → HTML for lesson text. A deliberate subset, written here
//! rather than pulling in a full CommonMark crate (tens of KB of wasm for
//! features lessons don't use): paragraphs, `#`–`####` headings, `-`/`*`
//! and `1.` lists, `>` quotes, fenced code blocks, and inline `code`,
//! `**bold**`, `*italic*`, `[links](https://…)`. Everything else is text:
//! every character is HTML-escaped, so raw HTML and scripts cannot get
//! through, and links only keep `http(s)://`, `#` and relative targets.
//!
//! Fenced blocks with no language or `sh`/`bash`/`shell`/`console` are
//! click-to-run: `<pre class="code run" data-run="…">`, the command text
//! (one command per line, heredocs kept) in `data-run`.

/// Renders lesson Markdown to safe HTML.
pub fn render_markdown(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if !para.is_empty() {
            out.push_str("<p>");
            out.push_str(&inline(&para.join("\n")));
            out.push_str("</p>\n");
            para.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start();
        if let Some(fence) = fence_open(t) {
            flush(&mut para, &mut out);
            let info = t[fence.len()..].trim().to_ascii_lowercase();
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with(fence) {
                body.push(lines[i]);
                i += 1;
            }
            i += 1; // closing fence (or end of text)
            code_block(&mut out, &info, &body.join("\n"));
            continue;
        }
        if t.is_empty() {
            flush(&mut para, &mut out);
            i += 1;
            continue;
        }
        if let Some((level, rest)) = heading(t) {
            flush(&mut para, &mut out);
            out.push_str(&format!("<h{level}>{}</h{level}>\n", inline(rest)));
            i += 1;
            continue;
        }
        if t.starts_with("> ") || t == ">" {
            flush(&mut para, &mut out);
            let mut quote = Vec::new();
            while i < lines.len() {
                let q = lines[i].trim_start();
                match q.strip_prefix('>') {
                    Some(r) => quote.push(r.strip_prefix(' ').unwrap_or(r)),
                    None => break,
                }
                i += 1;
            }
            out.push_str("<blockquote>\n");
            out.push_str(&render_markdown(&quote.join("\n")));
            out.push_str("</blockquote>\n");
            continue;
        }
        if let Some(ordered) = list_item(t).map(|(o, _)| o) {
            flush(&mut para, &mut out);
            let tag = if ordered { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>\n"));
            let mut item: Option<String> = None;
            while i < lines.len() {
                let l = lines[i];
                let lt = l.trim_start();
                if lt.is_empty() || fence_open(lt).is_some() {
                    break;
                }
                match list_item(lt) {
                    Some((o, rest)) if o == ordered => {
                        if let Some(it) = item.take() {
                            out.push_str(&format!("<li>{}</li>\n", inline(&it)));
                        }
                        item = Some(rest.to_string());
                    }
                    Some(_) => break,
                    None if l.starts_with(' ') || l.starts_with('\t') => {
                        if let Some(it) = item.as_mut() {
                            it.push('\n');
                            it.push_str(lt);
                        }
                    }
                    None => break,
                }
                i += 1;
            }
            if let Some(it) = item {
                out.push_str(&format!("<li>{}</li>\n", inline(&it)));
            }
            out.push_str(&format!("</{tag}>\n"));
            continue;
        }
        para.push(t);
        i += 1;
    }
    flush(&mut para, &mut out);
    out
}

/// The commands of every click-to-run block in `text`, in order.
pub fn runnable_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if let Some(fence) = fence_open(t) {
            let info = t[fence.len()..].trim().to_ascii_lowercase();
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with(fence) {
                body.push(lines[i]);
                i += 1;
            }
            if runnable(&info) {
                out.push(body.join("\n"));
            }
        }
        i += 1;
    }
    out
}

fn fence_open(t: &str) -> Option<&'static str> {
    if t.starts_with("```") {
        Some("```")
    } else if t.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

fn runnable(info: &str) -> bool {
    matches!(info, "" | "sh" | "bash" | "shell" | "console")
}

fn code_block(out: &mut String, info: &str, body: &str) {
    let code = escape(body);
    if runnable(info) {
        out.push_str(&format!(
            "<pre class=\"code run\" data-run=\"{}\" title=\"click to run\"><code>{code}</code></pre>\n",
            escape(body)
        ));
    } else {
        let lang: String = info
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        out.push_str(&format!(
            "<pre class=\"code\"><code class=\"language-{lang}\">{code}</code></pre>\n"
        ));
    }
}

fn heading(t: &str) -> Option<(usize, &str)> {
    let level = t.bytes().take_while(|b| *b == b'#').count();
    if !(1..=4).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    rest.strip_prefix(' ').map(|r| (level + 2, r.trim()))
}

/// `- x`, `* x` (unordered) or `12. x` (ordered).
fn list_item(t: &str) -> Option<(bool, &str)> {
    if let Some(r) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((false, r));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        return t[digits..].strip_prefix(". ").map(|r| (true, r));
    }
    None
}

/// HTML-escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\n' => o.push_str("&#10;"),
            c => o.push(c),
        }
    }
    o
}

/// Inline spans.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let text = |out: &mut String, c: char| match c {
        '\n' => out.push('\n'),
        c => out.push_str(&escape(&c.to_string())),
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                text(&mut out, chars[i + 1]);
                i += 2;
            }
            '`' => {
                let n = chars[i..].iter().take_while(|c| **c == '`').count();
                if let Some(end) = find_run(&chars, i + n, '`', n) {
                    let code: String = chars[i + n..end].iter().collect();
                    out.push_str(&format!("<code>{}</code>", escape(code.trim())));
                    i = end + n;
                } else {
                    for _ in 0..n {
                        text(&mut out, '`');
                    }
                    i += n;
                }
            }
            '*' | '_' => {
                let n = if chars.get(i + 1) == Some(&c) { 2 } else { 1 };
                let opens = chars.get(i + n).is_some_and(|x| !x.is_whitespace());
                let word_inner_underscore =
                    c == '_' && i > 0 && chars.get(i - 1).is_some_and(|x| x.is_alphanumeric());
                match find_run(&chars, i + n, c, n) {
                    Some(end) if opens && end > i + n && !word_inner_underscore => {
                        let inner: String = chars[i + n..end].iter().collect();
                        let tag = if n == 2 { "strong" } else { "em" };
                        out.push_str(&format!("<{tag}>{}</{tag}>", inline(&inner)));
                        i = end + n;
                    }
                    _ => {
                        text(&mut out, c);
                        i += 1;
                    }
                }
            }
            '[' => match link(&chars, i) {
                Some((label, url, end)) => {
                    match safe_url(&url) {
                        Some(u) => out.push_str(&format!(
                            "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                            escape(u),
                            inline(&label)
                        )),
                        None => out.push_str(&inline(&label)),
                    }
                    i = end;
                }
                None => {
                    text(&mut out, c);
                    i += 1;
                }
            },
            c => {
                text(&mut out, c);
                i += 1;
            }
        }
    }
    out
}

/// Index of the next run of exactly `n` `c`s at or after `from`.
fn find_run(chars: &[char], from: usize, c: char, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == c {
            let run = chars[j..].iter().take_while(|x| **x == c).count();
            if run == n {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// `[label](url)` starting at `i`: (label, url, index after it).
fn link(chars: &[char], i: usize) -> Option<(String, String, usize)> {
    let close = (i + 1..chars.len()).find(|&j| chars[j] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
    let label: String = chars[i + 1..close].iter().collect();
    let url: String = chars[close + 2..end].iter().collect();
    Some((label, url.trim().to_string(), end + 1))
}

/// Keeps `http(s)://`, in-page `#…` and relative links; drops `javascript:`,
/// `data:` and any other scheme.
fn safe_url(u: &str) -> Option<&str> {
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with('#') {
        return Some(u);
    }
    let scheme_like = u.find(':').is_some_and(|c| {
        u[..c]
            .chars()
            .all(|x| x.is_ascii_alphanumeric() || "+-.".contains(x))
    });
    (!scheme_like && !u.is_empty() && !u.contains(['\\', '\u{0}'])).then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_raw_html_and_scripts() {
        let h = render_markdown("<script>alert(1)</script> <b onclick=\"x\">hi</b>");
        assert_eq!(
            h,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=&quot;x&quot;&gt;hi&lt;/b&gt;</p>\n"
        );
    }

    #[test]
    fn drops_dangerous_links() {
        assert_eq!(render_markdown("[x](javascript:alert(1))"), "<p>x)</p>\n");
        assert_eq!(render_markdown("[x](JavaScript:alert)"), "<p>x</p>\n");
        assert_eq!(
            render_markdown("[hub](https://hub.docker.com/)"),
            "<p><a href=\"https://hub.docker.com/\" target=\"_blank\" rel=\"noopener noreferrer\">hub</a></p>\n"
        );
    }

    #[test]
    fn code_blocks_are_click_to_run_unless_tagged() {
        let h = render_markdown(
            "Run:\n\n```\ndocker run -it \"ubuntu\"\n```\n\n```dockerfile\nFROM <x>\n```",
        );
        assert_eq!(
            h,
            "<p>Run:</p>\n<pre class=\"code run\" data-run=\"docker run -it &quot;ubuntu&quot;\" title=\"click to run\"><code>docker run -it &quot;ubuntu&quot;</code></pre>\n<pre class=\"code\"><code class=\"language-dockerfile\">FROM &lt;x&gt;</code></pre>\n"
        );
        assert_eq!(
            runnable_blocks("```sh\na\nb\n```\n```text\nc\n```"),
            vec!["a\nb".to_string()]
        );
    }

    #[test]
    fn inline_and_blocks() {
        assert_eq!(
            render_markdown("## 镜像\n\n- **只读** 的 `layer`\n- 第二\n\n1. one\n2. two\n\n> 注意 *copy*"),
            "<h4>镜像</h4>\n<ul>\n<li><strong>只读</strong> 的 <code>layer</code></li>\n<li>第二</li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<blockquote>\n<p>注意 <em>copy</em></p>\n</blockquote>\n"
        );
        assert_eq!(
            render_markdown("a_b_c and 2 * 3"),
            "<p>a_b_c and 2 * 3</p>\n"
        );
    }
}
