//! Network tools: curl, wget, ip, ifconfig, ping — over [`Sys::http`],
//! [`Sys::interfaces`] and [`Sys::ping`].

use super::{bad_option, Flow, Opts, Proc};
use crate::userland::{HttpRequest, HttpResponse, Iface};

const CURL_UA: &str = "curl/8.5.0";

/// A parsed URL.
struct Url {
    scheme: String,
    host: String,
    port: u16,
    path: String,
}

fn parse_url(s: &str) -> Result<Url, String> {
    let (scheme, rest) = match s.split_once("://") {
        Some((sch, r)) => (sch.to_lowercase(), r),
        None => ("http".to_string(), s),
    };
    if scheme != "http" && scheme != "https" {
        return Err(format!("Protocol \"{scheme}\" not supported"));
    }
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let hostport = hostport.rsplit('@').next().unwrap_or(hostport);
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (
            h.to_string(),
            p.parse::<u16>().map_err(|_| {
                "Port number was not a decimal number between 0 and 65535".to_string()
            })?,
        ),
        None => (
            hostport.to_string(),
            if scheme == "https" { 443 } else { 80 },
        ),
    };
    if host.is_empty() {
        return Err("No host part in the URL".into());
    }
    Ok(Url {
        scheme,
        host,
        port,
        path,
    })
}

fn curl_code(err: &str) -> i32 {
    if err.starts_with("Could not resolve") {
        6
    } else if err.contains("timed out") {
        28
    } else if err.starts_with("Empty reply") {
        52
    } else if err.starts_with("Received HTTP/0.9") || err.contains("wrong version number") {
        35
    } else {
        7
    }
}

fn header<'a>(r: &'a HttpResponse, k: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
}

fn status_line(r: &HttpResponse) -> String {
    if r.reason.is_empty() {
        format!("HTTP/1.1 {}", r.status)
    } else {
        format!("HTTP/1.1 {} {}", r.status, r.reason)
    }
}

/// curl's long options that take a value, which may follow as the next
/// argument (`--unix-socket /var/run/docker.sock`).
const CURL_LONG_VALUES: &[&str] = &[
    "unix-socket",
    "data",
    "data-raw",
    "data-binary",
    "json",
    "request",
    "header",
    "output",
    "url",
    "user-agent",
    "user",
    "max-time",
    "connect-timeout",
];

/// Joins `--name value` into `--name=value` for [`CURL_LONG_VALUES`].
fn join_long_values(args: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(args.len());
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        if a == "--" {
            out.push(a);
            out.extend(it.by_ref());
            break;
        }
        let takes = a
            .strip_prefix("--")
            .is_some_and(|n| CURL_LONG_VALUES.contains(&n));
        match (takes, takes.then(|| it.next()).flatten()) {
            (true, Some(v)) => out.push(format!("{a}={v}")),
            _ => out.push(a),
        }
    }
    out
}

/// The body of `-d`/`--data-binary`: `@file` reads the file (`-d` drops
/// its newlines, as curl does); `@-` reads stdin.
fn curl_data(p: &mut Proc, value: &str, binary: bool) -> Result<Vec<u8>, String> {
    let Some(file) = value.strip_prefix('@') else {
        return Ok(value.as_bytes().to_vec());
    };
    let bytes = if file == "-" {
        p.ctx.stdin.clone().unwrap_or_default()
    } else {
        p.read(file).map_err(|_| format!("Failed to open {file}"))?
    };
    Ok(if binary {
        bytes
    } else {
        bytes
            .into_iter()
            .filter(|b| *b != b'\n' && *b != b'\r')
            .collect()
    })
}

