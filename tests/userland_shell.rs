//! The shell grammar on the host's bash: quoting, expansions, control flow,
//! redirections, heredocs, functions, builtins and their errors.

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
fn quoting_and_parameters() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        out(&mut sb, "echo 'a  b' \"c  $HOME\" d\\ e"),
        "a  b c  /root d e\n"
    );
    assert_eq!(
        out(&mut sb, "X=1; echo ${X:-d} ${Y:-d} ${X:+set} ${Y:+set}."),
        "1 d set .\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "F=archive.tar.gz; echo ${F%.gz} ${F%%.*} ${F#*.} ${#F}"
        ),
        "archive.tar archive tar.gz 14\n"
    );
    assert_eq!(
        out(&mut sb, "echo $((3 + 4 * 2)) $((10 / 3)) $((7 % 4))"),
        "11 3 3\n"
    );
    assert_eq!(
        out(&mut sb, "echo $(echo inner) `echo back`"),
        "inner back\n"
    );
    assert_eq!(out(&mut sb, "false; echo $?; true; echo $?"), "1\n0\n");
    assert_eq!(out(&mut sb, "echo $$"), "1290\n");
    assert_eq!(
        out(&mut sb, "A=\"x y\"; for w in $A; do echo [$w]; done"),
        "[x]\n[y]\n"
    );
    assert_eq!(
        out(&mut sb, "A=\"x y\"; for w in \"$A\"; do echo [$w]; done"),
        "[x y]\n"
    );
    assert_eq!(out(&mut sb, "echo ${UNSET?oops}"), "bash: UNSET: oops\n");
}

#[test]
fn lists_pipes_and_control_flow() {
    let mut sb = Sandbox::new_script();
    assert_eq!(out(&mut sb, "true && echo yes || echo no"), "yes\n");
    assert_eq!(out(&mut sb, "false && echo yes || echo no"), "no\n");
    assert_eq!(
        out(&mut sb, "printf 'b\\na\\nb\\n' | sort | uniq -c"),
        "      1 a\n      2 b\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "for i in 1 2 3; do if [ $i -eq 2 ]; then continue; fi; echo $i; done"
        ),
        "1\n3\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo $n"
        ),
        "3\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "n=5; until [ $n -le 2 ]; do n=$((n-1)); done; echo $n"
        ),
        "2\n"
    );
    assert_eq!(
        out(&mut sb, "for x in apple kiwi 7; do case $x in a*) echo A;; [0-9]) echo N;; *) echo other;; esac; done"),
        "A\nother\nN\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "if false; then echo 1; elif true; then echo 2; else echo 3; fi"
        ),
        "2\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "greet() { echo \"hi $1 ($#)\"; return 4; }; greet bob x; echo $?"
        ),
        "hi bob (2)\n4\n"
    );
    assert_eq!(
        out(&mut sb, "f() { local v=in; echo $v; }; v=out; f; echo $v"),
        "in\nout\n"
    );
    assert_eq!(out(&mut sb, "(cd /tmp; pwd); pwd"), "/tmp\n/root\n");
    assert_eq!(out(&mut sb, "! false; echo $?"), "0\n");
}

#[test]
fn redirections_and_heredocs() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        out(&mut sb, "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f"),
        "one\ntwo\n"
    );
    assert_eq!(out(&mut sb, "ls /nope 2>/dev/null; echo $?"), "2\n");
    assert_eq!(
        out(&mut sb, "ls /nope > /tmp/e 2>&1; cat /tmp/e"),
        "ls: cannot access '/nope': No such file or directory\n"
    );
    assert_eq!(out(&mut sb, "wc -l < /tmp/f"), "2\n");
    assert_eq!(
        out(&mut sb, "echo x > /nodir/f"),
        "bash: /nodir/f: No such file or directory\n"
    );
    assert_eq!(run(&mut sb, "echo x > /nodir/f").1, 1);
    assert_eq!(
        out(&mut sb, "N=5\ncat <<EOF\nn=$N $(echo sub)\nEOF"),
        "n=5 sub\n"
    );
    assert_eq!(out(&mut sb, "cat <<'EOF'\nn=$N\nEOF"), "n=$N\n");
    assert_eq!(out(&mut sb, "cat <<-EOF\n\tindented\n\tEOF"), "indented\n");
    assert_eq!(
        out(
            &mut sb,
            "cat > Dockerfile <<'EOF'\nFROM alpine\nRUN echo $HOME\nEOF\ncat Dockerfile"
        ),
        "FROM alpine\nRUN echo $HOME\n"
    );
    assert_eq!(out(&mut sb, "cat <<< 'here string'"), "here string\n");
}

