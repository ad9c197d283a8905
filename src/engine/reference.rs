//! Image references, parsed and normalised exactly as
//! `distribution/reference` v0.6.0 does (docker.io, library/, latest).
//!
//! The grammar (docker-reference.md §D):
//!
//! ```text
//! reference        := name [ ":" tag ] [ "@" digest ]
//! name             := [domain '/'] remote-name
//! domain           := host [':' port-number]
//! host             := domain-name | \[ IPv6address \]
//! path-component   := [a-z0-9]+ (separator [a-z0-9]+)*
//! separator        := [_.] | __ | [-]+
//! tag              := [\w][\w.-]{0,127}
//! digest           := algorithm ":" hex{32,}
//! ```
//!
//! Entry points mirror the Go package: [`Reference::parse_normalized`]
//! (`ParseNormalizedNamed`), [`parse_any`] (`ParseAnyReference`, used by
//! `docker run`/`create`), [`Reference::parse_docker_ref`]
//! (`ParseDockerRef`), [`Reference::with_default_tag`] (`TagNameOnly`),
//! [`Reference::familiar`] (`FamiliarString`), and [`parse_tag_args`] for
//! the checks the client runs before `docker tag`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Docker Hub's canonical domain.
pub const DEFAULT_DOMAIN: &str = "docker.io";
/// The legacy Hub domain, rewritten to [`DEFAULT_DOMAIN`].
pub const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
/// Namespace of official images on Docker Hub.
pub const OFFICIAL_REPO_PREFIX: &str = "library/";
/// The tag added to a name-only reference.
pub const DEFAULT_TAG: &str = "latest";
/// Maximum length of a repository path (v0.6.0: the path, not the domain).
pub const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// A reference error; `Display` is the exact text Docker prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// `invalid reference format` (`ErrReferenceInvalidFormat`).
    InvalidFormat,
    /// `invalid tag format` (`ErrTagInvalidFormat`).
    TagInvalidFormat,
    /// `invalid digest format` (`ErrDigestInvalidFormat`, reference package).
    DigestInvalidFormat,
    /// `repository name must be lowercase` (`ErrNameContainsUppercase`,
    /// from `Parse` when only the case is wrong).
    NameContainsUppercase,
    /// `invalid reference format: repository name (PATH) must be lowercase`
    /// (from `ParseNormalizedNamed`).
    PathNotLowercase(String),
    /// `repository name must have at least one component` (`ErrNameEmpty`).
    NameEmpty,
    /// `repository name must not be more than 255 characters`.
    NameTooLong,
    /// `invalid repository name (HEX), cannot specify 64-byte hexadecimal strings`.
    HexIdentifier(String),
    /// go-digest `invalid checksum digest format`.
    ChecksumInvalidFormat,
    /// go-digest `invalid checksum digest length`.
    ChecksumInvalidLength,
    /// go-digest `unsupported digest algorithm`.
    DigestUnsupported,
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefError::InvalidFormat => f.write_str("invalid reference format"),
            RefError::TagInvalidFormat => f.write_str("invalid tag format"),
            RefError::DigestInvalidFormat => f.write_str("invalid digest format"),
            RefError::NameContainsUppercase => f.write_str("repository name must be lowercase"),
            RefError::PathNotLowercase(p) => write!(
                f,
                "invalid reference format: repository name ({p}) must be lowercase"
            ),
            RefError::NameEmpty => f.write_str("repository name must have at least one component"),
            RefError::NameTooLong => write!(
                f,
                "repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters"
            ),
            RefError::HexIdentifier(s) => write!(
                f,
                "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
            ),
            RefError::ChecksumInvalidFormat => f.write_str("invalid checksum digest format"),
            RefError::ChecksumInvalidLength => f.write_str("invalid checksum digest length"),
            RefError::DigestUnsupported => f.write_str("unsupported digest algorithm"),
        }
    }
}

impl std::error::Error for RefError {}

/// A named image reference: `domain/path[:tag][@digest]`.
///
/// `domain` is empty only for references built by [`Reference::parse`]
/// from a string without one; the normalising constructors always set it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Reference {
    pub domain: String,
    pub path: String,
    pub tag: Option<String>,
    /// `algorithm:hex`, validated like go-digest.
    pub digest: Option<String>,
}

