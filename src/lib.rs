//! quire: committee papers as an accessible static site and printable agenda packs.
//!
//! The pipeline, in the order [`pipeline::build`] runs it:
//!
//! 1. [`config`]: `site.toml`, strictly parsed.
//! 2. [`load`]: walk `content/` and read every file once.
//! 3. [`model`]: parse YAML and Markdown into a frozen [`model::Library`], checking every
//!    cross-reference; every problem becomes a [`diag::Diagnostic`] with file, line and hint.
//! 4. [`redact`]: build the one [`redact::Edition`] an audience may see. Exempt, draft and
//!    unpublished matter is dropped here and nowhere else.
//! 5. [`render`]: pure functions from the edition to artefacts in memory: PDF agenda packs
//!    ([`render::pdf`]), then HTML pages, feeds and the search index ([`render::html`]).
//! 6. [`write`]: the only writer; builds beside the old output and swaps it into place.

pub mod config;
pub mod diag;
pub mod layout;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod redact;
pub mod render;
pub mod schedule12a;
pub mod scrub;
pub mod text;
pub mod theme;
pub mod write;
