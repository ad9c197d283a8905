//! Image reference normalisation: every row of docker-reference.md §D
//! (inputs from `distribution/reference@v0.6.0` tests), plus the client's
//! `docker tag` checks and `ParseAnyReference` / `ParseDockerRef`.

use dockerlings::engine::reference::{
    familiar_match, parse_any, parse_tag_args, path_match, AnyRef, RefError, Reference,
};

const BUSYBOX_DIGEST: &str =
    "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
const REDIS_DIGEST: &str =
    "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
const HEX64: &str = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

/// Parses with `ParseNormalizedNamed` + `TagNameOnly` and checks the full
/// form, familiar form, domain and path.
fn ok(input: &str, full: &str, familiar: &str, domain: &str, path: &str) {
    let r = Reference::parse_normalized(input)
        .unwrap_or_else(|e| panic!("{input:?} should parse, got {e}"))
        .with_default_tag();
    assert_eq!(r.full(), full, "full form of {input:?}");
    assert_eq!(r.to_string(), full, "Display of {input:?}");
    assert_eq!(r.familiar(), familiar, "familiar form of {input:?}");
    assert_eq!(r.domain(), domain, "domain of {input:?}");
    assert_eq!(r.repo_path(), path, "path of {input:?}");
}

fn err(input: &str, text: &str) {
    match Reference::parse_normalized(input) {
        Ok(r) => panic!("{input:?} should fail with {text:?}, parsed as {r}"),
        Err(e) => assert_eq!(e.to_string(), text, "error for {input:?}"),
    }
}

const INVALID: &str = "invalid reference format";

#[test]
fn rows_01_to_08_docker_hub() {
    ok(
        "debian",
        "docker.io/library/debian:latest",
        "debian:latest",
        "docker.io",
        "library/debian",
    );
    ok(
        "library/debian",
        "docker.io/library/debian:latest",
        "debian:latest",
        "docker.io",
        "library/debian",
    );
    ok(
        "docker.io/library/redis:latest",
        "docker.io/library/redis:latest",
        "redis:latest",
        "docker.io",
        "library/redis",
    );
    ok(
        "index.docker.io/debian",
        "docker.io/library/debian:latest",
        "debian:latest",
        "docker.io",
        "library/debian",
    );
    ok(
        "docker/docker",
        "docker.io/docker/docker:latest",
        "docker/docker:latest",
        "docker.io",
        "docker/docker",
    );
    ok(
        "dmcgowan/myapp:latest",
        "docker.io/dmcgowan/myapp:latest",
        "dmcgowan/myapp:latest",
        "docker.io",
        "dmcgowan/myapp",
    );
    ok(
        "library/foo/bar",
        "docker.io/library/foo/bar:latest",
        "library/foo/bar:latest",
        "docker.io",
        "library/foo/bar",
    );
    ok(
        "other/library",
        "docker.io/other/library:latest",
        "other/library:latest",
        "docker.io",
        "other/library",
    );
}

