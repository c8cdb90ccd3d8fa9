//! The words of a published PDF, as a reader or a search engine could get them: every
//! text string in the file (metadata, bookmarks, alternative text, annotations; not the
//! name of the program that made it), then the text shown on each page, decoded through
//! each font's ToUnicode map (typst writes Identity-H fonts, whose bytes are glyph
//! numbers, not characters), with its words told apart by where they land (see [`pen`]),
//! and what the file holds besides (see [`held`]): attached files, XMP metadata, earlier
//! revisions, and text no page shows.

mod cmap;
mod content;
mod decode;
mod glyphs;
mod held;
mod pen;

pub use held::FileReader;

use std::collections::{HashMap, HashSet};

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId};

use pen::{GAP, Pen};

/// Text nested deeper than this in form XObjects is not followed.
const MAX_DEPTH: usize = 4;

/// Arrays and dictionaries nested deeper than this are refused before parsing: the
/// parser recurses, and a hostile file could overflow the stack.
const MAX_NESTING: usize = 256;

/// Changes whenever the words [`pdf_text`] reads from a file may change: texts kept
/// between builds (see `gate::pdfcache`) are read again.
pub const READING: &str = "pdftext-13: words placed by the pen, all the file holds, every filter undone, files and pictures held, raw text on request, addresses and scripts unescaped, attached metafiles drawn, markers raised beside the text left out in one reading";

/// The words of the PDF in `bytes`, or why it could not be read. A file attached to it
/// that is not a PDF is read for the text its bytes show; the leak gate reads such files
/// as what they are (`gate::pdf_words`).
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    pdf_text_with(bytes, &|_, data| crate::text::decoded(data), false).map(|read| read.text)
}

/// What [`pdf_text_with`] read of a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Read {
    /// Its words.
    pub text: String,
    /// What of it could not be read, if anything.
    pub unread: Option<String>,
    /// The size and SHA-256 of each file it holds as it was: a file attached to it, or
    /// a JPEG placed on a page (a PDF keeps a JPEG's bytes as they are). The gate
    /// compares them with the withheld files.
    pub held: Vec<(u64, [u8; 32])>,
    /// What anyone sees of it in a text editor (see [`raw_text`]), if it was asked for.
    pub raw: Option<String>,
}

/// The words of the PDF in `bytes`, each attached file that is not a PDF read by
/// `files` (given its name and bytes), and what of the file could not be read (an
/// attached file packed in a way quire cannot unpack), if anything; or, if the file
/// cannot be read at all, why. With `raw`, also what [`raw_text`] reads of it, from the
/// same parse: reading a public PDF twice cost its parse twice.
pub fn pdf_text_with(bytes: &[u8], files: FileReader<'_>, raw: bool) -> Result<Read, String> {
    let ctx = Ctx {
        files,
        parses: std::cell::Cell::new(MAX_PARSES),
        unread: std::cell::RefCell::new(None),
        held: Default::default(),
        raw: raw.then(Default::default),
    };
    // An encrypted file that cannot be read is said to be so, not to be damaged: the
    // officer can save an unlocked copy.
    let encrypted = |why: String| match bytes.windows(8).any(|w| w == b"/Encrypt") {
        true => format!("it is encrypted in a way quire could not undo; {why}"),
        false => why,
    };
    let text = read(bytes, &ctx, 0).map_err(encrypted)?;
    let mut held = ctx.held.into_inner();
    held.sort_unstable();
    held.dedup();
    let raw = (ctx.raw).map(|streams| {
        String::from_utf8_lossy(&outside_streams(bytes)).into_owned() + &streams.into_inner()
    });
    Ok(Read {
        text,
        unread: ctx.unread.into_inner().map(encrypted),
        held,
        raw,
    })
}

/// The most times one file and the files attached to it are parsed, once for each of
/// their versions: enough for a file saved a hundred times, few enough that a file built
/// to take hours (a PDF attached to a PDF attached to a PDF, each saved many times) ends.
const MAX_PARSES: usize = 256;

/// What reading one file needs and finds besides its words.
struct Ctx<'a> {
    files: FileReader<'a>,
    /// Parses left (see [`MAX_PARSES`]).
    parses: std::cell::Cell<usize>,
    /// The first thing found that could not be read.
    unread: std::cell::RefCell<Option<String>>,
    /// See [`Read::held`].
    held: std::cell::RefCell<Vec<(u64, [u8; 32])>>,
    /// The unpacked streams [`raw_text`] reads, if asked for: of the file's current
    /// version only, not of the files attached to it.
    raw: Option<std::cell::RefCell<String>>,
}

impl Ctx<'_> {
    /// Notes something that could not be read: the gate cannot vouch for the file.
    fn note(&self, why: impl Into<String>) {
        self.unread.borrow_mut().get_or_insert_with(|| why.into());
    }

    /// Notes a file the PDF holds as it was; a picture also in its likenesses (see
    /// [`crate::scrub::likenesses`]), which the gate also knows withheld ones by.
    fn hold(&self, bytes: &[u8]) {
        use sha2::Digest;
        let print = |b: &[u8]| (b.len() as u64, sha2::Sha256::digest(b).into());
        let mut held = self.held.borrow_mut();
        held.push(print(bytes));
        held.extend(crate::scrub::likenesses(bytes).iter().map(|f| print(f)));
    }

    /// Takes one parse, if any is left.
    fn parse(&self) -> bool {
        let left = self.parses.get();
        self.parses.set(left.saturating_sub(1));
        left > 0
    }
}

/// The words of the file as it is, then of each earlier revision (see
/// [`held::earlier_revisions`]). `depth`: how deep in attached PDFs this one is.
fn read(bytes: &[u8], ctx: &Ctx<'_>, depth: usize) -> Result<String, String> {
    if !ctx.parse() {
        return Err("it holds more versions and attached files than quire reads".into());
    }
    let mut seen = HashSet::new();
    let mut table = Table::default();
    let mut out = match revision(bytes, ctx, depth, &mut seen, Some(&mut table)) {
        Ok(out) => out,
        // A file whose table of objects cannot be read at all (its `startxref` wrong) is
        // read as a viewer repairs it: from the objects written in it. Not one locked
        // with a password, whose strings would be read as noise.
        Err(why) if !bytes.windows(8).any(|w| w == b"/Encrypt") => {
            let rebuilt = held::unlisted(bytes, &seen, &HashMap::new()).ok_or(why.clone())?;
            revision(&rebuilt, ctx, depth, &mut seen, Some(&mut table)).map_err(|_| why)?
        }
        Err(why) => return Err(why),
    };
    let mut more = |part: &[u8], seen: &mut HashSet<ObjectId>| {
        if !ctx.parse() {
            ctx.note("it was saved more often, or holds more attached files, than quire reads");
            return false;
        }
        // One that cannot be read alone (the first part of a file laid out for the web)
        // holds nothing the whole file does not.
        if let Ok(text) = revision(part, ctx, depth, seen, None) {
            out.push('\n');
            out.push_str(&text);
        }
        true
    };
    for earlier in held::earlier_revisions(bytes) {
        if !more(earlier, &mut seen) {
            break;
        }
    }
    // Objects no version lists, or lists where they are not, read where they begin.
    let mut found = HashSet::new();
    if let Some(rebuilt) = held::unlisted(bytes, &seen, &table.places)
        && more(&rebuilt, &mut found)
    {
        seen.extend(&found);
        if held::unlisted(bytes, &seen, &HashMap::new()).is_some() {
            ctx.note("it holds objects its table of objects leaves out that cannot be read");
        }
    }
    let mut lost = table.lost;
    lost.retain(|id| !found.contains(id));
    if !lost.is_empty() {
        ctx.note(format!(
            "{} of its objects cannot be read where its table of objects says they are; the file may be damaged",
            lost.len()
        ));
    }
    Ok(out)
}

