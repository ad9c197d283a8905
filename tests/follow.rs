//! Following running output (`Action::Follow`): `docker logs -f` and a
//! foreground `docker run` keep printing as the clock runs in a terminal
//! that follows (the browser); Ctrl+C stops it (and reaches an attached
//! container as SIGINT). Terminals that cannot follow get a note.

use dockerlings::sandbox::Sandbox;
use dockerlings::userland::Action;

fn follow_of(r: &dockerlings::sandbox::CommandResult) -> (usize, String, usize, bool) {
    match r.output.action.clone() {
        Some(Action::Follow {
            host,
            container,
            from,
            attached,
        }) => (host, container, from, attached),
        other => panic!("expected a Follow action, got {other:?}"),
    }
}

#[test]
fn logs_follow_prints_new_lines_as_time_passes_until_ctrl_c() {
    let mut sb = Sandbox::new_script();
    sb.live_follow = true;
    let r = sb.run_line(
        "docker run -d --name loop alpine sh -c 'while true; do echo tick; sleep 1; done'",
    );
    assert_eq!(r.exit_code, 0, "{}", r.stderr());
    let r = sb.run_line("docker logs -f loop");
    assert!(r.stdout().starts_with("tick\n"), "{}", r.stdout());
    let (h, cid, mut from, attached) = follow_of(&r);
    assert!(!attached);
    let now = sb.engine.now();
    let (out, running) = sb.follow_tick(h, &cid, &mut from, now + 3_000);
    assert!(running);
    assert_eq!(out.stdout(), "tick\ntick\ntick\n");
    let out = sb.follow_interrupt(h, &cid, attached, &mut from, now + 3_000);
    assert_eq!(out.stdout(), "");
    // logs -f does not stop the container
    let r = sb.run_line("docker ps --format '{{.Names}} {{.State}}'");
    assert_eq!(r.stdout(), "loop running\n");
}

#[test]
fn foreground_run_follows_and_ctrl_c_stops_the_container() {
    let mut sb = Sandbox::new_script();
    sb.live_follow = true;
    let r = sb.run_line("docker run --name web nginx");
    let (h, cid, mut from, attached) = follow_of(&r);
    assert!(attached);
    let now = sb.engine.now();
    let out = sb.follow_interrupt(h, &cid, attached, &mut from, now + 500);
    let _ = out;
    let r = sb.run_line("docker ps -a --format '{{.Names}} {{.State}}'");
    assert_eq!(r.stdout(), "web exited\n");
}

#[test]
fn script_mode_gets_a_note_instead_of_following() {
    let mut sb = Sandbox::new_script();
    let r = sb.run_line("docker run --name web nginx");
    assert!(r.output.action.is_none());
    assert!(r.stderr().ends_with(
        "dockerlings: the container is still running; detached from it (see `docker logs web`, stop it with `docker stop web`)\n"
    ));
}
