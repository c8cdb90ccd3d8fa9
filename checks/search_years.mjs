// The search page's "newest years first": a judge, run by CI.
//
//   node checks/search_years.mjs [--bin target/debug/quire] [--case NAME]
//
// A search over all years answers first from the newest shard (the second half of the
// newest year) while the older years' search files are still on their way
// (themes/default/static/search.js). This check builds a small site with meetings in
// four years (2019, 2022, 2023, and in March and September 2024, so that the newest year
// with published papers is in two halves: /pagefind/2024-h1/ and /pagefind/2024-h2/),
// and one set ahead in 2027 whose papers are not out, serves it with the older years'
// files (/pagefind/2019/, /pagefind/2022/, /pagefind/2023/) held back until it lets them
// go, and asserts what a reader sees in headless Chromium:
//
//   first      the status says the results are from July to December 2024 and that
//              the other years are still being searched, and the list holds the September
//              meeting's papers only; once the older years arrive, the status gives the
//              count for every year and the list holds all four years' papers.
//   moved-in   a reader who has moved into the first results keeps them: the status
//              gives every year's count and says the list is from July to December 2024 only,
//              and a "Show results from all years" button shows all four years' papers and
//              puts the focus on the first of them.
//   nothing-older a reader in the first results of a word only the newest year has:
//              when the older years add nothing, the status gives the count and no
//              button is offered, as the list is every year's already.
//   loaded     with every year's files in before the search, there is no first answer:
//              the status goes from "Searching…" to the count for every year.
//   one-year   a search in 2019 (an older year) waits for that year, and shows its
//              papers only, with no first answer.
//   older-fail the older years' files answer 404 before the first answer is ready: the
//              page says search is not working, and the first answer, when it comes, does
//              not replace that with "Still searching the other years…" (which never ends).
//   more-loading a reader who chose "Show more results" in the first answer, whose next
//              results are still on their way when every year's answer arrives, is in the
//              results: the list stays and the button offers every year's (the "Show
//              more" button is disabled while it loads, which takes the focus from it).
//   more-focus "Show more results" appears only once the first results are on the page,
//              keeps the focus while the next results load (marked busy, not disabled),
//              ignores a second press meanwhile, then moves the focus to the first new
//              result.
//   newest-year a search in 2024 (the newest year) made while the older years load answers
//              from both its halves, without waiting for the older years.
//   late-failure the failure of a search (a 2019 fragment) reported after a newer search
//              has answered does not replace the newer search's answer.
//   second-fails the newest year's instance cannot load its WebAssembly (a host that has
//              every file revalidated, and a request that fails): every year's answer
//              still comes, rather than "Searching…" for ever.
//   yearless   a search for committees (a kind of page with no year) over all years
//              answers from the main shard alone: the status gives the count with no
//              first answer, and no year shard's file is fetched.
//   warm-up    with nothing typed, the page's own first search (which warms Pagefind up)
//              fetches the main shard's index chunk, no year shard's file, and shows
//              and says nothing.
//   no-wasm    every request for Pagefind's WebAssembly fails: the page says search is
//              not working, rather than "Searching…" for ever (Pagefind's mergeIndex
//              never settles then).
//   no-list    without quire.json, the page says search is not working, with no
//              unhandled promise rejection.
//   in-page    a browser that refuses the page's own worker (as a policy forbidding
//              workers from blob: addresses does) searches with Pagefind in the page:
//              every year's count and results, by Pagefind's own worker, with no
//              script error. (The warm-up case is its control: there Pagefind runs in
//              the page's worker, and Pagefind's own worker is never fetched.)
//   worker-error  the same when the page's worker starts but its script fails as it
//              loads (as where a refusal is reported as an error event).
//   results-gone  "Show more results" for a list whose results the search worker no
//              longer keeps makes the search again, and shows its first results.
//
// `--case NAME` runs one case (for example `--case no-wasm`).
//
// Prints each problem, then one closing line, and exits 1 if it found any.

