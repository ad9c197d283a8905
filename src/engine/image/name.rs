//! Image names as the image commands need them: `ParseNormalizedNamed` +
//! `TagNameOnly` of `distribution/reference` v0.6.0 (docker-reference.md §D),
//! full and familiar forms. A private stand-in until `engine::reference`
//! lands; the rules and error texts are the same.

/// A normalised image name with an optional tag and digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// `docker.io`, `localhost:5000`, `mcr.microsoft.com`.
    pub domain: String,
    /// `library/ubuntu`.
    pub path: String,
    pub tag: Option<String>,
    /// `sha256:<hex>`.
    pub digest: Option<String>,
}

impl Named {
    /// `docker.io/library/ubuntu`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }
    /// `ubuntu`, `myuser/app`, `localhost:5000/app`.
    pub fn familiar_name(&self) -> String {
        if self.domain == "docker.io" {
            match self.path.strip_prefix("library/") {
                Some(rest) if !rest.contains('/') => rest.to_string(),
                _ => self.path.clone(),
            }
        } else {
            self.full_name()
        }
    }
    fn suffix(&self) -> String {
        let mut s = String::new();
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.digest {
            s.push('@');
            s.push_str(d);
        }
        s
    }
    /// `docker.io/library/ubuntu:latest`.
    pub fn full(&self) -> String {
        format!("{}{}", self.full_name(), self.suffix())
    }
    /// `ubuntu:latest`.
    pub fn familiar(&self) -> String {
        format!("{}{}", self.familiar_name(), self.suffix())
    }
    /// Adds `latest` when neither tag nor digest is given (`TagNameOnly`).
    pub fn with_default_tag(mut self) -> Named {
        if self.tag.is_none() && self.digest.is_none() {
            self.tag = Some("latest".into());
        }
        self
    }
    /// The path as the registry's pull messages show it (`library/ubuntu`).
    pub fn remote_path(&self) -> &str {
        &self.path
    }
}

/// `invalid reference format`.
pub const INVALID: &str = "invalid reference format";

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn path_component_ok(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !alnum_lower(b[0]) || !alnum_lower(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum_lower(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum_lower(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn domain_ok(d: &str) -> bool {
    let (host, port) = match d.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || d.starts_with('[') => (h, Some(p)),
        _ => (d, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    if let Some(inner) = host.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return false;
        };
        return !inner.is_empty()
            && inner.contains(':')
            && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    }
    !host.is_empty()
        && host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        })
}

fn tag_ok(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter()
            .all(|x| x.is_ascii_alphanumeric() || matches!(x, b'_' | b'.' | b'-'))
}

fn check_digest(d: &str) -> Result<(), String> {
    let Some((alg, hex)) = d.split_once(':') else {
        return Err(INVALID.into());
    };
    let alg_ok = alg.split(['-', '_', '+', '.']).all(|c| {
        c.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && c.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if !alg_ok || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(INVALID.into());
    }
    match alg {
        "sha256" if hex.len() != 64 => Err("invalid checksum digest length".into()),
        "sha256" if hex.bytes().any(|b| b.is_ascii_uppercase()) => {
            Err("invalid checksum digest format".into())
        }
        "sha256" => Ok(()),
        "sha384" | "sha512" => Err("invalid checksum digest length".into()),
        _ => Err("unsupported digest algorithm".into()),
    }
}

/// `reference.ParseNormalizedNamed`: the error is Docker's text.
pub fn parse_normalized(s: &str) -> Result<Named, String> {
    if is_hex64(s) {
        return Err(format!(
            "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
        ));
    }
    let (name_tag, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    // domain split (splitDockerDomain)
    let (mut domain, mut rest) = match name_tag.split_once('/') {
        Some((first, r))
            if first.contains('.')
                || first.contains(':')
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (first.to_string(), r.to_string())
        }
        _ => ("docker.io".to_string(), name_tag.to_string()),
    };
    if domain == "index.docker.io" {
        domain = "docker.io".into();
    }
    if domain == "docker.io" && !rest.contains('/') {
        rest = format!("library/{rest}");
    }
    let (path, tag) = match rest.rsplit_once(':') {
        Some((p, t)) if !t.contains('/') => (p.to_string(), Some(t.to_string())),
        _ => (rest.clone(), None),
    };
    if path.to_lowercase() != path {
        return Err(format!(
            "{INVALID}: repository name ({path}) must be lowercase"
        ));
    }
    if name_tag.is_empty()
        || !domain_ok(&domain)
        || path.is_empty()
        || !path.split('/').all(path_component_ok)
        || tag.as_deref().is_some_and(|t| !tag_ok(t))
    {
        return Err(INVALID.into());
    }
    if let Some(d) = digest {
        check_digest(d)?;
    }
    if path.len() > 255 {
        return Err("repository name must not be more than 255 characters".into());
    }
    Ok(Named {
        domain,
        path,
        tag,
        digest: digest.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(s: &str) -> String {
        parse_normalized(s).unwrap().with_default_tag().full()
    }

    #[test]
    fn normalises_like_distribution_reference() {
        assert_eq!(full("debian"), "docker.io/library/debian:latest");
        assert_eq!(
            full("index.docker.io/debian"),
            "docker.io/library/debian:latest"
        );
        assert_eq!(full("localhost:5000/myapp"), "localhost:5000/myapp:latest");
        assert_eq!(full("test.com:5000"), "docker.io/library/test.com:5000");
        assert_eq!(full("myregistry/app"), "docker.io/myregistry/app:latest");
        assert_eq!(full("Foo/bar"), "Foo/bar:latest");
        assert_eq!(
            full("[fc00::1]:5000/docker"),
            "[fc00::1]:5000/docker:latest"
        );
        let n = parse_normalized("localhost:5000/library/myapp:1.0").unwrap();
        assert_eq!(n.familiar(), "localhost:5000/library/myapp:1.0");
        assert_eq!(
            parse_normalized("library/foo/bar").unwrap().familiar_name(),
            "library/foo/bar"
        );
    }

    #[test]
    fn rejects_like_distribution_reference() {
        let e = |s: &str| parse_normalized(s).unwrap_err();
        assert_eq!(
            e("Ubuntu"),
            "invalid reference format: repository name (library/Ubuntu) must be lowercase"
        );
        assert_eq!(
            e("docker/Docker"),
            "invalid reference format: repository name (docker/Docker) must be lowercase"
        );
        for bad in [
            "ubuntu:",
            "ubuntu:-beta",
            "-docker",
            "foo//bar",
            "/foo",
            ":justtag",
            "ubuntu@sha256:abc",
            "dock..er/docker",
            "https://github.com/docker/docker",
            "",
        ] {
            assert_eq!(e(bad), INVALID, "{bad}");
        }
        assert_eq!(
            e(&"a".repeat(256)),
            "repository name must not be more than 255 characters"
        );
        assert_eq!(
            e(&format!("repo@sha256:{}", "f".repeat(34))),
            "invalid checksum digest length"
        );
        assert_eq!(
            e(&format!("ubuntu@md5:{}", "f".repeat(32))),
            "unsupported digest algorithm"
        );
        assert!(e(&"1a".repeat(32)).starts_with("invalid repository name (1a1a"));
    }
}
