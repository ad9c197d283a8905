#!/usr/bin/env node
// Real-browser test of issue 20 (keyboard, screen readers, small screens):
// axe-core finds 0 violations of any impact on the start page, a lesson in
// progress, a quiz, the editor, the phone layout and dark mode; lesson 1
// is completed by keyboard alone (Shift+Tab from the terminal to the
// panel, Tab back, arrow keys in the quiz's radio group, Enter on a
// click-to-run block); the terminal's name says where the learner is; the
// scrollback survives a reload; screenshots (zh and en, desktop and
// 320 px) go to artifacts/.
//
//   node tests/browser/a11y.test.mjs        (after scripts/build)
//
// Prints one `ok`/`FAIL` line per check and a final `N passed, M failed`.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, ARTIFACTS, CHROMIUM_ARGS, serve, results, check, assert } from './harness.mjs';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const INPUT = '.input-line input';
const LESSON = '.lessons .lp-lesson';

function assertEq(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function ready(page) {
  await page.waitForSelector('html[data-ready-ms]', { timeout: 20000 });
}

/** axe-core on the page as it is: every violation, of any impact. */
async function axe(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('')}`),
    }));
  });
  if (violations.length) {
    const lines = violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)\n  ${v.nodes.slice(0, 4).join('\n  ')}`);
    throw new Error(`${what}: ${violations.length} axe-core violations:\n${lines.join('\n')}`);
  }
}

/** What has the focus: a short description for messages. */
async function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    return `${a.tagName.toLowerCase()}${a.className ? '.' + String(a.className).split(' ').join('.') : ''}` +
      (a.getAttribute('aria-label') ? `[${a.getAttribute('aria-label')}]` : '') +
      ` "${(a.innerText || a.value || '').slice(0, 30)}"`;
  });
}

async function isFocused(page, selector) {
  return page.evaluate((sel) => {
    const a = document.activeElement;
    return !!a && a !== document.body && a.matches(sel);
  }, selector);
}

