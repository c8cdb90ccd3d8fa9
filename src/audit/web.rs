//! Auditing the live site: a text file lists its web addresses, one per line (`#` starts
//! a comment), and each is fetched and scanned as the file it is.

use std::path::Path;
use std::time::Duration;

use rayon::prelude::*;

use super::scan_bytes;
use crate::diag::Diagnostic;
use crate::gate::{Gate, Scanned};

/// The largest response read: far above any page or pack a council publishes.
const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Fetches and scans every address in the list. An address that cannot be fetched is a
/// problem: the audit cannot vouch for what it did not read.
pub fn scan_list(gate: &Gate, list: &Path) -> Result<Vec<Scanned>, Vec<Diagnostic>> {
    let text = crate::load::read_text(list).unwrap_or_default();
    let mut urls = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("https://") || line.starts_with("http://") {
            urls.push((i + 1, line.to_string()));
        } else {
            problems.push(
                Diagnostic::error(
                    list,
                    Some(i + 1),
                    format!("\"{line}\" is not a web address"),
                )
                .code("usage")
                .hint("write one address per line, starting https://"),
            );
        }
    }
    if urls.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::error(list, None, "this list has no web addresses")
                .code("usage")
                .hint("write one address per line, starting https://; a folder can be audited instead"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .user_agent(concat!("quire-audit/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let results: Vec<Result<Scanned, Diagnostic>> = urls
        .par_iter()
        .map(|(line, url)| {
            fetch(&agent, url)
                .map(|(name, bytes)| scan_bytes(gate, &name, &bytes))
                .map_err(|e| {
                    Diagnostic::error(
                        list,
                        Some(*line),
                        format!("{url} could not be fetched ({e}), so it was not checked"),
                    )
                    .code("unreadable")
                    .hint("check the address, and that this computer can reach the site")
                })
        })
        .collect();
    let (ok, failed): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if !failed.is_empty() {
        return Err(failed.into_iter().filter_map(Result::err).collect());
    }
    Ok(ok.into_iter().filter_map(Result::ok).collect())
}

/// The response to `url`, named as the file it is: its address, with `index.html` for
/// a folder and `.pdf` (or `.html`) added when only the content type says what it is.
fn fetch(agent: &ureq::Agent, url: &str) -> Result<(String, Vec<u8>), String> {
    let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let mut name = if path.ends_with('/') || !path.contains('/') {
        format!("{}/index.html", path.trim_end_matches('/'))
    } else {
        path.to_string()
    };
    let last = name.rsplit('/').next().unwrap_or("");
    if !last.contains('.') {
        if kind.contains("pdf") {
            name.push_str(".pdf");
        } else if kind.contains("html") {
            name.push_str(".html");
        }
    }
    Ok((name, bytes))
}