#[test]
fn rows_09_to_21_domains() {
    ok(
        "localhost/fooo/bar",
        "localhost/fooo/bar:latest",
        "localhost/fooo/bar:latest",
        "localhost",
        "fooo/bar",
    );
    ok(
        "localhost/debian",
        "localhost/debian:latest",
        "localhost/debian:latest",
        "localhost",
        "debian",
    );
    ok(
        "127.0.0.1:5000/docker/docker",
        "127.0.0.1:5000/docker/docker:latest",
        "127.0.0.1:5000/docker/docker:latest",
        "127.0.0.1:5000",
        "docker/docker",
    );
    ok(
        "localhost:5000/myapp",
        "localhost:5000/myapp:latest",
        "localhost:5000/myapp:latest",
        "localhost:5000",
        "myapp",
    );
    ok(
        "localhost:5000/library/myapp:1.0",
        "localhost:5000/library/myapp:1.0",
        "localhost:5000/library/myapp:1.0",
        "localhost:5000",
        "library/myapp",
    );
    ok(
        "example.com:8000/private/moonbase",
        "example.com:8000/private/moonbase:latest",
        "example.com:8000/private/moonbase:latest",
        "example.com:8000",
        "private/moonbase",
    );
    ok(
        "test.com/foo",
        "test.com/foo:latest",
        "test.com/foo:latest",
        "test.com",
        "foo",
    );
    ok(
        "test_com/foo",
        "docker.io/test_com/foo:latest",
        "test_com/foo:latest",
        "docker.io",
        "test_com/foo",
    );
    ok(
        "test-com:8080/foo",
        "test-com:8080/foo:latest",
        "test-com:8080/foo:latest",
        "test-com:8080",
        "foo",
    );
    ok(
        "xn--n3h.com:18080/foo",
        "xn--n3h.com:18080/foo:latest",
        "xn--n3h.com:18080/foo:latest",
        "xn--n3h.com:18080",
        "foo",
    );
    ok(
        "myregistry/app",
        "docker.io/myregistry/app:latest",
        "myregistry/app:latest",
        "docker.io",
        "myregistry/app",
    );
    ok("Foo/bar", "Foo/bar:latest", "Foo/bar:latest", "Foo", "bar");
    ok(
        "LOCALDOMAIN/debian",
        "LOCALDOMAIN/debian:latest",
        "LOCALDOMAIN/debian:latest",
        "LOCALDOMAIN",
        "debian",
    );
}

#[test]
fn rows_22_to_26_ports_tags_ipv6() {
    ok(
        "test.com:5000",
        "docker.io/library/test.com:5000",
        "test.com:5000",
        "docker.io",
        "library/test.com",
    );
    ok(
        "192.168.0.1:80",
        "docker.io/library/192.168.0.1:80",
        "192.168.0.1:80",
        "docker.io",
        "library/192.168.0.1",
    );
    ok(
        "192.168.0.1:8/debian",
        "192.168.0.1:8/debian:latest",
        "192.168.0.1:8/debian:latest",
        "192.168.0.1:8",
        "debian",
    );
    ok(
        "[fc00::1]:5000/docker",
        "[fc00::1]:5000/docker:latest",
        "[fc00::1]:5000/docker:latest",
        "[fc00::1]:5000",
        "docker",
    );
    ok(
        "lowercase:Uppercase",
        "docker.io/library/lowercase:Uppercase",
        "lowercase:Uppercase",
        "docker.io",
        "library/lowercase",
    );
    let r = Reference::parse_normalized("test.com:5000").unwrap();
    assert_eq!(r.tag.as_deref(), Some("5000"));
}

#[test]
fn rows_27_28_digests() {
    let input = format!("busybox:latest@{BUSYBOX_DIGEST}");
    ok(
        &input,
        &format!("docker.io/library/busybox:latest@{BUSYBOX_DIGEST}"),
        &format!("busybox:latest@{BUSYBOX_DIGEST}"),
        "docker.io",
        "library/busybox",
    );
    let r = Reference::parse_normalized(&input).unwrap();
    assert_eq!(r.tag.as_deref(), Some("latest"));
    assert_eq!(r.digest.as_deref(), Some(BUSYBOX_DIGEST));
    assert_eq!(r.familiar_tagged(), "busybox:latest");
    // ParseDockerRef keeps only the digest.
    let d = Reference::parse_docker_ref(&input).unwrap();
    assert_eq!(
        d.full(),
        format!("docker.io/library/busybox@{BUSYBOX_DIGEST}")
    );

    let input = format!("redis@{REDIS_DIGEST}");
    ok(
        &input,
        &format!("docker.io/library/redis@{REDIS_DIGEST}"),
        &format!("redis@{REDIS_DIGEST}"),
        "docker.io",
        "library/redis",
    );
    assert_eq!(
        Reference::parse_normalized(&input)
            .unwrap()
            .with_default_tag()
            .tag,
        None
    );
}

