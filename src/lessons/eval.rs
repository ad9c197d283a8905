//! Evaluates a [`Check`] against the engine's state. Never looks at what
//! the learner typed: only images, containers, registries, files and the
//! daemon's record of API requests (since the step began, see [`Mark`]).

use super::check::{parse_ranges, parse_size, Check, Predicate};
use super::state;
use crate::engine::container::Container;
use crate::engine::fs::{path, Entry, UnionFs};
use crate::engine::{Engine, Host};
use serde::{Deserialize, Serialize};

/// Where a step began: how many API calls each host's daemon had received,
/// so `api_called` only counts requests made during the step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub api_totals: Vec<u64>,
}

impl Mark {
    /// The engine's state now.
    pub fn now(engine: &Engine) -> Mark {
        Mark {
            api_totals: engine.hosts.iter().map(|h| h.daemon.api.total).collect(),
        }
    }
}

/// Whether `check` holds, counting every API request ever made.
pub fn check(engine: &Engine, check: &Check) -> bool {
    check_since(engine, check, &Mark::default())
}

/// Whether `check` holds, counting API requests made after `mark`.
pub fn check_since(engine: &Engine, c: &Check, mark: &Mark) -> bool {
    match c {
        Check::All(v) => v.iter().all(|c| check_since(engine, c, mark)),
        Check::Any(v) => v.iter().any(|c| check_since(engine, c, mark)),
        Check::Not(c) => !check_since(engine, c, mark),
        Check::Pred(p) => predicate(engine, p, mark),
    }
}