pub fn curl(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&join_long_values(p.args()), "XHdoAuwem") {
        Ok(o) => o,
        Err(e) => {
            p.out.errln(format!("curl: {e}"));
            p.out
                .errln("curl: try 'curl --help' or 'curl --manual' for more information");
            return Ok(2);
        }
    };
    if o.has('V') || o.long("version") {
        let alpine = p.read("/etc/alpine-release").is_ok();
        if alpine {
            p.out.outln("curl 8.11.1 (x86_64-alpine-linux-musl) libcurl/8.11.1 OpenSSL/3.3.2 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.3 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.64.0\nRelease-Date: 2024-12-11\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss\nFeatures: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd");
        } else {
            p.out.outln("curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3 brotli/1.1.0 zstd/1.5.5 libidn2/2.4.0 libpsl/0.21.2 (+libidn2/2.3.7) libssh/0.10.6/openssl/zlib nghttp2/1.59.0 librtmp/2.3 OpenLDAP/2.6.7\nRelease-Date: 2023-12-06, security patched: 8.5.0-2ubuntu10.6\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\nFeatures: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd");
        }
        return Ok(0);
    }
    let mut urls = o.operands.clone();
    for (k, v) in &o.longs {
        if k == "url" {
            if let Some(v) = v {
                urls.push(v.clone());
            }
        }
    }
    if urls.is_empty() {
        p.out.errln("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information");
        return Ok(2);
    }
    let silent = o.has('s') || o.long("silent");
    let show_err = o.has('S') || o.long("show-error") || !silent;
    let head = o.has('I') || o.long("head");
    let include = o.has('i') || o.long("include");
    let verbose = o.has('v') || o.long("verbose");
    let follow = o.has('L') || o.long("location");
    let fail = o.has('f') || o.long("fail");
    let data_arg: Option<(String, bool)> = o
        .value('d')
        .map(|v| (v.to_string(), false))
        .or_else(|| o.long_value("data").map(|v| (v.to_string(), false)))
        .or_else(|| o.long_value("data-binary").map(|v| (v.to_string(), true)))
        .or_else(|| o.long_value("json").map(|v| (v.to_string(), false)));
    let data: Option<Vec<u8>> = match data_arg {
        None => o.long_value("data-raw").map(|v| v.as_bytes().to_vec()),
        Some((v, binary)) => match curl_data(p, &v, binary) {
            Ok(b) => Some(b),
            Err(e) => {
                p.out.errln(format!("Warning: {e}"));
                Some(Vec::new())
            }
        },
    };
    let unix_socket = o.long_value("unix-socket").map(String::from);
    let mut headers: Vec<(String, String)> = o
        .values
        .iter()
        .filter(|(k, _)| *k == 'H')
        .map(|(_, v)| v.as_str())
        .chain(
            o.longs
                .iter()
                .filter(|(k, _)| k == "header")
                .filter_map(|(_, v)| v.as_deref()),
        )
        .filter_map(|v| {
            let (a, b) = v.split_once(':')?;
            Some((a.trim().to_string(), b.trim().to_string()))
        })
        .collect();
    if o.long_value("json").is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
        headers.push(("Accept".into(), "application/json".into()));
    }
    let method = o
        .value('X')
        .map(String::from)
        .or_else(|| o.long_value("request").map(String::from))
        .unwrap_or_else(|| {
            if head {
                "HEAD".into()
            } else if data.is_some() {
                "POST".into()
            } else {
                "GET".into()
            }
        });
    let outfile = o
        .value('o')
        .map(String::from)
        .or_else(|| o.long_value("output").map(String::from));
    let mut code = 0;
    for u in urls {
        let mut url = match parse_url(&u) {
            Ok(x) => x,
            Err(e) => {
                if show_err {
                    p.out.errln(format!("curl: (3) URL rejected: {e}"));
                }
                code = 3;
                continue;
            }
        };
        let mut hops = 0;
        loop {
            let ip = match &unix_socket {
                Some(_) => Some(url.host.clone()),
                None => p.sys.resolve_host(&url.host),
            };
            if ip.is_none() {
                if show_err {
                    p.out
                        .errln(format!("curl: (6) Could not resolve host: {}", url.host));
                }
                code = 6;
                break;
            }
            let ip = ip.unwrap_or_default();
            let mut req = HttpRequest {
                method: method.clone(),
                scheme: url.scheme.clone(),
                host: url.host.clone(),
                port: url.port,
                path: url.path.clone(),
                headers: vec![
                    (
                        "Host".into(),
                        if (url.port == 80 && url.scheme == "http")
                            || (url.port == 443 && url.scheme == "https")
                        {
                            url.host.clone()
                        } else {
                            format!("{}:{}", url.host, url.port)
                        },
                    ),
                    ("User-Agent".into(), CURL_UA.into()),
                    ("Accept".into(), "*/*".into()),
                ],
                body: data.clone().unwrap_or_default(),
            };
            for (k, v) in &headers {
                req.headers.retain(|(a, _)| !a.eq_ignore_ascii_case(k));
                req.headers.push((k.clone(), v.clone()));
            }
            if data.is_some() {
                req.headers
                    .push(("Content-Length".into(), req.body.len().to_string()));
                if !headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                {
                    req.headers.push((
                        "Content-Type".into(),
                        "application/x-www-form-urlencoded".into(),
                    ));
                }
            }
            if verbose {
                p.out.errln(format!("*   Trying {ip}:{}...", url.port));
            }
            let resp = match &unix_socket {
                Some(sock) => p.sys.unix_http(sock, &req),
                None => p.sys.http(&req),
            };
            let resp = match resp {
                Ok(r) => r,
                Err(e) => {
                    if show_err {
                        p.out.errln(format!("curl: ({}) {e}", curl_code(&e)));
                    }
                    code = curl_code(&e);
                    break;
                }
            };
            if verbose {
                p.out.errln(format!(
                    "* Connected to {} ({ip}) port {}",
                    url.host, url.port
                ));
                p.out
                    .errln(format!("> {} {} HTTP/1.1", req.method, req.path));
                for (k, v) in &req.headers {
                    p.out.errln(format!("> {k}: {v}"));
                }
                p.out.errln(">");
                p.out.errln(format!("< {}", status_line(&resp)));
                for (k, v) in &resp.headers {
                    p.out.errln(format!("< {k}: {v}"));
                }
                p.out.errln("<");
            }
            if follow && (300..400).contains(&resp.status) && hops < 10 {
                if let Some(loc) = header(&resp, "Location") {
                    let next = if loc.starts_with("http") {
                        parse_url(loc)
                    } else {
                        Ok(Url {
                            scheme: url.scheme.clone(),
                            host: url.host.clone(),
                            port: url.port,
                            path: loc.to_string(),
                        })
                    };
                    if let Ok(n) = next {
                        if include || head {
                            p.out.out(format!("{}\r\n", status_line(&resp)));
                            for (k, v) in &resp.headers {
                                p.out.out(format!("{k}: {v}\r\n"));
                            }
                            p.out.out("\r\n");
                        }
                        url = n;
                        hops += 1;
                        continue;
                    }
                }
            }
            if fail && resp.status >= 400 {
                if show_err {
                    p.out.errln(format!(
                        "curl: (22) The requested URL returned error: {}",
                        resp.status
                    ));
                }
                code = 22;
                break;
            }
            let mut text: Vec<u8> = Vec::new();
            if include || head {
                text.extend_from_slice(format!("{}\r\n", status_line(&resp)).as_bytes());
                for (k, v) in &resp.headers {
                    text.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
                }
                text.extend_from_slice(b"\r\n");
            }
            if !head {
                text.extend_from_slice(&resp.body);
            }
            match &outfile {
                Some(f) => {
                    let f = f.clone();
                    if let Err(e) = p.write(&f, &text) {
                        p.out.errln(format!(
                            "curl: (23) Failure writing output to destination: {e}"
                        ));
                        code = 23;
                        break;
                    }
                    if !silent {
                        let n = text.len();
                        p.out.errln("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed");
                        p.out.errln(format!(
                            "100 {n:>5}  100 {n:>5}    0     0  {:>5}k      0 --:--:-- --:--:-- --:--:-- {:>5}k",
                            n.max(1000) / 1000 * 1000 / 1000,
                            n.max(1000) / 1000 * 1000 / 1000
                        ));
                    }
                }
                None => p.out.out(String::from_utf8_lossy(&text)),
            }
            if verbose {
                p.out
                    .errln(format!("* Connection #0 to host {} left intact", url.host));
            }
            break;
        }
    }
    Ok(code)
}

