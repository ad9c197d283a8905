//! `docker image prune` and `docker system prune`.

use super::*;

// ----------------------------------------------------------------- prune

fn print_prune(out: &mut Output, records: &[ops::DeleteRecord], reclaimed: u64) {
    if !records.is_empty() {
        out.outln("Deleted Images:");
        for r in records {
            match r {
                ops::DeleteRecord::Untagged(s) => out.outln(format!("untagged: {s}")),
                ops::DeleteRecord::Deleted(d) => out.outln(format!("deleted: {d}")),
            }
        }
        out.outln("");
    }
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(reclaimed, 4)
    ));
}

const IMAGE_PRUNE_WARNING: &str =
    "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ";
const IMAGE_PRUNE_ALL_WARNING: &str = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ";

pub(super) fn prune(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let all = inv.on("all");
    if !inv.on("force")
        && !confirmed(
            inv,
            out,
            if all {
                IMAGE_PRUNE_ALL_WARNING
            } else {
                IMAGE_PRUNE_WARNING
            },
            &format!("docker image prune{}", if all { " -a" } else { "" }),
        )
    {
        return 0;
    }
    let path = if all {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"false\":true}}")
        )
    } else {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"true\":true}}")
        )
    };
    record(engine, h, "POST", path, 200);
    let (records, reclaimed) = ops::prune(engine, h, all);
    print_prune(out, &records, reclaimed);
    0
}

pub(super) fn system_prune(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    let all = inv.on("all");
    if !inv.on("force") {
        let mut w = String::from("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n");
        if inv.on("volumes") {
            w.push_str("  - all anonymous volumes not used by at least one container\n");
        }
        if all {
            w.push_str("  - all images without at least one container associated to them\n  - all build cache\n");
        } else {
            w.push_str("  - all dangling images\n  - unused build cache\n");
        }
        w.push_str("\nAre you sure you want to continue? [y/N] ");
        let resume = format!(
            "docker system prune{}{}",
            if all { " -a" } else { "" },
            if inv.on("volumes") { " --volumes" } else { "" }
        );
        if !confirmed(inv, out, &w, &resume) {
            return 0;
        }
    }
    // stopped containers first, so that their images become unused
    record(engine, h, "POST", "/containers/prune".to_string(), 200);
    let stopped: Vec<(String, u64)> = engine.hosts[h]
        .daemon
        .containers
        .newest_first()
        .iter()
        .filter(|c| !c.state.is_running())
        .map(|c| (c.id.clone(), c.size_rw()))
        .collect();
    let mut reclaimed: u64 = 0;
    if !stopped.is_empty() {
        out.outln("Deleted Containers:");
        for (id, size) in &stopped {
            crate::engine::container::lifecycle::destroy(engine, h, id, false);
            reclaimed += size;
            out.outln(id);
        }
        out.outln("");
    }
    record(engine, h, "POST", "/networks/prune".to_string(), 200);
    let unused_networks: Vec<(String, String)> = {
        let d = &engine.hosts[h].daemon;
        d.networks
            .sorted()
            .into_iter()
            .filter(|n| n.user_defined)
            .filter(|n| {
                !d.containers
                    .by_id
                    .values()
                    .any(|c| c.networks.values().any(|e| e.network_id == n.id))
            })
            .map(|n| (n.id.clone(), n.name.clone()))
            .collect()
    };
    if !unused_networks.is_empty() {
        out.outln("Deleted Networks:");
        for (id, name) in unused_networks {
            engine.hosts[h].daemon.networks.by_id.remove(&id);
            out.outln(name);
        }
        out.outln("");
    }
    if inv.on("volumes") {
        record(engine, h, "POST", "/volumes/prune".to_string(), 200);
    }
    let path = if all {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"false\":true}}")
        )
    } else {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"true\":true}}")
        )
    };
    record(engine, h, "POST", path, 200);
    let (records, r) = ops::prune(engine, h, all);
    reclaimed += r;
    if !records.is_empty() {
        out.outln("Deleted Images:");
        for r in &records {
            match r {
                ops::DeleteRecord::Untagged(s) => out.outln(format!("untagged: {s}")),
                ops::DeleteRecord::Deleted(d) => out.outln(format!("deleted: {d}")),
            }
        }
        out.outln("");
    }
    record(engine, h, "POST", "/build/prune".to_string(), 200);
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(reclaimed, 4)
    ));
    0
}