import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { siteHandler } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Each meeting: its date, the day its agenda went out, and what its papers' titles call it.
const MEETINGS = [
  ['2019-03-05', '2019-02-20', '2019'],
  ['2022-03-08', '2022-02-20', '2022'],
  ['2023-03-07', '2023-02-20', '2023'],
  ['2024-03-05', '2024-02-20', 'spring 2024'],
  ['2024-09-10', '2024-08-27', 'autumn 2024'],
  // Set ahead, its papers not out on the build's date: the newest year of meetings,
  // which holds nothing to find, so the first answer still comes from autumn 2024.
  ['2027-02-09', '2027-01-26', '2027'],
];
const OLDER = ['2019', '2022', '2023'];
// What the status calls the newest shard: the second half of 2024.
const NEWEST = 'July to December 2024';
const WORD = 'orchard';
// A word of many papers a year: each meeting and its survey reports.
const MANY = 'hedgerow';
const HEDGE = 12;
// A word of the newest shard's papers only (the autumn 2024 orchard plan).
const NEW_ONLY = 'wildflower';

function parseArgs(argv) {
  const opts = { bin: process.env.QUIRE_BIN ?? 'target/debug/quire', only: null };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--bin') opts.bin = v, i++;
    else if (k === '--case') opts.only = v, i++;
    else throw new Error(`unknown argument ${k}; usage: node checks/search_years.mjs [--bin FILE] [--case NAME]`);
  }
  return opts;
}

// A site of one committee that met once in each of four years, each time with a report
// on the community orchard.
async function writeSite(dir) {
  const put = async (rel, text) => {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  };
  await put('site.toml', 'title = "Committee papers"\ncouncil = "Check Borough Council"\nbase_url = "https://papers.example.gov.uk"\n');
  await put('content/members/a-chair.yaml', 'name: Councillor Ann Chair\n');
  await put('content/committees/parks/committee.yaml',
    'name: Parks Panel\ndescription: The panel looks after parks and green spaces.\nmembers:\n  - { member: a-chair, role: Chair }\n');
  for (const [date, published, when] of MEETINGS) {
    const folder = `content/committees/parks/${date}`;
    await put(`${folder}/meeting.yaml`,
      `date: ${date}\ntime: "10:00"\nvenue: Council Chamber\nstatus: held\nagenda_published: ${published}\nattendance:\n  present: [a-chair]\nitems:\n  - title: Community ${WORD} plan ${when}\n    documents: [${WORD}.md]\n  - title: The ${MANY} survey\n    documents: [${Array.from({ length: HEDGE }, (_, i) => `${MANY}-${i + 1}.md`).join(', ')}]\n`);
    await put(`${folder}/${WORD}.md`,
      `---\ntitle: Community ${WORD} plan ${when}\nkind: report\nreport_of: Head of Parks\n---\n# Purpose\n\nThe community ${WORD} plan for ${when}: the trees planted and those still to come.\n${when === 'autumn 2024' ? `\nA ${NEW_ONLY} meadow is planned beside it.\n` : ''}`);
    // Twelve survey reports a meeting, so that the newest shard's answer has a "Show more results".
    for (let i = 1; i <= HEDGE; i++) {
      await put(`${folder}/${MANY}-${i}.md`,
        `---\ntitle: ${MANY} survey ${when} part ${i}\nkind: report\nreport_of: Head of Parks\n---\n# Purpose\n\nThe ${MANY} survey for ${when}, part ${i}.\n`);
    }
  }
}

