//! Simple commands: expansion, assignments, redirections, then a
//! function, a builtin or a program.

use super::parse::{self, Redir};
/// The sandbox's function nesting limit (real bash has none by default
/// and crashes; past it bash's `FUNCNEST` message is printed).
pub const MAX_FUNCNEST: u32 = 100;

use super::{builtins, Io, Shell, ShellKind, Target};
use crate::userland::programs::{self, Flow, Limits, Lookup};
use crate::userland::{Output, Sys};

impl Shell {
    pub(super) fn simple(
        &mut self,
        sys: &mut dyn Sys,
        assigns: &[(String, parse::Word)],
        words: &[parse::Word],
        redirs: &[Redir],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        self.step(lim)?;
        self.subst_status = None;
        let argv = self.expand_fields(sys, words, lim, io.out)?;
        let mut values = Vec::new();
        let mut arrays: Vec<(String, Vec<String>)> = Vec::new();
        for (k, w) in assigns {
            if let [parse::Part::Array(items)] = w.as_slice() {
                arrays.push((k.clone(), self.expand_fields(sys, items, lim, io.out)?));
                continue;
            }
            let v = self.expand_string(sys, w, lim, io.out)?;
            values.push((k.clone(), v));
        }
        if self.xtrace && !argv.is_empty() {
            io.out.errln(format!("+ {}", argv.join(" ")));
        }
        let (targets, stdin) = match self.setup_redirs(sys, redirs, io, lim)? {
            Some(x) => x,
            None => return Ok(self.redir_failed_status()),
        };
        if argv.len() == 1 && argv[0] == "exec" && assigns.is_empty() {
            // `exec 3>&1`, `exec >log`: descriptors stay open in the shell
            for (fd, t) in std::mem::take(&mut self.extra_fds) {
                self.fds.insert(fd, t);
            }
            for (fd, t) in [(1, &targets[0]), (2, &targets[1])] {
                let default = if fd == 1 { Target::Out } else { Target::Err };
                if *t == default {
                    self.fds.remove(&fd);
                } else {
                    self.fds.insert(fd, t.clone());
                }
            }
            return Ok(0);
        }
        if argv.is_empty() {
            if self.xtrace {
                for (k, v) in &values {
                    io.out.errln(format!("+ {k}={v}"));
                }
            }
            for (k, v) in arrays {
                let (name, append) = match k.strip_suffix('+') {
                    Some(n) => (n.to_string(), true),
                    None => (k, false),
                };
                if self.is_readonly(&name, io) {
                    return Err(self.expansion_failed(1));
                }
                self.set_array(&name, v, append);
            }
            for (k, v) in values {
                let (name, append) = match k.strip_suffix('+') {
                    Some(n) => (n, true),
                    None => (k.as_str(), false),
                };
                let (base, sub) = super::arrays::split_subscript(name);
                if self.is_readonly(base, io) {
                    return Err(self.expansion_failed(1));
                }
                if let Some(sub) = sub {
                    if let Err(e) = self.set_element(base, sub, &v, append) {
                        io.out.errln(format!("{}: {e}", self.err_prefix()));
                        return Ok(1);
                    }
                    continue;
                }
                if append {
                    if self.arrays.contains_key(base) {
                        let _ = self.set_element(base, "0", &v, true);
                        continue;
                    }
                    let old = self.get(base).unwrap_or_default();
                    self.set(base, &format!("{old}{v}"));
                } else if self.arrays.contains_key(base) {
                    let _ = self.set_element(base, "0", &v, false);
                    continue;
                } else {
                    self.set(base, &v);
                }
                if self.allexport {
                    self.exported.insert(base.to_string());
                }
            }
            return Ok(self.subst_status.unwrap_or(0));
        }
        let mut produced = Output::new();
        let tty = io.tty && targets[0] == Target::Out;
        let stdin_data = match stdin {
            Some(s) => Some(s),
            None => io.rest(),
        };
        let mut sub_io = Io {
            stdin: stdin_data,
            pos: 0,
            out: &mut produced,
            tty,
        };
        let r = self.dispatch(sys, &argv, &values, &mut sub_io, lim);
        let consumed = sub_io.pos;
        if io.stdin.is_some() && redirs.iter().all(|r| r.fd != 0) {
            io.pos += consumed;
        }
        self.route(sys, produced, &targets, io.out, lim);
        r
    }