/// What `ParseAnyReference` returns: a name, or an image ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyRef {
    Named(Reference),
    /// `sha256:<64 hex>` (a bare 64-hex input gets the `sha256:` prefix).
    Id(String),
}

impl Reference {
    /// `ParseNormalizedNamed`: the form users type (`ubuntu`,
    /// `localhost:5000/app:1.0`) to a fully-qualified reference. No default
    /// tag is added; see [`Reference::with_default_tag`].
    pub fn parse_normalized(s: &str) -> Result<Reference, RefError> {
        if is_identifier(s) {
            return Err(RefError::HexIdentifier(s.to_string()));
        }
        let (domain, remainder) = split_docker_domain(s);
        let remote = match remainder.find(':') {
            Some(i) => &remainder[..i],
            None => remainder.as_str(),
        };
        if remote.to_lowercase() != remote {
            return Err(RefError::PathNotLowercase(remote.to_string()));
        }
        Reference::parse(&format!("{domain}/{remainder}"))
    }

    /// `Parse`: the raw grammar, no normalisation. A leading component is
    /// the domain when it matches the domain grammar.
    pub fn parse(s: &str) -> Result<Reference, RefError> {
        let Some(m) = match_reference(s) else {
            if s.is_empty() {
                return Err(RefError::NameEmpty);
            }
            if match_reference(&s.to_lowercase()).is_some() {
                return Err(RefError::NameContainsUppercase);
            }
            return Err(RefError::InvalidFormat);
        };
        let (domain, path) = split_name(m.name);
        if path.len() > NAME_TOTAL_LENGTH_MAX {
            return Err(RefError::NameTooLong);
        }
        let digest = match m.digest {
            Some(d) => {
                validate_digest(d)?;
                Some(d.to_string())
            }
            None => None,
        };
        Ok(Reference {
            domain: domain.to_string(),
            path: path.to_string(),
            tag: m.tag.map(str::to_string),
            digest,
        })
    }

    /// `ParseDockerRef`: normalised, `:latest` added to a bare name, and a
    /// reference with both tag and digest keeps only the digest.
    pub fn parse_docker_ref(s: &str) -> Result<Reference, RefError> {
        let mut r = Reference::parse_normalized(s)?;
        if r.digest.is_some() {
            r.tag = None;
            Ok(r)
        } else {
            Ok(r.with_default_tag())
        }
    }

    /// `TagNameOnly`: adds `:latest` when neither tag nor digest is given.
    pub fn with_default_tag(mut self) -> Reference {
        if self.is_name_only() {
            self.tag = Some(DEFAULT_TAG.to_string());
        }
        self
    }

    /// `IsNameOnly`: no tag and no digest.
    pub fn is_name_only(&self) -> bool {
        self.tag.is_none() && self.digest.is_none()
    }

    /// `WithTag`: the same name with `tag` (digest kept), if `tag` is valid.
    pub fn with_tag(&self, tag: &str) -> Result<Reference, RefError> {
        if !is_tag(tag) {
            return Err(RefError::TagInvalidFormat);
        }
        Ok(Reference {
            tag: Some(tag.to_string()),
            ..self.clone()
        })
    }

    /// `WithDigest`: the same name with `digest` (tag kept), if well formed.
    pub fn with_digest(&self, digest: &str) -> Result<Reference, RefError> {
        if !is_digest_pat(digest) {
            return Err(RefError::DigestInvalidFormat);
        }
        Ok(Reference {
            digest: Some(digest.to_string()),
            ..self.clone()
        })
    }

