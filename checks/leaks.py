#!/usr/bin/env python3
"""Leak scan: no exempt, draft or unpublished text of the site reaches the public build.

    python3 checks/leaks.py --as-of 2026-11-22 [--content content] [--public output]
                            [--confidential confidential] [--list]

The secret texts come from the sources, read here with PyYAML and independently of the
Rust code (the authoring spec: ../shared/spec/authoring.md):

  * an item with an `exempt:` that has not lapsed (`until` absent or after --as-of), and
    its sub-items: its `title` when it has a `public_title`, its `body`, and every
    document it lists (Markdown documents and `{file: ...}` appendices);
  * a document whose own front matter has an unlapsed `exempt:` or `draft: true`;
  * a `{file: ...}` entry with an unlapsed `exempt:` of its own;
  * the `reason:` of every exempt map, lapsed or not (it is confidential-build only);
    the confidential build must show it while the exemption holds;
  * the papers of a meeting whose `agenda_published` is after --as-of (not yet published).

Each secret text becomes probes: every sentence (or table row, alt text, title) long
enough to be distinctive, normalised to lower-case letters and digits only, so that
Markdown, HTML tags and entities, smart punctuation, hyphenation and line breaks in PDFs
do not matter. A probe that also occurs in the public sources is not distinctive and is
dropped (reported). Files (appendices, images) referenced only by secret matter are
checked by path and by SHA-256 instead.

Every file of each build is scanned: HTML, XML, JSON, ICS and other text (entities
unescaped, tags stripped, JSON strings decoded); gzip, brotli and zstd files after
decompressing (the search index's fragments, filters and meta are gzip: fragments are
read as JSON, the others as CBOR strings; the index is in shards, pagefind/ and
pagefind/<year>/, all walked, and pagefind/quire.json lists them as JSON); PDFs through pdftotext and through every string and decompressed stream
that pikepdf finds; any other file as raw bytes.

Zero probes may be found in the public build. In the confidential build every exempt,
draft and reason probe must be found (the positive control that proves the probes are real); the
text of lapsed exemptions must be found in the public build (the control for that side).
"""

import argparse
import datetime as dt
import gzip
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field

import yaml

MIN_WORDS = 6
MIN_CHARS = 25

# ------------------------------------------------------------------ normalising


