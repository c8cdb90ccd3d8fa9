//! Round 10 of the red team: the newest year's search index in halves
//! (`pagefind/<year>-h1/`, `-h2/`). Filled in by a helper session.
