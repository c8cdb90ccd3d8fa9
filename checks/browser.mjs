// Checks of the built site in a real browser: Debian's Chromium, headless, driven by
// playwright-core, with the site served on 127.0.0.1.
//
//   node checks/browser.mjs axe          [--site output] [--content content]
//   node checks/browser.mjs keyboard     [--site output] [--content content]
//   node checks/browser.mjs screenshots  [--site output] [--content content] [--artifacts checks/artifacts]
//   node checks/browser.mjs search       [--site output] [--query WORDS]...
//   node checks/browser.mjs print        [--site confidential] [--content content] [--artifacts checks/artifacts]
//
// axe:         every HTML page, axe-core with the WCAG 2.0/2.1/2.2 A and AA rules; also
//              every failed request (a 4xx/5xx asset) and every console error or page error.
// keyboard:    one page of each type: the first Tab reaches a skip link that is visible,
//              Enter on it moves focus into its target, and every later Tab stop is
//              visible, unobscured and has a focus indicator.
// screenshots: one page of each type at 320 and 1280 CSS pixels wide, full page, into
//              <artifacts>/screenshots/; and every page at 320 px must not scroll sideways
//              (WCAG 1.4.10 reflow).
// search:      a measurement, not a judge: for each query (default: report, committee,
//              fostering; a query with '=' is a whole address query, as q=x&year=2021), a
//              fresh page opens /search/?q=QUERY and prints the time until the results
//              are shown and the bytes of every file fetched from /pagefind/, largest
//              groups first. Fails only if a search never shows its results.
// print:       the members' edition as a councillor prints it: one page of each type,
//              printed by Chromium on A4 into <artifacts>/print/, and every printed sheet
//              must say "Members' edition: NOT FOR PUBLICATION" (the banner on screen
//              prints on the first sheet only). Each sheet's text is read by poppler's
//              pdftotext. At least one page must print on more than one sheet.
// Each prints its problems, then one closing line, and exits 1 if it found any.

import { createRequire } from 'node:module';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { sitePages, onePerType } from './site.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');

const WANTED_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function parseArgs(argv) {
  const opts = { cmd: argv[0], site: 'output', content: 'content', artifacts: 'checks/artifacts', queries: [] };
  for (let i = 1; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--site') opts.site = v, i++;
    else if (k === '--content') opts.content = v, i++;
    else if (k === '--artifacts') opts.artifacts = v, i++;
    else if (k === '--query') opts.queries.push(v), i++;
    else throw new Error(`unknown argument ${k}`);
  }
  if (!['axe', 'keyboard', 'screenshots', 'search', 'print'].includes(opts.cmd)) {
    throw new Error('usage: node checks/browser.mjs axe|keyboard|screenshots|search|print [--site DIR] [--content DIR] [--artifacts DIR] [--query WORDS]');
  }
  return opts;
}

