use dockerlings::sandbox::Sandbox;
#[test]
fn scratch() {
    let mut s = Sandbox::new_script();
    for l in std::env::var("LINES").unwrap_or_default().split(';') {
        let r = s.run_line(l);
        println!("$ {l}");
        for (st, t) in &r.output.chunks {
            print!(
                "{}",
                if matches!(st, dockerlings::userland::Stream::Stderr) {
                    t.lines().map(|x| format!("E| {x}\n")).collect::<String>()
                } else {
                    t.clone()
                }
            );
        }
        println!("[exit {}]", r.exit_code);
    }
}
