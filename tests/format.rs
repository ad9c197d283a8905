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
    assert_eq!(ram_in_bytes("1_000"), Ok(1000));
    assert_eq!(ram_in_bytes("1e3k"), Ok(1_024_000));
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

// ------------------------------------------------------------ templates

mod templates {
    use dockerlings::cli::format::template::{format_rows, render, Template};
    use serde_json::{json, Value};

    fn r(t: &str, data: &Value) -> String {
        render(t, data).unwrap_or_else(|e| panic!("{t:?}: {e}"))
    }

    fn inspect_data() -> Value {
        json!({
            "Id": "4f2c1a9b7d3e",
            "Name": "/web",
            "State": {"Status": "running", "Running": true, "Pid": 1234, "ExitCode": 0},
            "Config": {
                "Cmd": ["nginx", "-g", "daemon off;"],
                "Env": ["PATH=/usr/bin", "A=b"],
                "Labels": {"maintainer": "me", "app": "web"},
                "Entrypoint": null,
                "ExposedPorts": {"80/tcp": {}}
            },
            "Mounts": [],
            "NetworkSettings": {
                "IPAddress": "172.17.0.2",
                "Networks": {"bridge": {"Gateway": "172.17.0.1", "IPAddress": "172.17.0.2"}}
            },
            "Cpu": 0.5,
            "Size": 1024
        })
    }

    #[test]
    fn fields_and_printing() {
        let d = inspect_data();
        assert_eq!(r("{{.State.Status}}", &d), "running");
        assert_eq!(r("{{.Config.Cmd}}", &d), "[nginx -g daemon off;]");
        assert_eq!(r("{{.Config.Labels}}", &d), "map[app:web maintainer:me]");
        assert_eq!(r("{{.Config.Entrypoint}}", &d), "<nil>");
        assert_eq!(r("{{.Nope}}", &d), "<no value>");
        assert_eq!(r("{{.Nope.Deeper}}", &d), "<no value>");
        assert_eq!(
            r("{{.State.Running}} {{.State.Pid}} {{.Cpu}} {{.Size}}", &d),
            "true 1234 0.5 1024"
        );
        assert_eq!(r("{{.Config.ExposedPorts}}", &d), "map[80/tcp:map[]]");
        assert_eq!(
            r("{{.NetworkSettings.Networks}}", &d),
            "map[bridge:{172.17.0.1 172.17.0.2}]"
        );
        assert_eq!(r("plain text", &d), "plain text");
        assert_eq!(r("{{.}}", &json!("x")), "x");
        assert_eq!(r("{{.}}", &json!([1, "a", null, true])), "[1 a <nil> true]");
    }

    #[test]
    fn typed_nils_print_like_go() {
        use dockerlings::cli::format::template::{docker_nil_repr, ExecOptions, Template};
        let d = json!({"Config": {"Cmd": ["sh"], "Entrypoint": null, "Volumes": null}, "State": {"Health": null}});
        let opts = ExecOptions {
            nil_repr: Some(docker_nil_repr),
            ..ExecOptions::default()
        };
        let run = |t: &str| Template::parse(t).unwrap().execute(&d, &opts).unwrap();
        assert_eq!(run("{{.Config.Cmd}} {{.Config.Entrypoint}}"), "[sh] []");
        assert_eq!(run("{{.Config.Volumes}} {{.State.Health}}"), "map[] <nil>");
        assert_eq!(run("{{json .Config.Entrypoint}}"), "null");
        assert_eq!(
            run("{{len .Config.Entrypoint}}{{range .Config.Entrypoint}}x{{end}}"),
            "0"
        );
        assert_eq!(run("{{if .Config.Entrypoint}}y{{else}}n{{end}}"), "n");
        // without the hint a null is Go's untyped nil
        assert_eq!(r("{{.Config.Entrypoint}}", &d), "<nil>");
    }