def norm(text):
    """Lower-case letters and digits only: what survives any rendering."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def words(text):
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text))


TAG = re.compile(r"<[^>]*>")
COMMENT = re.compile(r"<!--.*?-->", re.S)


def strip_markdown_inline(s):
    s = COMMENT.sub(" ", s)
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", " ", s)  # images: alt text is probed on its own
    s = re.sub(r"\[\^[^\]]+\]", " \x00 ", s)  # footnote references break a sentence
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)  # links
    s = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", s)  # reference links
    s = re.sub(r"<(https?://[^>]+)>", r"\1", s)  # autolinks
    s = TAG.sub(" ", s)
    s = re.sub(r"\{[#.][^}]*\}\s*$", "", s)  # heading attributes
    return s


LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)]|\(?[a-zA-Z]{1,4}\)|[a-z][.])\s+")
LABEL = re.compile(r"^\s*(\*\*|__)[^*_]{1,40}?\1\s*")


def md_chunks(md):
    """Pieces of a Markdown body that render as separate runs of text."""
    md = COMMENT.sub("\n", md)
    chunks = []
    for alt in re.findall(r"!\[([^\]]+)\]\([^)]*\)", md):
        chunks.append(("alt", alt))
    md = re.sub(r"^\s*\[[^\]^]+\]:\s+\S+.*$", "", md, flags=re.M)  # link definitions
    para = []

    def flush():
        if para:
            chunks.append(("text", " ".join(para)))
            para.clear()

    for line in md.splitlines():
        raw = line.strip()
        if not raw or raw.startswith(("```", "~~~")) or re.fullmatch(r"[-*_=\s]{3,}", raw):
            flush()
            continue
        if raw.startswith("|") or (raw.count("|") >= 2 and not raw.startswith(">")):
            flush()
            if re.fullmatch(r"[|:\-\s]+", raw):
                continue
            cells = [strip_markdown_inline(c) for c in raw.strip("|").split("|")]
            chunks.append(("row", " ".join(cells)))
            for c in cells:
                chunks.append(("text", c))
            continue
        raw = re.sub(r"^(>\s*)+", "", raw)
        raw = re.sub(r"^\[\^[^\]]+\]:\s*", "", raw)  # footnote definition
        if raw.startswith("#"):
            flush()
            chunks.append(("text", raw.lstrip("#").strip()))
            continue
        if LIST_MARKER.match(raw):
            flush()
            raw = LIST_MARKER.sub("", raw)
        para.append(raw)
    flush()
    return chunks


SENTENCE_END = re.compile(r"(?<=[.!?…:;])[\"'’”)\]]*\s+|\x00")


def probes_from_text(text, kind="text"):
    """Distinctive normalised strings from one run of text."""
    if kind == "alt":
        return [text] if len(words(text)) >= MIN_WORDS else []
    if kind == "row":
        return [text] if len(words(text)) >= 3 and len(norm(text)) >= 15 else []
    text = strip_markdown_inline(text)
    text = LABEL.sub("", text)  # "**Resolved:**" and similar labels may be restyled
    out = []
    for sentence in SENTENCE_END.split(text):
        sentence = LIST_MARKER.sub("", sentence.strip())
        if len(words(sentence)) >= MIN_WORDS and len(norm(sentence)) >= MIN_CHARS:
            out.append(sentence)
    return out


# ------------------------------------------------------------------ sources


def as_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        return dt.date.fromisoformat(v.strip())
    return None


@dataclass
class Exempt:
    paragraphs: list
    until: object = None
    reason: str = None


def parse_exempt(v):
    if v is None or v is False:
        return None
    if isinstance(v, list):
        return Exempt(v)
    if isinstance(v, int):
        return Exempt([v])
    if isinstance(v, dict):
        return Exempt(v.get("paragraphs", []), as_date(v.get("until")), v.get("reason"))
    raise ValueError(f"cannot read exempt: {v!r}")


def unlapsed(ex, as_of):
    return ex is not None and (ex.until is None or ex.until > as_of)


def reason_category(ex, as_of):
    """A reason is never public; the confidential build shows it while the exemption holds."""
    return "reason" if unlapsed(ex, as_of) else "lapsed-reason"


def read_md(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"^---\r?\n(.*?)\r?\n---\r?\n?", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]


@dataclass
class Secret:
    label: str  # where it comes from, for the report
    category: str  # exempt | draft | reason | lapsed-reason | unpublished | lapsed | public
    text: str
    short: bool = False  # a title: probed whole, with public look-alikes masked
    kind: str = "text"  # text | row | alt (see md_chunks)


@dataclass
class Sources:
    secrets: list = field(default_factory=list)  # Secret
    public: list = field(default_factory=list)  # Secret with category public or lapsed
    public_short: list = field(default_factory=list)  # public titles and names, for masking
    secret_files: dict = field(default_factory=dict)  # content path -> (label, category, output rel path)
    secret_pages: dict = field(default_factory=dict)  # output rel folder -> (label, category)
    notes: list = field(default_factory=list)

    def add_markdown(self, label, category, body):
        """A Markdown body, as secret or public chunks."""
        target = self.public if category in ("public", "lapsed") else self.secrets
        for kind, chunk in md_chunks(body):
            target.append(Secret(f"{label} {kind}", category, chunk, kind=kind))


FIRST = ("exempt", "draft", "unpublished")  # when several apply, the strictest names it


def load_sources(content, as_of):
    """Read content/ and sort its texts into secret and public."""
    src = Sources()
    content = os.path.abspath(content)
    committees = os.path.join(content, "committees")
    doc_refs = {}  # md path -> [(category of the referring item or None, label, lapsed?)]
    file_refs = {}  # appendix path -> [(category or None, label, title, public_title)]

    def rel(path):
        return os.path.relpath(path, content).replace(os.sep, "/")

    def out_rel(path):
        """Where the output layout puts the page or file made from a content path."""
        r = rel(path)
        if r.startswith("pages/") and r.endswith(".md"):
            r = r[len("pages/"):]
        return r[:-3] + "/" if r.endswith(".md") else r

    def walk_items(items, meeting_dir, mlabel, inherited, prefix=""):
        for n, item in enumerate(items or [], 1):
            label = f"{mlabel} item {prefix}{n} {item.get('title', '')!r}"
            ex = parse_exempt(item.get("exempt"))
            if ex and ex.reason:
                src.secrets.append(Secret(label + " reason", reason_category(ex, as_of), ex.reason))
            cat = inherited or ("exempt" if unlapsed(ex, as_of) else None)
            lapsed = cat is None and ex is not None
            title, ptitle = str(item.get("title", "")), item.get("public_title")
            if (cat == "exempt" and ptitle) or cat == "unpublished":
                src.secrets.append(Secret(label + " title", cat, title, short=True))
            else:
                src.public_short.append(title)
            if ptitle:
                src.public_short.append(ptitle)
            if item.get("body"):
                if cat:
                    src.secrets.append(Secret(label + " body", cat, item["body"]))
                else:
                    src.public.append(Secret(label + " body", "lapsed" if lapsed else "public", item["body"]))
            for d in item.get("documents") or []:
                if isinstance(d, dict) and "file" in d:
                    p = os.path.normpath(os.path.join(meeting_dir, d["file"]))
                    fex = parse_exempt(d.get("exempt"))
                    if fex and fex.reason:
                        src.secrets.append(Secret(f"{label} {d['file']} reason", reason_category(fex, as_of), fex.reason))
                    fcat = cat or ("exempt" if unlapsed(fex, as_of) else None)
                    file_refs.setdefault(p, []).append((fcat, label, d.get("title"), d.get("public_title")))
                elif isinstance(d, str):
                    p = os.path.normpath(os.path.join(meeting_dir, d))
                    doc_refs.setdefault(p, []).append((cat, label, lapsed))
                else:
                    src.notes.append(f"{label}: unrecognised document entry {d!r}")
            walk_items(item.get("items"), meeting_dir, mlabel, cat, prefix=f"{prefix}{n}.")

    meeting_dirs = set()
    for committee in sorted(os.listdir(committees)) if os.path.isdir(committees) else []:
        cdir = os.path.join(committees, committee)
        for meeting in sorted(os.listdir(cdir)) if os.path.isdir(cdir) else []:
            mdir = os.path.join(cdir, meeting)
            myaml = os.path.join(mdir, "meeting.yaml")
            if not os.path.isfile(myaml):
                continue
            meeting_dirs.add(mdir)
            with open(myaml, encoding="utf-8") as f:
                m = yaml.safe_load(f) or {}
            published = as_date(m.get("agenda_published"))
            cat = "unpublished" if published and published > as_of else None
            walk_items(m.get("items"), mdir, f"committees/{committee}/{meeting}", cat)
            minutes = os.path.join(mdir, "minutes.md")
            if os.path.isfile(minutes):  # a meeting's own minutes are on its page
                doc_refs.setdefault(minutes, []).append((cat, f"committees/{committee}/{meeting} own minutes", False))

    # Documents: secret by their own front matter, or by the items that list them.
    doc_cat = {}  # md path -> category or None
    for path, refs in sorted(doc_refs.items()):
        if not os.path.isfile(path):
            src.notes.append(f"{rel(path)}: listed but missing")
            continue
        fm, body = read_md(path)
        ex = parse_exempt(fm.get("exempt"))
        if ex and ex.reason:
            src.secrets.append(Secret(f"{rel(path)} reason", reason_category(ex, as_of), ex.reason))
        cats = [c for c, _, _ in refs]
        own = "draft" if fm.get("draft") is True else "exempt" if unlapsed(ex, as_of) else None
        by_item = next((c for c in ("exempt", "draft") if c in cats), None)
        if by_item is None and all(c == "unpublished" for c in cats):
            by_item = "unpublished"
        if by_item in ("exempt", "draft") and None in cats:
            src.notes.append(f"{rel(path)}: listed by an exempt item and by a public one; treated as exempt")
        cat = own or by_item
        doc_cat[path] = cat
        lapsed = cat is None and (ex is not None or any(l for _, _, l in refs))
        title, ptitle = str(fm.get("title", "")), fm.get("public_title")
        # Other front matter prose (letter addresses, summaries...) goes with the body.
        extra = "\n\n".join(str(v) for k, v in fm.items()
                             if k not in ("title", "public_title", "kind", "exempt", "draft") and isinstance(v, str))
        if cat:
            # The title of a document secret by its own front matter stays public unless it has a
            # public_title; that of a document of an exempt or unpublished item is secret.
            if ptitle or not own:
                src.secrets.append(Secret(f"{rel(path)} title", cat, title, short=True))
            else:
                src.public_short.append(title)
            src.add_markdown(rel(path), cat, body + "\n\n" + extra)
            src.secret_pages[out_rel(path)] = (rel(path), cat)
        else:
            src.public_short.append(title)
            src.add_markdown(rel(path), "lapsed" if lapsed else "public", body + "\n\n" + extra)
        if ptitle:
            src.public_short.append(ptitle)

    # Appendix files listed by items.
    for path, refs in sorted(file_refs.items()):
        cats = [c for c, _, _, _ in refs]
        if not os.path.isfile(path):
            src.notes.append(f"{rel(path)}: listed but missing")
        for c, label, title, ptitle in refs:
            if c and title and ptitle:
                src.secrets.append(Secret(f"{rel(path)} title", c, title, short=True))
            elif title:
                src.public_short.append(title)
            if ptitle:
                src.public_short.append(ptitle)
        if all(cats):
            cat = next(c for c in FIRST if c in cats)
            src.secret_files[path] = (f"{rel(path)} (of {refs[0][1]})", cat, out_rel(path))
            if path.lower().endswith(".pdf") and os.path.isfile(path):
                for chunk in pdf_chunks(path):
                    src.secrets.append(Secret(f"{rel(path)} text", cat, chunk))

    # Free pages, and Markdown in meeting folders that nothing lists.
    for dirpath, _, names in os.walk(content):
        for name in sorted(names):
            p = os.path.join(dirpath, name)
            if not name.endswith(".md") or p in doc_refs:
                continue
            fm, body = read_md(p)
            if dirpath in meeting_dirs:
                src.notes.append(f"{rel(p)}: listed by no item (not scanned)")
                continue
            if fm.get("draft") is True:
                doc_cat[p] = "draft"
                src.secret_pages[out_rel(p)] = (rel(p), "draft")
                src.add_markdown(rel(p), "draft", body)
            else:
                doc_cat[p] = None
                src.public_short.append(str(fm.get("title", "")))
                src.add_markdown(rel(p), "public", body)
        for name in names:
            if name.endswith((".yaml", ".yml")) and name != "meeting.yaml":
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    src.public_short.extend(yaml_strings(yaml.safe_load(f)))

    # Images and files that documents show or link: secret when only secret documents use them.
    users = {}  # file path -> [category of each using document]
    for path, cat in doc_cat.items():
        _, body = read_md(path)
        body = COMMENT.sub(" ", body)
        targets = re.findall(r"\]\(\s*<?([^)\s>]+)", body) + re.findall(r"<img[^>]+src=\"([^\"]+)\"", body)
        for t in targets:
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", t):
                continue
            p = os.path.normpath(os.path.join(os.path.dirname(path), t.split("#")[0]))
            if os.path.isfile(p) and not p.endswith(".md"):
                users.setdefault(p, []).append((cat, rel(path)))
    for p, us in sorted(users.items()):
        if all(c for c, _ in us) and p not in src.secret_files:
            cat = next(c for c in FIRST if c in [c for c, _ in us])
            src.secret_files[p] = (f"{rel(p)} (used only by {', '.join(sorted({u for _, u in us}))})", cat, out_rel(p))
    return src


def yaml_strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from yaml_strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from yaml_strings(x)


def pdf_chunks(path):
    """Paragraphs of a PDF's text (pdftotext), for probes."""
    text = run_pdftotext(path)
    return [p for p in re.split(r"\n\s*\n|\f", text) if p.strip()]


