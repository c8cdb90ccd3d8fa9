// The site search on a phone-class connection: a measurement, not a judge.
//
//   node checks/search_phone.mjs [--site output] [--runs 3] [--query WORDS]... [--warm FIRST>SECOND]...
//                                [--network slow4g|fast4g|lh150|none] [--cpu 4] [--no-gzip]
//                                [--main-thread] [--http1] [--no-cache] [--override URLPATH=FILE]...
//                                [--type-delay 200] [--timeout 30] [--json FILE]
//
// Serves the built site on 127.0.0.1 (checks/serve.mjs's handler) over HTTP/2 with TLS,
// as static hosts do: a throwaway self-signed certificate made with openssl, which
// Chromium trusts by its key's hash (with --ignore-certificate-errors it would cache
// nothing). --http1 serves plain HTTP/1.1 instead: Chromium then opens at most six
// connections to the host, so a step that fetches one file from each of eleven shards
// takes two throttled round trips instead of one.
//
// It opens /search/ in headless Chromium with the phone emulation of Chrome DevTools and
// Lighthouse: a 412x823 screen at 1.75 device pixels (Lighthouse's Moto G Power), touch,
// a phone user agent, the CPU slowed 4x (Emulation.setCPUThrottlingRate) and the network
// throttled per request (Network.emulateNetworkConditions) to DevTools' "Slow 4G" preset
// (see NETWORKS below). Chromium is driven over the DevTools protocol directly, on a
// pipe, not through playwright-core: Pagefind fetches in a web worker, and the worker's
// own session (which playwright's newCDPSession cannot open) is needed to count its
// requests with their sizes. The page's throttling does apply to the worker's requests.
//
// Each query is one fresh tab: open /search/ and wait until it has loaded (and, for a
// query with filters, until they are filled; not for the network to be quiet: what
// search.js loads while the user types is not free), then choose the filters of the
// query, focus the search box, type the words key by key (--type-delay ms before each
// key and before Enter, 200 by default: a quick thumb) and press Enter, as a user does.
// The form is a plain GET form, which loads /search/?q=... again; search.js may instead
// search in place. Measured from the Enter key (its keydown, in the page's clock):
//   count     until the status region says how many results there are (for a search
//             over all years, the count of every year: the newest years' first answer
//             starts "From 2024 and 2023: ..." and is not counted here)
//   first     until the first result is in the DOM (the first answer's, if there is one)
// and, for a cold search, from opening the page (the search page's navigation start),
// which counts the page load, the typing and whatever loads meanwhile:
//   enter, first from opening
// Bytes from the first keystroke until the network is quiet after the results (so a
// script that starts loading while the words are typed is counted whole), and for a
// cold search everything from opening the page as well:
//   bytes     every response, as received (encodedDataLength: headers and the body as
//             sent, compressed or not), by kind:
//               page      the HTML page, CSS, search.js and anything else of the site
//               program   pagefind.js, pagefind-worker.js, wasm.*.pagefind
//               metadata  quire.json, pagefind-entry.json and pagefind.*.pf_meta of each shard
//               index     index/*.pf_index (the words)
//               filters   filter/*.pf_filter
//               fragments fragment/*.pf_fragment (one a result shown)
//   phases    when the last file of each kind arrived, from Chromium's network events
//
// A "cold" query is a first visit: Chromium's cache is emptied before each one but left
// on, and the site is served with `Cache-Control: max-age=600` (GitHub Pages' header),
// so a file the page fetches ahead is found in the cache when Pagefind's worker asks
// for it, as on a real first visit. --no-cache measures as this script did until
// December 2026: the cache disabled and the site served `no-store`, so every request
// goes to the network, however often the same file is asked for. A --warm pair
// FIRST>SECOND measures SECOND, searched from the results page of FIRST in the same
// tab, with the cache on and the site served max-age=600: what a second search costs
// once Pagefind's files are cached.
// Text files are gzipped as any static host does (--no-gzip: sent as on disk);
// Pagefind's own files are compressed already and are sent as they are.
//
// Chromium slows only a page's main thread: Emulation.setCPUThrottlingRate is refused
// for workers, and a worker under a throttled page runs at full speed (measured: a
// loop took 190 ms on the throttled main thread and 40 ms in its worker). So by default
// Pagefind's own work (decompressing, compiling the wasm, searching, excerpts) runs at
// this machine's speed. --main-thread hides Worker from the page, so Pagefind uses its
// fallback on the main thread and the CPU slowdown reaches its work too: nearer what a
// phone's slow cores do, since the main thread is idle while the search runs.
//
// --override /static/search.js=themes/default/static/search.js serves that file at that
// path instead of the built one: to measure a change to the theme's script without
// building the site again.
//
// A query with '=' is an address query: `q=report&committee=Cabinet` chooses Cabinet in
// the committee filter, then types "report". Without --query: committee, report, report
// in the first committee, report in the latest year (both read from
// pagefind/quire.json); without --warm: report>committee.
//
// Prints a markdown table of the medians over the runs, and the timeline. Exits 1 only if
// a search fails (no count within --timeout seconds, or "Search is not working"), never
// on a timing.

