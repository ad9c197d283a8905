#!/usr/bin/env node
// Real-browser tests of what guards the learner's page (issues 17 and 18):
// the terminal frame that takes input before the wasm is ready, the crash
// dialog after a wasm trap (in the learner's language, with reload and the
// last save), honest storage (a failed save shows a persistent warning
// with a download; a reload that restores an older save says how old it
// is), the Content-Security-Policy, and a corpus of XSS payloads sent
// through every path to the DOM, which must stay text.
//
//   node tests/browser/guard.test.mjs        (after scripts/build)

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, CHROMIUM_ARGS, serve, results, check, assert } from './harness.mjs';

const INPUT = '.input-line input';
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>\n?/;

async function ready(page) {
  await page.waitForSelector('html[data-ready-ms]', { timeout: 20000 });
}

async function screenText(page) {
  return page.locator('.screen').innerText();
}

async function waitForText(page, text, timeout = 10000) {
  try {
    await page.waitForFunction((t) => document.querySelector('.screen')?.innerText.includes(t), text, { timeout });
  } catch {
    throw new Error(`"${text}" did not appear; the screen shows:\n${(await screenText(page)).slice(-1500)}`);
  }
}

async function run(page, command) {
  await page.locator(INPUT).fill('');
  await page.locator(INPUT).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

// Each payload sets window.__xss (or calls alert) if it ever runs. None
// contains "/" (they are also file names) or a single quote (they are
// single-quoted in the shell).
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=2>',
  '<svg onload=window.__xss=3>',
  '"><img src=x onerror=window.__xss=4>',
  '<iframe srcdoc="<script>parent.__xss=5<\\/script>">',
  '<body onload=window.__xss=6>',
  '<input autofocus onfocus=window.__xss=7>',
  '<details open ontoggle=window.__xss=8>',
  '<a href="javascript:window.__xss=9">x</a>',
  '<math><mtext><img src=x onerror=window.__xss=10>',
  '<video><source onerror=window.__xss=11>',
  '<audio src=x onerror=window.__xss=12>',
  '<marquee onstart=window.__xss=13>',
  '<object data="javascript:window.__xss=14">',
  '<embed src="javascript:window.__xss=15">',
  '<style onload=window.__xss=16>',
  '<select autofocus onfocus=window.__xss=17>',
  '<textarea autofocus onfocus=window.__xss=18>',
  '{{constructor.constructor("window.__xss=19")()}}',
  '${alert(20)}',
  '<img src=x onerror=alert(21)>',
  '&lt;img src=x onerror=window.__xss=22&gt;',
  '<div style="background:url(javascript:window.__xss=23)">',
  '<form><button formaction="javascript:window.__xss=24">x',
];

function withoutPolicy(html) {
  return html.replace(CSP_META, '');
}

