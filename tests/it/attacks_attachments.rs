//! Attacks on the leak gate's reading of attachments that are not PDFs (Word, Excel,
//! PowerPoint, OpenDocument, text, CSV, SVG: `src/gate/attachment.rs`), made the way an
//! officer could by mistake, or with files that ordinary programs write.
//!
//! Each variant puts an exempt report's words (or its withheld title) somewhere in a file
//! that a public paper links to, and is built on its own: the public build must stop,
//! naming the file and never the words. The positive controls: the members' edition
//! publishes every variant byte for byte, and the same site with nothing exempt builds
//! and publishes it (unless the file holds comments, tracked changes or hidden rows,
//! columns or slides, which stop any public build).
//!
//! | attack | outcome |
//! |---|---|
//! | Word: text box, header, footer, footnote, endnote, field code, link text, alt text, content control with smart tag and custom XML, core and custom properties, glossary | held |
//! | Excel: inline string, formula text, page header with codes, chart title, link address; PowerPoint: slide, notes, alt text, master; OpenDocument sheet cell and properties; SVG text | held |
//! | comments and tracked changes holding the words: Word, Excel notes and threaded comments, PowerPoint, OpenDocument annotation and tracked deletion | refused |
//! | a hidden column, a row hidden by a filter, a hidden slide holding the words | refused (hidden matter, since 1 December 2026; the hidden column was a held variant before, published when nothing was exempt) |
//! | character references, CDATA, a byte order mark, upper-case part names, stored parts, zip64, data descriptors, Word in Excel in Word, `.DOCX`, `.Csv` | held |
//! | UTF-16 text and CSV with a mark (LE, BE), without one (Latin letters only), tab-separated, a 520 KB line, hard-wrapped with a hyphenated word, UTF-8 with a mark | held |
//! | two footnotes inside the quoted paragraph (Word; OpenDocument, where a `text:note` sits inside the paragraph: its text is now a paragraph of its own and the words around it stay one) | held |
//! | parts compressed with bzip2 (7-Zip can) | published with a warning that the gate could not read it; never in silence |
//! | an office file shown as an image | refused (bad image) |
//! | a copy at an earlier meeting; `allow_files` naming the public copy; allowing one withheld copy while another exempt item has a second | refused, naming the withheld file not allowed |
//! | both withheld copies allowed (the control) | published; the members' edition has every copy |
//! | a withheld spreadsheet saved again, in a public paper | refused without the words; the message now names the spreadsheet (it named the paper linking it) |
//! | pivot cache items, an input message, a sheet named with the withheld title (`<s v="…">`, `prompt="…"`, `<sheet name="…">`) | leaked in silence (attribute values were not read); held since: these attributes are read (`text_a_spreadsheet_keeps_in_attributes_is_read`) |
//! | a link address spelling the withheld title with `%20` (Word, Excel) | leaked (addresses were not percent-decoded); held since (`a_link_address_is_read_as_its_reader_sees_it`) |
//! | CSV and text saved in Windows-1252 (Excel's "CSV (Comma delimited)") | leaked (read as UTF-8, accented letters became separators); held since: text that is not UTF-8 is read as Windows-1252 (`text_saved_in_windows_1252_is_read`) |
//! | UTF-16 without a mark holding a curly apostrophe (bcp -w) | leaked (detected only if every high byte was zero); held since: any zero byte means UTF-16 (`utf16_without_a_mark_is_read_whatever_its_characters`) |
//! | a CSV cell with line breaks inside its quotes (the same cell in .xlsx is caught) | leaked (each line was read as a row); held since: quotes are followed (`a_csv_cell_with_line_breaks_is_read_as_one_cell`) |
//! | a Word 97 file or plain text named `.docx`; a Word file named `.txt`, an Excel file named `.csv` | leaked (read by extension only); held since: a zip is opened whatever its name, and a file that will not open is still read for the text its bytes hold, with a warning (`a_file_whose_contents_do_not_match_its_extension_is_still_read`) |
//! | an OLE package, a macro-enabled workbook or an HTML chunk inside a Word file | leaked in silence (only `.xml`, `.rels` and office parts were read); held since: every part but pictures and fonts is read (`what_an_office_file_embeds_that_is_not_an_office_file_is_read`) |
//! | an XML part in UTF-16 (allowed by ECMA-376) | leaked in silence (parts were decoded as UTF-8); held since (`xml_parts_in_utf16_are_read`) |
//! | `quire audit` of a UTF-16 CSV put on the server by hand | leaked (the audit read text as UTF-8 only); held since: the audit reads attachments as the build does (`audit_reads_utf16_text_as_the_build_does`) |
//! | round 15: what office programs keep in attributes (a LibreOffice formula, validity list or named expression; a drop-down's choices in Word or Writer; WordArt; a simple field's code; conditional text; a number format; a section's or a style's name) | leaked in silence; held since: a public file's parts are read attributes and all (`what_office_programs_keep_in_attributes_is_read`) |
//! | round 15: a photo's properties (EXIF description, Windows' comments, a PNG's packed text) in a public Word or PowerPoint file, or placed in a public PDF | leaked in silence; held since (`a_pictures_properties_inside_a_public_file_are_read`) |
//! | round 15: the withheld plan pasted into a public Word file (the same pixels, other bytes) | leaked in silence; refused since (`a_withheld_picture_pasted_into_a_public_word_file_is_refused`) |
//! | round 17: the exempt words as the body of a `mailto:` link, `%`-escaped, in a public PDF appendix or a public report's Markdown | leaked in silence; refused since (`an_address_is_read_with_its_escapes_undone`, `an_escaped_address_in_a_public_report_is_refused`) |
//! | round 17: an exempt and a public Word file saved by the same LibreOffice; round 18: sharing their author, company or a SharePoint column | the public one refused for its properties (a false alarm); builds since (`files_saved_by_the_same_program_do_not_refuse_each_other`) |
//! | round 18: the exempt words drawn in a metafile a word at a time, kept compressed (`.emz`), or attached to a public PDF | leaked in silence; refused since (`text_drawn_in_a_metafile_a_word_at_a_time_compressed_or_attached_is_read`) |
//! | round 17: the exempt words drawn in a metafile (Paste Special, Enhanced Metafile) inside a public Word file | leaked in silence; refused since (`text_drawn_in_a_metafile_inside_a_public_word_file_is_read`) |

//!
//! The red team's first run found the nine leaks marked "held since" above; each test
//! failed then, and all were fixed in `src/gate/attachment.rs` and `src/gate/office.rs`.

use std::io::Write;

use crate::common::site::{AS_OF, Site, assert_publishes, meeting, paper};
use crate::common::{quire, stderr};

/// The exempt report's words: 24 words, so every run of 11 is caught.
const SECRET: &str = "The lowest tender, from CANARY_ATTACK Builders Limited of Durham, was 1,234,567 pounds for the whole of the works at the site.";
/// A second exempt paragraph, a letter outside ASCII in every run of 8 of its words.
const CAFE: &str = "The café lease goes to CANARY_CAFE Zoë’s Kitchen at £23,500 a year.";
/// The exempt report's title: a withheld title of 4 words.
const TITLE: &str = "Holly Garth tender evaluation";
const MEETING: &str = "content/committees/panel/2021-09-24";
const OUT: &str = "committees/panel/2021-09-24";
const FILES: &str = "committees/panel/2021-09-24/files";
const NS: &str = r#"xmlns:w="w" xmlns:wp="wp" xmlns:a="a" xmlns:wps="wps" xmlns:r="r" xmlns:p="p" xmlns:c="c" xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:dc="dc" xmlns:vt="vt""#;

