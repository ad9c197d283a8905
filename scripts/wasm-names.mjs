// Where the bytes of a .wasm go: reads its code section and its `name`
// section (function names, which rustc's linker writes demangled) and adds
// up the body sizes per crate, per module of this crate, and the serde
// save/load code. Used by scripts/size.mjs on the cargo artifact before
// wasm-opt (wasm-opt drops the names); the shares carry over to the
// optimised file roughly, not byte for byte.
//
//   node scripts/wasm-names.mjs FILE.wasm     (prints the report)

import fs from 'node:fs';

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() {
      return pos;
    },
    set pos(p) {
      pos = p;
    },
    byte: () => buf[pos++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = buf[pos++];
        result += (b & 0x7f) * 2 ** shift;
        if (!(b & 0x80)) return result;
        shift += 7;
      }
    },
    name() {
      const len = r.u32();
      const s = buf.toString('utf8', pos, pos + len);
      pos += len;
      return s;
    },
  };
  return r;
}

/** Function body sizes and names, and the sizes of the other sections. */
export function parse(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm file');
  const r = reader(buf);
  r.pos = 8;
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  const sections = {};
  while (r.pos < buf.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) {
          r.u32();
          importedFuncs++;
        } else if (kind === 1) {
          r.byte();
          const flags = r.u32();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 2) {
          const flags = r.u32();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 3) {
          r.byte();
          r.byte();
        } else {
          r.byte();
          r.u32();
        }
      }
    } else if (id === 10) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const len = r.u32();
        bodies.push(len);
        r.pos += len;
      }
    } else if (id === 0) {
      const name = r.name();
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.byte();
          const len = r.u32();
          const subEnd = r.pos + len;
          if (sub === 1) {
            const n = r.u32();
            for (let i = 0; i < n; i++) {
              const idx = r.u32();
              names.set(idx, r.name());
            }
          }
          r.pos = subEnd;
        }
      }
      sections[`custom:${name}`] = (sections[`custom:${name}`] || 0) + size;
    }
    if (id !== 0) sections[id] = (sections[id] || 0) + size;
    r.pos = end;
  }
  const funcs = bodies.map((size, i) => ({ size, name: names.get(importedFuncs + i) || '' }));
  // What the module ships once wasm-opt has dropped the names and the
  // bindgen metadata: every section but the custom ones.
  const shipped = Object.entries(sections)
    .filter(([k]) => !k.startsWith('custom:'))
    .reduce((t, [, v]) => t + v, 0);
  return { funcs, sections, shipped };
}

const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

// Rust's legacy mangling (_ZN…E) as rustc's wasm linker leaves it in the
// name section: length-prefixed segments, `$LT$`-style escapes, a hash.
export function demangle(name) {
  const m = /^_?_ZN(.*)E$/.exec(name);
  if (!m) return name;
  const parts = [];
  let s = m[1];
  while (s.length) {
    const len = /^\d+/.exec(s);
    if (!len) break;
    const n = Number(len[0]);
    parts.push(s.slice(len[0].length, len[0].length + n));
    s = s.slice(len[0].length + n);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) || '')) parts.pop();
  return parts
    .map((p) => p.replace(/^_(?=\$)/, ''))
    .join('::')
    .replace(/\$([A-Z]+)\$/g, (m, k) => ESCAPES[k] ?? m)
    .replace(/\$u([0-9a-f]+)\$/g, (m, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\.\./g, '::');
}

const CRATE = 'dockerlings';

/** The bucket a function belongs to: the crate of its outermost path
 * (for `<A as Trait>::f`, A's), the module when that crate is ours, and
 * whether it is serde code for one of our types (derives and their
 * monomorphised serde_json drivers: the save/load cost). */
export function owners(raw) {
  const name = demangle(raw);
  const head = name.replace(/^(?:[<&*\s]|mut\s|const\s|dyn\s)+/, '');
  const first = /^([A-Za-z_][A-Za-z_0-9]*)::/.exec(head);
  const crate = first ? first[1] : '(unnamed)';
  const ours = crate === CRATE ? /^dockerlings::([a-z_0-9]+)(?:::([a-z_0-9]+))?/.exec(head) : null;
  const module = ours ? [ours[1], ours[2]].filter(Boolean).join('::') : null;
  // Legacy names drop generic arguments, so serde_json's drivers cannot be
  // told apart by type: all of serde's crates count, plus our types' impls.
  const serde =
    /^serde(_core|_json)?$/.test(crate) ||
    (/\bserde(_core|_json)?::/.test(name) && (crate === CRATE || /__Visitor|__Field/.test(name)));
  return { crate, module, serde };
}

/** The report: per crate, per module of ours, serde save/load code. */
export function attribute(buf) {
  const { funcs, sections, shipped } = parse(buf);
  const crates = new Map();
  const modules = new Map();
  let serde = 0;
  let code = 0;
  for (const f of funcs) {
    const o = owners(f.name);
    code += f.size;
    crates.set(o.crate, (crates.get(o.crate) || 0) + f.size);
    if (o.module) modules.set(o.module, (modules.get(o.module) || 0) + f.size);
    if (o.serde) serde += f.size;
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    total: shipped,
    file: buf.length,
    code,
    data: sections[11] || 0,
    functions: funcs.length,
    crates: sorted(crates),
    modules: sorted(modules),
    serde,
  };
}

export function print(report, top = 15) {
  const pct = (n) => `${((100 * n) / report.total).toFixed(1).padStart(5)} %`;
  const row = (label, n) => console.log(`    ${label.padEnd(34)}${String(n).padStart(10)}  ${pct(n)}`);
  console.log(
    `where the wasm's bytes go (cargo's artifact before wasm-opt: ${report.total} bytes of code and data, ${report.functions} functions; shares of that)`,
  );
  row('code (function bodies)', report.code);
  row('data (strings, tables, catalog)', report.data);
  row('serde + serde_json (save/load, JSON)', report.serde);
  console.log('  by crate:');
  for (const [k, v] of report.crates.slice(0, top)) row(k, v);
  console.log(`  by module of ${CRATE}:`);
  for (const [k, v] of report.modules.slice(0, top)) row(k, v);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/wasm-names.mjs FILE.wasm');
    process.exit(2);
  }
  print(attribute(fs.readFileSync(file)));
}
