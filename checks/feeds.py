#!/usr/bin/env python3
"""Feed and spreadsheet check: every Atom feed and CSV file of the public build reads
cleanly in the tools people subscribe and open them with.

    python3 checks/feeds.py --site output

Atom feeds: `feed.xml` (the site's feed, linked from every page), `decisions/feed.xml`
(the decisions register's, whenever the register `decisions/` exists) and any other
`*.xml` file whose root element is an Atom `feed` (a file that is not even well-formed
counts when its first element is `feed`). Each is parsed with the `feedparser` library,
as feed readers do, and fails when feedparser flags it as malformed (`bozo`), when the
feed has no title, id or updated, when it has no entries, or when an entry lacks an id,
a title, a link or an updated date that parses.

CSV files: `decisions/decisions.csv` (whenever `decisions/` exists),
`members/attendance.csv` (whenever `members/attendance/` exists) and any other `*.csv`
file. Each must be UTF-8, have a header row, and every row must have the header's number
of fields, read with Python's csv module.

Prints each problem and a closing line `feeds: ...`; exits 1 if there is any problem.
"""

import argparse
import csv
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?feed[\s>/]", re.S)


def root_tag(path):
    """The root element's tag, or None when the file is not well-formed XML."""
    try:
        for _, elem in ET.iterparse(path, events=("start",)):
            return elem.tag
    except ET.ParseError:
        return None
    return None


def is_atom_feed(path, data):
    tag = root_tag(path)
    if tag is not None:
        return tag == ATOM + "feed"
    return bool(FEED_START.match(data[:4096]))  # malformed, but meant as a feed


def check_feed(rel, data, problems):
    """Parse one feed with feedparser; returns its number of entries."""
    import feedparser

    d = feedparser.parse(data)
    if d.bozo:
        problems.append(f"{rel}: malformed feed (feedparser: {type(d.bozo_exception).__name__}: {d.bozo_exception})")
    if d.get("version") != "atom10":
        problems.append(f"{rel}: not read as Atom 1.0 (feedparser version {d.get('version')!r})")
    # Raw dict reads: FeedParserDict would stand `published` in for a missing `updated`.
    feed = d.feed
    for key in ("title", "id", "updated"):
        if not str(dict.get(feed, key) or "").strip():
            problems.append(f"{rel}: the feed has no {key}")
    if dict.get(feed, "updated") and not dict.get(feed, "updated_parsed"):
        problems.append(f"{rel}: the feed's updated date {dict.get(feed, 'updated')!r} does not parse")
    if not d.entries:
        problems.append(f"{rel}: the feed has no entries")
    for n, e in enumerate(d.entries, 1):
        raw = lambda k: dict.get(e, k)  # noqa: E731
        name = f"{rel}: entry {n}" + (f" ({raw('id') or raw('title')})" if raw("id") or raw("title") else "")
        # feedparser makes up a link from an id that is a web address: look at the
        # entry's own <link> elements instead.
        has_link = any(str(link.get("href", "")).strip() and link.get("rel", "alternate") == "alternate"
                       for link in raw("links") or [])
        missing = [k for k in ("id", "title", "link", "updated")
                   if not (has_link if k == "link" else str(raw(k) or "").strip())]
        if missing:
            problems.append(f"{name} has no {', '.join(missing)}")
        if raw("updated") and not raw("updated_parsed"):
            problems.append(f"{name}: updated date {raw('updated')!r} does not parse")
    return len(d.entries)


def check_csv(rel, data, problems):
    """Every row of one CSV file has the header's number of fields; returns its rows."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.append(f"{rel}: not UTF-8 ({err})")
        return 0
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        problems.append(f"{rel}: cannot be read as CSV ({err})")
        return 0
    if not rows or not any(c.strip() for c in rows[0]):
        problems.append(f"{rel}: no header row")
        return 0
    width = len(rows[0])
    bad = [(n, len(r)) for n, r in enumerate(rows[1:], 2) if len(r) != width]
    for n, got in bad[:10]:
        problems.append(f"{rel}: row {n} (the header is row 1) has {got} fields, the header {width}")
    if len(bad) > 10:
        problems.append(f"{rel}: {len(bad) - 10} more rows with the wrong number of fields")
    return len(rows) - 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", default="output")
    args = ap.parse_args()
    site = args.site
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"feeds: no site at {site}/")
        return 1
    try:
        import feedparser  # noqa: F401
    except ImportError:
        print("feeds: feedparser is missing (pip install -r checks/requirements.txt)")
        return 1

    files = sorted(os.path.relpath(os.path.join(d, f), site).replace(os.sep, "/")
                   for d, _, fs in os.walk(site) for f in fs)
    problems = []
    # What the output layout promises.
    expected_feeds = {"feed.xml"}
    expected_csv = set()
    if os.path.isdir(os.path.join(site, "decisions")):
        expected_feeds.add("decisions/feed.xml")
        expected_csv.add("decisions/decisions.csv")
    if os.path.isdir(os.path.join(site, "members", "attendance")):
        expected_csv.add("members/attendance.csv")
    for rel in sorted((expected_feeds | expected_csv) - set(files)):
        problems.append(f"{rel}: missing")

    feeds = entries = csvs = rows = 0
    for rel in files:
        low = rel.lower()
        path = os.path.join(site, rel)
        if low.endswith(".xml") or rel in expected_feeds:
            with open(path, "rb") as f:
                data = f.read()
            if rel in expected_feeds or is_atom_feed(path, data):
                feeds += 1
                entries += check_feed(rel, data, problems)
        elif low.endswith(".csv"):
            with open(path, "rb") as f:
                data = f.read()
            csvs += 1
            rows += check_csv(rel, data, problems)

    for p in problems:
        print("FAIL " + p)
    print(f"feeds: {feeds} Atom feeds ({entries} entries) and {csvs} CSV files ({rows} rows) read; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
