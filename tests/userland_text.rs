//! The text tools on the host and in containers: the must-shows
//! (awk fields, sed back-references in bash, ubuntu and alpine), bounds on
//! hostile input (huge printf fields, deeply nested regexes, runaway awk
//! loops), and every text program's option table rejecting unknown options.

use dockerlings::sandbox::Sandbox;

fn run(sb: &mut Sandbox, line: &str) -> (String, i32) {
    let r = sb.run_line(line);
    let text: String = r.output.chunks.iter().map(|(_, t)| t.as_str()).collect();
    (text, r.exit_code)
}

fn out(sb: &mut Sandbox, line: &str) -> String {
    run(sb, line).0
}

#[test]
fn awk_and_sed_on_the_host() {
    let mut sb = Sandbox::new_script();
    assert_eq!(out(&mut sb, "echo 'a b' | awk '{print $2}'"), "b\n");
    assert_eq!(out(&mut sb, "echo abc | sed 's/\\(b\\)/[\\1]/'"), "a[b]c\n");
    assert_eq!(out(&mut sb, "seq 5 | sed -n '2,4p'"), "2\n3\n4\n");
    assert_eq!(out(&mut sb, "echo aaa | sed 's/a/b/2'"), "aba\n");
    assert_eq!(
        out(&mut sb, "printf '1\\nx\\n2\\n' | grep -C1 x"),
        "1\nx\n2\n"
    );
    assert_eq!(
        out(&mut sb, "printf 'a\\nb\\n' | xargs -I{} echo 'item {}'"),
        "item a\nitem b\n"
    );
    assert_eq!(
        out(&mut sb, "printf 'a 3\\nb 1\\nc 2\\n' | sort -k2,2n"),
        "b 1\nc 2\na 3\n"
    );
    assert_eq!(
        out(&mut sb, "echo 'ph: 555-1234' | tr -cd '[:digit:]'"),
        "5551234"
    );
}

#[test]
fn awk_and_sed_in_containers() {
    let mut sb = Sandbox::new_script();
    for img in ["ubuntu", "alpine"] {
        let (o, code) = run(
            &mut sb,
            &format!(
                "docker run --rm {img} sh -c \"echo 'a b' | awk '{{print \\$2}}'; echo abc | sed 's/\\(b\\)/[\\1]/'\""
            ),
        );
        assert_eq!(code, 0, "{img}: {o}");
        assert!(o.ends_with("b\na[b]c\n"), "{img}: {o}");
    }
}

#[test]
fn hostile_input_is_bounded() {
    let mut sb = Sandbox::new_script();
    let (o, code) = run(&mut sb, "printf '%4000000000s' x");
    assert_ne!(code, 0);
    assert!(o.contains("not available in this sandbox"), "{o}");
    let (o, _) = run(&mut sb, "printf '%99999999d' 1");
    assert!(o.len() < 1000, "{}", o.len());
    assert_eq!(out(&mut sb, "printf '%.70000f' 1 | wc -c"), "70002\n");
    let deep = format!("{}a{}", "(".repeat(3000), ")".repeat(3000));
    let (o, code) = run(&mut sb, &format!("echo a | grep -E '{deep}'"));
    assert_eq!(
        (o.as_str(), code),
        ("grep: Regular expression too big\n", 2)
    );
    let (_, code) = run(&mut sb, "awk 'BEGIN { while (1) x++ }'");
    assert_ne!(code, 0);
    let (o, code) = run(
        &mut sb,
        "awk 'function f(n) { return f(n+1) } BEGIN { f(1) }'",
    );
    assert_eq!(code, 2, "{o}");
    let (o, code) = run(&mut sb, "awk 'BEGIN { s = \"x\"; while (1) s = s s }'");
    assert_eq!(code, 2, "{o}");
    assert_eq!(out(&mut sb, "echo alive"), "alive\n");
}

#[test]
fn unknown_options_fail_loudly() {
    let mut sb = Sandbox::new_script();
    for (prog, line, code) in [
        ("grep", "grep -Q x", 2),
        ("sed", "sed -Z p", 1),
        ("sort", "sort -Q", 2),
        ("tr", "tr -Q a b", 1),
        ("xargs", "xargs -Q", 1),
        ("cut", "cut -Q", 1),
        ("head", "head -Q", 1),
        ("tail", "tail -Q", 1),
    ] {
        let (o, c) = run(&mut sb, line);
        assert_eq!(c, code, "{line}: {o}");
        assert!(
            o.starts_with(&format!("{prog}: invalid option -- 'Q'"))
                || o.starts_with(&format!("{prog}: invalid option -- 'Z'")),
            "{line}: {o}"
        );
    }
    let (o, c) = run(&mut sb, "awk -Z 1");
    assert_eq!((o.as_str(), c), ("awk: not an option: -Z\n", 2));
    let (o, c) = run(&mut sb, "echo a | grep -P a");
    assert_eq!(
        (o.as_str(), c),
        (
            "dockerlings: grep: the -P option is not available in this sandbox\n",
            2
        )
    );
    let (o, c) = run(&mut sb, "echo a | sed 's/\\(a\\)\\1/x/'");
    assert_eq!(c, 2, "{o}");
    assert!(o.starts_with("dockerlings: sed: back-references"), "{o}");
}
