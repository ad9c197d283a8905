//! `sed`: GNU sed 4.9 (busybox sed's messages in alpine) — options
//! `-n -e -f -E/-r -s -i[SUFFIX] -z -u -l`, the script language of
//! `parse`, and a cycle over the input lines with pattern and hold space.

mod parse;

use super::getopt;
use super::*;
use parse::{Addr, Cmd, Op, Piece, SedError, Subst};

/// The options sed accepts (table syntax of `text::getopt`).
pub const OPTIONS: &str = "n|quiet|silent e=|expression= f=|file= E|r|regexp-extended \
    i?|in-place? s|separate z|null-data u|unbuffered l=|line-length= posix !debug \
    !sandbox !follow-symlinks b|binary help version";

const USAGE: &str = "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files\n                 and flush the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.";

/// One input line and whether it ended with the separator.
struct Line {
    text: String,
    nl: bool,
}

/// The input stream: files in turn (or one at a time with -s/-i).
struct Input {
    lines: Vec<Line>,
    pos: usize,
    file: String,
}

struct Sed {
    cmds: Vec<Cmd>,
    quiet: bool,
    sep: char,
    wrap: usize,
    /// Range state per command: active, and the last line for `+N`.
    ranges: Vec<(bool, usize)>,
    hold: String,
    last_re: Option<Regex>,
    line_no: usize,
    out: String,
    appends: Vec<String>,
    wfiles: Vec<(String, String)>,
    written: usize,
}

enum End {
    /// End of cycle (autoprint unless deleted).
    Cycle {
        print: bool,
        restart: bool,
    },
    Quit {
        print: bool,
        code: i32,
    },
}

pub fn sed(p: &mut Proc) -> Result<i32, Flow> {
    let o = match getopt::parse_usage(p, OPTIONS, 1, USAGE) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.has("help") {
        p.out.outln(USAGE);
        return Ok(0);
    }
    if o.has("version") {
        p.out.outln("sed (GNU sed) 4.9");
        return Ok(0);
    }
    let mut operands = o.operands.clone();
    let mut pieces: Vec<String> = Vec::new();
    for (names, v) in &o.opts {
        let Some(v) = v else { continue };
        if names.iter().any(|n| n == "e") {
            pieces.push(v.clone());
        } else if names.iter().any(|n| n == "f") {
            let t = if v == "-" {
                Ok(p.stdin_text())
            } else {
                p.read(v).map(|b| String::from_utf8_lossy(&b).into_owned())
            };
            match t {
                Ok(t) => pieces.push(t.strip_suffix('\n').unwrap_or(&t).to_string()),
                Err(e) => {
                    p.errln(format!("couldn't open file {v}: {e}"));
                    return Ok(1);
                }
            }
        }
    }
    if pieces.is_empty() {
        if operands.is_empty() {
            if p.is_busybox() {
                p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f CMD_FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...");
            } else {
                p.out.errln(USAGE);
            }
            return Ok(1);
        }
        pieces.push(operands.remove(0));
    }
    let script = pieces.join("\n");
    let ere = o.has("E");
    let cmds = match parse::parse(&script, ere) {
        Ok(c) => c,
        Err(e) => return Ok(report(p, &e, &pieces)),
    };
    let in_place = o.has("i");
    let suffix = o.value("i").map(str::to_string);
    let separate = in_place || o.has("s");
    let wrap = match o.value("l") {
        Some(v) => match v.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                p.errln(format!("invalid line length: {v}"));
                return Ok(1);
            }
        },
        None => 70,
    };
    let quiet = o.has("n")
        || matches!(cmds.first().map(|c| &c.op), Some(Op::Comment)) && script.starts_with("#n");
    let mut sed = Sed {
        ranges: vec![(false, 0); cmds.len()],
        cmds,
        quiet,
        sep: if o.has("z") { '\0' } else { '\n' },
        wrap,
        hold: String::new(),
        last_re: None,
        line_no: 0,
        out: String::new(),
        appends: Vec::new(),
        wfiles: Vec::new(),
        written: 0,
    };
    // `w` files are created when the script is read.
    for c in &sed.cmds {
        let f = match &c.op {
            Op::Write(f) => Some(f.clone()),
            Op::Subst(s) => s.write.clone(),
            _ => None,
        };
        if let Some(f) = f {
            if !sed.wfiles.iter().any(|(n, _)| *n == f) {
                sed.wfiles.push((f, String::new()));
            }
        }
    }
    if in_place && operands.is_empty() {
        p.errln("no input files");
        return Ok(1);
    }
    let files: Vec<String> = if operands.is_empty() {
        vec!["-".into()]
    } else {
        operands
    };
    let mut status = 0;
    let mut groups: Vec<Vec<String>> = Vec::new();
    if separate {
        groups.extend(files.iter().map(|f| vec![f.clone()]));
    } else {
        groups.push(files);
    }
    for group in groups {
        let mut lines = Vec::new();
        let mut name = String::new();
        for f in &group {
            let text = if f == "-" {
                p.stdin_text()
            } else {
                let a = p.abs(f);
                let (fs, inner) = p.sys.fs_for_ref(&a);
                if matches!(fs.stat(&inner), Ok(Entry::Dir { .. })) {
                    if in_place {
                        p.errln(format!("couldn't edit {f}: not a regular file"));
                    } else {
                        p.errln(format!("couldn't read {f}: Is a directory"));
                    }
                    status = if in_place { 4 } else { 2 };
                    continue;
                }
                match p.read(f) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(e) => {
                        p.errln(format!("can't read {f}: {e}"));
                        status = 2;
                        continue;
                    }
                }
            };
            name = f.clone();
            for piece in text.split_inclusive(sed.sep) {
                let nl = piece.ends_with(sed.sep);
                let t = piece.strip_suffix(sed.sep).unwrap_or(piece);
                lines.push(Line {
                    text: t.to_string(),
                    nl,
                });
            }
        }
        if in_place && lines.is_empty() && name.is_empty() {
            continue;
        }
        let mut input = Input {
            lines,
            pos: 0,
            file: name.clone(),
        };
        if separate {
            sed.line_no = if in_place { 0 } else { sed.line_no };
        }
        let r = sed.run(p, &mut input);
        let code = r?;
        if in_place {
            let text = std::mem::take(&mut sed.out);
            if let Some(sfx) = &suffix {
                let backup = if sfx.contains('*') {
                    sfx.replace('*', path::file_name(&name))
                } else {
                    format!("{name}{sfx}")
                };
                if let Ok(b) = p.read(&name) {
                    let _ = p.write(&backup, &b);
                }
            }
            if let Err(e) = p.write(&name, text.as_bytes()) {
                p.errln(format!("couldn't open file {name}: {e}"));
                return Ok(4);
            }
        } else {
            let text = std::mem::take(&mut sed.out);
            p.out.out(text);
        }
        if let Some(c) = code {
            sed.flush_wfiles(p);
            return Ok(c);
        }
    }
    sed.flush_wfiles(p);
    Ok(status)
}