import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { siteHandler } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Network.emulateNetworkConditions applies latency to each request, not to each round
// trip of a connection, so DevTools and Lighthouse (throttling method "devtools") turn
// the nominal 150 ms RTT into 150 x 3.75 = 562.5 ms a request, and take 90% of the
// nominal throughput (lighthouse core/config/constants.js, DEVTOOLS_RTT_ADJUSTMENT_FACTOR
// and DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR; devtools-frontend's Slow 4G preset).
const NETWORKS = {
  // DevTools "Slow 4G" (called "Fast 3G" before Chrome 126) = Lighthouse's mobile
  // profile: nominal 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
  slow4g: { latency: 562.5, down: 1.6e6 * 0.9 / 8, up: 750e3 * 0.9 / 8, type: 'cellular4g', label: 'DevTools "Slow 4G": 562.5 ms a request (150 ms RTT x 3.75), 1.44 Mbit/s down, 675 kbit/s up' },
  // DevTools "Fast 4G": nominal 60 ms RTT, 9 Mbit/s down, 1.5 Mbit/s up.
  fast4g: { latency: 165, down: 9e6 * 0.9 / 8, up: 1.5e6 * 0.9 / 8, type: 'cellular4g', label: 'DevTools "Fast 4G": 165 ms a request (60 ms RTT x 2.75), 8.1 Mbit/s down, 1.35 Mbit/s up' },
  // Lighthouse's nominal figures applied as they are (an optimistic reading of Slow 4G).
  lh150: { latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, type: 'cellular4g', label: 'nominal Slow 4G unadjusted: 150 ms a request, 1.6 Mbit/s down, 750 kbit/s up' },
  none: { latency: 0, down: -1, up: -1, type: 'none', label: 'no network throttling' },
};
const SCREEN = { width: 412, height: 823, deviceScaleFactor: 1.75, mobile: true };
const USER_AGENT = 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
const KINDS = ['page', 'program', 'metadata', 'index', 'filters', 'fragments'];

