//! Write: the only code that writes the built site to disk.
//!
//! The site is written into a staging folder beside the target, then swapped into place,
//! so a failed build leaves the previous output exactly as it was and a reader never sees
//! half a site.

// Write is the stage that writes the site: it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::render::{Artefact, Contents};

/// The first line of robots.txt in a members' edition, used to recognise one.
pub const CONFIDENTIAL_MARK: &str = "# quire members' edition: NOT FOR PUBLICATION";

/// The output folder held for one build. Two builds of one folder at once would write
/// into the same staging folder and swap in a mix of both sites (with two build dates, a
/// mix could publish papers early), so the second stops instead. Released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
}

/// Takes the lock beside `output` (`.<name>.lock`), or says that another build holds it.
pub fn lock_output(output: &Path) -> Result<OutputLock, Diagnostic> {
    let err = |msg: String| Diagnostic::error(output, None, msg).code("output-folder");
    let (parent, name) = beside(output);
    fs::create_dir_all(&parent)
        .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
    let path = parent.join(format!(".{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            err(format!(
                "cannot lock the output folder ({}): {e}",
                path.display()
            ))
        })?;
    match file.try_lock() {
        Ok(()) => Ok(OutputLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(err(
            "another quire build (or quire serve) is writing this folder right now".into(),
        )
        .hint("wait for it to finish, then build again; two builds at once would mix their files")),
        Err(fs::TryLockError::Error(e)) => Err(err(format!(
            "cannot lock the output folder ({}): {e}",
            path.display()
        ))),
    }
}

/// The folder an output sits in, and its name: staging, the old site and the lock go there.
fn beside(output: &Path) -> (PathBuf, String) {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    (parent.to_path_buf(), name)
}

/// Writes `artefacts` to `output`, replacing whatever was there only once all is written.
pub fn write_site(artefacts: Vec<Artefact>, output: &Path) -> Result<Written, Diagnostic> {
    let staging = Staging::begin(output)?;
    artefacts.into_par_iter().try_for_each(|a| staging.put(a))?;
    staging.finish()
}

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files in the site.
    pub files: usize,
    /// Files whose bytes were written, because they were new or had changed.
    pub written: usize,
    /// Files removed because the build no longer makes them.
    pub removed: usize,
    /// Whether the output folder was replaced. When nothing changed it is left alone.
    pub replaced: bool,
}

/// A build's site, written file by file into a standby folder beside the output
/// (`.<output>.building`) as the renderers hand the files over, then exchanged with the
/// output in one step.
///
/// The standby folder is kept between builds: after an exchange it holds the previous
/// site. A manifest beside it records each file's identity (a hash of its bytes, or for
/// a copied or cached file, what it was made from) and its size and modification time on
/// disk, so the next build writes only the files that differ, and finds a file someone
/// changed by hand. A build that writes nothing different leaves the output untouched.
///
/// A manifest names its folder by inode, which an exchange does not change, so the two
/// manifests always describe the right folders. The standby folder's manifest is deleted
/// before the build changes anything in it, and written again once all is written: a
/// build that is killed leaves a standby folder without a manifest, which the next build
/// empties and writes whole. A build that fails, for example at the leak gate, removes
/// every file it wrote (see [`Drop`]), so nothing the gate refused stays on disk.
///
/// The manifest also records the leak gate's fingerprint. A manifest is written only by
/// a build that passed the gate, so its files were all found clean by a gate with that
/// fingerprint: [`Staging::scanned_before`] lets the next build skip scanning them.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    /// What the standby folder holds, by path, as its manifest said, and the gate
    /// fingerprint it records: known once [`Staging::standby`] has checked the folder.
    standby: std::sync::OnceLock<Manifest>,
    /// The standby folder's folders as its manifest gave them, once found as they were.
    standby_folders: std::sync::OnceLock<Folders>,
    /// Whether the standby folder's manifest, and the output's, left some folder to be
    /// listed: once the check has found their times, the manifest is written again with
    /// them, even by a build that changes nothing there.
    standby_untimed: bool,
    live_untimed: bool,
    /// The standby folder's manifest and the thread checking the folder against it.
    pending: Mutex<Option<PendingCheck>>,
    /// What the output folder holds, by path.
    live: std::sync::Arc<HashMap<String, Entry>>,
    /// Whether the output holds exactly what its manifest says, worked out on another
    /// thread while the build renders: reading every file's facts takes a while.
    /// Gives the output's folders as its manifest gave them, if it holds exactly that.
    live_check: Mutex<Option<std::thread::JoinHandle<Option<Folders>>>>,
    /// What that check found, once something needed it (see [`Staging::live_folders`]).
    live_folders: std::sync::OnceLock<Option<Folders>>,
    new: Mutex<HashMap<String, Entry>>,
    /// Files not yet in the standby folder that the output holds as they are: written
    /// only if the output is to be replaced (see [`Staging::can_wait`]).
    waiting: Mutex<Vec<String>>,
    written: AtomicUsize,
    /// Whether any file differs from the output's, so the output must be replaced.
    differs: AtomicBool,
    /// The files this build wrote or began to write into the standby folder.
    touched: Mutex<Vec<String>>,
    /// The leak gate's fingerprint when each manifest was written (`None`: no gate ran).
    live_gate: Option<u128>,
    /// This build's gate fingerprint, recorded in the new manifest.
    gate: Mutex<Option<u128>>,
    /// Identities worked out by [`Staging::scanned_before`], for [`Staging::put`].
    ids: Mutex<HashMap<String, u128>>,
    /// Where this edition's cache keeps the record of the last build the gate passed,
    /// and that record: see [`Staging::remember_scans`].
    record: Option<(PathBuf, Manifest)>,
    /// Set once [`Staging::finish`] starts changing the standby folder on its own.
    finishing: bool,
    finished: bool,
}

/// One file in a manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// What the file is: a hash of its bytes, or of what it is copied from.
    id: u128,
    /// The file on disk as written: size, and modification and change times in
    /// nanoseconds. The change time cannot be set by any tool, so a file rewritten and
    /// given back its old modification time is still found.
    facts: Facts,
}

/// A plain file's size, modification time and change time (nanoseconds).
type Facts = (u64, i128, i128);

const MANIFEST_HEADER: &str = "quire output manifest 4";

