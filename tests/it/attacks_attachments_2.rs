//! Round 2 of the attacks on the leak gate's reading of attachments that are not PDFs
//! (`src/gate/attachment.rs`, `src/gate/office.rs`), after the fixes of round 1
//! (`attacks_attachments.rs`): files made the way an officer could by mistake, or as
//! Word, Excel, LibreOffice, pandoc, Notepad and Excel for Mac write them.
//!
//! Each public variant is built on its own beside an exempt report, and must stop the
//! build naming its file, never the words. A withheld variant is attached to the exempt
//! report while a public paper quotes its words. The positive controls: the members'
//! edition builds and holds the canary, and the same site with nothing exempt builds and
//! publishes the file (for hidden matter: a clean file is published).
//!
//! | attack | outcome |
//! |---|---|
//! | public UTF-8 CSV with one NUL byte; UTF-8 text with one Windows-1252 byte; UTF-16 of odd length | held (a public text file is also read as UTF-8, as a page is) |
//! | Word: the sentence in content controls, simple fields (`fldSimple`), bookmarks, permission ranges; OpenDocument: shown variables, custom properties, input fields | held |
//! | a public SVG with a line a `tspan`; a withheld one with spaces between its lines (the control) | held |
//! | clean files: `trackRevisions` on with no change, an empty comments part, `webHidden`, a hidden style nothing uses, PowerPoint's comment authors left behind, OpenDocument with tracking on | published |
//! | a withheld UTF-8 CSV with one NUL byte (a database export) | leaked then: read as UTF-16, its phrases are nonsense (`a_withheld_text_file_is_read_in_the_encoding_it_is_in`); held since |
//! | a withheld UTF-8 CSV with one Windows-1252 byte (two exports joined) | leaked then: read as Windows-1252 throughout, each curly quote or dash adds a word (same test); held since |
//! | public CSV from Excel for Mac ("Comma Separated Values": Mac Roman) or Excel's "CSV (MS-DOS)" | leaked then: accented letters are other letters or separators in both readings (`csv_in_the_code_pages_excel_writes_is_read`); held since |
//! | the exempt report's table in a Word, PowerPoint or OpenDocument table, or Excel or Calc rows | leaked then: each cell is a paragraph, so a row of short cells is never one run; a CSV row is (`a_table_row_in_an_office_file_is_one_paragraph`); held since |
//! | Word fields in the sentence (DOCPROPERTY, MERGEFIELD: `fldChar` and `instrText`) | leaked then: the field codes are read into the sentence (`field_codes_do_not_break_the_sentence_they_sit_in`); held since |
//! | OpenDocument user fields, variables set, mail merge fields, placeholders, drop-downs, conditional text in the sentence; Word `w:dir` (rarely written) | leaked then: not inline, so their words are taken out of the sentence (same test); held since |
//! | a withheld SVG from Inkscape or Illustrator (one `tspan` a line, none or a line break between) | leaked then: the last word of a line and the first of the next are read as one (`lines_of_a_withheld_svg_are_not_joined`); held since |
//! | Word's style separator (a hidden paragraph mark, `specVanish`); `<w:vanish w:val="0"/>` | false positive then: refused as hidden text (`clean_office_files_are_published`); published since |
//! | an OpenDocument file with a formula (LibreOffice Math, pandoc: MathML `annotation`) | false positive then: refused as comments (same test); published since |
//! | Word text hidden by a character style; OpenDocument hidden text (`text:display="none"`), hidden paragraph, hidden sheet | published then, hidden matter not found (`hidden_matter_is_found_however_it_is_hidden`); refused since |
//! | `quire audit` of an `.odp`, `.xlsm` or `.doc` put on the server by hand | leaked then: read as text by its name (`audit_opens_office_files_whatever_their_names`); held since |
//! | an embedded document four levels down, or one the gate cannot open; a stored part named like a folder (`word/document.xml/`) | leaked in silence then; read as compressed bytes, or skipped, with no warning (`a_part_the_gate_cannot_read_is_never_passed_in_silence`); held since |
//!
//! Every "then" above was found by this round and failed its test; all were fixed in
//! `src/gate/attachment.rs` and `src/gate/office.rs` (several readings of text that is
//! not UTF-8, table rows read as one paragraph with a workbook's shared strings put back
//! in their cells, field codes apart and fields in the sentence, SVG lines apart, Word's
//! hidden styles and on/off values, MathML left alone, OpenDocument's hidden matter, any
//! zip or OLE file opened by the audit, every part that cannot be read reported) and the
//! public scan now also reads each file flat, its texts run together.
//!
//! Measured, not tested (before the fix that reads a part over 16 MB without a tree): a 52 MB `.xlsx` export (250 MB of XML) takes 7 s and 3.1 GB of
//! memory to read, two of them 18 s and 5.9 GB; a withheld 61 MB CSV of 2 million rows 11
//! s and 3.2 GB. A docx with 20,000 embedded objects, a CSV row of 2 million cells: under
//! a second. Duplicate part names, deflate64 and a central directory that lies about sizes
//! are read or warned about.

