#!/usr/bin/env python3
"""Leak scan: no exempt, draft or unpublished text of the site reaches the public build.

    python3 checks/leaks.py --as-of 2026-11-22 [--content content] [--public output]
                            [--confidential confidential] [--site-toml site.toml] [--list]

The secret texts come from the sources, read here with PyYAML and independently of the
Rust code, by the rules of docs/authoring.md, docs/decisions.md and docs/forward-plan.md
("in force" means an `exempt:` whose `until` is absent or after --as-of):

  * an item exempt in force, and its sub-items: its `title` when it has a `public_title`,
    its `body`, every document it lists (Markdown documents and `{file: ...}`
    appendices), its `urgent:` reason (the public sees only that it was urgent), and its
    `decision:` record (`reasons`, `alternatives`, `interests`, `dispensation`, and the
    words of its call-in: `urgent`, `no_call_in`, `called_in` `by` and `outcome`);
  * its minute: in each `kind: minutes` document of its meeting (minutes.md, or any
    document with `kind: minutes` in the meeting folder), the section under the heading
    numbered as the item (`## 6 Title`, `## 8b ...`, `### 8b ...`; unnumbered top-level
    headings count on from the last number, as quire numbers them) up to the next heading
    of the same or a higher level; not the heading (the item's public title) and not the
    item's `minutes_summary` (public). With no such heading, the whole minutes are secret;
  * a document whose own front matter has `exempt:` in force or `draft: true`, or
    `published:` after --as-of; minutes with `status: draft`, or `approved_at:` a
    meeting after --as-of, unless site.toml has `[minutes] publish_drafts = true`;
  * a `{file: ...}` entry exempt in force of its own, or with `published:` after --as-of;
  * a background paper (`background_papers:` of a document or a decision) exempt in
    force: its `title` and `inspect`;
  * the `reason:` of every exempt map, lapsed or not (it is confidential-build only);
    the confidential build must show it while the exemption holds;
  * the papers of a meeting whose `agenda_published` is after --as-of or missing (not
    yet published), and an item with `published:` after --as-of (a supplementary item
    not out yet) with everything it lists;
  * decisions of officers, content/decisions/*.md: with `exempt:` in force, the decision
    (the body), its record keys and its file name (its public address is made from its
    date), not the title unless it has a `public_title`; with `draft: true`, or
    `published:` or `date:` after --as-of, everything, and its page.

Each secret text becomes probes: every sentence (or table row, alt text, title) long
enough to be distinctive, normalised to lower-case letters and digits only, so that
Markdown, HTML tags and entities, smart punctuation, hyphenation and line breaks in PDFs
do not matter. A probe inside a passage of site.toml's `[leak_gate] allow` is dropped. A
probe that also occurs in the public sources (papers, item bodies, minutes summaries,
public decision records, forward plan entries, notices, free pages) is not distinctive
and is dropped (reported), except exempt text found only in public sources of the same
day or later: by the leak gate's rule (docs/leak-gate.md) that is a public paper quoting
the exempt one, the leak itself, and the probe stays. Files (appendices, images)
referenced only by secret matter are checked by path and by SHA-256 instead.

Every file of each build is scanned: HTML, XML, JSON, ICS and other text (entities
unescaped, tags stripped, JSON strings decoded); gzip, brotli and zstd files after
decompressing (the search index's fragments, filters and meta are gzip: fragments are
read as JSON, the others as CBOR strings; the index is in shards, pagefind/ and
pagefind/<year>/ (the newest year in halves, pagefind/<year>-h1/ and -h2/), all walked, and pagefind/quire.json lists them as JSON); PDFs through pdftotext and through every string and decompressed stream
that pikepdf finds; zips (Word, Excel, OpenDocument files) part by part, with tags
taken out too; any other file as raw bytes.

Zero probes may be found in the public build. In the confidential build every exempt,
draft and reason probe must be found (the positive control that proves the probes are
real); an exempt item's decision record counts only when the meeting's minutes.md
resolves on the item (else no record is made: "withheld", secret without a control). The
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
            # A minute's own number ("8a Title") is shown apart from its words.
            chunks.append(("text", re.sub(r"^\d{1,3}[a-z]*\.?\s+", "", raw.lstrip("#").strip())))
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
    category: str  # exempt | draft | reason | withheld | lapsed-reason | unpublished | lapsed | public
    text: str
    short: bool = False  # a title: probed whole, with public look-alikes masked
    kind: str = "text"  # text | row | alt (see md_chunks)
    day: object = None  # the day of the meeting (or decision, or plan entry) it belongs to
    always: bool = False  # public text written for the public as it stands (a minutes summary)


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
# Secret categories the members' edition must show (the positive control). "withheld" is
# secret too, but the members' edition need not show it: an exempt item's decision record
# when its minutes hold no resolution for it, so that no decision record is made.
REQUIRED = ("exempt", "draft", "reason")
RECORD_KEYS = ("reasons", "alternatives", "interests", "dispensation")  # regulation 12's record
CALL_IN_KEYS = ("urgent", "no_call_in")

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SECTION_NUMBER = re.compile(r"^(\d{1,3}[a-z]*)\.?\s+\S")  # "5a Induction", "7. Fostering"
RESOLVED = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\*\*|__)Resolved", re.M)


def letters(n):
    """A sub-item's letters by its position: 1 a, 26 z, 27 aa, 28 ab."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s


