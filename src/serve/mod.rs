//! `quire serve`: the site made in memory and served on 127.0.0.1 while an officer
//! edits it. Saving a file rebuilds the site and reloads the open page; a problem in the
//! papers shows over the last good build until it is fixed.
//!
//! Serve publishes nothing. It never writes the site anywhere: the built files are
//! held in memory, keyed by their path in the site, and a request is answered only
//! with one of them (see [`path::site_path`]). The only thing written is the pack cache
//! in `.quire-cache/`, as `quire build` writes it.
//!
//! A rebuild shows its pages first: packs whose inputs did not change come from the
//! cache, and a page whose pack changed shows the pack's old page numbers for the
//! moment it takes to lay the pack out ([`PackMode::CachedOnly`]). Then the packs are
//! laid out, the whole site is made again, and the page reloads once more if that
//! changed it. A request for a pack still being laid out waits for it.

// Serve watches the site's folders for changes (notify) and reads published content
// files as a request asks for them, through the edition's FileHandle. It writes
// nothing but the pack cache, through the pipeline.
#![allow(clippy::disallowed_methods)]

pub mod page;
pub mod path;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, Severity};
use crate::pipeline::{BuildOptions, Copies, PackMode, Phases, Site, render_site};
use crate::redact::Audience;
use crate::render::Contents;
use crate::render::pdf::PackInfo;

/// What to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 asks the system for a free port.
    pub port: u16,
    pub as_of: time::Date,
    pub audience: Audience,
}

/// The port `quire serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 8000;

/// How long the watcher waits for a burst of saves to settle before rebuilding: the
/// rebuild starts once no change has come for this long...
const DEBOUNCE: Duration = Duration::from_millis(30);
/// ... or once changes have kept coming for this long.
const SETTLE_MAX: Duration = Duration::from_millis(500);

/// How often an open event stream is sent a comment, to notice a closed browser tab.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// The longest a request for a pack waits for it to be laid out.
const PACK_WAIT: Duration = Duration::from_secs(120);

/// The site as served now.
#[derive(Default)]
struct Served {
    /// The last good build: site path → contents.
    files: Arc<BTreeMap<String, Contents>>,
    /// Packs of the last good build still being laid out.
    pending: BTreeSet<String>,
    /// The last build's problems, as the terminal printed them, while it failed.
    error: Option<String>,
    /// Counts the builds (good or failed) that the open pages should reload for.
    generation: u64,
    /// What the last good build said about each pack, by URL.
    pack_info: BTreeMap<String, PackInfo>,
}

struct Shared {
    served: Mutex<Served>,
    changed: Condvar,
    stop: AtomicBool,
    confidential: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Served> {
        // A panic while holding the lock leaves the data whole (every update is one
        // assignment), so a poisoned lock is used as it is.
        self.served.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Builds the site, serves it until Ctrl-C, and rebuilds it on every save. Returns a
/// message if it cannot start (the port is taken, the folders cannot be watched).
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", opts.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", opts.port))?;
    let server = Arc::new(server);
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(opts.port);
    let shared = Arc::new(Shared {
        served: Mutex::new(Served::default()),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
        confidential: opts.audience == Audience::Confidential,
    });

    let build = BuildOptions {
        root: opts.root.clone(),
        output: None,
        as_of: opts.as_of,
        audience: opts.audience,
        cache: true,
        copies: Copies::None,
    };
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| format!("cannot watch the site's files: {e}"))?;
    let mut watched = Watched::new(&opts.root);
    watched.watch_all(&mut watcher)?;

    {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        ctrlc::set_handler(move || {
            shared.stop.store(true, Ordering::SeqCst);
            shared.changed.notify_all();
            server.unblock();
        })
        .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    }

    let edition = match opts.audience {
        Audience::Public => "public site",
        Audience::Confidential => "members' edition (NOT FOR PUBLICATION)",
    };
    println!("Building the {edition} from {} …", opts.root.display());
    rebuild(&build, &shared, false);
    println!("Serving the {edition} at http://127.0.0.1:{port}/ (press Ctrl-C to stop)");
    let _ = std::io::stdout().flush();

    let builder = {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while !shared.stop.load(Ordering::SeqCst) {
                match rx.recv_timeout(Duration::from_millis(200)) {
                    Ok(event) if watched.relevant(&event) => {}
                    Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
                // One save is several events (and an editor may write a file in parts):
                // wait until they settle, but never longer than SETTLE_MAX.
                let settle = Instant::now();
                while settle.elapsed() < SETTLE_MAX {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(_) => continue,
                        Err(mpsc::RecvTimeoutError::Timeout) => break,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                watched.watch_new_themes(&mut watcher);
                rebuild(&build, &shared, true);
            }
        })
    };

    while !shared.stop.load(Ordering::SeqCst) {
        match server.recv() {
            Ok(request) => {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || respond(request, &shared));
            }
            Err(_) => break,
        }
    }
    shared.stop.store(true, Ordering::SeqCst);
    shared.changed.notify_all();
    let _ = builder.join();
    println!("Stopped. Nothing was written to output/ or confidential/.");
    Ok(())
}