    #[test]
    fn json_function() {
        let d = inspect_data();
        assert_eq!(r("{{json .Mounts}}", &d), "[]");
        assert_eq!(
            r("{{json .Config.Cmd}}", &d),
            r#"["nginx","-g","daemon off;"]"#
        );
        assert_eq!(r("{{json .Name}}", &d), r#""/web""#);
        assert_eq!(r("{{json .State.Pid}}", &d), "1234");
        assert_eq!(r("{{json .Nope}}", &d), "null");
        assert_eq!(r(r#"{{json "<a&b>"}}"#, &d), r#""<a&b>""#);
    }

    #[test]
    fn range_if_with_else() {
        let d = inspect_data();
        assert_eq!(
            r(
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                &d
            ),
            "172.17.0.2"
        );
        assert_eq!(
            r("{{range .Config.Env}}[{{.}}]{{end}}", &d),
            "[PATH=/usr/bin][A=b]"
        );
        assert_eq!(
            r("{{range $i, $e := .Config.Cmd}}{{$i}}={{$e}} {{end}}", &d),
            "0=nginx 1=-g 2=daemon off; "
        );
        assert_eq!(
            r(
                "{{range $k, $v := .Config.Labels}}{{$k}}:{{$v}};{{end}}",
                &d
            ),
            "app:web;maintainer:me;"
        );
        assert_eq!(r("{{range .Mounts}}x{{else}}none{{end}}", &d), "none");
        assert_eq!(r("{{if .State.Running}}up{{else}}down{{end}}", &d), "up");
        assert_eq!(
            r(
                "{{if .Mounts}}m{{else if .Config.Env}}e{{else}}n{{end}}",
                &d
            ),
            "e"
        );
        assert_eq!(r("{{with .State}}{{.Status}}{{end}}", &d), "running");
        assert_eq!(r("{{with .Nope}}x{{else}}empty{{end}}", &d), "empty");
        assert_eq!(
            r(
                "{{range .Config.Cmd}}{{if eq . \"-g\"}}{{break}}{{end}}{{.}}{{end}}",
                &d
            ),
            "nginx"
        );
        assert_eq!(
            r(
                "{{range .Config.Cmd}}{{if eq . \"-g\"}}{{continue}}{{end}}{{.}},{{end}}",
                &d
            ),
            "nginx,daemon off;,"
        );
        assert_eq!(r("{{range 3}}{{.}}{{end}}", &d), "012");
        assert_eq!(r("{{$x := .Name}}{{$x}}{{$x = \"y\"}}{{$x}}", &d), "/weby");
        assert_eq!(
            r("{{range .Config.Cmd}}{{$.Name}}{{end}}", &d),
            "/web/web/web"
        );
    }

    #[test]
    fn functions() {
        let d = inspect_data();
        assert_eq!(r(r#"{{index .Config.Labels "app"}}"#, &d), "web");
        assert_eq!(r(r#"{{index .Config.Labels "missing"}}"#, &d), "");
        assert_eq!(r("{{index .Config.Cmd 1}}", &d), "-g");
        assert_eq!(r(r#"{{join .Config.Env ","}}"#, &d), "PATH=/usr/bin,A=b");
        assert_eq!(r(r#"{{split "a:b:c" ":"}}"#, &d), "[a b c]");
        assert_eq!(
            r(
                "{{upper .State.Status}} {{lower \"ABC\"}} {{title \"hello world\"}}",
                &d
            ),
            "RUNNING abc Hello World"
        );
        assert_eq!(r("{{.State.Status | upper}}", &d), "RUNNING");
        assert_eq!(
            r(r#"{{printf "%s-%d" .State.Status .State.Pid}}"#, &d),
            "running-1234"
        );
        assert_eq!(r(r#"{{printf "%q" .Name}}"#, &d), r#""/web""#);
        assert_eq!(
            r(r#"{{printf "%5s|%-5s|%05d" "a" "b" 42}}"#, &d),
            "    a|b    |00042"
        );
        assert_eq!(
            r(r#"{{printf "%.2f %v %x" 3.14159 .Config.Cmd 255}}"#, &d),
            "3.14 [nginx -g daemon off;] ff"
        );
        assert_eq!(r(r#"{{printf "%d" "x"}}"#, &d), "%!d(string=x)");
        assert_eq!(r(r#"{{printf "%s %s" "x"}}"#, &d), "x %!s(MISSING)");
        assert_eq!(r(r#"{{printf "%s" "x" 1}}"#, &d), "x%!(EXTRA int=1)");
        assert_eq!(r("{{println .Name}}", &d), "/web\n");
        assert_eq!(r(r#"{{print "a" 1 2 "b"}}"#, &d), "a1 2b");
        assert_eq!(r("{{len .Config.Cmd}} {{len .Name}}", &d), "3 4");
        assert_eq!(
            r(
                "{{if and .State.Running (eq .State.Pid 1234)}}yes{{end}}",
                &d
            ),
            "yes"
        );
        assert_eq!(r("{{or .Nope \"default\"}}", &d), "default");
        assert_eq!(
            r("{{print .Nope}} {{printf \"%v\" .Nope}}", &d),
            "<nil> <nil>"
        );
        assert_eq!(r("{{if eq .Nope \"x\"}}y{{else}}n{{end}}", &d), "n");
        assert_eq!(
            render("{{upper .Nope}}", &d).unwrap_err().to_string(),
            "template: :1:8: executing \"\" at <.Nope>: invalid value; expected string"
        );
        assert_eq!(r("{{not .State.Running}}", &d), "false");
        assert_eq!(
            r("{{if ne .State.Status \"exited\"}}alive{{end}}", &d),
            "alive"
        );
        assert_eq!(r("{{if lt .State.Pid 2000}}small{{end}}", &d), "small");
        assert_eq!(
            r(r#"{{pad "x" 1 2}}|{{truncate "abcdef" 3}}"#, &d),
            " x  |abc"
        );
        assert_eq!(r(r#"{{slice "abcdef" 1 3}}"#, &d), "bc");
        assert_eq!(r("{{(index .Config.Cmd 0) | upper}}", &d), "NGINX");
        assert_eq!(r("{{(.State).Status}}", &d), "running");
    }

    #[test]
    fn trimming_and_comments() {
        let d = json!({"A": "x"});
        assert_eq!(r("a  {{- .A -}}  b", &d), "axb");
        assert_eq!(r("a {{/* note */}}b", &d), "a b");
        assert_eq!(r("a {{- /* note */ -}} b", &d), "ab");
        assert_eq!(r("{{\"quote\\\"d\\n\"}}", &d), "quote\"d\n");
        assert_eq!(r("{{`raw\\n`}}", &d), "raw\\n");
    }

    fn parse_err(t: &str) -> String {
        Template::parse(t).map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn parse_errors() {
        assert_eq!(parse_err("{{.ID"), "template: :1: unclosed action");
        assert_eq!(
            parse_err("{{foo .ID}}"),
            "template: :1: function \"foo\" not defined"
        );
        assert_eq!(parse_err("{{if .A}}x"), "template: :1: unexpected EOF");
        assert_eq!(parse_err("{{end}}"), "template: :1: unexpected {{end}}");
        assert_eq!(parse_err("{{else}}"), "template: :1: unexpected {{else}}");
        assert_eq!(parse_err("{{}}"), "template: :1: missing value for command");
        assert_eq!(
            parse_err("{{if}}{{end}}"),
            "template: :1: missing value for if"
        );
        assert_eq!(
            parse_err("{{.ID!}}"),
            "template: :1: bad character U+0021 '!'"
        );
        assert_eq!(
            parse_err("{{\"abc}}"),
            "template: :1: unterminated quoted string"
        );
        assert_eq!(
            parse_err("{{$x}}"),
            "template: :1: undefined variable \"$x\""
        );
        assert_eq!(
            parse_err("a\n{{.A}}\n{{.B"),
            "template: :3: unclosed action"
        );
        assert_eq!(
            parse_err("{{break}}"),
            "template: :1: {{break}} outside {{range}}"
        );
        assert_eq!(
            parse_err("{{.A | \"x\"}}"),
            "template: :1: non executable command in pipeline stage 2"
        );
        assert_eq!(parse_err("{{.A}"), "template: :1: bad character U+007D '}'");
        assert_eq!(
            parse_err("{{.A ! }}"),
            "template: :1: unexpected \"!\" in operand"
        );
        assert_eq!(
            parse_err("{{.A \u{2192} }}"),
            "template: :1: unrecognized character in action: U+2192 '→'"
        );
        assert_eq!(
            parse_err("{{.A)}}"),
            "template: :1: unexpected \")\" in command"
        );
        assert_eq!(
            parse_err("{{'ab'}}"),
            "template: :1: malformed character constant: 'ab'"
        );
        assert_eq!(
            parse_err("{{range $a, $b, $c := .A}}{{end}}"),
            "template: :1: too many declarations in range"
        );
        assert_eq!(
            parse_err("{{.A.}}"),
            "template: :1: unexpected <.> in operand"
        );
        assert_eq!(
            parse_err("{{define \"x\"}}a{{else}}b{{end}}"),
            "template: :1: unexpected {{else}} in define clause"
        );
        assert_eq!(
            parse_err("{{if 1}}{{define \"x\"}}{{end}}{{end}}"),
            "template: :1: unexpected <define> in command"
        );
    }

    #[test]
    fn exec_errors() {
        let d = json!({"ID": "abc", "Names": "web", "L": ["a"]});
        let e = |t: &str| render(t, &d).unwrap_err().to_string();
        assert_eq!(
            e("{{.ID.Foo}}"),
            "template: :1:5: executing \"\" at <.ID.Foo>: can't evaluate field Foo in type string"
        );
        assert_eq!(e("{{join .Names \",\"}}"), "template: :1:7: executing \"\" at <.Names>: wrong type for value; expected []string; got string");
        assert_eq!(
            e("{{join .L}}"),
            "template: :1:2: executing \"\" at <join>: wrong number of args for join: want 2 got 1"
        );
        assert_eq!(
            e("{{index .L 5}}"),
            "template: :1:2: executing \"\" at <index .L 5>: error calling index: index out of range: 5"
        );
        assert_eq!(
            e("{{.L | join \",\"}}"),
            "template: :1:12: executing \"\" at <\",\">: can't handle \",\" for arg of type []string"
        );
        assert_eq!(
            e("{{upper 1}}"),
            "template: :1:8: executing \"\" at <1>: expected string; found 1"
        );
        assert_eq!(
            e("{{nil}}"),
            "template: :1:2: executing \"\" at <nil>: nil is not a command"
        );
        assert_eq!(
            e("{{.ID 1}}"),
            "template: :1:2: executing \"\" at <.ID>: ID is not a method but has arguments"
        );
        assert_eq!(
            e("{{eq .L .L}}"),
            "template: :1:2: executing \"\" at <eq .L .L>: error calling eq: non-comparable type [a]: []string"
        );
        assert_eq!(
            e("{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}"),
            "template: :1:25: executing \"r\" at <{{template \"r\"}}>: exceeded maximum template depth (100000)"
        );
        assert_eq!(
            e("{{template \"x\"}}"),
            "template: :1:11: executing \"\" at <{{template \"x\"}}>: template \"x\" not defined"
        );
        assert_eq!(
            e("x {{range .ID}}{{end}}"),
            "template: :1:10: executing \"\" at <.ID>: range can't iterate over abc"
        );
    }

    #[test]
    fn hostile_templates_do_not_hang_or_crash() {
        let d = json!({"A": "x"});
        let deep = format!("{{{{{}.A{}}}}}", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(
            Template::parse(&deep).map(|_| ()).unwrap_err().to_string(),
            "template: :1: max expression depth exceeded"
        );
        let e = render("{{range 100000000000}}{{.}}{{end}}", &d)
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("execution limit exceeded"), "{e}");
        assert_eq!(r(r#"{{printf "%3000000d" 1}}"#, &d).len(), 1_000_000);
        for bad in [
            "{{",
            "{{{{",
            "}}{{",
            "{{'",
            "{{'ab'}}",
            "{{0x}}",
            "{{1.2.3}}",
            "{{-}}",
            "{{$}}",
            "{{(}}",
            "{{)}}",
            "{{\"\\x\"}}",
            "{{ .A | }}",
            "{{range $a, $b, $c := .A}}{{end}}",
            "{{else if}}",
            "{{if 1}}{{else}}{{else}}{{end}}",
            "é{{.é}}",
            "{{.A.é!}}",
        ] {
            let _ = render(bad, &d);
        }
    }

    fn ps_headers() -> Vec<(&'static str, &'static str)> {
        vec![
            ("ID", "CONTAINER ID"),
            ("Image", "IMAGE"),
            ("Command", "COMMAND"),
            ("RunningFor", "CREATED"),
            ("Status", "STATUS"),
            ("Ports", "PORTS"),
            ("Names", "NAMES"),
            ("Labels", "LABELS"),
        ]
    }

    const PS_TABLE: &str = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";

    #[test]
    fn docker_table_formats() {
        let rows = vec![
            json!({"ID": "4f2c1a9b7d3e", "Image": "nginx", "Command": "\"/docker-entrypoint.…\"", "RunningFor": "2 minutes ago", "Status": "Up 2 minutes (Paused)", "Ports": "80/tcp", "Names": "web", "Labels": ""}),
            json!({"ID": "9a8b7c6d5e4f", "Image": "alpine", "Command": "\"echo hi\"", "RunningFor": "3 minutes ago", "Status": "Created", "Ports": "", "Names": "fresh", "Labels": ""}),
        ];
        let t = "ContainerContext";
        assert_eq!(
            format_rows(PS_TABLE, &ps_headers(), &rows, Some(t)).unwrap(),
            "CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS                  PORTS     NAMES\n\
             4f2c1a9b7d3e   nginx     \"/docker-entrypoint.…\"   2 minutes ago   Up 2 minutes (Paused)   80/tcp    web\n\
             9a8b7c6d5e4f   alpine    \"echo hi\"                3 minutes ago   Created                           fresh\n"
        );
        assert_eq!(
            format_rows(PS_TABLE, &ps_headers(), &[], Some(t)).unwrap(),
            "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n"
        );
        assert_eq!(
            format_rows("{{.ID}}: {{.Names}}", &ps_headers(), &rows, Some(t)).unwrap(),
            "4f2c1a9b7d3e: web\n9a8b7c6d5e4f: fresh\n"
        );
        assert_eq!(
            format_rows(
                "table {{.Names}}\\t{{json .Labels}}",
                &ps_headers(),
                &rows[..1],
                Some(t)
            )
            .unwrap(),
            "NAMES     LABELS\nweb       \"\"\n"
        );
        assert_eq!(
            format_rows("json", &ps_headers(), &rows[1..], Some(t)).unwrap(),
            "{\"Command\":\"\\\"echo hi\\\"\",\"ID\":\"9a8b7c6d5e4f\",\"Image\":\"alpine\",\"Labels\":\"\",\"Names\":\"fresh\",\"Ports\":\"\",\"RunningFor\":\"3 minutes ago\",\"Status\":\"Created\"}\n"
        );
        assert_eq!(
            format_rows("{{.Foo}}", &ps_headers(), &rows, Some("*formatter.ContainerContext")).unwrap_err(),
            "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"
        );
        assert_eq!(
            format_rows("{{.ID", &ps_headers(), &rows, Some(t)).unwrap_err(),
            "template parsing error: template: :1: unclosed action"
        );
        assert_eq!(
            format_rows("table {{upper .Names}}", &ps_headers(), &rows[..1], Some(t)).unwrap(),
            "NAMES\nWEB\n"
        );
    }
}

// ------------------------------------------------------------ no panics

mod hostile_input {
    use dockerlings::cli::format::table::{ellipsis, tabwrite};
    use dockerlings::cli::format::template::{format_rows, Template};
    use dockerlings::cli::format::units::{from_human_size, ram_in_bytes};
    use dockerlings::engine::reference::{parse_any, path_match, Reference};
    use proptest::prelude::*;
    use serde_json::json;

    const FRAGS: &[&str] = &[
        "{{",
        "}}",
        "{{-",
        " -}}",
        ".",
        ".A",
        ".B.C",
        "$",
        "$x",
        ":=",
        "=",
        "|",
        "(",
        ")",
        "\"",
        "\"s\"",
        "`",
        "'",
        "'a'",
        ",",
        " ",
        "\n",
        "\t",
        "\\",
        "if",
        "else",
        "end",
        "range",
        "with",
        "define",
        "template",
        "block",
        "break",
        "continue",
        "nil",
        "true",
        "1",
        "-2",
        "0x",
        "1e9",
        "index",
        "len",
        "printf",
        "\"%d%s%v%q%!\"",
        "json",
        "join",
        "split",
        "slice",
        "eq",
        "lt",
        "and",
        "or",
        "not",
        "pad",
        "truncate",
        "upper",
        "é",
        "→",
        "/*",
        "*/",
        "table",
        "\\t",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(FRAGS), 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn templates_never_panic(t in text()) {
            let data = json!({"A": ["x", "y"], "B": {"C": 1, "D": null}, "E": "str"});
            if let Ok(tmpl) = Template::parse(&t) {
                let _ = tmpl.render(&data);
            }
            let _ = format_rows(&t, &[("A", "A")], std::slice::from_ref(&data), Some("T"));
        }

        #[test]
        fn parsers_never_panic(s in text()) {
            let _ = Reference::parse_normalized(&s);
            let _ = parse_any(&s);
            let _ = path_match(&s, "ubuntu:latest");
            let _ = ram_in_bytes(&s);
            let _ = from_human_size(&s);
            let _ = tabwrite(&s);
            for w in 0..4 {
                let _ = ellipsis(&s, w);
            }
        }
    }
}

// ------------------------------------------------------------ golden data from Go

/// Outputs recorded by running the real Go code (see each file's `note`):
/// Go's text/template with Docker's functions, Docker's `Context.Write`,
/// go-units, text/tabwriter, strconv.Quote and fmt's float verbs.
mod go_golden {
    use dockerlings::cli::format::template::{format_rows, Template};
    use dockerlings::cli::format::{gofmt, table, units};
    use serde_json::Value;

    fn load(text: &str) -> Value {
        serde_json::from_str(text).expect("golden file is JSON")
    }

    fn s(v: &Value) -> &str {
        v.as_str().expect("string")
    }

    #[test]
    fn templates_match_go() {
        let g = load(include_str!("data/go_templates.json"));
        let data = &g["data"];
        let cases = g["cases"].as_array().expect("cases");
        assert!(cases.len() > 150);
        for c in cases {
            let (t, want) = (s(&c[0]), s(&c[1]));
            let got = match Template::parse(t) {
                Err(e) => format!("ERR {e}"),
                Ok(tp) => match tp.render(data) {
                    Ok(out) => format!("OK {out}"),
                    Err(e) => format!("ERR {e}"),
                },
            };
            assert_eq!(got, want, "template {t:?}");
        }
    }

    #[test]
    fn format_rows_match_docker() {
        let g = load(include_str!("data/go_format_rows.json"));
        for c in g["cases"].as_array().expect("cases") {
            let f = s(&c[0]);
            let headers: Vec<(&str, &str)> = c[1]
                .as_object()
                .expect("headers")
                .iter()
                .map(|(k, v)| (k.as_str(), s(v)))
                .collect();
            let rows = c[2].as_array().expect("rows");
            let got = match format_rows(f, &headers, rows, None) {
                Ok(out) => format!("OK {out}"),
                Err(e) => format!("ERR {e}"),
            };
            assert_eq!(got, s(&c[3]), "format {f:?} over {} rows", rows.len());
        }
    }

    #[test]
    fn units_tables_quotes_floats_match_go() {
        let g = load(include_str!("data/go_units.json"));
        for c in g["sizes"].as_array().expect("sizes") {
            let n = c[0].as_f64().expect("size");
            assert_eq!(units::human_size_with_precision(n, 3), s(&c[1]), "{n} (3)");
            assert_eq!(units::human_size(n), s(&c[2]), "{n} (4)");
            assert_eq!(units::bytes_size(n), s(&c[3]), "{n} (binary)");
        }
        for c in g["durations"].as_array().expect("durations") {
            let ms = c[0].as_i64().expect("ms");
            assert_eq!(units::human_duration(ms), s(&c[1]), "{ms} ms");
        }
        let show = |r: Result<i64, units::SizeError>| match r {
            Ok(v) => v.to_string(),
            Err(e) => format!("ERR {e}"),
        };
        for c in g["parse"].as_array().expect("parse") {
            let p = s(&c[0]);
            assert_eq!(show(units::ram_in_bytes(p)), s(&c[1]), "RAMInBytes({p:?})");
            assert_eq!(
                show(units::from_human_size(p)),
                s(&c[2]),
                "FromHumanSize({p:?})"
            );
        }
        for c in g["tables"].as_array().expect("tables") {
            assert_eq!(
                table::tabwrite(s(&c[0])),
                s(&c[1]),
                "tabwriter {:?}",
                s(&c[0])
            );
        }
        for c in g["quotes"].as_array().expect("quotes") {
            assert_eq!(gofmt::quote(s(&c[0])), s(&c[1]));
        }
        for c in g["floats"].as_array().expect("floats") {
            let x: f64 = s(&c[0]).parse().expect("float");
            let got = [
                gofmt::format_g(x, None),
                gofmt::format_g(x, Some(3)),
                gofmt::format_g(x, Some(1)),
                gofmt::format_g(x, Some(6)),
                gofmt::format_v(x),
                gofmt::format_e(x, 6),
                gofmt::format_f(x, 2),
                gofmt::format_f(x, 0),
            ]
            .join("|");
            assert_eq!(got, s(&c[1]), "{x}");
        }
    }
}
