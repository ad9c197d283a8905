//! The engine side of the worker protocol: owns the
//! [`Sandbox`](crate::sandbox::Sandbox) and answers each
//! [`Request`] with [`Response`]s. Pure Rust, so `cargo test` exercises
//! exactly what the worker runs.

use super::protocol::{Request, RequestId, Response};
use crate::sandbox::Sandbox;

/// The sandbox and what it takes to answer the console.
pub struct EngineHost {
    sandbox: Sandbox,
}

impl EngineHost {
    /// Restores `saved`, or starts a fresh live sandbox; returns the host and
    /// its `Ready` message.
    pub fn start(now: i64, seed: u64, saved: Option<&str>) -> (EngineHost, Response) {
        let (sandbox, restored, unreadable) = match saved.map(Sandbox::load) {
            Some(Ok(s)) => (s, true, None),
            Some(Err(e)) => (Sandbox::new_live(now, seed), false, Some(e)),
            None => (Sandbox::new_live(now, seed), false, None),
        };
        let ready = Response::Ready {
            prompt: sandbox.prompt(),
            history: sandbox.history.clone(),
            restored,
            unreadable,
        };
        (EngineHost { sandbox }, ready)
    }

    /// The sandbox (for the lesson checks that run beside it).
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Answers one request. `Hello` is answered by [`EngineHost::start`].
    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Hello { .. } => Response::Failed {
                id: 0,
                error: "the engine has already started".into(),
            },
            Request::Run { id, line, now } => {
                let before = self.sandbox.history.len();
                let result = self.sandbox.run_line_at(&line, now);
                Response::Output {
                    id,
                    output: result.output,
                    exit_code: result.exit_code,
                    prompt: self.sandbox.prompt(),
                    history_len: self.sandbox.history.len(),
                    // Every command can change state (clocks, logs); an
                    // empty line that left no history entry cannot.
                    dirty: !line.trim().is_empty() || self.sandbox.history.len() != before,
                }
            }
            Request::FollowTick {
                id,
                host,
                container,
                mut from,
                now,
            } => {
                let (output, running) = self.sandbox.follow_tick(host, &container, &mut from, now);
                Response::Followed {
                    id,
                    output,
                    running,
                    from,
                }
            }
            Request::FollowInterrupt {
                id,
                host,
                container,
                mut from,
                attached,
                now,
            } => {
                let output = self
                    .sandbox
                    .follow_interrupt(host, &container, attached, &mut from, now);
                Response::Followed {
                    id,
                    output,
                    running: false,
                    from,
                }
            }
            Request::Complete { id, text } => Response::Completions {
                id,
                candidates: self.sandbox.complete(&text),
            },
            Request::EditLoad { id, path } => Response::EditText {
                id,
                result: self.sandbox.edit_load(&path),
            },
            Request::EditSave { id, path, text } => Response::EditSaved {
                id,
                result: self.sandbox.edit_save(&path, &text),
            },
            Request::Export { id } => Response::Saved {
                id,
                saved: self.sandbox.save(),
            },
            Request::Import { id, saved } => match Sandbox::load(&saved) {
                Ok(s) => {
                    self.sandbox = s;
                    Response::Saved { id, saved }
                }
                Err(error) => Response::Failed { id, error },
            },
            Request::ViewModel { id, view, params } => self.view_model(id, &view, &params),
        }
    }

    /// The view-models the views ask for, computed from engine state.
    fn view_model(&self, id: RequestId, view: &str, _params: &str) -> Response {
        let model = match view {
            // The machine the terminal is on and what its daemon holds.
            "host" => {
                let h = self.sandbox.current_host;
                let host = self.sandbox.engine.host(h);
                let containers = &host.daemon.containers.by_id;
                serde_json::json!({
                    "machine": host.name,
                    "containers": containers.len(),
                    "running": containers.values().filter(|c| c.state.is_running()).count(),
                })
            }
            _ => {
                return Response::Failed {
                    id,
                    error: format!("no view-model named {view:?}"),
                }
            }
        };
        Response::ViewModel {
            id,
            view: view.to_string(),
            model: model.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::protocol::{decode, encode};
    use super::*;

    const NOW: i64 = 1_735_689_600_000;

    /// A request through the encoding, as the worker receives it.
    fn ask(host: &mut EngineHost, r: Request) -> Response {
        let r = decode::<Request>(&encode(&r)).expect("decodes");
        decode::<Response>(&encode(&host.handle(r))).expect("decodes")
    }

    #[test]
    fn a_command_runs_and_its_output_comes_back() {
        let (mut host, ready) = EngineHost::start(NOW, 1, None);
        let Response::Ready {
            prompt, restored, ..
        } = ready
        else {
            panic!("{ready:?}")
        };
        assert_eq!(prompt, "root@laptop:~# ");
        assert!(!restored);
        let r = ask(
            &mut host,
            Request::Run {
                id: 3,
                line: "echo hi; ls /nonexistent".into(),
                now: NOW + 1000,
            },
        );
        let Response::Output {
            id,
            output,
            exit_code,
            history_len,
            dirty,
            ..
        } = r
        else {
            panic!("{r:?}")
        };
        assert_eq!((id, exit_code, history_len, dirty), (3, 2, 1, true));
        assert_eq!(output.stdout(), "hi\n");
        assert_eq!(
            output.stderr(),
            "ls: cannot access '/nonexistent': No such file or directory\n"
        );
    }

    #[test]
    fn export_then_start_restores_the_same_sandbox() {
        let (mut host, _) = EngineHost::start(NOW, 1, None);
        ask(
            &mut host,
            Request::Run {
                id: 1,
                line: "echo kept > /root/f".into(),
                now: NOW,
            },
        );
        let Response::Saved { saved, .. } = ask(&mut host, Request::Export { id: 2 }) else {
            panic!()
        };
        let (mut again, ready) = EngineHost::start(NOW, 9, Some(&saved));
        assert!(
            matches!(ready, Response::Ready { restored: true, ref history, .. } if history.len() == 1)
        );
        let Response::Output { output, .. } = ask(
            &mut again,
            Request::Run {
                id: 3,
                line: "cat /root/f".into(),
                now: NOW,
            },
        ) else {
            panic!()
        };
        assert_eq!(output.stdout(), "kept\n");
    }

    #[test]
    fn bad_saves_imports_and_views_fail_with_a_reason() {
        let (mut host, ready) = EngineHost::start(NOW, 1, Some("{not json"));
        assert!(
            matches!(
                ready,
                Response::Ready {
                    restored: false,
                    unreadable: Some(_),
                    ..
                }
            ),
            "{ready:?}"
        );
        let r = ask(
            &mut host,
            Request::Import {
                id: 4,
                saved: "[]".into(),
            },
        );
        assert!(matches!(r, Response::Failed { id: 4, .. }), "{r:?}");
        let r = ask(
            &mut host,
            Request::ViewModel {
                id: 5,
                view: "nope".into(),
                params: "{}".into(),
            },
        );
        assert_eq!(
            r,
            Response::Failed {
                id: 5,
                error: "no view-model named \"nope\"".into()
            }
        );
    }

    #[test]
    fn the_host_view_model_counts_containers() {
        let (mut host, _) = EngineHost::start(NOW, 1, None);
        let r = ask(
            &mut host,
            Request::ViewModel {
                id: 6,
                view: "host".into(),
                params: "{}".into(),
            },
        );
        assert_eq!(
            r,
            Response::ViewModel {
                id: 6,
                view: "host".into(),
                model: r#"{"containers":0,"machine":"laptop","running":0}"#.into()
            }
        );
    }
}