def minute_sections(body):
    """The headings of minutes, numbered by the authoring rules: the level of the first
    heading is the top level; a top-level heading starting with its own number ("5a ...",
    "7. ...") has that number and the count goes on from it (after 5a comes 6), any other
    top-level heading takes the next number; a lower heading has a number only when it
    starts with one ("### 8b ..."). Each runs to the next heading of the same or a higher
    level. Returns (lines, [(number or None, level, heading line, end line)])."""
    lines = body.split("\n")
    heads, fence = [], None
    for i, line in enumerate(lines):
        f = FENCE.match(line)
        if f:
            mark = f.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark):].strip():
                fence = None
            continue
        if fence:
            continue
        m = HEADING.match(line)
        if m:
            text = re.sub(r"(^|\s)#+\s*$", "", m.group(2) or "").strip()
            heads.append((i, len(m.group(1)), text))
    out, count = [], 0
    top = heads[0][1] if heads else 1
    for k, (i, level, text) in enumerate(heads):
        m = SECTION_NUMBER.match(text)
        if level <= top:
            if m:
                number = m.group(1)
                count = int(re.match(r"\d+", number).group())
            else:
                count += 1
                number = str(count)
        else:
            number = m.group(1) if m else None
        end = next((j for j, lv, _ in heads[k + 1:] if lv <= level), len(lines))
        out.append((number, level, i, end))
    return lines, out


@dataclass
class ItemInfo:
    number: str  # lower case, as minutes are matched
    label: str
    cat: object  # exempt | unpublished | None: what the public may not see of it now
    xcat: object  # exempt (in force, its own or its parent's) | lapsed | None
    item: dict


def is_minutes(path, fm):
    kind = fm.get("kind")
    return kind == "minutes" or (kind is None and os.path.basename(path) == "minutes.md")


