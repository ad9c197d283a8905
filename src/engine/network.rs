//! Networks: the default `bridge` (172.17.0.0/16), `host`, `none`, and
//! user-defined bridges (172.18.0.0/16, 172.19.0.0/16, …) where containers
//! reach each other by name. IP addresses are handed out lowest-free from
//! `.2` (the gateway is `.1`) to running containers.

use super::clock::{IdSource, Millis};
use super::error::EngineError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A network.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Network {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub subnet: String,
    pub gateway: String,
    #[serde(default)]
    pub created: Millis,
    /// Created by the user (`docker network create`): has name resolution.
    #[serde(default)]
    pub user_defined: bool,
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub attachable: bool,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

impl Network {
    /// `bridge`, `host` and `none` cannot be removed.
    pub fn predefined(&self) -> bool {
        !self.user_defined
    }
    /// The first three octets' prefix for addresses (`172.17.0.`), for /16
    /// subnets, with the host part counted from `.0.2`.
    pub fn ip_for(&self, n: u32) -> Option<String> {
        let base = self.subnet.split('/').next()?;
        let o: Vec<u32> = base.split('.').filter_map(|x| x.parse().ok()).collect();
        if o.len() != 4 {
            return None;
        }
        let v = (o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3]) + n;
        Some(format!(
            "{}.{}.{}.{}",
            v >> 24,
            (v >> 16) & 255,
            (v >> 8) & 255,
            v & 255
        ))
    }
    /// Prefix length of the subnet.
    pub fn prefix_len(&self) -> u8 {
        self.subnet
            .split_once('/')
            .and_then(|(_, p)| p.parse().ok())
            .unwrap_or(0)
    }
}

/// Options of `docker network create`.
#[derive(Clone, Debug, Default)]
pub struct CreateOptions {
    pub driver: String,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub internal: bool,
}

/// The networks of one daemon.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NetworkStore {
    pub by_id: BTreeMap<String, Network>,
}

impl NetworkStore {
    /// The three networks a fresh engine has.
    pub fn new(ids: &mut IdSource) -> NetworkStore {
        let mut by_id = BTreeMap::new();
        for (name, driver, subnet, gw) in [
            ("bridge", "bridge", "172.17.0.0/16", "172.17.0.1"),
            ("host", "host", "", ""),
            ("none", "null", "", ""),
        ] {
            let id = ids.hex64();
            by_id.insert(
                id.clone(),
                Network {
                    id,
                    name: name.to_string(),
                    driver: driver.to_string(),
                    subnet: subnet.to_string(),
                    gateway: gw.to_string(),
                    created: 0,
                    user_defined: false,
                    internal: false,
                    attachable: false,
                    labels: BTreeMap::new(),
                },
            );
        }
        NetworkStore { by_id }
    }

    /// Finds a network by full ID, exact name, or unique ID prefix.
    pub fn find(&self, key: &str) -> Option<&Network> {
        if key.is_empty() {
            return None;
        }
        if let Some(n) = self.by_id.get(key) {
            return Some(n);
        }
        if let Some(n) = self.by_id.values().find(|n| n.name == key) {
            return Some(n);
        }
        let mut m = self.by_id.values().filter(|n| n.id.starts_with(key));
        match (m.next(), m.next()) {
            (Some(n), None) => Some(n),
            _ => None,
        }
    }

    /// Like [`NetworkStore::find`] with Docker's `network X not found`.
    pub fn lookup(&self, key: &str) -> Result<&Network, EngineError> {
        self.find(key)
            .ok_or_else(|| EngineError::msg(404, format!("network {key} not found")))
    }

    /// Networks sorted by name (`docker network ls`).
    pub fn sorted(&self) -> Vec<&Network> {
        let mut v: Vec<&Network> = self.by_id.values().collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    }

    /// `docker network create NAME`: a user-defined bridge on the next free
    /// 172.x.0.0/16 subnet.
    pub fn create(
        &mut self,
        name: &str,
        opts: CreateOptions,
        ids: &mut IdSource,
        now: Millis,
    ) -> Result<String, EngineError> {
        let CreateOptions {
            driver,
            subnet,
            gateway,
            labels,
            internal,
        } = opts;
        let (driver, subnet, gateway) = (driver.as_str(), subnet.as_deref(), gateway.as_deref());
        if self.by_id.values().any(|n| n.name == name) {
            return Err(EngineError::conflict(format!(
                "network with name {name} already exists"
            )));
        }
        match driver {
            "bridge" => {}
            "host" | "null" => {
                return Err(EngineError::msg(
                    403,
                    format!("only one instance of \"{driver}\" network is allowed"),
                ))
            }
            other => {
                return Err(EngineError::msg(
                    404,
                    format!("plugin \"{other}\" not found"),
                ))
            }
        }
        let (subnet, gw) = match subnet {
            Some(s) => {
                let base = s.split('/').next().unwrap_or(s);
                let gw = gateway.map(str::to_string).unwrap_or_else(|| {
                    let o: Vec<&str> = base.split('.').collect();
                    if o.len() == 4 {
                        format!("{}.{}.{}.1", o[0], o[1], o[2])
                    } else {
                        String::new()
                    }
                });
                (s.to_string(), gw)
            }
            None => {
                let mut k = 18;
                while self
                    .by_id
                    .values()
                    .any(|n| n.subnet == format!("172.{k}.0.0/16"))
                {
                    k += 1;
                }
                (format!("172.{k}.0.0/16"), format!("172.{k}.0.1"))
            }
        };
        let id = ids.hex64();
        self.by_id.insert(
            id.clone(),
            Network {
                id: id.clone(),
                name: name.to_string(),
                driver: driver.to_string(),
                subnet,
                gateway: gw,
                created: now,
                user_defined: true,
                internal,
                attachable: false,
                labels,
            },
        );
        Ok(id)
    }

    /// The lowest free address of network `id` given the addresses in use.
    pub fn allocate_ip(&self, id: &str, used: &[String]) -> Option<String> {
        let n = self.by_id.get(id)?;
        if n.subnet.is_empty() {
            return None;
        }
        (2..65_000).find_map(|k| n.ip_for(k).filter(|ip| !used.contains(ip)))
    }
}

/// A MAC address derived from an IPv4 address, as Docker does for bridge
/// endpoints (`02:42:` + the four octets).
pub fn mac_for(ip: &str) -> String {
    let o: Vec<u8> = ip.split('.').filter_map(|x| x.parse().ok()).collect();
    if o.len() != 4 {
        return String::new();
    }
    format!("02:42:{:02x}:{:02x}:{:02x}:{:02x}", o[0], o[1], o[2], o[3])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_and_allocate() {
        let opts = || CreateOptions {
            driver: "bridge".into(),
            ..CreateOptions::default()
        };
        let mut ids = IdSource::seeded(1);
        let mut s = NetworkStore::new(&mut ids);
        let id = s.create("mynet", opts(), &mut ids, 0).unwrap();
        assert_eq!(s.by_id[&id].subnet, "172.18.0.0/16");
        assert!(s.create("mynet", opts(), &mut ids, 0).is_err());
        let bridge = s.find("bridge").unwrap().id.clone();
        assert_eq!(
            s.allocate_ip(&bridge, &["172.17.0.2".into()]).unwrap(),
            "172.17.0.3"
        );
        assert_eq!(mac_for("172.17.0.2"), "02:42:ac:11:00:02");
    }
}
