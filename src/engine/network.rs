//! Networks: the default `bridge` (172.17.0.0/16), `host`, `none`, and
//! user-defined bridges where containers reach each other by name.

use super::clock::IdSource;
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
                },
            );
        }
        NetworkStore { by_id }
    }
}