/// Everything of a PDF that is text to anyone who opens it in a text editor, or unpacks
/// its streams: its bytes as they are (comments, what follows its end), and every stream
/// but pictures, font programs and content (read by [`pdf_text`]), unpacked: scripts, a
/// program's private data such as Illustrator's hidden layers. The gate reads a
/// public PDF so as well as for its words (a red-team session, 4 December 2026, hid an
/// exempt sentence in each of these). Not a withheld PDF: the scripts and private data
/// one program writes into every file would be taken for the withheld file's words.
///
/// [`pdf_text_with`] reads the same from its own parse when asked; this is for a file it
/// cannot read (lopdf may still load one whose pages do not read).
pub fn raw_text(bytes: &[u8]) -> String {
    let mut out = String::from_utf8_lossy(&outside_streams(bytes)).into_owned();
    let Ok(doc) = load(bytes) else {
        return out;
    };
    // Pages and forms are read for their text by [`pdf_text`], an operator no viewer
    // knows included: reading them again would cost half as much again on a big file.
    let pages: HashSet<ObjectId> = (doc.get_pages().values())
        .flat_map(|&page| doc.get_page_contents(page))
        .collect();
    for (id, object) in &doc.objects {
        let Object::Stream(s) = object else {
            continue;
        };
        let form = s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
        if !held::may_draw_text(s) {
            continue;
        }
        if pages.contains(id) || form {
            // Only its comments: its text is read as a page's.
            if let Ok(data) = decode::stream(s) {
                out.push('\n');
                out.push_str(&self::content::comments(&data));
            }
            continue;
        }
        if let Ok(data) = decode::stream(s) {
            out.push('\n');
            out.push_str(&String::from_utf8_lossy(&data));
        }
    }
    out
}

/// The bytes of a PDF outside its streams (`stream` … `endstream`): its objects'
/// dictionaries, comments, and whatever follows its end. A stream's bytes are read
/// unpacked, or are a picture's or a font's, and are most of a big file's.
fn outside_streams(bytes: &[u8]) -> Vec<u8> {
    let find = |from: usize, what: &[u8]| {
        (bytes.get(from..)?.windows(what.len()))
            .position(|w| w == what)
            .map(|p| from + p)
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find(at, b"stream") {
        let body = start + b"stream".len();
        if !matches!(bytes.get(body), Some(b'\r' | b'\n'))
            || start >= 3 && &bytes[start - 3..start] == b"end"
        {
            out.extend_from_slice(&bytes[at..body]);
            at = body;
            continue;
        }
        out.extend_from_slice(&bytes[at..body]);
        at = find(body, b"endstream").unwrap_or(bytes.len());
    }
    out.extend_from_slice(&bytes[at.min(bytes.len())..]);
    out
}

/// What the table of objects of the file as it is says.
#[derive(Debug, Default)]
struct Table {
    /// The objects it lists that could not be read where it says they are.
    lost: Vec<ObjectId>,
    /// Where it says each object written out in the file begins.
    places: HashMap<ObjectId, usize>,
}

/// The words of one revision of a file: its strings, its pages, and what it holds
/// besides. The ids of the objects it read are added to `seen`. `table` is given for
/// the file as it is (not an earlier version, nor the objects no table lists), and gets
/// what its table of objects says; only its pages must all be read.
fn revision(
    bytes: &[u8],
    ctx: &Ctx<'_>,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    table: Option<&mut Table>,
) -> Result<String, String> {
    use lopdf::xref::XrefEntry;
    let doc = load(bytes)?;
    let current = table.is_some();
    if let Some(table) = table {
        table.lost = lost_objects(&doc);
        table.places = (doc.reference_table.entries.iter())
            .filter_map(|(&n, e)| match *e {
                XrefEntry::Normal { offset, generation } => {
                    Some(((n, generation), offset as usize))
                }
                _ => None,
            })
            .collect();
    }
    seen.extend(doc.objects.keys());
    let mut out = String::new();
    // The program that made the file is named in every PDF it makes: not words anyone
    // wrote, and the same in withheld and public files alike.
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    for (id, object) in &doc.objects {
        match (Some(*id) == info, object) {
            (true, Object::Dictionary(d)) => d
                .iter()
                .filter(|(k, _)| !matches!(k.as_slice(), b"Producer" | b"Creator"))
                .for_each(|(_, o)| strings(o, &mut out)),
            _ => strings(object, &mut out),
        }
    }
    // An earlier version, or the objects its table does not list, may have no page tree
    // that reads: what they hold besides is read all the same.
    let pages = match pages(&doc) {
        Ok(pages) => pages,
        Err(why) if current => return Err(why),
        Err(_) => Texts::default(),
    };
    out.push_str(&pages.placed);
    // The other readings only where they differ (see [`Texts`]).
    let unraised = if pages.noted {
        &pages.unraised
    } else {
        &pages.placed
    };
    for other in [&pages.moves, &pages.drawn, &pages.spaced, unraised] {
        if *other != pages.placed {
            out.push('\n');
            out.push_str(other);
        }
    }
    let shown: HashSet<ObjectId> = (doc.get_pages().values())
        .flat_map(|&page| doc.get_page_contents(page))
        .collect();
    // A picture written into a page's content may run from one of its streams into the
    // next, which pdf.js reads as one (a red-team session, 4 December 2026).
    for &page in doc.get_pages().values() {
        let streams = doc.get_page_contents(page);
        if streams.len() < 2 {
            continue;
        }
        let joined: Vec<u8> = (streams.iter())
            .filter_map(|&id| doc.get_object(id).ok()?.as_stream().ok())
            .filter_map(|s| decode::stream(s).ok())
            .flatten()
            .collect();
        for picture in self::content::pictures(&joined) {
            held::hold_picture(&picture, ctx);
        }
    }
    // What [`raw_text`] reads, from this parse: of the file as it is, which lopdf
    // loads, and not of an earlier version or an attached file, as `raw_text` reads it.
    let mut raw = (ctx.raw.as_ref())
        .filter(|_| current && depth == 0)
        .map(|raw| raw.borrow_mut());
    held::streams(&doc, &shown, ctx, depth, &mut out, raw.as_deref_mut());
    Ok(out)
}

/// Parses a PDF, refusing one nested too deeply to parse safely.
pub fn load(bytes: &[u8]) -> Result<Document, String> {
    if nesting(bytes) > MAX_NESTING {
        return Err("its objects are nested too deeply to read safely".into());
    }
    Document::load_mem(bytes).map_err(|e| e.to_string())
}

/// Whether objects the file's table lists did not load. lopdf drops, with no error, an
/// object it cannot read where the table says it is (an offset a few bytes out) or in a
/// compressed container it cannot unpack (a wrong length, an unusual filter): a red-team
/// session (3 December 2026) hid a page's font, its properties, a comment and bookmarks
/// that way, and every viewer, which repairs such files, showed the words.
fn lost_objects(doc: &Document) -> Vec<ObjectId> {
    use lopdf::xref::XrefEntry;
    let loaded: HashSet<u32> = doc.objects.keys().map(|(n, _)| *n).collect();
    // An entry at offset 0 is no object: some programs list unused numbers so, and
    // viewers read them as nothing.
    (doc.reference_table.entries.iter())
        .filter_map(|(&n, e)| match *e {
            XrefEntry::Normal { offset, generation } if offset != 0 && !loaded.contains(&n) => {
                Some((n, generation))
            }
            XrefEntry::Compressed { .. } if !loaded.contains(&n) => Some((n, 0)),
            _ => None,
        })
        .collect()
}

/// The text shown on the pages, a line per page, its words read from where they land.
pub fn page_text(doc: &Document) -> Result<String, String> {
    pages(doc).map(|t| t.placed)
}

/// What a content stream's resources name: its fonts, forms and pictures, and tagged
/// spans' properties.
struct Named<'a> {
    fonts: &'a HashMap<Vec<u8>, Font>,
    xobjects: &'a Dictionary,
    properties: &'a Dictionary,
}

