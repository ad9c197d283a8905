//! The step flow and the feedback on real lessons, natively: a passed step
//! stays shown until "Next", completion is announced once (lesson 4 played
//! to its end, then more commands), a finished step re-opened stays open,
//! known mistakes are diagnosed from the state in both languages, and the
//! start-up listing keeps a heredoc's lines.

use dockerlings::lessons::{self, Lang, Lesson, LessonProgress, StepKind, StepOutcome};
use dockerlings::sandbox::Sandbox;

fn lesson(id: &str) -> Lesson {
    lessons::find(id).unwrap_or_else(|| panic!("no lesson {id}"))
}

/// Runs `cmds`, checking the step after each as the terminal does;
/// returns every outcome that was not `NotYet`.
fn run(sb: &mut Sandbox, p: &mut LessonProgress, l: &Lesson, cmds: &[&str]) -> Vec<StepOutcome> {
    let mut out = Vec::new();
    for c in cmds {
        sb.run_line(c);
        let o = p.after_command(&sb.engine, l, false);
        if o != StepOutcome::NotYet {
            out.push(o);
        }
    }
    out
}

#[test]
fn lesson_4_to_the_end_announces_each_step_once_and_lets_go() {
    let l = lesson("lifecycle");
    let mut sb = Sandbox::new_script();
    let mut p = lessons::begin(&l, &mut sb).unwrap();
    let mut announced = Vec::new();
    for (i, step) in l.steps.iter().enumerate() {
        assert_eq!(p.step, i);
        let StepKind::Task(t) = &step.kind else {
            panic!("lesson 4 has only tasks")
        };
        for c in &t.solution {
            sb.run_line(c);
            match p.after_command(&sb.engine, &l, false) {
                StepOutcome::Completed {
                    done,
                    shown,
                    finished,
                    ..
                } => {
                    // stays on the step just passed
                    assert_eq!((done, shown), (i, i));
                    announced.push((done, finished));
                }
                StepOutcome::NotYet | StepOutcome::Stuck => {}
            }
        }
        assert!(p.is_done(i), "step {} not done by its solution", step.id);
        assert_eq!(p.step, i, "moved on without Next");
        p.next(&sb.engine, &l);
    }
    let last = l.len() - 1;
    let expected: Vec<(usize, bool)> = (0..l.len()).map(|i| (i, i == last)).collect();
    assert_eq!(
        announced, expected,
        "each step once; the lesson once, at the end"
    );
    assert!(p.finished(&l));
    // the final state still holds: nothing more is announced, whatever is typed
    let more = run(
        &mut sb,
        &mut p,
        &l,
        &["docker ps", "docker network ls", "ls"],
    );
    assert_eq!(more, []);
    assert_eq!(p.step, last);
    assert_eq!(p.first_open(&l), None);
    assert!(!p.next(&sb.engine, &l));
    // the next lesson is there to open
    let ids: Vec<String> = lessons::catalog().into_iter().map(|l| l.id).collect();
    let at = ids.iter().position(|i| i == "lifecycle").unwrap();
    assert_eq!(ids[at + 1], "commit");
}

#[test]
fn a_finished_step_reopened_stays_open_while_its_check_holds() {
    let l = lesson("architecture");
    let mut sb = Sandbox::new_script();
    let mut p = lessons::begin(&l, &mut sb).unwrap();
    let hello = l.find_step("hello-world").unwrap();
    p.go_to(&sb.engine, &l, hello);
    let got = run(&mut sb, &mut p, &l, &["docker run hello-world"]);
    assert!(matches!(got[..], [StepOutcome::Completed { done, .. }] if done == hello));
    p.next(&sb.engine, &l);
    p.go_to(&sb.engine, &l, hello);
    let got = run(
        &mut sb,
        &mut p,
        &l,
        &["docker run hello-world", "docker images"],
    );
    assert_eq!(got, []);
    assert_eq!(p.step, hello);
}

