//! Accounts of the public registries and who may push where.
//!
//! Docker Hub: `learner` / `dockerlings` (namespace `learner`) and `alice`
//! (someone else, so pushing to `alice/…` is denied). The cloud registry
//! (`registry.cn-hangzhou.aliyuncs.com`): `learner` / `dockerlings`, owning
//! the namespace `huazaizai` of seed 003. Private `registry` containers have
//! no authentication: any login succeeds and anyone may push.

use super::{CLOUD, DOCKER_HUB};

/// An account: user name, password, namespaces it owns.
pub struct Account {
    pub user: &'static str,
    pub password: &'static str,
    pub namespaces: &'static [&'static str],
}

const HUB: &[Account] = &[
    Account {
        user: "learner",
        password: "dockerlings",
        namespaces: &["learner"],
    },
    Account {
        user: "alice",
        password: "wonderland",
        namespaces: &["alice"],
    },
];

const CLOUD_ACCOUNTS: &[Account] = &[Account {
    user: "learner",
    password: "dockerlings",
    namespaces: &["huazaizai", "learner"],
}];

/// Accounts of a registry; `None` when it does not authenticate.
pub fn accounts(domain: &str) -> Option<&'static [Account]> {
    match domain {
        DOCKER_HUB => Some(HUB),
        CLOUD => Some(CLOUD_ACCOUNTS),
        "mcr.microsoft.com" => Some(&[]),
        _ => None,
    }
}

/// Whether `user`/`password` log in to `domain`.
pub fn check(domain: &str, user: &str, password: &str) -> bool {
    match accounts(domain) {
        None => true,
        Some(list) => list
            .iter()
            .any(|a| a.user == user && a.password == password),
    }
}

/// Whether the (logged-in) `user` may push to `repo` of `domain`.
pub fn may_push(domain: &str, user: Option<(&str, &str)>, repo: &str) -> bool {
    let Some(list) = accounts(domain) else {
        return true;
    };
    let Some((u, p)) = user else { return false };
    let ns = repo.split('/').next().unwrap_or("");
    list.iter()
        .any(|a| a.user == u && a.password == p && a.namespaces.contains(&ns))
}

/// Whether `repo` of `domain` can be pulled by `user` (cloud repositories
/// are private to their namespace's owner; Docker Hub ones are public).
pub fn may_pull(domain: &str, user: Option<(&str, &str)>, repo: &str) -> bool {
    if domain != CLOUD {
        return true;
    }
    may_push(domain, user, repo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_and_passwords() {
        assert!(check("docker.io", "learner", "dockerlings"));
        assert!(!check("docker.io", "learner", "nope"));
        assert!(check("localhost:5000", "x", "y"));
        let me = Some(("learner", "dockerlings"));
        assert!(may_push("docker.io", me, "learner/app"));
        assert!(!may_push("docker.io", me, "alice/app"));
        assert!(!may_push("docker.io", None, "learner/app"));
        assert!(!may_push("docker.io", me, "library/ubuntu"));
        assert!(may_push(CLOUD, me, "huazaizai/myubuntu"));
        assert!(!may_pull(CLOUD, None, "huazaizai/myubuntu"));
        assert!(may_pull("docker.io", None, "learner/app"));
    }
}