#[test]
fn builtins_and_errors() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        run(&mut sb, "nosuch"),
        ("bash: nosuch: command not found\n".into(), 127)
    );
    assert_eq!(
        run(&mut sb, "./nosuch"),
        ("bash: ./nosuch: No such file or directory\n".into(), 127)
    );
    assert_eq!(
        run(&mut sb, "/tmp"),
        ("bash: /tmp: Is a directory\n".into(), 126)
    );
    assert_eq!(
        run(&mut sb, "cd /nope"),
        ("bash: cd: /nope: No such file or directory\n".into(), 1)
    );
    assert_eq!(out(&mut sb, "cd /etc; cd -; pwd"), "/root\n/root\n");
    assert_eq!(out(&mut sb, "cd /tmp; pwd; cd; pwd"), "/tmp\n/root\n");
    assert_eq!(
        out(&mut sb, "export GREETING=hi; env | grep GREETING"),
        "GREETING=hi\n"
    );
    assert_eq!(out(&mut sb, "unset GREETING; echo [$GREETING]"), "[]\n");
    assert_eq!(
        run(&mut sb, "echo )"),
        (
            "bash: syntax error near unexpected token `)'\nbash: `echo )'\n".into(),
            2
        )
    );
    assert_eq!(
        run(&mut sb, "if true; then echo"),
        ("bash: syntax error: unexpected end of file\n".into(), 2)
    );
    assert_eq!(run(&mut sb, "sh -c 'exit 3'").1, 3);
    assert_eq!(out(&mut sb, "sh -c 'nosuch'"), "sh: 1: nosuch: not found\n");
    assert_eq!(
        out(&mut sb, "bash -c 'nosuch'"),
        "bash: line 1: nosuch: command not found\n"
    );
    assert_eq!(
        out(&mut sb, "sh -c 'set -e; false; echo never'; echo $?"),
        "1\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "echo 'echo sourced $1' > /tmp/s.sh; . /tmp/s.sh; source /tmp/s.sh"
        ),
        "sourced\nsourced\n"
    );
    assert_eq!(out(&mut sb, "printf '#!/bin/sh\\necho script $0 $1\\n' > /tmp/x.sh; chmod +x /tmp/x.sh; /tmp/x.sh arg"), "script /tmp/x.sh arg\n");
    assert_eq!(
        out(&mut sb, "type cd ls if"),
        "cd is a shell builtin\nls is /usr/bin/ls\nif is a shell keyword\n"
    );
    assert_eq!(out(&mut sb, "exit"), "");
    assert_eq!(sb.prompt(), "root@laptop:~# ");
    run(&mut sb, "cd /etc/docker");
    assert_eq!(sb.prompt(), "root@laptop:/etc/docker# ");
}

#[test]
fn globs_and_history() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        out(
            &mut sb,
            "mkdir /tmp/g; cd /tmp/g; touch a.txt b.txt c.log; echo *.txt; echo *.none"
        ),
        "a.txt b.txt\n*.none\n"
    );
    assert_eq!(out(&mut sb, "echo '*.txt' \"*\""), "*.txt *\n");
    assert_eq!(out(&mut sb, "echo ?.log"), "c.log\n");
    let (h, _) = run(&mut sb, "history");
    assert_eq!(
        h,
        "    1  mkdir /tmp/g; cd /tmp/g; touch a.txt b.txt c.log; echo *.txt; echo *.none\n    2  echo '*.txt' \"*\"\n    3  echo ?.log\n    4  history\n"
    );
}