def run_pdftotext(path):
    try:
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, timeout=120)
    except FileNotFoundError:
        raise SystemExit("leaks: pdftotext is missing (apt-get install poppler-utils)")
    return r.stdout.decode("utf-8", "replace")


# ------------------------------------------------------------------ probes


@dataclass
class Probe:
    norm: str
    text: str
    label: str
    category: str
    masks: list = field(default_factory=list)


def make_probes(items, public_corpus, public_short_norm):
    """Probes from Secret items; drops those that the public sources also contain."""
    probes, dropped, seen = [], [], set()
    for s in items:
        if s.short:
            cands = [s.text] if len(words(s.text)) >= 2 and len(norm(s.text)) >= 12 else []
        else:
            cands = probes_from_text(s.text, s.kind)
        for c in cands:
            n = norm(c)
            if (n, s.category) in seen:
                continue
            seen.add((n, s.category))
            masks = []
            if public_corpus is not None:
                masks = [p for p in public_short_norm if n in p and p != n]
                corpus = public_corpus
                for m in masks:
                    corpus = corpus.replace(m, "\x01")
                if n in corpus or n in public_short_norm:
                    dropped.append(Probe(n, c, s.label, s.category))
                    continue
            probes.append(Probe(n, c, s.label, s.category, masks))
    return probes, dropped


