//! `docker system df` (and `-v`).

use super::*;

/// `docker system df -v`: images, containers, volumes and build cache in detail.
fn df_verbose(engine: &Engine, h: HostId) -> String {
    use crate::cli::format::gofmt::quote;
    let d = &engine.hosts[h].daemon;
    let now = engine.now();
    let mut users: std::collections::BTreeMap<&Digest, usize> = Default::default();
    for img in d.images.images.values() {
        for dd in &img.config.rootfs.diff_ids {
            *users.entry(dd).or_default() += 1;
        }
    }
    let mut imgs: Vec<&crate::engine::image::Image> = d.images.images.values().collect();
    imgs.sort_by(|a, b| {
        ops::created_ms(b)
            .cmp(&ops::created_ms(a))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut t = Table::new();
    t.row(
        [
            "REPOSITORY",
            "TAG",
            "IMAGE ID",
            "CREATED",
            "SIZE",
            "SHARED SIZE",
            "UNIQUE SIZE",
            "CONTAINERS",
        ]
        .map(String::from)
        .to_vec(),
    );
    for img in imgs {
        let tags = ops::repo_tags(engine, h, &img.id);
        let (repo, tag) = match tags.first().and_then(|t| parse_normalized(t).ok()) {
            Some(n) => (n.familiar_name(), n.tag.unwrap_or_default()),
            None => ("<none>".to_string(), "<none>".to_string()),
        };
        let size = d.images.size_of(&img.id);
        let shared: u64 = img
            .config
            .rootfs
            .diff_ids
            .iter()
            .filter(|dd| users.get(dd).copied().unwrap_or(0) > 1)
            .filter_map(|dd| d.images.layers.get(dd))
            .map(|l| l.size())
            .sum();
        t.row(vec![
            repo,
            tag,
            img.id.short().to_string(),
            format!("{} ago", human_duration(now - ops::created_ms(img))),
            human_size(size, 3),
            human_size(shared, 3),
            human_size(size - shared, 3),
            ops::containers_using(engine, h, &img.id).to_string(),
        ]);
    }
    let mut s = String::from("Images space usage:\n\n");
    s.push_str(&t.render());
    let mut t = Table::new();
    t.row(
        [
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "LOCAL VOLUMES",
            "SIZE",
            "CREATED",
            "STATUS",
            "NAMES",
        ]
        .map(String::from)
        .to_vec(),
    );
    for c in d.containers.newest_first() {
        t.row(vec![
            c.short_id().to_string(),
            crate::cli::container::ps::image_column(engine, h, c),
            quote(&ellipsis(&c.command_line(), 20)),
            c.mounts
                .iter()
                .filter(|m| m.kind == crate::engine::container::MountKind::Volume)
                .count()
                .to_string(),
            human_size(c.size_rw(), 3),
            format!("{} ago", human_duration(now - c.created)),
            c.state.describe(now),
            c.name.clone(),
        ]);
    }
    s.push_str("\nContainers space usage:\n\n");
    s.push_str(&t.render());
    let mut t = Table::new();
    t.row(["VOLUME NAME", "LINKS", "SIZE"].map(String::from).to_vec());
    for v in d.volumes.by_name.values() {
        let links = d
            .containers
            .by_id
            .values()
            .filter(|c| c.mounts.iter().any(|m| m.name == v.name))
            .count();
        t.row(vec![
            v.name.clone(),
            links.to_string(),
            human_size(v.fs.upper().size(), 4),
        ]);
    }
    s.push_str("\nLocal Volumes space usage:\n\n");
    s.push_str(&t.render());
    s.push_str("\nBuild cache usage: 0B\n\n");
    let mut t = Table::new();
    t.row(
        [
            "CACHE ID",
            "CACHE TYPE",
            "SIZE",
            "CREATED",
            "LAST USED",
            "USAGE",
            "SHARED",
        ]
        .map(String::from)
        .to_vec(),
    );
    s.push_str(&t.render());
    s
}

pub(super) fn df(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    record(engine, h, "GET", "/system/df".to_string(), 200);
    if inv.on("verbose")
        && inv
            .value("format")
            .is_none_or(|f| f.is_empty() || f == "table")
    {
        out.out(df_verbose(engine, h));
        return 0;
    }
    let d = &engine.hosts[h].daemon;
    let usage = ops::disk_usage(engine, h);
    // Docker's reclaimable: total layer size minus the unique size of images in use.
    let mut shared_count: std::collections::BTreeMap<&Digest, usize> = Default::default();
    for img in d.images.images.values() {
        for dd in &img.config.rootfs.diff_ids {
            *shared_count.entry(dd).or_default() += 1;
        }
    }
    let mut used: u64 = 0;
    for (id, img) in &d.images.images {
        if ops::containers_using(engine, h, id) == 0 {
            continue;
        }
        for dd in &img.config.rootfs.diff_ids {
            if shared_count.get(dd).copied().unwrap_or(0) <= 1 {
                used += d.images.layers.get(dd).map_or(0, |l| l.size());
            }
        }
    }
    let pct = |r: u64, t: u64| match (r * 100).checked_div(t) {
        Some(p) => format!("{} ({p}%)", human_size(r, 4)),
        None => human_size(r, 4),
    };
    let img_recl = usage.size.saturating_sub(used);
    let cts: Vec<_> = d.containers.by_id.values().collect();
    let active_c = cts.iter().filter(|c| c.state.is_running()).count();
    let c_size: u64 = cts.iter().map(|c| c.fs.upper().size()).sum();
    let c_recl: u64 = cts
        .iter()
        .filter(|c| !c.state.is_running())
        .map(|c| c.fs.upper().size())
        .sum();
    let v_size: u64 = d
        .volumes
        .by_name
        .values()
        .map(|v| v.fs.upper().size())
        .sum();
    let rows: Vec<[String; 5]> = vec![
        [
            "Images".into(),
            usage.total.to_string(),
            usage.active.to_string(),
            human_size(usage.size, 4),
            pct(img_recl, usage.size),
        ],
        [
            "Containers".into(),
            cts.len().to_string(),
            active_c.to_string(),
            human_size(c_size, 4),
            pct(c_recl, c_size),
        ],
        [
            "Local Volumes".into(),
            d.volumes.by_name.len().to_string(),
            "0".into(),
            human_size(v_size, 4),
            pct(v_size, v_size),
        ],
        [
            "Build Cache".into(),
            "0".into(),
            "0".into(),
            "0B".into(),
            "0B".into(),
        ],
    ];
    let field = |r: &[String; 5], f: &str| -> Option<String> {
        Some(match f {
            "Type" => r[0].clone(),
            "TotalCount" => r[1].clone(),
            "Active" => r[2].clone(),
            "Size" => r[3].clone(),
            "Reclaimable" => r[4].clone(),
            _ => return None,
        })
    };
    let header = |f: &str| -> String {
        match f {
            "Type" => "TYPE",
            "TotalCount" => "TOTAL",
            "Active" => "ACTIVE",
            "Size" => "SIZE",
            "Reclaimable" => "RECLAIMABLE",
            o => o,
        }
        .to_string()
    };
    let fmt = inv
        .value("format")
        .filter(|f| !f.is_empty() && *f != "table")
        .unwrap_or("table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}")
        .to_string();
    const JSON: &[&str] = &["Active", "Reclaimable", "Size", "TotalCount", "Type"];
    render(out, &fmt, &rows, field, header, JSON, None)
}