impl Staging {
    /// Prepares the standby folder beside `output`.
    pub fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let err = |e: std::io::Error| {
            Diagnostic::error(
                output,
                None,
                format!("cannot write the site: {}", crate::diag::plain_io(&e)),
            )
            .code("output-folder")
        };
        let (parent, name) = beside(output);
        fs::create_dir_all(&parent).map_err(err)?;
        let dir = parent.join(format!(".{name}.building"));
        // Left by builds before the standby folder was kept.
        remove_tree(&parent.join(format!(".{name}.previous")));
        // Each manifest lists every file of a copy (150,000 lines at a council's scale):
        // the two are read side by side.
        let (live_manifest, standby_manifest) = rayon::join(
            || read_manifest(&parent, &name, output),
            || read_manifest(&parent, &name, &dir),
        );
        let ((live_gate, live), live_folders) = live_manifest.unwrap_or_default();
        let live_untimed = untimed(&live_folders);
        let mut standby_untimed = false;
        // The standby copy is trusted only if it holds exactly what its manifest lists,
        // file by file: a copy restored from a backup, cut short, or touched by hand is
        // emptied and written whole. Reading every file's facts takes a while, so it is
        // checked on another thread while the build loads and renders (see `standby`).
        let pending = match standby_manifest {
            Some(((gate, files), folders)) => {
                standby_untimed = untimed(&folders);
                let files = std::sync::Arc::new(files);
                let (folder, listed) = (dir.clone(), std::sync::Arc::clone(&files));
                std::thread::Builder::new()
                    .name("quire-standby-check".into())
                    .spawn(move || on_own_pool(|| holds_exactly(&folder, &listed, folders)))
                    .ok()
                    .map(|check| (gate, files, check))
            }
            None => None,
        };
        if pending.is_none() {
            empty_standby(&parent, &name, &dir).map_err(err)?;
        }
        remove_stale_manifests(&parent, &name, &[output, &dir]);
        let live = std::sync::Arc::new(live);
        let live_check = {
            let (output, live) = (output.to_path_buf(), std::sync::Arc::clone(&live));
            std::thread::Builder::new()
                .name("quire-output-check".into())
                .spawn(move || on_own_pool(|| holds_exactly(&output, &live, live_folders)))
                .ok()
        };
        let standby = std::sync::OnceLock::new();
        if pending.is_none() {
            let _ = standby.set((None, Default::default()));
        }
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            parent,
            name,
            standby,
            standby_folders: std::sync::OnceLock::new(),
            standby_untimed,
            live_untimed,
            pending: Mutex::new(pending),
            live,
            live_check: Mutex::new(live_check),
            live_folders: std::sync::OnceLock::new(),
            new: Mutex::new(HashMap::new()),
            waiting: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            differs: AtomicBool::new(false),
            touched: Mutex::new(Vec::new()),
            live_gate,
            gate: Mutex::new(None),
            ids: Mutex::new(HashMap::new()),
            record: None,
            finishing: false,
            finished: false,
        })
    }

    /// What the standby folder holds, once the check begun in [`Staging::begin`] says
    /// whether its manifest can be trusted; if not, the folder is emptied first. Nothing
    /// is written to the folder before this returns.
    fn standby(&self) -> &Manifest {
        self.standby.get_or_init(|| {
            let pending = self
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            let trusted = pending.and_then(|(gate, files, check)| {
                check
                    .join()
                    .ok()
                    .flatten()
                    .map(|folders| (gate, files, folders))
            });
            match trusted {
                Some((gate, files, folders)) => {
                    let _ = self.standby_folders.set(folders);
                    (gate, std::sync::Arc::unwrap_or_clone(files))
                }
                None => {
                    // A failure here shows when the first file cannot be written.
                    let _ = empty_standby(&self.parent, &self.name, &self.dir);
                    (None, HashMap::new())
                }
            }
        })
    }

    /// Keeps, in `file` in the edition's cache folder, the record of every file this
    /// build writes once its leak gate has passed them all, and trusts the record the
    /// last build kept there as [`Staging::scanned_before`] trusts a manifest. A site
    /// built into a new, empty output folder each time (as a deployment does, keeping
    /// only the cache) then has its unchanged pages, packs and search files skipped by
    /// the gate, as a rebuild in place has.
    ///
    /// The record is read only when the output folder has no manifest: otherwise the
    /// output's and the standby copy's manifests say all it could, and at a council's
    /// scale a third table of 100,000 files is 35 MB more at the build's peak.
    pub fn remember_scans(&mut self, file: PathBuf) {
        let held = if self.live.is_empty() {
            fs::read_to_string(&file)
                .ok()
                .and_then(|text| parse_manifest(&text))
                .map(|(manifest, _)| manifest)
                .unwrap_or_default()
        } else {
            Manifest::default()
        };
        self.record = Some((file, held));
    }

    /// Keeps the record of this build's files (see [`Staging::remember_scans`]), unless
    /// the one kept already says the same. Failing to keep it never fails the build.
    /// `text` is the new site's manifest, made once for this and for the standby folder's
    /// manifest before the exchange (the two are the same text).
    fn keep_record(
        &self,
        gate: Option<u128>,
        new: &HashMap<String, Entry>,
        text: &std::cell::OnceCell<String>,
    ) {
        let (Some((file, (held_gate, held))), Some(print)) = (&self.record, gate) else {
            return;
        };
        let same = *held_gate == Some(print)
            && held.len() == new.len()
            && new
                .iter()
                .all(|(p, e)| held.get(p).is_some_and(|h| h.id == e.id));
        if !same {
            if let Some(dir) = file.parent() {
                let _ = fs::create_dir_all(dir);
            }
            let text = text.get_or_init(|| manifest_text(gate, new, &Folders::new()));
            let _ = write_new(file, text);
        }
    }

    /// Records the fingerprint of this build's leak gate in the manifest.
    pub fn use_gate(&self, print: u128) {
        *self.gate.lock().unwrap_or_else(|e| e.into_inner()) = Some(print);
    }

    /// Whether a build whose leak gate had this fingerprint already wrote these bytes to
    /// this path, and so found them clean. Only for files quire makes: pages in memory,
    /// and packs from the pack cache, whose file is named by a hash of everything the
    /// pack (and so its text) is made from. A copied file is scanned every time, because
    /// the gate also warns about what it cannot read in it.
    pub fn scanned_before(&self, a: &Artefact, gate: u128) -> bool {
        if matches!(a.contents, Contents::Copy(_)) {
            return false;
        }
        let Ok(id) = identity(a) else {
            return false;
        };
        self.ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(a.path.clone(), id);
        let seen = |manifest: &HashMap<String, Entry>, print: Option<u128>| {
            print == Some(gate) && manifest.get(&a.path).is_some_and(|e| e.id == id)
        };
        let (standby_gate, standby) = self.standby();
        let recorded =
            (self.record.as_ref()).is_some_and(|(_, (print, files))| seen(files, *print));
        seen(&self.live, self.live_gate) || seen(standby, *standby_gate) || recorded
    }

    /// Adds one file of the site, writing it only if the standby folder does not already
    /// hold these bytes. Called from many threads at once.
    pub fn put(&self, a: Artefact) -> Result<(), Diagnostic> {
        let err = |msg: String| Diagnostic::error(&self.output, None, msg).code("output-folder");
        if a.path.is_empty()
            || a.path.contains("..")
            || a.path.starts_with('/')
            || a.path.contains('\n')
        {
            return Err(err(format!("a file cannot be written to {:?}", a.path)));
        }
        let known = self
            .ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&a.path);
        let id = match known {
            Some(id) => id,
            None => identity(&a).map_err(|e| {
                err(format!(
                    "cannot read {}: {}",
                    a.path,
                    crate::diag::plain_io(&e)
                ))
            })?,
        };
        if self.live.get(&a.path).map(|e| e.id) != Some(id) {
            self.differs.store(true, Ordering::Relaxed);
        }
        let target = self.dir.join(&a.path);
        let kept = self
            .standby()
            .1
            .get(&a.path)
            // The standby folder is quire's own (a dot folder beside the output), and its
            // manifest is written only once everything in it is: it is trusted as it is.
            .filter(|e| e.id == id)
            .copied();
        let entry = match kept {
            Some(entry) => entry,
            None if self.can_wait(&a.path, id) => {
                (self.waiting.lock().unwrap_or_else(|e| e.into_inner())).push(a.path.clone());
                self.live[&a.path]
            }
            None => {
                self.touch(&a.path).map_err(|e| {
                    err(format!(
                        "cannot write the site: {}",
                        crate::diag::plain_io(&e)
                    ))
                })?;
                let facts = write_file(&target, &a.contents).map_err(|e| {
                    err(format!(
                        "cannot write {}: {}",
                        a.path,
                        crate::diag::plain_io(&e)
                    ))
                })?;
                self.written.fetch_add(1, Ordering::Relaxed);
                Entry { id, facts }
            }
        };
        let mut new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        if new.insert(a.path.clone(), entry).is_some() {
            return Err(err(format!("two outputs would be written to {}", a.path))
                .hint("two files or pages have the same address; rename one of them"));
        }
        Ok(())
    }

    /// Whether a file with this identity need not be written into the standby folder yet:
    /// the standby folder has nothing at its path, and the output, checked, holds it as
    /// it is. That is every file in the first build after a build from nothing (whose
    /// standby folder is empty): if nothing differs, the output stays and nothing is
    /// written; if something does, [`Staging::bring_waiting`] copies these files from the
    /// output into the standby folder before the exchange.
    fn can_wait(&self, path: &str, id: u128) -> bool {
        self.live.get(path).is_some_and(|e| e.id == id)
            && !self.standby().1.contains_key(path)
            && self.live_folders().is_some()
    }

    /// The output's folders as its manifest gave them, if the output holds exactly what
    /// that manifest lists; waits for the check begun in [`Staging::begin`].
    fn live_folders(&self) -> Option<&Folders> {
        let check = || {
            let handle = (self.live_check.lock().unwrap_or_else(|e| e.into_inner())).take();
            handle.and_then(|h| h.join().ok().flatten())
        };
        self.live_folders.get_or_init(check).as_ref()
    }

    /// Copies the files that waited (see [`Staging::can_wait`]) from the output into the
    /// standby folder, with their modification times, and records them in `new` as they
    /// are there. A file the output no
    /// longer holds as its manifest said (changed by hand during the build) fails the
    /// build rather than be copied.
    fn bring_waiting(
        &self,
        waiting: &[String],
        new: &mut HashMap<String, Entry>,
    ) -> std::io::Result<()> {
        for rel in waiting {
            self.touch(rel)?;
        }
        let copied: Vec<(String, Facts)> = (waiting.par_iter())
            .map(|rel| {
                let (from, to) = (self.output.join(rel), self.dir.join(rel));
                clear_path(&to)?;
                fs::copy(&from, &to)?;
                let source = fs::symlink_metadata(&from)?;
                if facts_of(&source) != self.live[rel].facts {
                    return Err(std::io::Error::other(format!(
                        "{rel} in the output changed during the build; build again"
                    )));
                }
                // The copy keeps the time its bytes were last changed, so a deployment
                // that compares times (rsync's) sends only what this build changed.
                fs::File::options()
                    .write(true)
                    .open(&to)?
                    .set_modified(source.modified()?)?;
                Ok((rel.clone(), facts_of(&fs::symlink_metadata(&to)?)))
            })
            .collect::<std::io::Result<_>>()?;
        self.written.fetch_add(copied.len(), Ordering::Relaxed);
        for (rel, facts) in copied {
            if let Some(entry) = new.get_mut(&rel) {
                entry.facts = facts;
            }
        }
        Ok(())
    }

    /// Records that `path` is about to be written. Before the first write, the standby
    /// folder's manifest is deleted: until it is written again, nothing may trust what
    /// the folder holds (a build killed now leaves it without one).
    fn touch(&self, path: &str) -> std::io::Result<()> {
        let mut touched = self.touched.lock().unwrap_or_else(|e| e.into_inner());
        if touched.is_empty() {
            self.unsettle()?;
        }
        touched.push(path.to_string());
        Ok(())
    }

    /// Deletes the standby folder's manifest, before anything in the folder changes.
    fn unsettle(&self) -> std::io::Result<()> {
        if let Some(m) = manifest_path(&self.parent, &self.name, &self.dir) {
            match fs::remove_file(&m) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    /// The paths of the files put so far, sorted.
    pub fn paths(&self) -> Vec<String> {
        let new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        let mut paths: Vec<String> = new.keys().cloned().collect();
        paths.sort_unstable();
        paths
    }

    /// Removes what the build no longer makes, records the manifest, and puts the new
    /// site in place of the output, unless nothing in it differs from the output's.
    pub fn finish(mut self) -> Result<Written, Diagnostic> {
        let err = |e: std::io::Error| {
            Diagnostic::error(
                &self.output,
                None,
                format!("cannot write the site: {}", crate::diag::plain_io(&e)),
            )
            .code("output-folder")
        };
        let mut new = std::mem::take(&mut *self.new.lock().unwrap_or_else(|e| e.into_inner()));
        let waiting = std::mem::take(&mut *self.waiting.lock().unwrap_or_else(|e| e.into_inner()));
        self.finishing = true;
        let (standby_gate, standby) = self.standby();
        let standby_gate = *standby_gate;
        if standby.keys().any(|p| !new.contains_key(p)) {
            self.unsettle().map_err(err)?;
        }
        let removed = remove_unmade(&self.dir, standby, &new).map_err(err)?;
        // The output is compared with its manifest file by file, so a file changed or
        // added there by hand is found.
        let live_folders = self.live_folders().cloned();
        let live_intact = live_folders.is_some();
        let unchanged =
            live_intact && !self.differs.load(Ordering::Relaxed) && new.len() == self.live.len();
        if !unchanged {
            self.bring_waiting(&waiting, &mut new).map_err(err)?;
        }
        let gate = *self.gate.lock().unwrap_or_else(|e| e.into_inner());
        let touched = std::mem::take(&mut *self.touched.lock().unwrap_or_else(|e| e.into_inner()));
        // A standby copy this build did not change keeps its manifest as it is, unless the
        // check found times the manifest did not give.
        let text = std::cell::OnceCell::new();
        let learned = self.standby_untimed && self.standby_folders.get().is_some();
        if !(touched.is_empty() && removed.is_empty() && gate == standby_gate && !learned) {
            let path = manifest_path(&self.parent, &self.name, &self.dir)
                .ok_or_else(|| err(std::io::Error::other("the standby folder is missing")))?;
            let changed = touched.iter().chain(&removed).map(String::as_str);
            // Files that waited and were not needed are not in the standby folder.
            let held;
            let (listed, text) = if unchanged && !waiting.is_empty() {
                held = without(&new, &waiting);
                (&held, &std::cell::OnceCell::new())
            } else {
                (&new, &text)
            };
            let folders = folder_times(listed, self.standby_folders.get(), changed);
            write_new(
                &path,
                text.get_or_init(|| manifest_text(gate, listed, &folders)),
            )
            .map_err(err)?;
        }
        let mut written = Written {
            files: new.len(),
            written: self.written.load(Ordering::Relaxed),
            removed: removed.len(),
            replaced: false,
        };
        if !unchanged {
            if !live_intact {
                // It becomes the standby folder: the next build must not trust it.
                forget_manifest(&self.parent, &self.name, &self.output);
            }
            let exchanged = fs::symlink_metadata(&self.output).is_ok();
            swap(&self.dir, &self.output).map_err(err)?;
            written.replaced = true;
            if exchanged {
                self.mirror(&new, live_folders.as_ref(), gate);
            }
        } else if let Some(folders) = live_folders.filter(|_| self.live_untimed) {
            // Left as it is; its manifest now gives the times the check found. (Failing
            // to write it costs the next check time, never the build.)
            let (parent, name) = (&self.parent, &self.name);
            let _ = write_manifest(
                parent,
                name,
                &self.output,
                self.live_gate,
                &self.live,
                &folders,
            );
        }
        self.finished = true;
        self.keep_record(gate, &new, &text);
        Ok(written)
    }

    /// After an exchange the standby folder holds the previous site, and with it what
    /// this build withdrew: a paper published by mistake and made exempt since. An
    /// output inside a web server's folder (`--output /srv/www/papers`) has its standby
    /// copy there too (`/srv/www/.papers.building`), which servers that serve hidden
    /// folders would go on serving. So the standby copy is brought to this build's site:
    /// each file that changed is copied from the new site, and each file no longer made
    /// is removed; it then holds nothing the live site does not. (A copy, not a link: a
    /// link shares the live file, whose change time the next build's write into the
    /// standby folder would then change.) If that fails, or the previous output was
    /// changed by hand, the standby copy is removed whole.
    ///
    /// `folders` are the previous output's, as its manifest gave them, if it held exactly
    /// what that said.
    fn mirror(&self, new: &HashMap<String, Entry>, folders: Option<&Folders>, gate: Option<u128>) {
        forget_manifest(&self.parent, &self.name, &self.dir);
        let done = folders.is_some_and(|folders| self.try_mirror(new, folders, gate).is_ok());
        if !done {
            forget_manifest(&self.parent, &self.name, &self.dir);
            remove_tree(&self.dir);
        }
    }

    fn try_mirror(
        &self,
        new: &HashMap<String, Entry>,
        folders: &Folders,
        gate: Option<u128>,
    ) -> std::io::Result<()> {
        // The previous output held exactly what its manifest listed.
        let old = &self.live;
        let gone: Vec<&String> = old.keys().filter(|p| !new.contains_key(*p)).collect();
        for rel in &gone {
            match fs::remove_file(self.dir.join(rel)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => remove_empty_parents(&self.dir, rel),
            }
        }
        let changed: Vec<(&String, &Entry)> = (new.iter())
            .filter(|(p, e)| old.get(*p).map(|o| o.id) != Some(e.id))
            .collect();
        let copied: Vec<(String, Entry)> = (changed.into_par_iter())
            .map(|(rel, now)| {
                let standby = self.dir.join(rel);
                clear_path(&standby)?;
                fs::copy(self.output.join(rel), &standby)?;
                let facts = facts_of(&fs::symlink_metadata(&standby)?);
                Ok((rel.clone(), Entry { id: now.id, facts }))
            })
            .collect::<std::io::Result<_>>()?;
        // The files that did not change are the previous output's, as its manifest says.
        let mut standby: HashMap<String, Entry> = (new.iter())
            .map(|(p, e)| (p.clone(), old.get(p).copied().unwrap_or(*e)))
            .collect();
        let changed: Vec<&str> = (gone.into_iter().chain(copied.iter().map(|(p, _)| p)))
            .map(String::as_str)
            .collect();
        standby.extend(copied.iter().cloned());
        let folders = folder_times(&standby, Some(folders), changed);
        write_manifest(
            &self.parent,
            &self.name,
            &self.dir,
            gate,
            &standby,
            &folders,
        )
    }
}

impl Drop for Staging {
    /// A build that did not finish may have written files the leak gate then refused:
    /// every file it wrote is removed, and the standby folder is again what its manifest
    /// says (or, if a file cannot be removed, removed whole).
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if self.finishing {
            // Files were removed or the manifest rewritten before the failure: what the
            // folder holds is no longer known.
            forget_manifest(&self.parent, &self.name, &self.dir);
            remove_tree(&self.dir);
            return;
        }
        let touched = std::mem::take(&mut *self.touched.lock().unwrap_or_else(|e| e.into_inner()));
        if touched.is_empty() {
            return;
        }
        let (standby_gate, mut left) = self.standby().clone();
        let removed = touched.iter().all(|rel| {
            left.remove(rel);
            let gone = match fs::remove_file(self.dir.join(rel)) {
                Ok(()) => true,
                Err(e) => e.kind() == std::io::ErrorKind::NotFound,
            };
            // A refused page's folder is named like the page, so it goes too.
            remove_empty_parents(&self.dir, rel);
            gone
        });
        let folders = folder_times(
            &left,
            self.standby_folders.get(),
            touched.iter().map(String::as_str),
        );
        let kept = write_manifest(
            &self.parent,
            &self.name,
            &self.dir,
            standby_gate,
            &left,
            &folders,
        );
        if !removed || kept.is_err() {
            forget_manifest(&self.parent, &self.name, &self.dir);
            remove_tree(&self.dir);
        }
    }
}

