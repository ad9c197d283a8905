//! Path arithmetic on absolute, `/`-separated paths: normalisation, parents,
//! joins. No filesystem access.

/// Normalises an absolute path: collapses `//`, resolves `.` and `..`
/// lexically, drops a trailing `/`. A relative input is taken from `/`.
pub fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    if parts.is_empty() {
        "/".to_string()
    } else {
        let mut s = String::with_capacity(p.len());
        for c in parts {
            s.push('/');
            s.push_str(c);
        }
        s
    }
}

/// Resolves `p` against the working directory `cwd` and normalises it.
pub fn join(cwd: &str, p: &str) -> String {
    if p.starts_with('/') {
        normalize(p)
    } else {
        normalize(&format!("{cwd}/{p}"))
    }
}

/// The parent of a normalised absolute path (`/` for `/x` and for `/`).
pub fn parent(p: &str) -> &str {
    match p.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &p[..i],
    }
}

/// The last component (`""` for `/`).
pub fn file_name(p: &str) -> &str {
    match p.rfind('/') {
        Some(i) => &p[i + 1..],
        None => p,
    }
}

/// Every proper ancestor of `p`, nearest first, excluding `/`.
pub fn ancestors(p: &str) -> impl Iterator<Item = &str> {
    let mut cur = p;
    std::iter::from_fn(move || {
        let par = parent(cur);
        if par == "/" || par == cur {
            None
        } else {
            cur = par;
            Some(par)
        }
    })
}

/// `child` under `dir`.
pub fn child(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize("/a//b/./c/../d/"), "/a/b/d");
        assert_eq!(normalize("/.."), "/");
        assert_eq!(join("/app", "x/../y"), "/app/y");
        assert_eq!(parent("/a/b"), "/a");
        assert_eq!(parent("/a"), "/");
        assert_eq!(ancestors("/a/b/c").collect::<Vec<_>>(), vec!["/a/b", "/a"]);
    }
}
