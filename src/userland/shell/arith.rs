//! Shell arithmetic `$(( ))`: tokens and a precedence-climbing evaluator.

use super::Shell;

/// Evaluates a shell arithmetic expression.
pub(crate) fn arith(sh: &mut Shell, src: &str) -> Result<i64, String> {
    let toks = arith_tokens(src)?;
    let mut p = Arith { t: &toks, i: 0, sh };
    let v = p.assign()?;
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
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                w.push(cs[i]);
                i += 1;
            }
            v.push(w);
        } else {
            let two: String = cs[i..(i + 2).min(cs.len())].iter().collect();
            if [
                "==", "!=", "<=", ">=", "&&", "||", "**", "<<", ">>", "+=", "-=", "*=", "/=", "++",
                "--",
            ]
            .contains(&two.as_str())
            {
                v.push(two);
                i += 2;
            } else if "+-*/%()<>!=?:&|^~".contains(c) {
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
}

impl Arith<'_> {
    fn peek(&self) -> Option<&str> {
        self.t.get(self.i).map(String::as_str)
    }
    fn assign(&mut self) -> Result<i64, String> {
        if let (Some(name), Some(op)) = (self.t.get(self.i), self.t.get(self.i + 1)) {
            if super::parse::valid_name(name)
                && ["=", "+=", "-=", "*=", "/="].contains(&op.as_str())
            {
                let name = name.clone();
                let op = op.clone();
                self.i += 2;
                let r = self.assign()?;
                let cur = self.var(&name);
                let v = match op.as_str() {
                    "=" => r,
                    "+=" => cur.wrapping_add(r),
                    "-=" => cur.wrapping_sub(r),
                    "*=" => cur.wrapping_mul(r),
                    _ => {
                        if r == 0 {
                            return Err("division by 0".into());
                        }
                        cur / r
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
            let a = self.assign()?;
            if self.peek() != Some(":") {
                return Err("`:' expected for conditional expression".into());
            }
            self.i += 1;
            let b = self.assign()?;
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
            return self.unary();
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
    fn unary(&mut self) -> Result<i64, String> {
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
                self.i += 1;
                let v = self.var(&name) + inc;
                self.sh.set(&name, &v.to_string());
                Ok(v)
            }
            Some("(") => {
                self.i += 1;
                let v = self.assign()?;
                if self.peek() != Some(")") {
                    return Err("missing `)'".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some(t) => {
                let t = t.to_string();
                self.i += 1;
                if t.chars().all(|c| c.is_ascii_digit()) {
                    return t.parse().map_err(|_| "value too great for base".into());
                }
                if super::parse::valid_name(&t) {
                    let v = self.var(&t);
                    if let Some(op @ ("++" | "--")) = self.peek() {
                        let d = if op == "++" { 1 } else { -1 };
                        self.i += 1;
                        self.sh.set(&t, &(v + d).to_string());
                    }
                    return Ok(v);
                }
                Err(format!(
                    "syntax error: operand expected (error token is \"{t}\")"
                ))
            }
            None => Err("syntax error: operand expected".into()),
        }
    }
    fn var(&self, name: &str) -> i64 {
        self.sh
            .get(name)
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }
}