/// Office files, one a line: what | file | part | XML, where `{S}` is the exempt words,
/// `{P}` a Word paragraph of them, `{T}` the withheld title and `{NS}` the prefixes.
/// A Word file's variant gets a body of its own if the part is not the body.
const WORD: &str = r#"
text box | box.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:drawing><wp:anchor><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{P}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p></w:body></w:document>
header | header.docx | word/header1.xml | <w:hdr {NS}>{P}</w:hdr>
footer | footer.docx | word/footer2.xml | <w:ftr {NS}>{P}</w:ftr>
footnote | footnote.docx | word/footnotes.xml | <w:footnotes {NS}><w:footnote w:id="1">{P}</w:footnote></w:footnotes>
endnote | endnote.docx | word/endnotes.xml | <w:endnotes {NS}><w:endnote w:id="1">{P}</w:endnote></w:endnotes>
field code | field.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MACROBUTTON NoMacro {S} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:body></w:document>
link text | link.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:hyperlink r:id="rId9"><w:r><w:t>{S}</w:t></w:r></w:hyperlink></w:p></w:body></w:document>
alt text | alt.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:drawing><wp:inline><wp:docPr id="2" name="Picture 2" descr="{S}"/></wp:inline></w:drawing></w:r></w:p></w:body></w:document>
content control, smart tag | sdt.docx | word/document.xml | <w:document {NS}><w:body><w:sdt><w:sdtContent><w:p><w:smartTag w:element="place"><w:r><w:t xml:space="preserve">{S}</w:t></w:r></w:smartTag><w:customXml><w:r><w:t> Noted.</w:t></w:r></w:customXml></w:p></w:sdtContent></w:sdt></w:body></w:document>
core properties | core.docx | docProps/core.xml | <cp:coreProperties xmlns:cp="cp" {NS}><dc:title>Note</dc:title><dc:description>{S}</dc:description></cp:coreProperties>
custom properties | custom.docx | docProps/custom.xml | <Properties xmlns="c" {NS}><property name="Summary" pid="2"><vt:lpwstr>{S}</vt:lpwstr></property></Properties>
two footnote references in the sentence | notes.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:t xml:space="preserve">The lowest tender, from CANARY_ATTACK Builders Limited of Durham,</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> was 1,234,567 pounds</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> for the whole of the works at the site.</w:t></w:r></w:p></w:body></w:document>
glossary | glossary.docx | word/glossary/document.xml | <w:glossaryDocument {NS}><w:docParts><w:docPart>{P}</w:docPart></w:docParts></w:glossaryDocument>
"#;

const OTHERS: &str = r#"
inline string | inline.xlsx | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{S}</t></is></c></row></sheetData></worksheet>
formula text | formula.xlsx | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="str"><f>IF(B1=1,"{S}","")</f><v></v></c></row></sheetData></worksheet>
page header codes | header.xlsx | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><headerFooter><oddHeader>&amp;L&amp;"Arial,Bold"&amp;12{S}</oddHeader></headerFooter></worksheet>
chart title | chart.xlsx | xl/charts/chart1.xml | <c:chartSpace {NS}><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>{S}</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>
link address | link.xlsx | xl/worksheets/_rels/sheet1.xml.rels | <Relationships xmlns="r"><Relationship Id="rId1" Type="h" Target="https://example.org/?note={S}" TargetMode="External"/></Relationships>
slide | slide.pptx | ppt/slides/slide1.xml | <p:sld {NS}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{S}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>
speaker notes | notes.pptx | ppt/notesSlides/notesSlide1.xml | <p:notes {NS}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{S}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>
picture alt text | alt.pptx | ppt/slides/slide1.xml | <p:sld {NS}><p:cSld><p:spTree><p:pic><p:nvPicPr><p:cNvPr id="4" name="Picture 3" descr="{S}"/></p:nvPicPr></p:pic></p:spTree></p:cSld></p:sld>
slide master | master.pptx | ppt/slideMasters/slideMaster1.xml | <p:sldMaster {NS}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{S}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sldMaster>
OpenDocument cell | cells.ods | content.xml | <office:document-content {NS}><office:body><office:spreadsheet><table:table table:name="Bids"><table:table-row><table:table-cell office:value-type="string"><text:p>{S}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
OpenDocument, two footnotes in the sentence | notes.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:p>The lowest tender, from CANARY_ATTACK Builders Limited of Durham,<text:note text:id="n1"><text:note-citation>1</text:note-citation><text:note-body><text:p>Source 1.</text:p></text:note-body></text:note> was 1,234,567 pounds<text:note text:id="n2"><text:note-citation>2</text:note-citation><text:note-body><text:p>Source 2.</text:p></text:note-body></text:note> for the whole of the works at the site.</text:p></office:text></office:body></office:document-content>
OpenDocument properties | meta.odt | meta.xml | <office:document-meta {NS}><office:meta><dc:description>{S}</dc:description></office:meta></office:document-meta>
"#;

const HIDDEN: &str = r#"
Word comment | comment.docx | word/comments.xml | <w:comments {NS}><w:comment w:id="0">{P}</w:comment></w:comments>
Word insertion | ins.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:ins w:id="1"><w:r><w:t>{S}</w:t></w:r></w:ins></w:p></w:body></w:document>
Word deletion | del.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:del w:id="1"><w:r><w:delText>{S}</w:delText></w:r></w:del></w:p></w:body></w:document>
Excel note | note.xlsx | xl/comments1.xml | <comments xmlns="x"><authors><author>Officer</author></authors><commentList><comment ref="A1" authorId="0"><text><r><t>{S}</t></r></text></comment></commentList></comments>
Excel thread | thread.xlsx | xl/threadedComments/threadedComment1.xml | <ThreadedComments xmlns="t"><threadedComment ref="A1" id="1"><text>{S}</text></threadedComment></ThreadedComments>
PowerPoint comment | comment.pptx | ppt/comments/comment1.xml | <p:cmLst {NS}><p:cm authorId="0"><p:text>{S}</p:text></p:cm></p:cmLst>
annotation | note.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:p>Works.<office:annotation><text:p>{S}</text:p></office:annotation></text:p></office:text></office:body></office:document-content>
Excel hidden column | column.xlsx | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><cols><col min="1" max="1" hidden="1"/></cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{S}</t></is></c></row></sheetData></worksheet>
Excel filtered row | filtered.xlsx | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><sheetData><row r="1" hidden="1"><c r="A1" t="inlineStr"><is><t>{S}</t></is></c></row></sheetData></worksheet>
PowerPoint hidden slide | hidden.pptx | ppt/slides/slide1.xml | <p:sld {NS} show="0"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{S}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>
tracked deletion | del.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>{S}</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>Works.</text:p></office:text></office:body></office:document-content>
"#;