#[test]
fn budgets_stop_endless_commands() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        run(&mut sb, "while true; do :; done"),
        (
            "dockerlings: command stopped after 100000 steps: it looks like an endless loop\n"
                .into(),
            130
        )
    );
    let (t, code) = run(&mut sb, "yes");
    assert_eq!(code, 130);
    assert!(t.ends_with("y\ndockerlings: command stopped: it printed more than 256 KiB\n"));
    assert_eq!(out(&mut sb, "yes | head -n 2"), "y\ny\n");
    assert_eq!(out(&mut sb, "echo still here"), "still here\n");
}

#[test]
fn host_completion_prompt_and_editor() {
    let mut sb = Sandbox::new_script();
    assert_eq!(sb.complete("dock"), vec!["docker".to_string()]);
    assert_eq!(sb.complete("cat ap"), vec!["app/".to_string()]);
    assert_eq!(
        sb.complete("cat app/re"),
        vec!["app/requirements.txt".to_string()]
    );
    assert_eq!(sb.complete("cd net"), vec!["netcoretest/".to_string()]);
    let r = sb.run_line("vim /etc/docker/daemon.json");
    assert_eq!(
        r.output.action,
        Some(dockerlings::userland::Action::Edit {
            path: "/etc/docker/daemon.json".into(),
            editor: "vim".into()
        })
    );
    assert_eq!(sb.edit_load("/etc/docker/daemon.json").unwrap(), "{\n}\n");
    sb.edit_save(
        "/etc/docker/daemon.json",
        "{\n  \"insecure-registries\": [\"192.168.1.10:5000\"]\n}\n",
    )
    .unwrap();
    assert_eq!(
        out(&mut sb, "cat /etc/docker/daemon.json"),
        "{\n  \"insecure-registries\": [\"192.168.1.10:5000\"]\n}\n"
    );
    assert_eq!(run(&mut sb, "systemctl restart docker"), (String::new(), 0));
    assert_eq!(run(&mut sb, "service docker restart"), (String::new(), 0));
    sb.edit_save("/etc/docker/daemon.json", "{ broken").unwrap();
    assert_eq!(
        run(&mut sb, "systemctl restart docker"),
        ("Job for docker.service failed because the control process exited with error code.\nSee \"systemctl status docker.service\" and \"journalctl -xeu docker.service\" for details.\n".into(), 1)
    );
    assert_eq!(out(&mut sb, "nano notes.txt; echo $?"), "0\n");
    assert_eq!(sb.edit_load("/root/notes.txt").unwrap(), "");
}

#[test]
fn curl_and_the_network_from_the_host() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        run(&mut sb, "curl http://localhost:8080/"),
        ("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n".into(), 7)
    );
    assert_eq!(run(&mut sb, "curl -s http://localhost:8080/").1, 7);
    assert_eq!(
        run(&mut sb, "curl http://nosuchhost/"),
        ("curl: (6) Could not resolve host: nosuchhost\n".into(), 6)
    );
    assert_eq!(
        out(&mut sb, "ping -c 2 192.168.1.10"),
        "PING 192.168.1.10 (192.168.1.10) 56(84) bytes of data.\n64 bytes from 192.168.1.10: icmp_seq=1 ttl=64 time=0.051 ms\n64 bytes from 192.168.1.10: icmp_seq=2 ttl=64 time=0.088 ms\n\n--- 192.168.1.10 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1002ms\nrtt min/avg/max/mdev = 0.051/0.069/0.088/0.018 ms\n"
    );
    let ip = out(&mut sb, "ip addr");
    assert!(ip.contains("    inet 192.168.1.10/24 brd 192.168.1.255 scope global dynamic eth0\n"));
    assert!(ip.contains("3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP>"));
}

