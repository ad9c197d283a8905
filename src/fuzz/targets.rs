//! The fuzz targets, one per input surface: what each generates, the
//! sandbox it starts from, and how an input is run. Every input goes in
//! through the same doors a learner's does (`Sandbox::run_line`, the editor's
//! save, the lesson parser, loading a saved sandbox), so a crash found here
//! is a crash a learner can cause.

use super::grammar;
use super::mutate::{lesson_files, mutate, transcript_lines};
use super::rng::Rng;
use crate::sandbox::Sandbox;

/// Every target, in the order `dockerlings fuzz` runs them.
pub const TARGETS: &[&str] = &[
    "docker-argv",
    "shell",
    "dockerfile",
    "reference",
    "template",
    "printf",
    "python",
    "lesson",
    "save",
    "daemon-json",
    "registry-api",
    "session",
];

/// One generated input: files to write on the laptop, then lines to type;
/// or, for the parser-only targets, a text.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub files: Vec<(String, String)>,
    pub lines: Vec<String>,
    pub text: Option<String>,
}

impl Input {
    fn lines(lines: Vec<String>) -> Input {
        Input {
            lines,
            ..Input::default()
        }
    }

    /// A reproducible description (files, then the lines as typed).
    pub fn describe(&self) -> String {
        let mut s = String::new();
        for (path, text) in &self.files {
            s += &format!("--- file {path} ({} bytes)\n{}\n", text.len(), clip(text));
        }
        for l in &self.lines {
            s += &format!("$ {}\n", clip(l));
        }
        if let Some(t) = &self.text {
            s += &format!("--- text ({} bytes)\n{}\n", t.len(), clip(t));
        }
        s
    }
}

fn clip(s: &str) -> String {
    if s.len() > 4000 {
        let mut end = 4000;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}… ({} more bytes)", &s[..end], s.len() - end)
    } else {
        s.to_string()
    }
}

/// What a worker keeps between iterations of one target.
pub struct Ctx {
    target: String,
    base: Sandbox,
    corpus: Vec<String>,
    lessons: Vec<String>,
    save: String,
}

impl Ctx {
    /// The start state of `target`: a script-mode sandbox with what its
    /// inputs refer to (a registry on :5000, a running nginx, …).
    pub fn prepare(target: &str) -> Ctx {
        let mut base = Sandbox::new_script();
        let setup: &[&str] = match target {
            "registry-api" | "daemon-json" => &[
                "docker run -d -p 5000:5000 --restart=always --name reg registry:2",
                "docker pull alpine",
                "docker tag alpine localhost:5000/a",
            ],
            "template" => &["docker run -d --name web nginx", "docker pull alpine"],
            "reference" => &["docker pull alpine"],
            "dockerfile" => &["mkdir -p /root/fz", "echo hi > /root/fz/a"],
            "save" => &[
                "docker run -d --name web -p 8080:80 nginx",
                "docker run --name c1 alpine sh -c 'echo hi > /x'",
                "docker network create mynet",
                "docker volume create vol",
            ],
            _ => &[],
        };
        for l in setup {
            base.run_line(l);
        }
        let save = base.save();
        Ctx {
            target: target.to_string(),
            base,
            corpus: transcript_lines(),
            lessons: lesson_files(),
            save,
        }
    }