fn predicate(engine: &Engine, p: &Predicate, mark: &Mark) -> bool {
    let registry_level = matches!(p.name.as_str(), "registry_has" | "host_exists");
    if registry_level {
        return match p.name.as_str() {
            "registry_has" => state::registry_has(
                engine,
                p.arg(0).unwrap_or(""),
                p.arg(1).unwrap_or(""),
                p.arg(2),
            ),
            _ => engine
                .hosts
                .iter()
                .any(|h| Some(h.name.as_str()) == p.arg(0)),
        };
    }
    let Some((hid, h)) = state::host(engine, p.opt("host")) else {
        return false;
    };
    let images = &h.daemon.images;
    let img = |i: usize| p.arg(i).and_then(|r| state::image(images, r));
    let a = |i: usize| p.arg(i).unwrap_or("");
    match p.name.as_str() {
        "image_exists" => img(0).is_some(),
        "image_has_file" => img(0).is_some_and(|i| {
            UnionFs::new(images.layers_of(&i.id))
                .lookup(&abs(a(1)))
                .is_some()
        }),
        "image_file_contains" => img(0).is_some_and(|i| {
            UnionFs::new(images.layers_of(&i.id))
                .read(&abs(a(1)))
                .is_ok_and(|b| String::from_utf8_lossy(&b).contains(a(2)))
        }),
        "image_top_layer_contains" => img(0).is_some_and(|i| {
            images
                .layers_of(&i.id)
                .last()
                .and_then(|l| l.get(&abs(a(1))).cloned())
                .is_some_and(|e| !matches!(e, Entry::Whiteout))
        }),
        "image_layer_count" => {
            img(0).is_some_and(|i| within(i.config.rootfs.diff_ids.len() as u64, p, 1))
        }
        "image_layers_shared" => match (img(0), img(1)) {
            (Some(x), Some(y)) => {
                let shared = x
                    .config
                    .rootfs
                    .diff_ids
                    .iter()
                    .filter(|d| y.config.rootfs.diff_ids.contains(d))
                    .count() as u64;
                shared >= p.opt("min").and_then(|m| m.parse().ok()).unwrap_or(1)
            }
            _ => false,
        },
        "image_size" => img(0).is_some_and(|i| {
            let s = images.size_of(&i.id);
            p.opt("min").and_then(parse_size).is_none_or(|m| s >= m)
                && p.opt("max").and_then(parse_size).is_none_or(|m| s <= m)
        }),
        "image_smaller_than" => match (img(0), img(1)) {
            (Some(x), Some(y)) => images.size_of(&x.id) < images.size_of(&y.id),
            _ => false,
        },
        "image_history_has" => img(0).is_some_and(|i| {
            i.config
                .history
                .iter()
                .any(|e| e.created_by.contains(a(1)) || e.comment.contains(a(1)))
        }),
        "image_author" => img(0).is_some_and(|i| i.config.author == a(1)),
        "image_config" => img(0).is_some_and(|i| {
            let c = &i.config.config;
            let joined =
                |v: &Option<Vec<String>>| v.as_ref().map(|v| v.join(" ")).unwrap_or_default();
            p.opts.iter().all(|(k, v)| match k.as_str() {
                "host" => true,
                "cmd" => joined(&c.cmd).contains(v.as_str()),
                "entrypoint" => joined(&c.entrypoint).contains(v.as_str()),
                "workdir" => c.working_dir == *v,
                "user" => c.user == *v,
                "env" => c
                    .env
                    .iter()
                    .any(|e| e == v || e.starts_with(&format!("{v}="))),
                "expose" => c
                    .exposed_ports
                    .keys()
                    .any(|k| k == v || k.starts_with(&format!("{v}/"))),
                _ => false,
            })
        }),
        "image_count" => within(images.images.len() as u64, p, 0),
        "container_exists" => containers(h, p).next().is_some(),
        "container_count" => within(containers(h, p).count() as u64, p, 1),
        "container_has_file" => containers(h, p).any(|c| c.fs.lookup(&abs(a(0))).is_some()),
        "container_file_contains" => containers(h, p).any(|c| {
            c.fs.read(&abs(a(0)))
                .is_ok_and(|b| String::from_utf8_lossy(&b).contains(a(1)))
        }),
        "container_diff_has" => containers(h, p).any(|c| {
            let want = abs(a(1));
            c.fs.diff()
                .iter()
                .any(|ch| ch.path == want && a(0).starts_with(ch.kind.letter()))
        }),
        "container_logs_contain" => containers(h, p).any(|c| {
            let all: String = c.logs.iter().map(|l| l.text.as_str()).collect();
            all.contains(a(0))
        }),
        "container_limits" => containers(h, p).any(|c| {
            let (cpus, mem) = state::limits(c);
            p.opt("cpus").is_none_or(|want| {
                want.parse::<f64>()
                    .ok()
                    .zip(cpus)
                    .is_some_and(|(w, g)| (w - g).abs() < 1e-9)
            }) && p
                .opt("memory")
                .is_none_or(|want| parse_size(want).is_some_and(|w| mem == Some(w)))
        }),
        "container_config" => containers(h, p).any(|c| {
            let flag = |k: &str, v: bool| {
                p.opt(k)
                    .is_none_or(|w| w == if v { "true" } else { "false" })
            };
            let command = std::iter::once(c.path.as_str())
                .chain(c.args.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            flag("tty", c.tty)
                && flag("interactive", c.open_stdin)
                && p.opt("restart")
                    .is_none_or(|w| c.host_config.restart_policy.name == w)
                && p.opt("cmd").is_none_or(|w| command.contains(w))
        }),
        "container_network" => {
            containers(h, p).any(|c| state::networks(c).iter().any(|n| n == a(0)))
        }
        "port_published" => containers(h, p).any(|c| {
            state::published_ports(c).iter().any(|(hp, cp)| {
                a(0).parse() == Ok(*hp) && p.arg(1).is_none_or(|want| want.parse() == Ok(*cp))
            })
        }),
        "network_exists" => h.daemon.networks.by_id.values().any(|n| n.name == a(0)),
        "volume_exists" => h.daemon.volumes.by_name.contains_key(a(0)),
        "api_called" => {
            let since = mark.api_totals.get(hid).copied().unwrap_or(0);
            let (want_path, want_query) = a(1).split_once('?').unwrap_or((a(1), ""));
            h.daemon.api.since(since).iter().any(|call| {
                let (path, query) = call.path.split_once('?').unwrap_or((&call.path, ""));
                call.method == a(0)
                    && glob(want_path, path)
                    && want_query
                        .split('&')
                        .filter(|q| !q.is_empty())
                        .all(|q| query.split('&').any(|have| have == q))
            })
        }
        "insecure_registry" => state::insecure_registries(h).iter().any(|r| r == a(0)),
        "logged_in" => {
            let want = match a(0) {
                "docker.io" | "index.docker.io" | "" => "index.docker.io",
                other => other,
            };
            state::logins(h).iter().any(|k| {
                let k = k
                    .trim_start_matches("https://")
                    .trim_start_matches("http://");
                k == want || k.split('/').next() == Some(want)
            })
        }
        "last_build" => state::last_build(h).is_some_and(|b| {
            let has = |set: &[usize], key: &str| {
                p.opt(key)
                    .and_then(parse_ranges)
                    .is_none_or(|want| want.iter().all(|n| set.contains(n)))
            };
            p.opt("status").is_none_or(|s| (s == "ok") == b.ok)
                && has(&b.cached, "cached")
                && has(&b.rebuilt, "rebuilt")
                && p.opt("tag").is_none_or(|t| {
                    b.tags
                        .iter()
                        .any(|x| state::normalize(x) == state::normalize(t))
                })
        }),
        "file_exists" => h.fs.lookup(&host_path(a(0))).is_some(),
        "file_is_json" => {
            h.fs.read(&host_path(a(0)))
                .is_ok_and(|b| serde_json::from_slice::<serde_json::Value>(&b).is_ok())
        }
        "file_contains" => {
            h.fs.read(&host_path(a(0)))
                .is_ok_and(|b| String::from_utf8_lossy(&b).contains(a(1)))
        }
        _ => false,
    }
}

/// Containers of host `h` matching the `name=`, `image=`, `status=` options.
fn containers<'a>(h: &'a Host, p: &'a Predicate) -> impl Iterator<Item = &'a Container> + 'a {
    h.daemon.containers.by_id.values().filter(move |c| {
        p.opt("name")
            .is_none_or(|n| c.name == n.trim_start_matches('/'))
            && p.opt("status").is_none_or(|s| c.state.status.as_str() == s)
            && p.opt("image")
                .is_none_or(|r| state::container_from(&h.daemon.images, c, r))
    })
}

