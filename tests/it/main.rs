//! The integration tests, in one binary (one link of the crate and typst instead of
//! eight): fixture sites built with the real `quire` binary, and what a reader would see
//! of them.
//!
//! - `site`: what each page shows, the exact list of files, byte-identical rebuilds;
//! - `redaction`, `attacks`, `properties`: nothing withheld reaches the public build;
//! - `pdf`: the packs, page by page; `parity`: the pack and the web page agree;
//! - `errors`, `messages`: what an officer reads when a site cannot be built;
//! - `serve`: `quire serve` end to end, over TCP.
//!
//! Run one part with a filter: `cargo test --test it attacks::`.

// Tests build fixture sites on disk and read back what was written.
#![allow(clippy::disallowed_methods)]

mod common;

mod attacks;
mod attacks_attachments;
mod attacks_attachments_2;
mod attacks_dates;
mod attacks_dates_2;
mod attacks_dates_3;
mod attacks_dates_4;
mod attacks_dates_5;
mod attacks_dates_6;
mod attacks_dates_7;
mod attacks_decisions;
mod attacks_gate_cache;
mod attacks_gate_kept;
mod attacks_hidden;
mod attacks_hidden_in_pdfs;
mod attacks_hidden_in_pdfs_2;
mod attacks_hidden_in_pdfs_3;
mod attacks_hidden_in_pdfs_4;
mod attacks_inputs;
mod attacks_item_titles;
mod attacks_members_copies;
mod attacks_minutes;
mod attacks_public_views;
mod attacks_public_views_2;
mod attacks_public_views_3;
mod attacks_public_views_4;
mod attacks_public_views_5;
mod attacks_record;
mod attacks_refusal_hints;
mod attacks_scan_record;
mod attacks_search_halves;
mod attacks_site;
mod attacks_site_2;
mod attacks_site_3;
mod attacks_swallowed_keys;
mod attacks_theme_markup;
mod attacks_unchanged;
mod attacks_word_breaks;
mod attacks_write;
mod attacks_yaml_text;
mod attendance;
mod check;
mod decisions;
mod errors;
mod forward_plan;
mod gate;
mod gate_attachments;
mod gate_kept;
mod incremental;
mod messages;
mod new;
mod parity;
mod pdf;
mod properties;
mod record;
mod redaction;
mod search_parts;
mod search_tags;
mod serve;
mod site;
mod sizes;
mod supplements;
mod unchanged;