def load_sources(content, as_of, publish_drafts=False):
    """Read content/ and sort its texts into secret and public."""
    src = Sources()
    content = os.path.abspath(content)
    committees = os.path.join(content, "committees")
    doc_refs = {}  # md path -> [(category of the referring item or None, label, lapsed?)]
    file_refs = {}  # appendix path -> [(category or None, label, title, public_title)]
    meetings = {}  # meeting folder -> {"date", "cat", "items": [ItemInfo], "label"}
    decisions = []  # (meeting folder, ItemInfo) of items with a decision: record

    def rel(path):
        return os.path.relpath(path, content).replace(os.sep, "/")

    def out_rel(path):
        """Where the output layout puts the page or file made from a content path."""
        r = rel(path)
        if r.startswith("pages/") and r.endswith(".md"):
            r = r[len("pages/"):]
        return r[:-3] + "/" if r.endswith(".md") else r

    def text(label, cat, value, short=False, day=None, always=False):
        """One text of the sources: secret when cat is a secret category."""
        if not isinstance(value, str) or not value.strip():
            return
        if cat in ("public", "lapsed"):
            src.public.append(Secret(label, cat, value, short=short, day=day, always=always))
            if short:
                src.public_short.append(value)
        elif cat:
            src.secrets.append(Secret(label, cat, value, short=short, day=day))

    def background_papers(label, papers, cat, lapsed=False):
        """A report's or decision's background papers: an exempt one is never public."""
        if not isinstance(papers, list):
            return
        for n, bp in enumerate(papers, 1):
            if not isinstance(bp, dict):
                continue
            bex = parse_exempt(bp.get("exempt"))
            bl = f"{label} background paper {n}"
            if bex and bex.reason:
                src.secrets.append(Secret(bl + " reason", reason_category(bex, as_of), bex.reason))
            bcat = ("exempt" if unlapsed(bex, as_of) else None) or cat
            for key in ("title", "inspect"):
                text(f"{bl} {key}", bcat or ("lapsed" if lapsed or bex else "public"), bp.get(key), short=True)

    def walk_items(items, meeting_dir, mlabel, inherited, inherited_exempt, out, parent=None):
        count = 0
        for pos, item in enumerate(items or [], 1):
            if not isinstance(item, dict):
                src.notes.append(f"{mlabel}: unrecognised item {item!r}")
                continue
            given = item.get("number")
            if parent is None:
                if given is not None:
                    number = str(given).strip()
                    if re.fullmatch(r"\d+", number):
                        count = int(number)
                else:
                    count += 1
                    number = str(count)
            else:
                number = str(given).strip() if given is not None else parent + letters(pos)
            label = f"{mlabel} item {number} {item.get('title', '')!r}"
            ex = parse_exempt(item.get("exempt"))
            if ex and ex.reason:
                src.secrets.append(Secret(label + " reason", reason_category(ex, as_of), ex.reason))
            published = as_date(item.get("published"))
            late = published is not None and published > as_of  # a supplementary item not out yet
            exempt_now = inherited_exempt or unlapsed(ex, as_of)
            cat = inherited or ("exempt" if exempt_now else None) or ("unpublished" if late else None)
            lapsed = cat is None and ex is not None
            xcat = "exempt" if exempt_now else "lapsed" if ex is not None else None
            info = ItemInfo(number.lower(), label, cat, xcat, item)
            out.append(info)
            title, ptitle = str(item.get("title", "")), item.get("public_title")
            if late and cat == "exempt":  # not even its public title is out yet
                text(label + " title", "unpublished", title, short=True)
                text(label + " public title", "unpublished", ptitle, short=True)
            else:
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
            # The chair's reason for urgency: an exempt item shows only that it was urgent.
            text(label + " urgent reason", cat or ("lapsed" if lapsed else "public"), item.get("urgent"))
            # What the public minutes say in place of an exempt item's minute.
            text(label + " minutes_summary", "unpublished" if cat == "unpublished" else "public",
                 item.get("minutes_summary"), always=True)
            if isinstance(item.get("decision"), dict):
                decisions.append((meeting_dir, info))
            kd = item.get("key_decision")
            if isinstance(kd, dict) and cat != "unpublished":  # exception notices are public from their day
                for route, day_keys in (("general_exception", ("notice_published",)),
                                        ("special_urgency", ("notice_published", "agreed_on"))):
                    r = kd.get(route)
                    if isinstance(r, dict):
                        day = next((as_date(r[k]) for k in day_keys if r.get(k)), None)
                        if day and day <= as_of:
                            text(f"{label} {route} reasons", "public", r.get("reasons"), day=day)
            for d in item.get("documents") or []:
                if isinstance(d, dict) and "file" in d:
                    p = os.path.normpath(os.path.join(meeting_dir, d["file"]))
                    fex = parse_exempt(d.get("exempt"))
                    if fex and fex.reason:
                        src.secrets.append(Secret(f"{label} {d['file']} reason", reason_category(fex, as_of), fex.reason))
                    fpub = as_date(d.get("published"))
                    fcat = (cat or ("exempt" if unlapsed(fex, as_of) else None)
                            or ("unpublished" if fpub and fpub > as_of else None))
                    file_refs.setdefault(p, []).append((fcat, label, d.get("title"), d.get("public_title")))
                elif isinstance(d, str):
                    p = os.path.normpath(os.path.join(meeting_dir, d))
                    doc_refs.setdefault(p, []).append((cat, label, lapsed))
                else:
                    src.notes.append(f"{label}: unrecognised document entry {d!r}")
            walk_items(item.get("items"), meeting_dir, mlabel, cat, exempt_now, out, parent=number)

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
            # Without agenda_published the papers are not published.
            cat = "unpublished" if published is None or published > as_of else None
            mlabel = f"committees/{committee}/{meeting}"
            items = []
            walk_items(m.get("items"), mdir, mlabel, cat, False, items)
            date = as_date(m.get("date"))
            if date is None:
                try:
                    date = dt.date.fromisoformat(meeting[:10])
                except ValueError:
                    pass
            meetings[mdir] = {"date": date, "cat": cat, "items": items, "label": mlabel}
            att = m.get("attendance")
            if cat is None and isinstance(att, dict):  # officers present are named on the page
                for o in att.get("officers") or []:
                    text(mlabel + " officer present", "public", o if isinstance(o, str) else None, short=True)
            pn = m.get("private_notice")
            if isinstance(pn, dict):  # regulation 5 notices, public from their days
                first, final = as_date(pn.get("first")), as_date(pn.get("final"))
                if first and first <= as_of:
                    text(mlabel + " private notice reasons", "public", pn.get("reasons"), day=first)
                if final and final <= as_of:
                    text(mlabel + " private notice representations", "public", pn.get("representations"), day=final)
                    text(mlabel + " private notice response", "public", pn.get("response"), day=final)
            minutes = os.path.join(mdir, "minutes.md")
            if os.path.isfile(minutes):  # a meeting's own minutes are on its page
                doc_refs.setdefault(minutes, []).append((cat, f"{mlabel} own minutes", False))

    def draft_minutes(path, fm):
        """Minutes not yet approved: status: draft, or approved_at a meeting after as_of."""
        if fm.get("status") == "draft":
            return True
        at = fm.get("approved_at")
        if at is None:
            return False
        folder = os.path.join(os.path.dirname(os.path.dirname(path)), str(at))
        day = (meetings.get(folder) or {}).get("date")
        if day is None:
            try:
                day = dt.date.fromisoformat(str(at)[:10])
            except ValueError:
                return True  # cannot tell: not yet approved
        return day > as_of

    def find_minutes(path, fm, body):
        """The minutes of a meeting's exempt items: (rest of the body, [(ItemInfo, minute
        text, its own text)], [ItemInfo of exempt items in force whose minute is not
        found]). Its own text leaves out the numbered headings inside it ("### 8b ..."):
        a resolution belongs to the innermost numbered heading above it."""
        meeting = meetings.get(os.path.dirname(path))
        if not meeting or not is_minutes(path, fm):
            return body, [], []
        lines, sections = minute_sections(body)
        cut = [False] * len(lines)
        found, missing = [], []
        for info in meeting["items"]:
            if info.xcat is None:
                continue
            mine = [s for s in sections if s[0] is not None and s[0].lower() == info.number]
            if not mine and info.xcat == "exempt":
                missing.append(info)
            for _, _, start, end in mine:
                own = [True] * len(lines)
                for number, _, s2, e2 in sections:
                    if number is not None and start < s2 < end:
                        for i in range(s2, e2):
                            own[i] = False
                found.append((info, "\n".join(lines[start + 1:end]),
                              "\n".join(line for i, line in enumerate(lines[start + 1:end], start + 1) if own[i])))
                for i in range(start, end):
                    cut[i] = True
        rest = "\n".join("" if c else line for line, c in zip(lines, cut))
        return rest, found, missing

    # Documents: secret by their own front matter, or by the items that list them.
    doc_cat = {}  # md path -> category or None
    minutes_found = {}  # minutes path -> [(ItemInfo, minute text, its own text)]
    for path, refs in sorted(doc_refs.items()):
        if not os.path.isfile(path):
            src.notes.append(f"{rel(path)}: listed but missing")
            continue
        fm, body = read_md(path)
        ex = parse_exempt(fm.get("exempt"))
        if ex and ex.reason:
            src.secrets.append(Secret(f"{rel(path)} reason", reason_category(ex, as_of), ex.reason))
        cats = [c for c, _, _ in refs]
        folder = meetings.get(os.path.dirname(path))
        published = as_date(fm.get("published"))
        own = ("draft" if fm.get("draft") is True
               else "exempt" if unlapsed(ex, as_of)
               else "draft" if is_minutes(path, fm) and not publish_drafts and draft_minutes(path, fm)
               else "unpublished" if (published and published > as_of) or (folder and folder["cat"])
               else None)
        by_item = next((c for c in ("exempt", "draft") if c in cats), None)
        if by_item is None and all(c == "unpublished" for c in cats):
            by_item = "unpublished"
        if by_item in ("exempt", "draft") and None in cats:
            src.notes.append(f"{rel(path)}: listed by an exempt item and by a public one; treated as exempt")
        body, minutes, missing = find_minutes(path, fm, body)
        minutes_found[path] = minutes
        for info in missing:
            src.notes.append(f"{rel(path)}: no minute numbered {info.number} for exempt {info.label}; "
                             "the whole minutes are withheld while it is exempt")
        if missing and own != "exempt" and by_item != "exempt":
            own = "exempt"
        cat = own or by_item
        doc_cat[path] = cat
        lapsed = cat is None and (ex is not None or any(l for _, _, l in refs))
        title, ptitle = str(fm.get("title", "")), fm.get("public_title")
        # Other front matter prose (letter addresses, summaries...) goes with the body.
        extra = "\n\n".join(str(v) for k, v in fm.items()
                            if k not in ("title", "public_title", "kind", "exempt", "draft", "status", "replaces", "approved_at",
                                         "background_papers")
                            and isinstance(v, str))
        if cat:
            # The title of a document secret by its own front matter (exempt or draft) stays
            # public unless it has a public_title; that of a document of an exempt or
            # unpublished item, or not published yet itself, is secret.
            if ptitle or own not in ("exempt", "draft"):
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
        background_papers(rel(path), fm.get("background_papers"), cat, lapsed)
        # The minute of an exempt item in force is secret wherever the minutes are; the
        # minute of a lapsed one is as public as the minutes.
        for info, minute, _ in minutes:
            mcat = "exempt" if info.xcat == "exempt" else cat or "lapsed"
            src.add_markdown(f"{rel(path)} minute {info.number} of {info.label}", mcat, minute)

    # Appendix files listed by items.
    for path, refs in sorted(file_refs.items()):
        cats = [c for c, _, _, _ in refs]
        if not os.path.isfile(path):
            src.notes.append(f"{rel(path)}: listed but missing")
        for c, label, title, ptitle in refs:
            if c and title and (ptitle or c == "unpublished"):
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

    # The decision records of items (docs/decisions.md): an exempt item's reasons,
    # alternatives, interests and dispensation are withheld while it is exempt. A record
    # exists where the meeting's minutes resolve on the item: the members' edition shows
    # them all, the public one only public minutes (of a lapsed item, the full minute).
    def resolves(mdir, number, public_only):
        """Whether the meeting's own minutes (minutes.md) resolve on the item."""
        for p, found in minutes_found.items():
            if p != os.path.join(mdir, "minutes.md") or (public_only and doc_cat.get(p)):
                continue
            if any(info.number == number and RESOLVED.search(own) for info, _, own in found):
                return True
        return False

    for mdir, info in decisions:
        dec = info.item["decision"]
        label = f"{info.label} decision"
        called = dec.get("called_in") if isinstance(dec.get("called_in"), dict) else {}
        calls = [(k, dec.get(k)) for k in CALL_IN_KEYS] + [(f"called_in {k}", called.get(k)) for k in ("by", "outcome")]
        if info.cat == "unpublished":
            for k in RECORD_KEYS:
                text(f"{label} {k}", "unpublished", dec.get(k))
            for k, v in calls:
                text(f"{label} {k}", "unpublished", v)
        elif info.xcat == "exempt":  # the public record gives only the dates of its call-in
            cat = "exempt" if resolves(mdir, info.number, False) else "withheld"
            for k in RECORD_KEYS:
                text(f"{label} {k}", cat, dec.get(k))
            for k, v in calls:
                text(f"{label} {k}", cat, v)
        else:
            day = as_date(dec.get("published"))
            shown = info.xcat == "lapsed" and (day is None or day <= as_of) and resolves(mdir, info.number, True)
            for k in RECORD_KEYS:
                text(f"{label} {k}", "lapsed" if shown else "public", dec.get(k))
            for k, v in calls:
                text(f"{label} {k}", "public", v)

    # Decisions of officers and individual members, content/decisions/*.md: a draft, or
    # one before its published: day, is secret whole and has no page; an exempt one shows
    # its title (or public_title) and the notice, never the decision or its record.
    ddir = os.path.join(content, "decisions")
    officer_decisions = set()
    decision_days = {}  # content path -> the day of the decision
    for name in sorted(os.listdir(ddir)) if os.path.isdir(ddir) else []:
        p = os.path.join(ddir, name)
        if not name.endswith(".md") or not os.path.isfile(p):
            continue
        officer_decisions.add(p)
        fm, body = read_md(p)
        label = rel(p)
        decision_days[label] = as_date(fm.get("date")) or as_date(fm.get("published"))
        ex = parse_exempt(fm.get("exempt"))
        if ex and ex.reason:
            src.secrets.append(Secret(f"{label} reason", reason_category(ex, as_of), ex.reason))
        published = as_date(fm.get("published"))
        taken = as_date(fm.get("date"))
        whole = ("draft" if fm.get("draft") is True  # public from published:, never before date:
                 else "unpublished" if (published and published > as_of) or (taken and taken > as_of) else None)
        cat = whole or ("exempt" if unlapsed(ex, as_of) else None)
        lapsed = cat is None and ex is not None
        title, ptitle = str(fm.get("title", "")), fm.get("public_title")
        if whole or (cat == "exempt" and ptitle):
            src.secrets.append(Secret(f"{label} title", cat, title, short=True))
        else:
            src.public_short.append(title)
        if ptitle and whole:
            text(f"{label} public_title", whole, ptitle, short=True)
        elif ptitle:
            src.public_short.append(ptitle)
        rcat = cat or ("lapsed" if lapsed else "public")
        src.add_markdown(f"{label} decision", rcat, body)
        for k in RECORD_KEYS:
            text(f"{label} {k}", rcat, fm.get(k))
        called = fm.get("called_in") if isinstance(fm.get("called_in"), dict) else {}
        for k, v in [(k, fm.get(k)) for k in CALL_IN_KEYS] + [(f"called_in {k}", called.get(k)) for k in ("by", "outcome")]:
            text(f"{label} {k}", rcat, v)
        background_papers(label, fm.get("background_papers"), cat, lapsed)
        if cat:
            # The file name says what the decision is about: while it is exempt, the public
            # address is made from its date, and the name is nowhere in the public build.
            src.secret_pages[f"decisions/officers/{name[:-3]}/"] = (label, cat)
            src.secrets.append(Secret(f"{label} file name", cat, name[:-3], short=True))

    # The forward plan (docs/forward-plan.md): an entry, its changes and its withdrawal
    # are public from their days; a private entry's matter and reason are public too.
    fdir = os.path.join(content, "forward-plan")
    for name in sorted(os.listdir(fdir)) if os.path.isdir(fdir) else []:
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(fdir, name), encoding="utf-8") as f:
            e = yaml.safe_load(f) or {}
        if not isinstance(e, dict):
            continue
        first = as_date(e.get("first_published"))
        if first is None or first > as_of:
            continue
        label = f"forward-plan/{name}"
        for k in ("matter", "summary", "how_to_get", "representations"):
            text(f"{label} {k}", "public", e.get(k), day=first)
        for d in e.get("documents") or []:
            text(f"{label} document", "public", d if isinstance(d, str) else None, day=first)
        if isinstance(e.get("private"), dict):
            text(f"{label} private reason", "public", e["private"].get("reason"), day=first)
        for h in e.get("history") or []:
            if isinstance(h, dict) and as_date(h.get("date")) and as_date(h.get("date")) <= as_of:
                text(f"{label} history", "public", h.get("change"), day=as_date(h.get("date")))
        w = e.get("withdrawn")
        if isinstance(w, dict) and as_date(w.get("on")) and as_date(w.get("on")) <= as_of:
            text(f"{label} withdrawn", "public", w.get("reason"), day=as_date(w.get("on")))

    # Free pages, and Markdown in meeting folders that nothing lists.
    for dirpath, _, names in os.walk(content):
        for name in sorted(names):
            p = os.path.join(dirpath, name)
            if not name.endswith(".md") or p in doc_refs or p in officer_decisions:
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

    # Every text's day, from the meeting or decision its label names (for earlier()).
    for s in src.secrets + src.public:
        if s.day is None:
            first = s.label.split(" ")[0]
            m = re.match(r"committees/([^/]+)/([^/]+)", first)
            if m:
                s.day = (meetings.get(os.path.join(committees, m.group(1), m.group(2))) or {}).get("date")
            else:
                s.day = decision_days.get(first)
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
    quoted: list = field(default_factory=list)  # public sources of the same or a later day with it