/// The text of a document's pages, read four ways, a line per page. The leak gate reads
/// them all, and a phrase in any is found: no one rule reads every writer's words.
#[derive(Debug, Default)]
struct Texts {
    /// Words parted where the pen leaves a gap (see [`Pen::breaks`]): right for every
    /// writer whose fonts give their widths, spaces drawn or not.
    placed: String,
    /// Every move of the pen (or a wide `TJ` adjustment) a space, as quire read PDFs
    /// before it followed the pen: right for every writer met before Chrome.
    moves: String,
    /// Words parted only by the spaces drawn, and by new lines (see
    /// [`Pen::parts_lines`]): right for Chrome's letter-spaced text, and for text in a
    /// font whose widths are unknown, such as the bold Chrome makes from a regular face.
    drawn: String,
    /// Words parted where a gap is wider than the narrowest gap of its line by [`GAP`]
    /// of an em, as `pdftotext` reads letter-spaced text that has no spaces drawn
    /// (pdfTeX's spaced letters, a Mac's PDFs): see [`Texts::end_line`].
    spaced: String,
    /// As `placed`, without the markers drawn raised or lowered beside the text (see
    /// [`Pen::note`]), so that a footnote's marker does not hide the word it follows
    /// (round 21). Read only if a marker was left out.
    unraised: String,
    /// Whether a marker was left out of `unraised`.
    noted: bool,
    /// The runs of glyphs of the line being read, each with its gap before it in ems
    /// (`None` for the first).
    line: Vec<(Option<f64>, String)>,
}

impl Texts {
    fn push(&mut self, c: char) {
        self.end_line();
        self.placed.push(c);
        self.unraised.push(c);
        self.moves.push(c);
        self.drawn.push(c);
        self.spaced.push(c);
    }

    /// Text to every reading but `spaced`.
    fn push_str(&mut self, s: &str) {
        self.push_run(s, false);
    }

    /// A run of glyphs to every reading but `spaced`; `unraised` leaves out a marker
    /// (`note`), but not the space it may hold ("1 ").
    fn push_run(&mut self, s: &str, note: bool) {
        self.placed.push_str(s);
        self.moves.push_str(s);
        self.drawn.push_str(s);
        if !note {
            self.unraised.push_str(s);
        } else {
            self.noted = true;
            if s.contains(char::is_whitespace) {
                self.unraised.push(' ');
            }
        }
    }

    /// A space between words, to the readings that part words where the pen leaves a
    /// gap.
    fn gap(&mut self) {
        self.placed.push(' ');
        self.unraised.push(' ');
    }

    /// A run of glyphs to the `spaced` reading, `gap` ems after the last on its line
    /// (`None` if it starts a line).
    fn run(&mut self, gap: Option<f64>, text: String) {
        if gap.is_none() {
            self.end_line();
            self.spaced.push(' ');
        }
        self.line.push((gap, text));
    }

    /// Writes the line being read to `spaced`: a gap more than [`GAP`] wider than the
    /// narrowest of the line (the spacing of its letters, none in most text) parts words.
    fn end_line(&mut self) {
        let letters = (self.line.iter())
            .filter_map(|(gap, _)| *gap)
            .fold(f64::INFINITY, f64::min)
            .max(0.0);
        for (gap, text) in self.line.drain(..) {
            if gap.is_some_and(|g| g > letters + GAP) {
                self.spaced.push(' ');
            }
            self.spaced.push_str(&text);
        }
    }
}

/// The pages' text, read the three ways of [`Texts`].
fn pages(doc: &Document) -> Result<Texts, String> {
    let mut out = Texts::default();
    let pages = doc.get_pages();
    // A page tree that loops or lies about its size hides pages: refuse to vouch for it.
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| dict(doc, c, b"Pages"))
        .and_then(|p| p.get(b"Count").ok().and_then(|c| c.as_i64().ok()));
    if declared.is_some_and(|n| n != pages.len() as i64) {
        return Err("its page tree does not match its page count".into());
    }
    // A damaged file (its table of objects wrong) may load with no pages, or with pages
    // whose content is missing, which a viewer repairs and shows: refuse to vouch for it.
    if pages.is_empty() {
        return Err("it has no pages that can be read; it may be damaged".into());
    }
    for (n, page) in pages {
        let streams = doc.get_page_contents(page);
        let damaged = || format!("page {n} cannot be read; the file may be damaged");
        // A content stream whose length is wrong is read as a dictionary alone, and the
        // page as showing nothing.
        let declared = (doc.get_dictionary(page).ok()).is_some_and(|d| d.has(b"Contents"));
        if declared && streams.is_empty() {
            return Err(damaged());
        }
        let mut content = Vec::new();
        for id in streams {
            let stream = doc.get_object(id).and_then(Object::as_stream);
            let data = stream.map_err(|_| damaged())?;
            let data = decode::stream(data).map_err(|e| format!("page {n} cannot be read: {e}"))?;
            content.extend_from_slice(&data);
            // A viewer reads a page's streams as one, a token apart.
            content.push(b'\n');
        }
        let resources = doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| dict(doc, d, b"Resources"))
            .unwrap_or_default();
        Reader { doc }
            .content(&content, &resources, 0, &mut out)
            .map_err(|e| format!("page {n} cannot be read: {e}"))?;
        out.push('\n');
    }
    Ok(out)
}