/// `n` within `min=` (default `default_min`) and `max=`.
fn within(n: u64, p: &Predicate, default_min: u64) -> bool {
    let min = p
        .opt("min")
        .and_then(|m| m.parse().ok())
        .unwrap_or(default_min);
    let max = p
        .opt("max")
        .and_then(|m| m.parse().ok())
        .unwrap_or(u64::MAX);
    n >= min && n <= max
}

fn abs(p: &str) -> String {
    path::normalize(p)
}

/// A host path, with `~` for the learner's home.
fn host_path(p: &str) -> String {
    match p.strip_prefix('~') {
        Some(rest) => path::normalize(&format!("{}/{}", state::HOME, rest)),
        None => path::normalize(p),
    }
}

/// Matches `path` against `pattern`, where `*` stands for any run of
/// characters (image names in API paths may hold `/`).
pub fn glob(pattern: &str, path: &str) -> bool {
    let pat: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = path.chars().collect();
    fn go(p: &[char], s: &[char]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some('*') => {
                let mut i = 0;
                loop {
                    if go(&p[1..], &s[i..]) {
                        return true;
                    }
                    if i >= s.len() {
                        return false;
                    }
                    i += 1;
                }
            }
            Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..]),
        }
    }
    go(&pat, &s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_within_segments() {
        assert!(glob("/containers/*/logs", "/containers/abc123/logs"));
        assert!(glob(
            "/images/*/history",
            "/images/hzz/myubuntu:1.1/history"
        ));
        assert!(!glob("/containers/*/logs", "/containers/a/b/log"));
        assert!(glob("/version", "/version"));
        assert!(!glob("/version", "/versions"));
        assert!(glob("/images/*", "/images/json"));
    }

    #[test]
    fn normalizes_like_distribution_reference() {
        assert_eq!(
            state::normalize("ubuntu"),
            "docker.io/library/ubuntu:latest"
        );
        assert_eq!(
            state::normalize("hzz/myubuntu:1.1"),
            "docker.io/hzz/myubuntu:1.1"
        );
        assert_eq!(
            state::normalize("localhost:5000/hzzubuntu:1.2"),
            "localhost:5000/hzzubuntu:1.2"
        );
        assert_eq!(
            state::normalize("registry.cn-hangzhou.aliyuncs.com/huazaizai/myubuntu:1.1"),
            "registry.cn-hangzhou.aliyuncs.com/huazaizai/myubuntu:1.1"
        );
    }

    #[test]
    fn fresh_engine_has_no_images_and_default_networks() {
        let e = Engine::new(0, 1);
        let c = super::super::check::parse("image_exists hello-world").unwrap();
        assert!(!check(&e, &c));
        let c =
            super::super::check::parse("network_exists bridge\nnot network_exists mynet").unwrap();
        assert!(check(&e, &c));
    }
}
