//! bash arrays: indexed (`a=(x y)`, `a[5]=z`) and associative
//! (`declare -A m; m[k]=v`), their subscripts and the `${a[@]}` family.

use super::Shell;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An array variable's elements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Array {
    Indexed(BTreeMap<i64, String>),
    Assoc(BTreeMap<String, String>),
}

impl Array {
    /// The values in index order.
    pub fn values(&self) -> Vec<String> {
        match self {
            Array::Indexed(m) => m.values().cloned().collect(),
            Array::Assoc(m) => m.values().cloned().collect(),
        }
    }

    /// The subscripts in order (`${!a[@]}`).
    pub fn keys(&self) -> Vec<String> {
        match self {
            Array::Indexed(m) => m.keys().map(|k| k.to_string()).collect(),
            Array::Assoc(m) => m.keys().cloned().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        match self {
            Array::Indexed(m) => m.len(),
            Array::Assoc(m) => m.len(),
        }
    }
}

/// Splits `a[sub]` into `("a", Some("sub"))`; a plain name has no subscript.
pub fn split_subscript(name: &str) -> (&str, Option<&str>) {
    match name.find('[') {
        Some(i) if name.ends_with(']') => (&name[..i], Some(&name[i + 1..name.len() - 1])),
        _ => (name, None),
    }
}

impl Shell {
    /// The numeric index of `sub` in an indexed array (arithmetic; negative
    /// counts from the end).
    fn index_of(&mut self, name: &str, sub: &str) -> Result<i64, String> {
        let n = super::arith::arith(self, sub)?;
        if n < 0 {
            let max = match self.arrays.get(name) {
                Some(Array::Indexed(m)) => m.keys().next_back().copied().unwrap_or(-1),
                _ => 0,
            };
            return Ok(max + 1 + n);
        }
        Ok(n)
    }

    /// `${a[sub]}`: one element (`None` when unset); `a[@]`/`a[*]` are
    /// handled by [`Shell::array_values`].
    pub(crate) fn array_element(
        &mut self,
        name: &str,
        sub: &str,
    ) -> Result<Option<String>, String> {
        match self.arrays.get(name) {
            Some(Array::Assoc(m)) => Ok(m.get(sub).cloned()),
            Some(Array::Indexed(_)) => {
                let i = self.index_of(name, sub)?;
                Ok(match self.arrays.get(name) {
                    Some(Array::Indexed(m)) => m.get(&i).cloned(),
                    _ => None,
                })
            }
            None => {
                let i = self.index_of(name, sub)?;
                Ok(if i == 0 { self.get(name) } else { None })
            }
        }
    }

    /// All values of `name` (a scalar counts as a one-element array).
    pub(crate) fn array_values(&self, name: &str) -> Vec<String> {
        match self.arrays.get(name) {
            Some(a) => a.values(),
            None => self.get(name).into_iter().collect(),
        }
    }

    /// All subscripts of `name`.
    pub(crate) fn array_keys(&self, name: &str) -> Vec<String> {
        match self.arrays.get(name) {
            Some(a) => a.keys(),
            None if self.vars.contains_key(name) => vec!["0".into()],
            None => vec![],
        }
    }

    /// Element 0 of an indexed array (what `$a` means).
    pub(crate) fn array_first(&self, name: &str) -> Option<String> {
        match self.arrays.get(name)? {
            Array::Indexed(m) => m.get(&0).cloned(),
            Array::Assoc(m) => m.get("0").cloned(),
        }
    }

    /// `a[sub]=value` (or `+=` when `append`).
    pub(crate) fn set_element(
        &mut self,
        name: &str,
        sub: &str,
        value: &str,
        append: bool,
    ) -> Result<(), String> {
        if let Some(Array::Assoc(m)) = self.arrays.get_mut(name) {
            let e = m.entry(sub.to_string()).or_default();
            if append {
                e.push_str(value);
            } else {
                *e = value.to_string();
            }
            return Ok(());
        }
        let i = self.index_of(name, sub)?;
        if i < 0 {
            return Err(format!("{name}[{sub}]: bad array subscript"));
        }
        if !self.arrays.contains_key(name) {
            let mut m = BTreeMap::new();
            if let Some(v) = self.vars.remove(name) {
                m.insert(0, v);
            }
            self.arrays.insert(name.to_string(), Array::Indexed(m));
        }
        if let Some(Array::Indexed(m)) = self.arrays.get_mut(name) {
            let e = m.entry(i).or_default();
            if append {
                e.push_str(value);
            } else {
                *e = value.to_string();
            }
        }
        Ok(())
    }