// Serves the site over HTTP/1.1 (as static hosts do, max-age=600 so that search.js
// fetches ahead) with the older years' search files held until `release()`. A case can
// also hold other files until `let(name)` (`also(name, test)`; `let('older')` lets the
// older years go alone), answer some with an error status (`failing(test, status)`), and
// send another Cache-Control (`caching(value)`); `release()` ends all of that.
async function serveHeld(root) {
  let release;
  let gate = new Promise((r) => { release = r; });
  // Only their metadata is held: over HTTP/1.1 the browser opens six connections to a
  // host, and the older years' entries and metadata held together would take them all.
  const held = (p) => OLDER.some((y) => p.startsWith(`/pagefind/${y}/`) && p.endsWith('.pf_meta'));
  const state = { holding: true, others: new Map(), failing: [], caching: 'max-age=600' };
  const hold = (p) => {
    if (state.holding && held(p)) return gate;
    for (const other of state.others.values()) if (other.test(p)) return other.gate;
    return null;
  };
  const handlers = new Map();
  const handlerFor = (cacheControl) => {
    if (!handlers.has(cacheControl)) handlers.set(cacheControl, siteHandler(root, { cacheControl, hold }));
    return handlers.get(cacheControl);
  };
  const server = createServer((req, res) => {
    const p = new URL(req.url, 'http://127.0.0.1').pathname;
    const failing = state.failing.find((f) => f.test(p));
    if (failing) {
      res.writeHead(failing.status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not here\n');
      return;
    }
    handlerFor(state.caching)(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    // Holds the older years again (a new case), or lets them go.
    hold() { state.holding = true; gate = new Promise((r) => { release = r; }); },
    release() {
      state.holding = false; release();
      for (const other of state.others.values()) other.release();
      state.others.clear();
      state.failing = [];
      state.caching = 'max-age=600';
    },
    also(name, test) {
      const other = { test };
      other.gate = new Promise((r) => { other.release = r; });
      state.others.set(name, other);
    },
    let(name) {
      if (name === 'older') { state.holding = false; release(); return; }
      state.others.get(name)?.release();
      state.others.delete(name);
    },
    failing(test, status) { state.failing.push({ test, status }); },
    caching(value) { state.caching = value; },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

const problems = [];
function fail(name, msg) { problems.push(`${name}: ${msg}`); console.log(`FAIL ${name}: ${msg}`); }

// Every status text the page shows, in order, kept by the page itself.
async function openSearch(context, origin, before) {
  const page = await context.newPage();
  if (before) await page.addInitScript(before);
  // Script errors and unhandled promise rejections, for the cases that look at them.
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message.split('\n')[0]));
  await page.addInitScript(() => {
    window.__statuses = [];
    document.addEventListener('DOMContentLoaded', () => {
      const s = document.getElementById('search-status');
      new MutationObserver(() => window.__statuses.push(s.textContent)).observe(s, { childList: true, characterData: true, subtree: true });
    });
  });
  await page.goto(`${origin}/search/`, { waitUntil: 'load' });
  return page;
}

// Uses the search box, which loads every year's files, and waits until they are in.
async function loadEveryYear(page) {
  await page.focus('#search-q');
  await page.waitForLoadState('networkidle');
  // The worker merges what has arrived; give it a moment past the network.
  await page.waitForTimeout(500);
}

async function search(page, words) {
  await page.focus('#search-q');
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

const status = (page) => page.locator('#search-status').textContent();
const years = async (page) => (await page.locator('.search-result__title a').allTextContents())
  .map((t) => (t.match(/\b(20\d\d)\b/) || [])[1]).filter(Boolean).sort()
  .filter((y, i, all) => y !== all[i - 1]);
const waitStatus = (page, re, timeout = 15000) => page.waitForFunction(
  (src) => new RegExp(src).test(document.getElementById('search-status').textContent), re.source, { timeout });

// Each meeting has two results: the meeting (its item names the orchard) and the report.
const FIRST = new RegExp(`^From ${NEWEST}: 2 results for “orchard” so far\\. Still searching the other years…$`);
const ALL = /^10 results for “orchard”\.$/;
// Whether every result shown is of the newest shard (the autumn 2024 meeting's papers).
const autumnOnly = async (page) => {
  const titles = await page.locator('.search-result__title a').allTextContents();
  return titles.length > 0 && titles.every((t) => /autumn 2024|10 September 2024/.test(t));
};
// Until "Show more results" says ten of the 65 hedgerow results are shown.
const firstTenOf65 = (page) => page.waitForFunction(() => /10 of 65/.test(document.querySelector('.search-results__more')?.textContent ?? ''), null, { timeout: 15000 });
const SAME = (a, b) => JSON.stringify(a) === JSON.stringify(b);
// A file of a year shard (or a half year's).
const YEAR_FILE = /^\/pagefind\/20\d\d(-h[12])?\//;

async function caseFirst(context, server) {
  const name = 'first';
  server.hold();
  const page = await openSearch(context, server.origin);
  await search(page, WORD);
  await waitStatus(page, FIRST).catch(async () => fail(name, `the first answer never came; status: ${await status(page)}`));
  await page.waitForSelector('.search-result', { timeout: 15000 }).catch(() => {});
  if (!(await autumnOnly(page))) fail(name, `the first answer lists ${(await page.locator('.search-result__title a').allTextContents()).join(' | ') || 'nothing'}, not the autumn 2024 papers alone`);
  server.release();
  await waitStatus(page, ALL).catch(async () => fail(name, `every year's answer never came; status: ${await status(page)}`));
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 10, null, { timeout: 15000 }).catch(() => {});
  const all = await years(page);
  if (!SAME(all, ['2019', '2022', '2023', '2024'])) fail(name, `the final list has papers of ${all.join(', ')}, not all four years`);
  if (await page.locator('.search-results__all').count()) fail(name, 'a "Show results from all years" button, though the reader had not moved into the results');
  await page.close();
}

async function caseMovedIn(context, server) {
  const name = 'moved-in';
  server.hold();
  const page = await openSearch(context, server.origin);
  await search(page, WORD);
  await waitStatus(page, FIRST).catch(async () => fail(name, `the first answer never came; status: ${await status(page)}`));
  await page.waitForSelector('.search-result__title a', { timeout: 15000 }).catch(() => {});
  await page.focus('.search-result__title a');
  server.release();
  await waitStatus(page, new RegExp(`^10 results for “orchard”\\. The list below is from ${NEWEST} only\\.$`))
    .catch(async () => fail(name, `the status did not offer every year's results; status: ${await status(page)}`));
  if (!(await autumnOnly(page))) fail(name, `the list under the reader changed to papers of ${(await years(page)).join(', ')}`);
  const focused = await page.evaluate(() => document.activeElement?.closest('.search-result') !== null);
  if (!focused) fail(name, 'the focus left the result the reader was on');
  const button = page.getByRole('button', { name: 'Show results from all years' });
  if (!(await button.count())) {
    fail(name, 'no "Show results from all years" button');
  } else {
    await button.click();
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 10, null, { timeout: 15000 }).catch(() => {});
    const all = await years(page);
    if (!SAME(all, ['2019', '2022', '2023', '2024'])) fail(name, `after the button the list has papers of ${all.join(', ')}`);
    const onFirst = await page.evaluate(() => document.activeElement === document.querySelector('.search-result__title a'));
    if (!onFirst) fail(name, 'after the button the focus is not on the first result');
    if (!ALL.test(await status(page))) fail(name, `after the button the status says: ${await status(page)}`);
  }
  await page.close();
}

async function caseNothingOlder(context, server) {
  const name = 'nothing-older';
  server.hold();
  const page = await openSearch(context, server.origin);
  await search(page, NEW_ONLY);
  await waitStatus(page, new RegExp(`^From ${NEWEST}: 1 result for “wildflower” so far\\. Still searching the other years…$`))
    .catch(async () => fail(name, `the first answer never came; status: ${await status(page)}`));
  await page.waitForSelector('.search-result__title a', { timeout: 15000 }).catch(() => {});
  await page.focus('.search-result__title a');
  server.release();
  await waitStatus(page, /^1 result for “wildflower”\.$/)
    .catch(async () => fail(name, `the status did not give every year's count alone; status: ${await status(page)}`));
  if (await page.locator('.search-results__all').count()) fail(name, 'a "Show results from all years" button, though the older years found nothing more');
  if (!(await autumnOnly(page))) fail(name, `the list has papers of ${(await years(page)).join(', ')}`);
  await page.close();
}

async function caseLoaded(context, server) {
  const name = 'loaded';
  server.release();
  const page = await openSearch(context, server.origin);
  await loadEveryYear(page);
  await search(page, WORD);
  await waitStatus(page, ALL).catch(async () => fail(name, `no answer; status: ${await status(page)}`));
  const seen = await page.evaluate(() => window.__statuses);
  const firsts = seen.filter((s) => s.startsWith('From '));
  if (firsts.length) fail(name, `a first answer though every year was loaded: ${firsts[0]}`);
  await page.close();
}

async function caseOneYear(context, server) {
  const name = 'one-year';
  server.hold();
  const page = await openSearch(context, server.origin);
  await page.selectOption('#search-year', '2019').catch(async () => {
    await page.waitForSelector('#search-year option[value="2019"]', { state: 'attached', timeout: 15000 });
    await page.selectOption('#search-year', '2019');
  });
  await search(page, WORD);
  await page.waitForTimeout(1500);
  const early = await page.evaluate(() => window.__statuses);
  if (early.some((s) => /^\d|^From /.test(s))) fail(name, `an answer before 2019's files arrived: ${early.join(' | ')}`);
  server.release();
  await waitStatus(page, /^2 results for “orchard” in 2019\.$/).catch(async () => fail(name, `no answer for 2019; status: ${await status(page)}`));
  await page.waitForSelector('.search-result', { timeout: 15000 }).catch(() => {});
  const found = await years(page);
  if (!SAME(found, ['2019'])) fail(name, `the list has papers of ${found.join(', ')}, not 2019 alone`);
  await page.close();
}

const NOT_WORKING = /^Search is not working at the moment\./;

async function caseOlderFail(context, server) {
  const name = 'older-fail';
  server.hold();
  // The older years' folders are missing (a deploy cut short); the newest year's index
  // chunks wait, so that the first answer comes after every year's search has failed.
  server.failing((p) => OLDER.some((y) => p.startsWith(`/pagefind/${y}/`)), 404);
  server.also('newest-index', (p) => /^\/pagefind\/2024-h2\/index\//.test(p));
  const page = await openSearch(context, server.origin);
  await search(page, WORD);
  await waitStatus(page, NOT_WORKING).catch(async () => fail(name, `the page never said search is not working; status: ${await status(page)}`));
  const chunk = page.waitForResponse((r) => /\/pagefind\/2024-h2\/index\//.test(r.url()), { timeout: 5000 }).catch(() => null);
  server.let('newest-index');
  await chunk;
  await page.waitForTimeout(1000);
  const now = await status(page);
  if (!NOT_WORKING.test(now)) fail(name, `after the failure the status says: ${now}`);
  const shown = await page.locator('.search-result').count();
  if (shown) fail(name, `after the failure the page lists ${shown} results`);
  await page.close();
}

async function caseMoreLoading(context, server) {
  const name = 'more-loading';
  server.hold();
  const page = await openSearch(context, server.origin);
  await search(page, MANY);
  // Each meeting: the meeting (its item names the survey) and twelve reports.
  const first = new RegExp(`^From ${NEWEST}: 13 results for “hedgerow” so far\\. Still searching the other years…$`);
  await waitStatus(page, first).catch(async () => fail(name, `the first answer never came; status: ${await status(page)}`));
  const more = page.locator('.search-results__more');
  await page.waitForFunction(() => /10 of 13/.test(document.querySelector('.search-results__more')?.textContent ?? ''), null, { timeout: 15000 })
    .catch(() => {});
  if (!(await more.count())) {
    fail(name, 'no "Show more results" button in the first answer');
    await page.close();
    return;
  }
  // The next results wait while every year's answer arrives.
  server.also('newest-fragments', (p) => /^\/pagefind\/2024-h2\/fragment\//.test(p));
  await more.click();
  server.let('older');
  await page.waitForFunction(() => !/^From /.test(document.getElementById('search-status').textContent), null, { timeout: 15000 })
    .catch(() => {});
  const now = await status(page);
  if (!new RegExp(`^65 results for “hedgerow”\\. The list below is from ${NEWEST} only\\.$`).test(now)) {
    fail(name, `every year's answer replaced the list the reader was reading on; status: ${now}`);
  }
  server.let('newest-fragments');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length >= 13, null, { timeout: 5000 }).catch(() => {});
  if (!(await autumnOnly(page))) fail(name, `the list under the reader changed to papers of ${(await years(page)).join(', ')}`);
  const focused = await page.evaluate(() => document.activeElement?.closest('.search-result') !== null);
  if (!focused) fail(name, 'the focus is not on the next results the reader asked for');
  await page.close();
}

async function caseMoreFocus(context, server) {
  const name = 'more-focus';
  server.release();
  const fragments = (p) => /\/fragment\//.test(p);
  server.also('first-batch', fragments);
  const page = await openSearch(context, server.origin);
  // Every year loaded first, so the answer is every year's at once. A first answer's
  // fragments, held here, would take all six of the browser's connections to the host,
  // and every year's search could not fetch what it needs.
  await loadEveryYear(page);
  await search(page, MANY);
  await waitStatus(page, /^65 results for “hedgerow”\.$/).catch(async () => fail(name, `no answer; status: ${await status(page)}`));
  // The first results are still on their way: no "Show more results" button yet, and never
  // one without words.
  const early = await page.locator('.search-results__more').count();
  if (early) fail(name, `a "Show more results" button before the first results, reading "${await page.locator('.search-results__more').textContent()}"`);
  server.let('first-batch');
  const more = page.locator('.search-results__more');
  await firstTenOf65(page)
    .catch(() => fail(name, 'no "Show more results (10 of 65 shown)" button'));
  server.also('second-batch', fragments);
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  const whileLoading = await page.evaluate(() => {
    const b = document.querySelector('.search-results__more');
    return { focused: document.activeElement === b, busy: b?.getAttribute('aria-disabled'), disabled: b?.disabled };
  });
  if (!whileLoading.focused) fail(name, 'the focus left "Show more results" while the next results loaded');
  if (whileLoading.busy !== 'true' || whileLoading.disabled) fail(name, `while loading the button is not marked busy (aria-disabled ${whileLoading.busy}, disabled ${whileLoading.disabled})`);
  // A second press while loading asks for nothing more.
  await page.keyboard.press('Enter');
  server.let('second-batch');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length >= 20, null, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => ({
    count: document.querySelectorAll('.search-result').length,
    onEleventh: document.activeElement === document.querySelectorAll('.search-result__title a')[10],
    label: document.querySelector('.search-results__more')?.textContent ?? '',
  }));
  if (after.count !== 20) fail(name, `${after.count} results after one "Show more results", not 20`);
  if (!after.onEleventh) fail(name, 'after "Show more results" the focus is not on the first new result');
  if (!/20 of 65/.test(after.label)) fail(name, `the button then reads "${after.label}"`);
  await page.close();
}

async function caseNewestYear(context, server) {
  const name = 'newest-year';
  server.hold();
  const page = await openSearch(context, server.origin);
  await search(page, WORD);
  await waitStatus(page, FIRST).catch(async () => fail(name, `the first answer never came; status: ${await status(page)}`));
  await page.selectOption('#search-year', '2024');
  await page.click('.search-form button[type=submit]');
  await page.waitForFunction(() => /in 2024\.$/.test(document.getElementById('search-status').textContent), null, { timeout: 5000 })
    .catch(async () => fail(name, `a search in 2024 waited for the older years; status after 5 s: ${await status(page)}`));
  server.release();
  await waitStatus(page, /^4 results for “orchard” in 2024\.$/).catch(async () => fail(name, `no answer for 2024; status: ${await status(page)}`));
  await page.waitForSelector('.search-result', { timeout: 15000 }).catch(() => {});
  const found = await years(page);
  if (!SAME(found, ['2024'])) fail(name, `the list has papers of ${found.join(', ')}, not 2024 alone`);
  await page.close();
}

async function caseLateFailure(context, server) {
  const name = 'late-failure';
  server.release();
  // 2019's papers cannot be shown; the page's check for a newer quire.json waits.
  server.failing((p) => p.startsWith('/pagefind/2019/fragment/'), 500);
  const page = await openSearch(context, server.origin);
  await page.waitForSelector('#search-year option[value="2024"]', { state: 'attached', timeout: 15000 });
  server.also('quire-json', (p) => p === '/pagefind/quire.json');
  await search(page, WORD);
  await waitStatus(page, ALL).catch(async () => fail(name, `no answer; status: ${await status(page)}`));
  // The search fails on 2019's papers; meanwhile the reader searches in 2024.
  await page.waitForTimeout(500);
  await page.selectOption('#search-year', '2024');
  await page.click('.search-form button[type=submit]');
  await waitStatus(page, /^4 results for “orchard” in 2024\.$/).catch(async () => fail(name, `no answer for 2024; status: ${await status(page)}`));
  server.let('quire-json');
  await page.waitForTimeout(1000);
  const now = await status(page);
  if (!/^4 results for “orchard” in 2024\.$/.test(now)) fail(name, `the earlier search's failure replaced the answer for 2024; status: ${now}`);
  await page.close();
}

async function caseSecondFails(context, server) {
  const name = 'second-fails';
  server.hold();
  server.caching('no-cache');
  // The WebAssembly is asked for by search.js, by Pagefind's first instance (both while
  // the page loads), then by the second instance: that third request fails.
  let wasm = 0;
  server.failing((p) => /^\/pagefind\/wasm\.[a-z]+\.pagefind$/.test(p) && ++wasm >= 3, 500);
  const page = await openSearch(context, server.origin);
  await page.waitForLoadState('networkidle');
  await search(page, WORD);
  await page.waitForTimeout(1000);
  server.let('older');
  await waitStatus(page, ALL, 5000).catch(async () => fail(name, `every year's answer never came; status: ${await status(page)}`));
  await page.close();
}

async function caseYearless(context, server) {
  const name = 'yearless';
  server.hold();
  const fetched = [];
  context.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (YEAR_FILE.test(p)) fetched.push(p);
  });
  const page = await openSearch(context, server.origin);
  await page.waitForSelector('#search-kind option[value="Committee"]', { state: 'attached', timeout: 15000 });
  await page.selectOption('#search-kind', 'Committee');
  await search(page, 'parks');
  await waitStatus(page, /^1 result for “parks” in Committee\.$/)
    .catch(async () => fail(name, `no answer from the main shard alone; status: ${await status(page)}`));
  const seen = await page.evaluate(() => window.__statuses);
  const firsts = seen.filter((s) => s.startsWith('From '));
  if (firsts.length) fail(name, `a first answer for a kind with no year: ${firsts[0]}`);
  // The count is said as soon as it is known; the result follows with its fragment.
  await page.waitForSelector('.search-result__title a', { timeout: 15000 }).catch(() => {});
  const title = await page.locator('.search-result__title a').allTextContents();
  if (!SAME(title, ['Parks Panel'])) fail(name, `the list holds ${JSON.stringify(title)}, not the Parks Panel`);
  if (fetched.length) fail(name, `a year shard's files were fetched: ${fetched[0]}`);
  await page.close();
}

async function caseWarmUp(context, server) {
  const name = 'warm-up';
  server.release();
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await openSearch(context, server.origin);
  // Nothing typed: Pagefind's first search is the page's own, of the main shard, for
  // which the page fetches that shard's index chunk.
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => /\/pagefind\/index\/[^/]+\.pf_index$/.test(new URL(e.name).pathname)), null, { timeout: 15000 })
    .catch(() => fail(name, `no index chunk of the main shard was fetched before anything was typed; fetched: ${fetched.filter((p) => p.startsWith('/pagefind/')).join(' ')}`));
  await page.waitForLoadState('networkidle');
  const years = fetched.filter((p) => YEAR_FILE.test(p));
  if (years.length) fail(name, `a year shard's file was fetched before the search box was used: ${years[0]}`);
  // Nothing of it is shown or said.
  if (await status(page)) fail(name, `the status says "${await status(page)}" before any search`);
  if (await page.locator('.search-result').count()) fail(name, 'results on the page before any search');
  // The control: this page does fetch the years' files once the search box is used.
  await loadEveryYear(page);
  if (!fetched.some((p) => YEAR_FILE.test(p))) fail(name, 'no year shard\'s file was fetched once the search box was used either');
  // Pagefind runs in the page's own worker, so it never starts a worker of its own.
  if (fetched.includes('/pagefind/pagefind-worker.js')) fail(name, 'Pagefind\'s own worker was fetched: Pagefind is running in the page, not in the page\'s worker');
  await page.close();
}