fn report(p: &mut Proc, e: &SedError, pieces: &[String]) -> i32 {
    if e.msg.starts_with("dockerlings:") {
        p.out.errln(&e.msg);
        return e.code;
    }
    if p.is_busybox() {
        p.errln(&e.busybox);
        return 1;
    }
    if e.at.is_none() && e.code == 4 {
        p.errln(&e.msg);
        return 4;
    }
    match e.at {
        Some(at) => {
            // Which -e piece, and the position within it.
            let mut start = 0;
            let mut n = 1;
            for (k, piece) in pieces.iter().enumerate() {
                let len = piece.chars().count();
                if at <= start + len || k == pieces.len() - 1 {
                    n = k + 1;
                    break;
                }
                start += len + 1;
            }
            let rel = if at == 0 { 0 } else { at - start };
            p.errln(format!("-e expression #{n}, char {rel}: {}", e.msg));
        }
        None => p.errln(&e.msg),
    }
    e.code
}

impl Sed {
    fn emit(&mut self, s: &str) -> Result<(), Flow> {
        self.written += s.len();
        if self.written > OUTPUT_CAP {
            return Err(Flow::OutputCap);
        }
        self.out.push_str(s);
        Ok(())
    }

    fn flush_wfiles(&mut self, p: &mut Proc) {
        for (f, data) in std::mem::take(&mut self.wfiles) {
            match f.as_str() {
                "/dev/stdout" => p.out.out(&data),
                "/dev/stderr" => p.out.err(&data),
                _ => {
                    let _ = p.write(&f, data.as_bytes());
                }
            }
        }
    }

    fn is_last(&self, input: &Input) -> bool {
        input.pos >= input.lines.len()
    }