def mask_forms(text):
    """A public title as the raw text of HTML or XML may carry it (an apostrophe as &#39;
    leaves "39" in the normalised text), so that masking it works on every variant."""
    text = str(text)
    return {norm(text), norm(html.escape(text)), norm(html.escape(text, quote=False)),
            norm(text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;"))}


def earlier(pub, secret):
    """Whether public text makes the same words in a secret text not distinctive. For
    exempt text, the leak gate's rule (docs/leak-gate.md): a public paper of an earlier
    meeting; the same words in a public paper of the same meeting or a later one are the
    leak. Undated text (free pages) and text written for the public as it stands (a
    minutes summary) always count. Drafts and unpublished papers are secret only for a
    while, and minutes repeat their wording meeting after meeting: any public text counts."""
    if secret.category not in ("exempt", "reason", "withheld"):
        return True
    if pub.always or pub.day is None or secret.day is None:
        return True
    return pub.day < secret.day


def make_probes(items, public_texts, public_short_norm, allowed=()):
    """Probes from Secret items. Drops those inside a passage of site.toml's [leak_gate]
    allow and those that the public sources also contain (standard wording), except that
    words found only in public papers of the same or a later meeting stay probes: that is
    a public paper quoting the secret one, the leak itself."""
    probes, dropped, seen = [], [], set()
    public_corpus = None if public_texts is None else "\x02".join(norm(t.text) for t in public_texts)
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
                if n in public_short_norm:
                    dropped.append(Probe(n, c, s.label, s.category))
                    continue
                if any(n in a for a in allowed):
                    dropped.append(Probe(n, c, s.label + " (in [leak_gate] allow)", s.category))
                    continue
                quoted = []
                if n in corpus:
                    holders = []
                    for t in public_texts:
                        h = norm(t.text)
                        if n in h:
                            for m in masks:
                                h = h.replace(m, "\x01")
                            if n in h:
                                holders.append(t)
                    if any(earlier(t, s) for t in holders):
                        dropped.append(Probe(n, c, s.label, s.category))
                        continue
                    quoted = sorted({t.label for t in holders})
                probes.append(Probe(n, c, s.label, s.category, masks, quoted))
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
    if data[:4] == b"PK\x03\x04" and depth < 3:
        # An office document (Word, Excel, OpenDocument) is a zip of XML parts: every
        # part is read, as it is and with its tags taken out (Word splits words into
        # runs), and so is every document inside it.
        import io
        import zipfile
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                out = []
                for info in z.infolist():
                    part = z.read(info)
                    out += file_texts(path, info.filename, part, depth + 1)
                    out.append(re.sub(r"<[^>]*>", "", part.decode("utf-8", "replace")))
                return out
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            pass
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


def probe_kind(label):
    """What a probe was taken from, for the summary."""
    if label.startswith("decisions/"):
        return "reason" if label.endswith(" reason") else "officer decision"
    for pattern, kind in ((r" minute \S+ of ", "minute"), (r" background paper \d+ ", "background paper"),
                          (r" decision \S+$", "decision record"), (r" urgent reason$", "urgent reason"),
                          (r" reason$", "reason"), (r" (public )?title$", "title"),
                          (r"\.pdf text$", "appendix"), (r"^committees/\S+ item ", "agenda item")):
        if re.search(pattern, label):
            return kind
    return "document"


def read_site_toml(path):
    """site.toml, for [minutes] publish_drafts and [leak_gate] allow; {} when absent."""
    if not os.path.isfile(path):
        return {}
    try:
        import tomllib
    except ImportError:  # Python before 3.11
        import tomli as tomllib
    with open(path, "rb") as f:
        return tomllib.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--as-of", required=True, type=dt.date.fromisoformat)
    ap.add_argument("--content", default="content")
    ap.add_argument("--public", default="output")
    ap.add_argument("--confidential", default="confidential")
    ap.add_argument("--site-toml", help="the site's settings (default: site.toml beside the content folder)")
    ap.add_argument("--list", action="store_true", help="print every probe")
    ap.add_argument("--sources-only", action="store_true", help="read the sources and list probes; scan nothing")
    args = ap.parse_args()

    settings = read_site_toml(args.site_toml or os.path.join(os.path.dirname(os.path.abspath(args.content)), "site.toml"))
    publish_drafts = (settings.get("minutes") or {}).get("publish_drafts") is True
    allowed = [norm(a) for a in (settings.get("leak_gate") or {}).get("allow") or [] if isinstance(a, str) and norm(a)]
    src = load_sources(args.content, args.as_of, publish_drafts)
    public_short_norm = sorted({f for t in src.public_short for f in mask_forms(t) if f}, key=len)
    secret_probes, dropped = make_probes(src.secrets, src.public, public_short_norm, allowed)
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
    by_kind = {}
    for p in secret_probes:
        by_kind[probe_kind(p.label)] = by_kind.get(probe_kind(p.label), 0) + 1
    quoted = sum(1 for p in secret_probes if p.quoted)
    print(f"probes by kind: {', '.join(f'{v} {k}' for k, v in sorted(by_kind.items()))}"
          + (f"; {quoted} also in public sources of the same or a later day (quoted)" if quoted else ""))
    if args.list or args.sources_only:
        for p in secret_probes:
            print(f"  probe [{p.category}] {p.label}: {p.text[:100]!r}" + (f" (masked: {len(p.masks)})" if p.masks else "")
                  + (f" (also in the public source of the same or a later day {', '.join(p.quoted[:3])})" if p.quoted else ""))
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
            quoted = f" (quoted by the public source {', '.join(p.quoted[:3])})" if p.quoted else ""
            failures.append(f"LEAK [{p.category}] {p.label}: {p.text[:120]!r} found in {', '.join(hits[:5])}{quoted}")

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
    required = [p for p in secret_probes if p.category in REQUIRED]
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
    print(f"info: {other_found}/{len(other)} unpublished, withheld and lapsed-reason probes are in the confidential build (not required); "
          f"{public_found}/{len(public_probes)} public-text probes found in the public build")
    print(f"leaks: {len(secret_probes)} probes and {len(src.secret_files)} files scanned in "
          f"{len(public.files)} public files: {leaked + files_leaked + pages_leaked} found; "
          f"confidential control {len(required) - len(missing)}/{len(required)} probes found; "
          f"lapsed control {len(lapsed_probes) - len(lapsed_missing)}/{len(lapsed_probes)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