use std::io::Write;

use crate::common::site::{AS_OF, Site, assert_publishes, meeting, paper};
use crate::common::{quire, stderr};

/// The exempt report's words: 24 words, so every run of 11 is caught.
const SECRET: &str = "The lowest tender, from CANARY_ATTACK Builders Limited of Durham, was 1,234,567 pounds for the whole of the works at the site.";
/// An exempt recommendation, as a template with fields writes it: text, then a field's
/// value, in turn, between bars.
const FIELDED: &str = "Cabinet is asked to award the |Holly Garth| contract to |CANARY_FIELD Builders Limited| of Durham for |1,234,567 pounds|, starting on |1 April 2022| for three years.";
/// An exempt paragraph with a letter outside ASCII in every run of 8 of its words.
const CAFE: &str = "The café lease goes to CANARY_CAFE Zoë’s Kitchen at £23,500 a year.";
/// A row of the exempt report's table of bids: 7 words, in short cells.
const ROW: [&str; 3] = ["CANARY_ROW Holdings", "Durham", "Recommended for award"];
/// Words only a withheld attachment holds, a curly quote or a dash in every run of 8.
const CURLY: &str = "Zorblax’s bid of £412,500 was the lowest – the Council’s officers recommend it, subject to the bidder’s references.";
const TITLE: &str = "Holly Garth tender evaluation";
const MEETING: &str = "content/committees/panel/2021-09-24";
const OUT: &str = "committees/panel/2021-09-24";
const FILES: &str = "committees/panel/2021-09-24/files";
const NS: &str = r#"xmlns:w="w" xmlns:a="a" xmlns:p="p" xmlns:m="m" xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:style="st" xmlns:draw="d" xmlns:xlink="xl""#;

// ------------------------------------------------------------------ files

type Variant = (String, String, Vec<u8>);

fn v(what: &str, name: &str, bytes: impl Into<Vec<u8>>) -> Variant {
    (what.to_string(), name.to_string(), bytes.into())
}