/// Text files, one a line: what | file | encoding | text, where `{S}` is the exempt words,
/// `{C}` the second exempt paragraph, `{BOM}` U+FEFF, and `\r`, `\n`, `\t` are escapes.
const TEXT: &str = r#"
UTF-16 with a mark (Excel's Unicode text) | unicode.txt | utf-16 | Bidder\tNote\r\n1\t{S}\r\n
UTF-16 big-endian | be.txt | utf-16be | Notes\r\n\r\n{S}\r\n
UTF-16 without a mark, Latin only | bare.csv | utf-16-bare | Bidder,Note\r\n1,"{S}"\r\n
tab-separated | bids.txt | utf-8 | Bidder\tNote\n1\tThe\tlowest\ttender,\tfrom\tCANARY_ATTACK\tBuilders\tLimited\tof\tDurham,\twas\t1,234,567\tpounds\tfor\tthe\twhole
hard-wrapped, a word hyphenated | wrapped.txt | utf-8 | The lowest tender,\nfrom CANARY_ATTACK Builders Limited of Dur-\nham, was 1,234,567 pounds for\r\nthe whole of the works at the site.
UTF-8 with a mark | bom.csv | utf-8 | {BOM}Note\n"{S}"\n
upper-case CSV extension | Upper.Csv | utf-8 | a,b\r\n1,"{S}"\r\n
"#;

const ATTRIBUTES: &str = r#"
pivot cache | pivot.xlsx | xl/pivotCache/pivotCacheDefinition1.xml | <pivotCacheDefinition xmlns="x"><cacheFields count="1"><cacheField name="Note"><sharedItems count="1"><s v="{S}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>
pivot records | records.xlsx | xl/pivotCache/pivotCacheRecords1.xml | <pivotCacheRecords xmlns="x" count="1"><r><s v="{S}"/><n v="1234567"/></r></pivotCacheRecords>
input message | prompt.xlsx | xl/worksheets/sheet1.xml | <worksheet xmlns="x"><dataValidations count="1"><dataValidation type="list" showInputMessage="1" promptTitle="Note" prompt="{S}" sqref="A1"><formula1>"Yes,No"</formula1></dataValidation></dataValidations></worksheet>
sheet tab | tabs.xlsx | xl/workbook.xml | <workbook xmlns="x" {NS}><sheets><sheet name="Summary" sheetId="1" r:id="rId1"/><sheet name="{T}" sheetId="2" r:id="rId2"/></sheets></workbook>
"#;

/// What office programs keep in attributes, each shown to anyone who opens the file: a
/// red-team session (4 December 2026) published every one in silence, as Word, Excel,
/// PowerPoint and LibreOffice write them. The gate read a list of attributes known to
/// hold text; a public file's parts are now read attributes and all.
const PROGRAM_ATTRIBUTES: &str = r##"
LibreOffice formula | formula.ods | content.xml | <office:document-content {NS}><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell table:formula="of:=IF([.B2]&gt;100;&quot;{S}&quot;;&quot;&quot;)" office:value-type="string" office:string-value=""/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
LibreOffice validity list | validity.ods | content.xml | <office:document-content {NS}><table:content-validations><table:content-validation table:name="val1" table:condition="of:cell-content-is-in-list(&quot;{S}&quot;)"/></table:content-validations></office:document-content>
LibreOffice named expression | named.ods | content.xml | <office:document-content {NS}><table:named-expressions><table:named-expression table:name="Note" table:expression="of:&quot;{S}&quot;"/></table:named-expressions></office:document-content>
Word drop-down form field | ddlist.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:ddList><w:result w:val="0"/><w:listEntry w:val="To be agreed"/><w:listEntry w:val="{S}"/></w:ddList></w:ffData></w:fldChar></w:r></w:p></w:body></w:document>
Word drop-down content control | dropdown.docx | word/document.xml | <w:document {NS}><w:body><w:sdt><w:sdtPr><w:dropDownList><w:listItem w:displayText="To be agreed" w:value="1"/><w:listItem w:displayText="{S}" w:value="2"/></w:dropDownList></w:sdtPr><w:sdtContent><w:p><w:r><w:t>To be agreed</w:t></w:r></w:p></w:sdtContent></w:sdt></w:body></w:document>
Writer input list | list.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:p><text:drop-down text:name="Option"><text:label text:value="To be agreed"/><text:label text:value="{S}"/>To be agreed</text:drop-down></text:p></office:text></office:body></office:document-content>
WordArt of a compatibility-mode document | wordart.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:r><w:pict><v:shape xmlns:v="v" type="#_x0000_t136"><v:textpath string="{S}"/></v:shape></w:pict></w:r></w:p></w:body></w:document>
Word simple field | simple.docx | word/document.xml | <w:document {NS}><w:body><w:p><w:fldSimple w:instr=" IF 1 = 2 &quot;{S}&quot; &quot;See the report&quot; "><w:r><w:t>See the report</w:t></w:r></w:fldSimple></w:p></w:body></w:document>
Writer conditional text | conditional.odt | content.xml | <office:document-content {NS}><office:body><office:text><text:p><text:conditional-text text:condition="ooow:Exempt == 1" text:string-value-if-true="{S}" text:string-value-if-false="See the report" text:current-value="false">See the report</text:conditional-text></text:p></office:text></office:body></office:document-content>
Excel number format | format.xlsx | xl/styles.xml | <styleSheet xmlns="x"><numFmts count="1"><numFmt numFmtId="164" formatCode="0 &quot;{S}&quot;"/></numFmts></styleSheet>
PowerPoint section name | sections.pptx | ppt/presentation.xml | <p:presentation {NS}><p:extLst><p:ext><p14:sectionLst xmlns:p14="p14"><p14:section name="{S}"/></p14:sectionLst></p:ext></p:extLst></p:presentation>
Word style name | style.docx | word/styles.xml | <w:styles {NS}><w:style w:type="paragraph" w:styleId="Note"><w:name w:val="{S}"/></w:style></w:styles>
"##;

// ------------------------------------------------------------------ files

type Variant = (String, String, Vec<u8>);

fn v(what: &str, name: &str, bytes: impl Into<Vec<u8>>) -> Variant {
    (what.to_string(), name.to_string(), bytes.into())
}

pub(crate) fn zip_with(
    parts: &[(&str, Vec<u8>)],
    method: zip::CompressionMethod,
    large: bool,
) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in parts {
        zip.start_file(*name, options.large_file(large)).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let parts: Vec<_> = parts
        .iter()
        .map(|(n, t)| (*n, t.clone().into_bytes()))
        .collect();
    zip_with(&parts, zip::CompressionMethod::Deflated, false)
}

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn word(body: &str) -> String {
    format!(
        "<w:document {NS}><w:body>{}{body}</w:body></w:document>",
        para("Note")
    )
}

fn docx(body: &str, extra: &[(&str, String)]) -> Vec<u8> {
    let mut parts = vec![("word/document.xml", word(body))];
    parts.extend(extra.iter().cloned());
    zip_of(&parts)
}

fn xlsx(text: &str) -> Vec<u8> {
    let cell = format!(r#"<c r="A1" t="inlineStr"><is><t>{text}</t></is></c>"#);
    let sheet = format!(
        r#"<worksheet xmlns="x"><sheetData><row r="1">{cell}</row></sheetData></worksheet>"#
    );
    zip_of(&[("xl/worksheets/sheet1.xml", sheet)])
}

/// The rows of a table, split into their four fields.
fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    let rows = table.lines().filter(|l| !l.trim().is_empty());
    rows.map(|l| l.trim().splitn(4, " | ").collect())
}

/// The variants of a table of office files (see [`WORD`]).
fn office(table: &str) -> Vec<Variant> {
    let fill = |xml: &str| {
        (xml.replace("{NS}", NS).replace("{P}", &para(SECRET)))
            .replace("{S}", SECRET)
            .replace("{T}", TITLE)
    };
    rows(table)
        .map(|f| {
            let mut parts = vec![(f[2], fill(f[3]))];
            if f[1].ends_with(".docx") && f[2] != "word/document.xml" {
                parts.push(("word/document.xml", word("")));
            }
            v(f[0], f[1], zip_of(&parts))
        })
        .collect()
}

/// The variants of a table of text files (see [`TEXT`]).
fn texts(table: &str) -> Vec<Variant> {
    rows(table)
        .map(|f| {
            let text = (f[3].replace("{S}", SECRET).replace("{C}", CAFE))
                .replace("{BOM}", "\u{FEFF}")
                .replace("\\r", "\r")
                .replace("\\n", "\n")
                .replace("\\t", "\t");
            let bytes = match f[2] {
                "utf-8" => text.into_bytes(),
                "utf-16" => utf16(&text, Some([0xFF, 0xFE]), u16::to_le_bytes),
                "utf-16be" => utf16(&text, Some([0xFE, 0xFF]), u16::to_be_bytes),
                "utf-16-bare" => utf16(&text, None, u16::to_le_bytes),
                "windows-1252" => cp1252(&text),
                other => panic!("{other}?"),
            };
            v(f[0], f[1], bytes)
        })
        .collect()
}

fn utf16(text: &str, bom: Option<[u8; 2]>, order: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let units = text.encode_utf16().flat_map(order);
    bom.into_iter().flatten().chain(units).collect()
}

/// Text in Windows-1252 (only the characters these tests use).
fn cp1252(text: &str) -> Vec<u8> {
    let byte = |c: char| match c {
        'é' => 0xE9,
        'ë' => 0xEB,
        '£' => 0xA3,
        '’' => 0x92,
        c if c.is_ascii() => c as u8,
        c => panic!("{c} is not in this table"),
    };
    text.chars().map(byte).collect()
}

// ------------------------------------------------------------------ sites

/// A meeting with a public update linking each of `files` (under `files/`) and a contract
/// report, exempt or not, titled [`TITLE`], holding [`SECRET`] and [`CAFE`].
fn make_site(label: &str, exempt: bool, files: &[(&str, &[u8])]) -> Site {
    let site = Site::new(label);
    let marking = if exempt { "    exempt: [3]\n" } else { "" };
    let items = format!(
        "  - title: Works\n    documents: [update.md]\n  - title: Award\n{marking}    documents: [tender.md]\n"
    );
    meeting(&site, "panel", "2021-09-24", "2021-09-16", &items);
    let tender = format!("## Tenders\n\n{SECRET}\n\n## Lease\n\n{CAFE}\n");
    site.write(&format!("{MEETING}/tender.md"), &paper(TITLE, &tender));
    let links: String = files
        .iter()
        .map(|(n, _)| format!("- [Details](files/{n}).\n"))
        .collect();
    site.write(
        &format!("{MEETING}/update.md"),
        &paper("Progress update", &links),
    );
    for (name, bytes) in files {
        site.write_bytes(&format!("{MEETING}/files/{name}"), bytes);
    }
    site
}

/// The variants the public build lets through, each with the warning it gave. Each is
/// built on its own with the report exempt, and must stop naming its file, never the
/// words. The controls: the members' edition publishes every variant as written, and (if
/// `clean`) so does the public build of the same site with nothing exempt.
fn leaks(label: &str, clean: bool, variants: &[Variant]) -> Vec<String> {
    let files: Vec<(&str, &[u8])> = variants.iter().map(|(_, n, b)| (&n[..], &b[..])).collect();
    let members = make_site(&format!("{label}-members"), true, &files);
    assert_publishes(&members, "confidential", FILES, &files);
    if clean {
        let control = make_site(&format!("{label}-control"), false, &files);
        assert_publishes(&control, "output", FILES, &files);
    }
    let mut leaked = Vec::new();
    for (i, (what, name, bytes)) in variants.iter().enumerate() {
        let site = make_site(&format!("{label}-{i}"), true, &[(name, bytes)]);
        let out = site.build(&[]);
        let err = stderr(&out);
        if out.status.success() {
            let warned = err.lines().find(|l| l.contains("warning:"));
            leaked.push(format!("{what}: {}", warned.unwrap_or("no warning")));
        } else {
            let named = err.contains(&format!("{OUT}/files/{name}"));
            let quiet = !err.contains("CANARY") && !site.out("output").exists();
            assert!(named && quiet, "{what}: {err}");
        }
    }
    leaked
}

/// Every variant stops the public build (a leak found by the red team fails here).
fn assert_held(label: &str, clean: bool, variants: &[Variant]) {
    let leaked = leaks(label, clean, variants);
    assert!(leaked.is_empty(), "LEAK, published:\n{leaked:#?}");
}

// ------------------------------------------------------------------ held

#[test]
fn every_part_of_a_word_file_a_reader_can_open_is_read() {
    assert_held("att-word", true, &office(WORD));
}

#[test]
fn spreadsheet_presentation_opendocument_and_svg_text_is_read() {
    let mut variants = office(OTHERS);
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="20">{S}</text></svg>"#;
    variants.push(v("SVG text", "plan.svg", svg.replace("{S}", SECRET)));
    assert_held("att-others", true, &variants);
}

#[test]
fn office_comments_and_tracked_changes_holding_withheld_words_are_stopped() {
    assert_held("att-hidden", false, &office(HIDDEN));
}

#[test]
fn text_and_csv_as_ordinary_programs_save_them_are_read() {
    let mut variants = texts(TEXT);
    let long = [
        "Words. ".repeat(40_000),
        SECRET.into(),
        " More.".repeat(40_000),
    ]
    .concat();
    variants.push(v("one long line", "long.txt", long));
    assert_held("att-text", true, &variants);
}

#[test]
fn containers_and_encodings_ordinary_programs_write_are_read() {
    use zip::CompressionMethod::{Deflated, Stored};
    let body = word(&para(SECRET));
    let refs: String = SECRET
        .chars()
        .map(|c| format!("&#x{:X};", c as u32))
        .collect();
    let cdata = format!("<w:p><w:r><w:t><![CDATA[{SECRET}]]></w:t></w:r></w:p>");
    let bom = format!("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>{body}");
    let plain = [("word/document.xml", body.clone().into_bytes())];
    let mut streamed = Vec::new();
    let mut zip = zip::ZipWriter::new_stream(&mut streamed);
    let options: zip::write::SimpleFileOptions = Default::default();
    zip.start_file(plain[0].0, options).unwrap();
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap();
    // A Word file in a spreadsheet in a Word file: a chart's workbook holding a note.
    let inner = zip_of(&[("word/document.xml", body.clone())]);
    let book = zip_with(&[("xl/embeddings/Note.docx", inner)], Deflated, false);
    let sheet = "word/embeddings/Microsoft_Excel_Worksheet.xlsx";
    let parts = [(plain[0].0, word("").into()), (sheet, book)];
    let nested = zip_with(&parts, Deflated, false);
    let upper = zip_of(&[("WORD/DOCUMENT.XML", body)]);
    let variants = [
        v("character references", "refs.docx", docx(&para(&refs), &[])),
        v("CDATA", "cdata.docx", docx(&cdata, &[])),
        v("byte order mark", "bom.docx", zip_of(&[(plain[0].0, bom)])),
        v("upper-case names", "upper.docx", upper),
        v("stored", "stored.docx", zip_with(&plain, Stored, false)),
        v("zip64", "zip64.docx", zip_with(&plain, Deflated, true)),
        v("data descriptors", "streamed.docx", streamed),
        v("Word in Excel in Word", "nested.docx", nested),
        v(
            "upper-case extension",
            "UPPER.DOCX",
            docx(&para(SECRET), &[]),
        ),
    ];
    assert_held("att-zip", true, &variants);
}

#[test]
fn an_unreadable_office_file_is_never_passed_in_silence() {
    // 7-Zip can compress an office file with bzip2; the gate's zip reader inflates only
    // deflate. The method of the part is patched to bzip2 (12).
    let plain = [("word/document.xml", word(&para(SECRET)).into_bytes())];
    let mut bytes = zip_with(&plain, zip::CompressionMethod::Stored, false);
    for (sig, offset) in [(b"PK\x03\x04", 8), (b"PK\x01\x02", 10)] {
        let at = bytes.windows(4).position(|w| w == sig).unwrap() + offset;
        bytes[at..at + 2].copy_from_slice(&12u16.to_le_bytes());
    }
    let site = make_site("att-bzip2", true, &[("bzip2.docx", &bytes)]);
    let out = site.build(&[]);
    let err = stderr(&out);
    let warning = format!("warning: {OUT}/files/bzip2.docx: the leak gate could not read");
    let told = !out.status.success() || err.contains(&warning);
    assert!(told && !err.contains("CANARY"), "passed in silence:\n{err}");
    assert_publishes(&site, "confidential", FILES, &[("bzip2.docx", &bytes)]);
}

#[test]
fn an_office_file_shown_as_an_image_is_refused() {
    let bytes = docx(&para(SECRET), &[]);
    let site = make_site("att-image", true, &[("chart.docx", &bytes)]);
    let md = paper("Progress update", "![Chart](files/chart.docx)\n");
    site.write(&format!("{MEETING}/update.md"), &md);
    let out = site.build(&[]);
    let err = stderr(&out);
    let quiet = !err.contains("CANARY") && !site.out("output").exists();
    assert!(
        !out.status.success() && err.contains("chart.docx") && quiet,
        "{err}"
    );
}

/// July's public paper links `costs.xlsx`; two exempt items in September link copies.
fn earlier_copy_site(label: &str, allow: &[&str]) -> Site {
    let site = Site::new(label);
    let panel = site.path().join("content/committees/panel");
    for (rel, file) in [
        ("2021-07-02/july.md", "costs.xlsx"),
        ("2021-09-24/contract.md", "costs.xlsx"),
        ("2021-09-24/lease.md", "costs-again.xlsx"),
    ] {
        let md = paper("Costs", &format!("The [costs](files/{file}).\n"));
        site.write(&format!("content/committees/panel/{rel}"), &md);
        let dir = panel.join(rel).with_file_name("files");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), xlsx(SECRET)).unwrap();
    }
    let item = |title: &str, marking: &str| {
        format!(
            "  - title: {title}\n{marking}    documents: [{}.md]\n",
            title.to_lowercase()
        )
    };
    meeting(
        &site,
        "panel",
        "2021-07-02",
        "2021-06-20",
        &item("July", ""),
    );
    let exempt = "    exempt: [3]\n";
    let items = item("Contract", exempt) + &item("Lease", exempt);
    meeting(&site, "panel", "2021-09-24", "2021-09-16", &items);
    let list: Vec<String> = allow
        .iter()
        .map(|a| format!("\"committees/panel/{a}\""))
        .collect();
    let toml = format!(
        "title = \"Papers\"\ncouncil = \"Test Council\"\nbase_url = \"https://papers.example.gov.uk\"\n\n[leak_gate]\nallow_files = [{}]\n",
        list.join(", ")
    );
    site.write("site.toml", &toml);
    site
}

