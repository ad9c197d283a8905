//! A small Python: enough of the language for the lessons' scripts.

use super::{Flow, Proc};
use crate::engine::clock::Millis;
use crate::userland::{HttpRequest, HttpResponse, Output, Sys};
use serde::{Deserialize, Serialize};

/// A Python web app kept as a service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebApp {
    pub port: u16,
}

pub fn python(p: &mut Proc) -> Result<i32, Flow> {
    let _ = p;
    Ok(0)
}

pub fn serve(sys: &mut dyn Sys, app: &mut WebApp, req: &HttpRequest, log: &mut Output, now: Millis) -> HttpResponse {
    let _ = (sys, app, req, log, now);
    HttpResponse::default()
}
