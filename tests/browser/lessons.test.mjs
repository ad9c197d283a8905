#!/usr/bin/env node
// Real-browser test of the lesson panel (issue 7): serves the release build
// (dist/), drives Debian's Chromium with playwright-core in a fresh profile,
// completes lesson 1 by typing its commands (and answering its quizzes),
// uses a hint and "show solution" in lesson 3, switches the language,
// reloads and finds the progress kept, follows a deep link, and saves
// screenshots to artifacts/ (desktop light and dark, phone).
//
//   node tests/browser/lessons.test.mjs        (after scripts/build)
//
// Prints one `ok`/`FAIL` line per check and a final `N passed, M failed`.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, ARTIFACTS, CHROMIUM_ARGS, serve, results, check, assert } from './harness.mjs';

function assertEq(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const INPUT = '.input-line input';
const LESSON = '.lessons .lp-lesson';

async function ready(page) {
  await page.waitForSelector('html[data-ready-ms]', { timeout: 20000 });
}

async function screenText(page) {
  return page.locator('.screen').innerText();
}

async function waitForText(page, text, timeout = 10000) {
  try {
    await page.waitForFunction(
      (t) => document.querySelector('.screen')?.innerText.includes(t),
      text,
      { timeout },
    );
  } catch {
    throw new Error(`"${text}" did not appear; the screen shows:\n${(await screenText(page)).slice(-1500)}`);
  }
}

/** Types a command at the prompt like a learner and presses Enter. */
async function type(page, command) {
  await page.locator(INPUT).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** The step shown: [lesson id, step id]. */
async function shownStep(page) {
  const el = page.locator(LESSON);
  if ((await el.count()) === 0) return [null, null];
  return [await el.getAttribute('data-lesson'), await el.getAttribute('data-step')];
}

/** Waits until the panel shows `stepId` of `lessonId`. */
async function waitForStep(page, lessonId, stepId, timeout = 10000) {
  try {
    await page.waitForSelector(`${LESSON}[data-lesson="${lessonId}"][data-step="${stepId}"]`, { timeout });
  } catch {
    const [l, s] = await shownStep(page);
    const banner = await page.locator('.lp-banner').allInnerTexts();
    throw new Error(
      `expected step ${lessonId}/${stepId}, the panel shows ${l}/${s}; banner: ${JSON.stringify(banner)}\n` +
        `the screen ends with:\n${(await screenText(page)).slice(-1200)}`,
    );
  }
}

async function bannerText(page) {
  return (await page.locator('.lp-banner .lp-banner-text').innerText()).trim();
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A passed step stays on screen, marked done, until "Next" is pressed:
 * checks that, then presses it and waits for `toStep`.
 */
async function pressNext(page, lessonId, fromStep, toStep) {
  await waitForStep(page, lessonId, fromStep);
  await page.waitForSelector(`${LESSON} .lp-next.ready`, { timeout: 10000 });
  await page.locator('.lp-next').click();
  await waitForStep(page, lessonId, toStep);
}

/** Answers the shown quiz with options `indices` (0-based). */
async function answer(page, indices) {
  for (const i of indices) await page.locator('.lp-option input').nth(i).click();
  await page.locator('.lp-answer').click();
}

// Lesson 1 (lessons/01-architecture.md), step by step: what a learner types
// (or, for a quiz, the option indices picked), and the step that follows.
const LESSON1 = [
  { step: 'version', type: ['docker version'] },
  { step: 'info', type: ['docker info'] },
  { step: 'who-does-the-work', quiz: [1] },
  { step: 'hello-world', type: ['docker run hello-world'] },
  { step: 'images', type: ['docker images'] },
  { step: 'ps', type: ['docker ps -a'] },
  {
    step: 'socket',
    type: [
      'curl -s --unix-socket /var/run/docker.sock http://localhost/_ping',
      'curl -s --unix-socket /var/run/docker.sock "http://localhost/v1.51/containers/json?all=1"',
    ],
  },
  {
    step: 'requests',
    type: [
      `echo '{"debug": true}' > /etc/docker/daemon.json`,
      'systemctl restart docker',
      'docker run hello-world',
      'journalctl -u docker',
    ],
  },
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
  { step: 'registry', quiz: [1] },
];

async function main() {
  assert(fs.existsSync(path.join(DIST, 'index.html')), 'dist/index.html missing: run scripts/build first');
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerlings-lessons-'));
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
  // Questions are asked in the page (.dialog); a browser dialog
  // (confirm()) would be blocked in a sandboxed iframe, so it is an error.
  const dialogs = [];
  page.on('dialog', (d) => {
    errors.push(`browser dialog opened: ${d.message()}`);
    d.accept();
  });
  // Starting a lesson on a sandbox in use may ask first.
  const acceptDialogIfAsked = async () => {
    try {
      await page.locator('.dialog[role="alertdialog"]').waitFor({ timeout: 1500 });
    } catch {
      return;
    }
    await acceptDialog();
  };
  const acceptDialog = async () => {
    const dialog = page.locator('.dialog[role="alertdialog"]');
    await dialog.waitFor({ timeout: 5000 });
    dialogs.push((await page.locator('.dialog #dialog-message').innerText()).trim());
    await page.locator('.dialog button.danger').click();
  };

  try {
    await check('a fresh visit shows the lesson list and the free sandbox', async () => {
      await page.goto(base);
      await ready(page);
      assertEq(await page.getAttribute('html', 'lang'), 'en', '<html lang> (browser locale en-US)');
      const items = await page.locator('.lp-list .lp-item[data-lesson]').evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-lesson')),
      );
      assertEq(
        items.join(' '),
        'architecture layers copy-on-write lifecycle commit dockerfile publish private-registry multi-stage troubleshooting',
        'lessons listed',
      );
      const first = await page.locator('.lp-item[data-lesson="architecture"]').innerText();
      assert(first.includes("Docker's architecture") && first.includes('0/10 done'), `first item: ${first}`);
      assert(
        (await page.locator('.lp-item.free.current').innerText()).includes('Free sandbox (no lesson)'),
        'the free sandbox is not the current mode',
      );
    });

    await check('lesson 1 is completed by typing its commands', async () => {
      await page.locator('.lp-item[data-lesson="architecture"] button').click();
      await waitForStep(page, 'architecture', 'version');
      assertEq(dialogs.length, 0, 'a fresh sandbox asked before starting the lesson');
      assert((await page.locator(`${LESSON} .lp-stepof`).innerText()).includes('1 of 10'), 'no "Step 1 of 10"');
      for (const [i, s] of LESSON1.entries()) {
        await waitForStep(page, 'architecture', s.step);
        if (s.type) {
          assert(
            (await page.locator('.lp-status.waiting').count()) === 1,
            `step ${s.step} is not waiting for the terminal`,
          );
          // Scrolled down to read the step, as a learner would.
          await page.locator('.lessons').evaluate((e) => { e.scrollTop = e.scrollHeight; });
          for (const c of s.type) await type(page, c);
        } else {
          // A wrong answer first: it is refused and the step stays.
          const wrong = s.quiz[0] === 0 ? 2 : 0;
          await answer(page, [wrong]);
          assertEq(await bannerText(page), '✗ Not quite — try again.', `wrong answer to ${s.step}`);
          await waitForStep(page, 'architecture', s.step);
          await page.locator('.lp-option input').nth(s.quiz[0]).click();
          await page.locator('.lp-answer').click();
        }
        const next = LESSON1[i + 1];
        if (next) {
          // The passed step stays, confirmed, until "Next".
          await page.waitForSelector(`${LESSON} .lp-next.ready`, { timeout: 10000 });
          await waitForStep(page, 'architecture', s.step);
          assertEq(await bannerText(page), '✓ Step complete!', `confirmation after ${s.step}`);
          if (s.type) await waitForText(page, `✓ Step ${i + 1} complete: on to step ${i + 2}.`);
          else assert((await page.locator('.lp-banner .lp-explain').count()) === 1, 'no explanation after the quiz');
          await pressNext(page, 'architecture', s.step, next.step);
          assertEq(await page.locator('.lessons').evaluate((e) => e.scrollTop), 0, 'the panel scrolled to the new step');
        }
      }
      await page.waitForFunction(
        () => document.querySelector('.lp-banner .lp-banner-text')?.innerText.includes('Lesson complete'),
        null,
        { timeout: 5000 },
      );
      assertEq(await bannerText(page), '✓ Lesson complete — well done!', 'the last confirmation');
      const dots = await page.locator(`${LESSON} .lp-dots button.done`).count();
      assertEq(dots, LESSON1.length, 'steps marked done');
      const screen = await screenText(page);
      assert(screen.includes('Hello from Docker!'), 'hello-world did not print its message');
    });

    await check('the lesson list shows lesson 1 done', async () => {
      await page.locator('.lp-browse').click();
      const item = page.locator('.lp-item[data-lesson="architecture"]');
      assert((await item.getAttribute('class')).split(' ').includes('done'), 'lesson 1 not marked done');
      assert((await item.innerText()).includes('10/10 done'), `item reads ${await item.innerText()}`);
      await screenshot(page, 'lessons-list.png');
    });

    await check('lesson 3 starts on a fresh sandbox with its start-up commands', async () => {
      await page.locator('.lp-item[data-lesson="copy-on-write"] button').click();
      await acceptDialog();
      await waitForStep(page, 'copy-on-write', 'two-containers');
      assertEq(dialogs.length, 1, 'confirmations asked');
      assert(dialogs[0].startsWith('Starting this lesson replaces the sandbox'), `asked "${dialogs[0]}"`);
      await waitForText(page, 'A fresh sandbox is ready for “The container layer and copy-on-write”. Start-up commands run:');
      await waitForText(page, 'docker pull ubuntu');
      // The start-up commands are not in the learner's history.
      await page.locator(INPUT).focus();
      await page.keyboard.press('ArrowUp');
      assertEq(await page.locator(INPUT).inputValue(), '', 'history after the start');
      await type(page, 'docker images ubuntu');
      await waitForText(page, 'ubuntu       latest');
    });

    await check('a hint at each press, then no more', async () => {
      const hint = page.locator('.lp-hint');
      assertEq((await hint.innerText()).trim(), 'Hint', 'hint button');
      await hint.click();
      await page.waitForSelector('.lp-hints li');
      assertEq(
        (await page.locator('.lp-hints li').allInnerTexts()).map((t) => t.trim()).join(' | '),
        '--name names a container; run docker run once for each container.',
        'hints shown after one press',
      );
      assertEq((await hint.innerText()).trim(), 'No more hints', 'hint button after the last hint');
      assert(await hint.isDisabled(), 'the hint button is still enabled');
      await screenshot(page, 'lessons-hint.png');
    });

    await check('"Show solution" types and runs the solution in the terminal', async () => {
      const before = await page.locator('.entry .echo').count();
      await page.locator('.lp-solution').click();
      // Typed visibly: the input line shows the command growing before it runs.
      const first = 'docker run -dit --name c1 ubuntu bash';
      const partial = await page.waitForFunction(
        ([sel, cmd]) => {
          const v = document.querySelector(sel).value;
          return v.length > 0 && v.length < cmd.length && cmd.startsWith(v) ? v : false;
        },
        [INPUT, first],
        { timeout: 3000, polling: 5 },
      );
      console.log(`     the input line showed "${await partial.jsonValue()}" while typing`);
      await waitForText(page, 'CONTAINER ID');
      const echoes = (await page.locator('.entry .echo').allInnerTexts()).slice(before);
      const typed = echoes.map((e) => e.replace(/^.*?[$#] /, ''));
      assertEq(
        typed.join(' | '),
        'docker run -dit --name c1 ubuntu bash | docker run -dit --name c2 ubuntu bash | docker ps',
        'commands typed by "show solution"',
      );
      // Typed as a learner would: they are in the history.
      await page.locator(INPUT).focus();
      await page.keyboard.press('ArrowUp');
      assertEq(await page.locator(INPUT).inputValue(), 'docker ps', 'last command in the history');
      await page.keyboard.press('Control+u');
      await waitForText(page, '✓ Step 1 complete: on to step 2.');
      assertEq(await bannerText(page), '✓ Step complete!', 'confirmation after the solution');
      await pressNext(page, 'copy-on-write', 'two-containers', 'add');
    });

    await check('a click-to-run code block runs its commands', async () => {
      // Step "add" by typing its first command…
      await type(page, 'docker exec c1 sh -c "echo hello from c1 > /hello.txt"');
      await waitForText(page, '✓ Step 2 complete: on to step 3.');
      // A follow-up command does not complete the next step unseen.
      await type(page, 'docker exec c2 cat /etc/os-release');
      await waitForText(page, 'PRETTY_NAME=');
      await pressNext(page, 'copy-on-write', 'add', 'read');
      assert(!(await page.locator(`${LESSON} .lp-next.ready`).count()), 'step 3 done before it was shown');
      // …and step "read" by clicking its code block.
      const before = await page.locator('.entry .echo').count();
      await page.locator(`${LESSON} .lp-text pre.run`).first().click();
      // The block is typed visibly, then run: wait for its echo (the same
      // command's output is already on screen from the follow-up above).
      await page.waitForFunction(
        (n) => {
          const echoes = document.querySelectorAll('.entry .echo');
          return echoes.length > n && echoes[echoes.length - 1].innerText.includes('/etc/os-release');
        },
        before,
        { timeout: 10000 },
      );
      const typed = (await page.locator('.entry .echo').allInnerTexts())
        .slice(before)
        .map((e) => e.replace(/^.*?[$#] /, ''));
      assertEq(typed.join(' | '), 'docker exec c2 cat /etc/os-release', 'commands run by the click');
      await waitForText(page, '✓ Step 3 complete: on to step 4.');
      await pressNext(page, 'copy-on-write', 'read', 'modify');
    });

    await check('the language switch changes lesson text and every UI string', async () => {
      await page.locator('.lp-lang .lang-zh').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: 3000 });
      const text = await page.locator(`${LESSON} .lp-text`).innerText();
      assert(text.startsWith('修改文件:在 c1 里给镜像中已有的 /etc/passwd 追加一行'), `step text: ${text.slice(0, 80)}`);
      assertEq((await page.locator(`${LESSON} .lp-stepof`).innerText()).trim(), '第 4 步,共 8 步', 'step counter');
      assertEq((await page.locator('.lp-prev').innerText()).trim(), '← 上一步', 'previous');
      assertEq((await page.locator('.lp-next').innerText()).trim(), '下一步 →', 'next');
      assertEq((await page.locator('.lp-reset').innerText()).trim(), '重置本课', 'reset lesson');
      assertEq((await page.locator('.lp-solution').innerText()).trim(), '▶ 显示答案', 'show solution');
      assertEq((await page.locator('.lp-hint').innerText()).trim(), '提示', 'hint');
      assertEq((await page.locator('.reset').innerText()).trim(), '重置沙盒', 'reset sandbox');
      assertEq((await page.locator('.tagline').innerText()).trim(), '在浏览器里学 Docker', 'tagline');
      assertEq((await page.locator('.lessons > details > summary h2').innerText()).trim(), '容器层与写时复制', 'lesson title');
      // Everything in the panel and top bar is now Chinese: no English UI words remain.
      const ui = await page.locator('.topbar, .lessons .lp-toolbar, .lessons .lp-nav, .lessons .lp-actions').allInnerTexts();
      const english = ui.join(' ').replace(/English|Dockerlings|Docker/g, '').match(/[A-Za-z]{3,}/g);
      assert(!english, `English left in the UI: ${english}`);
      await screenshot(page, 'lessons-zh.png');
    });

    await check('after a reload the progress, the step and the language are kept', async () => {
      await page.reload();
      await ready(page);
      await waitForStep(page, 'copy-on-write', 'modify');
      assertEq(await page.getAttribute('html', 'lang'), 'zh-CN', '<html lang> after reload');
      await waitForText(page, '欢迎回来');
      // Not only from the address bar: the plain address restores it too.
      await page.goto(base);
      await ready(page);
      await waitForStep(page, 'copy-on-write', 'modify');
      const url = new URL(page.url());
      assertEq(url.search, '?lesson=copy-on-write&step=4&lang=zh-CN', 'the address follows the step');
      const done = await page.locator(`${LESSON} .lp-dots button.done`).count();
      assertEq(done, 3, 'steps of lesson 3 done');
      await page.locator('.lp-browse').click();
      assert(
        (await page.locator('.lp-item[data-lesson="architecture"]').innerText()).includes('已完成 10/10'),
        'lesson 1 progress lost',
      );
      assert(
        (await page.locator('.lp-item[data-lesson="copy-on-write"]').innerText()).includes('已完成 3/8'),
        'lesson 3 progress lost',
      );
      await page.locator('.lp-browse').click();
      // The sandbox came back too: c1 still has its file.
      await type(page, 'docker exec c1 cat /hello.txt');
      await waitForText(page, 'hello from c1');
    });

    await check('a deep link opens a lesson step in a language', async () => {
      await page.goto(`${base}?lesson=architecture&step=3&lang=en`);
      await ready(page);
      await waitForStep(page, 'architecture', 'who-does-the-work');
      assertEq(await page.getAttribute('html', 'lang'), 'en', '<html lang>');
      // An answered quiz shows its right answer and explanation.
      assert((await page.locator('.lp-quiz.answered .lp-option.right').count()) === 1, 'answer not shown');
      assert(
        (await page.locator('.lp-quiz .lp-explain').innerText()).includes('The client sends requests to the daemon'),
        'explanation not shown',
      );
      await screenshot(page, 'lessons-quiz.png');
      // Previous / next move between steps.
      await page.locator('.lp-next').click();
      await waitForStep(page, 'architecture', 'hello-world');
      await page.locator('.lp-prev').click();
      await page.locator('.lp-prev').click();
      await waitForStep(page, 'architecture', 'info');
      assert(await page.locator(`${LESSON} .lp-task .lp-status.done, ${LESSON} .lp-status.done`).first().isVisible(), 'a done step does not say so');
    });

    await check('"Reset lesson" restores the lesson\'s start state', async () => {
      await page.locator('.lp-browse').click();
      await page.locator('.lp-item[data-lesson="copy-on-write"] button').click();
      await waitForStep(page, 'copy-on-write', 'modify');
      const asked = dialogs.length;
      await page.locator('.lp-reset').click();
      await acceptDialog();
      await waitForStep(page, 'copy-on-write', 'two-containers');
      assertEq(dialogs.length, asked + 1, 'reset asked first');
      assert(dialogs.at(-1).startsWith('Resetting empties the sandbox'), `asked "${dialogs.at(-1)}"`);
      await type(page, 'docker ps -a');
      await waitForText(page, 'CONTAINER ID');
      assert(!(await screenText(page)).includes(' c1'), 'c1 survived the reset');
      await type(page, 'docker images ubuntu');
      await waitForText(page, 'ubuntu       latest');
      assertEq(await page.locator(`${LESSON} .lp-dots button.done`).count(), 0, 'steps done after the reset');
    });

    await check('lesson 4 played to the end, a finished step re-opened stays open, then the lesson list and lesson 5 open', async () => {
      await page.locator('.lp-browse').click();
      await page.locator('.lp-item[data-lesson="lifecycle"] button').click();
      // The sandbox is in use: the page asks before replacing it.
      await acceptDialog();
      await waitForStep(page, 'lifecycle', 'run-it');
      const steps = await page.locator(`${LESSON} .lp-dots button`).count();
      for (let i = 0; i < steps; i++) {
        await page.locator('.lp-solution').click();
        await page.waitForSelector(`${LESSON} .lp-dots li:nth-child(${i + 1}) button.done`, { timeout: 20000 });
        if (i + 1 < steps) {
          const from = await page.locator(LESSON).getAttribute('data-step');
          await page.locator('.lp-next').click();
          await page.waitForFunction(
            ([sel, f]) => document.querySelector(sel)?.getAttribute('data-step') !== f,
            [LESSON, from],
            { timeout: 5000 },
          );
        }
      }
      await page.waitForSelector('.lp-finished .lp-next-lesson', { timeout: 20000 });
      await waitForText(page, 'the lesson is finished.');
      const notices = (await screenText(page)).split('the lesson is finished.').length - 1;
      // More commands while the final state holds: nothing is announced again.
      await type(page, 'docker ps');
      await type(page, 'docker network ls');
      await waitForText(page, 'mynet');
      assertEq((await screenText(page)).split('the lesson is finished.').length - 1, notices, 'lesson completion repeated');
      assertEq((await screenText(page)).split('✓ Step 14 complete').length - 1, 1, 'step 14 announced more than once');
      // A finished step re-opened stays open while its check holds.
      await page.locator(`${LESSON} .lp-dots li:nth-child(13) button`).click();
      await waitForStep(page, 'lifecycle', 'ports');
      await type(page, 'curl localhost:8080');
      await type(page, 'docker logs web2');
      await waitForText(page, 'GET / HTTP/1.1');
      await waitForStep(page, 'lifecycle', 'ports');
      await page.locator('.lp-prev').click();
      await waitForStep(page, 'lifecycle', 'limits');
      await type(page, 'docker ps');
      await waitForStep(page, 'lifecycle', 'limits');
      // The lesson list opens and stays open.
      await page.locator('.lp-all-lessons').click();
      await page.waitForSelector('.lp-list .lp-item[data-lesson="commit"]');
      await type(page, 'docker ps');
      await waitForText(page, 'web3');
      assert(await page.locator('.lp-list').isVisible(), 'the list closed after a command');
      await page.locator('.lp-browse').click();
      await page.locator('.lp-next-lesson').click();
      await acceptDialogIfAsked();
      await waitForStep(page, 'commit', 'pull');
    });

    await check('screenshots: desktop light and dark, phone', async () => {
      await type(page, 'docker run -dit --name c1 ubuntu bash');
      await page.locator('.lp-hint').click();
      await screenshot(page, 'lessons-desktop-light.png');
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'lessons-desktop-dark.png');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
      await screenshot(page, 'lessons-phone.png');
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${base}?lesson=copy-on-write&step=1&lang=zh-CN`);
      await ready(phone);
      await phone.locator('.lessons > details > summary').click();
      await phone.waitForSelector(`${LESSON}[data-step="two-containers"]`);
      const box = await phone.locator('.lessons').boundingBox();
      assert(box && box.width <= 390, `panel is ${JSON.stringify(box)}`);
      await screenshot(phone, 'lessons-phone-open.png');
      await phone.close();
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await check('no errors in the browser console', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

const timer = setTimeout(() => {
  console.log('FAIL lesson browser tests timed out after 300 s');
  console.log(`lesson browser tests: ${results.passed} passed, ${results.failed + 1} failed`);
  process.exit(1);
}, 300000);

main()
  .catch((e) => {
    results.failed++;
    console.log(`FAIL ${e.stack || e}`);
  })
  .finally(() => {
    clearTimeout(timer);
    console.log(`lesson browser tests: ${results.passed} passed, ${results.failed} failed`);
    process.exit(results.failed ? 1 : 0);
  });