/// Every font the pages use, with whether its glyphs are embedded in the file.
pub fn fonts(doc: &Document) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for page in doc.get_pages().into_values() {
        let Some(resources) = doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| dict(doc, d, b"Resources"))
        else {
            continue;
        };
        let Some(fonts) = dict(doc, &resources, b"Font") else {
            continue;
        };
        for (_, f) in fonts.iter() {
            let Some(font) = doc.dereference(f).ok().and_then(|(_, o)| o.as_dict().ok()) else {
                continue;
            };
            let name = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            if font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3") {
                continue;
            }
            // A composite font keeps its descriptor in its descendant.
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            let descriptor = dict(doc, descendant.unwrap_or(font), b"FontDescriptor");
            let embedded = descriptor.is_some_and(|d| {
                [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.has(k))
            });
            out.push((name, embedded));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether the file is tagged: marked, with a structure tree for screen readers.
pub fn is_tagged(doc: &Document) -> bool {
    let Ok(catalog) = doc.catalog() else {
        return false;
    };
    let marked = dict(doc, catalog, b"MarkInfo")
        .and_then(|m| m.get(b"Marked").ok().and_then(|b| b.as_bool().ok()))
        .unwrap_or(false);
    marked && catalog.has(b"StructTreeRoot")
}

/// The title in the document's information dictionary, if any.
pub fn title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    match info.get(b"Title").ok()? {
        Object::String(s, _) => Some(text_string(s)).filter(|t| !t.trim().is_empty()),
        _ => None,
    }
}

/// The deepest nesting of arrays (`[`) and dictionaries (`<<`) in a PDF's syntax, not
/// counting string literals and stream data, whose bytes are not syntax.
fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'(' => i = skip_string(bytes, i),
            b's' if bytes[i..].starts_with(b"stream") => {
                i = find(bytes, i + 6, b"endstream").map_or(bytes.len(), |e| e + 9);
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    deepest
}

/// The index of the `)` that closes the string literal opening at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let (mut depth, mut i) = (0usize, start);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Every string object outside content streams, as text. Walked with a stack, not by
/// recursion: a file can nest arrays deeply enough to overflow the call stack.
fn strings(o: &Object, out: &mut String) {
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::String(s, _) => {
                let text = text_string(s);
                // A link's address as its reader sees it (round 17: a `mailto:` link whose
                // body is "The%20lowest%20tender...").
                if let Some(unescaped) = crate::text::percent_unescaped(&text) {
                    out.push_str(&unescaped);
                    out.push('\n');
                }
                // A script's strings as it writes them (round 18: a button whose script
                // fills in an e-mail, its spaces written `\x20`).
                if let Some(unescaped) = crate::text::js_unescaped(&text) {
                    out.push_str(&unescaped);
                    out.push('\n');
                }
                out.push_str(&text);
                out.push('\n');
            }
            Object::Array(a) => stack.extend(a.iter().rev()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, o)| o)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, o)| o)),
            _ => {}
        }
    }
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (as Latin-1).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn dict(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Dictionary> {
    let o = d.get(key).ok()?;
    doc.dereference(o).ok()?.1.as_dict().ok().cloned()
}

/// A font's map from codes to text, its code width in bytes, and its glyphs' widths.
struct Font {
    map: HashMap<u32, String>,
    width: usize,
    /// `None` when the file does not give them (a standard font named without widths):
    /// the end of text in it cannot be found, only the line it is on.
    widths: Option<Widths>,
}

impl Font {
    /// The codes of a string, each with its text (none if its map lacks it).
    fn codes<'a>(&'a self, bytes: &'a [u8]) -> impl Iterator<Item = (u32, Option<String>)> + 'a {
        let width = if self.map.is_empty() { 1 } else { self.width };
        bytes.chunks(width).map(move |c| {
            let code = c.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            let text = if self.map.is_empty() {
                // No map: a simple font, whose bytes are (close enough to) Latin-1.
                Some(char::from(c[0]).to_string())
            } else {
                self.map.get(&code).cloned()
            };
            (code, text)
        })
    }
}

/// Glyph widths in thousandths of an em: ranges of codes `(first, last, width)` in
/// order, and the width of any other code.
#[derive(Debug, Default)]
struct Widths {
    ranges: Vec<(u32, u32, f64)>,
    default: f64,
}

/// The most ranges of widths read from one font: a real font has a few thousand glyphs.
const MAX_WIDTHS: usize = 1 << 16;

impl Widths {
    fn of(&self, code: u32) -> f64 {
        let i = self.ranges.partition_point(|r| r.1 < code);
        match self.ranges.get(i) {
            Some(&(first, _, w)) if first <= code => w,
            _ => self.default,
        }
    }
}

struct Reader<'d> {
    doc: &'d Document,
}

