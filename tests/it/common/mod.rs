//! Shared helpers for the integration tests: run the real `quire` binary on fixture
//! sites copied to a temporary folder, and read back what it wrote.
#![allow(dead_code)]

pub mod attack;
pub mod dates;
pub mod pdftext;
pub mod public_views;
pub mod scan;
pub mod search;
pub mod site;
pub mod theme_site;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The quire binary cargo built for these tests.
pub fn quire() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quire"))
}

/// A temporary folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "quire-test-{}-{}-{}",
            label,
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The repository root (where the example site lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `tests/fixtures/<name>` into a fresh temporary folder.
pub fn fixture(name: &str) -> TempDir {
    let tmp = TempDir::new(name);
    copy_dir(&repo().join("tests/fixtures").join(name), tmp.path());
    tmp
}

/// Copies the example site (site.toml and content/) into a fresh temporary folder.
pub fn example_site() -> TempDir {
    let tmp = TempDir::new("example");
    fs::copy(repo().join("site.toml"), tmp.path().join("site.toml")).expect("copy site.toml");
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Runs `quire build --root <root> --as-of <date>` plus `extra` arguments.
pub fn build(root: &Path, as_of: &str, extra: &[&str]) -> Output {
    quire()
        // Fixtures are built as of days still to come, into output/: quire refuses that
        // unless today is later (see `quire build --as-of` in docs/building.md).
        .env("QUIRE_TODAY", LATE_TODAY)
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--as-of")
        .arg(as_of)
        .args(extra)
        .output()
        .expect("run quire")
}

/// A today after every fixture's build date.
pub const LATE_TODAY: &str = "9999-12-31";

/// Builds and panics with quire's own messages if the build fails.
pub fn build_ok(root: &Path, as_of: &str, extra: &[&str]) -> Output {
    let out = build(root, as_of, extra);
    assert!(
        out.status.success(),
        "quire build failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Longer than the two seconds every input must have been left alone for a build to
/// keep its record of them (`src/load/stamp.rs`): tests of the build that finds nothing
/// changed wait this long after writing a file.
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(2_100);

/// The first word of a build's summary: `Built`, or `Left` when it found nothing changed
/// since the last build. Panics with quire's messages if the build failed.
pub fn build_verb(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    let said = String::from_utf8_lossy(&out.stdout);
    said.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Each file's bytes under `dir`, by its path as [`list_files`] gives it.
pub fn contents(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Every file under `dir`, as sorted forward-slash paths relative to it.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(base, &p, out);
        } else {
            let rel = p.strip_prefix(base).unwrap();
            out.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn read_bytes_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&fs::read(path).unwrap_or_default()).into_owned()
}

/// A one-page PDF showing `text` in Helvetica, for sites whose appendices must differ
/// in their words, not only their bytes.
pub fn pdf_with_text(text: &str) -> Vec<u8> {
    use lopdf::content::Operation;
    use lopdf::{Document, Object, dictionary};
    let mut doc = Document::with_version("1.7");
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![72.into(), 720.into()]),
        Operation::new("Tj", vec![Object::string_literal(text)]),
        Operation::new("ET", vec![]),
    ];
    one_page(doc, font_id, ops)
}

/// `doc` with one A4 page drawing `ops` in the font `F1` (the object `font_id`), as bytes.
fn one_page(
    mut doc: lopdf::Document,
    font_id: lopdf::ObjectId,
    ops: Vec<lopdf::content::Operation>,
) -> Vec<u8> {
    use lopdf::content::Content;
    use lopdf::{Object, Stream, dictionary};
    let pages_id = doc.new_object_id();
    let content = Content { operations: ops }
        .encode()
        .expect("encode content");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    out
}

/// A one-page PDF showing `text` as Chrome's "Save as PDF" writes it: a composite font
/// with its glyphs' widths, and every glyph placed by a move of its own (`5 0 Td`), the
/// space drawn as a glyph like the others.
pub fn pdf_glyph_by_glyph(text: &str) -> Vec<u8> {
    pdf_as_chrome(text, 0.0, false)
}

/// The fonts of the PDFs below, each at codes for ASCII: glyphs half an em wide, the
/// space a quarter.
#[derive(Clone, Copy, PartialEq)]
pub enum PdfFont {
    /// A composite font with widths and a ToUnicode map, two bytes a glyph (Chrome,
    /// typst, Word).
    Composite,
    /// A Type 3 font, widths in thousandths of its matrix (the bold Chrome makes).
    Type3,
    /// A Type 1 font with no ToUnicode map, its ligatures named in its encoding at
    /// codes 27 to 31 (`/ff /fi /fl /ffi /ffl`), as pdfTeX writes it.
    TexLigatures,
}

impl PdfFont {
    /// `text` in this font's codes (for `TexLigatures`, write the ligatures as the
    /// bytes 27 to 31).
    pub fn string(self, text: &str) -> lopdf::Object {
        let bytes = match self {
            PdfFont::Composite => text
                .chars()
                .flat_map(|c| (c as u16).to_be_bytes())
                .collect(),
            _ => text.chars().map(|c| c as u8).collect(),
        };
        lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }

    fn add_to(self, doc: &mut lopdf::Document) -> lopdf::ObjectId {
        use lopdf::{Object, Stream, dictionary};
        let map = "1 beginbfrange\n<0020> <007e> <0020>\nendbfrange\n";
        let widths: Vec<Object> = (32..127)
            .map(|c| if c == 32 { 250.into() } else { 500.into() })
            .collect();
        let font = match self {
            PdfFont::Composite => {
                let to_unicode = doc.add_object(Stream::new(dictionary! {}, map.into()));
                let cid = doc.add_object(dictionary! {
                    "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Face",
                    "DW" => 500, "W" => vec![32.into(), vec![250.into()].into()],
                });
                dictionary! {
                    "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Face",
                    "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
                    "ToUnicode" => to_unicode,
                }
            }
            PdfFont::Type3 => {
                let to_unicode = doc.add_object(Stream::new(dictionary! {}, map.into()));
                dictionary! {
                    "Type" => "Font", "Subtype" => "Type3",
                    "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
                    "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
                    "FirstChar" => 32, "LastChar" => 126, "Widths" => widths,
                    "CharProcs" => dictionary! {}, "Resources" => dictionary! {},
                    "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => vec![] },
                    "ToUnicode" => to_unicode,
                }
            }
            PdfFont::TexLigatures => {
                let names = ["ff", "fi", "fl", "ffi", "ffl"].map(Object::from);
                let mut differences: Vec<Object> = vec![27.into()];
                differences.extend(names);
                dictionary! {
                    "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "LMRoman10-Regular",
                    "FirstChar" => 32, "LastChar" => 126, "Widths" => widths,
                    "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => differences },
                }
            }
        };
        doc.add_object(font)
    }
}

/// As [`pdf_glyph_by_glyph`], with `spacing` more between glyphs (CSS letter-spacing, in
/// points at 10 points), and, with `type3`, in the Type 3 font of Chrome's made-up bold.
pub fn pdf_as_chrome(text: &str, spacing: f32, type3: bool) -> Vec<u8> {
    use lopdf::content::Operation;
    let font = if type3 {
        PdfFont::Type3
    } else {
        PdfFont::Composite
    };
    let mut ops = vec![Operation::new(
        "Tm",
        vec![
            1.into(),
            0.into(),
            0.into(),
            1.into(),
            40.into(),
            800.into(),
        ],
    )];
    let mut last: Option<char> = None;
    for c in text.chars() {
        if let Some(l) = last {
            let width: f32 = if l == ' ' { 2.5 } else { 5.0 };
            ops.push(Operation::new(
                "Td",
                vec![(width + spacing).into(), 0.into()],
            ));
        }
        ops.push(Operation::new("Tj", vec![font.string(&c.to_string())]));
        last = Some(c);
    }
    pdf_drawing(font, ops)
}

/// A one-page PDF drawing the text operations `ops` (between `BT` and `ET`, after the
/// font is set at 10 points) in `font`.
pub fn pdf_drawing(font: PdfFont, ops: Vec<lopdf::content::Operation>) -> Vec<u8> {
    use lopdf::content::Operation;
    let mut doc = lopdf::Document::with_version("1.7");
    let font_id = font.add_to(&mut doc);
    let mut all = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 10.into()]),
    ];
    all.extend(ops);
    all.push(Operation::new("ET", vec![]));
    one_page(doc, font_id, all)
}

/// The visible text of a built page, tags removed, the entities quire writes undone and
/// spaces collapsed, as a reader sees it.
pub fn page_words(path: &Path) -> String {
    let html = read(path);
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