#[test]
fn the_ps_step_wants_all_and_says_so() {
    let l = lesson("architecture");
    let mut sb = Sandbox::new_script();
    let mut p = lessons::begin(&l, &mut sb).unwrap();
    let ps = l.find_step("ps").unwrap();
    p.go_to(&sb.engine, &l, ps);
    let task = l.steps[ps].task().unwrap();
    assert_eq!(run(&mut sb, &mut p, &l, &["docker ps"]), []);
    let why = lessons::diagnose(&sb.engine, task, &p.mark, Lang::En);
    assert_eq!(why.len(), 1);
    assert!(why[0].contains("add `-a`"), "{why:?}");
    let got = run(&mut sb, &mut p, &l, &["docker ps -a"]);
    assert!(matches!(got[..], [StepOutcome::Completed { .. }]));
}

#[test]
fn an_exited_c1_is_diagnosed_in_both_languages() {
    let l = lesson("copy-on-write");
    let mut sb = Sandbox::new_script();
    let mut p = lessons::begin(&l, &mut sb).unwrap();
    let task = l.steps[0].task().unwrap();
    let got = run(
        &mut sb,
        &mut p,
        &l,
        &[
            "docker run --name c1 ubuntu bash",
            "docker ps",
            "docker ps -a",
        ],
    );
    // three commands without progress: time to diagnose
    assert_eq!(got, [StepOutcome::Stuck]);
    let en = lessons::diagnose(&sb.engine, task, &p.mark, Lang::En);
    let zh = lessons::diagnose(&sb.engine, task, &p.mark, Lang::Zh);
    assert_eq!(en.len(), 1);
    assert!(en[0].starts_with("c1 exists but has exited"), "{en:?}");
    assert!(zh[0].starts_with("容器 c1 已退出"), "{zh:?}");
}

#[test]
fn a_step_with_no_known_mistake_lists_what_is_missing() {
    let l = lesson("lifecycle");
    let mut sb = Sandbox::new_script();
    let p = lessons::begin(&l, &mut sb).unwrap();
    let task = l.steps[0].task().unwrap();
    let missing = lessons::diagnose(&sb.engine, task, &p.mark, Lang::En);
    assert_eq!(
        missing,
        [
            "No container matches `image=ubuntu` `name=my-container` `status=exited` yet (see `docker ps -a`).",
            "Not there yet: `container_config interactive=true name=my-container tty=true`"
        ]
    );
}

#[test]
fn quiz_answers_name_what_is_wrong() {
    let l = lesson("dockerfile");
    let q = l.steps[l.find_step("update-install").unwrap()]
        .quiz()
        .unwrap();
    let f = lessons::quiz_feedback(q, &[2], Lang::En);
    let md = f.markdown(q, Lang::En);
    assert!(
        md.starts_with("- ✗ **So that `apt-get install` runs as root** — Wrong:"),
        "{md}"
    );
    assert!(md.contains("Right answers not chosen yet: 1."), "{md}");
}

#[test]
fn the_start_up_listing_keeps_heredoc_lines() {
    let l = lesson("publish");
    let listing = lessons::setup_listing(&l);
    assert!(
        listing.contains("\n  cat > ~/greeter/Dockerfile <<'EOF'\n  FROM alpine\n"),
        "{listing}"
    );
    assert!(
        listing.contains("\n  EOF\n  docker build -t greeter ~/greeter"),
        "{listing}"
    );
    assert!(!listing.contains("; "));
}

/// Runs the solutions of every step before `step`, moving on with "Next".
fn play_until(l: &Lesson, step: &str) -> (Sandbox, LessonProgress) {
    let mut sb = Sandbox::new_script();
    let mut p = lessons::begin(l, &mut sb).unwrap();
    let end = l.find_step(step).unwrap();
    for s in &l.steps[..end] {
        if let StepKind::Task(t) = &s.kind {
            for c in &t.solution {
                sb.run_line(c);
            }
        }
        p.next(&sb.engine, l);
    }
    (sb, p)
}

