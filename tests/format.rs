//! Client-side formatting against docker-reference.md §A: table layout
//! (§A1), COMMAND truncation (§A2), human sizes (§A4) and durations (§A5),
//! size parsing (`--memory`), and Go templates (`--format`).

use dockerlings::cli::format::gofmt::quote;
use dockerlings::cli::format::table::{ellipsis, render, tabwrite, truncate_id};
use dockerlings::cli::format::units::{
    ago, bytes_size, from_human_size, human_duration, human_size, human_size_with_precision,
    ram_in_bytes, size3, SizeError,
};

#[test]
fn a1_empty_table_headers() {
    // (§A1 also lists `NETWORK ID     NAME …`: that is the header over the
    // 12-hex IDs of the default networks — see a7 below — since a network
    // list is never empty; alone, "NETWORK ID" gets 10 + 3 columns.)
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "CONTAINER ID",
                "IMAGE",
                "COMMAND",
                "CREATED",
                "STATUS",
                "PORTS",
                "NAMES",
            ],
            "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n",
        ),
        (
            &["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
            "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n",
        ),
        (
            &["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"],
            "IMAGE     CREATED   CREATED BY   SIZE      COMMENT\n",
        ),
        (
            &["NETWORK ID", "NAME", "DRIVER", "SCOPE"],
            "NETWORK ID   NAME      DRIVER    SCOPE\n",
        ),
        (&["DRIVER", "VOLUME NAME"], "DRIVER    VOLUME NAME\n"),
    ];
    for (headers, want) in cases {
        assert_eq!(render(headers, &[]), want);
    }
}

fn command_column(cmd: &str) -> String {
    quote(&ellipsis(cmd, 20))
}

#[test]
fn a1_rendered_ps_example() {
    let row = |v: [&str; 7]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let rows = vec![
        row([
            "4f2c1a9b7d3e",
            "nginx",
            &command_column("/docker-entrypoint.sh nginx -g 'daemon off;'"),
            "2 minutes ago",
            "Up 2 minutes (Paused)",
            "80/tcp",
            "web",
        ]),
        row([
            "9a8b7c6d5e4f",
            "alpine",
            &command_column("echo hi"),
            "3 minutes ago",
            "Created",
            "",
            "fresh",
        ]),
        row([
            "0b1c2d3e4f5a",
            "hello-world",
            &command_column("/hello"),
            "5 minutes ago",
            "Exited (0) 5 minutes ago",
            "",
            "done",
        ]),
    ];
    let got = render(
        &[
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "CREATED",
            "STATUS",
            "PORTS",
            "NAMES",
        ],
        &rows,
    );
    let want = "\
CONTAINER ID   IMAGE         COMMAND                  CREATED         STATUS                     PORTS     NAMES
4f2c1a9b7d3e   nginx         \"/docker-entrypoint.…\"   2 minutes ago   Up 2 minutes (Paused)      80/tcp    web
9a8b7c6d5e4f   alpine        \"echo hi\"                3 minutes ago   Created                              fresh
0b1c2d3e4f5a   hello-world   \"/hello\"                 5 minutes ago   Exited (0) 5 minutes ago             done
";
    assert_eq!(got, want);
}

