//! PDF appendices a screen reader cannot read. Members and the public get these files as
//! they are, so officers must hear about them before publishing.

use super::Lines;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Body, Library};
use crate::pdftext;

pub fn check(lib: &Library, lines: &mut Lines, diags: &mut Diagnostics) {
    for doc in &lib.documents {
        let Body::Pdf { path, .. } = &doc.body else {
            continue;
        };
        let name = crate::load::file_name(path);
        let line = lines.find(&doc.rel, None, &name);
        let mut warn = |code: &'static str, message: String, hint: &str| {
            diags.push(
                Diagnostic::warning(&doc.rel, line, format!("the PDF {name} {message}"))
                    .code(code)
                    .hint(hint),
            );
        };
        let Some(pdf) = crate::load::read_bytes(path)
            .ok()
            .and_then(|b| pdftext::load(&b).ok())
        else {
            // The build reports a PDF it cannot read.
            continue;
        };
        let words = pdftext::page_text(&pdf).unwrap_or_default();
        if words.trim().is_empty() {
            warn(
                "pdf-no-text",
                "has no text a screen reader can read (a scan or an image)".into(),
                "export it again from the program it was written in, or run text recognition (OCR) on the scan and check the result",
            );
        }
        if !pdftext::is_tagged(&pdf) {
            warn(
                "pdf-untagged",
                "is not tagged, so screen readers cannot tell its headings, lists and tables apart"
                    .into(),
                "export it with \"tagged PDF\" (or \"accessibility\") switched on; in Word: File, Save as PDF, Options, Document structure tags",
            );
        }
        if pdftext::title(&pdf).is_none() {
            warn(
                "pdf-no-title",
                "has no title in its properties, so screen readers announce its file name".into(),
                "set the title in the program's document properties before exporting (in Word: File, Info, Title)",
            );
        }
        let missing: Vec<String> = pdftext::fonts(&pdf)
            .into_iter()
            .filter(|(_, embedded)| !embedded)
            .map(|(name, _)| name)
            .collect();
        if !missing.is_empty() {
            warn(
                "pdf-fonts-not-embedded",
                format!(
                    "does not embed the font{} {}",
                    if missing.len() == 1 { "" } else { "s" },
                    crate::text::and_list(&missing)
                ),
                "export it with fonts embedded (PDF/A or \"embed fonts\"), so it looks and reads the same on every device",
            );
        }
    }
}