pub fn wget(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "OPT") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let quiet = o.has('q');
    let Some(u) = o.operands.first().cloned() else {
        p.errln("missing URL");
        if !p.is_busybox() {
            p.out
                .errln("Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.");
        }
        return Ok(1);
    };
    let url = match parse_url(&u) {
        Ok(x) => x,
        Err(e) => {
            p.errln(e);
            return Ok(1);
        }
    };
    let fname = o.value('O').map(String::from).unwrap_or_else(|| {
        let last = url
            .path
            .split('?')
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        if last.is_empty() {
            "index.html".into()
        } else {
            last.to_string()
        }
    });
    let full = format!(
        "{}://{}{}{}",
        url.scheme,
        url.host,
        if (url.port == 80 && url.scheme == "http") || url.port == 443 {
            String::new()
        } else {
            format!(":{}", url.port)
        },
        url.path
    );
    let stamp = super::system::strftime(p.lim.clock, "%F %T");
    let busybox = p.is_busybox();
    let Some(ip) = p.sys.resolve_host(&url.host) else {
        if busybox {
            p.errln(format!("bad address '{}'", url.host));
        } else {
            if !quiet {
                p.out.errln(format!("--{stamp}--  {full}"));
                p.out.errln(format!(
                    "Resolving {} ({})... failed: Name or service not known.",
                    url.host, url.host
                ));
            }
            p.out.errln(format!(
                "wget: unable to resolve host address ‘{}’",
                url.host
            ));
        }
        return Ok(4);
    };
    if !quiet {
        if busybox {
            p.out.errln(format!(
                "Connecting to {}:{} ({ip}:{})",
                url.host, url.port, url.port
            ));
        } else {
            p.out.errln(format!("--{stamp}--  {full}"));
            if url.host != ip {
                p.out
                    .errln(format!("Resolving {} ({})... {ip}", url.host, url.host));
                p.out.err(format!(
                    "Connecting to {} ({})|{ip}|:{}... ",
                    url.host, url.host, url.port
                ));
            } else {
                p.out.err(format!("Connecting to {ip}:{}... ", url.port));
            }
        }
    }
    let req = HttpRequest {
        method: "GET".into(),
        scheme: url.scheme.clone(),
        host: url.host.clone(),
        port: url.port,
        path: url.path.clone(),
        headers: vec![
            ("User-Agent".into(), "Wget/1.21.4".into()),
            ("Accept".into(), "*/*".into()),
            ("Host".into(), url.host.clone()),
        ],
        body: vec![],
    };
    let resp = match p.sys.http(&req) {
        Ok(r) => r,
        Err(e) => {
            if busybox {
                p.errln(format!(
                    "can't connect to remote host ({ip}): Connection refused"
                ));
            } else if !quiet {
                p.out
                    .errln(if e.contains("refused") || e.contains("Couldn't connect") {
                        "failed: Connection refused."
                    } else {
                        "failed: Connection timed out."
                    });
            }
            return Ok(4);
        }
    };
    if !quiet && !busybox {
        p.out.errln("connected.");
        p.out.errln(format!(
            "HTTP request sent, awaiting response... {} {}",
            resp.status, resp.reason
        ));
    }
    if resp.status >= 400 {
        if busybox {
            p.errln(format!(
                "server returned error: HTTP/1.1 {} {}",
                resp.status, resp.reason
            ));
        } else {
            p.out
                .errln(format!("{stamp} ERROR {}: {}.\n", resp.status, resp.reason));
        }
        return Ok(8);
    }
    let n = resp.body.len();
    let ctype = header(&resp, "Content-Type")
        .unwrap_or("text/plain")
        .split(';')
        .next()
        .unwrap_or("")
        .to_string();
    if fname == "-" {
        p.out.out(String::from_utf8_lossy(&resp.body));
        return Ok(0);
    }
    if let Err(e) = p.write(&fname, &resp.body) {
        p.errln(format!("{fname}: {e}"));
        return Ok(3);
    }
    if !quiet {
        if busybox {
            p.out.errln(format!("saving to '{fname}'"));
            p.out.errln(format!(
                "{fname:<20} 100% |********************************| {n:>5}  0:00:00 ETA"
            ));
            p.out.errln(format!("'{fname}' saved"));
        } else {
            p.out.errln(format!("Length: {n} [{ctype}]"));
            p.out.errln(format!("Saving to: ‘{fname}’\n"));
            p.out.errln(format!(
                "{fname:<19} 100%[===================>] {n:>7}  --.-KB/s    in 0s      \n"
            ));
            p.out
                .errln(format!("{stamp} (48.8 MB/s) - ‘{fname}’ saved [{n}/{n}]\n"));
        }
    }
    Ok(0)
}