#[test]
fn a_broken_daemon_json_and_a_registry_left_down_are_diagnosed() {
    let l = lesson("private-registry");
    let (mut sb, p) = play_until(&l, "insecure-registries");
    let task = l.steps[p.step].task().unwrap();
    sb.run_line(
        "echo '{\"insecure-registries\": [\"192.168.1.10:5000\"' > /etc/docker/daemon.json",
    );
    let en = lessons::diagnose(&sb.engine, task, &p.mark, Lang::En);
    assert!(en.iter().any(|d| d.contains("is not valid JSON")), "{en:?}");
    let zh = lessons::diagnose(&sb.engine, task, &p.mark, Lang::Zh);
    assert!(zh.iter().any(|d| d.contains("不是合法的 JSON")), "{zh:?}");
    // valid, but the daemon has not read it
    sb.run_line(
        "echo '{\"insecure-registries\": [\"192.168.1.10:5000\"]}' > /etc/docker/daemon.json",
    );
    let en = lessons::diagnose(&sb.engine, task, &p.mark, Lang::En);
    assert_eq!(en.len(), 1, "{en:?}");
    assert!(en[0].contains("has not read it"), "{en:?}");
}

/// What the troubleshooting lesson says the sandbox prints, it prints.
#[test]
fn the_troubleshooting_lesson_quotes_what_the_sandbox_prints() {
    let l = lesson("troubleshooting");
    let mut sb = Sandbox::new_script();
    lessons::begin(&l, &mut sb).unwrap();
    let out = |sb: &mut Sandbox, c: &str| {
        let r = sb.run_line(c);
        format!("{}{}", r.stdout(), r.stderr())
    };
    let ps = out(&mut sb, "docker ps");
    assert!(!ps.contains("shell"), "{ps}");
    assert!(out(&mut sb, "docker ps -a").contains("Exited (0)"));
    assert_eq!(out(&mut sb, "docker logs shell"), "");
    let f = "docker inspect --format '{{.Path}} {{.Config.Tty}} {{.Config.OpenStdin}}' shell";
    assert_eq!(out(&mut sb, f), "/bin/bash false false\n");
    assert_eq!(sb.run_line("docker start shell").exit_code, 0);
    assert!(out(&mut sb, "docker ps -a").contains("Exited (0)"));

    let run = out(&mut sb, "docker run -d --name new-web -p 8080:80 nginx");
    assert!(
        run.contains("Bind for 0.0.0.0:8080 failed: port is already allocated"),
        "{run}"
    );
    let ps = out(&mut sb, "docker ps -a");
    assert!(ps.contains("Created") && ps.contains("new-web"), "{ps}");
    assert!(out(&mut sb, "docker ps").contains("0.0.0.0:8080->80/tcp"));
    let again = out(&mut sb, "docker run -d --name new-web -p 8081:80 nginx");
    assert!(again.contains("Conflict"), "{again}");

    let push = out(&mut sb, "docker push tool:1.0");
    assert!(
        push.contains("The push refers to repository [docker.io/library/tool]")
            && push.contains("denied: requested access to the resource is denied"),
        "{push}"
    );
    assert!(!out(&mut sb, "docker info").contains("Username:"));

    let push = out(&mut sb, "docker push 192.168.1.10:5000/tool:1.0");
    assert!(
        push.contains("http: server gave HTTP response to HTTPS client"),
        "{push}"
    );
    assert!(out(&mut sb, "docker info").contains("127.0.0.0/8"));
    assert_eq!(sb.run_line("systemctl restart docker").exit_code, 0);
    let info = out(&mut sb, "docker info");
    assert!(info.contains("192.168.1.10:5000"), "{info}");
    let push = out(&mut sb, "docker push 192.168.1.10:5000/tool:1.0");
    assert!(push.contains("1.0: digest: sha256:"), "{push}");
}