impl Reader<'_> {
    fn font(&self, font: &Dictionary) -> Font {
        let width = match font.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Type0") => 2,
            _ => 1,
        };
        let stream = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok());
        let map = stream
            .map(|s| {
                let data = decode::stream(s).unwrap_or_else(|_| s.content.clone());
                cmap::parse(&String::from_utf8_lossy(&data))
            })
            .unwrap_or_default();
        // A simple font without a map may name its glyphs (pdfTeX's ligatures).
        let map = match map.is_empty() && width == 1 {
            true => glyphs::encoding(self.doc, font).unwrap_or_default(),
            false => map,
        };
        // A composite font without a map is read a byte at a time (see `Font::codes`),
        // which its widths, by two-byte code, do not fit.
        let widths = match (width, map.is_empty()) {
            (2, false) => self.cid_widths(font),
            (2, true) => None,
            _ => self.simple_widths(font),
        };
        Font { map, width, widths }
    }

    fn number(&self, o: &Object) -> Option<f64> {
        let o = self.doc.dereference(o).ok()?.1;
        o.as_float().ok().map(f64::from).filter(|n| n.is_finite())
    }

    fn array(&self, o: &Object) -> Option<Vec<Object>> {
        self.doc.dereference(o).ok()?.1.as_array().ok().cloned()
    }

    /// A simple font's `/Widths` from `/FirstChar`, and its descriptor's `/MissingWidth`.
    /// A Type 3 font (Chrome draws the bold it makes from a regular face in one) gives
    /// them in its own units, which its `/FontMatrix` scales to ems.
    fn simple_widths(&self, font: &Dictionary) -> Option<Widths> {
        let scale = match font.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Type3") => {
                let matrix = font.get(b"FontMatrix").ok().and_then(|o| self.array(o))?;
                let a = self.number(matrix.first()?)?;
                (a != 0.0).then_some(a * 1000.0)?
            }
            _ => 1.0,
        };
        let first = font.get(b"FirstChar").ok().and_then(|o| self.number(o))?;
        let list = font.get(b"Widths").ok().and_then(|o| self.array(o))?;
        let first = first.max(0.0) as u32;
        let ranges = (list.iter().take(MAX_WIDTHS).enumerate())
            .filter_map(|(i, w)| {
                let code = first.checked_add(i as u32)?;
                Some((code, code, self.number(w)? * scale))
            })
            .collect();
        let default = dict(self.doc, font, b"FontDescriptor")
            .and_then(|d| d.get(b"MissingWidth").ok().and_then(|o| self.number(o)))
            .unwrap_or(0.0)
            * scale;
        Some(Widths { ranges, default })
    }

    /// A composite font's `/W` and `/DW` (1000 if not given), from its descendant.
    fn cid_widths(&self, font: &Dictionary) -> Option<Widths> {
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| self.array(o))?;
        let cid = self
            .doc
            .dereference(descendant.first()?)
            .ok()?
            .1
            .as_dict()
            .ok()?;
        let default = (cid.get(b"DW").ok())
            .and_then(|o| self.number(o))
            .unwrap_or(1000.0);
        let list = (cid.get(b"W").ok())
            .and_then(|o| self.array(o))
            .unwrap_or_default();
        let mut ranges = Vec::new();
        let mut items = list.iter();
        // `c [w1 w2 …]` gives codes from c one by one; `first last w` gives a range.
        while let Some(c) = items.next().and_then(|o| self.number(o)) {
            if ranges.len() >= MAX_WIDTHS {
                break;
            }
            let c = c.max(0.0) as u32;
            let Some(next) = items.next() else { break };
            if let Some(each) = self.array(next) {
                for (i, w) in each.iter().take(MAX_WIDTHS).enumerate() {
                    let (Some(code), Some(w)) = (c.checked_add(i as u32), self.number(w)) else {
                        continue;
                    };
                    ranges.push((code, code, w));
                }
            } else {
                let last = self.number(next).map_or(c, |l| l.max(0.0) as u32);
                let Some(w) = items.next().and_then(|o| self.number(o)) else {
                    break;
                };
                ranges.push((c, last.max(c), w));
            }
        }
        ranges.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        Some(Widths { ranges, default })
    }

    fn fonts(&self, resources: &Dictionary) -> HashMap<Vec<u8>, Font> {
        dict(self.doc, resources, b"Font")
            .map(|fonts| {
                fonts
                    .iter()
                    .filter_map(|(name, o)| {
                        let f = self.doc.dereference(o).ok()?.1.as_dict().ok()?;
                        Some((name.clone(), self.font(f)))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The text a content stream shows, following form XObjects (embedded pages).
    fn content(
        &self,
        content: &[u8],
        resources: &Dictionary,
        depth: usize,
        out: &mut Texts,
    ) -> Result<(), String> {
        let fonts = self.fonts(resources);
        let xobjects = dict(self.doc, resources, b"XObject").unwrap_or_default();
        // Read as many ways as viewers read it: where they differ, each is read.
        let properties = dict(self.doc, resources, b"Properties").unwrap_or_default();
        for cut in self::content::cuts(content) {
            let operations = self::content::operations(&cut);
            let named = Named {
                fonts: &fonts,
                xobjects: &xobjects,
                properties: &properties,
            };
            self.shown(&operations, &named, depth, out)?;
        }
        Ok(())
    }

    /// The text operations show, following form XObjects (embedded pages).
    fn shown(
        &self,
        operations: &[Operation],
        named: &Named<'_>,
        depth: usize,
        out: &mut Texts,
    ) -> Result<(), String> {
        let (fonts, xobjects, properties) = (named.fonts, named.xobjects, named.properties);
        let mut font: Option<&Font> = None;
        let mut pen = Pen::default();
        for op in operations {
            let n = |i: usize| {
                (op.operands.get(i))
                    .and_then(|o| o.as_float().ok())
                    .map(f64::from)
                    .unwrap_or(0.0)
            };
            match op.operator.as_str() {
                "q" => pen.save(),
                "Q" => pen.restore(),
                "cm" => pen.concat([n(0), n(1), n(2), n(3), n(4), n(5)]),
                "BT" => pen.begin_text(),
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| fonts.get(n));
                    pen.set_size(n(1));
                }
                "Tc" => pen.set_char_spacing(n(0)),
                "Tw" => pen.set_word_spacing(n(0)),
                "Tz" => pen.set_scale(n(0)),
                "TL" => pen.set_leading(n(0)),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        pen.set_leading(-n(1));
                    }
                    pen.move_line(n(0), n(1));
                    out.moves.push(' ');
                }
                "T*" => {
                    pen.next_line();
                    out.moves.push(' ');
                }
                "Tm" => {
                    pen.set_matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    out.moves.push(' ');
                }
                "ET" => {
                    pen.end_text();
                    out.moves.push(' ');
                }
                "Tj" | "'" | "\"" => {
                    if op.operator == "\"" {
                        pen.set_word_spacing(n(0));
                        pen.set_char_spacing(n(1));
                    }
                    if op.operator != "Tj" {
                        pen.next_line();
                    }
                    if let (Some(f), Some(Object::String(s, _))) = (font, op.operands.last()) {
                        show(f, s, &mut pen, out);
                    }
                }
                "TJ" => {
                    let Some(Object::Array(parts)) = op.operands.first() else {
                        continue;
                    };
                    for part in parts {
                        match (part, font) {
                            (Object::String(s, _), Some(f)) => show(f, s, &mut pen, out),
                            (Object::Integer(_) | Object::Real(_), _) => {
                                let adjust = part.as_float().map(f64::from).unwrap_or(0.0);
                                pen.adjust(adjust);
                                // A wide negative adjustment is a space between words,
                                // to a reading that cannot measure it.
                                if adjust < -200.0 {
                                    out.moves.push(' ');
                                    if font.is_none_or(|f| f.widths.is_none()) {
                                        out.gap();
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                // What a tagged span says its glyphs stand for (`/ActualText`), its
                // description (`/Alt`) and expansion (`/E`): copying and `pdftotext`
                // give it, whatever the glyphs show (a red-team session, 4 December
                // 2026, drew "xxxx" over an exempt sentence so).
                "BDC" | "DP" | "MP" | "BMC" => {
                    // A string where a name should be is read as written.
                    for operand in &op.operands {
                        if let Object::String(text, _) = operand {
                            out.push(' ');
                            out.push_str(&text_string(text));
                            out.push(' ');
                        }
                    }
                    let properties = (op.operands.get(1)).and_then(|o| match o {
                        Object::Dictionary(d) => Some(d.clone()),
                        Object::Name(name) => dict(self.doc, properties, name),
                        _ => None,
                    });
                    for key in [b"ActualText".as_slice(), b"Alt", b"E"] {
                        if let Some(Ok(text)) = properties
                            .as_ref()
                            .map(|p| p.get(key).and_then(Object::as_str))
                        {
                            out.push(' ');
                            out.push_str(&text_string(text));
                            out.push(' ');
                        }
                    }
                }
                "Do" if depth < MAX_DEPTH => {
                    if let Some(form) = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| xobjects.get(n).ok())
                        .and_then(|o| self.doc.dereference(o).ok())
                        .and_then(|(_, o)| o.as_stream().ok())
                        .filter(|s| {
                            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
                        })
                    {
                        let inner = dict(self.doc, &form.dict, b"Resources").unwrap_or_default();
                        let data = decode::stream(form)
                            .map_err(|e| format!("a form on it cannot be unpacked: {e}"))?;
                        // A form is read on its own: its text is a word apart.
                        out.push(' ');
                        self.content(&data, &inner, depth + 1, out)?;
                        out.push(' ');
                        pen.lost();
                    }
                }
                // An operator no viewer knows shows nothing, but its strings are in the
                // file for anyone who unpacks it (a red-team session, 4 December 2026).
                _ => {
                    for operand in &op.operands {
                        if let Object::String(text, _) = operand {
                            out.push(' ');
                            out.push_str(&text_string(text));
                            out.push(' ');
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Draws the string `bytes` in `font`: its text goes to every reading, after a space
/// where that reading parts it from the last glyph (see [`Texts`]).
fn show(font: &Font, bytes: &[u8], pen: &mut Pen, out: &mut Texts) {
    let single = font.width == 1 || font.map.is_empty();
    let mut text = String::new();
    let mut widths = Vec::new();
    for (code, t) in font.codes(bytes) {
        text.extend(t);
        widths.push((font.widths.as_ref().map_or(0.0, |w| w.of(code)), code));
    }
    let note = pen.note();
    if pen.breaks() {
        out.gap();
    }
    out.run(pen.gap_in_ems(), text.clone());
    if pen.parts_lines() {
        // A word hyphenated at the end of a line (justified text, a narrow column) is
        // whole in this reading, as `pdftotext` reads it; the others keep the hyphen.
        let starts_word = text.chars().next().is_some_and(char::is_alphanumeric);
        if pen.new_line() && starts_word && ends_hyphenated(&out.drawn) {
            out.drawn.pop();
        } else {
            out.drawn.push(' ');
        }
    }
    out.push_run(&text, note);
    for (width, code) in widths {
        pen.advance(width, single && code == 32);
    }
    pen.drew(font.widths.is_some());
}

/// Whether `text` ends with a letter and a hyphen (a hyphen-minus, a hyphen, or a soft
/// hyphen drawn at the end of a line).
fn ends_hyphenated(text: &str) -> bool {
    let mut end = text.chars().rev();
    matches!(end.next(), Some('-' | '\u{2010}' | '\u{00AD}'))
        && end.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::Content;

    #[test]
    fn the_bytes_outside_streams_are_kept_and_those_inside_left_out() {
        let file =
            b"1 0 obj<</Length 5>>stream\nABCDE\nendstream endobj %note\n2 0 obj(streamer)endobj";
        assert_eq!(
            outside_streams(file),
            b"1 0 obj<</Length 5>>streamendstream endobj %note\n2 0 obj(streamer)endobj"
        );
    }
    use lopdf::{Stream, dictionary};

    /// A one-page document drawing `ops` in font `F1`: with `widths`, a composite font
    /// mapping each code to the character of the same number, every glyph 500 wide but
    /// the space (250), as Chrome's writer makes them; without, Helvetica named with no
    /// widths, as simple writers do.
    fn document(ops: Vec<Operation>, widths: bool) -> Document {
        document_with(ops, |doc| font(doc, widths))
    }

    /// The font of [`document`].
    fn font(doc: &mut Document, widths: bool) -> Dictionary {
        if widths {
            let map = "1 beginbfrange\n<0020> <007e> <0020>\nendbfrange\n";
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
        } else {
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
        }
    }

    /// A one-page document drawing `ops` in the font `F1` that `font` adds to it.
    fn document_with(
        ops: Vec<Operation>,
        font: impl FnOnce(&mut Document) -> Dictionary,
    ) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = font(&mut doc);
        let font_id = doc.add_object(font);
        let content = Content { operations: ops }.encode().unwrap();
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
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        doc
    }

    fn op(name: &str, operands: Vec<Object>) -> Operation {
        Operation::new(name, operands)
    }

    /// A string of the composite font: two bytes a character.
    fn codes(text: &str) -> Object {
        let bytes = text
            .chars()
            .flat_map(|c| (c as u16).to_be_bytes())
            .collect();
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }

    /// `text` at 10 points as Chrome draws it: the page flipped, then each glyph moved
    /// to by a `Td` of the last one's width.
    fn glyph_by_glyph(text: &str) -> Vec<Operation> {
        spaced_glyph_by_glyph(text, 0.0, codes)
    }

    /// As [`glyph_by_glyph`], with `spacing` more between glyphs (CSS letter-spacing), in
    /// a font whose strings `encode` makes.
    fn spaced_glyph_by_glyph(
        text: &str,
        spacing: f32,
        encode: fn(&str) -> Object,
    ) -> Vec<Operation> {
        let mut ops = vec![
            op(
                "cm",
                vec![
                    0.24.into(),
                    0.into(),
                    0.into(),
                    (-0.24).into(),
                    0.into(),
                    792.into(),
                ],
            ),
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 10.into()]),
            op(
                "Tm",
                vec![
                    1.into(),
                    0.into(),
                    0.into(),
                    (-1).into(),
                    8.into(),
                    42.into(),
                ],
            ),
        ];
        let mut last: Option<char> = None;
        for c in text.chars() {
            if let Some(l) = last {
                let width: f32 = if l == ' ' { 2.5 } else { 5.0 };
                ops.push(op("Td", vec![(width + spacing).into(), 0.into()]));
            }
            ops.push(op("Tj", vec![encode(&c.to_string())]));
            last = Some(c);
        }
        ops.push(op("ET", vec![]));
        ops
    }

    #[test]
    fn glyphs_placed_one_by_one_are_read_as_words() {
        let text = page_text(&document(glyph_by_glyph("The preferred bidder"), true)).unwrap();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["The", "preferred", "bidder"]
        );
    }

    #[test]
    fn the_strings_of_an_operator_no_viewer_knows_are_read() {
        let ops = vec![
            Operation::new(
                "foo",
                vec![Object::string_literal("Zorblax Holdings offered")],
            ),
            Operation::new(
                "DP",
                vec![
                    "Note".into(),
                    Object::string_literal("four hundred thousand"),
                ],
            ),
        ];
        let text = readings(document(ops, false)).join(" ");
        assert!(text.contains("Zorblax Holdings offered"), "{text}");
        assert!(text.contains("four hundred thousand"), "{text}");
    }

    #[test]
    fn the_raw_reading_of_one_parse_is_what_raw_text_reads() {
        let page = b"%page note: Zorblax\nBT /F1 10 Tf (Shown) Tj ET".to_vec();
        let mut doc = document_with(vec![], |_| dictionary! {});
        let page_id = *doc.get_pages().values().next().unwrap();
        let content = doc.get_page_contents(page_id)[0];
        doc.objects
            .insert(content, Stream::new(dictionary! {}, page).into());
        // A script, compressed, and a form with a comment: its text is a page's.
        let mut script = Stream::new(dictionary! {}, b"app.alert('four hundred')".to_vec());
        script.compress().unwrap();
        doc.add_object(script);
        let form = b"% form note: Holdings\n0 0 m".to_vec();
        doc.add_object(Stream::new(dictionary! { "Subtype" => "Form" }, form));
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes.extend_from_slice(b"\n% after the end: thousand\n");
        let words = |text: &str| {
            let mut words: Vec<String> = text.split_whitespace().map(String::from).collect();
            words.sort();
            words
        };
        let read = pdf_text_with(&bytes, &|_, _| String::new(), true).unwrap();
        let raw = read.raw.expect("asked for");
        for word in ["Zorblax", "four", "Holdings", "thousand"] {
            assert!(raw.contains(word), "{word} in {raw}");
        }
        assert!(
            !raw.contains("Shown"),
            "a page's text is read as text: {raw}"
        );
        assert_eq!(words(&raw), words(&raw_text(&bytes)));
        let unasked = pdf_text_with(&bytes, &|_, _| String::new(), false).unwrap();
        assert_eq!((unasked.raw, unasked.text), (None, read.text));
    }

    /// The words of every reading the gate scans, each reading on its own.
    fn readings(doc: Document) -> Vec<String> {
        let mut bytes = Vec::new();
        let mut doc = doc;
        doc.save_to(&mut bytes).unwrap();
        let text = pdf_text(&bytes).unwrap();
        (text.lines())
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn letter_spaced_glyphs_are_read_as_words_by_the_spaces_drawn() {
        // A fifth of an em between letters: wider than a gap inside a word may be.
        let ops = spaced_glyph_by_glyph("The preferred bidder", 2.0, codes);
        let read = readings(document(ops, true));
        assert!(read.iter().any(|r| r == "The preferred bidder"), "{read:?}");
    }

    #[test]
    fn letter_spaced_glyphs_without_spaces_are_read_by_their_line_s_gaps() {
        // pdfTeX's spaced letters: a quarter of an em between letters, 0.65 between
        // words, no space drawn.
        let mut tj: Vec<Object> = Vec::new();
        for (i, word) in ["Holly", "Garth", "depot"].iter().enumerate() {
            if i > 0 {
                tj.push((-650).into());
            }
            for (j, c) in word.chars().enumerate() {
                if j > 0 {
                    tj.push((-250).into());
                }
                tj.push(codes(&c.to_string()));
            }
        }
        let ops = vec![
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 10.into()]),
            op("TJ", vec![tj.into()]),
            op("ET", vec![]),
        ];
        let read = readings(document(ops, true));
        assert!(read.iter().any(|r| r == "Holly Garth depot"), "{read:?}");
    }

    #[test]
    fn a_marker_drawn_raised_beside_its_word_is_left_out_in_one_reading() {
        let at = |x: f64, y: i32| {
            op(
                "Tm",
                vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
            )
        };
        let size = |s: i32| op("Tf", vec!["F1".into(), s.into()]);
        // At 10 points a glyph is 5 wide and a space 2.5: "The Staffing" ends at 97.5,
        // where the marker is drawn at `small` points, `raise` higher (more than half
        // its em). Its glyphs are drawn one run each, as some writers do.
        let ops = |marker: &str, raise: i32, small: i32, after: &str| {
            let mut ops = vec![
                op("BT", vec![]),
                size(10),
                at(40.0, 700),
                op("Tj", vec![codes("The Staffing")]),
            ];
            ops.push(size(small));
            ops.push(at(97.5, 700 + raise));
            for c in marker.chars() {
                ops.push(op("Tj", vec![codes(&c.to_string())]));
            }
            let width: f64 = marker
                .chars()
                .map(|c| if c == ' ' { 0.25 } else { 0.5 })
                .sum();
            ops.push(size(10));
            ops.push(at(97.5 + width * f64::from(small), 700));
            ops.push(op("Tj", vec![codes(after)]));
            ops.push(op("ET", vec![]));
            ops
        };
        for marker in ["1", "iv", "a", "100", "1,2", "1 "] {
            let read = readings(document(ops(marker, 4, 6, " matters review"), true));
            assert!(
                read.iter().any(|r| r == "The Staffing matters review"),
                "{marker}: {read:?}"
            );
            // The other readings keep it.
            assert!(
                read[0].contains("Staffing") && read[0].contains(marker.trim()),
                "{read:?}"
            );
        }
        // With no space drawn after it, a gap parts the words.
        let mut no_space = ops("1", 4, 6, "matters review");
        no_space[8] = at(97.5 + 3.0 + 2.5, 700);
        let read = readings(document(no_space, true));
        assert!(
            read.iter().any(|r| r.starts_with("The Staffing matters")),
            "{read:?}"
        );
        // Drawn as large as its word, a line above, it is no marker: no such reading.
        let read = readings(document(ops("1", 12, 10, " matters review"), true));
        assert!(
            read.iter().all(|r| !r.contains("Staffing matters")),
            "{read:?}"
        );
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_whole_in_one_reading() {
        let line = |y: i32, text: &str| {
            vec![
                op(
                    "Tm",
                    vec![1.into(), 0.into(), 0.into(), 1.into(), 72.into(), y.into()],
                ),
                op("Tj", vec![codes(text)]),
            ]
        };
        let mut ops = vec![op("BT", vec![]), op("Tf", vec!["F1".into(), 10.into()])];
        ops.extend(line(720, "bidder Zor-"));
        ops.extend(line(708, "blax Holdings well-"));
        ops.extend(line(696, "known"));
        ops.push(op("ET", vec![]));
        let read = readings(document(ops, true));
        assert!(
            read.iter()
                .any(|r| r == "bidder Zorblax Holdings wellknown"),
            "{read:?}"
        );
        assert!(
            read.iter()
                .any(|r| r == "bidder Zor- blax Holdings well- known"),
            "{read:?}"
        );
    }

    #[test]
    fn a_font_without_a_map_is_read_by_its_glyph_names() {
        // pdfTeX: no ToUnicode, the ligatures at codes 27 to 31 by name.
        let ops = vec![
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 10.into()]),
            op("Td", vec![72.into(), 720.into()]),
            op(
                "Tj",
                vec![Object::string_literal(b"The \x1cnal o\x1ber".to_vec())],
            ),
            op("ET", vec![]),
        ];
        let doc = document_with(ops, |_| {
            dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "LMRoman10",
                "Encoding" => dictionary! {
                    "Type" => "Encoding",
                    "Differences" => vec![27.into(), "ff".into(), "fi".into(), "fl".into()],
                },
            }
        });
        let text = page_text(&doc).unwrap();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["The", "final", "offer"]
        );
    }

    #[test]
    fn a_type_3_font_is_followed_by_its_scaled_widths() {
        // Chrome's bold made from a regular face: a Type 3 font, widths in units of a
        // thousandth of its matrix (0.001 a unit here: 500 units is half an em).
        let ops = spaced_glyph_by_glyph("Holly Garth", 0.0, |t| Object::string_literal(t));
        let doc = document_with(ops, |doc| {
            let map = "1 beginbfrange\n<0020> <007e> <0020>\nendbfrange\n";
            let to_unicode = doc.add_object(Stream::new(dictionary! {}, map.into()));
            let widths: Vec<Object> = (32..127)
                .map(|c| if c == 32 { 250.into() } else { 500.into() })
                .collect();
            dictionary! {
                "Type" => "Font", "Subtype" => "Type3",
                "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
                "FirstChar" => 32, "LastChar" => 126, "Widths" => widths,
                "ToUnicode" => to_unicode,
            }
        });
        let placed = page_text(&doc).unwrap();
        assert_eq!(
            placed.split_whitespace().collect::<Vec<_>>(),
            ["Holly", "Garth"]
        );
    }

    #[test]
    fn words_placed_apart_without_spaces_are_read_apart() {
        // Each word moved to, a space's width after the last (5 units a glyph).
        let mut ops = vec![
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 10.into()]),
            op("Td", vec![72.into(), 720.into()]),
        ];
        for (i, word) in ["Holly", "Garth", "depot"].iter().enumerate() {
            if i > 0 {
                ops.push(op("Td", vec![(5.0 * 5.0 + 2.5f32).into(), 0.into()]));
            }
            ops.push(op("Tj", vec![codes(word)]));
        }
        ops.push(op("ET", vec![]));
        let text = page_text(&document(ops, true)).unwrap();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Holly", "Garth", "depot"]
        );
    }

    #[test]
    fn kerning_joins_and_a_wide_adjustment_parts() {
        let tj = vec![
            codes("Zor"),
            (-60).into(),
            codes("blax"),
            (-300).into(),
            codes("Holdings"),
        ];
        let ops = vec![
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 10.into()]),
            op("TJ", vec![tj.into()]),
            op("ET", vec![]),
        ];
        let text = page_text(&document(ops, true)).unwrap();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Zorblax", "Holdings"]
        );
    }

    #[test]
    fn a_font_without_widths_breaks_where_the_pen_moves() {
        let ops = vec![
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 12.into()]),
            op("Td", vec![72.into(), 720.into()]),
            op("Tj", vec![Object::string_literal("Holly")]),
            op("Td", vec![40.into(), 0.into()]),
            op("Tj", vec![Object::string_literal("Garth")]),
            op("ET", vec![]),
        ];
        let text = page_text(&document(ops, false)).unwrap();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Holly", "Garth"]
        );
    }

    #[test]
    fn the_gate_reads_both_readings_where_they_differ() {
        let mut doc = document(glyph_by_glyph("Holly Garth"), true);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let text = pdf_text(&bytes).unwrap();
        assert!(text.contains("Holly Garth"), "{text:?}");
        assert!(text.contains("H o l l y"), "{text:?}");
    }

    #[test]
    fn text_strings_are_utf16_or_latin1() {
        assert_eq!(text_string(&[0xfe, 0xff, 0, b'H', 0, b'i']), "Hi");
        assert_eq!(text_string(b"Caf\xe9"), "Café");
    }

    /// A one-page PDF whose table lists a fourth object at `fourth` (the page's
    /// resources name it as a font).
    fn listing_a_fourth_object(fourth: &str) -> String {
        let objects = [
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>>>",
        ];
        let mut file = String::from("%PDF-1.4\n");
        let mut table = String::from("xref\n0 5\n0000000000 65535 f \n");
        for (i, body) in objects.iter().enumerate() {
            table += &format!("{:010} 00000 n \n", file.len());
            file += &format!("{} 0 obj\n{body}\nendobj\n", i + 1);
        }
        let xref = file.len();
        let fourth = fourth.replace("END", &xref.to_string());
        file + &table
            + &format!(
                "{fourth} 00000 n \ntrailer\n<</Size 5/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
            )
    }

    #[test]
    fn an_object_listed_where_it_is_not_is_noted_but_one_at_offset_0_is_not() {
        let read = |fourth: &str| {
            pdf_text_with(
                listing_a_fourth_object(fourth).as_bytes(),
                &|_, _| String::new(),
                false,
            )
        };
        // Listed as in use at offset 0, as some programs list numbers they do not use.
        assert_eq!(read("0000000000").expect("read").unread, None);
        // Listed at the table itself, where no object is.
        let unread = read("END").expect("read").unread.expect("noted");
        assert!(
            unread.contains("1 of its objects cannot be read"),
            "{unread}"
        );
    }

    #[test]
    fn a_damaged_pdf_is_an_error_not_a_panic() {
        assert!(pdf_text(b"%PDF-1.7\nnot really").is_err());
    }

    #[test]
    fn a_deeply_nested_file_is_refused_before_parsing() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 100_000));
        pdf.extend(std::iter::repeat_n(b']', 100_000));
        pdf.extend(b"\nendobj\n(a [[[ string) 2 0 obj\nstream\n[[[[[[\nendstream\n");
        assert!(pdf_text(&pdf).unwrap_err().contains("nested too deeply"));
        assert_eq!(
            nesting(b"[ (a [[[ b) << /K [1 2] >> ] stream\n[[[[\nendstream"),
            3
        );
    }

    #[test]
    fn deeply_nested_arrays_do_not_overflow_the_stack() {
        let deep = Object::Array(vec![]);
        let mut o = deep;
        for _ in 0..200_000 {
            o = Object::Array(vec![o]);
        }
        let mut out = String::new();
        strings(&o, &mut out);
        assert!(out.is_empty());
        // Dropping it is recursive in lopdf; leak it instead of overflowing in the test.
        std::mem::forget(o);
    }
}