#[test]
fn rows_29_to_32_valid_names() {
    let hex63 = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9";
    ok(
        hex63,
        &format!("docker.io/library/{hex63}:latest"),
        &format!("{hex63}:latest"),
        "docker.io",
        &format!("library/{hex63}"),
    );
    ok(
        &format!("docker.io/{HEX64}"),
        &format!("docker.io/library/{HEX64}:latest"),
        &format!("{HEX64}:latest"),
        "docker.io",
        &format!("library/{HEX64}"),
    );
    for name in [
        "dock__er/docker",
        "docker---rules/docker",
        "d/docker",
        "jess/t",
    ] {
        ok(
            name,
            &format!("docker.io/{name}:latest"),
            &format!("{name}:latest"),
            "docker.io",
            name,
        );
    }
    let long = "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev";
    ok(
        long,
        &format!("docker.io/library/{long}:latest"),
        &format!("{long}:latest"),
        "docker.io",
        &format!("library/{long}"),
    );
}

#[test]
fn rows_33_to_35_uppercase() {
    err(
        "Uppercase:tag",
        "invalid reference format: repository name (library/Uppercase) must be lowercase",
    );
    err(
        "Ubuntu",
        "invalid reference format: repository name (library/Ubuntu) must be lowercase",
    );
    err(
        "Foo",
        "invalid reference format: repository name (library/Foo) must be lowercase",
    );
    err(
        "docker/Docker",
        "invalid reference format: repository name (docker/Docker) must be lowercase",
    );
    err(
        "docker.io/docker/Docker",
        "invalid reference format: repository name (docker/Docker) must be lowercase",
    );
    err(
        "test:5000/Uppercase/lowercase:tag",
        "invalid reference format: repository name (Uppercase/lowercase) must be lowercase",
    );
    assert_eq!(
        Reference::parse_normalized("Foo"),
        Err(RefError::PathNotLowercase("library/Foo".into()))
    );
}

#[test]
fn row_36_hex_identifier() {
    err(
        HEX64,
        &format!("invalid repository name ({HEX64}), cannot specify 64-byte hexadecimal strings"),
    );
}

#[test]
fn rows_37_to_44_invalid_format() {
    let long_tag = format!("ubuntu:{}", "a".repeat(129));
    let ffff = "f".repeat(64);
    let rows: Vec<String> = vec![
        "https://github.com/docker/docker".into(),
        "-docker".into(),
        "-docker/docker".into(),
        "docker-/docker".into(),
        "-docker.io/docker/docker".into(),
        "____/____".into(),
        "_docker/_docker".into(),
        "dock..er/docker".into(),
        "dock_.er/docker".into(),
        "dock-.er/docker".into(),
        "docker///docker".into(),
        "docker/".into(),
        "/foo".into(),
        "foo//bar".into(),
        ":justtag".into(),
        format!("@sha256:{ffff}"),
        "ubuntu:".into(),
        "ubuntu:-beta".into(),
        "ubuntu:.x".into(),
        "ubuntu:tag!".into(),
        long_tag,
        "ubuntu@sha256:abc".into(),
    ];
    for input in rows {
        err(&input, INVALID);
    }
    // A 128-character tag is the maximum.
    let max_tag = format!("ubuntu:{}", "a".repeat(128));
    assert!(Reference::parse_normalized(&max_tag).is_ok());
}

#[test]
fn rows_45_46_digest_errors() {
    err(
        &format!("repo@sha256:{}", "f".repeat(34)),
        "invalid checksum digest length",
    );
    err(
        &format!("validname@invaliddigest:{}", "f".repeat(64)),
        "unsupported digest algorithm",
    );
    err(
        &format!("ubuntu@md5:{}", "f".repeat(32)),
        "unsupported digest algorithm",
    );
    err(
        &format!("ubuntu@sha256:{}", "F".repeat(64)),
        "invalid checksum digest format",
    );
}

