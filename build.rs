// The default theme is compiled into the binary with include_dir!, which cargo cannot
// see through: rebuild whenever a theme file changes.
//
// QUIRE_SOURCE_HASH names the code this binary was built from (src/, the default theme
// compiled into it, Cargo.toml and Cargo.lock). Work a build keeps for the next one (the
// leak gate's preparation, the record of the last build) is trusted only by the same
// code: a quire whose reading of the papers changed, even with the same version number,
// prepares afresh.
// The build script reads quire's own source to name it (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = vec![PathBuf::from("Cargo.toml"), PathBuf::from("Cargo.lock")];
    files_under(Path::new("src"), &mut files);
    // A site built by a quire with another default theme is another site: a build that
    // finds nothing changed since the last one trusts it only from the same binary.
    files_under(Path::new("themes/default"), &mut files);
    files.sort();
    // Two halves from differently seeded hashers: 128 bits, so that two versions of the
    // code are never taken for each other by chance.
    let mut halves = [DefaultHasher::new(), DefaultHasher::new()];
    halves[1].write(b"quire second half");
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        for h in &mut halves {
            h.write(file.to_string_lossy().as_bytes());
            h.write_u64(bytes.len() as u64);
            h.write(&bytes);
        }
    }
    println!(
        "cargo:rustc-env=QUIRE_SOURCE_HASH={:016x}{:016x}",
        halves[0].finish(),
        halves[1].finish()
    );
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}