async function caseNoWasm(context, server) {
  const name = 'no-wasm';
  server.release();
  // Every request for Pagefind's WebAssembly fails, as on a host that blocks the type.
  server.failing((p) => /\.pagefind$/.test(p) && p.includes('/wasm.'), 500);
  const page = await openSearch(context, server.origin);
  await search(page, WORD);
  await waitStatus(page, NOT_WORKING, 20000).catch(async () => fail(name, `the page never said search is not working; status: ${await status(page)}`));
  await page.close();
}

async function caseNoList(context, server) {
  const name = 'no-list';
  server.release();
  server.failing((p) => p === '/pagefind/quire.json', 404);
  const page = await openSearch(context, server.origin);
  await search(page, WORD);
  await waitStatus(page, NOT_WORKING).catch(async () => fail(name, `the page never said search is not working; status: ${await status(page)}`));
  await page.waitForTimeout(300);
  if (page.errors.length) fail(name, `script errors: ${page.errors.join(' | ')}`);
  await page.close();
}

// A browser that refuses the page's own worker, in one of two ways: `refuse` is run in
// the page before its scripts, and replaces Worker with one that refuses a worker from
// a blob: address. Pagefind's own worker (a file of the site) is allowed.
async function searchInPage(name, context, server, refuse) {
  server.release();
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await openSearch(context, server.origin, refuse);
  await loadEveryYear(page);
  await search(page, WORD);
  await waitStatus(page, ALL).catch(async () => fail(name, `no answer with Pagefind in the page; status: ${await status(page)}`));
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 10, null, { timeout: 15000 }).catch(() => {});
  const all = await years(page);
  if (!SAME(all, ['2019', '2022', '2023', '2024'])) fail(name, `the list has papers of ${all.join(', ') || 'no year'}, not all four years`);
  if (!fetched.includes('/pagefind/pagefind-worker.js')) fail(name, 'Pagefind\'s own worker was never fetched: the page\'s worker was not refused, so this case tests nothing');
  if (page.errors.length) fail(name, `script errors: ${page.errors.join(' | ')}`);
  await page.close();
}