#[test]
fn rows_47_to_50() {
    for input in [
        "[fc00::1]",
        "[fc00::1]:5000",
        "fc00::1:5000/debian",
        "[fe80::1%eth0]:5000/debian",
        "[2001:db8:3:4::192.0.2.33]:5000/debian",
        "aa/asdf$$^/aa",
        "",
    ] {
        err(input, INVALID);
    }
    err(
        &"a".repeat(256),
        "repository name must not be more than 255 characters",
    );
    // the limit is on the path: 247 + "library/" = 255 is fine
    assert!(Reference::parse_normalized(&"a".repeat(247)).is_ok());
    err(
        &"a".repeat(248),
        "repository name must not be more than 255 characters",
    );
    assert_eq!(
        Reference::parse("").unwrap_err().to_string(),
        "repository name must have at least one component"
    );
}

#[test]
fn accessors() {
    let r = Reference::parse_normalized("ubuntu")
        .unwrap()
        .with_default_tag();
    assert_eq!(r.full(), "docker.io/library/ubuntu:latest");
    assert_eq!(r.familiar(), "ubuntu:latest");
    assert_eq!(r.familiar_name(), "ubuntu");
    assert_eq!(r.repo_path(), "library/ubuntu");
    assert_eq!(r.name(), "docker.io/library/ubuntu");
    assert!(r.is_docker_hub());
    let r = Reference::parse_normalized("localhost:5000/app").unwrap();
    assert!(r.is_name_only());
    assert_eq!(r.familiar_name(), "localhost:5000/app");
    assert!(!r.is_docker_hub());
    let t = r.with_tag("v2").unwrap();
    assert_eq!(t.full(), "localhost:5000/app:v2");
    assert_eq!(
        r.with_tag("-x").unwrap_err().to_string(),
        "invalid tag format"
    );
    let d = r.with_digest(REDIS_DIGEST).unwrap();
    assert_eq!(d.full(), format!("localhost:5000/app@{REDIS_DIGEST}"));
    assert_eq!(
        r.with_digest("nope").unwrap_err().to_string(),
        "invalid digest format"
    );
}

#[test]
fn parse_any_reference() {
    assert_eq!(parse_any(HEX64), Ok(AnyRef::Id(format!("sha256:{HEX64}"))));
    assert_eq!(
        parse_any(REDIS_DIGEST),
        Ok(AnyRef::Id(REDIS_DIGEST.to_string()))
    );
    match parse_any("redis").unwrap() {
        AnyRef::Named(r) => assert_eq!(r.full(), "docker.io/library/redis"),
        AnyRef::Id(i) => panic!("unexpected id {i}"),
    }
    // a short hex prefix is a name
    match parse_any("1a3f5e7d9c1b").unwrap() {
        AnyRef::Named(r) => assert_eq!(r.familiar(), "1a3f5e7d9c1b"),
        AnyRef::Id(i) => panic!("unexpected id {i}"),
    }
    assert_eq!(
        parse_any("Ubuntu").unwrap_err().to_string(),
        "invalid reference format: repository name (library/Ubuntu) must be lowercase"
    );
}

#[test]
fn parse_docker_ref() {
    assert_eq!(
        Reference::parse_docker_ref("alpine").unwrap().full(),
        "docker.io/library/alpine:latest"
    );
    assert_eq!(
        Reference::parse_docker_ref("alpine:3.19")
            .unwrap()
            .familiar(),
        "alpine:3.19"
    );
}

#[test]
fn docker_tag_checks() {
    let (src, dst) = parse_tag_args("alpine", "localhost:5000/alpine").unwrap();
    assert!(matches!(src, AnyRef::Named(_)));
    assert_eq!(dst.full(), "localhost:5000/alpine:latest");
    assert_eq!(
        parse_tag_args("alpine", "MyAlpine").unwrap_err().to_string(),
        "Error parsing reference: \"MyAlpine\" is not a valid repository/tag: invalid reference format: repository name (library/MyAlpine) must be lowercase"
    );
    assert_eq!(
        parse_tag_args("Alpine", "x").unwrap_err().to_string(),
        "Error parsing reference: \"Alpine\" is not a valid image reference: invalid reference format: repository name (library/Alpine) must be lowercase"
    );
    assert_eq!(
        parse_tag_args("alpine", &format!("x@{REDIS_DIGEST}"))
            .unwrap_err()
            .to_string(),
        "refusing to create a tag with a digest reference"
    );
}

