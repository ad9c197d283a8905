//! temp
use dockerlings::sandbox::Sandbox;
#[test]
fn perf() {
    let mut sb = Sandbox::new_script();
    // build an image via pull
    let r = sb.run_line("docker pull alpine");
    assert_eq!(r.exit_code, 0, "{r:?}");
    let t = std::time::Instant::now();
    for _ in 0..1000 {
        let r = sb.run_line("docker create alpine");
        assert_eq!(r.exit_code, 0);
    }
    println!("create 1000: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let r = sb.run_line("docker ps -a");
    println!("ps -a: {:?} ({} lines)", t.elapsed(), r.stdout().lines().count());
    let t = std::time::Instant::now();
    let s = sb.save();
    println!("save: {:?} {} bytes", t.elapsed(), s.len());
}