function parseArgs(argv) {
  const opts = { site: 'output', runs: 3, queries: [], warm: [], network: 'slow4g', cpu: 4, gzip: true, mainThread: false, http1: false, noCache: false, typeDelay: 200, overrides: new Map(), timeout: 30, json: null };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--site') opts.site = v, i++;
    else if (k === '--runs') opts.runs = Number(v), i++;
    else if (k === '--query') opts.queries.push(v), i++;
    else if (k === '--warm') opts.warm.push(v), i++;
    else if (k === '--network') opts.network = v, i++;
    else if (k === '--cpu') opts.cpu = Number(v), i++;
    else if (k === '--timeout') opts.timeout = Number(v), i++;
    else if (k === '--type-delay') opts.typeDelay = Number(v), i++;
    else if (k === '--json') opts.json = v, i++;
    else if (k === '--no-gzip') opts.gzip = false;
    else if (k === '--main-thread') opts.mainThread = true;
    else if (k === '--http1') opts.http1 = true;
    else if (k === '--no-cache') opts.noCache = true;
    else if (k === '--override') {
      const at = v?.indexOf('=') ?? -1;
      if (at < 1 || !existsSync(v.slice(at + 1))) throw new Error(`--override takes URLPATH=FILE of an existing file, not ${v}`);
      opts.overrides.set(v.slice(0, at), path.resolve(v.slice(at + 1)));
      i++;
    }
    else if (k === '-h' || k === '--help') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument ${k}\n${USAGE}`);
  }
  if (!NETWORKS[opts.network]) throw new Error(`--network: one of ${Object.keys(NETWORKS).join(', ')}`);
  if (!(opts.runs >= 1) || !(opts.cpu >= 1) || !(opts.timeout > 0) || !(opts.typeDelay >= 0)) throw new Error(USAGE);
  for (const w of opts.warm) if (!w.includes('>')) throw new Error(`--warm takes FIRST>SECOND, not ${w}`);
  return opts;
}
const USAGE = 'usage: node checks/search_phone.mjs [--site DIR] [--runs N] [--query WORDS]... [--warm FIRST>SECOND]... [--network slow4g|fast4g|lh150|none] [--cpu N] [--no-gzip] [--main-thread] [--http1] [--no-cache] [--override URLPATH=FILE]... [--type-delay MS] [--timeout S] [--json FILE]';

// ---------------------------------------------------------------- the server

// The site on 127.0.0.1 and a free port, over HTTP/2 with TLS or over HTTP/1.1, with
// the given files served in place of the built ones.
// A self-signed certificate for 127.0.0.1, and the base64 SHA-256 of its public key.
function certificate(tmp) {
  const key = path.join(tmp, 'key.pem');
  const cert = path.join(tmp, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const spki = execFileSync('sh', ['-c', 'openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64', 'sh', cert]).toString().trim();
  return { key, cert, spki };
}

async function host(site, { cacheControl, gzip, http1, overrides, tls }) {
  const handle = siteHandler(site, { cacheControl, gzip });
  const replaced = new Map([...overrides].map(([url, file]) => [url, siteHandler(path.dirname(file), { cacheControl, gzip })]));
  const onRequest = (req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    const h = replaced.get(p);
    if (h) { req.url = '/' + path.basename(overrides.get(p)); return h(req, res); }
    return handle(req, res);
  };
  let server;
  const sessions = new Set();
  if (http1) {
    server = createServer(onRequest);
  } else {
    server = createSecureServer({ key: await readFile(tls.key), cert: await readFile(tls.cert) }, onRequest);
    server.on('session', (s) => { sessions.add(s); s.on('close', () => sessions.delete(s)); });
  }
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  return {
    origin: `${http1 ? 'http' : 'https'}://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      for (const s of sessions) s.destroy();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

// ---------------------------------------------------------------- the DevTools protocol

// Chromium with --remote-debugging-pipe reads commands on fd 3 and writes on fd 4, each
// message JSON ended by a NUL. Sessions are "flat": a message for a tab or a worker
// carries its sessionId.
async function launch(spki) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'quire-phone-'));
  const proc = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-extensions', '--mute-audio', '--remote-debugging-pipe',
    ...(spki ? [`--ignore-certificate-errors-spki-list=${spki}`] : []),
    `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const out = proc.stdio[3];
  const inp = proc.stdio[4];
  let nextId = 0;
  const pending = new Map();
  const listeners = new Set();
  let buf = '';
  inp.setEncoding('utf8');
  inp.on('data', (chunk) => {
    buf += chunk;
    let end;
    while ((end = buf.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buf.slice(0, end));
      buf = buf.slice(end + 1);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (!p) continue;
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p.resolve(msg.result);
      } else {
        for (const fn of listeners) fn(msg.method, msg.params, msg.sessionId);
      }
    }
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`Chromium exited: ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
    pending.clear();
  });
  const cdp = {
    send(method, params = {}, sessionId) {
      const id = ++nextId;
      const msg = { id, method, params };
      if (sessionId) msg.sessionId = sessionId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        out.write(JSON.stringify(msg) + '\0');
      });
    },
    on(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    async close() {
      await cdp.send('Browser.close').catch(() => {});
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await rm(profile, { recursive: true, force: true });
    },
  };
  await cdp.send('Browser.getVersion');
  return cdp;
}