#[test]
fn allowing_one_earlier_copy_allows_no_other_withheld_file() {
    let public = "committees/panel/2021-07-02/files/costs.xlsx";
    let (september, again) = (
        "2021-09-24/files/costs.xlsx",
        "2021-09-24/files/costs-again.xlsx",
    );
    let refused = |allow: &[&str], named: &str| {
        let site = earlier_copy_site("att-earlier", allow);
        let out = site.build(&[]);
        let err = stderr(&out);
        let file = format!("the withheld file content/committees/panel/{named}");
        let named = err.contains(&file) && err.contains(public) && !err.contains("CANARY");
        assert!(!out.status.success() && named, "{allow:?}:\n{err}");
        assert!(!site.out("output").exists());
    };
    refused(&[], september);
    // The public copy listed instead of the withheld one changes nothing.
    refused(&["2021-07-02/files/costs.xlsx"], september);
    // One withheld copy listed: the other, at another exempt item, still stops the build.
    refused(&[september], again);
    // Both listed (the control): July's file is published, and members have every copy.
    let site = earlier_copy_site("att-earlier-ok", &[september, again]);
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.out("output").join(public).exists());
    assert!(site.build(&["--confidential"]).status.success());
    for f in ["2021-07-02/files/costs.xlsx", september, again] {
        let members = site.out("confidential/committees/panel").join(f);
        assert!(members.exists(), "members lack {f}");
    }
}

