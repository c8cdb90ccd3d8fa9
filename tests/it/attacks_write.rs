//! Round 9: attacks on how a build trusts the two copies of the site on disk (the output
//! and its standby copy), which a build now checks by each file's and each folder's
//! facts instead of listing every folder (`src/write.rs`, `holds_exactly`).
