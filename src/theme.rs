//! Themes: the default theme is compiled into the binary; a site overrides single files
//! by putting them at the same path under `themes/<theme>/` in its own folder.

// The theme reads a site's `themes/` overrides: it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::{Diagnostic, Diagnostics};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The files of the active theme: built-in ones, with the site's overrides on top.
#[derive(Debug)]
pub struct Theme {
    /// Theme-relative path (e.g. `templates/base.html`) → contents.
    files: BTreeMap<String, Cow<'static, [u8]>>,
    /// Which paths the site overrides, for messages.
    overridden: BTreeMap<String, PathBuf>,
}

/// Whether `name` names one folder inside `themes/`, and no path leading elsewhere.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !Path::new(name).is_absolute()
}

impl Theme {
    /// Loads the theme named in site.toml. Only the default theme is built in; another
    /// name must exist as a folder under the site's `themes/`.
    pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
        let mut files = BTreeMap::new();
        collect_builtin(&DEFAULT, &mut files);
        let mut overridden = BTreeMap::new();
        if !is_folder_name(name) {
            // `theme = "/srv/shared/theme"` or `"../other"` would read a folder outside
            // the site, which no check (nor a build's stamp of its inputs) looks at.
            diags.push(
                Diagnostic::error(crate::config::SITE_FILE, None, format!("the theme \"{name}\" is not the name of a folder in themes/"))
                    .code("unknown-theme")
                    .hint("write the folder's name only, for example theme = \"council\" for themes/council/; to share a theme between sites, link its folder into themes/"),
            );
            return Theme { files, overridden };
        }
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) if e.file_type().is_file() => e,
                    // A link is not followed (it could lead into content/), but an
                    // officer who linked a logo in expects it used: say so. (The theme
                    // folder itself may be a link, to share a theme between sites.)
                    Ok(e) if e.depth() > 0 && e.path_is_symlink() => {
                        diags.push(
                            Diagnostic::warning(
                                crate::diag::relative(root, e.path()),
                                None,
                                "this is a symbolic link, which quire does not follow inside a theme: the file it points to is not used",
                            )
                            .code("theme-link")
                            .hint("copy the file into the theme folder in place of the link"),
                        );
                        continue;
                    }
                    Ok(_) => continue,
                    Err(e) => {
                        diags.push(
                            Diagnostic::error(
                                crate::diag::relative(root, &dir),
                                None,
                                format!(
                                    "cannot read the theme folder: {}",
                                    e.io_error().map_or_else(
                                        || "a folder links back to itself".to_string(),
                                        crate::diag::plain_io
                                    )
                                ),
                            )
                            .code("unreadable"),
                        );
                        continue;
                    }
                };
                let rel = crate::layout::slash_path(
                    entry.path().strip_prefix(&dir).unwrap_or(entry.path()),
                );
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(rel.clone(), Cow::Owned(bytes));
                        // Named in messages as the officer sees it: from the site folder.
                        overridden.insert(rel, crate::diag::relative(root, entry.path()));
                    }
                    Err(e) => diags.push(
                        Diagnostic::error(
                            crate::diag::relative(root, entry.path()),
                            None,
                            format!("cannot read theme file: {}", crate::diag::plain_io(&e)),
                        )
                        .code("unreadable"),
                    ),
                }
            }
        } else if name != "default" {
            diags.push(
                Diagnostic::error(crate::config::SITE_FILE, None, format!("there is no theme \"{name}\"")).code("unknown-theme")
                    .hint(format!("write theme = \"default\", or create themes/{name}/ with the templates to override")),
            );
        }
        Theme { files, overridden }
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|c| c.as_ref())
    }

    /// Files under a theme folder such as `static/` or `templates/`, with their paths
    /// relative to that folder.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        self.files
            .iter()
            .filter_map(move |(k, v)| k.strip_prefix(&prefix).map(|rest| (rest, v.as_ref())))
    }

    /// Whether the site replaced this file with its own.
    pub fn is_overridden(&self, path: &str) -> bool {
        self.overridden.contains_key(path)
    }

    /// The built-in version of a file, whatever the site put in its place.
    pub fn builtin(path: &str) -> Option<&'static [u8]> {
        DEFAULT.get_file(path).map(|f| f.contents())
    }

    /// The site file that replaced a built-in one, for error messages.
    pub fn source_of(&self, path: &str) -> String {
        match self.overridden.get(path) {
            Some(p) => p.display().to_string(),
            None => format!("built-in theme file {path}"),
        }
    }
}

fn collect_builtin(dir: &'static Dir<'static>, out: &mut BTreeMap<String, Cow<'static, [u8]>>) {
    for f in dir.files() {
        out.insert(
            crate::layout::slash_path(f.path()),
            Cow::Borrowed(f.contents()),
        );
    }
    for d in dir.dirs() {
        collect_builtin(d, out);
    }
}