    fn matches(&mut self, a: &Addr, ps: &str, input: &Input) -> bool {
        match a {
            Addr::Line(n) => self.line_no == *n,
            Addr::Last => self.is_last(input),
            Addr::Re(r) => {
                let r = match r {
                    Some(r) => {
                        self.last_re = Some(r.clone());
                        r.clone()
                    }
                    None => match &self.last_re {
                        Some(r) => r.clone(),
                        None => return false,
                    },
                };
                r.is_match(ps)
            }
            Addr::Step(first, step) => {
                if *step == 0 {
                    self.line_no == *first
                } else {
                    self.line_no >= *first && (self.line_no - first) % step == 0
                }
            }
            Addr::Plus(_) | Addr::Mult(_) => false,
        }
    }

    fn selected(&mut self, k: usize, ps: &str, input: &Input) -> bool {
        let c = self.cmds[k].clone();
        let hit = match (&c.a1, &c.a2) {
            (None, _) => true,
            (Some(a), None) => self.matches(a, ps, input),
            (Some(a1), Some(a2)) => {
                let (active, end) = self.ranges[k];
                if active {
                    let done = match a2 {
                        Addr::Line(n) => self.line_no >= *n,
                        Addr::Plus(_) => self.line_no >= end,
                        Addr::Mult(m) => *m == 0 || self.line_no % m == 0,
                        other => self.matches(other, ps, input),
                    };
                    if done {
                        self.ranges[k].0 = false;
                    }
                    if let Addr::Line(n) = a2 {
                        if self.line_no > *n {
                            // The end line was already passed: only this line.
                            self.ranges[k].0 = false;
                        }
                    }
                    true
                } else {
                    let start = match a1 {
                        Addr::Line(0) => self.line_no == 1,
                        other => self.matches(other, ps, input),
                    };
                    if start {
                        let zero = matches!(a1, Addr::Line(0));
                        let ends_now = match a2 {
                            Addr::Line(n) => *n <= self.line_no,
                            Addr::Plus(n) => *n == 0,
                            Addr::Mult(m) => *m == 0 || self.line_no % m == 0,
                            other if zero => self.matches(other, ps, input),
                            _ => false,
                        };
                        let end = match a2 {
                            Addr::Plus(n) => self.line_no + n,
                            _ => 0,
                        };
                        self.ranges[k] = (!ends_now, end);
                    }
                    start
                }
            }
        };
        hit != c.negate
    }

    /// Reads the next line into a fresh pattern space.
    fn read_line(&mut self, input: &mut Input) -> Option<(String, bool)> {
        let l = input.lines.get(input.pos)?;
        input.pos += 1;
        self.line_no += 1;
        Some((l.text.clone(), l.nl))
    }

    fn flush_appends(&mut self) -> Result<(), Flow> {
        for a in std::mem::take(&mut self.appends) {
            self.emit(&a)?;
        }
        Ok(())
    }

    fn write_ps(&mut self, ps: &str, nl: bool) -> Result<(), Flow> {
        self.emit(ps)?;
        if nl {
            let s = self.sep.to_string();
            self.emit(&s)?;
        }
        Ok(())
    }

