//! `sed`.

use super::*;

/// A small `sed`: `-n`, `-e`, `-i`, commands `s///[gp]`, `d`, `p` with a
/// line-number, `$` or `/re/` address.
pub fn sed(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "e") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let mut operands = o.operands.clone();
    let mut scripts: Vec<String> = o
        .values
        .iter()
        .filter(|(k, _)| *k == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if scripts.is_empty() {
        if operands.is_empty() {
            p.out
                .errln("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...");
            return Ok(1);
        }
        scripts.push(operands.remove(0));
    }
    let quiet = o.has('n');
    let in_place = o.has('i');
    let mut cmds = Vec::new();
    for s in &scripts {
        for c in s.split([';', '\n']) {
            let c = c.trim();
            if c.is_empty() {
                continue;
            }
            match SedCmd::parse(c) {
                Some(x) => cmds.push(x),
                None => {
                    p.errln(format!(
                        "-e expression #1, char {}: unknown command: `{}'",
                        c.len(),
                        c.chars().last().unwrap_or(' ')
                    ));
                    return Ok(1);
                }
            }
        }
    }
    let files = if operands.is_empty() {
        vec!["-".to_string()]
    } else {
        operands
    };
    for f in files {
        let text = if f == "-" {
            p.stdin_text()
        } else {
            match p.read(&f) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    p.errln(format!("can't read {f}: {e}"));
                    return Ok(2);
                }
            }
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let mut cur = line.to_string();
            let mut deleted = false;
            for c in &cmds {
                if !c.addr_matches(i + 1, lines.len(), &cur) {
                    continue;
                }
                match &c.op {
                    SedOp::Delete => {
                        deleted = true;
                        break;
                    }
                    SedOp::Print => {
                        out.push_str(&cur);
                        out.push('\n');
                    }
                    SedOp::Subst {
                        re,
                        rep,
                        global,
                        print,
                    } => {
                        let (n, changed) = subst(re, rep, *global, &cur);
                        cur = n;
                        if changed && *print {
                            out.push_str(&cur);
                            out.push('\n');
                        }
                    }
                }
            }
            if !deleted && !quiet {
                out.push_str(&cur);
                out.push('\n');
            }
        }
        if in_place && f != "-" {
            if let Err(e) = p.write(&f, out.as_bytes()) {
                p.errln(format!("couldn't open file {f}: {e}"));
                return Ok(4);
            }
        } else {
            p.out.out(out);
        }
    }
    Ok(0)
}

fn subst(re: &Regex, rep: &str, global: bool, s: &str) -> (String, bool) {
    let mut out = String::new();
    let mut from = 0usize; // byte index
    let mut changed = false;
    while let Some((a, b)) = re.find_at(s, from) {
        if a < from {
            break;
        }
        out.push_str(&s[from..a]);
        out.push_str(&rep.replace('&', &s[a..b]));
        changed = true;
        if b == a {
            if let Some(c) = s[b..].chars().next() {
                out.push(c);
                from = b + c.len_utf8();
            } else {
                from = b;
                break;
            }
        } else {
            from = b;
        }
        if !global {
            break;
        }
    }
    out.push_str(&s[from.min(s.len())..]);
    (out, changed)
}

enum SedAddr {
    All,
    Line(usize),
    Last,
    Re(Regex),
}

enum SedOp {
    Delete,
    Print,
    Subst {
        re: Regex,
        rep: String,
        global: bool,
        print: bool,
    },
}

struct SedCmd {
    addr: SedAddr,
    op: SedOp,
}

impl SedCmd {
    fn parse(c: &str) -> Option<SedCmd> {
        let (addr, rest) = if let Some(r) = c.strip_prefix('$') {
            (SedAddr::Last, r)
        } else if c.starts_with(|ch: char| ch.is_ascii_digit()) {
            let n: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
            (SedAddr::Line(n.parse().ok()?), &c[n.len()..])
        } else if let Some(r) = c.strip_prefix('/') {
            let end = r.find('/')?;
            (
                SedAddr::Re(Regex::new(&r[..end], false, false).ok()?),
                &r[end + 1..],
            )
        } else {
            (SedAddr::All, c)
        };
        let rest = rest.trim();
        let op = match rest.chars().next()? {
            'd' => SedOp::Delete,
            'p' => SedOp::Print,
            's' => {
                let d = rest.chars().nth(1)?;
                let parts: Vec<&str> = rest[1 + d.len_utf8()..].split(d).collect();
                if parts.len() < 3 {
                    return None;
                }
                let flags = parts[2];
                SedOp::Subst {
                    re: Regex::new(parts[0], false, flags.contains('I')).ok()?,
                    rep: parts[1].replace("\\n", "\n"),
                    global: flags.contains('g'),
                    print: flags.contains('p'),
                }
            }
            _ => return None,
        };
        Some(SedCmd { addr, op })
    }
    fn addr_matches(&self, n: usize, total: usize, line: &str) -> bool {
        match &self.addr {
            SedAddr::All => true,
            SedAddr::Line(k) => *k == n,
            SedAddr::Last => n == total,
            SedAddr::Re(r) => r.is_match(line),
        }
    }
}
