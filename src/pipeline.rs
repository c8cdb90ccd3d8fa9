//! The build, in order: config → load → model → redact → render → write.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::redact::Audience;
use crate::render::{html, pdf, Artefact};
use crate::{config, load, model, redact, theme, write};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/output` (public) or `<root>/confidential` (members).
    pub output: Option<PathBuf>,
    pub as_of: time::Date,
    pub audience: Audience,
    /// Whether to keep packs in `<root>/.quire-cache/` between builds.
    pub cache: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub files: usize,
    pub pages: usize,
    pub packs: usize,
    pub warnings: Vec<Diagnostic>,
    pub seconds: f64,
}

/// The default output folder for an audience.
pub fn default_output(root: &Path, audience: Audience) -> PathBuf {
    match audience {
        Audience::Public => root.join("output"),
        Audience::Confidential => root.join("confidential"),
    }
}

/// Builds the site. On any error nothing is written and every problem is returned.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let output = opts.output.clone().unwrap_or_else(|| default_output(&opts.root, opts.audience));
    if let Err(e) = write::check_output(&opts.root, &output, opts.audience == Audience::Confidential) {
        return Err(vec![e]);
    }
    let mut clock = Phases::new();
    let Some(config) = config::load(&opts.root, &mut diags) else { return Err(diags.sorted()) };
    let sources = load::load(&opts.root, &mut diags);
    clock.lap("load");
    let library = model::build(config, &sources, &mut diags);
    model::deadlines::check(&library, &mut diags);
    let theme = theme::Theme::load(&opts.root, &library.config.theme, &mut diags);
    clock.lap("model");
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let edition = redact::edition(&library, opts.audience, opts.as_of);
    drop(library);
    clock.lap("redact");

    let cache_dir = opts.cache.then(|| {
        let which = match opts.audience {
            Audience::Public => "public",
            Audience::Confidential => "confidential",
        };
        opts.root.join(".quire-cache").join(which)
    });
    let packs = pdf::render_packs(&edition, &theme, cache_dir.as_deref())?;
    clock.lap("pdf");
    let inputs = html::Inputs { ed: &edition, theme: &theme, packs: &packs.info };
    let mut artefacts = html::render(&inputs)?;
    clock.lap("html");
    let pages = artefacts.iter().filter(|a| a.path.ends_with(".html")).count();
    artefacts.extend(packs.artefacts);
    artefacts.extend(edition.assets.iter().map(|(url, source)| Artefact {
        path: url.trim_start_matches('/').to_string(),
        contents: crate::render::Contents::Copy(source.clone()),
    }));
    artefacts.push(robots(&edition));
    write::write_site(&artefacts, &output).map_err(|e| vec![e])?;
    clock.lap("write");
    let warnings: Vec<Diagnostic> = diags.sorted().into_iter().filter(|d| d.severity == Severity::Warning).collect();
    Ok(BuildReport {
        output,
        files: artefacts.len(),
        pages,
        packs: packs.info.len(),
        warnings,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// robots.txt: the members' edition asks not to be indexed, and is recognisable as such.
fn robots(ed: &redact::Edition) -> Artefact {
    let text = if ed.is_confidential() {
        format!("{}\nUser-agent: *\nDisallow: /\n", write::CONFIDENTIAL_MARK)
    } else {
        format!("User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n", ed.config.base_url)
    };
    Artefact::bytes("robots.txt", text)
}

/// Phase timings, printed to stderr when `QUIRE_TIMINGS` is set (for benchmarks).
struct Phases {
    last: Instant,
    show: bool,
}

impl Phases {
    fn new() -> Self {
        Phases { last: Instant::now(), show: std::env::var_os("QUIRE_TIMINGS").is_some() }
    }

    fn lap(&mut self, name: &str) {
        if self.show {
            eprintln!("timing: {name} {:.2}s", self.last.elapsed().as_secs_f64());
        }
        self.last = Instant::now();
    }
}
