// The Nu HTML Checker (the vnu-jar package, run with the machine's Java) on every HTML
// page of the built site: zero errors wanted.
//
//   node checks/vnu.mjs [--site output]

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walk } from './site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const jar = path.join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const args = process.argv.slice(2);
const site = args[0] === '--site' ? args[1] : 'output';

if (!existsSync(jar)) {
  console.log(`vnu: ${jar} is missing (run: cd checks && npm ci --ignore-scripts)`);
  process.exit(1);
}
const pages = (await walk(site)).filter((f) => f.endsWith('.html'));
if (pages.length === 0) {
  console.log(`vnu: no HTML pages in ${site}/`);
  process.exit(1);
}

const run = spawnSync('java', ['-Xss2m', '-jar', jar, '--errors-only', '--format', 'json', ...pages], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.error) {
  console.log(`vnu: could not run java: ${run.error.message}`);
  process.exit(1);
}
let report;
try {
  report = JSON.parse(run.stderr.trim().split('\n').filter((l) => l.startsWith('{')).pop());
} catch {
  console.log(run.stdout + run.stderr);
  console.log(`vnu: could not read the checker's report (exit ${run.status})`);
  process.exit(1);
}

const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
const byPage = new Map();
for (const m of errors) {
  const file = m.url ? path.relative(site, fileURLToPath(m.url)) : '?';
  if (!byPage.has(file)) byPage.set(file, []);
  byPage.get(file).push(m);
}
for (const [file, list] of byPage) {
  for (const m of list) {
    const extract = (m.extract ?? '').replace(/\s+/g, ' ').trim();
    console.log(`FAIL ${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}${extract ? `\n       ${extract}` : ''}`);
  }
}
console.log(`vnu: ${pages.length} pages, ${errors.length} errors on ${byPage.size} pages (Nu HTML Checker ${report.version})`);
process.exit(errors.length === 0 && run.status === 0 ? 0 : 1);
