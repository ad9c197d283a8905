//! `ssh [user@]HOST`: log in to another machine of the simulated network
//! (the `server` beside the learner's `laptop`). The program resolves the
//! host and asks the terminal to switch to it ([`Action::Ssh`], with the
//! host as typed); `exit` or
//! `logout` there comes back.

use super::{Flow, Proc};
use crate::userland::{Action, SysKind};

pub fn ssh(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let mut dest = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if matches!(a.as_str(), "-p" | "-l" | "-i" | "-o" | "-F") {
            it.next();
        } else if !a.starts_with('-') && dest.is_none() {
            dest = Some(a.clone());
        }
    }
    let Some(dest) = dest else {
        p.out.errln("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]");
        return Ok(255);
    };
    if !matches!(p.sys.kind(), SysKind::Host(_)) {
        p.out.errln("bash: ssh: command not found");
        return Ok(127);
    }
    let host = dest
        .rsplit_once('@')
        .map_or(dest.as_str(), |(_, h)| h)
        .to_string();
    let Some(ip) = p.sys.resolve_host(&host) else {
        p.out.errln(format!(
            "ssh: Could not resolve hostname {host}: Name or service not known"
        ));
        return Ok(255);
    };
    if !p.sys.ping(&ip) || ip.starts_with("172.") {
        p.out.errln(format!(
            "ssh: connect to host {host} port 22: Connection timed out"
        ));
        return Ok(255);
    }
    p.out.action = Some(Action::Ssh { host });
    Ok(0)
}
