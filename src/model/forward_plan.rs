//! The forward plan: notice of key decisions (regulation 9 of SI 2012/2089).
//!
//! Placeholder: the agenda item's `key_decision:` is read here.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::Diagnostics;

/// `key_decision:` as an officer writes it: the reference of the forward plan entry.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawKeyDecision {
    Ref(String),
}

/// A key decision taken on an agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDecision {
    /// The forward plan entry's reference, as written.
    pub plan: Option<String>,
}

/// Reads an item's `key_decision:`.
pub fn key_decision(
    raw: &Spanned<RawKeyDecision>,
    _rel: &Path,
    _diags: &mut Diagnostics,
) -> Option<KeyDecision> {
    match &raw.value {
        RawKeyDecision::Ref(r) => Some(KeyDecision {
            plan: Some(r.trim().to_string()),
        }),
    }
}