#[test]
fn shell_state_survives_save_and_load() {
    let mut sb = Sandbox::new_script();
    run(&mut sb, "cd /tmp; export KEEP=1; greet() { echo hi $1; }");
    let json = sb.save();
    let mut sb = Sandbox::load(&json).unwrap();
    assert_eq!(
        out(&mut sb, "pwd; echo $KEEP; greet you"),
        "/tmp\n1\nhi you\n"
    );
    assert_eq!(sb.prompt(), "root@laptop:/tmp# ");
}

/// Runs `script` as `bash -c` in the sandbox: (stdout+stderr, exit).
fn bash_c(sb: &mut Sandbox, script: &str) -> (String, i32) {
    run(sb, &format!("bash -c '{}'", script.replace('\'', "'\\''")))
}

/// Runs `f` on a thread with an 8 MiB stack: debug builds use several
/// times the stack of the release wasm build per shell level.
fn big_stack(f: fn()) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn recursion_and_fork_bombs_end_with_an_error_and_the_sandbox_goes_on() {
    big_stack(recursion_and_fork_bombs);
}

fn recursion_and_fork_bombs() {
    let mut sb = Sandbox::new_script();
    let (text, code) = run(&mut sb, "f(){ f; }; f");
    assert_eq!(
        text,
        "bash: f: maximum function nesting level exceeded (100)\n"
    );
    assert_eq!(code, 1);
    assert_eq!(out(&mut sb, "echo alive"), "alive\n");
    let (text, code) = run(&mut sb, "f(){ f | f & }; f");
    assert!(
        text.contains("maximum function nesting level exceeded"),
        "{text}"
    );
    assert_ne!(code, 0);
    assert_eq!(out(&mut sb, "echo alive"), "alive\n");
    // inside bash -c: the rest of that line is abandoned, later lines run
    assert_eq!(
        bash_c(&mut sb, "FUNCNEST=5; f(){ f; }; f; echo same\necho next $?"),
        (
            "bash: line 1: f: maximum function nesting level exceeded (5)\nnext 1\n".into(),
            0
        )
    );
    let (text, code) = run(&mut sb, "x='eval \"$x\"'; eval \"$x\"");
    assert!(
        text.contains("dockerlings: bash: commands nested more than"),
        "{text}"
    );
    assert_ne!(code, 0);
    let (text, _) = run(&mut sb, "f(){ echo $(f); }; f");
    assert!(text.contains("nest"), "{text}");
    assert_eq!(out(&mut sb, "echo alive"), "alive\n");
}

#[test]
fn deep_nesting_in_the_parser_and_long_chains_do_not_overflow() {
    big_stack(deep_nesting);
}

fn deep_nesting() {
    let mut sb = Sandbox::new_script();
    let deep = format!("{}echo x{}", "( ".repeat(5000), " )".repeat(5000));
    let (text, code) = run(&mut sb, &deep);
    assert!(
        text.starts_with("dockerlings: bash: commands nested more than 100 levels deep"),
        "{text}"
    );
    assert_eq!(code, 2);
    let param = format!("echo {}x{}", "${x:-".repeat(5000), "}".repeat(5000));
    assert_eq!(run(&mut sb, &param).1, 2);
    let arith = format!("echo $(({}1{}))", "(".repeat(5000), ")".repeat(5000));
    let (text, code) = run(&mut sb, &arith);
    assert!(
        text.contains("expression recursion level exceeded"),
        "{text}"
    );
    assert_eq!(code, 1);
    let chain = format!("true{}; echo done", " && true".repeat(900));
    assert_eq!(out(&mut sb, &chain), "done\n");
    let chain = format!("true{}; echo done", " && true".repeat(20000));
    assert_eq!(run(&mut sb, &chain).1, 2);
    assert_eq!(out(&mut sb, "echo alive"), "alive\n");
}