#[test]
fn a_withheld_spreadsheet_saved_again_is_caught_without_printing_its_words() {
    let bytes = xlsx(SECRET);
    let again = [&bytes[..], b"saved again"].concat();
    let make = |label: &str, exempt: bool| {
        let site = make_site(label, exempt, &[("costs.xlsx", &again)]);
        let md = paper("Report", "[Evaluation](files/evaluation.xlsx)\n");
        site.write(&format!("{MEETING}/tender.md"), &md);
        let path = site.path().join(MEETING).join("files/evaluation.xlsx");
        std::fs::write(path, &bytes).unwrap();
        site
    };
    let site = make("att-lent", true);
    let out = site.build(&[]);
    let err = stderr(&out);
    // The message names the spreadsheet, where the officer will find the words.
    let source = format!("error: {MEETING}/files/evaluation.xlsx: words withheld");
    let place = format!("would be published in {OUT}/files/costs.xlsx");
    let lower = err.to_lowercase();
    let quiet = !lower.contains("canary") && !lower.contains("builders limited");
    let named = err.contains(&source) && err.contains(&place);
    assert!(!out.status.success() && named && quiet, "{err}");
    assert!(!site.out("output").exists());
    let both = [("costs.xlsx", &again[..]), ("evaluation.xlsx", &bytes[..])];
    assert_publishes(&site, "confidential", FILES, &both);
    assert_publishes(
        &make("att-lent-control", false),
        "output",
        FILES,
        &both[..1],
    );
}

// ------------------------------------------------------------------ leaks found, now held

#[test]
fn text_a_spreadsheet_keeps_in_attributes_is_read() {
    // A pivot table's cache keeps every row of its source, the source sheet deleted or
    // not (a drill-down rebuilds it): councils have published personal data this way.
    // Input messages show when a cell is chosen; sheet names are on the tabs.
    assert_held("att-attr", true, &office(ATTRIBUTES));
}