// As Chromium does under a policy such as `worker-src 'self'`: the constructor throws.
async function caseInPage(context, server) {
  await searchInPage('in-page', context, server, () => {
    const Real = window.Worker;
    window.Worker = function (url, options) {
      if (String(url).startsWith('blob:')) throw new DOMException('refused by the test', 'SecurityError');
      return new Real(url, options);
    };
  });
}

// As a browser that reports the refusal as an error event does (or one that cannot run
// the worker's script): the worker starts, and its script fails as it loads.
async function caseWorkerError(context, server) {
  await searchInPage('worker-error', context, server, () => {
    const Real = window.Worker;
    window.Worker = function (url, options) {
      if (!String(url).startsWith('blob:')) return new Real(url, options);
      const failing = URL.createObjectURL(new Blob(['throw new Error("refused by the test");'], { type: 'text/javascript' }));
      return new Real(failing, options);
    };
  });
}

// The search worker keeps the results of its last few searches only. Here the page's
// ask for the first of the next ten results names a search the worker no longer has (as
// after many searches made and overtaken while older years load): the page must make
// the search again and show its first results, not say search is not working.
async function caseResultsGone(context, server) {
  const name = 'results-gone';
  server.release();
  const page = await openSearch(context, server.origin, () => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, transfer) {
      if (window.goneOnce && m && m.op === 'data') {
        window.goneOnce = false;
        m = Object.assign({}, m, { search: -1 });
      }
      return post.call(this, m, transfer);
    };
  });
  await loadEveryYear(page);
  await search(page, MANY);
  await firstTenOf65(page)
    .catch(() => fail(name, 'no "Show more results (10 of 65 shown)" button'));
  await page.evaluate(() => { window.goneOnce = true; window.__statuses = []; });
  await page.locator('.search-results__more').click();
  await page.waitForFunction(() => window.goneOnce === false, null, { timeout: 15000 })
    .catch(() => fail(name, 'the page never asked the worker for the next results, so this case tests nothing'));
  await page.waitForTimeout(1000);
  await waitStatus(page, /^65 results for “hedgerow”\.$/).catch(async () => fail(name, `not the search made again; status: ${await status(page)}`));
  await firstTenOf65(page)
    .catch(async () => fail(name, `the first results were not shown again: ${await page.locator('.search-result').count()} results`));
  // Made again, the search says "Searching…" and then its count; never that it failed.
  const said = await page.evaluate(() => window.__statuses);
  if (said.some((t) => NOT_WORKING.test(t))) fail(name, `the page said search is not working: ${said.join(' | ')}`);
  if (!said.some((t) => /^Searching/.test(t))) fail(name, `the search was not made again (statuses: ${said.join(' | ') || 'none'})`);
  if (page.errors.length) fail(name, `script errors: ${page.errors.join(' | ')}`);
  await page.close();
}

