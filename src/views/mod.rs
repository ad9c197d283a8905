//! View-models: what the views beside the terminal draw, computed from the
//! engine's own state on the engine side (in the browser, inside the worker
//! that runs the engine) and handed to the UI as plain serialisable data.
//! The UI draws them and keeps no second model of Docker.
//!
//! Each view reads the engine's persistent structures (shared `Arc` layers,
//! the stores) and never copies a layer: building one is proportional to
//! what it shows, not to the size of the images. [`query`] is the one entry
//! point, addressed like the page's deep links
//! (`view=layers&image=hzz/myubuntu:1.1`).

pub mod container;
pub mod files;
pub mod layers;
pub mod memo;
pub mod space;

use crate::engine::host::HostId;
use crate::engine::Engine;
use serde::Serialize;

/// A view, as a deep link names it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewQuery {
    /// `layers`, `container`, `files`, `space`.
    pub view: String,
    /// Which machine's daemon (`laptop` when absent).
    pub host: Option<String>,
    pub image: Option<String>,
    pub container: Option<String>,
    /// A directory, for `files`.
    pub path: Option<String>,
}

impl ViewQuery {
    /// Parses `view=layers&image=alpine&…` (an URL query, `?` optional;
    /// `%XX` and `+` decoded). Unknown keys are ignored: they belong to the
    /// page (`lang`, `lesson`, …).
    pub fn parse(query: &str) -> ViewQuery {
        let mut q = ViewQuery::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "view" => q.view = v,
                "host" => q.host = Some(v),
                "image" => q.image = Some(v),
                "container" => q.container = Some(v),
                "path" => q.path = Some(v),
                _ => {}
            }
        }
        q
    }
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Why a view cannot be drawn: shown in the view's place, in the words
/// Docker would use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ViewError {
    pub message: String,
}

impl ViewError {
    pub fn new(message: impl Into<String>) -> ViewError {
        ViewError {
            message: message.into(),
        }
    }
}

/// The host a query names (the first machine when none is named).
pub fn host_of(engine: &Engine, q: &ViewQuery) -> Result<HostId, ViewError> {
    match &q.host {
        None => Ok(0),
        Some(name) => engine
            .hosts
            .iter()
            .position(|h| &h.name == name)
            .ok_or_else(|| ViewError::new(format!("no machine named {name}"))),
    }
}

/// The view-model a query asks for, as JSON for the UI.
pub fn query(engine: &Engine, q: &ViewQuery) -> Result<serde_json::Value, ViewError> {
    let h = host_of(engine, q)?;
    let need = |v: &Option<String>, what: &str| {
        v.clone()
            .ok_or_else(|| ViewError::new(format!("the {} view needs {what}=…", q.view)))
    };
    let value = match q.view.as_str() {
        "layers" => to_json(&layers::image_layers(engine, h, &need(&q.image, "image")?)?),
        "container" => to_json(&container::container_layers(
            engine,
            h,
            &need(&q.container, "container")?,
        )?),
        "files" => {
            let path = q.path.clone().unwrap_or_else(|| "/".to_string());
            let target = match (&q.container, &q.image) {
                (Some(c), _) => files::Target::Container(c.clone()),
                (None, Some(i)) => files::Target::Image(i.clone()),
                (None, None) => {
                    return Err(ViewError::new(
                        "the files view needs image=… or container=…",
                    ))
                }
            };
            to_json(&files::listing(engine, h, &target, &path)?)
        }
        "space" => match &q.image {
            Some(i) => to_json(&space::image_space(engine, h, i)?),
            None => to_json(&space::system_space(engine, h)),
        },
        other => return Err(ViewError::new(format!("unknown view {other:?}"))),
    };
    Ok(value)
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// The first 12 hex digits of a digest (`sha256:…` stripped), as Docker
/// shortens IDs.
pub fn short(d: &str) -> String {
    d.strip_prefix("sha256:")
        .unwrap_or(d)
        .chars()
        .take(12)
        .collect()
}
