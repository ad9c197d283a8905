#!/usr/bin/env node
// Bundle-size report for the release build: each .wasm, .js and .html in
// DIST_DIR, raw, gzip -9 and brotli (max quality), via node's zlib. Also
// written as JSON to artifacts/size.json. Then where the wasm's bytes go
// (scripts/wasm-names.mjs, on cargo's release artifact, which still has its
// function names), and the size budget (scripts/size-budget.json). With
// --check-budget only the budget is printed, and the exit status is 1 when
// the first load (everything the served site downloads) or the offline page
// is larger, in brotli bytes, than the budget allows (scripts/test).
//
//   node scripts/size.mjs [--check-budget] DIST_DIR [CARGO_WASM]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { attribute, print } from './wasm-names.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--check-budget');
const checkOnly = process.argv.includes('--check-budget');
const dist = args[0] || 'dist';
const files = fs
  .readdirSync(dist)
  .filter((f) => /\.(wasm|js|html|css)$/.test(f))
  .sort((a, b) => order(a) - order(b) || a.localeCompare(b));

function order(f) {
  return f.endsWith('.wasm') ? 0 : f.endsWith('.js') ? 1 : f === 'index.html' ? 2 : f === 'dockerlings.html' ? 4 : 3;
}

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = files.map((f) => ({ file: f, ...sizes(fs.readFileSync(path.join(dist, f))) }));
// What a browser downloads for the served site: .wasm, .js, index.html.
const served = rows.filter((r) => r.file !== 'dockerlings.html');
const total = served.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);

const name = (f) => f.replace(/-[0-9a-f]{16}(?=(_bg)?\.)/, '');
const line = (label, r) =>
  `${label.padEnd(28)}${String(r.raw).padStart(10)}${String(r.gzip).padStart(10)}${String(r.brotli).padStart(10)}   ${kb(r.raw)} / ${kb(r.gzip)} / ${kb(r.brotli)}`;
const log = checkOnly ? () => {} : console.log;
log(`${'release bundle (bytes)'.padEnd(28)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const r of rows) log(line(name(r.file), r));
log(line('first load (served site)', total));

fs.mkdirSync('artifacts', { recursive: true });
if (!checkOnly) fs.writeFileSync(
  'artifacts/size.json',
  JSON.stringify({ files: rows.map((r) => ({ ...r, file: name(r.file) })), total }, null, 2) + '\n',
);

const cargoWasm = args[1] || 'target/wasm32-unknown-unknown/release/dockerlings.wasm';
if (checkOnly) {
  // The budget only.
} else if (fs.existsSync(cargoWasm)) {
  console.log('');
  print(attribute(fs.readFileSync(cargoWasm)));
} else {
  console.log(`(no ${cargoWasm}: no attribution by crate and module)`);
}

// The budget: lower it whenever a change makes the bundle smaller.
const budget = JSON.parse(fs.readFileSync(new URL('./size-budget.json', import.meta.url), 'utf8'));
const offline = rows.find((r) => r.file === 'dockerlings.html');
const checks = [
  ['first load, brotli', total.brotli, budget.first_load_brotli],
  ['offline page, brotli', offline?.brotli, budget.offline_brotli],
];
let over = 0;
console.log('');
for (const [what, size, limit] of checks) {
  if (size === undefined) continue;
  const ok = size <= limit;
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} budget: ${what} ${size} bytes (${kb(size)}) ≤ ${limit} bytes (${kb(limit)})`);
}
if (over) {
  console.log('the bundle is over its budget (scripts/size-budget.json)');
  if (checkOnly) process.exit(1);
}