async function withBrowser(fn) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'quire-chromium-'));
  // launchPersistentContext is playwright's way to give Chromium its own --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
    reducedMotion: 'reduce',
  });
  try {
    return await fn(context);
  } finally {
    await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- axe

// Opens a page; a page whose content a script makes (search results) is waited for.
async function open(page, origin, p) {
  const resp = await page.goto(origin + p.url, { waitUntil: 'load' });
  if (p.wait) {
    await page.waitForSelector(p.wait, { timeout: 15000 }).catch(() => {
      console.log(`FAIL ${p.url} [${p.type}]: ${p.wait} never appeared`);
      p.failed = true;
    });
    // The first results show before the script has fetched all it asks for (the other
    // shards of the search index): leaving the page then aborts those requests, which
    // the listeners would count as assets that failed to load. On a busy machine this
    // happened (CI of 3 December 2026), so the page is left only once the network is
    // quiet. A request that really fails is still reported.
    await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
  }
  return resp;
}

async function checkAxe(context, origin, pages) {
  const known = new Set(axe.getRules().flatMap((r) => r.tags));
  const tags = WANTED_TAGS.filter((t) => known.has(t));
  const missing = WANTED_TAGS.filter((t) => !known.has(t));
  if (missing.length) console.log(`axe-core ${axe.version} has no rules tagged ${missing.join(', ')}; running ${tags.join(', ')}`);

  let violations = 0, nodes = 0, incomplete = 0, requestProblems = 0, consoleProblems = 0;
  const page = await context.newPage();
  let current = null;
  const noteRequest = (msg) => { requestProblems++; console.log(`FAIL ${current}: ${msg}`); };
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText;
    const url = r.url().replace(origin, '');
    // A request the browser gave up on (the page left, or a fetch ahead of time that
    // Pagefind's own request overtook) is not an asset that failed to load: a missing
    // file answers 404, which the response listener reports. CI of 3 December 2026 on a
    // busy machine counted the search page's `pagefind-entry.json` so, after the page
    // was already waited on until the network was quiet.
    if (why === 'net::ERR_ABORTED') { console.log(`note ${current}: request abandoned (not counted): ${url}`); return; }
    noteRequest(`request failed: ${url} (${why})`);
  });
  page.on('response', (r) => {
    // The page's own status is checked below; 404.html is served with 404 only for missing paths.
    if (r.status() >= 400 && r.request().resourceType() !== 'document') noteRequest(`HTTP ${r.status()} for ${r.url().replace(origin, '')}`);
  });
  page.on('console', (m) => {
    // "Failed to load resource" repeats what the response listener reports (and covers
    // the favicon that Chromium asks for by itself), so it is left to that listener.
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) { consoleProblems++; console.log(`FAIL ${current}: console error: ${m.text()}`); }
  });
  page.on('pageerror', (e) => { consoleProblems++; console.log(`FAIL ${current}: page error: ${e.message}`); });

  for (const p of pages) {
    current = p.url;
    const resp = await open(page, origin, p);
    if (!resp || resp.status() !== 200) noteRequest(`page answered HTTP ${resp?.status()}`);
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
      const slim = (list) => list.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, tags: v.tags.filter((t) => /^wcag/.test(t)),
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      }));
      return { violations: slim(r.violations), incomplete: slim(r.incomplete) };
    }, tags);
    for (const v of result.violations) {
      violations++;
      nodes += v.nodes.length;
      console.log(`FAIL ${p.url} [${p.type}]: ${v.id} (${v.impact}; ${v.tags.join(', ')}): ${v.help}`);
      for (const n of v.nodes.slice(0, 10)) {
        console.log(`    at ${n.target}\n       ${n.html.slice(0, 200)}\n       ${(n.summary ?? '').replace(/\n/g, '\n       ')}`);
      }
      if (v.nodes.length > 10) console.log(`    ... and ${v.nodes.length - 10} more elements`);
    }
    for (const v of result.incomplete) {
      incomplete += v.nodes.length;
      console.log(`note ${p.url}: needs review (not counted): ${v.id}: ${v.help} (${v.nodes.length} elements, first ${v.nodes[0]?.target})`);
    }
  }

  // A missing path gets the 404 page with status 404.
  current = '/no-such-page/';
  page.removeAllListeners('response');
  const resp = await page.goto(origin + '/this-page-does-not-exist-quire-check/', { waitUntil: 'load' });
  if (resp.status() !== 404) noteRequest(`a missing path answered HTTP ${resp.status()}, not 404`);
  await page.close();

  console.log(`axe: ${pages.length} pages, ${violations} violations (${nodes} elements), ${requestProblems} failed requests, ${consoleProblems} console errors; ${incomplete} elements need review; rules: ${tags.join(' ')}`);
  const unready = pages.filter((p) => p.failed).length;
  return violations + requestProblems + consoleProblems + unready === 0;
}

// ---------------------------------------------------------------- keyboard

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"], audio[controls], video[controls]';
// Computed style properties a focus indicator may change.
const FOCUS_PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
  'background-color', 'color', 'border-top-color', 'border-bottom-color', 'border-top-width',
  'border-bottom-width', 'text-decoration-line', 'text-decoration-thickness', 'text-decoration-color',
  'text-underline-offset'];

// Runs in the page: marks every focusable element with a key and returns its unfocused style.
function markFocusable([selector, props]) {
  return [...document.querySelectorAll(selector)].map((el, i) => {
    el.setAttribute('data-quire-check-key', String(i));
    const cs = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
  });
}

