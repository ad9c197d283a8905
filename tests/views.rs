//! View-models (`dockerlings::views`) computed from engine state after real
//! command sequences: an image's stack and the layers it shares, a
//! container's writable layer with copy-ups and whiteouts, file provenance
//! through the layers, and the space a build wastes.

use dockerlings::sandbox::Sandbox;
use dockerlings::views::{self, ViewQuery};
use serde_json::Value;

fn sandbox(lines: &[&str]) -> Sandbox {
    let mut sb = Sandbox::new_script();
    for l in lines {
        let r = sb.run_line(l);
        assert_eq!(r.exit_code, 0, "`{l}`: {}", r.stderr());
    }
    sb
}

fn view(sb: &Sandbox, q: &str) -> Value {
    views::query(&sb.engine, &ViewQuery::parse(q)).unwrap_or_else(|e| panic!("{q}: {}", e.message))
}

const COW: &[&str] = &[
    "docker run -dit --name c1 ubuntu bash",
    "docker run -dit --name c2 ubuntu bash",
    "docker exec c1 sh -c 'echo hello >> /etc/lsb-release'",
    "docker exec c1 rm /etc/debian_version",
    "docker exec c1 sh -c 'echo new > /new.txt'",
];

#[test]
fn container_view_shows_copy_up_and_whiteout_and_leaves_the_sibling_alone() {
    let sb = sandbox(COW);
    let c1 = view(&sb, "view=container&container=c1");
    let upper = c1["upper"].as_array().unwrap();
    let find = |p: &str| {
        upper
            .iter()
            .find(|c| c["path"] == p)
            .unwrap_or_else(|| panic!("{p} in {upper:?}"))
    };
    let changed = find("/etc/lsb-release");
    assert_eq!(changed["kind"], "C");
    assert!(
        changed["from_layer"].is_u64(),
        "a copy-up names the layer it came from"
    );
    assert!(changed["size"].as_u64().unwrap() > changed["original_size"].as_u64().unwrap());
    let deleted = find("/etc/debian_version");
    assert_eq!(deleted["kind"], "D");
    assert_eq!(deleted["whiteout"], true);
    assert!(deleted["from_layer"].is_u64());
    assert_eq!(find("/new.txt")["kind"], "A");
    assert_eq!(c1["status"], "running");
    assert!(c1["lower_count"].as_u64().unwrap() >= 1);

    let c2 = view(&sb, "view=container&container=c2");
    assert_eq!(
        c2["upper"].as_array().unwrap().len(),
        0,
        "c2 sees none of c1's changes"
    );
    assert_eq!(c2["image"]["id"], c1["image"]["id"]);
}

#[test]
fn files_view_tells_which_layer_provides_a_path_and_what_it_hides() {
    let sb = sandbox(COW);
    let etc = view(&sb, "view=files&container=c1&path=/etc");
    let rows = etc["entries"].as_array().unwrap();
    let row = |n: &str| {
        rows.iter()
            .find(|r| r["name"] == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    let bashrc = row("lsb-release");
    assert!(
        bashrc["layer"].is_null(),
        "found first in the writable layer"
    );
    assert_eq!(
        bashrc["hidden"].as_array().unwrap().len(),
        1,
        "the original is hidden, not gone"
    );
    assert!(
        rows.iter().all(|r| r["name"] != "debian_version"),
        "the whiteout hides it"
    );
    let passwd = row("passwd");
    assert!(passwd["layer"].is_u64());
    // The image itself still has the file, unchanged.
    let image = view(&sb, "view=files&image=ubuntu&path=/etc");
    let rows = image["entries"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["name"] == "debian_version"));
    // Percent-encoding in deep links.
    let q = ViewQuery::parse("?view=files&image=ubuntu&path=%2Fetc");
    assert_eq!(q.path.as_deref(), Some("/etc"));
}

#[test]
fn layers_view_shows_shared_layers_and_metadata_only_entries() {
    let mut lines = COW.to_vec();
    lines.push("docker commit c1 hzz/myubuntu:1.1");
    let sb = sandbox(&lines);
    let base = view(&sb, "view=layers&image=ubuntu");
    let mine = view(&sb, "view=layers&image=hzz/myubuntu:1.1");
    let layered = |v: &Value| -> Vec<Value> {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| !r["layer"].is_null())
            .cloned()
            .collect()
    };
    let (b, m) = (layered(&base), layered(&mine));
    assert_eq!(m.len(), b.len() + 1, "commit adds one layer");
    assert_eq!(m[0]["layer"]["diff_id"], b[0]["layer"]["diff_id"]);
    let shared = b[0]["layer"]["shared_with"].as_array().unwrap();
    assert!(shared.iter().any(|n| n == "hzz/myubuntu:1.1"), "{shared:?}");
    let top = &m[m.len() - 1]["layer"];
    assert!(top["shared_with"].as_array().unwrap().is_empty());
    assert!(
        base["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["layer"].is_null()),
        "CMD and LABEL rows are metadata-only"
    );
    let (a, b) = (
        views::layers::image_layers(&sb.engine, 0, "ubuntu").unwrap(),
        views::layers::image_layers(&sb.engine, 0, "hzz/myubuntu:1.1").unwrap(),
    );
    assert_eq!(
        views::layers::common_base(&a, &b),
        a.rows.iter().filter(|r| r.layer.is_some()).count()
    );
}

#[test]
fn space_view_counts_bytes_a_later_layer_deletes() {
    let mut sb = sandbox(&["mkdir -p /root/w"]);
    sb.edit_save(
        "/root/w/Dockerfile",
        "FROM alpine\nRUN seq 1 30000 > /big\nRUN rm /big\n",
    )
    .unwrap();
    let r = sb.run_line("docker build -t wasteful /root/w");
    assert_eq!(r.exit_code, 0, "{}", r.stderr());
    let s = view(&sb, "view=space&image=wasteful");
    assert!(s["wasted"].as_u64().unwrap() >= 100_000, "{s}");
    assert!(s["efficiency"].as_f64().unwrap() < 1.0);
    assert_eq!(s["waste"][0]["path"], "/big");
    let sys = view(&sb, "view=space");
    assert!(
        sys["sum_of_sizes"].as_u64().unwrap() > sys["stored"].as_u64().unwrap(),
        "wasteful shares alpine's layer: {sys}"
    );
}

#[test]
fn views_answer_unusual_state_without_crashing() {
    let mut sb = sandbox(&[
        "docker run -d --name gone alpine sleep 100",
        "docker rmi -f alpine",
    ]);
    let c = view(&sb, "view=container&container=gone");
    assert_eq!(c["name"], "gone");
    for q in [
        "view=layers&image=nosuch",
        "view=container&container=nosuch",
        "view=files",
        "view=nosuch",
        "view=files&image=busybox&path=/nope",
        "view=layers&host=nosuch&image=x",
    ] {
        assert!(
            views::query(&sb.engine, &ViewQuery::parse(q)).is_err(),
            "{q}"
        );
    }
    sb.run_line("docker rm -f gone");
    assert!(views::query(&sb.engine, &ViewQuery::parse("view=space")).is_ok());
}