/// What a file is, without writing it: the hash of its bytes, or of the facts of the file
/// it is copied from (its inode's size, times and number: an edit changes them) and of
/// this version of quire, which decides what is taken out of a copied image.
fn identity(a: &Artefact) -> std::io::Result<u128> {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    match &a.contents {
        Contents::Bytes(b) => {
            h.write_u8(0);
            h.write(b);
        }
        Contents::Copy(handle) => {
            h.write_u8(1);
            h.write(env!("CARGO_PKG_VERSION").as_bytes());
            source_facts(&mut h, handle.content_path())?;
        }
        Contents::Kept(kept) => {
            // A cached pack's name is the hash of everything it was made from.
            h.write_u8(2);
            source_facts(&mut h, &kept.path)?;
        }
    }
    Ok(h.finish128().as_u128())
}

/// The file's name and its inode's facts. Not its whole path: the same file reached as
/// `./.quire-cache/…` (`quire build`) and as `/srv/site/.quire-cache/…` (`--root
/// /srv/site`) is the same file, and was written again whole when the two were mixed.
fn source_facts(h: &mut impl std::hash::Hasher, path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path)?;
    let name = path.file_name().unwrap_or(path.as_os_str());
    h.write(name.as_encoded_bytes());
    for n in [m.len(), m.ino(), m.dev()] {
        h.write_u64(n);
    }
    for t in [m.mtime(), m.mtime_nsec(), m.ctime(), m.ctime_nsec()] {
        h.write_i64(t);
    }
    Ok(())
}

fn facts_of(m: &fs::Metadata) -> Facts {
    let (modified, changed) = crate::load::file_times(m);
    (m.len(), modified, changed)
}

/// Writes one file as a new file: whatever was at its path (an older copy, or a link
/// someone put there) is removed first, never written through.
fn write_file(path: &Path, contents: &Contents) -> std::io::Result<Facts> {
    clear_path(path)?;
    match contents {
        Contents::Bytes(b) => fs::write(path, b)?,
        Contents::Copy(file) => fs::write(path, file.read()?)?,
        Contents::Kept(kept) => {
            fs::copy(&kept.path, path)?;
        }
    }
    Ok(facts_of(&fs::symlink_metadata(path)?))
}

/// Makes way for a new file at `path`: removes what is there, or makes its folder.
fn clear_path(path: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => remove_tree(path),
        Ok(_) => fs::remove_file(path)?,
        Err(_) => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
        }
    }
    Ok(())
}

/// The entries of `files` but those at `paths`.
fn without(files: &HashMap<String, Entry>, paths: &[String]) -> HashMap<String, Entry> {
    let left_out: std::collections::HashSet<&str> = paths.iter().map(String::as_str).collect();
    (files.iter())
        .filter(|(p, _)| !left_out.contains(p.as_str()))
        .map(|(p, e)| (p.clone(), *e))
        .collect()
}