// Runs in the page: a description of the focused element and whether it shows focus.
function focusState([before, props]) {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const describe = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    const href = e.getAttribute('href');
    if (href) s += `[href="${href}"]`;
    const text = (e.innerText || e.getAttribute('aria-label') || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return text ? `${s} "${text}"` : s;
  };
  const cs = getComputedStyle(el);
  const style = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
  const key = el.getAttribute('data-quire-check-key');
  const base = key !== null ? before[key] : null;
  const outline = style['outline-style'] !== 'none' && parseFloat(style['outline-width']) > 0;
  const shadow = style['box-shadow'] !== 'none';
  // An outline shows only when its style is not none; its offset or colour alone is no change.
  const changed = base ? props.filter((p) => !p.startsWith('outline') && base[p] !== style[p]) : [];
  const r = el.getBoundingClientRect();
  const vw = window.innerWidth, vh = window.innerHeight;
  const visible = r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0;
  const inView = r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
  let obscuredBy = null;
  if (visible && inView) {
    const x = Math.min(Math.max(r.left + r.width / 2, 1), vw - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 1), vh - 1);
    const hit = document.elementFromPoint(x, y);
    if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) obscuredBy = describe(hit);
  }
  return {
    none: false, desc: describe(el), tag: el.tagName.toLowerCase(), href: el.getAttribute('href'),
    text: (el.innerText || '').trim(), visible, inView, obscuredBy,
    indicator: outline || shadow || changed.length > 0,
    how: outline ? 'outline' : shadow ? 'box-shadow' : changed.join(','),
    key,
  };
}

