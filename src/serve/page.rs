//! What serve adds to the pages it serves, and never to the built site: the script that
//! reloads the page after a rebuild, and the overlay that shows a failed build.

/// The address of the reload events.
pub const EVENTS: &str = "/__quire/events";

/// What a served page needs to know about the server's state.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The failed build's message, shown over the last good build.
    pub error: Option<String>,
    /// The build the page comes from: the reload script asks for events after it.
    pub generation: u64,
    pub confidential: bool,
    /// The built site's 404.html, if it has one.
    pub not_found_page: Option<Vec<u8>>,
}

/// The content type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

/// A page as served: the overlay (while a build fails) straight after `<body>`, and
/// the reload script before `</body>`. Without JavaScript the page works as built.
pub fn inject(html: &[u8], state: &State) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let script = format!(
        "<script>(function(){{if(!window.EventSource)return;var s=new EventSource(\"{EVENTS}?since={}\");\
         s.addEventListener(\"reload\",function(){{s.close();location.reload();}});}})();</script>\n",
        state.generation
    );
    let overlay = state.error.as_deref().map(overlay).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + script.len() + overlay.len());
    let lower = text.to_ascii_lowercase();
    let body_open = lower
        .find("<body")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1));
    let body_close = lower.rfind("</body>");
    match (body_open, body_close) {
        (Some(open), Some(close)) if open <= close => {
            out.push_str(&text[..open]);
            out.push_str(&overlay);
            out.push_str(&text[open..close]);
            out.push_str(&script);
            out.push_str(&text[close..]);
        }
        _ => {
            out.push_str(&overlay);
            out.push_str(&text);
            out.push_str(&script);
        }
    }
    out.into_bytes()
}

/// The overlay that shows a failed build: the terminal's message, escaped.
pub fn overlay(message: &str) -> String {
    format!(
        "<div id=\"quire-overlay\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;\
         background:#fff;color:#0b0c0c;border:5px solid #d4351c;padding:16px;font:16px/1.4 sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.4)\">\
         <h2 style=\"margin:0 0 8px;font-size:24px\">quire could not build the site</h2>\
         <p style=\"margin:0 0 8px\">This is the last good build. Fix the problem below and save the file: the page reloads by itself. \
         Only you can see this message.</p>\
         <pre style=\"white-space:pre-wrap;margin:0 0 8px;font:15px/1.4 monospace\">{}</pre>\
         <button type=\"button\" onclick=\"this.parentNode.remove()\">Hide this message</button></div>\n",
        escape(message)
    )
}

/// The page for a path that is not in the build: the site's own 404 page, or a plain one.
pub fn not_found(state: &State) -> Vec<u8> {
    let page = match &state.not_found_page {
        Some(p) => p.clone(),
        None => {
            let banner = if state.confidential {
                "<p><strong>Members' edition: NOT FOR PUBLICATION.</strong></p>"
            } else {
                ""
            };
            format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Page not found</title></head>\n\
                 <body>\n{banner}<main>\n<h1>Page not found</h1>\n<p>There is no page at this address in the site being served.</p>\n\
                 <p><a href=\"/\">Go to the home page</a></p>\n</main>\n</body>\n</html>\n"
            )
            .into_bytes()
        }
    };
    inject(&page, state)
}

/// Text made safe to place in HTML: the one escaper the site's pages use.
pub use crate::render::html::highlight::escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body_and_the_overlay_after_its_start() {
        let state = State {
            error: Some("error: a.yaml:1: <bad> & \"worse\"".into()),
            generation: 7,
            ..State::default()
        };
        let out = String::from_utf8(inject(
            b"<html><body class=\"x\"><p>Hi</p></body></html>",
            &state,
        ))
        .unwrap();
        let overlay = out.find("role=\"alert\"").unwrap();
        assert!(out.find("<body class=\"x\">").unwrap() < overlay);
        assert!(overlay < out.find("<p>Hi</p>").unwrap());
        assert!(out.contains("&lt;bad&gt; &amp; &quot;worse&quot;"));
        assert!(!out.contains("<bad>"));
        assert!(out.contains("/__quire/events?since=7"));
        assert!(out.find("<script>").unwrap() < out.find("</body>").unwrap());
    }

    #[test]
    fn a_good_build_has_no_overlay() {
        let out = String::from_utf8(inject(b"<body></body>", &State::default())).unwrap();
        assert!(!out.contains("quire-overlay"));
        assert!(out.contains("EventSource"));
    }
}
