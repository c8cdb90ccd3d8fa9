//! `quire check`: every validation of the build, and the checks an officer needs before
//! publishing, without writing anything.

use std::path::PathBuf;

use crate::diag::Diagnostic;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub as_of: time::Date,
}

/// Every finding, errors first.
pub fn check(_opts: &CheckOptions) -> Vec<Diagnostic> {
    Vec::new()
}

/// The findings as a JSON array.
pub fn to_json(findings: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(&findings.iter().map(Diagnostic::to_json).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}
