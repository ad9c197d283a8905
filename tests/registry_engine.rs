//! Registry behaviour beyond transcripts: the interactive login prompts
//! (`Action::Prompt` and the resumed command), the `ssh` action, and
//! registries, credentials and the second host surviving save/load.

use dockerlings::sandbox::Sandbox;
use dockerlings::userland::Action;

fn run(sb: &mut Sandbox, line: &str) -> (String, i32) {
    let r = sb.run_line(line);
    let text: String = r.output.chunks.iter().map(|(_, t)| t.as_str()).collect();
    (text, r.exit_code)
}

#[test]
fn interactive_login_prompts_for_username_then_password() {
    let mut sb = Sandbox::new_script();
    let r = sb.run_line("docker login");
    assert_eq!(
        r.stderr(),
        "Failed to start web-based login - falling back to command line login...\n\n"
    );
    let Some(Action::Prompt {
        label,
        secret,
        resume,
    }) = r.output.action.clone()
    else {
        panic!("expected a prompt, got {:?}", r.output.action);
    };
    assert_eq!(label, "Username: ");
    assert!(!secret);
    let r = sb.run_line(&format!("{resume}learner"));
    let Some(Action::Prompt {
        label,
        secret,
        resume,
    }) = r.output.action.clone()
    else {
        panic!("expected a password prompt");
    };
    assert_eq!(label, "Password: ");
    assert!(secret);
    let r = sb.run_line(&format!("{resume}dockerlings"));
    assert_eq!(r.exit_code, 0);
    assert_eq!(r.stdout(), "Login Succeeded\n");
    // no -p warning for a typed password
    assert!(!r.stderr().contains("--password via the CLI"));
    let (cfg, _) = run(&mut sb, "cat /root/.docker/config.json");
    assert!(cfg.contains("\"https://index.docker.io/v1/\""));
}

#[test]
fn private_registry_login_prompts_without_web_flow() {
    let mut sb = Sandbox::new_script();
    let r = sb.run_line("docker login localhost:5000");
    assert_eq!(r.stderr(), "");
    assert!(matches!(
        r.output.action,
        Some(Action::Prompt { ref resume, .. }) if resume == "docker login localhost:5000 --username="
    ));
    let r = sb.run_line("docker login localhost:5000 -u me -p pw");
    assert_eq!(r.exit_code, 1);
    assert!(r.stderr().ends_with(
        "Error response from daemon: Get \"http://localhost:5000/v2/\": dial tcp [::1]:5000: connect: connection refused\n"
    ));
}

#[test]
fn ssh_action_names_the_host_and_exit_returns() {
    let mut sb = Sandbox::new_script();
    let r = sb.run_line("ssh root@server");
    assert_eq!(
        r.output.action,
        Some(Action::Ssh {
            host: "server".into()
        })
    );
    assert_eq!(sb.prompt(), "root@server:~# ");
    assert_eq!(sb.current_host, 1);
    assert_eq!(run(&mut sb, "hostname").0, "server\n");
    let (text, code) = run(&mut sb, "exit");
    assert_eq!(
        (text.as_str(), code),
        ("logout\nConnection to server closed.\n", 0)
    );
    assert_eq!(sb.current_host, 0);
    assert_eq!(sb.prompt(), "root@laptop:~# ");
    // the server keeps its daemon state between logins
    run(&mut sb, "ssh 192.168.1.20");
    assert_eq!(sb.current_host, 1);
    assert_eq!(sb.engine.hosts.len(), 2);
}

#[test]
fn registries_credentials_and_hosts_survive_save_and_load() {
    let mut sb = Sandbox::new_script();
    run(&mut sb, "docker run -d -p 5000:5000 --name reg registry:2");
    run(&mut sb, "docker pull -q alpine");
    run(&mut sb, "docker tag alpine localhost:5000/a");
    run(&mut sb, "docker tag alpine learner/a");
    run(
        &mut sb,
        "echo dockerlings | docker login -u learner --password-stdin",
    );
    assert_eq!(run(&mut sb, "docker push -q learner/a").1, 0);
    assert_eq!(run(&mut sb, "docker push -q localhost:5000/a").1, 0);
    run(&mut sb, "ssh server");
    let json = sb.save();
    let mut sb2 = Sandbox::load(&json).expect("loads");
    assert_eq!(sb2.current_host, 1);
    let (text, code) = run(&mut sb2, "docker pull -q learner/a");
    assert_eq!((text.as_str(), code), ("docker.io/learner/a:latest\n", 0));
    run(&mut sb2, "exit");
    assert_eq!(
        run(&mut sb2, "curl -s http://localhost:5000/v2/_catalog").0,
        "{\"repositories\":[\"a\"]}\n"
    );
    let (text, _) = run(&mut sb2, "docker push learner/a");
    assert!(text.contains(": Layer already exists\n"), "{text}");
}

#[test]
fn bad_daemon_json_fails_the_restart_and_keeps_the_old_config() {
    let mut sb = Sandbox::new_script();
    run(
        &mut sb,
        "echo '{\"insecure-registries\": [\"192.168.1.10:5000\"]}' > /etc/docker/daemon.json",
    );
    assert_eq!(run(&mut sb, "systemctl restart docker").1, 0);
    assert_eq!(
        sb.engine.hosts[0].daemon.config.insecure_registries,
        vec!["192.168.1.10:5000"]
    );
    run(&mut sb, "echo '{ // comment' > /etc/docker/daemon.json");
    let (text, code) = run(&mut sb, "systemctl restart docker");
    assert_eq!(code, 1);
    assert!(text.starts_with("Job for docker.service failed"));
    assert_eq!(
        sb.engine.hosts[0].daemon.config.insecure_registries,
        vec!["192.168.1.10:5000"]
    );
}