    /// Runs a command by name: function, builtin or program.
    pub(super) fn dispatch(
        &mut self,
        sys: &mut dyn Sys,
        argv: &[String],
        assigns: &[(String, String)],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let name = argv[0].as_str();
        let aliasing = self.kind != ShellKind::Bash || self.interactive || self.expand_aliases;
        if aliasing && !self.alias_busy.contains(name) {
            if let Some(value) = self.aliases.get(name).cloned() {
                let mut src = value;
                for a in &argv[1..] {
                    src.push(' ');
                    src.push_str(&super::builtins::shell_quote(a));
                }
                self.alias_busy.insert(name.to_string());
                let r = self.run_script(sys, &src, io, lim);
                self.alias_busy.remove(name);
                return r;
            }
        }
        if let Some(body) = self.funcs.get(name).cloned() {
            if self.func_depth >= self.max_funcnest() {
                self.funcnest_error(name, io);
                return Err(Flow::Error(1));
            }
            let saved = std::mem::replace(&mut self.args, argv[1..].to_vec());
            let funcname = if self.kind == ShellKind::Bash {
                let old = self.vars.insert("FUNCNAME".into(), name.to_string());
                Some(old)
            } else {
                None
            };
            self.locals.push(Vec::new());
            self.func_depth += 1;
            let r = self.exec(sys, &body, io, lim);
            self.func_depth -= 1;
            self.args = saved;
            match funcname {
                Some(Some(old)) => {
                    self.vars.insert("FUNCNAME".into(), old);
                }
                Some(None) => {
                    self.vars.remove("FUNCNAME");
                }
                None => {}
            }
            if let Some(locals) = self.locals.pop() {
                for (k, v) in locals.into_iter().rev() {
                    match v {
                        Some(v) => self.set(&k, &v),
                        None => {
                            self.vars.remove(&k);
                        }
                    }
                }
            }
            return match r {
                Err(Flow::Return(c)) => Ok(c),
                x => x,
            };
        }
        if builtins::is_builtin(self.kind, name) {
            let saved: Vec<(String, Option<String>)> = assigns
                .iter()
                .map(|(k, _)| (k.clone(), self.vars.get(k).cloned()))
                .collect();
            for (k, v) in assigns {
                self.set(k, v);
            }
            let r = builtins::run(self, sys, argv, io, lim);
            if !builtins::is_special(name) {
                for (k, v) in saved {
                    match v {
                        Some(v) => self.set(&k, &v),
                        None => {
                            self.vars.remove(&k);
                        }
                    }
                }
            }
            return r;
        }
        let mut env = self.env();
        for (k, v) in assigns {
            env.retain(|(a, _)| a != k);
            env.push((k.clone(), v.clone()));
        }
        self.run_external(sys, argv, env, io, lim)
    }

    /// Whether `name` is read-only (then bash's message is printed).
    pub(crate) fn is_readonly(&self, name: &str, io: &mut Io) -> bool {
        if !self.readonly.contains(name) {
            return false;
        }
        let p = self.err_prefix();
        match self.kind {
            ShellKind::Bash => io.out.errln(format!("{p}: {name}: readonly variable")),
            _ => io.out.errln(format!("{p}: {name}: is read only")),
        }
        true
    }

    /// The deepest function nesting allowed: `FUNCNEST` if set lower,
    /// else the sandbox's.
    fn max_funcnest(&self) -> u32 {
        let own = MAX_FUNCNEST;
        match self.get("FUNCNEST").and_then(|v| v.parse::<u32>().ok()) {
            Some(n) if n > 0 && self.kind == ShellKind::Bash => n.min(own),
            _ => own,
        }
    }

    fn funcnest_error(&self, name: &str, io: &mut Io) {
        let p = self.err_prefix();
        let n = self.max_funcnest();
        match self.kind {
            ShellKind::Bash => io.out.errln(format!(
                "{p}: {name}: maximum function nesting level exceeded ({n})"
            )),
            ShellKind::Dash => {
                io.out
                    .errln(format!("{p}: Maximum function recursion depth ({n}) reached"))
            }
            ShellKind::Ash => io.out.errln(format!(
                "dockerlings: {p}: {name}: functions nested more than {n} deep are not available in this sandbox"
            )),
        }
    }

    /// Looks up and runs a program file, printing the shell's not-found
    /// messages.
    pub(crate) fn run_external(
        &mut self,
        sys: &mut dyn Sys,
        argv: &[String],
        env: Vec<(String, String)>,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let name = argv[0].as_str();
        let path_var = self
            .get("PATH")
            .unwrap_or_else(|| programs::DEFAULT_PATH.to_string());
        let p = self.err_prefix();
        match programs::lookup(sys, name, &path_var, &self.cwd) {
            Lookup::Found(prog) => {
                let stdin = io.rest();
                if let Some(s) = &io.stdin {
                    io.pos = s.len();
                }
                let mut ctx = programs::Ctx {
                    env,
                    cwd: self.cwd.clone(),
                    user: self.user.clone(),
                    stdin,
                    tty: io.tty,
                    interactive: false,
                    in_pipe: self.in_pipe,
                    fds: self.export_fds(),
                };
                if io.tty && self.interactive {
                    ctx.interactive = true;
                }
                programs::exec(sys, &prog, argv, &ctx, io.out, lim)
            }
            Lookup::NotFound => {
                match self.kind {
                    ShellKind::Bash => io.out.errln(format!("{p}: {name}: command not found")),
                    _ => io.out.errln(format!("{p}: {name}: not found")),
                }
                Ok(127)
            }
            Lookup::NoFile => {
                match self.kind {
                    ShellKind::Bash => io
                        .out
                        .errln(format!("{p}: {name}: No such file or directory")),
                    _ => io.out.errln(format!("{p}: {name}: not found")),
                }
                Ok(127)
            }
            Lookup::IsDir => {
                match self.kind {
                    ShellKind::Bash => io.out.errln(format!("{p}: {name}: Is a directory")),
                    _ => io.out.errln(format!("{p}: {name}: Permission denied")),
                }
                Ok(126)
            }
            Lookup::NoPerm => {
                io.out.errln(format!("{p}: {name}: Permission denied"));
                Ok(126)
            }
        }
    }
}