#[test]
fn what_office_programs_keep_in_attributes_is_read() {
    assert_held("att-programs", true, &office(PROGRAM_ATTRIBUTES));
}

/// A JPEG with an EXIF block (little-endian) of one entry: `tag`, of EXIF type `kind`,
/// holding `value` (written after the block).
fn with_exif(jpeg: &[u8], tag: u16, kind: u16, value: &[u8]) -> Vec<u8> {
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(tag.to_le_bytes());
    tiff.extend(kind.to_le_bytes());
    tiff.extend((value.len() as u32).to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(value);
    let segment = [b"Exif\0\0".as_slice(), &tiff].concat();
    let length = (segment.len() as u16 + 2).to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1], &length, &segment, &jpeg[2..]].concat()
}

/// A 16 by 16 PNG with a packed text chunk: `zTXt`, or `iTXt` with its flag set.
fn png_with(chunk: &str, text: &str) -> Vec<u8> {
    let mut packed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    packed.write_all(text.as_bytes()).expect("packed");
    let packed = packed.finish().expect("packed");
    let data = match chunk {
        "zTXt" => [b"Description\0\0".as_slice(), &packed].concat(),
        _ => [b"Description\0\x01\0en\0\0".as_slice(), &packed].concat(),
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 16, 16);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().expect("a PNG");
    let kind = png::chunk::ChunkType(chunk.as_bytes().try_into().expect("four letters"));
    writer.write_chunk(kind, &data).expect("a text chunk");
    writer.write_image_data(&[90; 16 * 16 * 3]).expect("a PNG");
    writer.finish().expect("a PNG");
    out
}

/// Was a leak (round 15): a photo's properties (Windows' Details tab, or a photo
/// editor's description) holding the exempt words, in a public Word or PowerPoint file
/// or in a public PDF that placed the photo as it was (img2pdf, PyMuPDF). quire drops
/// the metadata of the pictures it publishes, but not of pictures inside other files.
#[test]
fn a_pictures_properties_inside_a_public_file_are_read() {
    use crate::attacks_hidden_in_pdfs::{PAGE, jpeg, pdf};
    use lopdf::{Stream, dictionary};
    let secret16: Vec<u8> = SECRET.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let described = with_exif(&jpeg(3), 0x010E, 2, SECRET.as_bytes());
    let commented = with_exif(&jpeg(4), 0x9C9C, 1, &secret16);
    let placed = described.clone();
    let in_pdf = pdf(PAGE, move |doc| {
        let dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 16, "Height" => 16,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        };
        doc.add_object(Stream::new(dict, placed));
    });
    let in_word = |name: &str, picture: Vec<u8>| {
        let parts = [
            ("word/document.xml", word("").into_bytes()),
            (name, picture),
        ];
        zip_with(&parts, zip::CompressionMethod::Deflated, false)
    };
    let slides = [("ppt/media/image1.png", png_with("zTXt", SECRET))];
    let variants = [
        v(
            "EXIF description",
            "described.docx",
            in_word("word/media/image1.jpeg", described),
        ),
        v(
            "Windows' comments",
            "commented.docx",
            in_word("word/media/image1.jpeg", commented),
        ),
        v(
            "PNG iTXt",
            "itxt.docx",
            in_word("word/media/image1.png", png_with("iTXt", SECRET)),
        ),
        v(
            "PNG zTXt",
            "ztxt.pptx",
            zip_with(&slides, zip::CompressionMethod::Deflated, false),
        ),
        v("photo placed in a PDF", "photo.pdf", in_pdf),
    ];
    assert_held("att-properties", true, &variants);
}

/// Was a leak (round 15): the plan only the exempt report shows, pasted into a public
/// Word file, which writes the picture again: the same pixels, other bytes.
#[test]
fn a_withheld_picture_pasted_into_a_public_word_file_is_refused() {
    let plan = |compression| {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 16, 16);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_compression(compression);
        let mut writer = encoder.write_header().expect("a PNG");
        let pixels: Vec<u8> = (0..16 * 16 * 3).map(|i| (i * 7 % 251) as u8).collect();
        writer.write_image_data(&pixels).expect("a PNG");
        writer.finish().expect("a PNG");
        out
    };
    let (withheld, pasted) = (plan(png::Compression::Fast), plan(png::Compression::High));
    assert_ne!(withheld, pasted, "the paste has other bytes");
    let parts = [
        ("word/document.xml", word("").into_bytes()),
        ("word/media/image1.png", pasted),
    ];
    let docx = zip_with(&parts, zip::CompressionMethod::Deflated, false);
    let files: [(&str, &[u8]); 1] = [("layout.docx", &docx)];
    let with_plan = |label: &str, exempt: bool| {
        let site = make_site(label, exempt, &files);
        let tender = format!("## Tenders\n\n{SECRET}\n\n![The plan](files/plan.png)\n");
        site.write(&format!("{MEETING}/tender.md"), &paper(TITLE, &tender));
        site.write_bytes(&format!("{MEETING}/files/plan.png"), &withheld);
        site
    };
    // The controls: the members' edition publishes it, and so does the public edition
    // when the plan is not withheld.
    assert_publishes(
        &with_plan("att-paste-members", true),
        "confidential",
        FILES,
        &files,
    );
    assert_publishes(
        &with_plan("att-paste-control", false),
        "output",
        FILES,
        &files,
    );
    let site = with_plan("att-paste", true);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "published: {err}");
    assert!(err.contains(&format!("{OUT}/files/layout.docx")), "{err}");
    assert!(err.contains("plan.png"), "{err}");
}

#[test]
fn a_link_address_is_read_as_its_reader_sees_it() {
    // A link to the exempt report where officers keep it: the address spells the
    // withheld title with its spaces as %20, as browsers and SharePoint write it.
    let title = TITLE.replace(' ', "%20");
    let rels = format!(
        r#"<Relationships xmlns="r"><Relationship Id="rId9" Type="h" Target="https://council.sharepoint.com/sites/Property/Shared%20Documents/{title}.docx" TargetMode="External"/></Relationships>"#
    );
    let word = docx("", &[("word/_rels/document.xml.rels", rels.clone())]);
    let excel = zip_of(&[("xl/worksheets/_rels/sheet1.xml.rels", rels)]);
    let variants = [v("Word", "link.docx", word), v("Excel", "link.xlsx", excel)];
    assert_held("att-percent", true, &variants);
}

#[test]
fn text_saved_in_windows_1252_is_read() {
    // Excel's "CSV (Comma delimited)" and Notepad before 2019 save in the Windows code
    // page: "é" is one byte, 0xE9, which is not UTF-8.
    let table = r#"CSV | lease.csv | windows-1252 | Site,Note\r\nPark,"{C}"\r\n
        text | lease.txt | windows-1252 | Lease\r\n\r\n{C}\r\n"#;
    assert_held("att-1252", true, &texts(table));
}

#[test]
fn utf16_without_a_mark_is_read_whatever_its_characters() {
    // SQL Server's bcp -w, and .NET's UnicodeEncoding without a preamble, write UTF-16
    // with no byte order mark; a curly apostrophe (U+2019) has a high byte.
    let table = r#"CSV | export.csv | utf-16-bare | Bidder’s note\r\n"{S}"\r\n"#;
    assert_held("att-utf16", true, &texts(table));
}

