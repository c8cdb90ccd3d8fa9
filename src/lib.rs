//! quire: committee papers as an accessible static site and printable agenda packs.
//!
//! The pipeline, in the order [`pipeline::build`] runs it:
//!
//! 1. [`config`]: `site.toml`, strictly parsed.
//! 2. [`load`]: walk `content/` and read every file once.
//! 3. [`model`]: parse YAML and Markdown into a frozen [`model::Library`], checking every
//!    cross-reference; every problem becomes a [`diag::Diagnostic`] with file, line and hint.
//!    Officers' comments are removed here ([`model::comments`]), and each Markdown text is
//!    parsed once into a [`model::tree::Tree`] that decides every number and level.
//! 4. [`redact`]: build the one [`redact::Edition`] an audience may see. Exempt, draft and
//!    unpublished matter is dropped here and nowhere else; the edition's fields are private
//!    to this module, and its files reach renderers as [`redact::FileHandle`]s.
//! 5. [`pipeline`] plans the files from the edition, then [`render`] makes them in memory:
//!    PDF agenda packs ([`render::pdf`]), then HTML pages, feeds and the search index
//!    ([`render::html`]), all thin readers of the same trees.
//! 6. [`write`]: the only writer; builds beside the old output and swaps it into place.
//!
//! Before all of it, [`unchanged`] compares the stamp of the inputs (their files' facts
//! on disk, [`load::stamp`]) with the last build's record: when nothing changed and the
//! output is as that build left it, the build ends there.
//!
//! Beside the pipeline: [`serve`] runs the same build in memory (no write) and serves it
//! on 127.0.0.1 while an officer edits, [`layout`] owns every path and address, [`scrub`] strips hidden
//! metadata from published images, [`schedule12a`] and [`text`] hold the law's categories
//! and small text helpers. Imports run one way, down the list above; clippy.toml keeps the
//! file system out of everything but load, config, theme, the pack's World and cache,
//! write, and serve (which watches the site's folders).

pub mod audit;
pub mod check;
pub mod comments;
pub mod config;
pub mod diag;
pub mod digest;
pub mod gate;
pub mod layout;
pub mod load;
pub mod model;
pub mod pdftext;
pub mod pipeline;
pub mod redact;
pub mod render;
pub mod scaffold;
pub mod schedule12a;
pub mod scrub;
pub mod serve;
pub mod text;
pub mod theme;
pub mod unchanged;
pub mod write;
