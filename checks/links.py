#!/usr/bin/env python3
"""No broken internal link, anchor or asset anywhere in the built site.

    python3 checks/links.py [--site output] [--base-url URL] [--site-toml site.toml]

Reads every file of the site and follows each reference that stays inside the site:
root-relative (`/committees/`), relative (`../x.css`) and absolute ones on the site's
own base_url (from site.toml), which feeds and the sitemap use. Sources of references:

  HTML  href, src, srcset, poster, data, action, meta refresh, and inline style url()
  CSS   url(...) and @import
  XML   (sitemap, Atom feed) loc text, href attributes, and links in escaped HTML content
  JSON  (search index) string values under url/href/link/path-like keys
  ICS   URL: properties
  PDF   link annotations (URI actions) and named destinations of GoTo actions

A URL ending in `/` means that folder's index.html. A `#fragment` must name an `id`
(or an `<a name>`) in the target page; `#` and `#top` always work.
External links are counted, not fetched (no network in CI).
"""

import argparse
import html
import json
import os
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {
    "a": ["href"], "area": ["href"], "link": ["href"], "script": ["src"], "img": ["src", "srcset"],
    "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"], "track": ["src"],
    "iframe": ["src"], "embed": ["src"], "object": ["data"], "form": ["action"],
    "input": ["src"], "use": ["href", "xlink:href"], "image": ["href", "xlink:href"],
    "blockquote": ["cite"], "q": ["cite"], "ins": ["cite"], "del": ["cite"],
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
JSON_URL_KEY = re.compile(r"(url|href|link|path|permalink|uri|src)$", re.I)


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.refs = []  # (url, what)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in LINK_ATTRS.get(tag, []):
            v = a.get(attr)
            if v is None:
                continue
            if attr == "srcset":
                for part in v.split(","):
                    part = part.strip()
                    if part:
                        self.refs.append((part.split()[0], f"<{tag} srcset>"))
            else:
                self.refs.append((v.strip(), f"<{tag} {attr}>"))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", a.get("content") or "", re.I)
            if m:
                self.refs.append((m.group(1).strip(), "<meta refresh>"))
        if tag == "meta" and (a.get("property") or "") in ("og:url", "og:image"):
            self.refs.append(((a.get("content") or "").strip(), f"<meta {a['property']}>"))
        if a.get("style"):
            for m in CSS_URL.finditer(a["style"]):
                self.refs.append(((m.group(2) or m.group(4)).strip(), f"<{tag} style>"))

    handle_startendtag = handle_starttag


class Site:
    def __init__(self, root, base_url):
        self.root = os.path.abspath(root)
        base = urlsplit(base_url) if base_url else None
        self.base_netloc = base.netloc.lower() if base else None
        self.base_scheme_ok = {"http", "https"}
        self.base_path = (base.path.rstrip("/") if base else "")
        self._ids = {}

    def to_file(self, path):
        """The file a URL path names, or None. `path` is decoded and root-relative."""
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path):]
        rel = os.path.normpath(path.lstrip("/")) if path.strip("/") else "."
        if rel.startswith(".."):
            return None
        full = os.path.join(self.root, rel)
        if path.endswith("/") or rel == ".":
            full = os.path.join(full, "index.html")
            return full if os.path.isfile(full) else None
        if os.path.isfile(full):
            return full
        if os.path.isdir(full) and os.path.isfile(os.path.join(full, "index.html")):
            return os.path.join(full, "index.html")  # a folder URL without its slash: redirected
        return None

    def ids(self, file):
        if file not in self._ids:
            p = PageParser()
            with open(file, encoding="utf-8", errors="replace") as f:
                p.feed(f.read())
            self._ids[file] = p.ids
        return self._ids[file]

    def page_url(self, file):
        rel = os.path.relpath(file, self.root).replace(os.sep, "/")
        if rel == "index.html":
            return "/"
        if rel.endswith("/index.html"):
            return "/" + rel[: -len("index.html")]
        return "/" + rel

    def internal(self, ref, base):
        """(path, fragment) of a reference inside the site, or None for an external one."""
        if not ref or ref.startswith(("mailto:", "tel:", "data:", "javascript:", "sms:")):
            return None
        url = urlsplit(urljoin("http://quire.invalid" + base, ref))
        if url.netloc == "quire.invalid":
            return unquote(url.path), unquote(url.fragment)
        if url.scheme in self.base_scheme_ok and self.base_netloc and url.netloc.lower() == self.base_netloc:
            return unquote(url.path) or "/", unquote(url.fragment)
        return None


def html_refs(text):
    p = PageParser()
    p.feed(text)
    return p.refs


