#!/usr/bin/env bash
# The checks checked: each must pass on a small clean site and fail, with the right
# message, on a copy with one planted fault of the kind it looks for. Runs in a temporary
# folder; needs what checks/run-all.sh needs, but not quire.
#
#   bash checks/selftest.sh
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CHECKS=$(pwd)/checks
T=$(mktemp -d /tmp/quire-selftest.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

expect() { # description, expected exit (0|1), grep pattern ('' for none), command...
  local what=$1 want=$2 pattern=$3; shift 3
  local out code
  out=$("$@" 2>&1); code=$?
  if { [ "$want" = 0 ] && [ "$code" = 0 ]; } || { [ "$want" = 1 ] && [ "$code" != 0 ] && grep -qE -- "$pattern" <<<"$out"; }; then
    pass=$((pass + 1)); echo "ok   $what"
  else
    fail=$((fail + 1)); echo "FAIL $what (exit $code, wanted $want${pattern:+ and /$pattern/})"; sed 's/^/     | /' <<<"$out" | tail -n 15
  fi
}

# ---------------------------------------------------------------- a clean site
page() { # file title main-html
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<EOF
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>$2 - Test</title><link rel="stylesheet" href="/static/site.css"></head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/committees/">Committees</a></li></ul></nav></header>
<main id="main" tabindex="-1"><h1>$2</h1>
$3
</main>
<footer><p><a href="/committees/cabinet/2026-01-01/#item-1">First item</a></p></footer>
</body></html>
EOF
}
S=$T/good/output
mkdir -p "$S/static" "$T/good/content/committees/cabinet/2026-01-01"
cat >"$S/static/site.css" <<'EOF'
body { font-family: sans-serif; margin: 0 auto; padding: 0 15px; max-width: 40rem; line-height: 1.5; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1rem; }
nav a, footer a { display: inline-block; min-height: 44px; padding: 10px 0; }
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; display: block; padding: 10px; }
a:focus { outline: 3px solid #000; background: #fd0; }
EOF
page "$S/index.html" Home '<p>Welcome.</p>'
page "$S/404.html" 'Page not found' '<p>Check the address.</p>'
page "$S/committees/index.html" Committees '<p><a href="/committees/cabinet/">Cabinet</a></p>'
page "$S/committees/cabinet/index.html" Cabinet '<p><a href="2026-01-01/">Meeting</a></p>'
page "$S/committees/cabinet/2026-01-01/index.html" Meeting '<h2 id="item-1">1. Budget</h2><p><a href="budget/">Budget report</a>, <a href="agenda-pack.pdf">agenda pack (PDF)</a></p>'
page "$S/committees/cabinet/2026-01-01/budget/index.html" 'Budget report' '<p>The council will spend the money on roads and schools next year.</p>'
cat >"$S/sitemap.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://democracy.example.gov.uk/committees/cabinet/</loc></url></urlset>
EOF
# The search index's fragment of the budget report, as Pagefind writes one (gzip).
mkdir -p "$S/pagefind/fragment"
printf 'pagefind_dcd{"url":"/committees/cabinet/2026-01-01/budget/","content":"The council will spend the money on roads and schools next year.","meta":{"title":"Budget report"},"filters":{}}' \
  | gzip -n >"$S/pagefind/fragment/en_1234567.pf_fragment"
# A tagged PDF with a title, bookmarks and embedded fonts, as Chromium prints one.
profile=$(mktemp -d)
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
  --generate-pdf-document-outline --no-pdf-header-footer \
  --print-to-pdf="$S/committees/cabinet/2026-01-01/agenda-pack.pdf" \
  "file://$S/committees/cabinet/2026-01-01/budget/index.html" >/dev/null 2>&1
rm -rf "$profile"
cp "$S/committees/cabinet/2026-01-01/agenda-pack.pdf" "$T/good.pdf"

# Sources with one exempt document, and the two builds of them.
C=$T/good/content/committees/cabinet/2026-01-01
cat >"$C/meeting.yaml" <<'EOF'
date: 2026-01-01
agenda_published: 2025-12-20
items:
  - title: Budget
    documents: [budget.md]
  - title: Land sale at the Mill Lane depot
    public_title: Property matter
    exempt: { paragraphs: [3], reason: "Naming the buyer before contracts are exchanged would harm the sale." }
    documents: [land-sale.md]
    minutes_summary: "**Resolved:** That a council property be sold."
    decision:
      reasons: The offer is the best the council has had for the site in five years.
EOF
printf -- '---\ntitle: Budget report\nkind: report\n---\n\nThe council will spend the money on roads and schools next year.\n' >"$C/budget.md"
printf -- '---\ntitle: Sale of the depot\nkind: report\n---\n\nThe depot at Mill Lane will be sold to Acme Widgets for four hundred thousand pounds.\n' >"$C/land-sale.md"
# The minutes: the minute of exempt item 2 is withheld, its summary shown in its place.
cat >"$C/minutes.md" <<'EOF'
---
title: Minutes of the meeting held on 1 January 2026
kind: minutes
---

## Budget

The Cabinet agreed the budget for next year after a short debate.

## Property matter

The Cabinet heard that the buyer had offered more than the district valuer's figure for the depot.

**Resolved:** That a council property be sold.
EOF
# An officer's exempt decision: the public sees its title and the notice, at an address
# made from its date (its file name says what it is about).
mkdir -p "$T/good/content/decisions"
cat >"$T/good/content/decisions/2026-01-05-depot-reserve-price.md" <<'EOF'
---
title: Reserve price for a council property
decision_maker: { name: Jane Smith, post: Head of Property }
date: 2026-01-05
published: 2026-01-06
exempt: [3]
reasons: The district valuer put the depot at three hundred and ninety thousand pounds in December.
---

To accept the district valuer's figure for the Mill Lane depot as the reserve price.
EOF
NOTICE='<p>Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.</p>'
page "$S/committees/cabinet/2026-01-01/minutes/index.html" 'Minutes of the meeting held on 1 January 2026' \
  "<h2>1 Budget</h2><p>The Cabinet agreed the budget for next year after a short debate.</p><h2>2 Property matter</h2>$NOTICE<p>Public summary of this minute: Resolved: That a council property be sold.</p>"
page "$S/decisions/index.html" Decisions '<p><a href="officers/2026-01-05-exempt-1/">Reserve price for a council property</a></p>'
page "$S/decisions/officers/2026-01-05-exempt-1/index.html" 'Reserve price for a council property' \
  "<p>Decision maker: Jane Smith, Head of Property</p><p>The decision is exempt and is not published.</p>$NOTICE"
cat >"$S/feed.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Test council: Committee papers</title>
<id>https://democracy.example.gov.uk/</id>
<link href="https://democracy.example.gov.uk/"/>
<updated>2025-12-20T00:00:00Z</updated>
<author><name>Test council</name></author>
<entry>
<title>Papers published: Cabinet, Thursday 1 January 2026</title>
<id>https://democracy.example.gov.uk/committees/cabinet/2026-01-01/</id>
<link href="https://democracy.example.gov.uk/committees/cabinet/2026-01-01/"/>
<updated>2025-12-20T00:00:00Z</updated>
<summary>1. Budget; 2. Property matter</summary>
</entry>
</feed>
EOF
sed -e 's|Committee papers|Decisions|; s|https://democracy.example.gov.uk/</id>|https://democracy.example.gov.uk/decisions/</id>|' \
    -e 's|Papers published: Cabinet, Thursday 1 January 2026|Reserve price for a council property|' \
    -e 's|committees/cabinet/2026-01-01/|decisions/officers/2026-01-05-exempt-1/|g' \
    -e 's|2025-12-20T|2026-01-06T|g; s|<summary>.*</summary>|<summary>Jane Smith, Head of Property: the decision is exempt.</summary>|' \
    "$S/feed.xml" >"$S/decisions/feed.xml"
printf 'date,reference,title,decision_maker,url\n2026-01-05,Officer decision 2026-01-05-exempt-1,Reserve price for a council property,"Jane Smith, Head of Property",https://democracy.example.gov.uk/decisions/officers/2026-01-05-exempt-1/\n' >"$S/decisions/decisions.csv"
cp -r "$S" "$T/good/confidential"
page "$T/good/confidential/committees/cabinet/2026-01-01/index.html" Meeting '<h2 id="item-1">1. Budget</h2><p><a href="budget/">Budget report</a>, <a href="agenda-pack.pdf">agenda pack (PDF)</a></p><h2>2. Land sale at the Mill Lane depot</h2><p><a href="land-sale/">Sale of the depot</a></p>'
page "$T/good/confidential/committees/cabinet/2026-01-01/land-sale/index.html" 'Sale of the depot' \
  '<p>NOT FOR PUBLICATION</p><p>The depot at Mill Lane will be sold to <em>Acme Widgets</em> for four hundred thousand pounds.</p><p>Naming the buyer before contracts are exchanged would harm the sale.</p>'
page "$T/good/confidential/committees/cabinet/2026-01-01/minutes/index.html" 'Minutes of the meeting held on 1 January 2026' \
  "<h2>1 Budget</h2><p>The Cabinet agreed the budget for next year after a short debate.</p><h2>2 Property matter</h2>$NOTICE<p>The Cabinet heard that the buyer had offered more than the district valuer&rsquo;s figure for the depot.</p><p><strong>Resolved:</strong> That a council property be sold.</p><p>Reasons: The offer is the best the council has had for the site in five years.</p>"
page "$T/good/confidential/decisions/index.html" Decisions '<p><a href="officers/2026-01-05-depot-reserve-price/">Reserve price for a council property</a></p>'
page "$T/good/confidential/decisions/officers/2026-01-05-depot-reserve-price/index.html" 'Reserve price for a council property' \
  "<p>Decision maker: Jane Smith, Head of Property</p><p>To accept the district valuer&rsquo;s figure for the Mill Lane depot as the reserve price.</p>$NOTICE<p>Reasons: The district valuer put the depot at three hundred and ninety thousand pounds in December.</p>"

# The members' edition says what it is on every printed sheet, as quire's base.html does,
# and one of its pages prints on several sheets.
mark_print() { # folder
  find "$1" -name '*.html' -exec sed -i "s|</head>|<style media=\"print\">@page { margin-top: 2cm; @top-center { content: \"Members' edition: NOT FOR PUBLICATION\"; } }</style></head>|" {} +
}
mark_print "$T/good/confidential"
LONG=$(for i in $(seq 1 80); do printf '<p>Note %d on the valuation of the depot at Mill Lane.</p>' "$i"; done)
sed -i "s|</main>|$LONG</main>|" "$T/good/confidential/index.html"

run_in() { (cd "$1" && shift && "$@"); }
G=$T/good
expect "axe passes a clean site" 0 '' node "$CHECKS/browser.mjs" axe --site "$S" --content "$G/content"
expect "keyboard passes a clean site" 0 '' node "$CHECKS/browser.mjs" keyboard --site "$S" --content "$G/content"
expect "screenshots pass a clean site" 0 '' node "$CHECKS/browser.mjs" screenshots --site "$S" --content "$G/content" --artifacts "$T/art"
expect "print passes a members' edition marked on every sheet" 0 '' node "$CHECKS/browser.mjs" print --site "$G/confidential" --content "$G/content" --artifacts "$T/art"
expect "vnu passes a clean site" 0 '' node "$CHECKS/vnu.mjs" --site "$S"
expect "links pass a clean site" 0 '' python3 "$CHECKS/links.py" --site "$S" --base-url https://democracy.example.gov.uk
expect "pdf passes a tagged PDF" 0 '' python3 "$CHECKS/pdf.py" --site "$S"
expect "leaks pass a clean build" 0 '' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$G/content" --public "$S" --confidential "$G/confidential"
expect "feeds pass a clean site" 0 '' python3 "$CHECKS/feeds.py" --site "$S"

# ---------------------------------------------------------------- one fault each
bad() { rm -rf "$T/bad"; cp -r "$T/good" "$T/bad"; B=$T/bad/output; }
M=committees/cabinet/2026-01-01

bad; sed -i 's|<p>Welcome.</p>|<p>Welcome.</p><img src="/static/site.css">|' "$B/index.html"
expect "axe finds an image without alt text" 1 'image-alt' node "$CHECKS/browser.mjs" axe --site "$B"
bad; sed -i 's|<p>Welcome.</p>|<p style="color:#bbb">Welcome.</p>|' "$B/index.html"
expect "axe finds low contrast" 1 'color-contrast' node "$CHECKS/browser.mjs" axe --site "$B"
bad; sed -i 's|<p>Welcome.</p>|<img src="/static/missing.png" alt="A chart">|' "$B/index.html"
expect "axe finds an asset that fails to load" 1 'HTTP 404 for /static/missing.png' node "$CHECKS/browser.mjs" axe --site "$B"
bad; sed -i 's|<a class="skip" href="#main">Skip to main content</a>||' "$B/committees/index.html"
expect "keyboard finds a page without a skip link" 1 'not a skip link' node "$CHECKS/browser.mjs" keyboard --site "$B"
bad; echo 'nav a:focus { outline: none; background: none; }' >>"$B/static/site.css"
expect "keyboard finds a link without a focus indicator" 1 'shows no focus indicator' node "$CHECKS/browser.mjs" keyboard --site "$B"
bad; sed -i 's|<p>Welcome.</p>|<p>Welcome: <span style="display:inline-block;width:600px">wide</span></p>|' "$B/index.html"
expect "screenshots find a page wider than 320px" 1 'scrolls sideways at 320px' node "$CHECKS/browser.mjs" screenshots --site "$B" --artifacts "$T/art"
bad; sed -i 's|<style media="print">.*</style>||' "$T/bad/confidential/index.html"
expect "print finds a later sheet without the marking" 1 'printed sheet 2 of .* does not say' node "$CHECKS/browser.mjs" print --site "$T/bad/confidential" --artifacts "$T/art"
bad; sed -i "s|$LONG||" "$T/bad/confidential/index.html"
expect "print wants a page that prints on more than one sheet" 1 'no page printed on more than one sheet' node "$CHECKS/browser.mjs" print --site "$T/bad/confidential" --artifacts "$T/art"
bad; sed -i 's|<p>Welcome.</p>|<p><div>Welcome.</p>|' "$B/index.html"
expect "vnu finds invalid HTML" 1 'index.html:' node "$CHECKS/vnu.mjs" --site "$B"
bad; sed -i 's|href="budget/"|href="budgets/"|' "$B/$M/index.html"
expect "links find a missing page" 1 "'budgets/': no such file" python3 "$CHECKS/links.py" --site "$B"
bad; sed -i 's|#item-1|#item-9|' "$B/index.html"
expect "links find a missing anchor" 1 "no id 'item-9'" python3 "$CHECKS/links.py" --site "$B"
bad; sed -i 's|cabinet/</loc>|cabinet/old/</loc>|' "$B/sitemap.xml"
expect "links find a missing page in the sitemap (base_url link)" 1 "sitemap.xml: <loc>" python3 "$CHECKS/links.py" --site "$B" --base-url https://democracy.example.gov.uk
bad; python3 - "$B/$M/agenda-pack.pdf" <<'EOF'
import sys, pikepdf
with pikepdf.open(sys.argv[1], allow_overwriting_input=True) as pdf:
    del pdf.Root.MarkInfo
    pdf.Root.ViewerPreferences = pikepdf.Dictionary()
    pdf.save(sys.argv[1])
EOF
expect "pdf finds an untagged PDF" 1 'not tagged' python3 "$CHECKS/pdf.py" --site "$B"
expect "pdf finds a PDF whose title is not shown" 1 'DisplayDocTitle' python3 "$CHECKS/pdf.py" --site "$B"
bad; sed -i 's|<p>Welcome.</p>|<p>Welcome. The depot at Mill Lane will be sold to Acme Widgets for four hundred thousand pounds.</p>|' "$B/index.html"
expect "leaks find exempt text in a page" 1 'LEAK \[exempt\]' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|<p>Welcome.</p>|<p>Welcome. 2. Land sale at the Mill\&nbsp;Lane depot</p>|' "$B/index.html"
expect "leaks find the private title of an exempt item" 1 'LEAK \[exempt\].*title' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; printf 'pagefind_dcd{"url":"/x/","content":"Naming the buyer before contracts are exchanged would harm the sale.","meta":{}}' | gzip -n >"$B/pagefind/fragment/en_7654321.pf_fragment"
expect "leaks find a reason in a compressed search fragment" 1 'LEAK \[reason\]' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; python3 - "$B/$M/agenda-pack.pdf" <<'EOF'
import sys, pikepdf
with pikepdf.open(sys.argv[1], allow_overwriting_input=True) as pdf:
    pdf.Root.Outlines.First.Title = pikepdf.String("Sale of the depot to Acme Widgets")
    with pdf.open_metadata() as meta:
        meta["dc:description"] = "The depot at Mill Lane will be sold to Acme Widgets for four hundred thousand pounds."
    pdf.save(sys.argv[1])
EOF
expect "leaks find exempt text in PDF metadata" 1 'LEAK \[exempt\].*agenda-pack.pdf' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; mkdir -p "$B/$M/land-sale"; cp "$B/index.html" "$B/$M/land-sale/index.html"
expect "leaks find the page of an exempt document" 1 'LEAK \[exempt\] the page of' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; rm -rf "$T/bad/confidential/$M/land-sale"
expect "leaks' positive control fails when the confidential build lacks the text" 1 'CONTROL \[exempt\]' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|exempt: { paragraphs: \[3\],|exempt: { paragraphs: [3], until: 2026-06-01,|' "$T/bad/content/$M/meeting.yaml"
expect "leaks want a lapsed exemption public again" 1 'CONTROL \[lapsed\]' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"

bad; sed -i 's|<p>Welcome.</p>|<p>Welcome. The Cabinet heard that the buyer had offered more than the district valuer\&#39;s figure for the depot.</p>|' "$B/index.html"
expect "leaks find the minute of an exempt item in a page" 1 'LEAK \[exempt\].*minutes.md minute 2 ' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; printf '\nThe Cabinet heard that the buyer had offered more than the district valuer'"'"'s figure for the depot.\n' >>"$T/bad/content/$M/budget.md"
sed -i 's|next year.</p>|next year.</p><p>The Cabinet heard that the buyer had offered more than the district valuer’s figure for the depot.</p>|' "$B/$M/budget/index.html"
expect "leaks find an exempt minute quoted by a public paper of the same meeting" 1 'LEAK \[exempt\].*minute 2 .*quoted by the public source' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|<summary>Jane Smith, Head of Property: the decision is exempt.</summary>|<summary>To accept the district valuer\&#39;s figure for the Mill Lane depot as the reserve price.</summary>|' "$B/decisions/feed.xml"
expect "leaks find an exempt officer decision in a feed" 1 'LEAK \[exempt\] decisions/2026-01-05-depot-reserve-price.md decision.*decisions/feed.xml' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|,https://democracy|,The district valuer put the depot at three hundred and ninety thousand pounds in December.,https://democracy|; 1s|,url|,reasons,url|' "$B/decisions/decisions.csv"
expect "leaks find an exempt officer decision's reasons in a CSV" 1 'LEAK \[exempt\] decisions/.* reasons' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|Public summary of this minute:|The offer is the best the council has had for the site in five years.|' "$B/$M/minutes/index.html"
expect "leaks find an exempt item's decision reasons in the public minutes" 1 'LEAK \[exempt\].*decision reasons' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|2026-01-05-exempt-1|2026-01-05-depot-reserve-price|g' "$B/decisions/decisions.csv"
expect "leaks find an exempt officer decision's file name" 1 'LEAK \[exempt\] decisions/.* file name' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; sed -i 's|^exempt: \[3\]|draft: true|' "$T/bad/content/decisions/2026-01-05-depot-reserve-price.md"
cp -r "$T/bad/confidential/decisions/officers/2026-01-05-depot-reserve-price" "$B/decisions/officers/"
expect "leaks find the page of a draft officer decision" 1 'LEAK \[draft\] the page of decisions/' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; rm -rf "$T/bad/confidential/$M/minutes"
expect "leaks' positive control fails when the members' edition lacks an exempt minute" 1 'CONTROL \[exempt\].*minute 2 ' python3 "$CHECKS/leaks.py" --as-of 2026-11-22 --content "$T/bad/content" --public "$B" --confidential "$T/bad/confidential"
bad; head -c 400 "$G/output/feed.xml" >"$B/feed.xml"
expect "feeds find a malformed feed" 1 'feed.xml: malformed feed' python3 "$CHECKS/feeds.py" --site "$B"
bad; sed -i '/<link href="https:\/\/democracy.example.gov.uk\/decisions\/officers/d' "$B/decisions/feed.xml"
expect "feeds find an entry without a link" 1 'decisions/feed.xml: entry 1 .*has no link' python3 "$CHECKS/feeds.py" --site "$B"
bad; sed -i 's|<entry>|<!--|; s|</entry>|-->|' "$B/feed.xml"
expect "feeds find a feed without entries" 1 'feed.xml: the feed has no entries' python3 "$CHECKS/feeds.py" --site "$B"
bad; sed -i 's|^2026-01-05,Officer decision|2026-01-05,Officer, decision|' "$B/decisions/decisions.csv"
expect "feeds find a CSV row with too many fields" 1 'decisions.csv: row 2 .*has 6 fields, the header 5' python3 "$CHECKS/feeds.py" --site "$B"

echo "selftest: $((pass + fail)) expectations, $fail failed"
[ "$fail" = 0 ]
