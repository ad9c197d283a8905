//! Shell arithmetic `$(( ))`: tokens and a precedence-climbing evaluator.

use super::Shell;

/// Evaluates a shell arithmetic expression.
pub(crate) fn arith(sh: &mut Shell, src: &str) -> Result<i64, String> {
    let toks = arith_tokens(src)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut p = Arith {
        t: &toks,
        i: 0,
        sh,
        depth: 0,
    };
    let v = p.comma()?;
    if p.i < toks.len() {
        return Err(format!(
            "syntax error in expression (error token is \"{}\")",
            toks[p.i..].join(" ")
        ));
    }
    Ok(v)
}

fn arith_tokens(src: &str) -> Result<Vec<String>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut v = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let mut w = String::new();
            while i < cs.len()
                && (cs[i].is_ascii_alphanumeric()
                    || cs[i] == '_'
                    || (cs[i] == '#' && w.chars().all(|d| d.is_ascii_digit()))
                    || (cs[i] == '@' && w.contains('#')))
            {
                w.push(cs[i]);
                i += 1;
            }
            // an array element `a[i]` is one operand
            if i < cs.len() && cs[i] == '[' && super::parse::valid_name(&w) {
                let mut depth = 0;
                while i < cs.len() {
                    w.push(cs[i]);
                    if cs[i] == '[' {
                        depth += 1;
                    } else if cs[i] == ']' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    i += 1;
                }
            }
            v.push(w);
        } else if let Some(t) = ["**=", "<<=", ">>="]
            .iter()
            .find(|t| cs[i..].iter().take(3).collect::<String>() == **t)
        {
            v.push(t.to_string());
            i += 3;
        } else {
            let two: String = cs[i..(i + 2).min(cs.len())].iter().collect();
            if [
                "==", "!=", "<=", ">=", "&&", "||", "**", "<<", ">>", "+=", "-=", "*=", "/=", "%=",
                "&=", "|=", "^=", "++", "--",
            ]
            .contains(&two.as_str())
            {
                v.push(two);
                i += 2;
            } else if "+-*/%()<>!=?:&|^~,".contains(c) {
                v.push(c.to_string());
                i += 1;
            } else {
                return Err(format!(
                    "syntax error: operand expected (error token is \"{}\")",
                    cs[i..].iter().collect::<String>()
                ));
            }
        }
    }
    Ok(v)
}

struct Arith<'a> {
    t: &'a [String],
    i: usize,
    sh: &'a mut Shell,
    depth: u32,
}

/// How deeply parentheses, unary operators and variables holding
/// expressions may nest.
const MAX_EXPR_DEPTH: u32 = 100;

