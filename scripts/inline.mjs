#!/usr/bin/env node
// Turns Trunk's release output into one self-contained HTML file: the CSS
// (already inlined by Trunk), the wasm-bindgen JS glue and the .wasm (base64)
// all inside it, so classrooms can open it straight from file:// (a browser
// will not fetch dist/*.wasm from file:// because of CORS).
//
//   node scripts/inline.mjs DIST_DIR OUTPUT_HTML

import fs from 'node:fs';
import path from 'node:path';

const [dist = 'dist', out = path.join(dist, 'dockerlings.html')] = process.argv.slice(2);
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

const loader = html.match(/<script type="?module"?>[\s\S]*?<\/script>/);
if (!loader) throw new Error(`${dist}/index.html: Trunk's module loader script not found`);
const jsName = loader[0].match(/from\s*['"]\.?\/?([^'"]+\.js)['"]/)?.[1];
const wasmName = loader[0].match(/['"]\.?\/?([^'"]+_bg\.wasm)['"]/)?.[1];
if (!jsName || !wasmName) throw new Error('loader script does not name the .js and .wasm files');

let js = fs.readFileSync(path.join(dist, jsName), 'utf8');
const wasm = fs.readFileSync(path.join(dist, wasmName));

// The glue is an ES module; inline it as one, without its exports.
js = js
  .replace(/^export\s*\{[^}]*\};?\s*$/m, '')
  .replace(/^export\s+(?=(async\s+)?function|class|const|let)/gm, '');
if (/\bexport\b\s*[{*]|^export\s/m.test(js)) throw new Error('unexpected export left in the JS glue');
if (!/function __wbg_init\b/.test(js)) throw new Error('__wbg_init not found in the JS glue');

const script = [
  '<script type="module">',
  js.replace(/<\/script/gi, '<\\/script'),
  `const dockerlingsWasm = Uint8Array.from(atob("${wasm.toString('base64')}"), (c) => c.charCodeAt(0));`,
  'await __wbg_init({ module_or_path: dockerlingsWasm });',
  '</script>',
].join('\n');

// Local classic scripts (www/boot.js) go inline too.
const local = (src) => !/^[a-z]+:|^\/\//i.test(src);
const inlined = [];
const withScripts = html.replace(/<script src="([^"]+)"><\/script>/g, (tag, src) => {
  if (!local(src)) return tag;
  const file = path.join(dist, src.replace(/^\.?\//, ''));
  inlined.push(src);
  return `<script>\n${fs.readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script')}</script>`;
});

const page = withScripts
  .replace(loader[0], () => script)
  // Preload hints for the files that are now inline.
  .replace(/<link[^>]*rel="?(modulepreload|preload)"?[^>]*>/g, '');

for (const name of [jsName, wasmName, ...inlined.map((src) => `src="${src}"`)]) {
  if (page.includes(name)) throw new Error(`${out} still refers to ${name}`);
}
fs.writeFileSync(out, page);
console.log(`${out}: ${page.length} bytes (wasm ${wasm.length} bytes inlined as base64, JS glue ${js.length} bytes)`);
