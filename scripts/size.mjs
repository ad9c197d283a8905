#!/usr/bin/env node
// Bundle-size report for the release build: each .wasm, .js and .html in
// DIST_DIR, raw, gzip -9 and brotli (max quality), via node's zlib. Also
// written as JSON to artifacts/size.json.
//
//   node scripts/size.mjs DIST_DIR

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] || 'dist';
const files = fs
  .readdirSync(dist)
  .filter((f) => /\.(wasm|js|html)$/.test(f))
  .sort((a, b) => order(a) - order(b) || a.localeCompare(b));

function order(f) {
  return f.endsWith('.wasm') ? 0 : f.endsWith('.js') ? 1 : f === 'index.html' ? 2 : 3;
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
// What a browser downloads for the served site: .wasm + .js + index.html.
const served = rows.filter((r) => r.file !== 'dockerlings.html');
const total = served.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);

const name = (f) => f.replace(/-[0-9a-f]{16}(?=(_bg)?\.)/, '');
const line = (label, r) =>
  `${label.padEnd(28)}${String(r.raw).padStart(10)}${String(r.gzip).padStart(10)}${String(r.brotli).padStart(10)}   ${kb(r.raw)} / ${kb(r.gzip)} / ${kb(r.brotli)}`;
console.log(`${'release bundle (bytes)'.padEnd(28)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const r of rows) console.log(line(name(r.file), r));
console.log(line('site total (wasm+js+html)', total));

fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync(
  'artifacts/size.json',
  JSON.stringify({ files: rows.map((r) => ({ ...r, file: name(r.file) })), total }, null, 2) + '\n',
);