fn mask(prefix: u8) -> String {
    let m: u32 = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix as u32)
    };
    format!(
        "{}.{}.{}.{}",
        m >> 24,
        (m >> 16) & 255,
        (m >> 8) & 255,
        m & 255
    )
}

fn broadcast(ip: &str, prefix: u8) -> String {
    let parts: Vec<u32> = ip.split('.').filter_map(|x| x.parse().ok()).collect();
    if parts.len() != 4 {
        return ip.to_string();
    }
    let v = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3];
    let m: u32 = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix as u32)
    };
    let b = v | !m;
    format!(
        "{}.{}.{}.{}",
        b >> 24,
        (b >> 16) & 255,
        (b >> 8) & 255,
        b & 255
    )
}

fn ip_addr(ifs: &[Iface]) -> String {
    let mut s = String::new();
    for (k, i) in ifs.iter().enumerate() {
        let idx = k + 1;
        if i.name == "lo" {
            s.push_str(&format!("{idx}: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"));
            s.push_str("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n");
            continue;
        }
        let name = match i.peer {
            Some(p) => format!("{}@if{p}", i.name),
            None => i.name.clone(),
        };
        let (qdisc, extra) = if i.peer.is_some() {
            ("noqueue", " link-netnsid 0")
        } else {
            ("fq_codel", "")
        };
        s.push_str(&format!(
            "{idx}: {name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc {qdisc} state UP group default {}\n    link/ether {} brd ff:ff:ff:ff:ff:ff{extra}\n",
            if i.peer.is_some() { "" } else { "qlen 1000" },
            i.mac
        ));
        if let Some((a, pfx)) = &i.addr {
            let scope = if i.peer.is_some() {
                "global"
            } else {
                "global dynamic"
            };
            s.push_str(&format!(
                "    inet {a}/{pfx} brd {} scope {scope} {}\n       valid_lft forever preferred_lft forever\n",
                broadcast(a, *pfx),
                i.name
            ));
        }
    }
    s
}

