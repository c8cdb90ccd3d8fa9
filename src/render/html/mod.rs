//! HTML pages of an edition, rendered with tera templates from the theme.

// Attendance figures by councillor and municipal year: a page and a spreadsheet.
pub mod attendance;
pub mod body;
pub mod compliance;
mod context;
mod feeds;
// The decisions register: a page per decision, the register, its feed and spreadsheet.
pub mod decisions;
// The forward plan and the notices of SI 2012/2089.
mod forward_plan;
pub mod highlight;
mod pages;
pub mod record;
// The search index (Pagefind), made in process from the edition.
pub mod search;
/// The files a build plans beside its pages whose names are fixed: the feeds, the search
/// index's fixed files and the attendance spreadsheet.
pub const FEED_FILES: [&str; feeds::FILES.len() + 1] = {
    let mut all = [attendance::CSV_FILE; feeds::FILES.len() + 1];
    let mut i = 0;
    while i < feeds::FILES.len() {
        all[i] = feeds::FILES[i];
        i += 1;
    }
    all
};
pub use pages::{Page, plan as plan_pages, url as page_url};

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::Diagnostic;
use crate::redact::Edition;
use crate::render::Artefact;
use crate::render::pdf::PackInfo;
use crate::theme::Theme;
pub use context::human_size;
use context::{Link, SiteCtx};

/// Everything the HTML renderer reads.
pub struct Inputs<'a> {
    pub ed: &'a Edition,
    pub theme: &'a Theme,
    /// Agenda packs by meeting index.
    pub packs: &'a BTreeMap<usize, PackInfo>,
}

/// One page to render: its URL, template, title, breadcrumbs and page-specific data.
pub struct PageJob {
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub crumbs: Vec<Link>,
    /// Set on pages that hold exempt matter (members' edition only).
    pub marking: Option<String>,
    /// Made straight into tera's own values (see [`data`]).
    pub data: tera::Value,
}

/// A page's data as the templates see it. Serialised once, into tera's values: a
/// `serde_json::Value` on the way doubled the work for each of 50,000 pages.
pub fn data<T: Serialize + ?Sized>(v: &T) -> tera::Value {
    let value = tera::Value::try_from_serializable(v);
    // quire's page types always serialise (no map of theirs has keys that are not text):
    // a new one that does not fails every test that renders it, rather than showing a
    // page without its data.
    debug_assert!(value.is_ok(), "a page's data cannot be serialised");
    value.unwrap_or_else(|_| tera::Value::none())
}

/// Renders the planned pages, the feeds and the static files.
pub fn render(inputs: &Inputs, pages: &[Page]) -> Result<Vec<Artefact>, Vec<Diagnostic>> {
    let renderer = Renderer::new(inputs)?;
    let mut artefacts = renderer.pages(pages)?;
    artefacts.extend(renderer.extras());
    Ok(artefacts)
}

/// The templates loaded once, for rendering a site's pages a part at a time: a large
/// site streams its pages to the writer in parts instead of holding them all.
pub struct Renderer<'a> {
    inputs: &'a Inputs<'a>,
    tera: Tera,
    /// The site's context, made into tera's values once for every page.
    site: tera::Value,
}

impl<'a> Renderer<'a> {
    pub fn new(inputs: &'a Inputs<'a>) -> Result<Renderer<'a>, Vec<Diagnostic>> {
        Ok(Renderer {
            inputs,
            tera: templates(inputs.theme)?,
            site: data(&site_ctx(inputs.ed)),
        })
    }

    /// Renders these pages in parallel; the first twenty errors if any fail.
    pub fn pages(&self, pages: &[Page]) -> Result<Vec<Artefact>, Vec<Diagnostic>> {
        let results: Vec<Result<Artefact, Diagnostic>> = pages
            .par_iter()
            .map(|&page| {
                let job = pages::job(self.inputs, page);
                render_job(&self.tera, self.inputs.theme, &self.site, job)
            })
            .collect();
        let mut artefacts = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(a) => artefacts.push(a),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            errors.truncate(20);
            return Err(errors);
        }
        Ok(artefacts)
    }

    /// The feeds, the redaction record, the attendance spreadsheet and the theme's static
    /// files.
    pub fn extras(&self) -> Vec<Artefact> {
        let mut artefacts = feeds::render(self.inputs.ed);
        artefacts.extend(record::render(self.inputs.ed));
        artefacts.push(attendance::csv_artefact(self.inputs.ed));
        for (path, bytes) in self.inputs.theme.under("static") {
            artefacts.push(Artefact::bytes(static_path(path), bytes.to_vec()));
        }
        artefacts
    }
}

/// Where a theme's static file is published.
pub fn static_path(theme_path: &str) -> String {
    format!("static/{theme_path}")
}

/// Whether a path in the output is a theme's static file (see [`static_path`]): no page
/// or other file quire makes is published under `static/`.
pub fn is_static(path: &str) -> bool {
    path.starts_with("static/")
}