# ------------------------------------------------------------------ scanning


def text_variants(text):
    """Normalised views of a text file: raw, entities unescaped, tags stripped."""
    out = [text]
    t = text
    for _ in range(3):
        u = html.unescape(t)
        if u == t:
            break
        t = u
        out.append(t)
    out.append(TAG.sub(" ", t))
    out.append(TAG.sub(" ", COMMENT.sub(" ", t)))
    return out


def json_strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield str(k)
            yield from json_strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from json_strings(x)


def decompress(name, data):
    """(inner name, bytes) for compressed files, else None."""
    low = name.lower()
    if low.endswith(".gz") or data[:2] == b"\x1f\x8b":
        return name[:-3] if low.endswith(".gz") else name, gzip.decompress(data)
    if low.endswith(".br"):
        try:
            import brotli
        except ImportError:
            raise SystemExit("leaks: a .br file needs the brotli package (pip install brotli)")
        return name[:-3], brotli.decompress(data)
    if low.endswith((".zst", ".zstd")):
        try:
            import zstandard
        except ImportError:
            raise SystemExit("leaks: a .zst file needs the zstandard package (pip install zstandard)")
        return name.rsplit(".", 1)[0], zstandard.ZstdDecompressor().decompressobj().decompress(data)
    if low.endswith(".zz") or low.endswith(".deflate"):
        return name.rsplit(".", 1)[0], zlib.decompress(data)
    return None