def refs_of(site, file):
    """[(reference, what, base URL path)] found in one file of the site."""
    base = site.page_url(file)
    ext = os.path.splitext(file)[1].lower()
    out = []
    if ext in (".html", ".htm"):
        with open(file, encoding="utf-8", errors="replace") as f:
            out += [(r, w, base) for r, w in html_refs(f.read())]
    elif ext == ".css":
        with open(file, encoding="utf-8", errors="replace") as f:
            for m in CSS_URL.finditer(f.read()):
                out.append(((m.group(2) or m.group(4)).strip(), "css url()", base))
    elif ext in (".xml", ".atom", ".rss"):
        tree = ET.parse(file)
        for el in tree.iter():
            tag = el.tag.split("}")[-1]
            for k, v in el.attrib.items():
                if k.split("}")[-1] == "href":
                    out.append((v.strip(), f"<{tag} href>", base))
            if tag in ("loc", "link") and el.text and el.text.strip():
                out.append((el.text.strip(), f"<{tag}>", base))
            if tag in ("content", "summary", "description") and el.text and "<" in el.text:
                out += [(r, f"<{tag}> html {w}", base) for r, w in html_refs(el.text)]
    elif ext == ".json":
        with open(file, encoding="utf-8") as f:
            data = json.load(f)

        def walk(v, key=""):
            if isinstance(v, dict):
                for k, x in v.items():
                    walk(x, k)
            elif isinstance(v, list):
                for x in v:
                    walk(x, key)
            elif isinstance(v, str) and JSON_URL_KEY.search(key) and (v.startswith("/") or "://" in v):
                out.append((v.strip(), f"json {key}", base))
        walk(data)
    elif ext == ".ics":
        with open(file, encoding="utf-8", errors="replace") as f:
            unfolded = re.sub(r"\r?\n[ \t]", "", f.read())
        for m in re.finditer(r"^URL(?:;[^:]*)?:(.+)$", unfolded, re.M):
            out.append((m.group(1).strip(), "ics URL", base))
    elif ext == ".pdf":
        out += pdf_refs(file, base)
    return out


def pdf_refs(file, base):
    try:
        import pikepdf
    except ImportError:
        return [("", "pdf (pikepdf missing: pip install pikepdf)", base)]
    out = []
    with pikepdf.open(file) as pdf:
        names = set()
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            names = {str(k) for k, _ in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        if "/Dests" in pdf.Root:
            names |= {str(k)[1:] for k in pdf.Root.Dests.keys()}
        for n, page in enumerate(pdf.pages, 1):
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                action = annot.get("/A")
                dest = annot.get("/Dest")
                if action is not None and action.get("/S") == "/URI":
                    out.append((str(action.URI), f"pdf link on page {n}", base))
                elif action is not None and action.get("/S") == "/GoTo":
                    dest = action.get("/D")
                if dest is not None and isinstance(dest, (pikepdf.String, pikepdf.Name)):
                    name = str(dest).lstrip("/")
                    if name not in names:
                        out.append(("pdf-dest:" + name, f"pdf link on page {n}", base))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", default="output")
    ap.add_argument("--base-url", default=None)
    ap.add_argument("--site-toml", default="site.toml")
    args = ap.parse_args()

    base_url = args.base_url
    if base_url is None and os.path.isfile(args.site_toml):
        with open(args.site_toml, "rb") as f:
            base_url = tomllib.load(f).get("base_url")
    if not os.path.isfile(os.path.join(args.site, "index.html")):
        print(f"links: no site at {args.site}/ (build it first)")
        return 1
    site = Site(args.site, base_url)

    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(site.root) for f in fs)
    broken, internal, anchors, external = [], 0, 0, 0
    for file in files:
        rel = os.path.relpath(file, site.root)
        try:
            refs = refs_of(site, file)
        except Exception as e:  # a file that does not parse is broken too
            broken.append(f"{rel}: cannot read: {e}")
            continue
        for ref, what, base in refs:
            if what.startswith("pdf (pikepdf"):
                broken.append(f"{rel}: {what}")
                continue
            if ref.startswith("pdf-dest:"):
                internal += 1
                broken.append(f"{rel}: {what}: named destination {ref[9:]!r} is not in the PDF")
                continue
            target = site.internal(ref, base)
            if target is None:
                external += 1
                continue
            internal += 1
            path, frag = target
            file_to = site.to_file(path)
            if file_to is None:
                broken.append(f"{rel}: {what} {ref!r}: no such file in the site")
                continue
            if frag and frag != "top" and file_to.endswith(".html") and not frag.startswith(":~:"):
                anchors += 1
                if frag not in site.ids(file_to):
                    broken.append(f"{rel}: {what} {ref!r}: no id {frag!r} in {os.path.relpath(file_to, site.root)}")
    for b in broken:
        print("FAIL " + b)
    print(f"links: {len(files)} files, {internal} internal links ({anchors} with anchors), "
          f"{external} external not fetched, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