/// Removes from the standby folder the files it held that the build did not make, and
/// the folders they leave empty. The standby folder is quire's own, and its manifest
/// (trusted only when complete) lists everything in it.
fn remove_unmade(
    dir: &Path,
    held: &HashMap<String, Entry>,
    keep: &HashMap<String, Entry>,
) -> std::io::Result<Vec<String>> {
    let mut gone: Vec<&String> = held.keys().filter(|p| !keep.contains_key(*p)).collect();
    gone.sort_unstable();
    for rel in &gone {
        match fs::remove_file(dir.join(rel)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        remove_empty_parents(dir, rel);
    }
    Ok(gone.into_iter().cloned().collect())
}

/// Removes the folders above `rel` inside `dir` that are left empty.
fn remove_empty_parents(dir: &Path, rel: &str) {
    let mut folder = Path::new(rel).parent();
    while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
        if fs::remove_dir(dir.join(f)).is_err() {
            break;
        }
        folder = f.parent();
    }
}

/// The checksum of the output's manifest, if it has one and still holds exactly the files
/// the manifest lists, each as it was written: an output a build that would make the same
/// site again can leave as it is.
pub fn intact_output(output: &Path) -> Option<u128> {
    let (checksum, files, folders) = output_manifest(output)?;
    holds_exactly(output, &files, folders).map(|_| checksum)
}

/// The checksum of the output's manifest (the last build wrote it: nothing is checked
/// against the files).
pub fn output_checksum(output: &Path) -> Option<u128> {
    let text = output_manifest_text(output)?;
    // Its entries are not read: at a council's scale that is 150,000 lines, after every
    // build that changed anything.
    sealed(&text).map(|(_, _, hash)| hash)
}

fn output_manifest(output: &Path) -> Option<(u128, HashMap<String, Entry>, Folders)> {
    let text = output_manifest_text(output)?;
    let (body, count, sum) = sealed(&text)?;
    let ((_, files), folders) = parse_body(body, count)?;
    Some((sum, files, folders))
}

/// The text of the output's manifest, if it has one.
fn output_manifest_text(output: &Path) -> Option<String> {
    let (parent, name) = beside(output);
    fs::read_to_string(manifest_path(&parent, &name, output)?).ok()
}

/// Runs a check of a folder on a thread pool of its own. The checks run beside the build
/// and are waited for from inside its parallel work (the first file put waits for the
/// standby folder's): a walk on the build's own pool would wait for workers that are
/// waiting for it, and on two cores both were, for ever.
fn on_own_pool<T: Send>(check: impl FnOnce() -> Option<T> + Send) -> Option<T> {
    match rayon::ThreadPoolBuilder::new().build() {
        Ok(pool) => pool.install(check),
        // No thread for a pool: then no check, and the folder is not trusted.
        Err(_) => None,
    }
}

/// Whether `output` holds exactly the files of its manifest, each as it was written.
///
/// Looked at without listing every folder: a file is found changed by its facts, and a
/// file added or removed by its folder's modification and change times, which every
/// entry added, removed or renamed in the folder moves on (and the change time cannot be
/// set back). Listing every folder of a large site (50,000 folders a copy, two copies a
/// build) was a third of a rebuild's system calls (docs/performance.md, "Seventeenth
/// session").
///
/// A folder whose times the manifest does not give is listed instead, and must hold
/// exactly the files and folders the manifest puts in it: the top folder (exchanging the
/// two copies changes its own times), and each folder the build that wrote the manifest
/// wrote into (see [`folder_times`]). The times found then are given back with the
/// others, so that the next manifest can give them.
///
/// Gives back the folders, each with its times, if the folder holds exactly what the
/// manifest lists, `None` if not.
fn holds_exactly(
    output: &Path,
    files: &HashMap<String, Entry>,
    folders: Folders,
) -> Option<Folders> {
    let in_listed_folder = |rel: &str| {
        rel.rsplit_once('/')
            .is_none_or(|(folder, _)| folders.contains_key(folder))
    };
    // Every file's folder, and every folder's own folder, is in the manifest, so that no
    // folder escapes the check.
    if !files.keys().all(|f| in_listed_folder(f)) || !folders.keys().all(|f| in_listed_folder(f)) {
        return None;
    }
    // What each folder to be listed must hold: the top folder ("") and those without times.
    let mut children: HashMap<&str, std::collections::HashSet<&str>> = HashMap::new();
    children.insert("", Default::default());
    for (rel, times) in &folders {
        if times.is_none() {
            children.entry(rel).or_default();
        }
    }
    for rel in files.keys().chain(folders.keys()) {
        let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        if let Some(names) = children.get_mut(folder) {
            names.insert(name);
        }
    }
    let listed: Vec<(String, (i128, i128))> = (children.par_iter())
        .map(|(rel, names)| Some((rel.to_string(), holds_only(&output.join(rel), names)?)))
        .collect::<Option<_>>()?;
    drop(children);
    let intact = folders.par_iter().all(|(rel, times)| {
        times.is_none_or(|times| {
            fs::symlink_metadata(output.join(rel))
                .is_ok_and(|m| m.is_dir() && crate::load::file_times(&m) == times)
        })
    }) && files.par_iter().all(|(rel, e)| {
        fs::symlink_metadata(output.join(rel)).is_ok_and(|m| m.is_file() && facts_of(&m) == e.facts)
    });
    let mut folders = folders;
    for (rel, times) in listed.into_iter().filter(|(rel, _)| !rel.is_empty()) {
        folders.insert(rel, Some(times));
    }
    intact.then_some(folders)
}

/// The times of the folder `dir` if it holds exactly the entries `names`, and nothing
/// changed in it while it was listed (its times were the same before and after).
fn holds_only(dir: &Path, names: &std::collections::HashSet<&str>) -> Option<(i128, i128)> {
    let times = || {
        fs::symlink_metadata(dir)
            .ok()
            .filter(|m| m.is_dir())
            .map(|m| crate::load::file_times(&m))
    };
    let before = times()?;
    let mut found = 0;
    for entry in fs::read_dir(dir).ok()? {
        if !names.contains(&*entry.ok()?.file_name().to_string_lossy()) {
            return None;
        }
        found += 1;
    }
    (found == names.len() && times()? == before).then_some(before)
}

/// The folders below the top of a copy that hold the `files`, each with its times as
/// last found (`known`, from the check of the copy against its manifest), for the copy's
/// next manifest.
///
/// A folder's times move on only when an entry in it is added, removed or renamed, so a
/// folder keeps its known times unless the build added, removed or replaced something
/// in it (it holds, at any depth, one of the `changed` paths). Those folders, and any
/// new one, are given no times: the next check lists them. Times read now, just after
/// the build wrote into a folder, would also cover a file someone put there while it ran,
/// which no later check would find. So a rebuild that writes ten files leaves the next
/// check ten folders to list, not all 50,000 of a large site.
fn folder_times<'a>(
    files: &HashMap<String, Entry>,
    known: Option<&Folders>,
    changed: impl IntoIterator<Item = &'a str>,
) -> Folders {
    let moved: std::collections::HashSet<&str> = changed.into_iter().flat_map(folders_of).collect();
    let mut names = std::collections::HashSet::with_capacity(known.map_or(0, HashMap::len));
    for rel in files.keys() {
        // Up to the first folder already named: the folders above it are named too.
        folders_of(rel)
            .take_while(|folder| names.insert(*folder))
            .for_each(drop);
    }
    (names.into_par_iter())
        .map(|rel| {
            let times = known
                .and_then(|k| k.get(rel).copied().flatten())
                .filter(|_| !moved.contains(rel));
            (rel.to_string(), times)
        })
        .collect()
}

/// Whether a manifest leaves some folder to be listed.
fn untimed(folders: &Folders) -> bool {
    folders.values().any(Option::is_none)
}

/// The folders a path is in, deepest first: `a/b/c.html` is in `a/b` and `a`.
fn folders_of(rel: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(rel.rsplit_once('/').map(|(f, _)| f), |f| {
        f.rsplit_once('/').map(|(up, _)| up)
    })
}

/// The manifest file of `folder`, named by the folder's inode.
fn manifest_path(parent: &Path, name: &str, folder: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::symlink_metadata(folder).ok().filter(|m| m.is_dir())?;
    Some(parent.join(format!(".{name}.manifest-{}-{}", m.dev(), m.ino())))
}

/// A folder's manifest: the fingerprint of the leak gate that checked its files (none
/// for the members' edition), and each file.
type Manifest = (Option<u128>, HashMap<String, Entry>);

/// The folders of a manifest's folder (not the folder itself), by path, each with its
/// modification and change times in nanoseconds, or none if the check is to list it:
/// see [`holds_exactly`].
type Folders = HashMap<String, Option<(i128, i128)>>;

fn read_manifest(parent: &Path, name: &str, folder: &Path) -> Option<(Manifest, Folders)> {
    parse_manifest(&fs::read_to_string(manifest_path(parent, name, folder)?).ok()?)
}

/// A manifest's body, its count of entries and its checksum, if the checksum on its last
/// line is the body's: a manifest cut short, or edited, is not trusted.
fn sealed(text: &str) -> Option<(&str, &str, u128)> {
    let (body, end) = text.strip_suffix('\n')?.rsplit_once('\n')?;
    let (count, hash) = end.strip_prefix("end ")?.split_once(' ')?;
    let sum = checksum(body);
    (hash == format!("{sum:032x}")).then_some((body, count, sum))
}

fn parse_manifest(text: &str) -> Option<(Manifest, Folders)> {
    let (body, count, _) = sealed(text)?;
    parse_body(body, count)
}

