//! `quire new`: starting files for a site, a committee, a meeting or a document.
