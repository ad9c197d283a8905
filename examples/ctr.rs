use dockerlings::userland::testing::*;
use dockerlings::userland::*;
fn main() {
    let which = std::env::args().nth(1).unwrap();
    let path = std::env::args().nth(2).unwrap();
    let fs = match which.as_str() {
        "alpine" => alpine_fs(),
        "python" => python_fs(),
        _ => ubuntu_fs(),
    };
    let shell = if which == "alpine" {
        "/bin/sh"
    } else {
        "/bin/bash"
    };
    let mut sys = MemSys::new(fs);
    let ctx = ProcCtx {
        env: vec![
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
            ("HOME".into(), "/root".into()),
        ],
        cwd: "/".into(),
        tty: true,
        interactive: true,
        ..ProcCtx::default()
    };
    let mut out = Output::new();
    let mut s = match spawn(&mut sys, &[shell.to_string()], &ctx, &mut out) {
        Exit::Interactive(s) => *s,
        o => panic!("{o:?}"),
    };
    let text = std::fs::read_to_string(path).unwrap();
    for l in dockerlings::sandbox::script_lines(&text) {
        let mut out = Output::new();
        print!("{}{l}\n", s.shell.prompt("3f4e5a6b7c8d"));
        let r = shell_line(&mut sys, &mut s, &l, &mut out);
        for (_, c) in &out.chunks {
            print!("{c}");
        }
        if s.shell.last != 0 {
            println!("[exit {}]", s.shell.last);
        }
        if let Some(r) = r {
            println!("[shell exited {r}]");
            break;
        }
    }
}