fn zip_with(parts: &[(&str, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let parts: Vec<_> = parts.iter().map(|(n, t)| (*n, t.clone().into())).collect();
    zip_with(&parts, zip::CompressionMethod::Deflated)
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", run(text))
}

fn word(body: &str) -> String {
    format!("<w:document {NS}><w:body>{body}</w:body></w:document>")
}

fn docx(body: &str) -> Vec<u8> {
    zip_of(&[("word/document.xml", word(body))])
}

fn odt(text: &str) -> Vec<u8> {
    let content = format!(
        "<office:document-content {NS}><office:body><office:text>{text}</office:text></office:body></office:document-content>"
    );
    zip_of(&[("content.xml", content)])
}

/// [`FIELDED`] with each field's value wrapped by `field(name, value)`.
fn fielded(text: impl Fn(&str) -> String, field: impl Fn(&str, &str) -> String) -> String {
    let names = ["Scheme", "Contractor", "Amount", "Start"];
    let mut out = String::new();
    for (i, piece) in FIELDED.split('|').enumerate() {
        out += &if i % 2 == 0 {
            text(piece)
        } else {
            field(names[i / 2], piece)
        };
    }
    out
}

/// A Word field as Word writes most: begin, code, separate, result, end.
fn complex_field(code: &str, result: &str) -> String {
    let fld = |t: &str| format!(r#"<w:r><w:fldChar w:fldCharType="{t}"/></w:r>"#);
    format!(
        r#"{}<w:r><w:instrText xml:space="preserve"> {code} \* MERGEFORMAT </w:instrText></w:r>{}{}{}"#,
        fld("begin"),
        fld("separate"),
        run(result),
        fld("end")
    )
}

/// Text in a single-byte code page (only the characters these tests use).
fn code_page(text: &str, table: &[(char, u8)]) -> Vec<u8> {
    let byte = |c: char| match table.iter().find(|(k, _)| *k == c) {
        Some((_, b)) => *b,
        None if c.is_ascii() => c as u8,
        None => panic!("{c} is not in this table"),
    };
    text.chars().map(byte).collect()
}

const MAC_ROMAN: &[(char, u8)] = &[('é', 0x8E), ('ë', 0x91), ('’', 0xD5), ('£', 0xA3)];
const CP850: &[(char, u8)] = &[('é', 0x82), ('ë', 0x89), ('’', b'\''), ('£', 0x9C)];

// ------------------------------------------------------------------ sites

/// A meeting with a public update linking `public` files (under `files/`) and quoting
/// `quote`, and a contract report, exempt or not, titled [`TITLE`], holding [`SECRET`],
/// [`FIELDED`], [`CAFE`] and a table with [`ROW`], and linking the `withheld` files.
fn make_site(
    label: &str,
    exempt: bool,
    public: &[(&str, &[u8])],
    withheld: &[(&str, &[u8])],
    quote: &str,
) -> Site {
    let site = Site::new(label);
    let marking = if exempt { "    exempt: [3]\n" } else { "" };
    let items = format!(
        "  - title: Works\n    documents: [update.md]\n  - title: Award\n{marking}    documents: [tender.md]\n"
    );
    meeting(&site, "panel", "2021-09-24", "2021-09-16", &items);
    let links = |files: &[(&str, &[u8])]| -> String {
        let link = |(n, _): &(&str, &[u8])| format!("- [Details](files/{n}).\n");
        files.iter().map(link).collect()
    };
    let tender = format!(
        "## Tenders\n\n{SECRET}\n\n{}\n\n| Bidder | Town | Outcome |\n|---|---|---|\n| {} |\n\n## Lease\n\n{CAFE}\n\n{}",
        FIELDED.replace('|', ""),
        ROW.join(" | "),
        links(withheld)
    );
    site.write(&format!("{MEETING}/tender.md"), &paper(TITLE, &tender));
    let update = format!("{}\n{quote}\n", links(public));
    site.write(
        &format!("{MEETING}/update.md"),
        &paper("Progress update", &update),
    );
    for (name, bytes) in public.iter().chain(withheld) {
        site.write_bytes(&format!("{MEETING}/files/{name}"), bytes);
    }
    site
}

/// The variants the public build lets through, each built on its own with the report
/// exempt: `None` if it stopped, naming the file (or, for a withheld one, the update
/// quoting it) and never the words. Public variants are linked by the update, withheld
/// ones by the report while the update quotes `quote`. The controls: the members'
/// edition publishes every variant, and so does the site with nothing exempt.
fn leaks(label: &str, withheld: bool, variants: &[Variant], quote: &str) -> Vec<String> {
    let site = |l: &str, exempt: bool, f: &[(&str, &[u8])]| {
        let (public, withheld) = if withheld { (&[][..], f) } else { (f, &[][..]) };
        make_site(&format!("{label}-{l}"), exempt, public, withheld, quote)
    };
    let all: Vec<(&str, &[u8])> = variants.iter().map(|(_, n, b)| (&n[..], &b[..])).collect();
    assert_publishes(&site("members", true, &all), "confidential", FILES, &all);
    assert_publishes(&site("control", false, &all), "output", FILES, &all);
    let mut leaked = Vec::new();
    for (i, (what, name, bytes)) in variants.iter().enumerate() {
        let site = site(&i.to_string(), true, &[(name, bytes)]);
        let out = site.build(&[]);
        let err = stderr(&out);
        if out.status.success() {
            let warned = err.lines().find(|l| l.contains("warning:"));
            leaked.push(format!("{what}: {}", warned.unwrap_or("no warning")));
            continue;
        }
        let named = err.contains(&if withheld {
            "update".into()
        } else {
            format!("{OUT}/files/{name}")
        });
        let quiet = !err.to_lowercase().contains("canary") && !site.out("output").exists();
        assert!(named && quiet, "{what}: {err}");
    }
    leaked
}

/// Every variant stops the public build (a leak found by the red team fails here).
fn assert_held(label: &str, withheld: bool, variants: &[Variant], quote: &str) {
    let leaked = leaks(label, withheld, variants, quote);
    assert!(leaked.is_empty(), "LEAK, published:\n{leaked:#?}");
}

/// Office files, one a line: what | file | part | XML, and more parts as part | XML;
/// `{NS}` is the prefixes, `{STYLE}` a Word character style that hides its text.
fn office(table: &str) -> Vec<Variant> {
    let rows = table.lines().map(str::trim).filter(|l| !l.is_empty());
    rows.map(|l| {
        let f: Vec<&str> = l.split(" | ").collect();
        let fill = |x: &str| x.replace("{NS}", NS).replace("{STYLE}", HIDDEN_STYLE);
        let parts: Vec<(&str, String)> = f[2..].chunks(2).map(|c| (c[0], fill(c[1]))).collect();
        v(f[0], f[1], zip_of(&parts))
    })
    .collect()
}

const HIDDEN_STYLE: &str = r#"<w:styles xmlns:w="w"><w:style w:type="character" w:styleId="Guidance"><w:name w:val="Guidance"/><w:rPr><w:vanish/><w:color w:val="0070C0"/></w:rPr></w:style></w:styles>"#;

/// Clean files as Word, PowerPoint and LibreOffice write them (see [`office`]).
const CLEAN: &str = r#"
tracking on, no change | track.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:t>Works.</w:t></w:r></w:p></w:body></w:document> | word/settings.xml | <w:settings {NS}><w:trackRevisions/></w:settings>
empty comments part | comments.docx | word/comments.xml | <w:comments {NS}/>
table of contents | toc.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:t>Background</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:t>3</w:t></w:r></w:p></w:body></w:document>
a hidden style nothing uses | style.docx | word/styles.xml | {STYLE}
comment authors left behind | authors.pptx | ppt/commentAuthors.xml | <p:cmAuthorLst {NS}><p:cmAuthor id="0" name="Officer" initials="O" lastIdx="2" clrIdx="0"/></p:cmAuthorLst>
OpenDocument, tracking on | track.odt | content.xml | <office:document-content {NS}><office:body><office:text text:track-changes="true"><text:tracked-changes/><text:p>Works.</text:p></office:text></office:body></office:document-content>
"#;

/// Clean files the gate refuses (see [`office`]).
const FALSE_POSITIVES: &str = r#"
Word style separator | separator.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:pPr><w:pStyle w:val="Heading2"/><w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr><w:r><w:t>Background</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve"> The council owns the site.</w:t></w:r></w:p></w:body></w:document>
Word hidden turned off | shown.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>Works.</w:t></w:r></w:p></w:body></w:document>
OpenDocument formula | formula.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:p>Cost: <draw:frame><draw:object xlink:href="./Object 1"/></draw:frame></text:p></office:text></office:body></office:document-content> | Object 1/content.xml | <math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><annotation encoding="StarMath 5.0">a + b</annotation></semantics></math>
"#;

/// Hidden matter the gate does not find (see [`office`]).
const HIDDEN: &str = r#"
Word hidden style | styled.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:rPr><w:rStyle w:val="Guidance"/></w:rPr><w:t>Guidance: delete before publishing.</w:t></w:r></w:p></w:body></w:document> | word/styles.xml | {STYLE}
OpenDocument hidden text | hidden.odt | content.xml | <office:document-content {NS}><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style></office:automatic-styles><office:body><office:text><text:p>Works.<text:span text:style-name="T1">Guidance.</text:span></text:p></office:text></office:body></office:document-content>
OpenDocument hidden paragraph | para.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:p>Works.</text:p><text:p><text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/>Guidance.</text:p></office:text></office:body></office:document-content>
OpenDocument hidden sheet | hidden.ods | content.xml | <office:document-content {NS}><office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Summary"/><table:table table:name="Workings" table:style-name="ta2"/></office:spreadsheet></office:body></office:document-content>
"#;

fn utf16(text: &str) -> Vec<u8> {
    let units = text.encode_utf16().flat_map(u16::to_le_bytes);
    [0xFF, 0xFE].into_iter().chain(units).collect()
}

// ------------------------------------------------------------------ text encodings

#[test]
fn public_text_with_a_stray_byte_is_still_read() {
    // The gate reads a public text file twice: decoded as its bytes suggest, and as
    // UTF-8 (as a page is). One reading survives each of these.
    let csv = format!("Bidder,Note\r\n1,\"{SECRET}\"\r\n");
    let mixed = [format!("Note\r\n\r\n{CAFE}\r\n\r\nCaf").as_bytes(), b"\xe9"].concat();
    let mut odd = utf16(&format!("Note\r\n\r\n{SECRET}\r\n"));
    odd.push(b'x');
    let variants = [
        v(
            "UTF-8 CSV, a NUL",
            "nul.csv",
            [csv.as_bytes(), b"\0"].concat(),
        ),
        v("UTF-8, a Windows-1252 byte", "mixed.txt", mixed),
        v("UTF-16 of odd length", "odd.txt", odd),
    ];
    assert_held("att2-stray", false, &variants, "");
}

#[test]
fn a_withheld_text_file_is_read_in_the_encoding_it_is_in() {
    // A withheld file is read once, as `decode` says: a UTF-8 export with one NUL byte
    // (a database's empty fixed-width field) is read as UTF-16, and UTF-8 with one byte
    // of Windows-1252 (two exports joined) is read as Windows-1252 throughout, where
    // each curly quote and dash adds a word ("â€™"). The control: clean UTF-8 is caught.
    let csv = format!("Bidder,Note\r\n1,\"{CURLY}\"\r\n");
    let clean = [v("clean UTF-8", "export.csv", csv.clone())];
    assert_held("att2-wh-control", true, &clean, CURLY);
    let nul = [csv.as_bytes(), b"2,\0\r\n"].concat();
    let mixed = [csv.as_bytes(), b"3,Caf\xe9\r\n"].concat();
    let variants = [
        v("UTF-8, a NUL", "nul.csv", nul),
        v("UTF-8, a Windows-1252 byte", "mixed.csv", mixed),
    ];
    assert_held("att2-wh", true, &variants, CURLY);
}

#[test]
fn csv_in_the_code_pages_excel_writes_is_read() {
    // Excel for Mac's "Comma Separated Values (.csv)" is in Mac Roman, and Excel's "CSV
    // (MS-DOS)" in the DOS code page: "é" is 0x8E or 0x82, which Windows-1252 reads as
    // "Ž" or a comma, and UTF-8 as a separator. [`CAFE`] has such a letter in every run.
    let csv = format!("Site,Note\r\nPark,\"{CAFE}\"\r\n");
    let windows = [('é', 0xE9), ('ë', 0xEB), ('’', 0x92), ('£', 0xA3)];
    let control = [v("Windows-1252", "win.csv", code_page(&csv, &windows))];
    assert_held("att2-cp-control", false, &control, "");
    let variants = [
        v("Mac Roman", "mac.csv", code_page(&csv, MAC_ROMAN)),
        v("MS-DOS", "dos.csv", code_page(&csv, CP850)),
    ];
    assert_held("att2-cp", false, &variants, "");
}

// ------------------------------------------------------------------ paragraphs

#[test]
fn a_table_row_in_an_office_file_is_one_paragraph() {
    // The exempt report's table, pasted into a public Word file or saved from Excel. A
    // table row is a paragraph of its own in a report and in a CSV file (the control),
    // but in an office file each cell is: the row's 7 words are never one run.
    let csv = format!("Bidder,Town,Outcome\r\n{}\r\n", ROW.join(","));
    let tsv = csv.replace(',', "\t");
    let control = [
        v("CSV", "bids.csv", csv),
        v("tab-separated", "bids.txt", tsv),
    ];
    assert_held("att2-rows-control", false, &control, "");
    let rows = [vec!["Bidder", "Town", "Outcome"], ROW.to_vec()];
    let table = |cell: &str, row: &str| -> String {
        let cells = |r: &Vec<&str>| r.iter().map(|c| cell.replace("{}", c)).collect::<String>();
        rows.iter().map(|r| row.replace("{}", &cells(r))).collect()
    };
    let word = table(&format!("<w:tc>{}</w:tc>", para("{}")), "<w:tr>{}</w:tr>");
    let slide = table(
        "<a:tc><a:txBody><a:p><a:r><a:t>{}</a:t></a:r></a:p></a:txBody></a:tc>",
        "<a:tr>{}</a:tr>",
    );
    let open = table(
        "<table:table-cell><text:p>{}</text:p></table:table-cell>",
        "<table:table-row>{}</table:table-row>",
    );
    let sst: String = rows
        .concat()
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let cell = |i: usize| format!(r#"<c t="s"><v>{i}</v></c>"#);
    let sheet = format!(
        "<row>{}</row><row>{}</row>",
        (0..3).map(cell).collect::<String>(),
        (3..6).map(cell).collect::<String>()
    );
    let variants = office(&format!(
        r#"Word table | bids.docx | word/document.xml | <w:document {{NS}}><w:body><w:tbl>{word}</w:tbl></w:body></w:document>
        Excel rows | bids.xlsx | xl/sharedStrings.xml | <sst xmlns="x">{sst}</sst> | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><sheetData>{sheet}</sheetData></worksheet>
        PowerPoint table | bids.pptx | ppt/slides/slide1.xml | <p:sld {{NS}}><p:cSld><p:spTree><p:graphicFrame><a:graphic><a:graphicData><a:tbl>{slide}</a:tbl></a:graphicData></a:graphic></p:graphicFrame></p:spTree></p:cSld></p:sld>
        OpenDocument table | bids.odt | content.xml | <office:document-content {{NS}}><office:body><office:text><table:table>{open}</table:table></office:text></office:body></office:document-content>
        OpenDocument sheet | bids.ods | content.xml | <office:document-content {{NS}}><office:body><office:spreadsheet><table:table table:name="Bids">{open}</table:table></office:spreadsheet></office:body></office:document-content>"#
    ));
    assert_held("att2-rows", false, &variants, "");
}

/// [`FIELDED`] in a Word paragraph, each field's value made by `field`.
fn word_fielded(what: &str, name: &str, field: impl Fn(&str, &str) -> String) -> Variant {
    v(
        what,
        name,
        docx(&format!("<w:p>{}</w:p>", fielded(run, field))),
    )
}

/// [`FIELDED`] in OpenDocument, a file a line: what | tag | attributes of each field.
fn odt_fielded(table: &str) -> Vec<Variant> {
    let rows = table.lines().map(str::trim).filter(|l| !l.is_empty());
    let one = |l: &str| {
        let f: Vec<&str> = l.splitn(3, " | ").chain([""]).collect();
        let field = |name: &str, value: &str| {
            let (tag, attributes) = (f[1], f[2]);
            format!(r#"<text:{tag} text:name="{name}" {attributes}>{value}</text:{tag}>"#)
        };
        let text = format!("<text:p>{}</text:p>", fielded(str::to_string, field));
        v(f[0], &format!("{}.odt", f[1]), odt(&text))
    };
    rows.map(one).collect()
}

/// LibreOffice's fields that the gate reads as part of the sentence.
const ODF_INLINE: &str = "
    OpenDocument, shown variables | variable-get
    OpenDocument, custom properties | user-defined
    OpenDocument, input fields | text-input";

/// LibreOffice's fields that the gate takes out of the sentence.
const ODF_APART: &str = r#"
    OpenDocument user fields | user-field-get
    OpenDocument variables set | variable-set | office:value-type="string"
    OpenDocument mail merge | database-display | text:table-name="Bids" text:column-name="x"
    OpenDocument placeholders | placeholder | text:placeholder-type="text"
    OpenDocument drop-downs | drop-down
    OpenDocument conditional text | conditional-text | text:condition="ooow:1" text:string-value-if-true="" text:string-value-if-false="""#;

#[test]
fn fields_content_controls_and_marks_the_gate_joins_are_held() {
    let marks = |_: &str, value: &str| {
        format!(
            r#"<w:bookmarkStart w:id="1" w:name="x"/><w:permStart w:id="2" w:edGrp="everyone"/><w:sdt><w:sdtPr><w:alias w:val="Box"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:permEnd w:id="2"/><w:bookmarkEnd w:id="1"/>"#,
            run(value)
        )
    };
    let simple = |name: &str, value: &str| {
        format!(
            r#"<w:fldSimple w:instr=" DOCPROPERTY {name} ">{}</w:fldSimple>"#,
            run(value)
        )
    };
    let mut variants = vec![
        word_fielded("Word, plain", "plain.docx", |_, t| run(t)),
        word_fielded("Word, content controls", "sdt.docx", marks),
        word_fielded("Word, simple fields", "simple.docx", simple),
    ];
    variants.extend(odt_fielded(ODF_INLINE));
    assert_held("att2-fields-held", false, &variants, "");
}

#[test]
fn field_codes_do_not_break_the_sentence_they_sit_in() {
    // A decision notice made from a template, quoting the exempt recommendation: the
    // scheme, the contractor, the price and the start are fields. A reader sees the
    // sentence whole; the gate reads Word's field codes into it ("... award the
    // DOCPROPERTY Scheme MERGEFORMAT Holly Garth contract ...") and takes
    // LibreOffice's fields out of it, so no run of 8 of its words is left. The
    // controls are the test above.
    let code =
        |kind: &'static str| move |n: &str, t: &str| complex_field(&format!("{kind} {n}"), t);
    let dir = |_: &str, t: &str| format!(r#"<w:dir w:val="ltr">{}</w:dir>"#, run(t));
    let mut variants = vec![
        word_fielded("Word DOCPROPERTY fields", "props.docx", code("DOCPROPERTY")),
        word_fielded("Word mail merge", "merge.docx", code("MERGEFIELD")),
        word_fielded("Word bidirectional embedding", "dir.docx", dir),
    ];
    variants.extend(odt_fielded(ODF_APART));
    assert_held("att2-fields", false, &variants, "");
}

// ------------------------------------------------------------------ SVG

/// Words only a withheld plan holds, in lines of at most five words, between bars.
const PLAN: &str = "Land edged red to be|sold to CANARY_PLAN Estates for|412,500 pounds subject to|planning consent and vacant|possession.";

/// A plan with `lines` as one text, `between` them, as Inkscape writes it.
fn plan(lines: &[&str], between: &str) -> String {
    let line = |(i, l): (usize, &&str)| {
        let y = 20 + 12 * i;
        format!(r#"<tspan sodipodi:role="line" x="10" y="{y}">{l}</tspan>"#)
    };
    let lines: Vec<String> = lines.iter().enumerate().map(line).collect();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="s"><text xml:space="preserve" x="10" y="20">{}</text></svg>"#,
        lines.join(between)
    )
}

#[test]
fn lines_of_a_withheld_svg_are_not_joined() {
    // A public SVG is also read as a page is, tags as spaces: held.
    let words: Vec<&str> = SECRET.split(' ').collect();
    let lines: Vec<String> = words.chunks(5).map(|c| c.join(" ")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let public = [v("public plan", "public.svg", plan(&lines, ""))];
    assert_held("att2-svg-public", false, &public, "");
    // The control: a withheld plan whose lines have a space between them is caught.
    let (plan_lines, quote): (Vec<&str>, _) = (PLAN.split('|').collect(), PLAN.replace('|', " "));
    let control = [v("lines apart", "spaced.svg", plan(&plan_lines, " "))];
    assert_held("att2-svg-control", true, &control, &quote);
    let variants = [
        v("Inkscape", "plan.svg", plan(&plan_lines, "")),
        v(
            "pretty-printed",
            "pretty.svg",
            plan(&plan_lines, "\n      "),
        ),
    ];
    assert_held("att2-svg", true, &variants, &quote);
}

// ------------------------------------------------------------------ hidden matter

/// The variants that a public build with nothing withheld refuses as hidden matter.
fn refused(label: &str, variants: &[Variant]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (what, name, bytes)) in variants.iter().enumerate() {
        let site = make_site(&format!("{label}-{i}"), false, &[(name, bytes)], &[], "");
        let build = site.build(&[]);
        let err = stderr(&build);
        if !build.status.success() {
            assert!(err.contains("this file holds"), "{what}: {err}");
            out.push(format!("{what}: {}", err.lines().next().unwrap_or("")));
        } else {
            assert_publishes(&site, "output", FILES, &[(name, bytes)]);
        }
    }
    out
}

#[test]
fn clean_files_ordinary_programs_write_are_published() {
    let refused = refused("att2-clean", &office(CLEAN));
    assert!(refused.is_empty(), "FALSE POSITIVE:\n{refused:#?}");
}

#[test]
fn clean_office_files_are_published() {
    // Word's style separator (Ctrl+Alt+Enter, for a run-in heading) hides a paragraph
    // mark, not text; `w:val="0"` turns hidden off (ECMA-376 ST_OnOff). A formula from
    // LibreOffice Math or pandoc is MathML, whose `annotation` holds its source: not a
    // comment.
    let refused = refused("att2-fp", &office(FALSE_POSITIVES));
    assert!(refused.is_empty(), "FALSE POSITIVE:\n{refused:#?}");
}

#[test]
fn hidden_matter_is_found_however_it_is_hidden() {
    // Council templates carry guidance in a hidden character style; LibreOffice's
    // Format, Character, Hidden writes `text:display="none"`; Calc hides a sheet by its
    // style. The control: Word's direct `w:vanish` is refused.
    let direct = r#"Word direct | direct.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Guidance.</w:t></w:r></w:p></w:body></w:document>"#;
    assert_eq!(refused("att2-hid-control", &office(direct)).len(), 1);
    let variants = office(HIDDEN);
    let refused = refused("att2-hid", &variants);
    let found = |what: &str| refused.iter().any(|r| r.starts_with(&format!("{what}:")));
    let published: Vec<&str> = variants
        .iter()
        .map(|v| &v.0[..])
        .filter(|w| !found(w))
        .collect();
    assert!(
        published.is_empty(),
        "hidden matter published: {published:?}"
    );
}

// ------------------------------------------------------------------ audit and embedding

fn audit(site: &Site) -> std::process::Output {
    let mut audit = quire();
    audit.args(["audit", "--as-of", AS_OF, "--root"]);
    audit.arg(site.path()).arg(site.out("output"));
    audit.output().unwrap()
}

/// An OLE compound file holding `text` in UTF-16, as Word 97 keeps text with a "’".
fn ole16(text: &str) -> Vec<u8> {
    let mut out = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    out.resize(0x600, 0);
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out.resize(0x1000, 0);
    out
}

#[test]
fn audit_opens_office_files_whatever_their_names() {
    // A live server holds files put there by hand, of kinds quire never publishes: an
    // Impress file, a macro-enabled workbook, a Word 97 file. The audit reads them as
    // text by their names, so it finds nothing in them. The control: as `.odt`, `.xlsx`.
    let slide = format!(
        "<office:document-content {NS}><office:body><office:presentation><draw:page><draw:frame><draw:text-box><text:p>{SECRET}</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document-content>"
    );
    let open = zip_of(&[("content.xml", slide)]);
    let cell = format!(
        r#"<worksheet xmlns="x"><sheetData><row><c t="inlineStr"><is><t>{SECRET}</t></is></c></row></sheetData></worksheet>"#
    );
    let book = zip_of(&[("xl/worksheets/sheet1.xml", cell)]);
    let site = make_site("att2-audit", true, &[], &[], "");
    assert!(site.build(&[]).status.success());
    assert!(audit(&site).status.success(), "{}", stderr(&audit(&site)));
    let passed = |name: &str, bytes: &[u8]| -> bool {
        let path = site.out("output").join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = audit(&site);
        std::fs::remove_file(path).unwrap();
        let err = stderr(&out);
        assert!(!err.contains("CANARY"), "{err}");
        out.status.success() || !err.contains(name)
    };
    assert!(
        !passed("minutes.odt", &open) && !passed("costs.xlsx", &book),
        "the control"
    );
    let old = ole16(&format!("Note\r{}\r", SECRET.replace('.', "’s.")));
    let mut leaked = Vec::new();
    for (name, bytes) in [
        ("minutes.odp", &open),
        ("costs.xlsm", &book),
        ("old.doc", &old),
    ] {
        if passed(name, bytes) {
            leaked.push(name);
        }
    }
    assert!(leaked.is_empty(), "LEAK, the audit passes: {leaked:?}");
}

#[test]
fn a_part_the_gate_cannot_read_is_never_passed_in_silence() {
    // A file the gate cannot open is published with a warning (round 1: bzip2). Inside
    // it, a document nested deeper than the gate reads, or one it cannot open, is read
    // as its compressed bytes; a part named like a folder is skipped. No warning.
    let (stored, deflated) = (
        zip::CompressionMethod::Stored,
        zip::CompressionMethod::Deflated,
    );
    let (body, mut deep) = (word(&para(SECRET)), docx(&para(SECRET)));
    for name in ["xl/embeddings/a.docx", "word/embeddings/b.xlsx"].repeat(2) {
        deep = zip_with(&[(name, deep)], deflated);
    }
    let mut inner = zip_of(&[("word/document.xml", body.clone())]);
    // bzip2 (12), as 7-Zip can pack it (the payload stays deflated: it is not read).
    for (sig, offset) in [(b"PK\x03\x04", 8), (b"PK\x01\x02", 10)] {
        let at = inner.windows(4).position(|w| w == sig).unwrap() + offset;
        inner[at..at + 2].copy_from_slice(&12u16.to_le_bytes());
    }
    // Stored, so the words are in the published bytes as they are.
    let folder = zip_with(&[("word/document.xml/", body.into())], stored);
    assert!(folder.windows(13).any(|w| w == b"CANARY_ATTACK"));
    let variants = [
        v("five levels deep", "deep.docx", deep),
        v(
            "embedded, bzip2",
            "bzip.docx",
            zip_with(&[("word/embeddings/n.docx", inner)], deflated),
        ),
        v("a part named as a folder", "folder.docx", folder),
    ];
    let leaked = leaks("att2-embedded", false, &variants, "");
    let silent: Vec<&String> = leaked
        .iter()
        .filter(|l| l.ends_with("no warning"))
        .collect();
    assert!(silent.is_empty(), "LEAK in silence:\n{silent:#?}");
}