impl Arith<'_> {
    fn peek(&self) -> Option<&str> {
        self.t.get(self.i).map(String::as_str)
    }
    fn comma(&mut self) -> Result<i64, String> {
        let mut v = self.assign()?;
        while self.peek() == Some(",") {
            self.i += 1;
            v = self.assign()?;
        }
        Ok(v)
    }
    fn deeper(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_EXPR_DEPTH {
            return Err("expression recursion level exceeded".into());
        }
        Ok(())
    }
    fn assign(&mut self) -> Result<i64, String> {
        if let (Some(name), Some(op)) = (self.t.get(self.i), self.t.get(self.i + 1)) {
            if super::parse::valid_name(name)
                && [
                    "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=",
                ]
                .contains(&op.as_str())
            {
                let name = name.clone();
                let op = op.clone();
                self.i += 2;
                self.deeper()?;
                let r = self.assign()?;
                self.depth -= 1;
                let cur = if op == "=" { 0 } else { self.var(&name)? };
                let v = match op.as_str() {
                    "=" => r,
                    "+=" => cur.wrapping_add(r),
                    "-=" => cur.wrapping_sub(r),
                    "*=" => cur.wrapping_mul(r),
                    "**=" => pow(cur, r)?,
                    "<<=" => cur.wrapping_shl(r as u32),
                    ">>=" => cur.wrapping_shr(r as u32),
                    "&=" => cur & r,
                    "|=" => cur | r,
                    "^=" => cur ^ r,
                    _ => {
                        if r == 0 {
                            return Err("division by 0 (error token is \"0\")".into());
                        }
                        if op == "/=" {
                            cur.wrapping_div(r)
                        } else {
                            cur.wrapping_rem(r)
                        }
                    }
                };
                self.sh.set(&name, &v.to_string());
                return Ok(v);
            }
        }
        self.ternary()
    }
    fn ternary(&mut self) -> Result<i64, String> {
        let c = self.bin(0)?;
        if self.peek() == Some("?") {
            self.i += 1;
            self.deeper()?;
            let a = self.comma()?;
            if self.peek() != Some(":") {
                return Err("`:' expected for conditional expression".into());
            }
            self.i += 1;
            let b = self.ternary()?;
            self.depth -= 1;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }
    fn bin(&mut self, level: usize) -> Result<i64, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level >= LEVELS.len() {
            return self.power();
        }
        let mut l = self.bin(level + 1)?;
        while let Some(op) = self.peek() {
            if !LEVELS[level].contains(&op) {
                break;
            }
            let op = op.to_string();
            self.i += 1;
            let r = self.bin(level + 1)?;
            l = match op.as_str() {
                "||" => (l != 0 || r != 0) as i64,
                "&&" => (l != 0 && r != 0) as i64,
                "|" => l | r,
                "^" => l ^ r,
                "&" => l & r,
                "==" => (l == r) as i64,
                "!=" => (l != r) as i64,
                "<" => (l < r) as i64,
                ">" => (l > r) as i64,
                "<=" => (l <= r) as i64,
                ">=" => (l >= r) as i64,
                "<<" => l.wrapping_shl(r as u32),
                ">>" => l.wrapping_shr(r as u32),
                "+" => l.wrapping_add(r),
                "-" => l.wrapping_sub(r),
                "*" => l.wrapping_mul(r),
                "/" | "%" => {
                    if r == 0 {
                        return Err("division by 0 (error token is \"0\")".into());
                    }
                    if op == "/" {
                        l.wrapping_div(r)
                    } else {
                        l.wrapping_rem(r)
                    }
                }
                _ => l,
            };
        }
        Ok(l)
    }
    fn power(&mut self) -> Result<i64, String> {
        let base = self.unary()?;
        if self.peek() == Some("**") {
            self.i += 1;
            self.deeper()?;
            let e = self.power()?;
            self.depth -= 1;
            let last = self
                .t
                .get(self.i.saturating_sub(1))
                .cloned()
                .unwrap_or_default();
            return pow(base, e).map_err(|m| m.replace("\"0\"", &format!("\"{last}\"")));
        }
        Ok(base)
    }
    fn unary(&mut self) -> Result<i64, String> {
        self.deeper()?;
        let r = self.unary_inner();
        self.depth -= 1;
        r
    }
    fn unary_inner(&mut self) -> Result<i64, String> {
        match self.peek() {
            Some("-") => {
                self.i += 1;
                Ok(self.unary()?.wrapping_neg())
            }
            Some("+") => {
                self.i += 1;
                self.unary()
            }
            Some("!") => {
                self.i += 1;
                Ok((self.unary()? == 0) as i64)
            }
            Some("~") => {
                self.i += 1;
                Ok(!self.unary()?)
            }
            Some("++") | Some("--") => {
                let inc = if self.peek() == Some("++") { 1 } else { -1 };
                self.i += 1;
                let name = self.peek().unwrap_or("").to_string();
                if !super::parse::valid_name(&name) {
                    return Err(format!(
                        "syntax error: operand expected (error token is \"{name}\")"
                    ));
                }
                self.i += 1;
                let v = self.var(&name)?.wrapping_add(inc);
                self.sh.set(&name, &v.to_string());
                Ok(v)
            }
            Some("(") => {
                self.i += 1;
                let v = self.comma()?;
                if self.peek() != Some(")") {
                    return Err("missing `)'".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some(t) => {
                let t = t.to_string();
                self.i += 1;
                if t.starts_with(|c: char| c.is_ascii_digit()) {
                    return number(&t);
                }
                if super::parse::valid_name(super::arrays::split_subscript(&t).0) {
                    let v = self.var(&t)?;
                    if let Some(op @ ("++" | "--")) = self.peek() {
                        let d = if op == "++" { 1 } else { -1 };
                        self.i += 1;
                        self.sh.set(&t, &v.wrapping_add(d).to_string());
                    }
                    return Ok(v);
                }
                Err(format!(
                    "syntax error: operand expected (error token is \"{t}\")"
                ))
            }
            None => Err(format!(
                "syntax error: operand expected (error token is \"{}\")",
                self.t.last().map(String::as_str).unwrap_or("")
            )),
        }
    }
    /// A variable's value: a number, or an expression evaluated in turn.
    fn var(&mut self, name: &str) -> Result<i64, String> {
        let v = match super::arrays::split_subscript(name) {
            (base, Some(sub)) => self.sh.array_element(base, sub)?.unwrap_or_default(),
            _ => self.sh.get(name).unwrap_or_default(),
        };
        let v = v.trim();
        if v.is_empty() {
            return Ok(0);
        }
        if let Ok(n) = v.parse::<i64>() {
            return Ok(n);
        }
        self.deeper()?;
        let toks = arith_tokens(v)?;
        let mut p = Arith {
            t: &toks,
            i: 0,
            sh: self.sh,
            depth: self.depth,
        };
        let r = p.comma()?;
        if p.i < toks.len() {
            return Err(format!(
                "syntax error in expression (error token is \"{}\")",
                toks[p.i..].join(" ")
            ));
        }
        self.depth -= 1;
        Ok(r)
    }
}

/// `a ** b` (bash: a negative exponent is an error).
fn pow(a: i64, b: i64) -> Result<i64, String> {
    if b < 0 {
        return Err("exponent less than 0 (error token is \"0\")".into());
    }
    let mut r: i64 = 1;
    let mut base = a;
    let mut e = b as u64;
    while e > 0 {
        if e & 1 == 1 {
            r = r.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    Ok(r)
}

/// An integer constant: decimal, `0x` hex, `0` octal or `BASE#DIGITS`.
fn number(t: &str) -> Result<i64, String> {
    let bad = || format!("value too great for base (error token is \"{t}\")");
    let (base, digits) = if let Some((b, d)) = t.split_once('#') {
        let b: u32 = b.parse().map_err(|_| bad())?;
        if !(2..=64).contains(&b) {
            return Err(format!("invalid arithmetic base (error token is \"{t}\")"));
        }
        (b, d)
    } else if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (16, h)
    } else if t.len() > 1 && t.starts_with('0') {
        (8, &t[1..])
    } else {
        (10, t)
    };
    let mut v: i64 = 0;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
            'A'..='Z' => c as u32 - 'A' as u32 + 36,
            '@' => 62,
            '_' => 63,
            _ => return Err(bad()),
        };
        if d >= base {
            return Err(bad());
        }
        v = v.wrapping_mul(base as i64).wrapping_add(d as i64);
    }
    Ok(v)
}