    /// The name without tag or digest, e.g. `docker.io/library/ubuntu`.
    pub fn name(&self) -> String {
        if self.domain.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// The whole reference (`String()`), e.g. `docker.io/library/ubuntu:latest`.
    pub fn full(&self) -> String {
        let mut s = self.name();
        self.push_suffix(&mut s);
        s
    }

    /// The repository path (`Path()`), e.g. `library/ubuntu`.
    pub fn repo_path(&self) -> &str {
        &self.path
    }

    /// The registry domain (`Domain()`), e.g. `docker.io`, `localhost:5000`.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Whether the reference lives on Docker Hub.
    pub fn is_docker_hub(&self) -> bool {
        self.domain == DEFAULT_DOMAIN
    }

    /// `FamiliarName`: `ubuntu`, `myuser/app`, `localhost:5000/app`.
    pub fn familiar_name(&self) -> String {
        if self.domain == DEFAULT_DOMAIN {
            if let Some(rest) = self.path.strip_prefix(OFFICIAL_REPO_PREFIX) {
                if !rest.contains('/') {
                    return rest.to_string();
                }
            }
            self.path.clone()
        } else {
            self.name()
        }
    }

    /// `FamiliarString`: `ubuntu:latest`, `redis@sha256:…`.
    pub fn familiar(&self) -> String {
        let mut s = self.familiar_name();
        self.push_suffix(&mut s);
        s
    }

    /// The familiar name with the tag but without any digest — what
    /// `docker ps` shows in its IMAGE column.
    pub fn familiar_tagged(&self) -> String {
        match &self.tag {
            Some(t) => format!("{}:{t}", self.familiar_name()),
            None => self.familiar_name(),
        }
    }

    fn push_suffix(&self, s: &mut String) {
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.digest {
            s.push('@');
            s.push_str(d);
        }
    }
}

impl fmt::Display for Reference {
    /// The full form, like Go's `String()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

/// `ParseAnyReference`: a bare 64-hex ID or `algorithm:hex` digest is an
/// image ID; anything else goes through `ParseNormalizedNamed`.
pub fn parse_any(s: &str) -> Result<AnyRef, RefError> {
    if is_identifier(s) {
        return Ok(AnyRef::Id(format!("sha256:{s}")));
    }
    if is_digest_pat(s) && validate_digest(s).is_ok() {
        return Ok(AnyRef::Id(s.to_string()));
    }
    Reference::parse_normalized(s).map(AnyRef::Named)
}

/// `FamiliarMatch`: whether glob `pattern` (Go's `path.Match` syntax:
/// `*`, `?`, `[a-z]`, `\\`) matches the familiar string (`ubuntu:22.04`)
/// or the familiar name (`ubuntu`) of `r` — the `docker images PATTERN`
/// filter.
pub fn familiar_match(pattern: &str, r: &Reference) -> Result<bool, PatternError> {
    if path_match(pattern, &r.familiar())? {
        return Ok(true);
    }
    Ok(path_match(pattern, &r.familiar_name()).unwrap_or(false))
}

/// Go's `path.ErrBadPattern`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError;

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("syntax error in pattern")
    }
}

impl std::error::Error for PatternError {}