async function checkKeyboardPage(page, origin, p) {
  const problems = [];
  await open(page, origin, p);
  await page.mouse.move(0, 0);
  // Unfocused styles of everything focusable, to tell whether focus changes the look.
  const before = await page.evaluate(markFocusable, [FOCUSABLE, FOCUS_PROPS]);

  // 1. The first Tab stop is the skip link, and it shows when focused.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(focusState, [before, FOCUS_PROPS]);
  let skipTarget = null;
  if (first.none) {
    problems.push('the first Tab focused nothing');
  } else {
    if (first.tag !== 'a' || !first.href || !first.href.startsWith('#') || first.href.length < 2) {
      problems.push(`the first Tab stop is ${first.desc}, not a skip link (an <a href="#...">)`);
    } else {
      skipTarget = first.href.slice(1);
      if (!/skip|jump|main content/i.test(first.text)) problems.push(`the first Tab stop ${first.desc} does not read as a skip link`);
      const exists = await page.evaluate((id) => !!document.getElementById(decodeURIComponent(id)), skipTarget);
      if (!exists) problems.push(`the skip link points to #${skipTarget}, which is not on the page`);
    }
    if (!first.visible || !first.inView) problems.push(`the skip link ${first.desc} is not visible when focused`);
    else if (first.obscuredBy) problems.push(`the skip link ${first.desc} is covered by ${first.obscuredBy} when focused`);
  }

  // 2. Enter on the skip link moves the focus navigation point into its target.
  if (skipTarget) {
    await page.keyboard.press('Enter');
    await page.waitForTimeout(50);
    await page.keyboard.press('Tab');
    const where = await page.evaluate((id) => {
      const target = document.getElementById(decodeURIComponent(id));
      const el = document.activeElement;
      if (!target || !el || el === document.body) return 'nothing';
      if (target.contains(el) || (target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) return 'ok';
      return el.outerHTML.slice(0, 120);
    }, skipTarget);
    if (where !== 'ok') problems.push(`after Enter on the skip link, Tab went to ${where}, not into #${skipTarget}`);
  }

  // 3. Every Tab stop from the top is visible, unobscured and shows focus.
  await open(page, origin, p);
  await page.mouse.move(0, 0);
  await page.evaluate(markFocusable, [FOCUSABLE, FOCUS_PROPS]);
  const LIMIT = 150;
  let stops = 0;
  let firstKey = null;
  const hows = [];
  for (let i = 0; i < LIMIT; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(focusState, [before, FOCUS_PROPS]);
    if (s.none) break; // left the document: every stop visited
    if (i > 0 && s.key !== null && s.key === firstKey) break; // wrapped round
    if (i === 0) firstKey = s.key;
    stops++;
    hows.push(`${s.desc}: ${s.how}`);
    if (i === 0 && s.href && s.href.startsWith('#')) continue; // the skip link, checked above
    if (!s.visible) problems.push(`Tab stop ${i + 1} ${s.desc} is invisible (no size, hidden or transparent)`);
    else if (!s.inView) problems.push(`Tab stop ${i + 1} ${s.desc} is outside the viewport when focused`);
    else if (s.obscuredBy) problems.push(`Tab stop ${i + 1} ${s.desc} is covered by ${s.obscuredBy} when focused`);
    if (s.visible && !s.indicator) problems.push(`Tab stop ${i + 1} ${s.desc} shows no focus indicator (no outline, shadow or style change)`);
  }
  return { problems, stops, hows };
}

async function checkKeyboard(context, origin, pages) {
  const reps = onePerType(pages);
  const page = await context.newPage();
  let failed = 0, stops = 0;
  for (const p of reps) {
    const r = await checkKeyboardPage(page, origin, p);
    stops += r.stops;
    if (r.problems.length) {
      failed++;
      for (const msg of r.problems) console.log(`FAIL ${p.url} [${p.type}]: ${msg}`);
    } else {
      console.log(`ok   ${p.url} [${p.type}]: skip link first, ${r.stops} Tab stops all visible with a focus indicator`);
      if (process.env.QUIRE_CHECK_DEBUG) console.log(r.hows.join('\n'));
    }
  }
  await page.close();
  failed += reps.filter((p) => p.failed).length;
  console.log(`keyboard: ${reps.length} page types, ${stops} Tab stops, ${failed} pages with problems; types: ${reps.map((p) => p.type).join(' ')}`);
  return failed === 0;
}

// ---------------------------------------------------------------- screenshots

async function checkScreenshots(context, origin, pages, artifacts) {
  const dir = path.join(artifacts, 'screenshots');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const reps = onePerType(pages);
  const page = await context.newPage();
  const index = [];
  let shots = 0;
  for (const p of reps) {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
      await open(page, origin, p);
      const name = `${p.type.replace(/[^a-z0-9-]+/gi, '-')}-${width}.png`;
      await page.screenshot({ path: path.join(dir, name), fullPage: true });
      index.push({ type: p.type, url: p.url, width, file: name });
      shots++;
    }
  }
  // The 404 page as a visitor sees it, at a missing path.
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
    await page.goto(origin + '/no-such-page/', { waitUntil: 'load' });
    const name = `404-missing-path-${width}.png`;
    await page.screenshot({ path: path.join(dir, name), fullPage: true });
    index.push({ type: '404 (missing path)', url: '/no-such-page/', width, file: name });
    shots++;
  }
  await writeFile(path.join(dir, 'index.json'), JSON.stringify(index, null, 2) + '\n');

  // Reflow: nothing scrolls sideways at 320 CSS pixels, on any page.
  await page.setViewportSize({ width: 320, height: 640 });
  let overflowing = 0;
  for (const p of pages) {
    await open(page, origin, p);
    const r = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const sw = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
      if (sw <= w + 1) return null;
      // The deepest elements that stick out, or whose own content (a long word, an
      // email address) overflows them.
      const over = (el) => {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) return false;
        return rect.right > w + 1 || (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible');
      };
      const all = [...document.body.querySelectorAll('*')].filter(over);
      const deepest = all.filter((el) => !all.some((o) => o !== el && el.contains(o)))
        .map((el) => el.closest('table') ?? el); // a table sticks out as a whole
      const culprits = [...new Set(deepest)].slice(0, 5)
        .map((el) => ({ el, right: Math.round(Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth)) }));
      const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
        + ` "${(e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
      return { sw, w, culprits: culprits.map((c) => `${describe(c.el)} (right edge ${c.right}px)`) };
    });
    if (r) {
      overflowing++;
      console.log(`FAIL ${p.url} [${p.type}]: scrolls sideways at 320px (content ${r.sw}px wide): ${r.culprits.join('; ')}`);
    }
  }
  await page.close();
  console.log(`screenshots: ${shots} pictures of ${reps.length + 1} page types in ${dir}; ${overflowing} of ${pages.length} pages scroll sideways at 320px`);
  return overflowing === 0;
}

// ---------------------------------------------------------------- print

const MARKING = "Members' edition: NOT FOR PUBLICATION";

function sheetText(file, n) {
  return execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], { encoding: 'utf8' });
}

async function checkPrint(context, origin, pages, artifacts) {
  const dir = path.join(artifacts, 'print');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const page = await context.newPage();
  const reps = onePerType(pages);
  let sheets = 0, unmarked = 0, longest = 0;
  for (const p of reps) {
    await open(page, origin, p);
    const file = path.join(dir, `${p.type.replace(/[^a-z0-9-]+/gi, '-')}.pdf`);
    await page.pdf({ path: file, format: 'A4' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const n = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1] || 0);
    longest = Math.max(longest, n);
    for (let i = 1; i <= n; i++) {
      sheets++;
      if (!sheetText(file, i).includes(MARKING)) {
        unmarked++;
        console.log(`FAIL ${p.url} [${p.type}]: printed sheet ${i} of ${n} does not say "${MARKING}"`);
      }
    }
  }
  await page.close();
  // A check that printed only single sheets would pass with the banner alone.
  if (longest < 2) console.log('FAIL no page printed on more than one sheet, so the marking of later sheets was not seen');
  console.log(`print: ${sheets} printed sheets of ${reps.length} page types (the longest ${longest}), ${unmarked} without the marking, in ${dir}`);
  return unmarked === 0 && longest >= 2;
}

// ---------------------------------------------------------------- search

// The time a search takes in the page, from the navigation's start to the status line
// saying how many results there are, and what it downloads. The bytes are counted by the
// server (Pagefind fetches from a web worker, which the page's own network events miss):
// every file is served whole, uncompressed, from a server that counts what it sends.
async function countingServer(site) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const sent = [];
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = createServer(async (req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(site, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      sent.push([p, body.length]);
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, sent, close: () => new Promise((ok) => server.close(ok)) };
}

async function timeSearches(context, site, queries) {
  const server = await countingServer(site);
  let failed = 0;
  try {
    for (const q of queries) {
      server.sent.length = 0;
      const page = await context.newPage();
      await page.goto(`${server.origin}/search/?${q.includes('=') ? q : 'q=' + encodeURIComponent(q)}`, { waitUntil: 'domcontentloaded' });
      const ms = await page.waitForFunction(() => {
        const s = document.getElementById('search-status')?.textContent || '';
        return /^(No results|[\d,]+ results?)|not working/.test(s) ? performance.now() : null;
      }, null, { timeout: 120000, polling: 10 }).then((h) => h.jsonValue()).catch(() => null);
      await page.waitForTimeout(300);
      const status = await page.locator('#search-status').textContent().catch(() => '');
      const shown = await page.locator('.search-result').count();
      if (ms === null || /not working/.test(status)) { failed++; console.log(`FAIL "${q}": no results shown (${status})`); }
      const groups = new Map();
      let total = 0, files = 0;
      for (const [u, b] of server.sent) {
        if (!u.startsWith('/pagefind/') && !u.endsWith('search.js')) continue;
        total += b; files++;
        const g = u.replace(/\/pagefind\/\d{4}(-h[12])?\//, '/pagefind/<year>/').replace(/_[0-9a-f]{6,}/g, '_*');
        const [n, s] = groups.get(g) || [0, 0];
        groups.set(g, [n + 1, s + b]);
      }
      const parts = [...groups].sort((a, b) => b[1][1] - a[1][1]).slice(0, 10)
        .map(([g, [n, s]]) => `${g} ${n}x ${(s / 1024).toFixed(0)} KB`).join('; ');
      console.log(`"${q}": ${ms === null ? 'never' : (ms / 1000).toFixed(2) + ' s'}, ${files} files, ${(total / 1024).toFixed(0)} KB; ${shown} shown; ${status}`);
      console.log(`    ${parts}`);
      await page.close();
    }
  } finally {
    await server.close();
  }
  console.log(`search: ${queries.length} queries timed, ${failed} failed`);
  return failed === 0;
}

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(path.join(opts.site, 'index.html'))) {
  console.log(`${opts.cmd}: no site at ${opts.site}/ (build it first)`);
  process.exit(1);
}
// The search timing needs no list of pages (a large site has tens of thousands).
const pages = opts.cmd === 'search' ? [] : await sitePages(opts.site, { contentDir: existsSync(opts.content) ? opts.content : null });
// The search page with results, as the script shows them from the search index.
if (opts.cmd !== 'search' && existsSync(path.join(opts.site, 'pagefind', 'pagefind.js'))) {
  pages.push({ file: path.join(opts.site, 'search', 'index.html'), rel: 'search/index.html', url: '/search/?q=report', type: 'search-results', wait: '.search-result' });
}
const server = await serve(opts.site);
let ok;
try {
  ok = await withBrowser(async (context) => {
    if (opts.cmd === 'axe') return checkAxe(context, server.origin, pages);
    if (opts.cmd === 'keyboard') return checkKeyboard(context, server.origin, pages);
    if (opts.cmd === 'search') {
      const queries = opts.queries.length ? opts.queries : ['report', 'committee', 'fostering'];
      return timeSearches(context, opts.site, queries);
    }
    if (opts.cmd === 'print') return checkPrint(context, server.origin, pages, opts.artifacts);
    return checkScreenshots(context, server.origin, pages, opts.artifacts);
  });
} finally {
  await server.close();
}
process.exit(ok ? 0 : 1);