fn render_job(
    tera: &Tera,
    theme: &Theme,
    site: &tera::Value,
    job: PageJob,
) -> Result<Artefact, Diagnostic> {
    #[derive(Serialize)]
    struct PageCtx<'a> {
        title: &'a str,
        url: &'a str,
        crumbs: &'a [Link],
        marking: &'a Option<String>,
    }
    let mut ctx = Context::new();
    // A clone shares the site's values (tera's maps are reference-counted).
    ctx.insert_value("site", site.clone());
    ctx.insert(
        "page",
        &PageCtx {
            title: &job.title,
            url: &job.url,
            crumbs: &job.crumbs,
            marking: &job.marking,
        },
    );
    ctx.insert_value("data", job.data);
    let html = tera
        .render(job.template, &ctx)
        .map_err(|e| template_error(theme, job.template, &e))?;
    let path = if job.url == "/404.html" {
        "404.html".to_string()
    } else {
        Artefact::path_of_url(&job.url)
    };
    Ok(Artefact::bytes(path, html))
}

fn template_error(theme: &Theme, name: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    let msg = msg.trim_start_matches("error: ");
    Diagnostic::error(
        theme.source_of(&format!("templates/{name}")),
        None,
        format!("template error: {msg}"),
    )
    .code("template-error")
    .hint("fix the template, or delete the site's copy to use the built-in one")
}

/// Loads every template of the theme into tera.
fn templates(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut files: Vec<(String, String)> = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in theme.under("templates") {
        match std::str::from_utf8(bytes) {
            Ok(t) => files.push((name.to_string(), t.to_string())),
            Err(_) => errors.push(
                Diagnostic::error(
                    theme.source_of(&format!("templates/{name}")),
                    None,
                    "this template is not UTF-8 text",
                )
                .code("not-utf8")
                .hint("save it as UTF-8 in your editor"),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| vec![loading_error(theme, &files, &e)])?;
    Ok(tera)
}

/// The template that failed to load (tera reports the fault, not the file): built-in
/// templates load, so it is one of the site's own. Each is tried in place of the built-in
/// one, and the first that fails is named.
fn loading_error(theme: &Theme, files: &[(String, String)], e: &tera::Error) -> Diagnostic {
    let builtin: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| {
            let path = format!("templates/{name}");
            let original = Theme::builtin(&path)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(text);
            (name.clone(), original.to_string())
        })
        .collect();
    for (name, text) in files {
        if !theme.is_overridden(&format!("templates/{name}")) {
            continue;
        }
        let mut tera = Tera::new();
        let trial = builtin.iter().map(|(n, t)| {
            if n == name {
                (n.as_str(), text.as_str())
            } else {
                (n.as_str(), t.as_str())
            }
        });
        if let Err(own) = tera.add_raw_templates(trial) {
            return template_error(theme, name, &own);
        }
    }
    template_error(theme, "base.html", e)
}

fn site_ctx(ed: &Edition) -> SiteCtx {
    SiteCtx {
        title: ed.config().title.clone(),
        council: ed.config().council.clone(),
        language: ed.config().language.clone(),
        base_url: ed.config().base_url.clone(),
        confidential: ed.is_confidential(),
        as_of: crate::model::text::short_date(ed.as_of()),
        has_accessibility_page: ed.pages().iter().any(|p| p.slug == "accessibility"),
        nav: {
            let mut nav = vec![
                Link::new("Committees", "/committees/"),
                Link::new("Councillors", "/members/"),
                Link::new("Search", "/search/"),
            ];
            // A site that keeps its forward plan here links it from every page.
            if !ed.forward_plan().entries.is_empty() {
                nav.insert(2, Link::new("Forward plan", crate::redact::PLAN_URL));
            }
            // So does one with decisions on record.
            if !ed.decisions().is_empty() {
                nav.insert(
                    nav.len() - 1,
                    Link::new("Decisions", crate::redact::REGISTER_URL),
                );
            }
            nav
        },
        pages: ed
            .pages()
            .iter()
            .filter(|p| p.slug != "accessibility")
            .map(|p| Link::new(p.title.clone(), p.url.clone()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `template` with `value` as the page's data, as [`render_job`] does.
    fn render_data(template: &str, value: tera::Value) -> String {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("t.html", template).unwrap();
        let mut ctx = Context::new();
        ctx.insert_value("data", value);
        tera.render("t.html", &ctx).unwrap()
    }

    #[test]
    fn page_data_reaches_templates_as_plain_text_to_escape() {
        #[derive(Serialize)]
        struct Data {
            count: usize,
            days: i64,
            title: &'static str,
            missing: Option<String>,
            rows: Vec<Link>,
        }
        let value = data(&Data {
            count: 2,
            days: 1,
            title: "Fees & charges <2027>",
            missing: None,
            rows: vec![Link::new("Item <b>1</b>", "/a/")],
        });
        let page = render_data(
            "{{ data.count }} day{% if data.days != 1 %}s{% endif %}. {{ data.title }}. \
             {% if data.missing %}shown{% else %}none{% endif %}. \
             {% for r in data.rows %}<a href=\"{{ r.url }}\">{{ r.title }}</a>{% endfor %}",
            value,
        );
        // Text from the data is escaped, never taken as markup.
        assert_eq!(
            page,
            "2 day. Fees &amp; charges &lt;2027&gt;. none. \
             <a href=\"/a/\">Item &lt;b&gt;1&lt;/b&gt;</a>"
        );
    }
}