/// The entries of a sealed manifest's body, if there are `count` of them.
fn parse_body(body: &str, count: &str) -> Option<(Manifest, Folders)> {
    let mut lines = body.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return None;
    }
    let gate = match lines.next()?.strip_prefix("gate ")? {
        "none" => None,
        hex => Some(u128::from_str_radix(hex, 16).ok()?),
    };
    // Sized once; a count no body of this length could hold is not trusted (nor used
    // to size anything).
    let expected: usize = count.parse().ok().filter(|&n| n <= body.len())?;
    let mut map = HashMap::with_capacity(expected);
    let mut folders = Folders::new();
    for line in lines {
        if let Some(folder) = line.strip_prefix("folder ") {
            let mut parts = folder.splitn(3, ' ');
            let mut next = || parts.next();
            let times = match (next()?, next()?) {
                ("-", "-") => None,
                (mtime, ctime) => Some((mtime.parse().ok()?, ctime.parse().ok()?)),
            };
            folders.insert(next()?.to_string(), times);
            continue;
        }
        let mut parts = line.splitn(5, ' ');
        let mut next = || parts.next();
        let (id, size, mtime, ctime, path) = (next()?, next()?, next()?, next()?, next()?);
        let entry = Entry {
            id: u128::from_str_radix(id, 16).ok()?,
            facts: (size.parse().ok()?, mtime.parse().ok()?, ctime.parse().ok()?),
        };
        map.insert(path.to_string(), entry);
    }
    (map.len().to_string() == count).then_some(((gate, map), folders))
}

fn checksum(text: &str) -> u128 {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    h.write(text.as_bytes());
    h.finish128().as_u128()
}

fn write_manifest(
    parent: &Path,
    name: &str,
    folder: &Path,
    gate: Option<u128>,
    files: &HashMap<String, Entry>,
    folders: &Folders,
) -> std::io::Result<()> {
    let path = manifest_path(parent, name, folder)
        .ok_or_else(|| std::io::Error::other("the standby folder is missing"))?;
    write_new(&path, &manifest_text(gate, files, folders))
}

/// Writes a file whole, or leaves what was there: a reader never sees half of it. The
/// file beside it that it is written to first is this process's own: two builds sharing
/// a cache may keep their records at once.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut tmp = path.to_path_buf().into_os_string();
    tmp.push(format!(".tmp-{}", std::process::id()));
    fs::write(&tmp, text)?;
    fs::rename(&tmp, path)
}

fn manifest_text(gate: Option<u128>, files: &HashMap<String, Entry>, folders: &Folders) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(files.len() * 112 + folders.len() * 60);
    text.push_str(MANIFEST_HEADER);
    match gate {
        Some(print) => text.push_str(&format!("\ngate {print:032x}")),
        None => text.push_str("\ngate none"),
    }
    // A large site's manifest has 150,000 lines, written after every build that changed
    // anything: they are sorted and written out on every core.
    let file = |t: &mut String, (p, e): &(&String, &Entry)| {
        let (size, mtime, ctime) = e.facts;
        let _ = write!(t, "\n{:032x} {size} {mtime} {ctime} {p}", e.id);
    };
    text.push_str(&in_order(files, file));
    let folder = |t: &mut String, (p, times): &(&String, &Option<(i128, i128)>)| {
        let _ = match times {
            Some((mtime, ctime)) => write!(t, "\nfolder {mtime} {ctime} {p}"),
            None => write!(t, "\nfolder - - {p}"),
        };
    };
    text.push_str(&in_order(folders, folder));
    let end = format!("\nend {} {:032x}\n", files.len(), checksum(&text));
    text.push_str(&end);
    text
}

/// Each entry of `map` written by `line`, in the order of their paths.
fn in_order<'a, V: Sync>(
    map: &'a HashMap<String, V>,
    line: impl Fn(&mut String, &(&'a String, &'a V)) + Sync,
) -> String {
    let mut sorted: Vec<(&String, &V)> = map.iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let parts: Vec<String> = (sorted.par_chunks(4096))
        .map(|chunk| {
            // Written in place: a string made for each line costs more.
            let mut part = String::with_capacity(chunk.len() * 112);
            chunk.iter().for_each(|entry| line(&mut part, entry));
            part
        })
        .collect();
    parts.concat()
}

/// A standby folder's manifest, and the thread checking the folder against it.
type PendingCheck = (
    Option<u128>,
    std::sync::Arc<HashMap<String, Entry>>,
    std::thread::JoinHandle<Option<Folders>>,
);

/// Empties the standby folder (or makes it), with no manifest: a new folder may be given
/// the inode number, and so the manifest, of one removed before.
fn empty_standby(parent: &Path, name: &str, dir: &Path) -> std::io::Result<()> {
    forget_manifest(parent, name, dir);
    remove_tree(dir);
    fs::create_dir_all(dir)?;
    forget_manifest(parent, name, dir);
    Ok(())
}

/// Deletes the manifest of `folder`, if it has one.
fn forget_manifest(parent: &Path, name: &str, folder: &Path) {
    if let Some(m) = manifest_path(parent, name, folder) {
        let _ = fs::remove_file(m);
    }
}

/// Removes manifests of folders that are no longer there.
fn remove_stale_manifests(parent: &Path, name: &str, keep: &[&Path]) {
    let keep: Vec<PathBuf> = keep
        .iter()
        .filter_map(|f| manifest_path(parent, name, f))
        .collect();
    let prefix = format!(".{name}.manifest-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with(&prefix) && !keep.contains(&path) {
            let _ = fs::remove_file(path);
        }
    }
}

/// Removes a folder tree. The entries of its first two levels are removed in parallel:
/// a site keeps most of its files under one or two folders (`committees/...`).
fn remove_tree(dir: &Path) {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            let _ = remove_level(dir, 2);
        }
        // A file or a link where a folder was expected: the link is removed, never
        // followed, so a link to another folder never empties that folder.
        Ok(_) => {
            let _ = fs::remove_file(dir);
        }
        Err(_) => {}
    }
}

fn remove_level(dir: &Path, parallel_levels: usize) -> std::io::Result<()> {
    if parallel_levels == 0 {
        // The standard library's removal does not follow links.
        return fs::remove_dir_all(dir);
    }
    let entries: Vec<PathBuf> = fs::read_dir(dir)?.flatten().map(|e| e.path()).collect();
    entries.par_iter().for_each(|p| {
        let _ = match fs::symlink_metadata(p) {
            Ok(m) if m.is_dir() => remove_level(p, parallel_levels - 1),
            _ => fs::remove_file(p),
        };
    });
    fs::remove_dir_all(dir)
}

/// Puts `staging` in place of `output`. When there is an old output the two folders are
/// exchanged in one step, so a reader, a web server or a build killed at any moment sees
/// either the whole old site or the whole new one, never none; `staging` then holds the
/// old site, for the next build to bring up to date. Where the file system cannot
/// exchange folders, the three renames that do the same are undone on failure.
fn swap(staging: &Path, output: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output);
    }
    if exchange(staging, output).is_ok() {
        return Ok(());
    }
    let (parent, name) = beside(output);
    let old = parent.join(format!(".{name}.previous"));
    remove_tree(&old);
    fs::rename(output, &old)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err(e);
    }
    fs::rename(&old, staging)
}

/// Exchanges two folders atomically (renameat2 with RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this system"))
}

/// Refuses output folders that would destroy sources or mix the two editions, and returns
/// the folder to write, absolute and with every `..` and symbolic link resolved.
///
/// The members' edition may never be written into, or below, any folder that holds a
/// public edition (recognised by [`PUBLIC_MARK`] in its robots.txt) or the site's default
/// `output/`. Both the path as written and the path with its links resolved are checked,
/// because a web server serving the public folder follows a link inside it, and the
/// operating system follows a link on the way to the target.
pub fn check_output(root: &Path, output: &Path, confidential: bool) -> Result<PathBuf, Diagnostic> {
    let root_abs = resolved(root);
    let forms = [lexical(output), resolved(output)];
    let refuse = |msg: &str, hint: &str| {
        Err(Diagnostic::error(output, None, msg.to_string())
            .code("output-folder")
            .hint(hint.to_string()))
    };
    if output.is_file() {
        return refuse(
            "the output folder is a file",
            "name a folder, for example --output output",
        );
    }
    for out in &forms {
        if root_abs.starts_with(out)
            || out.starts_with(root_abs.join("content"))
            || out.starts_with(root_abs.join("themes"))
        {
            return refuse(
                "the output folder would overwrite the site's own files",
                "choose an output folder outside content/ and themes/, such as output/",
            );
        }
    }
    if confidential {
        let public_default = [
            lexical(&root.join("output")),
            resolved(&root.join("output")),
        ];
        let inside_public = forms.iter().any(|out| {
            public_default.iter().any(|p| out.starts_with(p)) || holds_public_edition(out)
        });
        if inside_public {
            return refuse(
                "the members' edition cannot be written into output/ or any folder holding the public site",
                "leave out --output to use confidential/, or name a folder outside every public build",
            );
        }
    }
    if output.is_dir()
        && fs::read_dir(output)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        let robots = fs::read_to_string(output.join("robots.txt")).unwrap_or_default();
        if !written_by_quire(&robots) {
            return refuse(
                "the output folder is not empty and was not written by quire",
                "choose an empty or new folder; quire replaces the whole output folder on every build",
            );
        }
        if robots.starts_with(CONFIDENTIAL_MARK) != confidential {
            return refuse(
                "this folder holds the other edition of the site",
                "keep the public build (output/) and the members' edition (confidential/) in separate folders",
            );
        }
    }
    Ok(forms[1].clone())
}

/// The first line of robots.txt in a public edition, used to recognise one.
pub const PUBLIC_MARK: &str = "# quire public edition";

/// Whether `dir` or any folder above it is a website: it has a robots.txt that is not a
/// members' edition's. That covers every public edition quire wrote (with [`PUBLIC_MARK`],
/// or before the mark existed) wherever `--output` put it, and any other site's web root.
fn holds_public_edition(dir: &Path) -> bool {
    dir.ancestors().any(|a| {
        fs::read_to_string(a.join("robots.txt")).is_ok_and(|r| !r.starts_with(CONFIDENTIAL_MARK))
    })
}