pub fn ip(p: &mut Proc) -> Result<i32, Flow> {
    let args: Vec<String> = p
        .args()
        .into_iter()
        .filter(|a| !a.starts_with('-') || a.len() > 3)
        .collect();
    let obj = args.first().map(String::as_str).unwrap_or("");
    let ifs = p.sys.interfaces();
    match obj {
        "a" | "addr" | "address" => {
            let s = ip_addr(&ifs);
            p.out.out(s);
            Ok(0)
        }
        "l" | "link" => {
            for (k, i) in ifs.iter().enumerate() {
                p.out.outln(format!("{}: {}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n    link/ether {} brd ff:ff:ff:ff:ff:ff", k + 1, i.name, i.mac));
            }
            Ok(0)
        }
        "r" | "route" => {
            if let Some(i) = ifs.iter().find(|i| i.name != "lo" && i.addr.is_some()) {
                let (a, pfx) = i.addr.clone().unwrap_or_default();
                let parts: Vec<&str> = a.split('.').collect();
                let gw = if parts.len() == 4 {
                    format!("{}.{}.{}.1", parts[0], parts[1], parts[2])
                } else {
                    a.clone()
                };
                let net = broadcast(&a, pfx);
                let _ = net;
                let m: u32 = if pfx == 0 {
                    0
                } else {
                    u32::MAX << (32 - pfx as u32)
                };
                let v: Vec<u32> = parts.iter().filter_map(|x| x.parse().ok()).collect();
                let n = if v.len() == 4 {
                    ((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]) & m
                } else {
                    0
                };
                let gw = if pfx == 16 {
                    format!("{}.{}.0.1", n >> 24, (n >> 16) & 255)
                } else {
                    gw
                };
                p.out.outln(format!("default via {gw} dev {}", i.name));
                p.out.outln(format!(
                    "{}.{}.{}.{}/{pfx} dev {} proto kernel scope link src {a}",
                    n >> 24,
                    (n >> 16) & 255,
                    (n >> 8) & 255,
                    n & 255,
                    i.name
                ));
            }
            Ok(0)
        }
        "" => {
            p.out.errln("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | stats | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }");
            Ok(255)
        }
        other => {
            p.out
                .errln(format!("Object \"{other}\" is unknown, try \"ip help\"."));
            Ok(1)
        }
    }
}

