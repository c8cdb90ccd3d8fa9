#!/usr/bin/env bash
# Build the example site (public and confidential) and run the independent checks on it.
#
#   checks/run-all.sh [--no-build] [--as-of YYYY-MM-DD] [CHECK...]
#
# CHECKs: axe keyboard screenshots print vnu links pdf leaks feeds (default: all these), and
# selftest (each check passes a clean fixture and catches planted faults; CI runs it).
# Needs: Debian's chromium and poppler-utils, Java, Node.js, and the Python packages in
# checks/requirements.txt; `bash .ci/run` installs them all, then runs this.
#
# The binary is the one `cargo test` builds (target/debug/quire, the dev profile):
# `cargo test --no-run` makes sure it is up to date and costs nothing after `cargo test`.
# --no-build skips that and uses target/debug/quire (or $QUIRE_BIN) as it is.
#
# Each check prints its findings and one closing line; this script ends with one line per
# check and `N passed, M failed`, and exits 1 if any failed. Logs and screenshots go to
# checks/artifacts/ (git-ignored).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
START=${QUIRE_CI_START:-$(date +%s)}
AS_OF=2026-11-22
BUILD=1
ALSO=()
CHECKS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --as-of) AS_OF=$2; shift ;;
    --also) ALSO+=("$2"); shift ;; # NAME:EXIT:SECONDS:SUMMARY of a step run before (.ci/run's)
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) CHECKS+=("$1") ;;
  esac
  shift
done
[ ${#CHECKS[@]} -gt 0 ] || CHECKS=(axe keyboard screenshots print vnu links pdf leaks feeds search-years)

ART="$ROOT/checks/artifacts"
mkdir -p "$ART"
QUIRE_BIN=${QUIRE_BIN:-$ROOT/target/debug/quire}
NAMES=() RESULTS=() SUMMARIES=() TIMES=()

record() { # name exit summary seconds
  NAMES+=("$1") RESULTS+=("$2") SUMMARIES+=("$3") TIMES+=("$4")
}

finish() {
  echo
  echo "== summary (as of $AS_OF) =="
  local passed=0 failed=0 i
  for i in "${!NAMES[@]}"; do
    if [ "${RESULTS[$i]}" = 0 ]; then passed=$((passed + 1)); s=ok; else failed=$((failed + 1)); s=FAILED; fi
    printf '%-7s %-12s %5ss  %s\n' "$s" "${NAMES[$i]}" "${TIMES[$i]}" "${SUMMARIES[$i]}"
  done
  echo "total time: $(( $(date +%s) - START ))s; logs and screenshots in checks/artifacts/"
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}

for a in "${ALSO[@]}"; do
  IFS=: read -r name code secs summary <<<"$a"
  record "$name" "$code" "$summary" "$secs"
done

# ---------------------------------------------------------------- tools
missing=()
command -v node >/dev/null || missing+=("node (Node.js 20)")
command -v java >/dev/null || missing+=("java (apt-get install default-jre-headless)")
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=("chromium (apt-get install chromium)")
command -v pdftotext >/dev/null || missing+=("pdftotext (apt-get install poppler-utils)")
python3 -c 'import pikepdf, yaml, feedparser' 2>/dev/null || missing+=("pikepdf, PyYAML, feedparser (pip install -r checks/requirements.txt)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'missing: %s\n' "${missing[@]}"
  echo "(bash .ci/run installs everything, as root on Debian)"
  record tools 1 "missing: ${missing[*]}" 0
  finish
fi
# npm packages: installed from checks/package-lock.json when missing or older than it.
if [ ! -f checks/node_modules/.package-lock.json ] || [ checks/package-lock.json -nt checks/node_modules/.package-lock.json ] \
   || [ ! -f checks/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  (cd checks && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || { record npm 1 "npm ci failed" 0; finish; }
fi

# ---------------------------------------------------------------- build
t0=$(date +%s)
if [ "$BUILD" = 1 ]; then
  echo "== cargo test --no-run (the binary the tests use) =="
  cargo test --no-run --quiet || { record build 1 "cargo test --no-run failed" $(( $(date +%s) - t0 )); finish; }
  [ -x "$QUIRE_BIN" ] || cargo build --quiet || { record build 1 "cargo build failed" $(( $(date +%s) - t0 )); finish; }
fi
if [ ! -x "$QUIRE_BIN" ]; then
  record build 1 "no binary at $QUIRE_BIN (run cargo test first)" 0
  finish
fi
echo "== build the example site with $QUIRE_BIN, as of $AS_OF =="
rm -rf output confidential
if ! "$QUIRE_BIN" build --as-of "$AS_OF" >"$ART/build-public.log" 2>&1; then
  cat "$ART/build-public.log"
  record build 1 "quire build --as-of $AS_OF failed" $(( $(date +%s) - t0 ))
  finish
fi
if ! "$QUIRE_BIN" build --confidential --as-of "$AS_OF" >"$ART/build-confidential.log" 2>&1; then
  cat "$ART/build-confidential.log"
  record build 1 "quire build --confidential --as-of $AS_OF failed" $(( $(date +%s) - t0 ))
  finish
fi
tail -n 3 "$ART/build-public.log" "$ART/build-confidential.log"
for d in output confidential; do
  [ -f "$d/index.html" ] || { record build 1 "no $d/index.html after the build" $(( $(date +%s) - t0 )); finish; }
done
record build 0 "output/: $(find output -type f | wc -l) files, confidential/: $(find confidential -type f | wc -l) files" $(( $(date +%s) - t0 ))

# ---------------------------------------------------------------- checks
run_check() { # name command...
  local name=$1; shift
  echo
  echo "== $name =="
  local t=$(date +%s) code
  timeout 1200 "$@" 2>&1 | tee "$ART/$name.log"
  code=${PIPESTATUS[0]}
  local summary
  summary=$(grep -E "^$name: " "$ART/$name.log" | tail -n 1)
  [ -n "$summary" ] || summary="$name: no closing line (exit $code)"
  [ "$code" = 0 ] || [ "$code" != 124 ] || summary="$summary (timed out)"
  record "$name" "$code" "$summary" $(( $(date +%s) - t ))
}

for c in "${CHECKS[@]}"; do
  case "$c" in
    axe|keyboard|screenshots) run_check "$c" node checks/browser.mjs "$c" --site output --content content --artifacts checks/artifacts ;;
    print) run_check print node checks/browser.mjs print --site confidential --content content --artifacts checks/artifacts ;;
    vnu) run_check vnu node checks/vnu.mjs --site output ;;
    links) run_check links python3 checks/links.py --site output --site-toml site.toml ;;
    pdf) run_check pdf python3 checks/pdf.py --site output ;;
    selftest) run_check selftest bash checks/selftest.sh ;;
    leaks) run_check leaks python3 checks/leaks.py --as-of "$AS_OF" --content content --public output --confidential confidential ;;
    feeds) run_check feeds python3 checks/feeds.py --site output ;;
    search-years) run_check search-years node checks/search_years.mjs --bin "$QUIRE_BIN" ;;
    *) record "$c" 1 "unknown check $c" 0 ;;
  esac
done
finish