    /// `a=(v…)` or `a+=(v…)`; for an associative array the words are
    /// `[k]=v` pairs.
    pub(crate) fn set_array(&mut self, name: &str, values: Vec<String>, append: bool) {
        if let Some(Array::Assoc(m)) = self.arrays.get_mut(name) {
            if !append {
                m.clear();
            }
            for v in values {
                if let Some((k, val)) = v.strip_prefix('[').and_then(|r| r.split_once("]=")) {
                    m.insert(k.to_string(), val.to_string());
                }
            }
            return;
        }
        let mut m = match (append, self.arrays.remove(name)) {
            (true, Some(Array::Indexed(m))) => m,
            (true, _) => self
                .vars
                .get(name)
                .map(|v| BTreeMap::from([(0, v.clone())]))
                .unwrap_or_default(),
            _ => BTreeMap::new(),
        };
        self.vars.remove(name);
        let mut next = m.keys().next_back().map(|k| k + 1).unwrap_or(0);
        for v in values {
            if let Some((k, val)) = v.strip_prefix('[').and_then(|r| r.split_once("]=")) {
                if let Ok(i) = k.parse::<i64>() {
                    m.insert(i, val.to_string());
                    next = i + 1;
                    continue;
                }
            }
            m.insert(next, v);
            next += 1;
        }
        self.arrays.insert(name.to_string(), Array::Indexed(m));
    }

    /// `unset 'a[sub]'`.
    pub(crate) fn unset_element(&mut self, name: &str, sub: &str) {
        match self.arrays.get_mut(name) {
            Some(Array::Assoc(m)) => {
                m.remove(sub);
            }
            Some(Array::Indexed(_)) => {
                if let Ok(i) = self.index_of(name, sub) {
                    if let Some(Array::Indexed(m)) = self.arrays.get_mut(name) {
                        m.remove(&i);
                    }
                }
            }
            None => {
                if sub == "0" {
                    self.vars.remove(name);
                }
            }
        }
    }
}

impl Shell {
    /// A parameter by name, subscripts included (`a[1]`, `m[key]`).
    pub(crate) fn lookup(
        &mut self,
        name: &str,
        out: &mut crate::userland::Output,
    ) -> Result<Option<String>, crate::userland::programs::Flow> {
        let (base, sub) = split_subscript(name);
        let Some(sub) = sub else {
            return Ok(self.param(name));
        };
        if sub == "@" || sub == "*" {
            let sep = if sub == "*" {
                self.ifs_join()
            } else {
                " ".into()
            };
            return Ok(Some(self.array_values(base).join(&sep)));
        }
        match self.array_element(base, sub) {
            Ok(v) => Ok(v),
            Err(e) => {
                out.errln(format!("{}: {sub}: {e}", self.err_prefix()));
                Err(crate::userland::programs::Flow::Error(1))
            }
        }
    }

    /// The separator `"$*"` joins with: IFS's first character.
    pub(crate) fn ifs_join(&self) -> String {
        match self.get("IFS") {
            None => " ".into(),
            Some(s) => s.chars().next().map(String::from).unwrap_or_default(),
        }
    }

    /// `${a[@]}`, `${a[*]}`, `${#a[@]}`, `${!a[@]}` with no operator:
    /// pushes the pieces and returns true; false for anything else.
    pub(crate) fn special_array_param(
        &mut self,
        name: &str,
        op: &str,
        quoted: bool,
        _out: &mut crate::userland::Output,
        v: &mut Vec<super::expand::Piece>,
    ) -> Result<bool, crate::userland::programs::Flow> {
        use super::expand::Piece;
        let (count, keys, rest) = if let Some(r) = name.strip_prefix('#') {
            (true, false, r)
        } else if let Some(r) = name.strip_prefix('!') {
            (false, true, r)
        } else {
            (false, false, name)
        };
        let (base, sub) = split_subscript(rest);
        let Some(sub) = sub else {
            return Ok(false);
        };
        if sub != "@" && sub != "*" {
            if count && op.is_empty() {
                let n = self
                    .array_element(base, sub)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                v.push(Piece::Text {
                    text: n.chars().count().to_string(),
                    quoted,
                    split: false,
                });
                return Ok(true);
            }
            return Ok(false);
        }
        if !op.is_empty() && (count || keys) {
            return Ok(false);
        }
        if count {
            let n = self
                .arrays
                .get(base)
                .map(|a| a.len())
                .unwrap_or(if self.vars.contains_key(base) { 1 } else { 0 });
            v.push(Piece::Text {
                text: n.to_string(),
                quoted,
                split: false,
            });
            return Ok(true);
        }
        if !op.is_empty() {
            return Ok(false);
        }
        let items = if keys {
            self.array_keys(base)
        } else {
            self.array_values(base)
        };
        if quoted && sub == "@" {
            for (i, a) in items.iter().enumerate() {
                if i > 0 {
                    v.push(Piece::Break);
                }
                v.push(Piece::Text {
                    text: a.clone(),
                    quoted: true,
                    split: false,
                });
            }
            if items.is_empty() {
                v.push(Piece::Break);
            }
        } else {
            let sep = if quoted { self.ifs_join() } else { " ".into() };
            v.push(Piece::Text {
                text: items.join(&sep),
                quoted,
                split: !quoted,
            });
        }
        Ok(true)
    }
}
