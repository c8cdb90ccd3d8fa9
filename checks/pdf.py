#!/usr/bin/env python3
"""Every PDF of the built site is an accessible PDF, as far as its structure shows.

    python3 checks/pdf.py [--site output]

For each PDF (agenda packs and appendices alike), with pikepdf:
  tagged      /MarkInfo /Marked true, and a /StructTreeRoot with children (/K)
  language    a non-empty /Lang in the catalog
  title       a non-empty title (document info /Title or XMP dc:title), shown as the
              window title: /ViewerPreferences /DisplayDocTitle true
  bookmarks   an /Outlines tree with at least one entry
  fonts       every font used by pages, forms and annotation appearances is embedded
              (Type3 fonts carry their glyphs; others need a FontFile, FontFile2 or FontFile3)
"""

import argparse
import os
import sys

import pikepdf


def text(obj):
    try:
        return str(obj).strip()
    except Exception:
        return ""


def xmp_title(pdf):
    try:
        meta = pdf.open_metadata()
        return (meta.get("dc:title") or "").strip()
    except Exception:
        return ""


def font_embedded(font):
    """(embedded?, name) for one font dictionary."""
    subtype = font.get("/Subtype")
    name = text(font.get("/BaseFont", "")) or text(subtype)
    if subtype == "/Type3":
        return True, name
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return False, name
        font = descendants[0]
    desc = font.get("/FontDescriptor")
    if desc is None:
        return False, name
    return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def fonts_in(resources, seen, out):
    """Collect font dictionaries reachable from a /Resources dictionary."""
    if resources is None or not isinstance(resources, pikepdf.Dictionary):
        return
    for _, font in (resources.get("/Font") or {}).items():
        key = font.objgen if font.is_indirect else id(font)
        if key in seen:
            continue
        seen.add(key)
        out.append(font)
        if font.get("/Subtype") == "/Type3":
            fonts_in(font.get("/Resources"), seen, out)
    for _, xobj in (resources.get("/XObject") or {}).items():
        key = xobj.objgen if xobj.is_indirect else id(xobj)
        if key in seen:
            continue
        seen.add(key)
        if xobj.get("/Subtype") == "/Form":
            fonts_in(xobj.get("/Resources"), seen, out)
    for _, pattern in (resources.get("/Pattern") or {}).items():
        if isinstance(pattern, (pikepdf.Dictionary, pikepdf.Stream)):
            fonts_in(pattern.get("/Resources"), seen, out)


def all_fonts(pdf):
    seen, out = set(), []
    for page in pdf.pages:
        fonts_in(page.obj.get("/Resources"), seen, out)
        for annot in page.obj.get("/Annots", []):
            ap = annot.get("/AP")
            if ap is None:
                continue
            for _, appearance in ap.items():
                streams = [appearance] if isinstance(appearance, pikepdf.Stream) else [v for _, v in appearance.items()]
                for s in streams:
                    if isinstance(s, pikepdf.Stream):
                        fonts_in(s.get("/Resources"), seen, out)
    acro = pdf.Root.get("/AcroForm")
    if acro is not None:
        fonts_in(acro.get("/DR"), seen, out)
    return out


def check(path):
    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        mark = root.get("/MarkInfo")
        if mark is None or mark.get("/Marked") is not True:
            problems.append("not tagged: /MarkInfo /Marked is not true")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            problems.append("no /StructTreeRoot")
        elif tree.get("/K") is None or (isinstance(tree.K, pikepdf.Array) and len(tree.K) == 0):
            problems.append("the /StructTreeRoot is empty (no /K)")
        if not text(root.get("/Lang", "")):
            problems.append("no /Lang")
        title = text(pdf.docinfo.get("/Title", "")) if pdf.docinfo is not None else ""
        title = title or xmp_title(pdf)
        if not title:
            problems.append("no title (neither /Info /Title nor XMP dc:title)")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or prefs.get("/DisplayDocTitle") is not True:
            problems.append("the title is not shown: /ViewerPreferences /DisplayDocTitle is not true")
        outlines = root.get("/Outlines")
        if outlines is None or outlines.get("/First") is None:
            problems.append("no bookmarks (/Outlines is missing or empty)")
        unembedded = sorted({name for ok, name in map(font_embedded, all_fonts(pdf)) if not ok})
        if unembedded:
            problems.append("fonts not embedded: " + ", ".join(unembedded))
        return problems, len(pdf.pages), title


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", default="output")
    args = ap.parse_args()
    pdfs = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(args.site) for f in fs if f.lower().endswith(".pdf")
    )
    if not pdfs:
        print(f"pdf: no PDF in {args.site}/: expected agenda packs")
        return 1
    failed = 0
    for path in pdfs:
        rel = os.path.relpath(path, args.site)
        try:
            problems, pages, title = check(path)
        except Exception as e:
            problems, pages, title = [f"cannot open: {e}"], 0, ""
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {rel}: {p}")
        else:
            print(f"ok   {rel}: {pages} pages, tagged, lang, title {title!r}, bookmarks, fonts embedded")
    print(f"pdf: {len(pdfs)} PDFs, {failed} failed (tagged, language, shown title, bookmarks, embedded fonts)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
