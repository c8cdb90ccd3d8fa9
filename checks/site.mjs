// What the checks need to know about a built site: its HTML pages, their URLs and
// their page types. Shared by browser.mjs (axe, keyboard, screenshots).

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

// `committees/cabinet/index.html` -> `/committees/cabinet/`
export function urlPath(rel) {
  const posix = rel.split(path.sep).join('/');
  if (posix === 'index.html') return '/';
  if (posix.endsWith('/index.html')) return '/' + posix.slice(0, -'index.html'.length);
  return '/' + posix;
}

// The document kind from a Markdown file's front matter (`kind: report`), or null.
async function frontMatterKind(mdFile) {
  let text;
  try { text = await readFile(mdFile, 'utf8'); } catch { return null; }
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return null;
  const k = /^kind:\s*["']?([A-Za-z-]+)["']?\s*(#.*)?$/m.exec(m[1]);
  return k ? k[1] : null;
}

// Page type of an HTML file, from its place in the site (see the output layout).
// Document pages get `document:<kind>`, with the kind read from content/ when the
// source is there, else from a `data-kind`/`kind-…` marker in the page, else `document`.
export async function pageType(rel, { contentDir, html }) {
  const parts = rel.split(path.sep);
  const n = parts.length;
  if (rel === 'index.html') return 'home';
  if (rel === '404.html') return '404';
  if (parts[n - 1] !== 'index.html') return 'other';
  if (parts[0] === 'committees') {
    if (n === 2) return 'committees-index';
    if (n === 3) return 'committee';
    if (n === 4) return 'meeting';
    if (n === 5) {
      let kind = null;
      if (contentDir) kind = await frontMatterKind(path.join(contentDir, 'committees', parts[1], parts[2], parts[3] + '.md'));
      if (!kind && html) {
        const m = /data-kind="([a-z-]+)"|class="[^"]*\b(?:kind|doc)-([a-z-]+)\b/.exec(html);
        if (m) kind = m[1] ?? m[2];
      }
      return kind ? `document:${kind}` : 'document';
    }
    return 'other';
  }
  if (parts[0] === 'members') return n === 2 ? 'members-index' : n === 3 ? 'member' : 'other';
  if (parts[0] === 'search' && n === 2) return 'search';
  if (parts[0] === 'accessibility' && n === 2) return 'accessibility';
  if (n === 2) return 'page';
  return 'other';
}

// Every HTML page of the site: [{ file, rel, url, type }], sorted by path.
export async function sitePages(root, { contentDir } = {}) {
  const files = (await walk(root)).filter((f) => f.endsWith('.html'));
  const pages = [];
  for (const file of files) {
    const rel = path.relative(root, file);
    const html = await readFile(file, 'utf8');
    pages.push({ file, rel, url: urlPath(rel), type: await pageType(rel, { contentDir, html }) });
  }
  return pages;
}

// One page of each type: the first in path order (the shortest is usually the plainest).
export function onePerType(pages) {
  const seen = new Map();
  for (const p of pages) if (!seen.has(p.type)) seen.set(p.type, p);
  return [...seen.values()];
}