async function main() {
  assert(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run scripts/build first');
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const fresh = async (options = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', ...options });
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      page.errors.push(`browser dialog: ${d.message()}`);
      d.dismiss();
    });
    return { context, page };
  };

  try {
    await check('the terminal frame takes input before the wasm is ready, and the app replays it', async () => {
      const { context, page } = await fresh();
      // The wasm arrives 2 s late.
      await page.route('**/*.wasm', async (route) => {
        await new Promise((r) => setTimeout(r, 2000));
        await route.continue();
      });
      await page.goto(base, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('#boot-input', { timeout: 5000 });
      const prompt = await page.locator('#boot-prompt').innerText();
      assert(prompt.startsWith('root@laptop:~#'), `boot prompt "${prompt}"`);
      assert(await page.evaluate(() => document.activeElement?.id === 'boot-input'), 'the boot input has no focus');
      await page.keyboard.type('echo typed-early');
      await page.keyboard.press('Enter');
      await page.keyboard.type('echo half');
      assert(!(await page.evaluate(() => document.documentElement.hasAttribute('data-ready-ms'))), 'the wasm was not slow');
      assert((await page.locator('#boot-screen').innerText()).includes('echo typed-early'), 'the typed line was not echoed');
      await ready(page);
      await waitForText(page, 'typed-early\n');
      assert((await page.locator(INPUT).inputValue()) === 'echo half', 'the half-typed line was lost');
      assert(page.errors.length === 0, page.errors.join('\n'));
      await context.close();
    });

    await check('a wasm trap shows the crash dialog with reload and the last save (en)', async () => {
      const { context, page } = await fresh();
      await page.goto(base);
      await ready(page);
      await run(page, 'echo before-crash');
      await waitForText(page, 'before-crash\n');
      await page.evaluate(() => {
        try {
          window.wasmBindings.dockerlings_crash_test();
        } catch (e) {
          // The trap reaches the caller too.
        }
      });
      const dialog = page.locator('#crash');
      await dialog.waitFor({ state: 'visible', timeout: 5000 });
      const text = await dialog.innerText();
      assert(text.includes('Dockerlings stopped'), `crash dialog says: ${text}`);
      assert(!text.includes('已停止'), 'the English page shows Chinese');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#crash-export').click()]);
      const saved = fs.readFileSync(await download.path(), 'utf8');
      assert(saved.includes('echo before-crash') && JSON.parse(saved), 'the download is not the last save');
      await page.locator('#crash-reload').click();
      await ready(page);
      await waitForText(page, 'Welcome back');
      await context.close();
    });

    await check('the crash dialog speaks the learner\'s language (zh-CN)', async () => {
      const { context, page } = await fresh({ locale: 'zh-CN' });
      await page.goto(`${base}?lang=zh`);
      await ready(page);
      await page.evaluate(() => {
        try {
          window.wasmBindings.dockerlings_crash_test();
        } catch (e) {}
      });
      await page.locator('#crash').waitFor({ state: 'visible', timeout: 5000 });
      const text = await page.locator('#crash').innerText();
      assert(text.includes('Dockerlings 已停止') && text.includes('重新加载'), `crash dialog says: ${text}`);
      assert(!text.includes('Dockerlings stopped'), 'the Chinese page shows English');
      await context.close();
    });

    await check('storage full: a persistent warning with a download; the reload says the save is older', async () => {
      const { context, page } = await fresh();
      await page.addInitScript(() => {
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (sessionStorage.getItem('full') && k === 'dockerlings.sandbox.v1') {
            throw new DOMException('quota', 'QuotaExceededError');
          }
          return set.call(this, k, v);
        };
      });
      await page.goto(base);
      await ready(page);
      await run(page, 'echo saved-one');
      await waitForText(page, 'saved-one\n');
      await page.evaluate(() => sessionStorage.setItem('full', '1'));
      await run(page, 'echo lost-two');
      await waitForText(page, 'lost-two\n');
      const warning = page.locator('.save-warning');
      await warning.waitFor({ timeout: 5000 });
      assert((await warning.innerText()).includes('not being saved'), `warning: ${await warning.innerText()}`);
      await run(page, 'echo lost-three');
      await waitForText(page, 'lost-three\n');
      assert(await warning.isVisible(), 'the warning did not persist');
      const [download] = await Promise.all([page.waitForEvent('download'), warning.locator('button').click()]);
      const exported = fs.readFileSync(await download.path(), 'utf8');
      assert(exported.includes('echo lost-three') && JSON.parse(exported), 'the download lacks the latest command');
      await page.evaluate(() => sessionStorage.removeItem('full'));
      await page.reload();
      await ready(page);
      await waitForText(page, 'The sandbox restored is the one saved');
      assert(/saved \d+ seconds ago/.test(await screenText(page)), 'no age');
      await page.locator(INPUT).focus();
      await page.keyboard.press('ArrowUp');
      assert((await page.locator(INPUT).inputValue()) === 'echo saved-one', 'not the older save');
      await context.close();
    });

    await check('two tabs: the one that sees the other save stops saving and says so', async () => {
      const { context, page: a } = await fresh();
      await a.goto(base);
      await ready(a);
      const b = await context.newPage();
      await b.goto(base);
      await ready(b);
      await run(b, 'echo from-tab-b');
      await waitForText(b, 'from-tab-b\n');
      const warning = a.locator('.save-warning');
      await warning.waitFor({ timeout: 5000 });
      assert((await warning.innerText()).includes('changed in another tab'), `tab A says: ${await warning.innerText()}`);
      await run(a, 'echo from-tab-a');
      await waitForText(a, 'from-tab-a\n');
      const saved = await a.evaluate(() => localStorage.getItem('dockerlings.sandbox.v1'));
      assert(saved.includes('echo from-tab-b') && !saved.includes('echo from-tab-a'), 'tab A overwrote tab B');
      await context.close();
    });

    await check('unreadable lesson progress is kept aside and the panel says so', async () => {
      const { context, page } = await fresh();
      await page.goto(base);
      await ready(page);
      await page.evaluate(() => localStorage.setItem('dockerlings.lessons.v1', '{"lang": 42'));
      await page.reload();
      await ready(page);
      const panel = await page.locator('.lessons').innerText();
      assert(panel.includes('lesson progress could not be read') && panel.includes('is kept in localStorage'), `panel: ${panel.slice(0, 400)}`);
      const kept = await page.evaluate(() => localStorage.getItem('dockerlings.lessons.v1.unreadable'));
      assert(kept === '{"lang": 42', `kept ${kept}`);
      await context.close();
    });

    await check('an unreadable save that cannot be kept aside says so', async () => {
      const { context, page } = await fresh();
      await page.addInitScript(() => {
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (k.endsWith('.unreadable')) throw new DOMException('quota', 'QuotaExceededError');
          return set.call(this, k, v);
        };
      });
      await page.goto(base);
      await ready(page);
      await page.evaluate(() => localStorage.setItem('dockerlings.sandbox.v1', '{"broken"'));
      await page.reload();
      await ready(page);
      await waitForText(page, 'could not be kept aside');
      assert(!(await screenText(page)).includes('is kept in localStorage'), 'claims it was kept');
      await context.close();
    });

    await check('the Content-Security-Policy blocks an injected inline script, and the page runs under it', async () => {
      for (const [label, url] of [
        ['served', base],
        ['offline', `file://${path.join(DIST, 'dockerlings.html')}`],
      ]) {
        const { context, page } = await fresh();
        const violations = [];
        await page.exposeFunction('__cspViolation', (v) => violations.push(v));
        await page.addInitScript(() =>
          document.addEventListener('securitypolicyviolation', (e) =>
            window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
          ),
        );
        await page.goto(url);
        await ready(page);
        const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        assert(csp && /script-src 'self' 'wasm-unsafe-eval' 'sha256-/.test(csp), `${label}: policy ${csp}`);
        assert(!/https?:/.test(csp), `${label}: an external origin is allowed`);
        await run(page, 'echo under-csp');
        await waitForText(page, 'under-csp\n');
        assert(violations.length === 0, `${label}: violations while running: ${violations.join('; ')}`);
        const ran = await page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.append(s);
          return window.__inline;
        });
        assert(ran === undefined, `${label}: an injected inline script ran`);
        assert(page.errors.length === 0, page.errors.join('\n'));
        await context.close();
      }
    });

    await check(`${PAYLOADS.length} XSS payloads through every path to the DOM stay text (no CSP, to test escaping)`, async () => {
      const { context, page } = await fresh();
      const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
      // Without the policy, only the DOM's escaping stands between the text and the page.
      await page.route(base, (route) => route.fulfill({ contentType: 'text/html', body: withoutPolicy(html) }));
      await page.route(`${base}?**`, (route) => route.fulfill({ contentType: 'text/html', body: withoutPolicy(html) }));
      const first = encodeURIComponent(PAYLOADS[1]);
      await page.goto(`${base}?lesson=${first}&step=${encodeURIComponent(PAYLOADS[0])}&lang=${encodeURIComponent(PAYLOADS[2])}`);
      await ready(page);
      assert(
        (await page.locator('meta[http-equiv="Content-Security-Policy"]').count()) === 0,
        'the policy is still there',
      );
      await run(page, 'docker pull alpine');
      await waitForText(page, 'Status: Downloaded newer image for alpine:latest');
      let i = 0;
      for (const p of PAYLOADS) {
        i++;
        const q = `'${p}'`;
        const commands = [
          `printf '%s\\n' ${q} > f${i}; cat f${i}`, // file contents
          `touch ${q}; ls`, // file names
          `docker run --name ${q} alpine true`, // container names (an error that quotes it)
          `docker run -d --label x=${q} --name lab${i} alpine true`, // labels
          `docker tag alpine ${q}`, // image tags (an error that quotes it)
        ];
        if (i <= 3) {
          commands.push(`docker inspect --format '{{json .Config.Labels}}' lab${i}`); // inspect output
          commands.push(`docker ps -a --filter name=lab${i} --format '{{.Labels}}'`);
          commands.push(`mkdir -p ctx${i}; printf 'FROM alpine\\nRUN echo %s\\n' ${q} > ctx${i}/Dockerfile; docker build -t b${i} ctx${i}`); // build output
        }
        for (const c of commands) {
          // Filled, not typed key by key: the paths under test are the
          // outputs, and the corpus is long.
          await page.locator(INPUT).fill(c);
          await page.locator(INPUT).press('Enter');
        }
        await page.waitForFunction((n) => document.querySelectorAll('.entry').length > n, 0);
      }
      // The editor shows a file of payloads.
      await run(page, 'cat f2 f3 > ed; nano ed');
      await page.waitForSelector('.editor textarea', { timeout: 5000 });
      await page.keyboard.type(PAYLOADS[4]);
      await page.keyboard.press('Control+X');
      await page.waitForTimeout(300);
      await page.keyboard.press('n');
      await page.waitForTimeout(300);
      const screen = await screenText(page);
      assert(screen.includes(PAYLOADS[1]), 'a payload did not reach the screen as text');
      assert(screen.includes('invalid reference format') || screen.includes('Invalid container name'), 'no error quoted a payload');
      const xss = await page.evaluate(() => window.__xss);
      assert(xss === undefined, `payload ${xss} ran`);
      const injected = await page.evaluate(() => document.querySelectorAll('.screen img, .screen svg, .screen iframe, .screen script, .lessons img[src="x"], .lessons script').length);
      assert(injected === 0, `${injected} elements were injected`);
      assert(page.errors.length === 0, page.errors.join('\n'));
      await context.close();
    });
  } finally {
    await browser.close();
    server.close();
  }
}

const timer = setTimeout(() => {
  console.log('FAIL guard tests timed out after 240 s');
  console.log(`guard tests: ${results.passed} passed, ${results.failed + 1} failed`);
  process.exit(1);
}, 240000);

main()
  .catch((e) => {
    results.failed++;
    console.log(`FAIL ${e.stack || e}`);
  })
  .finally(() => {
    clearTimeout(timer);
    console.log(`guard tests: ${results.passed} passed, ${results.failed} failed`);
    process.exit(results.failed ? 1 : 0);
  });