    /// The input of iteration `iter` under `seed`.
    pub fn input(&self, seed: u64, iter: u64) -> Input {
        let r = &mut Rng::for_iteration(&self.target, seed, iter);
        let corpus = &self.corpus;
        match self.target.as_str() {
            "docker-argv" => {
                let n = 1 + r.below(3);
                Input::lines(
                    (0..n)
                        .map(|_| {
                            if r.chance(1, 3) {
                                let docker: Vec<String> = corpus
                                    .iter()
                                    .filter(|l| l.starts_with("docker"))
                                    .cloned()
                                    .collect();
                                let seed_line = if docker.is_empty() {
                                    grammar::docker(r)
                                } else {
                                    r.pick(&docker).clone()
                                };
                                mutate(r, &seed_line, corpus)
                            } else {
                                grammar::docker(r)
                            }
                        })
                        .collect(),
                )
            }
            "shell" => Input::lines(vec![match r.below(8) {
                0 => grammar::nesting_probe(r),
                1 | 2 => {
                    let l = r.pick(corpus).clone();
                    mutate(r, &l, corpus)
                }
                _ => grammar::command(r, 0),
            }]),
            "dockerfile" => {
                let mut files = vec![("/root/fz/Dockerfile".to_string(), grammar::dockerfile(r))];
                if r.chance(1, 4) {
                    let stars = "*".repeat(1 + r.below(60));
                    files.push((
                        "/root/fz/.dockerignore".into(),
                        format!("{stars}a{stars}b\n!a\n**/x\n"),
                    ));
                }
                let prefix = r.pick(&["", "DOCKER_BUILDKIT=0 ", "DOCKER_BUILDKIT=1 "]);
                let flags = r.pick(&[
                    "",
                    "-q ",
                    "--no-cache ",
                    "--target build ",
                    "--build-arg A=1 ",
                    "-f nosuch ",
                ]);
                Input {
                    files,
                    lines: vec![
                        format!("{prefix}docker build {flags}-t fz /root/fz"),
                        "docker history fz".into(),
                    ],
                    text: None,
                }
            }
            "reference" => {
                let rf = grammar::quote(&grammar::reference(r));
                Input::lines(vec![
                    format!("docker tag alpine {rf}"),
                    format!("docker images --filter reference={rf}"),
                    format!(
                        "docker {} {rf}",
                        r.pick(&["pull", "inspect", "rmi", "push", "history", "run --rm"])
                    ),
                ])
            }
            "template" => {
                let t = grammar::quote(&grammar::template(r, 0));
                Input::lines(vec![match r.below(5) {
                    0 => format!("docker version -f {t}"),
                    1 => format!("docker inspect -f {t} web"),
                    2 => format!("docker ps --format {t}"),
                    3 => format!("docker images --format {t}"),
                    _ => format!("docker info -f {t}"),
                }])
            }
            "printf" => Input::lines(vec![grammar::printf(r)]),
            "python" => {
                let src = grammar::python(r, 0);
                let src = if r.chance(1, 5) {
                    mutate(r, &src, &[])
                } else {
                    src
                };
                Input::lines(vec![format!("python3 -c {}", grammar::quote(&src))])
            }
            "lesson" => {
                let base = if self.lessons.is_empty() {
                    String::from("@lesson x\n")
                } else {
                    r.pick(&self.lessons).clone()
                };
                Input {
                    text: Some(mutate(r, &base, &self.lessons)),
                    ..Input::default()
                }
            }
            "save" => Input {
                text: Some(mutate(r, &self.save, &[])),
                lines: vec!["docker ps -a".into(), "ls /".into()],
                ..Input::default()
            },
            "daemon-json" => Input {
                files: vec![("/etc/docker/daemon.json".into(), grammar::daemon_json(r))],
                lines: vec![
                    "systemctl restart docker".into(),
                    "docker info".into(),
                    "docker push localhost:5000/a".into(),
                    "docker ps".into(),
                ],
                text: None,
            },
            "registry-api" => {
                let method = r.pick(&[
                    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW",
                ]);
                let path = r.pick(&[
                    "/v2/",
                    "/v2/_catalog",
                    "/v2/a/tags/list",
                    "/v2/a/manifests/latest",
                    "/v2/a/blobs/sha256:00",
                    "/v2/a/blobs/uploads/",
                    "/v2/../../etc/passwd",
                    "/v2/a/manifests/sha256:zz",
                    "/v2/%2e%2e/x",
                    "/v2/_catalog?n=-1",
                    "/v2/_catalog?n=99999999999999999999",
                    "/v2/a/tags/list?last=\u{0}",
                ]);
                let body = grammar::quote(r.word(&[
                    "",
                    "{}",
                    "{\"schemaVersion\": 2}",
                    "not json",
                    "[[[[[[[[[[",
                ]));
                Input::lines(vec![format!(
                    "curl -s -i -X {method} -d {body} http://localhost:5000{path}"
                )])
            }
            _ => {
                // session: a few real command lines, some mutated
                let n = 3 + r.below(10);
                Input::lines(
                    (0..n)
                        .map(|_| {
                            let l = r.pick(corpus).clone();
                            if r.chance(1, 3) {
                                mutate(r, &l, corpus)
                            } else {
                                l
                            }
                        })
                        .collect(),
                )
            }
        }
    }

    /// Runs `input`; panics (the crash the driver records) if the sandbox
    /// stops answering afterwards.
    pub fn run(&self, input: &Input) {
        match self.target.as_str() {
            "lesson" => {
                let text = input.text.as_deref().unwrap_or_default();
                let _ = crate::lessons::parse(text);
                let _ = crate::lessons::lint(text);
                return;
            }
            "save" => {
                let text = input.text.as_deref().unwrap_or_default();
                if let Ok(mut sb) = Sandbox::load(text) {
                    for l in &input.lines {
                        sb.run_line(l);
                    }
                    alive(&mut sb);
                }
                return;
            }
            _ => {}
        }
        let mut sb = self.base.clone();
        for (path, text) in &input.files {
            let _ = sb.edit_save(path, text);
        }
        for l in &input.lines {
            sb.run_line(l);
        }
        alive(&mut sb);
    }
}

/// The sandbox still answers after the input: a learner's next command
/// works.
fn alive(sb: &mut Sandbox) {
    // Leave any container shell or second machine the input entered.
    for _ in 0..8 {
        let prompt = sb.prompt();
        if prompt.starts_with("root@laptop") {
            break;
        }
        // A Python REPL leaves with exit(), a shell with exit.
        sb.run_line(if prompt.starts_with(">>>") || prompt.starts_with("...") {
            "exit()"
        } else {
            "exit"
        });
    }
    let r = sb.run_line("echo alive");
    assert!(
        r.stdout().ends_with("alive\n"),
        "the sandbox stopped answering: `echo alive` printed {:?} / {:?} (exit {})",
        r.stdout(),
        r.stderr(),
        r.exit_code
    );
}
