fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut sb = dockerlings::sandbox::Sandbox::new_script();
    for line in dockerlings::sandbox::script_lines(&text) {
        let p = sb.prompt();
        let r = sb.run_line(&line);
        println!("{p}{line}");
        for (_, c) in &r.output.chunks {
            print!("{c}");
        }
        if r.exit_code != 0 {
            println!("[exit {}]", r.exit_code);
        }
        if let Some(a) = &r.output.action {
            println!("[action {a:?}]");
        }
    }
}