// Runs in every document of the tab before its own scripts. It keeps the time of the
// Enter key (across the navigation the GET form makes, in sessionStorage), and reports
// through the binding when the status region gives a count and the first result is in
// the DOM. Times are the page's high-resolution clock as milliseconds since the epoch.
const PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  // The tab's first document is the search page as opened: its time origin is when the
  // user asked for the page, kept for the documents after it.
  if (!sessionStorage.getItem('phone:open')) sessionStorage.setItem('phone:open', String(performance.timeOrigin));
  const open = Number(sessionStorage.getItem('phone:open'));
  let rec = { t0: Number(sessionStorage.getItem('phone:t0')) || null, open };
  let sent = false;
  let old = new Set();
  let statusMoved = false;
  // Enter starts a search: in a new document (the GET form) or in this one (a script
  // that searches in place), so results already shown do not count.
  addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const t0 = now();
    sessionStorage.setItem('phone:t0', String(t0));
    rec = { t0, open };
    sent = false;
    statusMoved = false;
    old = new Set(document.querySelectorAll('#search-results .search-result'));
  }, true);
  const send = () => {
    if (sent) return;
    sent = true;
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.domContentLoadedEventEnd > 0 && performance.timeOrigin + nav.startTime >= rec.t0 - 1000) rec.dcl = performance.timeOrigin + nav.domContentLoadedEventEnd;
    window.__phoneReport(JSON.stringify(rec));
  };
  const check = (records) => {
    const s = document.getElementById('search-status');
    if (s && records.some((r) => s.contains(r.target))) statusMoved = true;
    const text = s ? s.textContent : '';
    if (!rec.t0) return;
    if (!rec.count && statusMoved && /^(No results|[0-9][0-9,]* results?)\\b/.test(text)) {
      rec.count = now();
      rec.status = text;
      rec.n = /^No/.test(text) ? 0 : Number(text.replace(/[^0-9,].*$/, '').replace(/,/g, ''));
    }
    if (!rec.first) {
      const shown = [...document.querySelectorAll('#search-results .search-result')].filter((e) => !old.has(e));
      if (shown.length) { rec.first = now(); rec.shown = shown.length; }
    }
    if (statusMoved && /not working/.test(text)) { rec.failed = text; send(); }
    if (rec.count && (rec.first || rec.n === 0)) send();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

function kindOf(url) {
  const p = new URL(url).pathname;
  if (!p.startsWith('/pagefind/')) return 'page';
  if (/\/(pagefind\.js|pagefind-worker\.js|wasm\.[^/]*\.pagefind)$/.test(p)) return 'program';
  if (/\/(quire\.json|pagefind-entry\.json|[^/]*\.pf_meta)$/.test(p)) return 'metadata';
  if (p.includes('/index/')) return 'index';
  if (p.includes('/filter/')) return 'filters';
  if (p.includes('/fragment/')) return 'fragments';
  return 'program';
}

// One tab, throttled and emulated as a phone, with every worker it starts throttled too.
async function openTab(cdp, { net, cpu, cache, mainThread }) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const tab = { targetId, sessionId, requests: new Map(), sessions: new Set([sessionId]), reports: [], workers: 0, notes: new Set() };
  const send = (m, p, s = sessionId) => cdp.send(m, p, s);
  const conditions = { offline: false, latency: net.latency, downloadThroughput: net.down, uploadThroughput: net.up, connectionType: net.type };
  const network = async (s, throttle = true) => {
    await send('Network.enable', {}, s);
    await send('Network.setCacheDisabled', { cacheDisabled: !cache }, s);
    if (throttle) await send('Network.emulateNetworkConditions', conditions, s);
  };
  tab.off = cdp.on((method, params, from) => {
    if (method === 'Target.attachedToTarget' && from && tab.sessions.has(from)) {
      const child = params.sessionId;
      tab.sessions.add(child);
      (async () => {
        // A worker's requests are throttled by its page's conditions (a worker session
        // refuses Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate);
        // its session reports them.
        if (params.targetInfo.type === 'worker') {
          tab.workers++;
          await network(child, false).catch((e) => tab.notes.add(`worker network: ${e.message}`));
        }
        await send('Runtime.runIfWaitingForDebugger', {}, child).catch(() => {});
      })();
      return;
    }
    if (!tab.sessions.has(from)) return;
    if (method === 'Target.detachedFromTarget') { tab.sessions.delete(params.sessionId); return; }
    if (method === 'Runtime.bindingCalled' && params.name === '__phoneReport') {
      tab.reports.push(JSON.parse(params.payload));
      tab.onReport?.();
      return;
    }
    if (method === 'Network.requestWillBeSent') {
      if (params.request.url.startsWith('data:')) return;
      const key = params.requestId;
      const r = tab.requests.get(key) ?? { url: params.request.url, kind: kindOf(params.request.url), bytes: 0, done: false };
      r.startWall = params.wallTime * 1000;
      r.startTs = params.timestamp;
      tab.requests.set(key, r);
    } else if (method === 'Network.responseReceived') {
      const r = tab.requests.get(params.requestId);
      if (r) {
        const h = Object.fromEntries(Object.entries(params.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        r.status = params.response.status;
        r.protocol = params.response.protocol;
        r.contentLength = Number(h['content-length']) || 0;
        r.fromCache = !!(params.response.fromDiskCache || params.response.fromMemoryCache);
      }
    } else if (method === 'Network.requestServedFromCache') {
      const r = tab.requests.get(params.requestId);
      if (r) r.fromCache = true;
    } else if (method === 'Network.loadingFinished' || method === 'Network.loadingFailed') {
      const r = tab.requests.get(params.requestId);
      if (!r || r.done) return;
      r.done = true;
      r.failed = method === 'Network.loadingFailed' ? params.errorText : null;
      r.bytes = params.encodedDataLength ?? 0;
      // A file the memory cache gave without a network event of its own.
      if (!r.failed && r.bytes === 0) r.fromCache = true;
      // Over HTTP/1.1 Chromium counts only the headers of a worker's own script: its
      // body is added from Content-Length.
      if (!r.fromCache && r.contentLength && r.bytes < r.contentLength) r.bytes += r.contentLength;
      r.endWall = r.startWall + (params.timestamp - r.startTs) * 1000;
    }
  });
  await Promise.all([
    send('Page.enable'),
    send('Runtime.enable'),
    network(sessionId),
    send('Emulation.setCPUThrottlingRate', { rate: cpu }),
    send('Emulation.setDeviceMetricsOverride', SCREEN),
    send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 }),
    send('Emulation.setUserAgentOverride', { userAgent: USER_AGENT, platform: 'Linux armv8l' }),
    send('Page.addScriptToEvaluateOnNewDocument', { source: (mainThread ? 'delete window.Worker;\n' : '') + PROBE }),
    send('Runtime.addBinding', { name: '__phoneReport' }),
    send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
  ]);
  tab.send = send;
  tab.evaluate = async (expression) => {
    const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  tab.close = async () => { tab.off(); await cdp.send('Target.closeTarget', { targetId }).catch(() => {}); };
  return tab;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(fn, timeoutMs, what, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// Waits until no request of the tab has been in flight for `quietMs`.
async function networkQuiet(tab, quietMs = 1000, maxMs = 15000) {
  const end = Date.now() + maxMs;
  let since = Date.now();
  while (Date.now() < end) {
    const busy = [...tab.requests.values()].some((r) => !r.done);
    if (busy) since = Date.now();
    else if (Date.now() - since >= quietMs) return;
    await sleep(50);
  }
}

// Opens /search/ and returns as soon as a user could start: when the page has loaded
// (its CSS and script), and, for a query with filters, when the filters are filled. It
// does not wait for the network to be quiet: a script that loads Pagefind while the
// page is open must not get that time for free (the figures "from opening" count it;
// those "from Enter" would not).
async function openSearchPage(tab, origin, timeoutMs, query) {
  const filters = query.includes('=') && [...new URLSearchParams(query).keys()].some((k) => k !== 'q');
  tab.requests.clear();
  await tab.send('Page.navigate', { url: `${origin}/search/` });
  await waitFor(() => tab.evaluate(`(() => {
    const box = document.getElementById('search-filters');
    const year = document.getElementById('search-year');
    return document.readyState === 'complete' && !!box && !box.hidden && (${!filters} || (!!year && year.options.length > 1));
  })()`).catch(() => false), timeoutMs, 'the search page and its filters', 20);
}

// Chooses the filters, types the words into the search box and presses Enter, then waits
// for the probe's report. Returns the measurement of that search.
async function search(tab, query, timeoutMs, typeDelay) {
  const params = new URLSearchParams(query.includes('=') ? query : `q=${encodeURIComponent(query)}`);
  const words = params.get('q') ?? '';
  for (const name of ['committee', 'year', 'kind']) {
    if (params.has(name)) continue;
    await tab.evaluate(`(() => { const s = document.getElementById('search-${name}'); if (s) s.value = ''; })()`);
  }
  for (const [name, value] of params) {
    if (name === 'q') continue;
    const ok = await tab.evaluate(`(() => {
      const s = document.getElementById(${JSON.stringify('search-' + name)});
      if (!s || ![...s.options].some((o) => o.value === ${JSON.stringify(value)})) return false;
      s.value = ${JSON.stringify(value)};
      s.dispatchEvent(new Event('input', { bubbles: true }));
      s.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`);
    if (!ok) throw new Error(`the ${name} filter has no value "${value}"`);
  }
  // Bytes are counted from the first keystroke on (what the page loaded before, the
  // search page or a first search, is not) and, for a cold search, from opening the
  // page too. Nothing waits here for the network to be quiet (see openSearchPage).
  const typed = Date.now();
  tab.reports.length = 0;
  await tab.evaluate(`(() => { const i = document.getElementById('search-q'); i.focus(); i.select(); })()`);
  await tab.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 });
  await tab.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 });
  for (const ch of words) {
    await sleep(typeDelay);
    await tab.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
    await tab.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
  }
  await sleep(typeDelay);
  const reported = new Promise((resolve) => { tab.onReport = resolve; });
  const enterWall = Date.now();
  await tab.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
  await tab.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  const timedOut = await Promise.race([reported.then(() => false), sleep(timeoutMs).then(() => true)]);
  tab.onReport = null;
  const rep = tab.reports.at(-1) ?? {};
  if (timedOut || rep.failed) {
    const status = await tab.evaluate(`document.getElementById('search-status')?.textContent ?? ''`).catch(() => '');
    return { query, failed: rep.failed ?? `no count within ${timeoutMs / 1000} s (status: "${status}")` };
  }
  await networkQuiet(tab, 1000);
  const t0 = rep.t0 ?? enterWall;
  const open = rep.open ?? null;
  const m = { query, n: rep.n, shown: rep.shown ?? 0, count: (rep.count - t0) / 1000, first: rep.first ? (rep.first - t0) / 1000 : null, dcl: rep.dcl ? (rep.dcl - t0) / 1000 : null, enterFromOpen: open ? (t0 - open) / 1000 : null, firstFromOpen: open && rep.first ? (rep.first - open) / 1000 : null, bytes: {}, files: {}, last: {}, requests: 0, cached: 0, totalFromOpen: 0, requestsFromOpen: 0, failedRequests: [] };
  for (const k of KINDS) { m.bytes[k] = 0; m.files[k] = 0; m.last[k] = null; }
  m.protocols = [...new Set([...tab.requests.values()].filter((r) => !r.fromCache && r.protocol && r.protocol !== 'blob').map((r) => r.protocol))]; // blob: the page's own worker's script, made in the page
  m.list = [...tab.requests.values()].map((r) => ({ path: new URL(r.url).pathname, kind: r.kind, bytes: r.bytes, cached: !!r.fromCache, protocol: r.protocol, start: r.startWall ? +((r.startWall - t0) / 1000).toFixed(3) : null, end: r.endWall ? +((r.endWall - t0) / 1000).toFixed(3) : null }));
  for (const r of tab.requests.values()) {
    if (r.failed) m.failedRequests.push(`${r.url} (${r.failed})`);
    if (!r.fromCache) { m.totalFromOpen += r.bytes; m.requestsFromOpen++; }
    // Requests made before the first keystroke: counted from opening only, and in the
    // timeline (before Enter, so negative).
    const before = r.startWall && r.startWall < typed;
    if (r.fromCache) { if (!before) m.cached++; continue; }
    if (!before) {
      m.requests++;
      m.bytes[r.kind] += r.bytes;
      m.files[r.kind]++;
    }
    if (r.endWall) {
      const end = (r.endWall - t0) / 1000;
      if (m.last[r.kind] === null || end > m.last[r.kind]) m.last[r.kind] = end;
      if (r.kind === 'fragments' && !before) {
        const start = (r.startWall - t0) / 1000;
        if (m.fragStart === undefined || start < m.fragStart) m.fragStart = start;
      }
    }
  }
  m.total = KINDS.reduce((s, k) => s + m.bytes[k], 0);
  return m;
}