const opts = parseArgs(process.argv.slice(2));
const dir = await mkdtemp(path.join(os.tmpdir(), 'quire-search-years-'));
let server = null;
let browser = null;
try {
  await writeSite(dir);
  execFileSync(path.resolve(opts.bin), ['build', '--root', dir, '--as-of', '2026-11-22'], { stdio: ['ignore', 'ignore', 'inherit'] });
  server = await serveHeld(path.join(dir, 'output'));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const cases = [caseFirst, caseMovedIn, caseNothingOlder, caseLoaded, caseOneYear, caseOlderFail, caseMoreLoading, caseMoreFocus, caseNewestYear, caseLateFailure, caseSecondFails, caseYearless, caseWarmUp, caseNoWasm, caseNoList, caseInPage, caseWorkerError, caseResultsGone]
    .filter((c) => !opts.only || c.name.toLowerCase() === `case${opts.only.replace(/-/g, '')}`.toLowerCase());
  for (const run of cases) {
    // A fresh context each: an empty cache, as on a first visit.
    const context = await browser.newContext();
    try {
      await run(context, server);
    } catch (e) {
      fail(run.name, `stopped: ${e.message.split('\n')[0]}`);
    } finally {
      server.release();
      await context.close();
    }
  }
  console.log(`search-years: ${cases.length} cases, ${problems.length} problems`);
} finally {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(problems.length ? 1 : 0);