/// Whether a robots.txt is one quire wrote for either edition (public ones written before
/// the mark existed began with these words).
fn written_by_quire(robots: &str) -> bool {
    robots.starts_with(CONFIDENTIAL_MARK)
        || robots.starts_with(PUBLIC_MARK)
        || robots.starts_with("User-agent: *\nAllow: /\nSitemap: ")
}

/// `p` made absolute with `.` and `..` applied to the words as written, following no link.
fn lexical(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    normalise(&joined)
}

/// Applies `.` and `..` to a path's words.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    push_normalised(&mut out, p.components());
    out
}

/// Appends `parts` to `out`, a `..` taking the last part off.
fn push_normalised<'a>(
    out: &mut PathBuf,
    parts: impl IntoIterator<Item = std::path::Component<'a>>,
) {
    for c in parts {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
}

/// An absolute, symlink-free form of `p`, even when `p` (or its tail) does not exist yet:
/// the deepest existing ancestor is canonicalised and the rest, which cannot hold a link
/// because it does not exist, is normalised and appended. So `output/missing/../..` and a
/// relative `output/new-folder` are compared correctly with the site root.
fn resolved(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let parts: Vec<_> = joined.components().collect();
    for keep in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..keep].iter().collect();
        if let Ok(mut out) = fs::canonicalize(&head) {
            push_normalised(&mut out, parts[keep..].iter().copied());
            return out;
        }
    }
    normalise(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty folder for one test, named for it.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("quire-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn relative_paths_that_do_not_exist_yet_are_checked() {
        let dir = scratch("check");
        fs::create_dir_all(dir.join("content")).unwrap();
        assert!(check_output(&dir, &dir.join("output/members-copy"), true).is_err());
        assert!(check_output(&dir, &dir.join("content/x/y"), false).is_err());
        assert!(check_output(&dir, &dir.join("elsewhere"), true).is_ok());
        // A missing folder followed by `..` lands in output/ all the same.
        assert!(check_output(&dir, &dir.join("missing/../output/x"), true).is_err());
        assert!(check_output(&dir, &dir.join("output/missing/.."), true).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_existing_output_is_exchanged_in_one_step() {
        let dir = scratch("exchange");
        let (staging, output) = (dir.join("new"), dir.join("output"));
        fs::create_dir_all(&staging).unwrap();
        fs::create_dir_all(&output).unwrap();
        fs::write(staging.join("index.html"), "new").unwrap();
        fs::write(output.join("index.html"), "old").unwrap();
        exchange(&staging, &output).unwrap();
        let read = |p: &Path| fs::read_to_string(p.join("index.html")).unwrap();
        assert_eq!(
            (read(&output).as_str(), read(&staging).as_str()),
            ("new", "old")
        );
        swap(&staging, &output).unwrap();
        assert_eq!(
            (read(&output).as_str(), read(&staging).as_str()),
            ("old", "new")
        );
        let _ = fs::remove_dir_all(&dir);
    }

    fn site(files: &[(&str, &str)]) -> Vec<Artefact> {
        files.iter().map(|(p, b)| Artefact::bytes(*p, *b)).collect()
    }

    #[test]
    fn swap_replaces_and_duplicate_paths_fail() {
        let dir = scratch("write");
        let out = dir.join("output");
        write_site(site(&[("a/index.html", "one")]), &out).unwrap();
        write_site(site(&[("b.html", "two")]), &out).unwrap();
        assert!(!out.join("a/index.html").exists() && !out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
        let dup = site(&[("x", "1"), ("x", "2")]);
        assert!(write_site(dup, &out).is_err());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_changed_files_are_written_and_an_unchanged_site_is_left_alone() {
        let dir = scratch("incr");
        let out = dir.join("output");
        let one = [("a.html", "a"), ("b/c.html", "c"), ("d.html", "d")];
        let first = write_site(site(&one), &out).unwrap();
        assert_eq!((first.written, first.replaced), (3, true));
        // The second build has no standby folder yet: it writes the two files that
        // changed, and copies the one that did not from the output.
        let two = [("a.html", "a"), ("b/c.html", "C"), ("e.html", "e")];
        let second = write_site(site(&two), &out).unwrap();
        assert_eq!((second.written, second.replaced), (3, true));
        // The standby folder held the first site until the exchange, then was brought to
        // the second: it has nothing the live site does not (d.html, made no more, and
        // the first b/c.html are gone), so the same site again writes nothing.
        let standby = dir.join(".output.building");
        assert_eq!(fs::read_to_string(standby.join("b/c.html")).unwrap(), "C");
        assert_eq!(fs::read_to_string(standby.join("e.html")).unwrap(), "e");
        assert!(!standby.join("d.html").exists());
        let third = write_site(site(&two), &out).unwrap();
        assert_eq!(
            (third.written, third.removed, third.replaced),
            (0, 0, false)
        );
        // One change: one file written, in place of the output.
        let three = [("a.html", "A"), ("b/c.html", "C"), ("e.html", "e")];
        let fourth = write_site(site(&three), &out).unwrap();
        assert_eq!(
            (fourth.written, fourth.removed, fourth.replaced),
            (1, 0, true)
        );
        assert_eq!(fs::read_to_string(standby.join("a.html")).unwrap(), "A");
        let fourth = write_site(site(&two), &out).unwrap();
        assert_eq!(
            (fourth.written, fourth.removed, fourth.replaced),
            (1, 0, true)
        );
        assert_eq!(fs::read_to_string(out.join("b/c.html")).unwrap(), "C");
        assert!(!out.join("d.html").exists());
        // A file changed by hand in the output is found, and the output replaced.
        fs::write(out.join("a.html"), "tampered").unwrap();
        fs::write(out.join("extra.html"), "x").unwrap();
        let fifth = write_site(site(&two), &out).unwrap();
        assert!(fifth.replaced);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
        assert!(!out.join("extra.html").exists());
        // The hand-made file went to the standby folder with the exchange; the next
        // build must not bring it back.
        let six = [("a.html", "a"), ("b/c.html", "C6"), ("e.html", "e")];
        write_site(site(&six), &out).unwrap();
        assert!(!out.join("extra.html").exists());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_interrupted_build_leaves_a_standby_folder_the_next_build_rewrites() {
        let dir = scratch("kill");
        let out = dir.join("output");
        let files = [("a.html", "a"), ("b.html", "b")];
        write_site(site(&files), &out).unwrap();
        write_site(site(&files), &out).unwrap();
        // A build killed half way: it began, wrote one file, and never finished.
        let staging = Staging::begin(&out).unwrap();
        staging.put(Artefact::bytes("a.html", "half")).unwrap();
        std::mem::forget(staging);
        let standby = dir.join(".output.building");
        assert_eq!(fs::read_to_string(standby.join("a.html")).unwrap(), "half");
        let next = write_site(site(&[("a.html", "A"), ("b.html", "b")]), &out).unwrap();
        assert_eq!((next.written, next.replaced), (2, true));
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A");
        // A build that fails removes what it wrote, and no more.
        let staging = Staging::begin(&out).unwrap();
        staging.put(Artefact::bytes("a.html", "refused")).unwrap();
        drop(staging);
        assert!(!standby.join("a.html").exists());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A");
        // The standby folder is trusted again. It no longer holds a.html, but the output
        // does, and as nothing changed, nothing is written.
        let next = write_site(site(&[("a.html", "A"), ("b.html", "b")]), &out).unwrap();
        assert_eq!((next.written, next.replaced), (0, false));
        assert!(!standby.join("a.html").exists());
        // A build that fails before writing anything leaves the standby folder alone.
        let staging = Staging::begin(&out).unwrap();
        drop(staging);
        let next = write_site(site(&[("a.html", "A"), ("b.html", "b")]), &out).unwrap();
        assert_eq!((next.written, next.replaced), (0, false));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_is_known_clean_only_for_the_same_bytes_and_the_same_gate() {
        let dir = scratch("gateprint");
        let out = dir.join("output");
        let staging = Staging::begin(&out).unwrap();
        staging.use_gate(7);
        staging.put(Artefact::bytes("a.html", "a")).unwrap();
        staging.finish().unwrap();
        let next = Staging::begin(&out).unwrap();
        assert!(next.scanned_before(&Artefact::bytes("a.html", "a"), 7));
        assert!(!next.scanned_before(&Artefact::bytes("a.html", "changed"), 7));
        assert!(!next.scanned_before(&Artefact::bytes("a.html", "a"), 8));
        assert!(!next.scanned_before(&Artefact::bytes("b.html", "a"), 7));
        drop(next);
        // The members' edition has no gate: nothing it wrote counts as scanned.
        let members = Staging::begin(&out).unwrap();
        members.put(Artefact::bytes("a.html", "a")).unwrap();
        members.finish().unwrap();
        let after = Staging::begin(&out).unwrap();
        assert!(
            after.scanned_before(&Artefact::bytes("a.html", "a"), 7),
            "the output still has the gate's manifest"
        );
        drop(after);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_new_output_folder_trusts_the_record_the_last_passed_build_kept() {
        let dir = scratch("gaterecord");
        let record = dir.join("cache").join("scanned.manifest");
        let begin = |out: &str| {
            let mut s = Staging::begin(&dir.join(out)).unwrap();
            s.remember_scans(record.clone());
            s
        };
        // A build into `out` whose gate, with this fingerprint, passed a.html.
        let passed = |out: &str, gate: u128| {
            let staging = begin(out);
            staging.use_gate(gate);
            staging.put(Artefact::bytes("a.html", "a")).unwrap();
            staging.finish().unwrap();
        };
        // A build that fails keeps no record.
        let failed = begin("one");
        failed.use_gate(7);
        failed.put(Artefact::bytes("a.html", "a")).unwrap();
        drop(failed);
        assert!(!record.exists());
        passed("one", 7);
        // A new output folder, as a deployment makes each time: its own manifests are
        // gone, but the record in the cache stands for them.
        let fresh = begin("two");
        assert!(fresh.scanned_before(&Artefact::bytes("a.html", "a"), 7));
        assert!(!fresh.scanned_before(&Artefact::bytes("a.html", "changed"), 7));
        assert!(
            !fresh.scanned_before(&Artefact::bytes("a.html", "a"), 8),
            "another gate"
        );
        assert!(!fresh.scanned_before(&Artefact::bytes("b.html", "a"), 7));
        drop(fresh);
        // Without the record (as with --no-cache), nothing counts as scanned.
        let unrecorded = Staging::begin(&dir.join("three")).unwrap();
        assert!(!unrecorded.scanned_before(&Artefact::bytes("a.html", "a"), 7));
        drop(unrecorded);
        // A damaged record is not trusted.
        let text = fs::read_to_string(&record).unwrap();
        fs::write(&record, text.replacen("a.html", "b.html", 1)).unwrap();
        let damaged = begin("four");
        assert!(!damaged.scanned_before(&Artefact::bytes("a.html", "a"), 7));
        assert!(!damaged.scanned_before(&Artefact::bytes("b.html", "a"), 7));
        drop(damaged);
        // The next build that passes keeps its own record.
        passed("five", 8);
        let fresh = begin("six");
        assert!(fresh.scanned_before(&Artefact::bytes("a.html", "a"), 8));
        assert!(!fresh.scanned_before(&Artefact::bytes("a.html", "a"), 7));
        drop(fresh);
        // A rebuild in place (which reads its own manifests, not the record) keeps the
        // record up to date too.
        passed("five", 9);
        let fresh = begin("seven");
        assert!(fresh.scanned_before(&Artefact::bytes("a.html", "a"), 9));
        drop(fresh);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_pack_is_known_clean_only_while_it_is_the_same_cache_file() {
        let dir = scratch("gatepack");
        fs::create_dir_all(dir.join("cache")).unwrap();
        let (out, cached) = (dir.join("output"), dir.join("cache").join("k1.pdf"));
        fs::write(&cached, "pdf one").unwrap();
        let pack = |path: &Path| Artefact {
            path: "m/agenda-pack.pdf".into(),
            contents: Contents::Kept(crate::render::Kept {
                path: path.to_path_buf(),
                bytes: 7,
            }),
        };
        let staging = Staging::begin(&out).unwrap();
        staging.use_gate(7);
        staging.put(pack(&cached)).unwrap();
        staging.finish().unwrap();
        let next = Staging::begin(&out).unwrap();
        assert!(next.scanned_before(&pack(&cached), 7));
        assert!(!next.scanned_before(&pack(&cached), 8), "another gate");
        // The same name, made again: a new file, scanned again.
        fs::remove_file(&cached).unwrap();
        fs::write(dir.join("cache").join("other"), "keeps the inode in use").unwrap();
        fs::write(&cached, "pdf two").unwrap();
        assert!(!next.scanned_before(&pack(&cached), 7));
        // A copied file is always scanned: the gate warns about what it cannot read.
        let copy = Artefact {
            path: "m/appendix.pdf".into(),
            contents: Contents::Copy(crate::redact::FileHandle::for_tests(cached.clone())),
        };
        assert!(!next.scanned_before(&copy, 7));
        drop(next);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_pack_reached_by_another_spelling_of_its_path_is_the_same_file() {
        let dir = scratch("packpath");
        fs::create_dir_all(dir.join("cache")).unwrap();
        let cached = dir.join("cache").join("k1.pdf");
        fs::write(&cached, "pdf one").unwrap();
        let pack = |path: PathBuf| Artefact {
            path: "m/agenda-pack.pdf".into(),
            contents: Contents::Kept(crate::render::Kept { path, bytes: 7 }),
        };
        let roundabout = dir.join("cache/../cache/./k1.pdf");
        let id = |p: PathBuf| identity(&pack(p)).unwrap();
        assert_eq!(id(cached.clone()), id(roundabout));
        // Another file of the same bytes is not.
        fs::write(dir.join("cache").join("k2.pdf"), "pdf one").unwrap();
        assert_ne!(id(cached), id(dir.join("cache").join("k2.pdf")));
        let _ = fs::remove_dir_all(&dir);
    }

    /// Two builds of `files`, so the output and the standby copy both have manifests.
    #[test]
    fn the_first_rebuild_with_nothing_changed_writes_nothing() {
        let dir = scratch("first");
        let (out, standby) = (dir.join("output"), dir.join(".output.building"));
        let one = [("a.html", "a"), ("b/c.html", "c"), ("d.html", "d")];
        assert_eq!(write_site(site(&one), &out).unwrap().written, 3);
        // A build from nothing leaves no standby copy; the same site again is left as
        // it is, and nothing is written beside it either.
        let again = write_site(site(&one), &out).unwrap();
        assert_eq!((again.written, again.replaced), (0, false));
        assert!(!standby.join("a.html").exists());
        // One change: the two files that waited are copied from the output, and the
        // standby copy is then brought to the new site.
        let two = [("a.html", "A"), ("b/c.html", "c"), ("d.html", "d")];
        let time = |rel: &str| fs::metadata(out.join(rel)).unwrap().modified().unwrap();
        let times = ["b/c.html", "d.html"].map(time);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let changed = write_site(site(&two), &out).unwrap();
        assert_eq!((changed.written, changed.replaced), (3, true));
        // The copies keep the times of the files they were copied from.
        assert_eq!(["b/c.html", "d.html"].map(time), times);
        for (rel, text) in two {
            assert_eq!(fs::read_to_string(out.join(rel)).unwrap(), text);
            assert_eq!(fs::read_to_string(standby.join(rel)).unwrap(), text);
        }
        let settled = write_site(site(&two), &out).unwrap();
        assert_eq!((settled.written, settled.replaced), (0, false));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_changed_by_hand_in_the_output_is_never_copied_from_it() {
        let dir = scratch("waitedit");
        let out = dir.join("output");
        let one = [("a.html", "a"), ("b.html", "b")];
        write_site(site(&one), &out).unwrap();
        fs::write(out.join("b.html"), "tampered").unwrap();
        let two = [("a.html", "A"), ("b.html", "b")];
        let second = write_site(site(&two), &out).unwrap();
        assert_eq!((second.written, second.replaced), (2, true));
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "b");
        let _ = fs::remove_dir_all(&dir);
    }

    /// The output of a site built three times, the second time with its first file
    /// changed: the output and the standby folder then both hold the site.
    fn settled(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
        let _ = fs::remove_dir_all(dir);
        let out = dir.join("output");
        let mut other = files.to_vec();
        other[0].1 = "settling";
        for build in [files, &other, files] {
            write_site(site(build), &out).unwrap();
        }
        out
    }

    fn standby_manifest(dir: &Path) -> PathBuf {
        manifest_path(dir, "output", &dir.join(".output.building")).unwrap()
    }

    #[test]
    fn a_manifest_claiming_more_files_than_it_could_hold_is_not_trusted() {
        let dir = scratch("count");
        let out = dir.join("output");
        write_site(site(&[("a.html", "a")]), &out).unwrap();
        let path = manifest_path(&dir, "output", &out).unwrap();
        assert!(read_manifest(&dir, "output", &out).is_some(), "the control");
        // The count is outside the checksum: a huge one must neither be trusted nor be
        // used to size a table (which would abort the build).
        let text = fs::read_to_string(&path).unwrap();
        let (body, end) = text.trim_end().rsplit_once('\n').unwrap();
        let hash = end.rsplit(' ').next().unwrap();
        fs::write(&path, format!("{body}\nend {} {hash}\n", usize::MAX)).unwrap();
        assert!(read_manifest(&dir, "output", &out).is_none());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_output_checksum_is_the_checked_manifests_and_none_for_an_edited_one() {
        let dir = scratch("checksum");
        let out = dir.join("output");
        write_site(site(&[("a.html", "a"), ("b/c.html", "c")]), &out).unwrap();
        // Read without its entries, it is the checksum the full check gives.
        let checked = intact_output(&out);
        assert!(checked.is_some(), "the control");
        assert_eq!(output_checksum(&out), checked);
        // One entry changed by hand, the seal is broken: no checksum to keep a record by.
        let path = manifest_path(&dir, "output", &out).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replacen("a.html", "x.html", 1)).unwrap();
        assert_eq!(output_checksum(&out), None);
        assert_eq!(intact_output(&out), None);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_standby_copy_that_does_not_match_its_manifest_is_rewritten() {
        let dir = scratch("distrust");
        let files = [("a.html", "a"), ("b.html", "b")];
        let out = settled(&dir, &files);
        let standby = dir.join(".output.building");
        // A file left in the standby copy by hand is not published with the next change.
        fs::write(standby.join("planted.html"), "CANARY").unwrap();
        write_site(site(&[("a.html", "A"), ("b.html", "b")]), &out).unwrap();
        assert!(!out.join("planted.html").exists());
        // A manifest cut short is not trusted: what it no longer lists is not kept.
        let out = settled(&dir, &files);
        let m = standby_manifest(&dir);
        let text = fs::read_to_string(&m).unwrap();
        fs::write(&m, &text[..text.len() - 40]).unwrap();
        fs::write(standby.join("a.html"), "stale").unwrap();
        write_site(site(&[("a.html", "a"), ("b.html", "B")]), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
        // The two folders' files swapped, as a restore from a backup can leave them (the
        // folders, and so their manifests, stay): the standby copy now holds the later
        // page under the manifest of the earlier one. Sizes and names match; the change
        // time does not.
        let out = settled(&dir, &[("a.html", "public"), ("b.html", "b")]);
        write_site(site(&[("a.html", "secret"), ("b.html", "b")]), &out).unwrap();
        let held = dir.join("held.html");
        fs::rename(out.join("a.html"), &held).unwrap();
        fs::rename(standby.join("a.html"), out.join("a.html")).unwrap();
        fs::rename(&held, standby.join("a.html")).unwrap();
        write_site(site(&[("a.html", "public"), ("b.html", "b")]), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "public");
        write_site(site(&[("a.html", "public"), ("b.html", "c")]), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "public");
        let _ = fs::remove_dir_all(&dir);
    }

    /// Files in folders two and three down, which the check finds by their folders'
    /// times, not by listing the folders.
    const DEEP: [(&str, &str); 4] = [
        ("a.html", "a"),
        ("b/c/d.html", "d"),
        ("b/c/e/f.html", "f"),
        ("g/h.html", "h"),
    ];

    fn deep_with(path: &str, text: &str) -> Vec<(&'static str, String)> {
        DEEP.iter()
            .map(|(p, t)| (*p, if *p == path { text } else { t }.to_string()))
            .collect()
    }

    fn site_of(files: &[(&'static str, String)]) -> Vec<Artefact> {
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        site(&files)
    }

    /// Puts a file (or, for a path ending in `/`, an empty folder) at `rel` under `root`.
    fn plant(root: &Path, rel: &str) {
        let path = root.join(rel.trim_end_matches('/'));
        if rel.ends_with('/') {
            fs::create_dir_all(path).unwrap();
        } else {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "CANARY").unwrap();
        }
    }

    const PLANTS: [&str; 5] = [
        "b/c/planted.html",
        "b/c/e/new/planted.html",
        "g/planted/",
        "planted.html",
        "b/c/e/planted.html",
    ];

    #[test]
    fn a_file_or_folder_added_by_hand_deep_in_either_copy_is_found() {
        let dir = scratch("deep");
        let standby = dir.join(".output.building");
        for rel in PLANTS {
            let gone = |out: &Path| !out.join(rel.trim_end_matches('/')).exists();
            // In the standby copy: not published with the next change, nor after it.
            let out = settled(&dir, &DEEP);
            plant(&standby, rel);
            write_site(site_of(&deep_with("a.html", "A")), &out).unwrap();
            assert!(
                gone(&out),
                "{rel} planted in the standby copy was published"
            );
            write_site(site_of(&deep_with("a.html", "A2")), &out).unwrap();
            assert!(gone(&out), "{rel} came back a build later");
            // In the output: found with nothing else changed, and the output replaced.
            let out = settled(&dir, &DEEP);
            plant(&out, rel);
            let again = write_site(site(&DEEP), &out).unwrap();
            assert!(again.replaced, "{rel} planted in the output was not found");
            assert!(gone(&out), "{rel} stayed in the output");
            write_site(site_of(&deep_with("g/h.html", "H")), &out).unwrap();
            assert!(gone(&out), "{rel} came back with the standby copy");
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn folders_emptied_and_filled_again_keep_the_standby_copy_trusted() {
        let dir = scratch("refill");
        let out = settled(&dir, &DEEP);
        let without: Vec<(&str, &str)> = DEEP
            .iter()
            .copied()
            .filter(|(p, _)| *p != "b/c/e/f.html")
            .collect();
        // Each change writes only what changed; the same site again writes nothing. A
        // standby copy whose folders' times were recorded wrongly would not be trusted,
        // and would be written whole.
        for (files, written) in [(&without, 0), (&DEEP.to_vec(), 1), (&without, 0)] {
            let changed = write_site(site(files), &out).unwrap();
            assert_eq!((changed.written, changed.replaced), (written, true));
            let same = write_site(site(files), &out).unwrap();
            assert_eq!((same.written, same.replaced), (0, false));
        }
        assert!(!out.join("b/c/e").exists() && !dir.join(".output.building/b/c/e").exists());
        // One file taken out of a folder of the standby copy by hand: written whole.
        fs::remove_file(dir.join(".output.building/b/c/d.html")).unwrap();
        let next = write_site(site(&DEEP), &out).unwrap();
        assert_eq!(next.written, DEEP.len());
        let _ = fs::remove_dir_all(&dir);
    }

    /// A file put into either copy while a build runs, in the folder the build writes
    /// into, after the build checked that copy: it may be published by that build (it
    /// was there when the copies were exchanged), but the next build finds it and takes
    /// it away, and no later build brings it back.
    #[test]
    fn a_file_put_beside_one_a_build_writes_while_it_runs_is_found_by_the_next_build() {
        let dir = scratch("race");
        let standby = dir.join(".output.building");
        let planted = "b/c/planted.html";
        for copy in [standby.clone(), dir.join("output")] {
            let out = settled(&dir, &DEEP);
            let staging = Staging::begin(&out).unwrap();
            for a in site_of(&deep_with("b/c/d.html", "D")) {
                staging.put(a).unwrap();
            }
            plant(&copy, planted);
            assert!(
                copy.join(planted).exists(),
                "the control: the file is there"
            );
            // Whether this build finds it depends on when its check of that copy ran.
            staging.finish().unwrap();
            let anywhere = || out.join(planted).exists() || standby.join(planted).exists();
            write_site(site_of(&deep_with("b/c/d.html", "D")), &out).unwrap();
            assert!(!out.join(planted).exists(), "still published a build later");
            write_site(site_of(&deep_with("a.html", "A")), &out).unwrap();
            write_site(site_of(&deep_with("g/h.html", "H")), &out).unwrap();
            assert!(!anywhere(), "came back after later builds");
        }
        let _ = fs::remove_dir_all(&dir);
    }

    /// The folders each copy's manifest leaves to be listed.
    fn untimed_in(dir: &Path) -> [Vec<String>; 2] {
        [dir.join("output"), dir.join(".output.building")].map(|copy| {
            let ((_, _), folders) = read_manifest(dir, "output", &copy).unwrap();
            let mut names: Vec<String> = (folders.into_iter())
                .filter_map(|(name, times)| times.is_none().then_some(name))
                .collect();
            names.sort();
            names
        })
    }

    /// A build that changes nothing writes down the times its check found, so a settled
    /// site's checks list no folder; an edit leaves the folders it wrote into to be
    /// listed, and only those.
    #[test]
    fn a_settled_site_leaves_only_the_folders_last_written_to_be_listed() {
        let dir = scratch("timed");
        let out = settled(&dir, &DEEP);
        let same = write_site(site(&DEEP), &out).unwrap();
        assert_eq!((same.written, same.replaced), (0, false));
        assert_eq!(untimed_in(&dir), [Vec::<String>::new(), Vec::new()]);
        write_site(site_of(&deep_with("b/c/e/f.html", "F")), &out).unwrap();
        let written = ["b", "b/c", "b/c/e"].map(String::from).to_vec();
        assert_eq!(untimed_in(&dir), [written.clone(), written]);
        // Both copies are still trusted: the same site again writes nothing.
        let again = write_site(site_of(&deep_with("b/c/e/f.html", "F")), &out).unwrap();
        assert_eq!((again.written, again.replaced), (0, false));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_manifest_whose_folders_miss_one_is_not_trusted() {
        let dir = scratch("folders");
        let out = settled(&dir, &DEEP);
        let m = standby_manifest(&dir);
        let ((gate, files), mut folders) =
            parse_manifest(&fs::read_to_string(&m).unwrap()).unwrap();
        let standby = dir.join(".output.building");
        assert!(
            holds_exactly(&standby, &files, folders.clone()).is_some(),
            "the control"
        );
        folders.remove("b/c");
        assert!(holds_exactly(&standby, &files, folders.clone()).is_none());
        // Written as a manifest, with a good checksum: the build does not trust it.
        fs::write(&m, manifest_text(gate, &files, &folders)).unwrap();
        plant(&standby, "b/c/planted.html");
        write_site(site(&DEEP), &out).unwrap();
        assert!(!out.join("b/c/planted.html").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_new_standby_folder_never_inherits_an_old_manifest() {
        let dir = scratch("reuse");
        let files = [("a.html", "a"), ("b.html", "b")];
        let out = settled(&dir, &files);
        // Both folders removed by hand, then a build that stops before writing anything.
        fs::remove_dir_all(&out).unwrap();
        fs::remove_dir_all(dir.join(".output.building")).unwrap();
        drop(Staging::begin(&out).unwrap());
        write_site(site(&files), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "b");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_in_the_output_is_removed_never_followed() {
        let dir = scratch("link");
        let files = [("a.html", "a")];
        let out = settled(&dir, &files);
        let victim = dir.join("victim");
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("keep.txt"), "keep").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("legacy")).unwrap();
        for _ in 0..3 {
            write_site(site(&files), &out).unwrap();
        }
        assert!(!out.join("legacy").exists());
        assert_eq!(fs::read_to_string(victim.join("keep.txt")).unwrap(), "keep");
        // The standby folder itself a link: removed, not followed.
        let standby = dir.join(".output.building");
        remove_tree(&standby);
        std::os::unix::fs::symlink(&victim, &standby).unwrap();
        write_site(site(&[("a.html", "A")]), &out).unwrap();
        assert_eq!(fs::read_to_string(victim.join("keep.txt")).unwrap(), "keep");
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_edited_in_the_output_with_its_old_time_is_found() {
        let dir = scratch("ctime");
        let files = [("a.html", "aaaa")];
        let out = settled(&dir, &files);
        let page = out.join("a.html");
        let modified = fs::metadata(&page).unwrap().modified().unwrap();
        fs::write(&page, "AAAA").unwrap();
        fs::File::options()
            .write(true)
            .open(&page)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let again = write_site(site(&files), &out).unwrap();
        assert!(again.replaced);
        assert_eq!(fs::read_to_string(&page).unwrap(), "aaaa");
        let _ = fs::remove_dir_all(&dir);
    }
}