/// The folders and file serve watches, and which changes in them matter.
struct Watched {
    root: PathBuf,
    content: PathBuf,
    themes: PathBuf,
    site: PathBuf,
    themes_watched: bool,
}

impl Watched {
    fn new(root: &Path) -> Watched {
        // The watcher reports absolute paths.
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let root = root.as_path();
        Watched {
            root: root.to_path_buf(),
            content: root.join("content"),
            themes: root.join("themes"),
            site: root.join(crate::config::SITE_FILE),
            themes_watched: false,
        }
    }

    /// Watches content/ and themes/ (if they exist) and the site folder itself, for
    /// site.toml (an editor may replace the file, so the folder is watched).
    fn watch_all(&mut self, w: &mut notify::RecommendedWatcher) -> Result<(), String> {
        use notify::Watcher;
        w.watch(&self.root, notify::RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", self.root.display()))?;
        if self.content.is_dir() {
            w.watch(&self.content, notify::RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", self.content.display()))?;
        }
        self.watch_new_themes(w);
        Ok(())
    }

    /// Watches themes/ once it exists, if it was made after serve started.
    fn watch_new_themes(&mut self, w: &mut notify::RecommendedWatcher) {
        use notify::Watcher;
        if !self.themes_watched && self.themes.is_dir() {
            self.themes_watched = w
                .watch(&self.themes, notify::RecursiveMode::Recursive)
                .is_ok();
        }
    }

    /// Whether a change touches the site's sources: content/, themes/ or site.toml (not
    /// output/, confidential/ or the pack cache beside them). Reading a file is not a
    /// change (the build reads them all), and editors' hidden swap files are left out.
    fn relevant(&self, event: &notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else {
            // The watcher lost track (for example, too many changes at once): rebuild.
            return true;
        };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|p| {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            !hidden
                && (p == &self.site || p.starts_with(&self.content) || p.starts_with(&self.themes))
        })
    }
}

/// Makes the site again and serves it, or shows what stopped it over the last good
/// build. `quick`: show the pages first and lay out changed packs after.
fn rebuild(opts: &BuildOptions, shared: &Shared, quick: bool) {
    let start = Instant::now();
    let previous = shared.lock().pack_info.clone();
    let mode = if quick {
        PackMode::CachedOnly {
            previous: &previous,
        }
    } else {
        PackMode::Render
    };
    match make(opts, mode) {
        Ok(site) => {
            let pending = site.pending.len();
            for w in &site.warnings {
                eprintln!("{w}");
            }
            publish(shared, site, true);
            println!(
                "Rebuilt in {} ms{}; the open pages reload.",
                start.elapsed().as_millis(),
                if pending > 0 {
                    format!(", laying out {pending} changed agenda pack(s)")
                } else {
                    String::new()
                }
            );
            if pending > 0 {
                let html_before = shared.lock().files.clone();
                match make(opts, PackMode::Render) {
                    Ok(site) => {
                        let pages_changed = site.artefacts.iter().any(|a| {
                            a.path.ends_with(".html")
                                && !same(html_before.get(&a.path), &a.contents)
                        });
                        publish(shared, site, pages_changed);
                        println!(
                            "Laid out the agenda packs in {} ms.",
                            start.elapsed().as_millis()
                        );
                    }
                    Err(problems) => fail(shared, &problems),
                }
            }
        }
        Err(problems) => fail(shared, &problems),
    }
}

/// [`render_site`], with a panic (a bug in quire) turned into a message.
fn make(opts: &BuildOptions, mode: PackMode<'_>) -> Result<Site, Vec<Diagnostic>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render_site(opts, mode, &mut Phases::new())
    }))
    .unwrap_or_else(|_| {
        Err(vec![
            Diagnostic::error(
                crate::config::SITE_FILE,
                None,
                "quire hit an internal error (a bug in quire, not a problem with your papers)",
            )
            .hint(
                "the last good build is still served; please report this with the file you saved",
            ),
        ])
    })
}