def pdf_texts(path, data):
    """Text of a PDF: pdftotext, every string object, every decompressed stream."""
    out = [run_pdftotext(path)]
    try:
        import pikepdf
    except ImportError:
        raise SystemExit("leaks: pikepdf is missing (pip install pikepdf)")
    strings = []

    def walk(obj, depth=0):
        if depth > 50:
            return
        if isinstance(obj, pikepdf.String):
            strings.append(str(obj))
        elif isinstance(obj, pikepdf.Name):
            strings.append(str(obj)[1:])
        elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for k, v in obj.items():
                if not (isinstance(v, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)) and v.is_indirect):
                    walk(v, depth + 1)
        elif isinstance(obj, pikepdf.Array):
            for v in obj:
                if not (isinstance(v, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)) and v.is_indirect):
                    walk(v, depth + 1)

    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            walk(obj)
            if isinstance(obj, pikepdf.Stream):
                try:
                    raw = obj.read_bytes()
                except Exception:
                    raw = obj.read_raw_bytes()
                strings.append(raw.decode("utf-8", "ignore"))
                strings.append(raw.decode("latin-1"))
                if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
                    strings.append(raw.decode("utf-16", "ignore"))
                # PDF literal strings inside content streams: (text) Tj
                strings.extend(m.decode("latin-1") for m in re.findall(rb"\(((?:[^()\\]|\\.)*)\)", raw))
    out.append("\n".join(strings))
    return out


def cbor_strings(data):
    """Every text string of a CBOR file (the search index's filters, meta and word
    chunks). Items are read in order, so one pass finds every string however deep; a
    damaged file is read up to the fault."""
    out, at = [], 0
    while at < len(data):
        head = data[at]
        at += 1
        major, info = head >> 5, head & 0x1F
        if info < 24:
            arg = info
        elif info <= 27:
            n = 1 << (info - 24)
            if at + n > len(data):
                break
            arg = int.from_bytes(data[at:at + n], "big")
            at += n
        elif info == 31:
            arg = None  # indefinite length, or a break
        else:
            break
        if major in (2, 3) and arg is not None:
            if at + arg > len(data):
                break
            if major == 3:
                out.append(data[at:at + arg].decode("utf-8", "replace"))
            at += arg
    return out


def pagefind_texts(name, data):
    """A search index file (Pagefind), decompressed: a fragment is JSON with a page's
    whole text; filters, meta and word chunks are CBOR."""
    data = data[len(b"pagefind_dcd"):] if data.startswith(b"pagefind_dcd") else data
    text = data.decode("utf-8", "replace")
    out = text_variants(text)
    if name.lower().endswith(".pf_fragment"):
        try:
            out += [t for s in json_strings(json.loads(text)) for t in text_variants(s)]
        except ValueError:
            pass
    else:
        out += [t for s in cbor_strings(data) for t in text_variants(s)]
    return out


