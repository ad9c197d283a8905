#!/usr/bin/env node
// Adds a Content-Security-Policy to built pages (dist/index.html and the
// offline dist/dockerlings.html): scripts only from the site itself or, for
// inline scripts, by their SHA-256 hash; WebAssembly compilation
// ('wasm-unsafe-eval'); no external origin anywhere; no plugins, forms or
// <base>. Styles allow 'unsafe-inline' (Trunk inlines the CSS and the
// console sets style attributes); style cannot run code. A policy already in
// the page is replaced, so the script can run again after the page changed.
//
//   node scripts/csp.mjs PAGE.html...

import crypto from 'node:crypto';
import fs from 'node:fs';

const META = /<meta http-equiv="Content-Security-Policy"[^>]*>\n?/g;

export function policy(html) {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function withPolicy(html) {
  const page = html.replace(META, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(page)}">\n`;
  // Right after the charset, before anything it governs.
  const charset = /<meta charset="[^"]*">\n?/i;
  if (charset.test(page)) return page.replace(charset, (m) => `${m}${m.endsWith('\n') ? '' : '\n'}${meta}`);
  return page.replace(/<head>\n?/, (h) => `${h}${meta}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    fs.writeFileSync(file, withPolicy(fs.readFileSync(file, 'utf8')));
    console.log(`${file}: Content-Security-Policy added`);
  }
}