fn same(old: Option<&Contents>, new: &Contents) -> bool {
    match (old, new) {
        (Some(Contents::Bytes(a)), Contents::Bytes(b)) => a == b,
        _ => false,
    }
}

/// Serves a good build and clears the overlay; `reload` tells the open pages.
fn publish(shared: &Shared, site: Site, reload: bool) {
    let files: BTreeMap<String, Contents> = site
        .artefacts
        .into_iter()
        .map(|a| (a.path, a.contents))
        .collect();
    let mut served = shared.lock();
    served.files = Arc::new(files);
    served.pending = site.pending.into_iter().collect();
    served.pack_info = site.pack_info;
    served.error = None;
    if reload {
        served.generation += 1;
    }
    drop(served);
    shared.changed.notify_all();
}

/// Prints a failed build's problems and shows them over the last good build.
fn fail(shared: &Shared, problems: &[Diagnostic]) {
    let text = problems_text(problems);
    eprintln!("{text}");
    let mut served = shared.lock();
    // Packs still pending will not come from this build.
    served.pending.clear();
    served.error = Some(text);
    served.generation += 1;
    drop(served);
    shared.changed.notify_all();
}

/// The problems as the terminal prints them, and as the overlay shows them.
pub fn problems_text(problems: &[Diagnostic]) -> String {
    let mut text: String = problems
        .iter()
        .map(|p| format!("{p}\n"))
        .collect::<Vec<_>>()
        .concat();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    text.push_str(&format!(
        "\nThe build stopped with {errors} error{}. The last good build is still served; nothing was written.",
        if errors == 1 { "" } else { "s" }
    ));
    text
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    // Every name and value here is plain ASCII written in this module, or a path that
    // site_path has already checked.
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("a header quire writes is valid")
}

