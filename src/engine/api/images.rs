//! Image endpoints (moby's `api/server/router/image`): `GET /images/json`
//! so far; the client's image commands still call the daemon directly
//! (see `tests/tidy.rs`).

use super::reply::{self, Reply};
use super::route::Call;
use crate::engine::image::config::parse_rfc3339;
use crate::engine::image::ops;
use crate::engine::{Engine, HostId};
use serde::Serialize;
use std::collections::BTreeMap;

/// `image.Summary`, in Go's field order.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Summary {
    pub containers: i64,
    pub created: i64,
    pub id: String,
    pub labels: BTreeMap<String, String>,
    pub parent_id: String,
    pub repo_digests: Vec<String>,
    pub repo_tags: Vec<String>,
    pub shared_size: i64,
    pub size: u64,
}

/// `GET /images/json[?all=1]`: newest first, as dockerd sorts them.
pub fn list(engine: &mut Engine, h: HostId, _: &Call) -> Reply {
    let store = &engine.host(h).daemon.images;
    let mut rows: Vec<Summary> = store
        .images
        .values()
        .map(|img| {
            let tags = ops::repo_tags(engine, h, &img.id);
            let digests = ops::repo_digests(engine, h, &img.id);
            Summary {
                containers: -1,
                created: parse_rfc3339(&img.config.created)
                    .unwrap_or(0)
                    .div_euclid(1000),
                id: img.id.to_string(),
                labels: img.config.config.labels.clone(),
                parent_id: img
                    .parent
                    .as_ref()
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                repo_digests: digests,
                repo_tags: tags,
                shared_size: -1,
                size: store.size_of(&img.id),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
    reply::json(200, &rows)
}