    /// Runs the script over `input`; `Some(code)` when `q`/`Q` ended sed.
    fn run(&mut self, p: &mut Proc, input: &mut Input) -> Result<Option<i32>, Flow> {
        let mut pending: Option<(String, bool)> = None;
        loop {
            let (mut ps, mut nl) = match pending.take() {
                Some(x) => x,
                None => match self.read_line(input) {
                    Some(x) => x,
                    None => return Ok(None),
                },
            };
            let mut flag = false;
            let mut pc = 0;
            let end = loop {
                if pc >= self.cmds.len() {
                    break End::Cycle {
                        print: true,
                        restart: false,
                    };
                }
                if p.lim.steps == 0 {
                    return Err(Flow::Budget);
                }
                p.lim.steps -= 1;
                if !self.selected(pc, &ps, input) {
                    pc = match self.cmds[pc].op {
                        Op::Block(after) => after,
                        _ => pc + 1,
                    };
                    continue;
                }
                let op = self.cmds[pc].op.clone();
                pc += 1;
                match op {
                    Op::Block(_) | Op::EndBlock | Op::Label | Op::Comment => {}
                    Op::Branch(kind, target) => {
                        let jump = match kind {
                            'b' => true,
                            't' => std::mem::take(&mut flag),
                            _ => {
                                let j = !flag;
                                flag = false;
                                j
                            }
                        };
                        if jump {
                            match target {
                                Some(t) => pc = t,
                                None => pc = self.cmds.len(),
                            }
                        }
                    }
                    Op::Append(t) => self.appends.push(format!("{t}\n")),
                    Op::Insert(t) => self.emit(&format!("{t}\n"))?,
                    Op::Change(t) => {
                        let k = pc - 1;
                        let in_range = self.cmds[k].a2.is_some() && self.ranges[k].0;
                        if !in_range || self.cmds[k].negate {
                            self.emit(&format!("{t}\n"))?;
                        }
                        break End::Cycle {
                            print: false,
                            restart: false,
                        };
                    }
                    Op::Delete => {
                        break End::Cycle {
                            print: false,
                            restart: false,
                        }
                    }
                    Op::DeleteFirst => match ps.find('\n') {
                        Some(k) => {
                            ps = ps[k + 1..].to_string();
                            break End::Cycle {
                                print: false,
                                restart: true,
                            };
                        }
                        None => {
                            break End::Cycle {
                                print: false,
                                restart: false,
                            }
                        }
                    },
                    Op::Equals => self.emit(&format!("{}\n", self.line_no))?,
                    Op::FileName => {
                        let f = if input.file.is_empty() {
                            "-".to_string()
                        } else {
                            input.file.clone()
                        };
                        self.emit(&format!("{f}\n"))?
                    }
                    Op::Get => ps = self.hold.clone(),
                    Op::GetAppend => {
                        ps.push('\n');
                        ps.push_str(&self.hold.clone());
                    }
                    Op::Hold => self.hold = ps.clone(),
                    Op::HoldAppend => {
                        self.hold.push('\n');
                        self.hold.push_str(&ps);
                    }
                    Op::List(w) => {
                        let w = if w == 70 { self.wrap } else { w };
                        let s = list(&ps, w);
                        self.emit(&s)?;
                    }
                    Op::Next => {
                        if self.is_last(input) {
                            break End::Quit {
                                print: true,
                                code: 0,
                            };
                        }
                        if !self.quiet {
                            self.write_ps(&ps, nl)?;
                        }
                        self.flush_appends()?;
                        let (t, n) = self.read_line(input).unwrap_or_default();
                        ps = t;
                        nl = n;
                    }
                    Op::NextAppend => {
                        if self.is_last(input) {
                            break End::Quit {
                                print: true,
                                code: 0,
                            };
                        }
                        self.flush_appends()?;
                        let (t, n) = self.read_line(input).unwrap_or_default();
                        ps.push('\n');
                        ps.push_str(&t);
                        nl = n;
                    }
                    Op::Print => self.write_ps(&ps, true)?,
                    Op::PrintFirst => {
                        let first = ps.split('\n').next().unwrap_or("").to_string();
                        self.write_ps(&first, true)?;
                    }
                    Op::Quit(c) => {
                        break End::Quit {
                            print: true,
                            code: c,
                        }
                    }
                    Op::QuitSilent(c) => {
                        break End::Quit {
                            print: false,
                            code: c,
                        }
                    }
                    Op::ReadFile(f) => {
                        if let Ok(b) = p.read(&f) {
                            let mut t = String::from_utf8_lossy(&b).into_owned();
                            if !t.is_empty() && !t.ends_with('\n') {
                                t.push('\n');
                            }
                            self.appends.push(t);
                        }
                    }
                    Op::Write(f) => self.write_file(&f, &ps),
                    Op::Subst(s) => {
                        if let Some(out) = self.subst(&s, &ps)? {
                            ps = out;
                            flag = true;
                            for _ in 0..s.print {
                                self.write_ps(&ps, true)?;
                            }
                            if let Some(f) = &s.write {
                                self.write_file(f, &ps);
                            }
                        }
                    }
                    Op::Exchange => std::mem::swap(&mut ps, &mut self.hold),
                    Op::Translate(map) => {
                        ps = ps
                            .chars()
                            .map(|c| map.iter().find(|(a, _)| *a == c).map_or(c, |(_, b)| *b))
                            .collect();
                    }
                    Op::Zap => ps.clear(),
                }
                if ps.len() > 16 << 20 || self.hold.len() > 16 << 20 {
                    p.errln("couldn't re-allocate memory");
                    return Ok(Some(4));
                }
            };
            match end {
                End::Cycle { print, restart } => {
                    if print && !self.quiet {
                        self.write_ps(&ps, nl)?;
                    }
                    self.flush_appends()?;
                    if restart {
                        // `D` restarts without reading a new line.
                        pending = Some((ps, nl));
                    }
                }
                End::Quit { print, code } => {
                    if print && !self.quiet {
                        self.write_ps(&ps, nl)?;
                    }
                    self.flush_appends()?;
                    return Ok(Some(code));
                }
            }
        }
    }