/// Answers one request: a file of the site, the reload events, or 404.
fn respond(request: tiny_http::Request, shared: &Shared) {
    let url = request.url().to_string();
    let get = matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    );
    if !get {
        let _ = request.respond(
            tiny_http::Response::from_string("Only GET and HEAD are served.\n")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD")),
        );
        return;
    }
    if url == page::EVENTS || url.starts_with(&format!("{}?", page::EVENTS)) {
        events(request, &url, shared);
        return;
    }
    let (status, body, kind) = match find(&url, shared) {
        Found::File(path, contents, served) => match contents {
            Contents::Bytes(b) => {
                let kind = page::content_type(&path);
                if kind.starts_with("text/html") {
                    (200, page::inject(&b, &served), kind)
                } else {
                    (200, b, kind)
                }
            }
            // Read only if it is still the file the last good build checked: one saved
            // over since (say, by an exempt appendix the gate then refused) is not served.
            Contents::Copy(handle) => match handle.read() {
                Ok(bytes) => (200, bytes, page::content_type(&path)),
                Err(e) => (
                    503,
                    format!(
                        "cannot show {}: {e}. It is shown again once a build with it passes the checks.\n",
                        handle.file_name()
                    )
                    .into_bytes(),
                    "text/plain; charset=utf-8",
                ),
            },
            // The site in memory holds packs' bytes (see `pipeline::render_site`); a
            // kept file is read all the same.
            Contents::Kept(kept) => match kept.read() {
                Ok(bytes) => (200, bytes, page::content_type(&path)),
                Err(e) => (
                    500,
                    format!("cannot read the pack: {e}\n").into_bytes(),
                    "text/plain; charset=utf-8",
                ),
            },
        },
        Found::Redirect(to) => {
            let _ = request
                .respond(tiny_http::Response::empty(308).with_header(header("Location", &to)));
            return;
        }
        Found::Missing(served) => (404, page::not_found(&served), "text/html; charset=utf-8"),
    };
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response);
}

enum Found {
    File(String, Contents, page::State),
    Redirect(String),
    Missing(page::State),
}

/// The file a URL names in the site as served now, waiting for a pack being laid out.
fn find(url: &str, shared: &Shared) -> Found {
    let path = path::site_path(url);
    let deadline = Instant::now() + PACK_WAIT;
    let mut served = shared.lock();
    if let Some(p) = &path {
        while served.pending.contains(p) && Instant::now() < deadline {
            served = shared
                .changed
                .wait_timeout(served, Duration::from_millis(500))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
            if shared.stop.load(Ordering::SeqCst) {
                break;
            }
        }
    }
    let state = page::State {
        error: served.error.clone(),
        generation: served.generation,
        confidential: shared.confidential,
        not_found_page: None,
    };
    let files = Arc::clone(&served.files);
    drop(served);
    let missing = |mut state: page::State| {
        state.not_found_page = match files.get("404.html") {
            Some(Contents::Bytes(b)) => Some(b.clone()),
            _ => None,
        };
        Found::Missing(state)
    };
    let Some(path) = path else {
        return missing(state);
    };
    match files.get(&path) {
        Some(Contents::Bytes(b)) => Found::File(path, Contents::Bytes(b.clone()), state),
        Some(Contents::Copy(h)) => Found::File(path, Contents::Copy(h.clone()), state),
        Some(Contents::Kept(k)) => Found::File(path, Contents::Kept(k.clone()), state),
        None if !path.ends_with("index.html")
            && files.contains_key(&format!("{path}/index.html"))
            && url.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            let bare = url.split(['?', '#']).next().unwrap_or(url);
            Found::Redirect(format!("{bare}/"))
        }
        None => missing(state),
    }
}

/// The reload events: `reload` whenever a build finishes (good or not). A page asks
/// with the build it was served from (`?since=N`), so a build that finished between
/// the page and this request is not missed.
fn events(request: tiny_http::Request, url: &str, shared: &Shared) {
    let since: Option<u64> = url
        .split_once("since=")
        .and_then(|(_, n)| n.split('&').next())
        .and_then(|n| n.parse().ok());
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    let mut seen = since.unwrap_or_else(|| shared.lock().generation);
    // A first comment, so a client knows the stream is open.
    if out
        .write_all(b": quire serve\n\n")
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let now = {
            let mut served = shared.lock();
            if served.generation == seen && !shared.stop.load(Ordering::SeqCst) {
                served = shared
                    .changed
                    .wait_timeout(served, KEEPALIVE)
                    .map(|(g, _)| g)
                    .unwrap_or_else(|e| e.into_inner().0);
            }
            served.generation
        };
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let message = if now != seen {
            seen = now;
            format!("event: reload\ndata: {now}\n\n")
        } else {
            ": keepalive\n\n".to_string()
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