#[test]
fn a_csv_cell_with_line_breaks_is_read_as_one_cell() {
    // Text copied from a PDF's table keeps its line breaks; Excel saves the cell quoted,
    // with the breaks inside the quotes. The same cell in an .xlsx is caught.
    let cell = "The lowest tender, from CANARY_ATTACK\nBuilders Limited of Durham, was\n1,234,567 pounds for the whole\nof the works at the\nsite.";
    let csv = format!("Bidder,Note\r\n1,\"{cell}\"\r\n");
    let variants = [
        v("CSV", "cell.csv", csv),
        v("Excel", "cell.xlsx", xlsx(cell)),
    ];
    assert_held("att-cell", true, &variants);
}

/// An OLE compound file (a Word 97 file, an embedded object) whose stream holds `text`
/// as plain bytes, as Word 97 keeps text of the Windows code page.
fn ole(text: &str) -> Vec<u8> {
    let mut out = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    out.resize(0x600, 0);
    out.extend(text.bytes());
    out.resize(0x1000, 0);
    out
}

#[test]
fn a_file_whose_contents_do_not_match_its_extension_is_still_read() {
    // quire refuses .doc, so an officer renames an old Word file .docx to attach it; or
    // saves under the wrong name.
    let variants = [
        v(
            "Word 97 file renamed .docx",
            "old.docx",
            ole(&format!("Note\r{SECRET}\r")),
        ),
        v(
            "plain text named .docx",
            "plain.docx",
            format!("Note\n\n{SECRET}"),
        ),
        v("Word file named .txt", "word.txt", docx(&para(SECRET), &[])),
        v("Excel file named .csv", "sheet.csv", xlsx(SECRET)),
    ];
    assert_held("att-renamed", true, &variants);
}

#[test]
fn what_an_office_file_embeds_that_is_not_an_office_file_is_read() {
    // Dragging a text file (or an email) into Word embeds it as an OLE package holding
    // the file's bytes; a macro-enabled workbook embeds as .xlsm; letters generated from
    // HTML carry "alternative format chunks" that Word shows in the body.
    let package = ole(&format!("\x01\x00Ole10Native\x00notes.txt\x00{SECRET}"));
    let html = format!("<html><body><p>{SECRET}</p></body></html>");
    let with = |name: &str, bytes: Vec<u8>| {
        let parts = [("word/document.xml", word("").into_bytes()), (name, bytes)];
        zip_with(&parts, zip::CompressionMethod::Deflated, false)
    };
    let xlsm = "word/embeddings/Microsoft_Excel_Macro-Enabled_Worksheet.xlsm";
    let variants = [
        v(
            "OLE package",
            "ole.docx",
            with("word/embeddings/oleObject1.bin", package),
        ),
        v(
            "macro-enabled workbook",
            "xlsm.docx",
            with(xlsm, xlsx(SECRET)),
        ),
        v(
            "HTML chunk",
            "chunk.docx",
            with("word/afchunk1.htm", html.into_bytes()),
        ),
    ];
    assert_held("att-embedded", true, &variants);
}

#[test]
fn xml_parts_in_utf16_are_read() {
    // ECMA-376 Part 2 lets a package's XML be UTF-8 or UTF-16, and Office reads both.
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>{}",
        word(&para(SECRET))
    );
    let parts = [(
        "word/document.xml",
        utf16(&xml, Some([0xFF, 0xFE]), u16::to_le_bytes),
    )];
    let docx = zip_with(&parts, zip::CompressionMethod::Deflated, false);
    assert_held("att-xml16", true, &[v("Word body", "utf16.docx", docx)]);
}

#[test]
fn audit_reads_utf16_text_as_the_build_does() {
    // The build stops on this file (held above); a copy put on the server by hand must
    // not pass the audit.
    let site = make_site("att-audit16", true, &[]);
    assert!(site.build(&[]).status.success());
    let audit = || {
        let args = ["audit", "--as-of", AS_OF, "--root"];
        let out = quire()
            .args(args)
            .arg(site.path())
            .arg(site.out("output"))
            .output();
        out.unwrap()
    };
    assert!(audit().status.success(), "{}", stderr(&audit()));
    let csv = texts(r"CSV | bids.csv | utf-16 | Bidder\tNote\r\n1\t{S}\r\n")
        .remove(0)
        .2;
    std::fs::write(site.out("output").join("bids.csv"), csv).unwrap();
    let found = audit();
    let err = stderr(&found);
    let named = err.contains("bids.csv") && !err.contains("CANARY");
    assert!(
        found.status.code() == Some(1) && named,
        "LEAK: the audit passes it:\n{err}"
    );
}

/// `text` as a browser or a PDF writer puts it in an address: every byte but a letter or
/// a digit written `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A one-page PDF whose page has a link to `uri`.
fn pdf_with_link(uri: &str) -> Vec<u8> {
    use lopdf::{Object, dictionary};
    pdf_with_action(dictionary! { "S" => "URI", "URI" => Object::string_literal(uri) })
}

/// A one-page PDF whose page has a link (a button) that does `action` when clicked.
fn pdf_with_action(action: lopdf::Dictionary) -> Vec<u8> {
    use lopdf::{Document, dictionary};
    let mut doc = Document::load_mem(&crate::common::pdf_with_text("Email the clerk")).unwrap();
    let link = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link",
        "Rect" => vec![72.into(), 710.into(), 300.into(), 730.into()],
        "A" => action,
    });
    let page = *doc.get_pages().values().next().unwrap();
    let page = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    page.set("Annots", vec![link.into()]);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Was a leak (round 17): a link that opens an e-mail with the exempt words as its body,
/// `%`-escaped as every PDF writer and web page stores an address. Its reader sees the
/// words; the gate read "The%20lowest%20tender" as other words.
#[test]
fn an_address_is_read_with_its_escapes_undone() {
    let mailto = format!(
        "mailto:clerk@example.gov.uk?subject=Depot&body={}",
        percent_encoded(SECRET)
    );
    let drawing = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="{}"><text x="1" y="20">Email the clerk</text></a></svg>"#,
        mailto.replace('&', "&amp;")
    );
    let variants = [
        v("a PDF's link", "contact.pdf", pdf_with_link(&mailto)),
        v("a drawing's link", "contact.svg", drawing),
    ];
    assert_held("att-escaped", true, &variants);
}

/// Was a leak (round 18): an "Email the clerk" button whose script fills in an e-mail
/// with the exempt words, its spaces written `\x20` or `\u0020` as a script may.
#[test]
fn a_scripts_escaped_message_in_a_public_pdf_is_read() {
    use lopdf::{Object, dictionary};
    let button = |escape: &str| {
        let message = SECRET.replace(' ', escape);
        let script = format!(
            "this.mailDoc({{bUI: true, cTo: \"clerk@example.gov.uk\", cMsg: \"{message}\"}});"
        );
        pdf_with_action(dictionary! { "S" => "JavaScript", "JS" => Object::string_literal(script) })
    };
    let variants = [
        v("\\x20", "button-x.pdf", button("\\x20")),
        v("\\u0020", "button-u.pdf", button("\\u0020")),
    ];
    assert_held("att-script", true, &variants);
}