def file_texts(path, name, data, depth=0):
    inner = decompress(name, data) if depth < 3 else None
    if inner:
        return [f"[decompressed {inner[0]}]"] + file_texts(path, inner[0], inner[1], depth + 1)
    low = name.lower()
    if low.endswith((".pf_fragment", ".pf_filter", ".pf_meta", ".pf_index")):
        return pagefind_texts(name, data)
    if low.endswith(".pdf") or data[:5] == b"%PDF-":
        if depth:
            import tempfile
            with tempfile.NamedTemporaryFile(suffix=".pdf") as t:
                t.write(data)
                t.flush()
                return pdf_texts(t.name, data)
        return pdf_texts(path, data)
    text = data.decode("utf-8", "replace")
    out = text_variants(text)
    if low.endswith(".json") or low.endswith(".js"):
        try:
            out += [t for s in json_strings(json.loads(text)) for t in text_variants(s)]
        except ValueError:
            # JSON inside JavaScript, or JSON lines
            out.append(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
    if low.endswith(".ics"):
        out.append(re.sub(r"\r?\n[ \t]", "", text).replace("\\n", " ").replace("\\,", ",").replace("\\;", ";"))
    if not any(low.endswith(e) for e in (".html", ".htm", ".xml", ".json", ".ics", ".txt", ".css", ".js", ".svg", ".atom", ".rss", ".webmanifest", ".csv")):
        out.append(data.decode("latin-1"))
    return out


class Build:
    def __init__(self, root):
        self.root = root
        self.files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
        self.hay = {}  # rel -> normalised haystack
        self.hashes = {}  # sha256 -> [rel]
        for p in self.files:
            rel = os.path.relpath(p, root)
            with open(p, "rb") as f:
                data = f.read()
            self.hashes.setdefault(hashlib.sha256(data).hexdigest(), []).append(rel)
            self.hay[rel] = "\x02".join(norm(t) for t in file_texts(p, os.path.basename(p), data))

    def find(self, probe):
        hits = []
        for rel, hay in self.hay.items():
            if probe.masks:
                for m in probe.masks:
                    hay = hay.replace(m, "\x01")
            if probe.norm in hay:
                hits.append(rel)
        return hits


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ------------------------------------------------------------------ main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--as-of", required=True, type=dt.date.fromisoformat)
    ap.add_argument("--content", default="content")
    ap.add_argument("--public", default="output")
    ap.add_argument("--confidential", default="confidential")
    ap.add_argument("--list", action="store_true", help="print every probe")
    ap.add_argument("--sources-only", action="store_true", help="read the sources and list probes; scan nothing")
    args = ap.parse_args()

    src = load_sources(args.content, args.as_of)
    public_short_norm = sorted({norm(t) for t in src.public_short if norm(t)}, key=len)
    public_corpus = "\x02".join([norm(s.text) for s in src.public if s.category == "public"] +
                                [norm(s.text) for s in src.public if s.category == "lapsed"])
    secret_probes, dropped = make_probes(src.secrets, public_corpus, public_short_norm)
    lapsed_probes, _ = make_probes([s for s in src.public if s.category == "lapsed" and not s.short], None, [])
    public_probes, _ = make_probes([s for s in src.public if s.category == "public" and not s.short], None, [])

    for n in src.notes:
        print(f"note {n}")
    by_cat = {}
    for p in secret_probes:
        by_cat[p.category] = by_cat.get(p.category, 0) + 1
    print(f"sources (as of {args.as_of}): {len(secret_probes)} secret probes "
          f"({', '.join(f'{v} {k}' for k, v in sorted(by_cat.items()))}) from "
          f"{len({p.label.split(' ')[0] for p in secret_probes})} sources, "
          f"{len(dropped)} dropped as not distinctive, {len(src.secret_files)} secret files, "
          f"{len(src.secret_pages)} secret document pages; {len(lapsed_probes)} lapsed-exemption probes")
    if args.list or args.sources_only:
        for p in secret_probes:
            print(f"  probe [{p.category}] {p.label}: {p.text[:100]!r}" + (f" (masked: {len(p.masks)})" if p.masks else ""))
        for p in dropped:
            print(f"  dropped [{p.category}] {p.label}: {p.text[:100]!r}")
        for p, (label, cat, rel) in sorted(src.secret_files.items()):
            print(f"  file [{cat}] {label} -> {rel}")
        for rel, (label, cat) in sorted(src.secret_pages.items()):
            print(f"  page [{cat}] {label} -> {rel}")
        for p in lapsed_probes:
            print(f"  lapsed {p.label}: {p.text[:100]!r}")
    if args.sources_only:
        return 0
    if not secret_probes:
        print("leaks: no secret text found in the sources: nothing to test")
        return 1

    failures = []
    if not os.path.isfile(os.path.join(args.public, "index.html")):
        print(f"leaks: no public build at {args.public}/")
        return 1
    if not os.path.isfile(os.path.join(args.confidential, "index.html")):
        print(f"leaks: no confidential build at {args.confidential}/ (the positive control needs it)")
        return 1
    public = Build(args.public)
    confidential = Build(args.confidential)

    # 1. No secret probe in the public build.
    leaked = 0
    for p in secret_probes:
        hits = public.find(p)
        if hits:
            leaked += 1
            failures.append(f"LEAK [{p.category}] {p.label}: {p.text[:120]!r} found in {', '.join(hits[:5])}")

    # 2. No secret file or document page in the public build, by path, name or content.
    #    A file of the same name is allowed only when it is a public content file.
    public_content = {sha256(os.path.join(d, f)) for d, _, fs in os.walk(args.content) for f in fs
                      if os.path.join(d, f) not in src.secret_files}
    files_leaked = 0
    conf_files_missing = []
    for path, (label, cat, rel) in sorted(src.secret_files.items()):
        if not os.path.isfile(path):
            continue
        h = sha256(path)
        where = list(public.hashes.get(h, []))
        if os.path.exists(os.path.join(args.public, rel)):
            where.append(rel)
        for other in public.files:
            if os.path.basename(other) == os.path.basename(path) and sha256(other) not in public_content:
                where.append(os.path.relpath(other, args.public))
        if where:
            files_leaked += 1
            failures.append(f"LEAK [{cat}] file {label}: in the public build as {', '.join(sorted(set(where)))}")
        if cat != "unpublished" and h not in confidential.hashes and not path.lower().endswith(".pdf"):
            conf_files_missing.append(f"[{cat}] file {label}: not in the confidential build (by SHA-256)")
    pages_leaked = 0
    conf_pages_missing = []
    for rel, (label, cat) in sorted(src.secret_pages.items()):
        if os.path.exists(os.path.join(args.public, rel)):
            pages_leaked += 1
            failures.append(f"LEAK [{cat}] the page of {label} exists in the public build: {rel}")
        if cat != "unpublished" and not os.path.exists(os.path.join(args.confidential, rel)):
            conf_pages_missing.append(f"[{cat}] the page of {label} is not in the confidential build at {rel}")

    # 3. Positive control: every exempt, draft and reason probe is in the confidential build.
    required = [p for p in secret_probes if p.category in ("exempt", "draft", "reason")]
    missing = [p for p in required if not confidential.find(p)]
    for p in missing:
        failures.append(f"CONTROL [{p.category}] {p.label}: {p.text[:120]!r} not found in the confidential build")
    failures += [f"CONTROL {m}" for m in conf_files_missing + conf_pages_missing]
    other = [p for p in secret_probes if p not in required]
    other_found = sum(1 for p in other if confidential.find(p))

    # 4. Control on the public side: lapsed exemptions are public again, and public text is seen.
    lapsed_missing = [p for p in lapsed_probes if not public.find(p)]
    for p in lapsed_missing:
        failures.append(f"CONTROL [lapsed] {p.label}: {p.text[:120]!r} not found in the public build")
    public_found = sum(1 for p in public_probes if public.find(p))

    for f in failures:
        print("FAIL " + f)
    print(f"info: {other_found}/{len(other)} unpublished and lapsed-reason probes are in the confidential build (not required); "
          f"{public_found}/{len(public_probes)} public-text probes found in the public build")
    print(f"leaks: {len(secret_probes)} probes and {len(src.secret_files)} files scanned in "
          f"{len(public.files)} public files: {leaked + files_leaked + pages_leaked} found; "
          f"confidential control {len(required) - len(missing)}/{len(required)} probes found; "
          f"lapsed control {len(lapsed_probes) - len(lapsed_missing)}/{len(lapsed_probes)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