    fn write_file(&mut self, f: &str, ps: &str) {
        if let Some((_, data)) = self.wfiles.iter_mut().find(|(n, _)| n == f) {
            data.push_str(ps);
            data.push('\n');
        }
    }

    /// Applies `s`; `None` when nothing was replaced.
    fn subst(&mut self, s: &Subst, ps: &str) -> Result<Option<String>, Flow> {
        let re = match &s.re {
            Some(r) => {
                self.last_re = Some(r.clone());
                r.clone()
            }
            None => match &self.last_re {
                Some(r) => r.clone(),
                None => return Ok(None),
            },
        };
        let mut out = String::new();
        let mut from = 0;
        let mut count = 0;
        let mut done = false;
        let mut prev_end: Option<usize> = None;
        while from <= ps.len() {
            let Some(caps) = re.captures_at(ps, from) else {
                break;
            };
            let Some((a, b)) = caps[0] else { break };
            if a == b && prev_end == Some(a) {
                // No empty match right after a match.
                let Some(c) = ps[a..].chars().next() else {
                    break;
                };
                out.push_str(&ps[from..a + c.len_utf8()]);
                from = a + c.len_utf8();
                continue;
            }
            count += 1;
            out.push_str(&ps[from..a]);
            if count >= s.nth {
                expand(&s.repl, &caps, ps, &mut out);
                done = true;
            } else {
                out.push_str(&ps[a..b]);
            }
            prev_end = Some(b);
            if a == b {
                match ps[a..].chars().next() {
                    Some(c) => {
                        out.push(c);
                        from = a + c.len_utf8();
                    }
                    None => {
                        from = ps.len() + 1;
                    }
                }
            } else {
                from = b;
            }
            if (done && !s.global) || out.len() > 16 << 20 {
                break;
            }
        }
        if !done {
            return Ok(None);
        }
        if from <= ps.len() {
            out.push_str(&ps[from..]);
        }
        Ok(Some(out))
    }
}

/// Writes a replacement with GNU's case conversions.
fn expand(repl: &[Piece], caps: &[Option<(usize, usize)>], s: &str, out: &mut String) {
    let mut mode = 'E';
    let mut one: Option<char> = None;
    let put = |text: &str, out: &mut String, mode: char, one: &mut Option<char>| {
        for c in text.chars() {
            let c2: String = match (one.take(), mode) {
                (Some('u'), _) => c.to_uppercase().collect(),
                (Some('l'), _) => c.to_lowercase().collect(),
                (_, 'U') => c.to_uppercase().collect(),
                (_, 'L') => c.to_lowercase().collect(),
                _ => c.to_string(),
            };
            out.push_str(&c2);
        }
    };
    for piece in repl {
        match piece {
            Piece::Lit(t) => put(t, out, mode, &mut one),
            Piece::Group(g) => {
                if let Some(Some((a, b))) = caps.get(*g) {
                    put(&s[*a..*b], out, mode, &mut one);
                }
            }
            Piece::Case(c @ ('u' | 'l')) => one = Some(*c),
            Piece::Case(c) => {
                mode = *c;
                one = None;
            }
        }
    }
}

/// The `l` command's unambiguous form, wrapped at `width` (0: never).
fn list(ps: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for b in ps.bytes() {
        let piece = match b {
            b'\\' => "\\\\".to_string(),
            0x07 => "\\a".into(),
            0x08 => "\\b".into(),
            0x0c => "\\f".into(),
            b'\n' => "\\n".into(),
            b'\r' => "\\r".into(),
            b'\t' => "\\t".into(),
            0x0b => "\\v".into(),
            32..=126 => (b as char).to_string(),
            _ => format!("\\{b:03o}"),
        };
        if width > 1 && col + piece.len() > width - 1 {
            out.push_str("\\\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
    }
    out.push_str("$\n");
    out
}
