// A tiny static file server for a built site, on 127.0.0.1 and a free port.
//
// Serves files under `root` only. A URL ending in `/` (or naming a folder) means that
// folder's index.html; a folder URL without the trailing slash redirects to it, as a
// static host would. A missing path gets `404.html` with status 404.
//
//   import { serve } from './serve.mjs';
//   const server = await serve('output');   // { origin, port, close() }
//
// Every response says `Cache-Control: no-store` and is sent as it is on disk, unless the
// second argument asks otherwise: `serve('output', { cacheControl: 'max-age=600', gzip:
// true })` sends that Cache-Control and gzips text (HTML, CSS, JS, JSON, XML, SVG, iCal)
// for a browser that accepts it, as a static host does. `siteHandler(root, options)` is
// the request handler alone, for another server (checks/search_phone.mjs serves HTTP/2).
// `hold: (pathname) => promise or null` keeps back the answer to a path until the promise
// settles: checks/search_years.mjs holds the older years' search files with it.
//
// Run alone: node checks/serve.mjs output   (prints the URL, serves until Ctrl-C)

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

async function isFile(p) {
  try { return (await stat(p)).isFile(); } catch { return false; }
}
async function isDir(p) {
  try { return (await stat(p)).isDirectory(); } catch { return false; }
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg\+xml)/;

export function siteHandler(root, { cacheControl = 'no-store', gzip = false, hold = null } = {}) {
  const base = path.resolve(root);
  return async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const wait = hold ? hold(url.pathname) : null;
      if (wait) await wait;
      let rel;
      try { rel = decodeURIComponent(url.pathname); } catch { rel = null; }
      let file = rel === null ? null : path.join(base, path.normalize(rel));
      if (file && file !== base && !file.startsWith(base + path.sep)) file = null;
      if (file && (await isDir(file))) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search });
          res.end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      if (file && (await isFile(file))) {
        let body = await readFile(file);
        const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        const headers = { 'Content-Type': type, 'Cache-Control': cacheControl };
        if (gzip && COMPRESSIBLE.test(type)) {
          headers.Vary = 'Accept-Encoding';
          if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
            body = gzipSync(body);
            headers['Content-Encoding'] = 'gzip';
          }
        }
        headers['Content-Length'] = body.length;
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      const notFound = path.join(base, '404.html');
      const body = (await isFile(notFound)) ? await readFile(notFound) : Buffer.from('Not found\n');
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  };
}

export async function serve(root, options = {}) {
  const server = createServer(siteHandler(root, options));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = process.argv[2] ?? 'output';
  const s = await serve(root);
  console.log(`serving ${path.resolve(root)} at ${s.origin}/`);
}