#[test]
fn a7_network_and_volume_examples() {
    let rows: Vec<Vec<String>> = [
        ["3c1d8e2f7a6b", "bridge", "bridge", "local"],
        ["7e5f4d3c2b1a", "host", "host", "local"],
        ["1a2b3c4d5e6f", "none", "null", "local"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(
        render(&["NETWORK ID", "NAME", "DRIVER", "SCOPE"], &rows),
        "NETWORK ID     NAME      DRIVER    SCOPE\n\
         3c1d8e2f7a6b   bridge    bridge    local\n\
         7e5f4d3c2b1a   host      host      local\n\
         1a2b3c4d5e6f   none      null      local\n"
    );
    assert_eq!(
        render(
            &["DRIVER", "VOLUME NAME"],
            &[vec!["local".into(), "myvol".into()]]
        ),
        "DRIVER    VOLUME NAME\nlocal     myvol\n"
    );
}

#[test]
fn a2_command_column() {
    for (process, column) in [
        ("/hello", "\"/hello\""),
        (
            "/docker-entrypoint.sh nginx -g 'daemon off;'",
            "\"/docker-entrypoint.…\"",
        ),
        (
            "/entrypoint.sh /etc/docker/registry/config.yml",
            "\"/entrypoint.sh /etc…\"",
        ),
        (
            "docker-entrypoint.sh redis-server",
            "\"docker-entrypoint.s…\"",
        ),
        ("sleep 3600", "\"sleep 3600\""),
        (
            "sh -c 'while true; do echo hi; sleep 1; done'",
            "\"sh -c 'while true; …\"",
        ),
    ] {
        assert_eq!(command_column(process), column, "{process}");
    }
}

#[test]
fn ellipsis_edges() {
    assert_eq!(ellipsis("abc", 0), "");
    assert_eq!(ellipsis("abc", 1), "a");
    assert_eq!(ellipsis("", 1), "");
    assert_eq!(ellipsis("abc", 3), "abc");
    assert_eq!(ellipsis("abcd", 3), "ab…");
    // wide characters count two columns
    assert_eq!(ellipsis("汉化的镜像", 6), "汉化…");
    assert_eq!(ellipsis("汉化的", 6), "汉化的");
    // history's CREATED BY: 44 characters + …
    let created_by = "/bin/sh -c #(nop) ADD file:3b2ce5a3e4cf4f5cbd2f7ab5d0d1c4e7 in / ";
    assert_eq!(ellipsis(created_by, 45).chars().count(), 45);
    assert!(ellipsis(created_by, 45).ends_with('…'));
}

#[test]
fn truncate_ids() {
    let hex = "4f2c1a9b7d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    assert_eq!(truncate_id(hex), "4f2c1a9b7d3e");
    assert_eq!(truncate_id(&format!("sha256:{hex}")), "4f2c1a9b7d3e");
    assert_eq!(truncate_id("abc"), "abc");
    assert_eq!(truncate_id(""), "");
}

#[test]
fn tabwriter_pads_only_terminated_cells() {
    assert_eq!(
        tabwrite("A\tB\nlonger value\tx\n"),
        "A              B\nlonger value   x\n"
    );
    // a line without tabs ends the column block
    assert_eq!(
        tabwrite("a\tb\nplain line\nccccccccccccc\td\n"),
        "a         b\nplain line\nccccccccccccc   d\n"
    );
}

#[test]
fn a4_human_sizes() {
    for (bytes, three, four) in [
        (0u64, "0B", "0B"),
        (999, "999B", "999B"),
        (1000, "1kB", "1kB"),
        (1024, "1.02kB", "1.024kB"),
        (10072, "10.1kB", "10.07kB"),
        (13256, "13.3kB", "13.26kB"),
        (5577698, "5.58MB", "5.578MB"),
        (72800000, "72.8MB", "72.8MB"),
        (187700000, "188MB", "187.7MB"),
        (1089000000, "1.09GB", "1.089GB"),
        (2048, "2.05kB", "2.048kB"),
    ] {
        assert_eq!(size3(bytes), three, "{bytes} (3 digits)");
        assert_eq!(human_size(bytes as f64), four, "{bytes} (4 digits)");
    }
    // the %.3g quirk
    assert_eq!(size3(999500), "1e+03kB");
    assert_eq!(human_size_with_precision(999_500.0, 3), "1e+03kB");
    assert_eq!(size3(999_499), "999kB");
    assert_eq!(human_size_with_precision(999.9e24, 3), "1e+03YB");
}

#[test]
fn binary_sizes_for_stats() {
    assert_eq!(bytes_size(0.0), "0B");
    assert_eq!(bytes_size(1024.0), "1KiB");
    assert_eq!(bytes_size(819_200.0), "800KiB");
    assert_eq!(bytes_size(1_061_158_912.0), "1012MiB");
    assert_eq!(bytes_size(2_087_354_368.0), "1.944GiB");
    assert_eq!(bytes_size(35_975_168.0), "34.31MiB");
}

#[test]
fn parsing_sizes() {
    assert_eq!(ram_in_bytes("512m"), Ok(512 * 1024 * 1024));
    assert_eq!(ram_in_bytes("1g"), Ok(1 << 30));
    assert_eq!(ram_in_bytes("1GiB"), Ok(1 << 30));
    assert_eq!(ram_in_bytes("64k"), Ok(65536));
    assert_eq!(ram_in_bytes("32kb"), Ok(32768));
    assert_eq!(ram_in_bytes("1.5g"), Ok(1_610_612_736));
    assert_eq!(ram_in_bytes("100"), Ok(100));
    assert_eq!(ram_in_bytes("100b"), Ok(100));
    assert_eq!(ram_in_bytes("10 MB"), Ok(10 << 20));
    assert_eq!(from_human_size("1kB"), Ok(1000));
    assert_eq!(from_human_size("32MB"), Ok(32_000_000));
    assert_eq!(from_human_size("1.5GB"), Ok(1_500_000_000));
    let err = |r: Result<i64, SizeError>| r.unwrap_err().to_string();
    assert_eq!(err(ram_in_bytes("512x")), "invalid suffix: 'x'");
    assert_eq!(
        err(ram_in_bytes("1KB2")),
        "strconv.ParseFloat: parsing \"1KB2\": invalid syntax"
    );
    assert_eq!(err(ram_in_bytes("abc")), "invalid size: 'abc'");
    assert_eq!(err(ram_in_bytes("")), "invalid size: ''");
    assert_eq!(err(ram_in_bytes("-1")), "invalid size: '-1'");
    assert_eq!(err(ram_in_bytes("1mbb")), "invalid suffix: 'mbb'");
    assert_eq!(err(ram_in_bytes("1MX")), "invalid suffix: 'mx'");
    assert_eq!(err(ram_in_bytes("1bytes")), "invalid suffix: 'bytes'");
    assert_eq!(
        err(ram_in_bytes("1.2.3m")),
        "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax"
    );
    assert_eq!(
        err(ram_in_bytes("1e999")),
        "strconv.ParseFloat: parsing \"1e999\": value out of range"
    );
}

#[test]
fn a5_human_durations() {
    const S: i64 = 1000;
    const M: i64 = 60 * S;
    const H: i64 = 60 * M;
    const D: i64 = 24 * H;
    for (ms, want) in [
        (-5 * S, "Less than a second"),
        (0, "Less than a second"),
        (999, "Less than a second"),
        (S, "1 second"),
        (1999, "1 second"),
        (2 * S, "2 seconds"),
        (59 * S, "59 seconds"),
        (60 * S, "About a minute"),
        (119 * S, "About a minute"),
        (2 * M, "2 minutes"),
        (59 * M + 59 * S, "59 minutes"),
        (60 * M, "About an hour"),
        (89 * M, "About an hour"),
        (90 * M, "2 hours"),
        (47 * H, "47 hours"),
        (47 * H + 29 * M, "47 hours"),
        (47 * H + 30 * M, "2 days"),
        (48 * H, "2 days"),
        (13 * D, "13 days"),
        (14 * D, "2 weeks"),
        (59 * D, "8 weeks"),
        (60 * D, "2 months"),
        (365 * D, "12 months"),
        (729 * D, "24 months"),
        (730 * D, "2 years"),
        (3 * 365 * D, "3 years"),
    ] {
        assert_eq!(human_duration(ms), want, "{ms} ms");
    }
    assert_eq!(ago(2 * M), "2 minutes ago");
    assert_eq!(ago(10), "Less than a second ago");
}