/// Was a leak (round 17): the same link written in a public report's Markdown, published
/// in the page's address and the pack's link. The control: the same report publishes it
/// when nothing is exempt.
#[test]
fn an_escaped_address_in_a_public_report_is_refused() {
    let mailto = format!(
        "mailto:clerk@example.gov.uk?subject=Depot&body={}",
        percent_encoded(SECRET)
    );
    let report = format!("The works are on programme. [Email the clerk]({mailto}) about it.\n");
    let with_link = |label: &str, exempt: bool| {
        let site = make_site(label, exempt, &[]);
        site.write(
            &format!("{MEETING}/update.md"),
            &paper("Progress update", &report),
        );
        site
    };
    let control = with_link("att-escaped-md-control", false);
    let out = control.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(control.out("output").join(OUT).join("update/index.html"))
        .expect("the report's page");
    assert!(page.contains("body=The%20lowest%20tender"), "{page}");
    let site = with_link("att-escaped-md", true);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "published: {err}");
    assert!(err.contains(&format!("{OUT}/update/")), "{err}");
    assert!(!err.contains("CANARY"), "{err}");
    assert!(!site.out("output").exists());
}

/// An enhanced metafile drawing `text` as Word keeps a table pasted as a picture: its
/// header record (" EMF" at byte 40), one `EMR_EXTTEXTOUTW` record in UTF-16, its end.
fn metafile(text: &str) -> Vec<u8> {
    let record = |kind: u32, body: &[u8]| {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend(((body.len() + 8) as u32).to_le_bytes());
        r.extend(body);
        r
    };
    let mut header = vec![0u8; 80];
    header[32..36].copy_from_slice(b" EMF");
    let mut draw = vec![0u8; 68];
    draw.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    [record(1, &header), record(84, &draw), record(14, &[0; 12])].concat()
}

/// An enhanced metafile drawing `text` a word at a time, one `EMR_EXTTEXTOUTW` record
/// each, its characters' count at byte 44 and their place at byte 48 of the record.
fn metafile_by_words(text: &str) -> Vec<u8> {
    let mut header = 1u32.to_le_bytes().to_vec();
    header.extend(88u32.to_le_bytes());
    header.resize(88, 0);
    header[40..44].copy_from_slice(b" EMF");
    let mut out = header;
    for word in text.split(' ') {
        let wide: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut record = vec![0u8; 76];
        record[0..4].copy_from_slice(&84u32.to_le_bytes());
        record[44..48].copy_from_slice(&(word.encode_utf16().count() as u32).to_le_bytes());
        record[48..52].copy_from_slice(&76u32.to_le_bytes());
        record.extend(wide);
        record.resize(record.len().div_ceil(4) * 4, 0);
        let size = record.len() as u32;
        record[4..8].copy_from_slice(&size.to_le_bytes());
        out.extend(record);
    }
    out.extend(14u32.to_le_bytes());
    out.extend(20u32.to_le_bytes());
    out.extend([0u8; 12]);
    out
}

/// Were leaks (round 18): the exempt words drawn in a metafile a word at a time (each
/// word found, never a phrase), the metafile kept compressed (`.emz`) in a Word file,
/// and the metafile attached to a public PDF.
#[test]
fn text_drawn_in_a_metafile_a_word_at_a_time_compressed_or_attached_is_read() {
    use std::io::Write as _;
    let drawn = metafile_by_words(SECRET);
    let in_word = |name: &str, bytes: Vec<u8>| {
        let parts = [("word/document.xml", word("").into_bytes()), (name, bytes)];
        zip_with(&parts, zip::CompressionMethod::Deflated, false)
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&drawn).unwrap();
    let emz = gz.finish().unwrap();
    let mut pdf =
        lopdf::Document::load_mem(&crate::common::pdf_with_text("Schedule of works")).unwrap();
    crate::attacks_hidden_in_pdfs::attach(&mut pdf, "table.emf", drawn.clone());
    let mut attached = Vec::new();
    pdf.save_to(&mut attached).unwrap();
    let variants = [
        v(
            "a word a record",
            "words.docx",
            in_word("word/media/image1.emf", drawn),
        ),
        v(
            "compressed",
            "emz.docx",
            in_word("word/media/image1.emz", emz),
        ),
        v("attached to a PDF", "schedule.pdf", attached),
    ];
    assert_held("att-emf-records", true, &variants);
}

/// Was a leak (round 17): part of the exempt evaluation pasted into a public Word file
/// as a picture (Paste Special, Enhanced Metafile), whose text is drawn from UTF-16
/// records that the gate did not read.
#[test]
fn text_drawn_in_a_metafile_inside_a_public_word_file_is_read() {
    let parts = [
        ("word/document.xml", word("").into_bytes()),
        ("word/media/image1.emf", metafile(SECRET)),
    ];
    let docx = zip_with(&parts, zip::CompressionMethod::Deflated, false);
    assert_held("att-emf", true, &[v("a metafile", "schedule.docx", docx)]);
}

/// Was a false alarm (round 17): an exempt Word file and a public one saved by the same
/// LibreOffice refused the public one, "has these words", for the program's name and
/// version that LibreOffice writes in each file's properties; and (round 18) for the
/// author, the company and a document library's column they share. The control: the
/// public file with a sentence of the exempt one in its text is refused.
#[test]
fn files_saved_by_the_same_program_do_not_refuse_each_other() {
    let app = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template></Template><TotalTime>0</TotalTime><Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application><AppVersion>15.0000</AppVersion><Company>Test Borough Council Democratic Services</Company><Pages>1</Pages><Words>19</Words><Characters>98</Characters><CharactersWithSpaces>116</CharactersWithSpaces><Paragraphs>1</Paragraphs></Properties>"#;
    let core = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2021-09-10T10:04:31Z</dcterms:created><dc:creator>Smith, Jane (Democratic Services)</dc:creator><cp:lastModifiedBy>Smith, Jane (Democratic Services)</cp:lastModifiedBy><dc:language>en-GB</dc:language><dcterms:modified xsi:type="dcterms:W3CDTF">2021-09-10T10:04:31Z</dcterms:modified><cp:revision>1</cp:revision></cp:coreProperties>"#;
    // A document library's column, as SharePoint writes it in every file it keeps.
    let custom = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Directorate"><vt:lpwstr>Children and Young People's Services</vt:lpwstr></property></Properties>"#;
    let saved = |text: &str| {
        docx(
            &para(text),
            &[
                ("docProps/app.xml", app.to_string()),
                ("docProps/core.xml", core.to_string()),
                ("docProps/custom.xml", custom.to_string()),
            ],
        )
    };
    let evaluation = saved(SECRET);
    let with_files = |label: &str, public: &[u8]| {
        let site = make_site(label, true, &[("schedule.docx", public)]);
        let tender = format!(
            "## Tenders\n\n{SECRET}\n\nThe [evaluation](files/evaluation.docx) is attached.\n"
        );
        site.write(&format!("{MEETING}/tender.md"), &paper(TITLE, &tender));
        site.write_bytes(&format!("{MEETING}/files/evaluation.docx"), &evaluation);
        site
    };
    let schedule = saved("The works are on programme and the depot will reopen in the spring.");
    let site = with_files("att-same-program", &schedule);
    assert_publishes(&site, "output", FILES, &[("schedule.docx", &schedule)]);
    let copied = saved("The lowest tender, from CANARY_ATTACK Builders Limited of Durham, was");
    let site = with_files("att-same-program-control", &copied);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "published: {err}");
    assert!(err.contains(&format!("{OUT}/files/schedule.docx")), "{err}");
}