pub fn ifconfig(p: &mut Proc) -> Result<i32, Flow> {
    let mut ifs = p.sys.interfaces();
    // ifconfig lists interfaces by name
    ifs.sort_by(|a, b| a.name.cmp(&b.name));
    let only = p.args().into_iter().find(|a| !a.starts_with('-'));
    for i in ifs {
        if only.as_deref().is_some_and(|o| o != i.name) {
            continue;
        }
        if p.is_busybox() {
            if i.name == "lo" {
                p.out.outln("lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n");
            } else {
                let (a, pfx) = i.addr.clone().unwrap_or_default();
                p.out.outln(format!("{:<10}Link encap:Ethernet  HWaddr {}  \n          inet addr:{a}  Bcast:{}  Mask:{}\n          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n          RX packets:12 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:0 \n          RX bytes:1016 (1016.0 B)  TX bytes:0 (0.0 B)\n", i.name, i.mac.to_uppercase(), broadcast(&a, pfx), mask(pfx)));
            }
            continue;
        }
        if i.name == "lo" {
            p.out.outln("lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n        loop  txqueuelen 1000  (Local Loopback)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n");
            continue;
        }
        let mut s = format!(
            "{}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n",
            i.name
        );
        if let Some((a, pfx)) = &i.addr {
            s.push_str(&format!(
                "        inet {a}  netmask {}  broadcast {}\n",
                mask(*pfx),
                broadcast(a, *pfx)
            ));
        }
        s.push_str(&format!(
            "        ether {}  txqueuelen {}  (Ethernet)\n        RX packets 5021  bytes 28926465 (28.9 MB)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 3329  bytes 183716 (183.7 KB)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n",
            i.mac,
            if i.peer.is_some() { 0 } else { 1000 }
        ));
        p.out.outln(s);
    }
    Ok(0)
}

pub fn ping(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "cWiwsI") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    let Some(host) = o.operands.first().cloned() else {
        if p.is_busybox() {
            p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST");
        } else {
            p.out
                .errln("ping: usage error: Destination address required");
        }
        return Ok(1);
    };
    let Some(ip) = p.sys.resolve_host(&host) else {
        if p.is_busybox() {
            p.errln(format!("bad address '{host}'"));
        } else {
            p.errln(format!("{host}: Temporary failure in name resolution"));
        }
        return Ok(2);
    };
    // Without -c, stop after 4 replies as if the learner pressed Ctrl+C.
    let count: u32 = o.value('c').and_then(|c| c.parse().ok()).unwrap_or(4);
    let interrupted = o.value('c').is_none();
    let bb = p.is_busybox();
    if bb {
        p.out.outln(format!("PING {host} ({ip}): 56 data bytes"));
    } else {
        p.out
            .outln(format!("PING {host} ({ip}) 56(84) bytes of data."));
    }
    let reply = p.sys.ping(&ip);
    let mut times = Vec::new();
    for seq in 0..count {
        if seq > 0 {
            p.sleep(1000)?;
        }
        if reply {
            let t = 0.045 + ((seq * 37 + ip.len() as u32 * 13) % 50) as f64 / 1000.0;
            times.push(t);
            let from = if host != ip && !bb {
                format!("{host} ({ip})")
            } else {
                ip.clone()
            };
            if bb {
                p.out.outln(format!(
                    "64 bytes from {ip}: seq={seq} ttl=64 time={t:.3} ms"
                ));
            } else {
                p.out.outln(format!(
                    "64 bytes from {from}: icmp_seq={} ttl=64 time={t:.3} ms",
                    seq + 1
                ));
            }
        }
    }
    if interrupted && !bb {
        p.out.outln("^C");
    }
    let recv = times.len() as u32;
    let loss = ((count - recv) * 100).checked_div(count).unwrap_or(0);
    p.out.outln(format!("\n--- {host} ping statistics ---"));
    if bb {
        p.out.outln(format!(
            "{count} packets transmitted, {recv} packets received, {loss}% packet loss"
        ));
        if recv > 0 {
            let (mn, av, mx) = stats(&times);
            p.out.outln(format!(
                "round-trip min/avg/max = {mn:.3}/{av:.3}/{mx:.3} ms"
            ));
        }
    } else {
        p.out.outln(format!(
            "{count} packets transmitted, {recv} received, {loss}% packet loss, time {}ms",
            if count > 1 {
                (count - 1) * 1000 + count
            } else {
                0
            }
        ));
        if recv > 0 {
            let (mn, av, mx) = stats(&times);
            let mdev = times.iter().map(|t| (t - av).abs()).sum::<f64>() / times.len() as f64;
            p.out.outln(format!(
                "rtt min/avg/max/mdev = {mn:.3}/{av:.3}/{mx:.3}/{mdev:.3} ms"
            ));
        }
    }
    Ok(if recv > 0 { 0 } else { 1 })
}

fn stats(t: &[f64]) -> (f64, f64, f64) {
    let mn = t.iter().cloned().fold(f64::MAX, f64::min);
    let mx = t.iter().cloned().fold(0.0, f64::max);
    let av = t.iter().sum::<f64>() / t.len().max(1) as f64;
    (mn, av, mx)
}