#[test]
fn exit_statuses_traps_and_getopts() {
    let mut sb = Sandbox::new_script();
    assert_eq!(out(&mut sb, "(exit 7); echo $?"), "7\n");
    assert_eq!(
        bash_c(&mut sb, "trap 'echo bye' EXIT; echo hi; exit 3"),
        ("hi\nbye\n".into(), 3)
    );
    assert_eq!(
        bash_c(&mut sb, "(trap 'echo sub' EXIT; echo in); echo out"),
        ("in\nsub\nout\n".into(), 0)
    );
    assert_eq!(
        bash_c(&mut sb, "trap 'echo err $?' ERR; false; echo next"),
        ("err 1\nnext\n".into(), 0)
    );
    assert_eq!(
        bash_c(&mut sb, "set -- -a -b x c; while getopts ab: o; do echo \"$o ${OPTARG-none} $OPTIND\"; done; echo $OPTIND"),
        ("a none 2\nb x 4\n4\n".into(), 0)
    );
    assert_eq!(
        bash_c(&mut sb, "echo a\nif then fi\necho b"),
        (
            "a\nbash: -c: line 2: syntax error near unexpected token `then'\nbash: -c: line 2: `if then fi'\n".into(),
            2
        )
    );
    run(&mut sb, "docker pull -q ubuntu");
    assert_eq!(
        run(&mut sb, "docker run --rm ubuntu sh -c 'if then fi'"),
        ("sh: 1: Syntax error: \"then\" unexpected\n".into(), 2)
    );
}

#[test]
fn growing_values_and_globs_stay_bounded() {
    big_stack(growing_values);
}

fn growing_values() {
    let mut sb = Sandbox::new_script();
    let (text, code) = run(
        &mut sb,
        "x=a; for i in $(seq 1 40); do x=$x$x; done; echo ${#x}",
    );
    assert!(
        text.starts_with(
            "dockerlings: bash: values longer than 16 MiB are not available in this sandbox"
        ),
        "{text}"
    );
    assert_eq!(code, 1);
    let (text, code) = run(
        &mut sb,
        "a=(x); for i in $(seq 1 40); do a=(\"${a[@]}\" \"${a[@]}\"); done",
    );
    assert!(text.contains("more than 1048576 words"), "{text}");
    assert_eq!(code, 1);
    let (text, _) = run(&mut sb, "echo {1..10000000}");
    assert!(text.contains("brace expansions of more than"), "{text}");
    let stars = format!(
        "case {} in {}b) echo yes;; *) echo no;; esac",
        "a".repeat(5000),
        "a*".repeat(60)
    );
    assert_eq!(out(&mut sb, &stars), "no\n");
    assert_eq!(out(&mut sb, "echo alive"), "alive\n");
}

#[test]
fn bash_features_answer_like_bash() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        out(&mut sb, "echo {1..3} {a,b}{x,y} $((2**10))"),
        "1 2 3 ax ay bx by 1024\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "a=(one two); a+=(three); echo ${#a[@]} ${a[-1]} ${!a[@]}"
        ),
        "3 three 0 1 2\n"
    );
    assert_eq!(
        out(
            &mut sb,
            "[[ abc123 =~ ^([a-z]+)([0-9]+)$ ]] && echo ${BASH_REMATCH[2]}"
        ),
        "123\n"
    );
    assert_eq!(
        out(&mut sb, "for ((i=0; i<3; i++)); do echo -n $i; done; echo"),
        "012\n"
    );
    assert_eq!(
        out(&mut sb, "s=Hello; echo ${s^^} ${s,,} ${s/l/L} ${s//l/L}"),
        "HELLO hello HeLlo HeLLo\n"
    );
    run(&mut sb, "docker pull -q alpine");
    assert_eq!(
        run(&mut sb, "docker run --rm alpine sh -c 'echo {1..3}'"),
        ("{1..3}\n".into(), 0)
    );
    assert_eq!(
        run(&mut sb, "docker run --rm ubuntu sh -c 'echo {1..3}'")
            .0
            .lines()
            .last(),
        Some("{1..3}")
    );
    assert_eq!(
        run(&mut sb, "docker run --rm ubuntu bash -c 'echo {1..3}'")
            .0
            .lines()
            .last(),
        Some("1 2 3")
    );
}
