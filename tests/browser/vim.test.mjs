#!/usr/bin/env node
// Real-browser test of vim in the editor (issue 19, item 6): `vim a.txt`
// opens in normal mode; `i` inserts, Esc leaves insert mode, `:wq` saves
// and quits (and `cat` finds the file saved); `dd`, `u`, `yy p`, `x`,
// `/search`, `:set nu`, `:q` refusing a modified buffer, `:q!`, `ZZ`; a
// second Esc never reaches the shell; `vi` opens the same editor; on a
// phone the key bar's Esc and `:` do the same; nano stays nano.
//
//   node tests/browser/vim.test.mjs        (after scripts/build)
//
// Prints one `ok`/`FAIL` line per check and a final `N passed, M failed`.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, ARTIFACTS, CHROMIUM_ARGS, serve, results, check, assert } from './harness.mjs';

const INPUT = '.input-line input';
const AREA = '.editor textarea';

function assertEq(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function ready(page) {
  await page.waitForSelector('html[data-ready-ms]', { timeout: 20000 });
}

async function shell(page, command) {
  await page.locator(INPUT).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** The output of the newest command entry (without its command line). */
async function lastOutput(page) {
  const text = await page.locator('.screen .entry').last().innerText();
  return text.split('\n').slice(1).join('\n').replace(/\n$/, '');
}

async function mode(page) {
  return page.locator('.editor').getAttribute('data-mode');
}

async function status(page) {
  return (await page.locator('.editor-status').innerText()).trim();
}

async function ex(page, command) {
  await page.keyboard.type(':');
  await page.locator('.editor-command').waitFor();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

async function open(page, command) {
  await shell(page, command);
  await page.locator(AREA).waitFor();
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), AREA);
}

async function closed(page) {
  await page.locator('.editor').waitFor({ state: 'detached', timeout: 5000 });
}

async function main() {
  assert(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run scripts/build first');
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerlings-vim-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('dialog', (d) => d.accept());

  try {
    await page.goto(`${base}?lang=en`);
    await ready(page);

    await check('vim: i inserts, Esc, :wq saves the file', async () => {
      await open(page, 'vim a.txt');
      assertEq(await mode(page), 'normal', 'vim opens in');
      await page.keyboard.type('i');
      assertEq(await mode(page), 'insert', 'after i');
      assertEq(await status(page), '-- INSERT --', 'the mode line');
      await page.keyboard.type('hello vim');
      await page.keyboard.press('Enter');
      await page.keyboard.type('second line');
      await page.keyboard.press('Escape');
      assertEq(await mode(page), 'normal', 'after Esc');
      await ex(page, 'wq');
      await closed(page);
      await shell(page, 'cat a.txt');
      assertEq(await lastOutput(page), 'hello vim\nsecond line', 'the saved file');
    });

    await check('vim: dd, u, yy p, x and /search edit like vim', async () => {
      await open(page, 'vim a.txt');
      await page.keyboard.type('dd');
      assertEq(await page.locator(AREA).inputValue(), 'second line', 'after dd');
      await page.keyboard.type('u');
      assertEq(await page.locator(AREA).inputValue(), 'hello vim\nsecond line', 'after u');
      await page.keyboard.type('yyp');
      assertEq(await page.locator(AREA).inputValue(), 'hello vim\nhello vim\nsecond line', 'after yy p');
      await page.keyboard.type('/');
      await page.locator('.editor-command').waitFor();
      await page.keyboard.type('sec');
      await page.keyboard.press('Enter');
      await page.keyboard.type('x');
      assertEq(await page.locator(AREA).inputValue(), 'hello vim\nhello vim\necond line', 'after /sec then x');
      await ex(page, 'q');
      assertEq(await status(page), 'E37: No write since last change (add ! to override)', ':q on a modified buffer');
      await ex(page, 'set nu');
      assert((await page.locator('.editor-gutter').innerText()).includes('3'), 'no line numbers after :set nu');
      await ex(page, 'nosuch');
      assertEq(await status(page), 'E492: Not an editor command: nosuch', 'an unknown command');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      assert((await page.locator('.editor').count()) === 1, 'Esc in normal mode closed the editor');
      await ex(page, 'q!');
      await closed(page);
      await shell(page, 'cat a.txt');
      assertEq(await lastOutput(page), 'hello vim\nsecond line', ':q! kept the file');
    });

    await check('vi opens the same editor; o, A and ZZ', async () => {
      await open(page, 'vi b.txt');
      assert((await page.locator('.editor-title').innerText()).startsWith('vim'), 'vi is not vim');
      await page.keyboard.type('ofirst');
      await page.keyboard.press('Escape');
      await page.keyboard.type('A!');
      await page.keyboard.press('Escape');
      await page.keyboard.type('ZZ');
      await closed(page);
      await shell(page, 'cat b.txt');
      assertEq(await lastOutput(page), '\nfirst!', 'the file written by ZZ');
    });

    await check('nano stays nano', async () => {
      await open(page, 'nano c.txt');
      assert((await page.locator('.editor-title').innerText()).startsWith('GNU nano'), 'not nano');
      assertEq(await page.locator('.editor').getAttribute('data-mode'), null, 'nano has no vim mode');
      await page.keyboard.type('typed in nano');
      await page.keyboard.press('Control+O');
      await page.keyboard.press('Control+X');
      await closed(page);
      await shell(page, 'cat c.txt');
      assertEq(await lastOutput(page), 'typed in nano', 'nano wrote');
    });

    await check('on a phone the key bar gives Esc and :', async () => {
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 360, height: 720 });
      await phone.goto(`${base}?lang=en`);
      await ready(phone);
      await open(phone, 'vim d.txt');
      await phone.keyboard.type('iphone');
      await phone.locator('.editor-keys button', { hasText: 'Esc' }).click();
      assertEq(await mode(phone), 'normal', 'after the Esc key');
      await phone.locator('.editor-keys button', { hasText: ':' }).click();
      await phone.locator('.editor-command').waitFor();
      await phone.keyboard.type('wq');
      await phone.keyboard.press('Enter');
      await closed(phone);
      await shell(phone, 'cat d.txt');
      assertEq(await lastOutput(phone), 'phone', 'the file from the phone');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await open(phone, 'vim d.txt');
      await phone.screenshot({ path: path.join(ARTIFACTS, 'vim-phone.png') });
      await phone.close();
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