// ---------------------------------------------------------------- the runs

async function cold(cdp, server, opts, query) {
  const tab = await openTab(cdp, { net: NETWORKS[opts.network], cpu: opts.cpu, cache: !opts.noCache, mainThread: opts.mainThread });
  try {
    await tab.send('Network.clearBrowserCache');
    await openSearchPage(tab, server.origin, opts.timeout * 1000, query);
    const m = await search(tab, query, opts.timeout * 1000, opts.typeDelay);
    m.workers = tab.workers;
    m.notes = [...tab.notes];
    return m;
  } finally {
    await tab.close();
  }
}

async function warm(cdp, server, opts, pair) {
  const [first, second] = pair.split('>');
  const tab = await openTab(cdp, { net: NETWORKS[opts.network], cpu: opts.cpu, cache: true, mainThread: opts.mainThread });
  try {
    await tab.send('Network.clearBrowserCache');
    await openSearchPage(tab, server.origin, opts.timeout * 1000, first);
    const a = await search(tab, first, opts.timeout * 1000, opts.typeDelay);
    if (a.failed) return { ...a, query: pair };
    const m = await search(tab, second, opts.timeout * 1000, opts.typeDelay);
    m.query = `${second} (after ${first})`;
    m.workers = tab.workers;
    m.notes = [...tab.notes];
    return m;
  } finally {
    await tab.close();
  }
}