/// Go's `path.Match`: `*` and `?` never match `/`. Same algorithm as Go
/// (chunks between stars matched leftmost, no backtracking across stars),
/// so it is linear in practice whatever the pattern.
pub fn path_match(pattern: &str, name: &str) -> Result<bool, PatternError> {
    let mut pat: Vec<char> = pattern.chars().collect();
    let mut name: Vec<char> = name.chars().collect();
    'pattern: while !pat.is_empty() {
        let (star, chunk, rest) = scan_chunk(&pat);
        let (chunk, rest) = (chunk.to_vec(), rest.to_vec());
        if star && chunk.is_empty() {
            // trailing * matches the rest if it has no '/'
            return Ok(!name.contains(&'/'));
        }
        let (t, ok) = match_chunk(&chunk, &name)?;
        if ok && (t.is_empty() || !rest.is_empty()) {
            name = t;
            pat = rest;
            continue;
        }
        if star {
            let mut i = 0;
            while i < name.len() && name[i] != '/' {
                let (t, ok) = match_chunk(&chunk, &name[i + 1..])?;
                if ok {
                    if rest.is_empty() && !t.is_empty() {
                        i += 1;
                        continue;
                    }
                    name = t;
                    pat = rest;
                    continue 'pattern;
                }
                i += 1;
            }
        }
        // no match: still report a malformed remainder, as Go does
        let mut p = rest;
        while !p.is_empty() {
            let (_, chunk, r) = scan_chunk(&p);
            let chunk = chunk.to_vec();
            let r = r.to_vec();
            match_chunk(&chunk, &[])?;
            p = r;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Splits off `[*]chunk` (the text up to the next unescaped, unbracketed `*`).
fn scan_chunk(p: &[char]) -> (bool, &[char], &[char]) {
    let mut p = p;
    let mut star = false;
    while p.first() == Some(&'*') {
        p = &p[1..];
        star = true;
    }
    let mut in_range = false;
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '\\' if i + 1 < p.len() => i += 1,
            '[' => in_range = true,
            ']' => in_range = false,
            '*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (star, &p[..i], &p[i..])
}

/// Matches `chunk` at the start of `s`, returning the rest of `s`. With an
/// empty `s` it only validates the chunk (Go's `failed` mode, simplified).
fn match_chunk(chunk: &[char], s: &[char]) -> Result<(Vec<char>, bool), PatternError> {
    let mut s = s;
    let mut failed = false;
    let mut i = 0;
    while i < chunk.len() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match chunk[i] {
            '[' => {
                let c = s.first().copied();
                let (m, next) = class(chunk, i + 1, c)?;
                if !failed {
                    // (a class may match '/', unlike `*` and `?`)
                    if !m {
                        failed = true;
                    } else {
                        s = &s[1..];
                    }
                }
                i = next;
            }
            '?' => {
                if !failed {
                    if s[0] == '/' {
                        failed = true;
                    }
                    s = &s[1..];
                }
                i += 1;
            }
            '\\' => {
                i += 1;
                if i >= chunk.len() {
                    return Err(PatternError);
                }
                if !failed {
                    if chunk[i] != s[0] {
                        failed = true;
                    }
                    s = &s[1..];
                }
                i += 1;
            }
            c => {
                if !failed {
                    if c != s[0] {
                        failed = true;
                    }
                    s = &s[1..];
                }
                i += 1;
            }
        }
    }
    if failed {
        return Ok((Vec::new(), false));
    }
    Ok((s.to_vec(), true))
}

/// Parses a character class starting after `[`; with `c`, tells whether
/// it matches. Returns (matched, index after `]`).
fn class(p: &[char], mut i: usize, c: Option<char>) -> Result<(bool, usize), PatternError> {
    let negated = p.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let Some(&ch) = p.get(i) else {
            return Err(PatternError);
        };
        if ch == ']' && !first {
            i += 1;
            break;
        }
        first = false;
        let lo = escaped(p, &mut i)?;
        let mut hi = lo;
        if p.get(i) == Some(&'-') {
            i += 1;
            hi = escaped(p, &mut i)?;
        }
        if let Some(c) = c {
            if lo <= c && c <= hi {
                matched = true;
            }
        }
    }
    Ok((matched != negated, i))
}

fn escaped(p: &[char], i: &mut usize) -> Result<char, PatternError> {
    let Some(&ch) = p.get(*i) else {
        return Err(PatternError);
    };
    match ch {
        '-' | ']' => Err(PatternError),
        '\\' => {
            let c = *p.get(*i + 1).ok_or(PatternError)?;
            *i += 2;
            Ok(c)
        }
        c => {
            *i += 1;
            Ok(c)
        }
    }
}

/// Errors the client reports before sending `docker tag SOURCE TARGET`
/// (`client.ImageTag`); `Display` is the exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagError {
    /// `Error parsing reference: "SRC" is not a valid image reference: ERR`.
    Source(String, RefError),
    /// `Error parsing reference: "DST" is not a valid repository/tag: ERR`.
    Target(String, RefError),
    /// `refusing to create a tag with a digest reference`.
    DigestTarget,
}

impl fmt::Display for TagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TagError::Source(s, e) => write!(
                f,
                "Error parsing reference: {} is not a valid image reference: {e}",
                go_quote(s)
            ),
            TagError::Target(s, e) => write!(
                f,
                "Error parsing reference: {} is not a valid repository/tag: {e}",
                go_quote(s)
            ),
            TagError::DigestTarget => {
                f.write_str("refusing to create a tag with a digest reference")
            }
        }
    }
}