/** Presses Tab (Shift+Tab when `back`) until `selector` has the focus. */
async function tabTo(page, selector, back = false, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(page, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${selector}; the focus is on ${await focused(page)}`);
}

async function shownStep(page) {
  const el = page.locator(LESSON);
  if ((await el.count()) === 0) return null;
  return el.getAttribute('data-step');
}

async function waitForStep(page, stepId, timeout = 10000) {
  try {
    await page.waitForSelector(`${LESSON}[data-step="${stepId}"]`, { timeout });
  } catch {
    throw new Error(`expected step ${stepId}, the panel shows ${await shownStep(page)}`);
  }
}

/**
 * After a step's work: the lesson either moved on by itself or shows the
 * step as done with a "Next" the learner presses (by keyboard here).
 */
async function advance(page, next) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    if ((await shownStep(page)) === next) return;
    const done = await page.locator(`${LESSON} .lp-status.done`).count();
    const nextEnabled = await page.locator(`${LESSON} .lp-next:not([disabled]):not([aria-disabled="true"])`).count();
    if (done && nextEnabled) {
      await tabTo(page, `${LESSON} .lp-next`);
      await page.keyboard.press('Enter');
      await waitForStep(page, next);
      return;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`step ${next} never came; the panel shows ${await shownStep(page)}`);
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

// Lesson 1 by keyboard: `run` presses Enter on the step's click-to-run
// block, `type` types at the prompt, `quiz` picks option N with the arrows.
const LESSON1 = [
  { step: 'version', run: true },
  { step: 'info', type: 'docker info' },
  { step: 'who-does-the-work', quiz: 1 },
  { step: 'hello-world', type: 'docker run hello-world' },
  { step: 'images', type: 'docker images' },
  { step: 'ps', type: 'docker ps -a' },
  { step: 'socket', type: ['curl -s --unix-socket /var/run/docker.sock http://localhost/_ping', 'curl -s --unix-socket /var/run/docker.sock http://localhost/containers/json'] },
  { step: 'requests', type: [`echo '{"debug": true}' > /etc/docker/daemon.json`, 'systemctl restart docker', 'docker run hello-world'] },
  {
    step: 'remote',
    type: [
      'ssh server',
      `echo '{"hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]}' > /etc/docker/daemon.json`,
      'systemctl restart docker',
      'docker run -d --name web nginx',
      'exit',
      'docker -H tcp://192.168.1.20:2375 ps',
    ],
  },
  { step: 'registry', quiz: 1 },
];

async function main() {
  assert(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run scripts/build first');
  assert(fs.existsSync(AXE), 'node_modules/axe-core missing: run npm ci');
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerlings-a11y-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
    // axe-core is injected as an inline script, which the page's
    // Content-Security-Policy (rightly) blocks.
    bypassCSP: true,
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('dialog', (d) => d.accept());

  try {
    await check('axe-core: the start page has no violations', async () => {
      await page.goto(base);
      await ready(page);
      await page.locator('main').waitFor();
      await axe(page, 'start page');
    });

    await check('the terminal does not trap the keyboard', async () => {
      assert(await isFocused(page, INPUT), `the page starts with the focus on ${await focused(page)}`);
      const name = await page.locator(INPUT).getAttribute('aria-label');
      assert(/^Command line, \w+@laptop:~[$#]$/.test(name), `the input's name does not give the prompt: ${name}`);
      // Tab on an empty line has nothing to complete: it moves on.
      await page.keyboard.press('Tab');
      assert(!(await isFocused(page, INPUT)), 'Tab on an empty line stayed in the terminal');
      await tabTo(page, INPUT);
      // Tab with something to complete completes.
      await page.keyboard.type('docker ver');
      await page.keyboard.press('Tab');
      assertEq(await page.locator(INPUT).inputValue(), 'docker version ', 'completion');
      assert(await isFocused(page, INPUT), 'Tab that completed left the terminal');
      // Esc then Tab leaves even with text on the line; Shift+Tab always.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert(!(await isFocused(page, INPUT)), 'Esc then Tab stayed in the terminal');
      await tabTo(page, INPUT);
      await page.keyboard.press('Shift+Tab');
      assert(await isFocused(page, '.lessons *'), `Shift+Tab went to ${await focused(page)}, not the panel`);
      const help = await page.locator('#terminal-help').textContent();
      assert(help.includes('Esc then Tab'), `the input's description: ${help}`);
      assert((await page.locator('.lp-free .keys').innerText()).includes('leave the terminal'), 'the page help does not say how to leave');
    });

    await check('a printable key typed with nothing focused goes to the terminal', async () => {
      await page.locator(INPUT).fill('docker version ');
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.type('x');
      assert(await isFocused(page, INPUT), `the key went to ${await focused(page)}`);
      assertEq(await page.locator(INPUT).inputValue(), 'docker version x', 'the typed key');
      await page.keyboard.press('Control+U');
    });

    await check('lesson 1 is completed by keyboard alone', async () => {
      await tabTo(page, INPUT);
      await tabTo(page, '.lp-item[data-lesson="architecture"] button', true);
      await page.keyboard.press('Enter');
      await waitForStep(page, 'version');
      assert(!(await isFocused(page, INPUT)), 'opening a lesson pulled the focus to the terminal');
      for (const [i, s] of LESSON1.entries()) {
        await waitForStep(page, s.step);
        if (s.run) {
          await tabTo(page, `${LESSON} .lp-text pre.run`);
          assertEq(await page.locator(`${LESSON} .lp-text pre.run`).first().getAttribute('role'), 'button', 'run block role');
          await page.keyboard.press('Enter');
          assert(!(await isFocused(page, INPUT)), 'running a block pulled the focus to the terminal');
        } else if (s.type) {
          await tabTo(page, INPUT);
          for (const line of [].concat(s.type)) {
            await page.keyboard.type(line);
            await page.keyboard.press('Enter');
          }
          assert(await isFocused(page, INPUT), `after Enter the focus is on ${await focused(page)}`);
          // Shift+Tab: the newest long output (to read it), then the panel.
          await page.keyboard.press('Shift+Tab');
          if (await isFocused(page, '.output.long')) await page.keyboard.press('Shift+Tab');
          assert(await isFocused(page, '.lessons *'), `Shift+Tab from the terminal went to ${await focused(page)}`);
        } else {
          await tabTo(page, `${LESSON} .lp-option input`, true);
          const at = await page.evaluate(() => [...document.querySelectorAll('.lp-option input')].indexOf(document.activeElement));
          for (let k = at; k < s.quiz; k++) await page.keyboard.press('ArrowDown');
          for (let k = at; k > s.quiz; k--) await page.keyboard.press('ArrowUp');
          // Space selects a focused radio that the arrows did not select.
          await page.keyboard.press('Space');
          const checked = await page.evaluate(() => [...document.querySelectorAll('.lp-option input')].findIndex((e) => e.checked));
          assertEq(checked, s.quiz, 'the option chosen with the arrows');
          assert(await isFocused(page, `${LESSON} .lp-option input`), `after the arrows the focus is on ${await focused(page)}`);
          await tabTo(page, `${LESSON} .lp-answer`);
          await page.keyboard.press('Enter');
          assert(!(await isFocused(page, INPUT)), 'answering pulled the focus to the terminal');
        }
        const next = LESSON1[i + 1];
        if (next) await advance(page, next.step);
      }
      await page.waitForFunction(
        () => document.querySelector('.lp-banner .lp-banner-text')?.innerText.includes('Lesson complete'),
        null,
        { timeout: 8000 },
      );
      const dots = await page.locator(`${LESSON} .lp-dots button`).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert(dots.every((d) => /done/.test(d)), `step dots: ${dots.join(', ')}`);
    });

    await check('axe-core: a lesson in progress and a quiz have no violations', async () => {
      await page.goto(`${base}?lesson=architecture&step=2&lang=en`);
      await ready(page);
      await page.locator(LESSON).waitFor();
      await axe(page, 'lesson in progress');
      await page.goto(`${base}?lesson=architecture&step=3&lang=en`);
      await ready(page);
      await page.locator(`${LESSON} .lp-quiz`).waitFor();
      await axe(page, 'quiz');
    });

    await check('panel actions keep the focus in the panel (Hint, language switch)', async () => {
      await page.goto(`${base}?lesson=architecture&step=2&lang=en`);
      await ready(page);
      await tabTo(page, INPUT);
      await tabTo(page, `${LESSON} .lp-hint`, true);
      await page.keyboard.press('Enter');
      await page.locator(`${LESSON} .lp-hints`).waitFor();
      assert(await isFocused(page, '.lessons *'), `after Hint the focus is on ${await focused(page)}`);
      await tabTo(page, '.lp-lang .lang-zh', true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
      assert(await isFocused(page, '.lp-lang .lang-zh'), `after the language switch the focus is on ${await focused(page)}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.goto(`${base}?lesson=architecture&step=3&lang=en`);
      await ready(page);
      await page.locator(`${LESSON} .lp-quiz`).waitFor();
    });

    await check('the step dots say done, current and not yet', async () => {
      const labels = await page.locator(`${LESSON} .lp-dots button`).evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('aria-label')}|${e.getAttribute('aria-current') || ''}`),
      );
      const current = labels.filter((l) => l.endsWith('|step'));
      assertEq(current.length, 1, `one current dot (${labels.join(', ')})`);
      assert(/^Step \d: current(, done)?\|step$/.test(current[0]), `dots: ${labels.join(', ')}`);
      assert(labels.some((l) => l.startsWith('Step 10: ')), `dots: ${labels.join(', ')}`);
    });

    await check('long outputs are announced as a summary', async () => {
      await tabTo(page, INPUT);
      await page.keyboard.type('seq 1 1204');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.terminal .announcer')?.textContent.includes('1,204 lines'));
      const said = await page.locator('.terminal .announcer').textContent();
      assertEq(said.trim(), '1,204 lines of output; press Shift+Tab to read them.', 'the announcement');
      await page.keyboard.press('Shift+Tab');
      assert(await isFocused(page, '.output.long'), `Shift+Tab went to ${await focused(page)}`);
    });

    await check('the scrollback survives a reload', async () => {
      await tabTo(page, INPUT);
      await page.keyboard.type('echo kept-across-reload');
      await page.keyboard.press('Enter');
      await page.reload();
      await ready(page);
      const screen = await page.locator('.screen').innerText();
      assert(screen.includes('kept-across-reload'), `after a reload the screen shows:\n${screen.slice(-600)}`);
    });

    await check('axe-core: the editor has no violations', async () => {
      await page.goto(`${base}?lang=en`);
      await ready(page);
      await tabTo(page, INPUT);
      await page.keyboard.type('vim notes.txt');
      await page.keyboard.press('Enter');
      await page.locator('.editor textarea').waitFor();
      await axe(page, 'editor');
      await page.keyboard.type(':q');
      await page.keyboard.press('Enter');
      await page.locator('.editor').waitFor({ state: 'detached' });
      assert(await isFocused(page, INPUT), `after :q the focus is on ${await focused(page)}`);
    });

    await check('axe-core: dark mode has no violations', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await axe(page, 'dark start page');
      await page.goto(`${base}?lesson=architecture&step=3&lang=en`);
      await ready(page);
      await axe(page, 'dark quiz');
      await page.emulateMedia({ colorScheme: 'light' });
    });

    await check('screenshots: zh and en, desktop', async () => {
      await page.goto(`${base}?lesson=architecture&step=2&lang=zh-CN`);
      await ready(page);
      await page.locator(LESSON).waitFor();
      await screenshot(page, 'a11y-desktop-zh.png');
      const cjk = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim();
      assert(cjk, 'no CJK font: Chinese would show as boxes (scripts/test installs fonts-noto-cjk)');
      await page.goto(`${base}?lesson=architecture&step=2&lang=en`);
      await ready(page);
      await screenshot(page, 'a11y-desktop-en.png');
    });

    await check('320 px: axe-core, the key bar fits, wide output scrolls, screenshots', async () => {
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 320, height: 640 });
      for (const lang of ['en', 'zh-CN']) {
        await phone.goto(`${base}?lesson=architecture&step=2&lang=${lang}`);
        await ready(phone);
        await phone.locator('.keybar').waitFor();
        const cut = await phone.locator('.keybar button').evaluateAll((els) =>
          els.filter((b) => b.getBoundingClientRect().right > window.innerWidth + 0.5).map((b) => b.innerText),
        );
        assertEq(cut.join(' '), '', `key bar buttons cut off at 320 px (${lang})`);
        await phone.locator(INPUT).focus();
        await phone.keyboard.type('docker images --no-trunc');
        await phone.keyboard.press('Enter');
        await phone.waitForSelector('.output.wide');
        await axe(phone, `phone layout (${lang})`);
        await screenshot(phone, `a11y-320-${lang === 'en' ? 'en' : 'zh'}.png`);
      }
      const wide = phone.locator('.output.wide').last();
      assertEq(await wide.getAttribute('tabindex'), '0', 'wide output is focusable');
      assertEq(await wide.getAttribute('role'), 'group', 'wide output is a named group');
      await phone.close();
    });

    await check('200% zoom: the lesson panel folds to give the terminal room', async () => {
      const zoom = await context.newPage();
      // 1280x720 at 200%: a 640x360 CSS-pixel viewport.
      await zoom.setViewportSize({ width: 640, height: 360 });
      await zoom.goto(`${base}?lesson=architecture&step=2&lang=en`);
      await ready(zoom);
      const open = await zoom.locator('.lessons details.lesson').evaluate((d) => d.open);
      if (open) await zoom.locator('.lessons details.lesson > summary').click();
      const h = await zoom.locator('.screen').evaluate((e) => e.getBoundingClientRect().height);
      assert(h >= 180, `only ${h} px of terminal with the panel folded`);
      await zoom.close();
    });

    await check('no errors in the page', async () => {
      assertEq(errors.join('\n'), '', 'page errors');
    });
  } finally {
    await context.close();
    server.close();
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