// ---------------------------------------------------------------- the tables

function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
const kb = (b) => (b === null ? '–' : (b / 1000).toFixed(1));
const sec = (s) => (s === null || s === undefined ? '–' : s.toFixed(2));

function tables(rows) {
  const out = [];
  out.push('From Enter: times from the Enter key, bytes from the first keystroke. From opening (cold searches): from asking for /search/, Enter included, bytes of everything the tab received.');
  out.push('');
  out.push('| Search | Results | Count shown (s) | First result (s) | Runs of "first" (s) | Page KB | Program KB | Metadata KB (files) | Index KB (files) | Filters KB (files) | Fragments KB (files) | Total KB (requests) | Enter, from opening (s) | First result, from opening (s) | Total from opening KB (requests) |');
  out.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, ms] of rows) {
    const ok = ms.filter((m) => !m.failed);
    if (!ok.length) { out.push(`| ${label} | failed | | | | | | | | | | |`); continue; }
    const md = (f) => median(ok.map(f));
    const files = (k) => `${kb(md((m) => m.bytes[k]))} (${md((m) => m.files[k])})`;
    const firsts = ok.map((m) => sec(m.first)).join(', ');
    const fromOpen = /, cold$/.test(label)
      ? `${sec(md((m) => m.enterFromOpen))} | ${sec(md((m) => m.firstFromOpen))} | ${kb(md((m) => m.totalFromOpen))} (${md((m) => m.requestsFromOpen)})`
      : '– | – | –';
    out.push(`| ${label} | ${md((m) => m.n)} | ${sec(md((m) => m.count))} | ${sec(md((m) => m.first))} | ${firsts} | ${kb(md((m) => m.bytes.page))} | ${kb(md((m) => m.bytes.program))} | ${files('metadata')} | ${files('index')} | ${files('filters')} | ${files('fragments')} | ${kb(md((m) => m.total))} (${md((m) => m.requests)}) | ${fromOpen} |`);
  }
  out.push('');
  out.push('Timeline, medians in seconds after Enter (when the last file of each kind had arrived; negative: before Enter):');
  out.push('');
  out.push('| Search | Page loaded (DOMContentLoaded) | Program | Metadata | Index | Filters | Fragments requested | Fragments | Count shown | First result |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, ms] of rows) {
    const ok = ms.filter((m) => !m.failed);
    if (!ok.length) continue;
    const md = (f) => median(ok.map(f));
    out.push(`| ${label} | ${sec(md((m) => m.dcl))} | ${sec(md((m) => m.last.program))} | ${sec(md((m) => m.last.metadata))} | ${sec(md((m) => m.last.index))} | ${sec(md((m) => m.last.filters))} | ${sec(md((m) => m.fragStart))} | ${sec(md((m) => m.last.fragments))} | ${sec(md((m) => m.count))} | ${sec(md((m) => m.first))} |`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(path.join(opts.site, 'search', 'index.html')) || !existsSync(path.join(opts.site, 'pagefind', 'pagefind.js'))) {
  console.log(`search_phone: no site with a search page and index at ${opts.site}/ (build it first)`);
  process.exit(1);
}
if (!opts.queries.length) {
  opts.queries = ['committee', 'report'];
  try {
    const list = JSON.parse(await readFile(path.join(opts.site, 'pagefind', 'quire.json'), 'utf8'));
    const committee = (list.filters?.committee ?? [])[0];
    const year = [...(list.filters?.year ?? [])].sort().at(-1);
    if (committee) opts.queries.push(`q=report&committee=${encodeURIComponent(committee)}`);
    if (year) opts.queries.push(`q=report&year=${year}`);
  } catch { /* no filters to try */ }
}
if (!opts.warm.length) opts.warm = ['report>committee'];

const net = NETWORKS[opts.network];
const tmp = await mkdtemp(path.join(os.tmpdir(), 'quire-phone-tls-'));
const tls = opts.http1 ? null : certificate(tmp);
const coldServer = await host(opts.site, { cacheControl: 'no-store', gzip: opts.gzip, http1: opts.http1, overrides: opts.overrides, tls });
const warmServer = await host(opts.site, { cacheControl: 'max-age=600', gzip: opts.gzip, http1: opts.http1, overrides: opts.overrides, tls });
const cdp = await launch(tls?.spki);
// Interrupted: close Chromium and remove the temporary folders before going.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    await cdp.close().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}
const version = (await cdp.send('Browser.getVersion')).product;
const load0 = os.loadavg();
const results = new Map();
let failed = 0;
const label = (q) => {
  if (!q.includes('=')) return `"${q}"`;
  const p = new URLSearchParams(q);
  const f = [...p].filter(([k]) => k !== 'q').map(([k, v]) => `${k} ${v}`).join(', ');
  return `"${p.get('q') ?? ''}" in ${f}`;
};
try {
  for (let run = 1; run <= opts.runs; run++) {
    const jobs = [
      ...opts.queries.map((q) => [`${label(q)}, cold`, () => cold(cdp, opts.noCache ? coldServer : warmServer, opts, q)]),
      ...opts.warm.map((w) => { const [a, b] = w.split('>'); return [`${label(b)}, warm (after ${label(a)})`, () => warm(cdp, warmServer, opts, w)]; }),
    ];
    for (const [name, job] of jobs) {
      const m = await job().catch((e) => ({ query: name, failed: e.message }));
      if (!results.has(name)) results.set(name, []);
      results.get(name).push(m);
      if (m.failed) {
        failed++;
        console.log(`FAIL run ${run} ${name}: ${m.failed}`);
      } else {
        console.error(`run ${run} ${name}: ${m.n} results, count ${sec(m.count)} s, first ${sec(m.first)} s (${sec(m.firstFromOpen)} s from opening, Enter at ${sec(m.enterFromOpen)} s), ${kb(m.total)} KB in ${m.requests} requests${m.cached ? ` (+${m.cached} from cache)` : ''}, ${m.workers} worker(s), load ${os.loadavg()[0].toFixed(2)}`);
        for (const n of m.notes ?? []) console.error(`    note: ${n}`);
        for (const f of m.failedRequests) console.error(`    failed request: ${f}`);
        if (m.n === 0) console.error(`    note: no results for ${name}; no first result to time`);
      }
    }
  }
} finally {
  await cdp.close();
  await coldServer.close();
  await warmServer.close();
  await rm(tmp, { recursive: true, force: true });
}
const load1 = os.loadavg();

console.log(`## Search on ${path.resolve(opts.site)}`);
console.log('');
console.log(`${version}; ${SCREEN.width}x${SCREEN.height} at ${SCREEN.deviceScaleFactor}x, CPU slowed ${opts.cpu}x (${opts.mainThread ? 'Pagefind on the main thread, slowed too' : "Pagefind in its worker, which Chromium does not slow"}); ${net.label}; ${[...new Set([...results.values()].flat().flatMap((m) => m.protocols ?? []))].join('/') || (opts.http1 ? 'http/1.1' : 'h2')}; text ${opts.gzip ? 'gzipped' : 'not compressed'}; cold searches ${opts.noCache ? 'with the cache disabled, served no-store (--no-cache)' : 'with an empty cache, served max-age=600'}${opts.overrides.size ? `; served instead: ${[...opts.overrides].map(([u, f]) => `${u} = ${path.relative(process.cwd(), f)}`).join(', ')}` : ''}; medians of ${opts.runs} run(s); load average ${load0.map((x) => x.toFixed(2)).join(' ')} at the start, ${load1.map((x) => x.toFixed(2)).join(' ')} at the end (${os.cpus().length} cores). KB = 1,000 bytes as received (headers and compressed bodies).`);
console.log('');
console.log(tables([...results]));
if (opts.json) await writeFile(opts.json, JSON.stringify({ site: path.resolve(opts.site), version, network: net, cpu: opts.cpu, gzip: opts.gzip, mainThread: opts.mainThread, http1: opts.http1, noCache: opts.noCache, overrides: Object.fromEntries(opts.overrides), load: [load0, load1], results: Object.fromEntries(results) }, null, 2));
console.log('');
console.log(`search_phone: ${[...results.values()].flat().length} searches timed, ${failed} failed`);
process.exit(failed ? 1 : 0);