impl std::error::Error for TagError {}

/// The client-side checks of `docker tag SOURCE TARGET`: the source must be
/// any reference, the target a name without digest; the target gets
/// `:latest` when untagged.
pub fn parse_tag_args(source: &str, target: &str) -> Result<(AnyRef, Reference), TagError> {
    let src = parse_any(source).map_err(|e| TagError::Source(source.to_string(), e))?;
    let dst =
        Reference::parse_normalized(target).map_err(|e| TagError::Target(target.to_string(), e))?;
    if dst.digest.is_some() {
        return Err(TagError::DigestTarget);
    }
    Ok((src, dst.with_default_tag()))
}

/// Whether `t` is a valid tag: `[\w][\w.-]{0,127}`.
pub fn is_tag(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && is_word(b[0])
        && b[1..].iter().all(|&c| is_word(c) || c == b'.' || c == b'-')
}

/// Whether `s` is exactly 64 lower-case hex digits (an image/container ID).
pub fn is_identifier(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// Go's `strconv.Quote` for the printable ASCII / UTF-8 text of references.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `splitDockerDomain` (v0.6.0).
fn split_docker_domain(name: &str) -> (String, String) {
    let Some((maybe_domain, maybe_rest)) = name.split_once('/') else {
        return (
            DEFAULT_DOMAIN.to_string(),
            format!("{OFFICIAL_REPO_PREFIX}{name}"),
        );
    };
    let (domain, mut rest) = if maybe_domain == "localhost" {
        (maybe_domain.to_string(), maybe_rest.to_string())
    } else if maybe_domain == LEGACY_DEFAULT_DOMAIN {
        (DEFAULT_DOMAIN.to_string(), maybe_rest.to_string())
    } else if maybe_domain.contains(['.', ':']) || maybe_domain.to_lowercase() != maybe_domain {
        (maybe_domain.to_string(), maybe_rest.to_string())
    } else {
        (DEFAULT_DOMAIN.to_string(), name.to_string())
    };
    if domain == DEFAULT_DOMAIN && !rest.contains('/') {
        rest = format!("{OFFICIAL_REPO_PREFIX}{rest}");
    }
    (domain, rest)
}

/// The three captures of `ReferenceRegexp`.
struct RefMatch<'a> {
    name: &'a str,
    tag: Option<&'a str>,
    digest: Option<&'a str>,
}

/// Anchored `ReferenceRegexp`: `^(name)(?::(tag))?(?:@(digest))?$`.
///
/// Names, tags and digests contain no `@`, so the digest follows the only
/// `@`; a `:` after the last `/` can only start the tag (a name's `:` is in
/// its domain, which is always followed by `/`).
fn match_reference(s: &str) -> Option<RefMatch<'_>> {
    let (head, digest) = match s.split_once('@') {
        Some((h, d)) => (h, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        if !is_digest_pat(d) {
            return None;
        }
    }
    let after_slash = head.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match head[after_slash..].find(':') {
        Some(i) => (&head[..after_slash + i], Some(&head[after_slash + i + 1..])),
        None => (head, None),
    };
    if let Some(t) = tag {
        if !is_tag(t) {
            return None;
        }
    }
    if !is_name(name) {
        return None;
    }
    Some(RefMatch { name, tag, digest })
}

/// `anchoredNameRegexp`: `[domainAndPort/]remoteName`.
fn is_name(name: &str) -> bool {
    let (domain, path) = split_name(name);
    (domain.is_empty() || is_domain_and_port(domain)) && is_remote_name(path)
}

/// The domain/path captures of `anchoredNameRegexp`; Go's leftmost-first
/// matching takes the first component as the domain whenever it can be one.
fn split_name(name: &str) -> (&str, &str) {
    match name.split_once('/') {
        Some((d, rest)) if is_domain_and_port(d) && is_remote_name(rest) => (d, rest),
        _ => ("", name),
    }
}

