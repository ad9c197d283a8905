//! Image names as the image commands use them: a normalised name
//! ([`Named`], parsed by `engine::reference` exactly as
//! `distribution/reference` v0.6.0 does, docker-reference.md §D) with its
//! full (`docker.io/library/ubuntu:latest`) and familiar (`ubuntu:latest`)
//! forms.

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

/// `reference.ParseNormalizedNamed` (`engine::reference`): the error is
/// Docker's text.
pub fn parse_normalized(s: &str) -> Result<Named, String> {
    let r = crate::engine::reference::Reference::parse_normalized(s).map_err(|e| e.to_string())?;
    Ok(Named {
        domain: r.domain,
        path: r.path,
        tag: r.tag,
        digest: r.digest,
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