#[test]
fn familiar_match_for_docker_images_filter() {
    let r = Reference::parse_normalized("ubuntu:22.04").unwrap();
    assert_eq!(familiar_match("ubuntu", &r), Ok(true));
    assert_eq!(familiar_match("ubuntu:22.04", &r), Ok(true));
    assert_eq!(familiar_match("ub*", &r), Ok(true));
    assert_eq!(familiar_match("ubuntu:2*", &r), Ok(true));
    assert_eq!(familiar_match("ubuntu:20*", &r), Ok(false));
    assert_eq!(familiar_match("alpine", &r), Ok(false));
    let r = Reference::parse_normalized("localhost:5000/team/app:v1").unwrap();
    assert_eq!(familiar_match("localhost:5000/team/app", &r), Ok(true));
    assert_eq!(familiar_match("*/app", &r), Ok(false));
    assert_eq!(familiar_match("localhost:5000/*/app", &r), Ok(true));
    assert_eq!(path_match("a?c", "abc"), Ok(true));
    assert_eq!(path_match("a?c", "a/c"), Ok(false));
    assert_eq!(path_match("a[^b]c", "a/c"), Ok(true));
    assert_eq!(path_match("[a-c]x", "bx"), Ok(true));
    assert_eq!(path_match("[^a-c]x", "bx"), Ok(false));
    assert_eq!(path_match("a\\*", "a*"), Ok(true));
    assert_eq!(
        path_match("[", "a").unwrap_err().to_string(),
        "syntax error in pattern"
    );
    assert_eq!(
        path_match("x[", "a").unwrap_err().to_string(),
        "syntax error in pattern"
    );
    assert_eq!(
        path_match("[a-", "a"),
        Err(dockerlings::engine::reference::PatternError)
    );
    assert_eq!(path_match("*x", "ab/x"), Ok(false));
    assert_eq!(path_match("a*b*c", "aXbYbZc"), Ok(true));
    assert_eq!(path_match("*", ""), Ok(true));
    assert_eq!(path_match("", ""), Ok(true));
    // no exponential blow-up
    let p = "a*".repeat(30) + "b";
    assert_eq!(path_match(&p, &"a".repeat(200)), Ok(false));
}

/// `ParseNormalizedNamed` and `path.Match` results recorded by running
/// distribution/reference v0.6.0's regular expressions and normalisation
/// with Go 1.19 on fuzzed inputs (tests/data/go_reference.json).
#[test]
fn fuzzed_inputs_match_go() {
    let g: serde_json::Value =
        serde_json::from_str(include_str!("data/go_reference.json")).expect("golden file");
    let refs = g["references"].as_array().expect("references");
    assert!(refs.len() > 800);
    for c in refs {
        let input = c[0].as_str().expect("input");
        let got = match Reference::parse_normalized(input) {
            Ok(r) => format!(
                "{} | {} | {} | {}",
                r.full(),
                r.familiar(),
                r.domain,
                r.path
            ),
            Err(e) => format!("ERR {e}"),
        };
        assert_eq!(got, c[1].as_str().expect("output"), "{input:?}");
    }
    for c in g["path_match"].as_array().expect("path_match") {
        let (p, n, want) = (
            c[0].as_str().expect("pattern"),
            c[1].as_str().expect("name"),
            c[2].as_str().expect("result"),
        );
        match path_match(p, n) {
            Ok(m) => assert_eq!(m.to_string(), want, "path.Match({p:?}, {n:?})"),
            Err(e) => assert!(
                want.starts_with(&format!("ERR {e}")),
                "path.Match({p:?}, {n:?}): go {want}"
            ),
        }
    }
}