fn is_remote_name(p: &str) -> bool {
    p.split('/').all(is_path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn is_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && alnum(b[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == b.len() {
            return true;
        }
        // a separator
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < b.len() && b[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// `host [':' [0-9]+]` where host is a domain name or `[ipv6]`.
fn is_domain_and_port(d: &str) -> bool {
    let (host, port) = if let Some(rest) = d.strip_prefix('[') {
        let Some(end) = rest.find(']') else {
            return false;
        };
        let addr = &rest[..end];
        if addr.is_empty() || !addr.bytes().all(|c| c.is_ascii_hexdigit() || c == b':') {
            return false;
        }
        (&d[..end + 2], &rest[end + 1..])
    } else {
        match d.find(':') {
            Some(i) => {
                if !is_domain_name(&d[..i]) {
                    return false;
                }
                (&d[..i], &d[i..])
            }
            None => (d, ""),
        }
    };
    if host.is_empty() || (!host.starts_with('[') && !is_domain_name(host)) {
        return false;
    }
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(p) => !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()),
    }
}

/// `component (\. component)*`, components alphanumeric with inner `-`.
fn is_domain_name(h: &str) -> bool {
    h.split('.').all(|c| {
        let b = c.as_bytes();
        !b.is_empty()
            && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
    })
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The reference package's digest pattern:
/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[[:xdigit:]]{32,}`.
fn is_digest_pat(d: &str) -> bool {
    let Some((alg, hex)) = d.split_once(':') else {
        return false;
    };
    if hex.len() < 32 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return false;
    }
    alg.split(['-', '_', '+', '.']).all(|part| {
        let b = part.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(|c| c.is_ascii_alphanumeric())
    })
}

/// go-digest `Digest.Validate`.
fn validate_digest(d: &str) -> Result<(), RefError> {
    let Some(i) = d.find(':') else {
        return Err(RefError::ChecksumInvalidFormat);
    };
    if i == 0 || i + 1 == d.len() {
        return Err(RefError::ChecksumInvalidFormat);
    }
    let (alg, enc) = (&d[..i], &d[i + 1..]);
    let size = match alg {
        "sha256" => 32,
        "sha384" => 48,
        "sha512" => 64,
        _ => {
            return Err(if is_go_digest_pat(d) {
                RefError::DigestUnsupported
            } else {
                RefError::ChecksumInvalidFormat
            })
        }
    };
    if enc.len() != size * 2 {
        return Err(RefError::ChecksumInvalidLength);
    }
    if enc.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(RefError::ChecksumInvalidFormat)
    }
}

/// go-digest `DigestRegexp`: `[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`.
fn is_go_digest_pat(d: &str) -> bool {
    let Some((alg, enc)) = d.split_once(':') else {
        return false;
    };
    !enc.is_empty()
        && enc
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'=' | b'_' | b'-'))
        && alg.split(['.', '+', '_', '-']).all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_components() {
        for ok in ["a", "a.b", "a__b", "a_b", "a---b", "a1-2.3_4"] {
            assert!(is_path_component(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a..b", "a___b", "a_.b", "A", "a$"] {
            assert!(!is_path_component(bad), "{bad}");
        }
    }

    #[test]
    fn domains() {
        for ok in [
            "localhost",
            "a.b:5000",
            "[fc00::1]:5000",
            "[::1]",
            "Foo",
            "x-y.z",
        ] {
            assert!(is_domain_and_port(ok), "{ok}");
        }
        for bad in [
            "-a",
            "a-",
            "a:",
            "a:b",
            "[fe80::1%eth0]:1",
            "[]",
            "a..b",
            "[1.2]",
        ] {
            assert!(!is_domain_and_port(bad), "{bad}");
        }
    }

    #[test]
    fn raw_parse_keeps_first_component_as_domain() {
        let r = Reference::parse("foo/bar").unwrap();
        assert_eq!((r.domain.as_str(), r.path.as_str()), ("foo", "bar"));
        let r = Reference::parse("bar").unwrap();
        assert_eq!((r.domain.as_str(), r.path.as_str()), ("", "bar"));
        assert_eq!(Reference::parse(""), Err(RefError::NameEmpty));
        assert_eq!(
            Reference::parse("Foo_bar/x"),
            Err(RefError::NameContainsUppercase)
        );
    }
}
