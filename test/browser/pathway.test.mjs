// The pathway pages of the built-in default site (/pathways/<id>/), in
// Chromium: every route of every pathway, as the compiler's route report
// lists them (`signpost routes --csv <id>`), is completed on the page three
// ways: JavaScript on, JavaScript off, and with the network cut after the
// page loaded. The page must make no request after it loaded, show the
// route's outcome, go back one question with the browser's back button, pass
// axe on every question and outcome state, keep touch targets at 44x44 CSS px
// and keep the emergency banner in view. Then: keyboard-only completion, the
// script's behaviour (title, focus, live region, Back, the trail after a
// reload, "Change your answers", direct links, the quick exit), and the
// fallback for browsers without :has().
//
// Service workers are blocked in every context: the issue asks for zero
// round trips "before any service worker exists" (offline.test.mjs covers
// the worker).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  collectConsoleErrors,
  formatViolations,
  guardRequests,
  launchBrowser,
  listPages,
  outcomeSource,
  repoRoot,
  runAxe,
  serveStatic,
  signpostBinary,
  waitForStep,
} from './lib.mjs';

const execFileP = promisify(execFile);

// ---------------------------------------------------------------------------
// The site and its routes, known before the tests are declared.

const out = await buildSite();
const pathwayURLs = listPages(out).filter((p) => /^\/pathways\/[a-z0-9-]+\/$/.test(p));
const siteTitle = /^title\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(path.join(repoRoot, 'site.toml'), 'utf8'))[1];

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines in quotes). */
function parseCSV(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The routes of a pathway from `signpost routes --csv <id>`. */
async function routesOf(id) {
  const { stdout } = await execFileP(await signpostBinary(), ['routes', '-s', repoRoot, '--csv', id], {
    cwd: repoRoot,
    maxBuffer: 16 << 20,
  });
  const [header, ...rows] = parseCSV(stdout);
  assert.deepEqual(header.slice(0, 3), ['route', 'outcome', 'urgency'], `unexpected CSV header: ${header}`);
  return rows.map((r) => {
    const steps = [];
    for (let i = 3; i + 1 < r.length && r[i] !== ''; i += 2) steps.push({ question: r[i], answer: r[i + 1] });
    return { number: Number(r[0]), outcome: r[1], urgency: r[2], steps };
  });
}

const pathways = [];
for (const url of pathwayURLs) {
  const id = url.split('/')[2];
  const routes = await routesOf(id);
  pathways.push({ id, url, routes, longest: routes.reduce((a, b) => (b.steps.length > a.steps.length ? b : a)) });
}

/** The ids of every step (question and outcome section) in the built page at url. */
function builtStepIds(url) {
  const html = fs.readFileSync(path.join(out, url, 'index.html'), 'utf8');
  return [...html.matchAll(/<section class="?step[^>]*\bid="?([qo]\d+)/g)].map((m) => m[1]);
}

/** For each outcome, its shortest route (fewest questions, then first listed). */
function shortestPerOutcome(routes) {
  const best = new Map();
  for (const r of routes) {
    const b = best.get(r.outcome);
    if (!b || r.steps.length < b.steps.length) best.set(r.outcome, r);
  }
  return [...best.values()];
}

/**
 * A few routes that between them take every answer of the pathway at least
 * once (so they reach every question and every outcome): greedy, most new
 * answers first.
 */
function everyAnswerOnce(routes) {
  const key = (step) => `${step.question}\u0000${step.answer}`;
  const left = new Set(routes.flatMap((r) => r.steps.map(key)));
  const picked = [];
  while (left.size > 0) {
    let best;
    let bestNew = 0;
    for (const r of routes) {
      const n = new Set(r.steps.map(key).filter((k) => left.has(k))).size;
      if (n > bestNew) [best, bestNew] = [r, n];
    }
    picked.push(best);
    for (const step of best.steps) left.delete(key(step));
  }
  return picked.sort((a, b) => a.number - b.number);
}

// ---------------------------------------------------------------------------
// Page helpers

const CONTEXT = { serviceWorkers: 'block', viewport: { width: 1024, height: 768 } };

/** The steps (question and outcome sections) that are rendered, by id. */
function visibleSteps(page) {
  return page.$$eval('.pathway > .step', (steps) => steps.filter((s) => s.getClientRects().length > 0).map((s) => s.id));
}

/** The one visible step: its id, heading text, kind and outcome page link. */
async function currentStep(page) {
  const ids = await visibleSteps(page);
  assert.equal(ids.length, 1, `exactly one step should be shown, not ${JSON.stringify(ids)}`);
  return page.$eval(`#${ids[0]}`, (s) => ({
    id: s.id,
    heading: s.querySelector('h2').textContent.trim(),
    outcome: s.classList.contains('outcome'),
    text: s.innerText.replace(/\s+/g, ' '),
  }));
}

/** The selector of the answer link labelled `label` in step `id`. */
async function answerSelector(page, id, label) {
  const index = await page.$$eval(`#${id} .answers a`, (links, label) => links.findIndex((a) => a.textContent.trim() === label), label);
  assert.ok(index >= 0, `no answer "${label}" in #${id}`);
  return `#${id} .answers li:nth-child(${index + 1}) > a`;
}

/**
 * Clicks the link `selector` to another step (an answer, Change, Start
 * again) and returns that step once it is the one shown.
 */
async function follow(page, selector) {
  const href = await page.$eval(selector, (a) => a.getAttribute('href'));
  await page.click(selector);
  await waitForStep(page, href.slice(1));
  return currentStep(page);
}

/** Fails unless the emergency banner is at least partly in the viewport, above the step. */
async function assertBannerInView(page, where) {
  const r = await page.evaluate(() => {
    const b = document.querySelector('.emergency').getBoundingClientRect();
    const step = [...document.querySelectorAll('.pathway > .step')].find((s) => s.getClientRects().length > 0);
    return { bottom: b.bottom, top: b.top, stepTop: step.getBoundingClientRect().top, height: innerHeight };
  });
  assert.ok(r.bottom > 0 && r.top < r.height, `${where}: the emergency banner is out of view (${JSON.stringify(r)})`);
  assert.ok(r.top < r.stepTop, `${where}: the emergency banner must be above the step`);
}

/** Fails unless every visible control of the pathway is at least 44x44 CSS px. */
async function assertTouchTargets(page, where) {
  const small = await page.$$eval('.pathway a, .pathway button, .pathway summary', (els) =>
    els
      // Links inside a sentence (a hint, the advice) are WCAG 2.5.8's inline exception.
      .filter((e) => e.getClientRects().length > 0 && !e.closest('.hint, .body'))
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ e, r }) => `${e.tagName.toLowerCase()} "${e.textContent.trim()}" ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
  assert.deepEqual(small, [], `${where}: touch targets under 44x44 CSS px`);
}

/** Runs axe on the current state unless this state was checked already. */
async function axeOnce(page, checked, state) {
  if (checked.has(state)) return;
  checked.add(state);
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe on ${state}:\n${formatViolations(violations)}`);
}

/**
 * Opens the pathway in a fresh context and records every request and console
 * error. Returns {context, page, errors, load(), sinceLoad()}: errors is
 * collectConsoleErrors' collector (every test asserts it), load() opens the
 * page again, and sinceLoad() lists the requests made after it last loaded.
 */
async function openPathway(browser, server, url, { javaScriptEnabled = true, route, hash = '' } = {}) {
  const context = await browser.newContext({ ...CONTEXT, javaScriptEnabled });
  if (route) await context.route(`${server.url}${url}`, route);
  const page = await context.newPage();
  const { requests } = guardRequests(context);
  const errors = collectConsoleErrors(page);
  let atLoad = 0;
  // load opens the page (again) and forgets the requests made so far.
  const load = async (h = hash) => {
    const response = await page.goto(`${server.url}${url}${h}`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200);
    atLoad = requests.length;
  };
  await load();
  // Requests after the page loaded; data: URLs are not requests.
  const sinceLoad = () => requests.slice(atLoad).filter((u) => !u.startsWith('data:'));
  return { context, page, errors, load, sinceLoad };
}

/**
 * Answers the route's questions by clicking (or, with keyboard, by Tab and
 * Enter), checking each step on the way, and returns the outcome step,
 * with `from`, the id of the question answered last.
 */
async function walk(page, route, { checked, keyboard = false, label }) {
  let from;
  for (const [i, { question, answer }] of route.steps.entries()) {
    const step = await currentStep(page);
    const where = `${label}, question ${i + 1}`;
    assert.equal(step.outcome, false, `${where}: an outcome came before the route's end`);
    assert.equal(step.heading, question, `${where}: wrong question shown`);
    await assertBannerInView(page, where);
    if (checked) {
      await axeOnce(page, checked, step.id);
      await assertTouchTargets(page, `${where} (#${step.id})`);
    }
    from = step.id;
    const selector = await answerSelector(page, step.id, answer);
    const href = await page.$eval(selector, (a) => a.getAttribute('href'));
    if (keyboard) {
      let n = 0;
      while (!(await page.$eval(selector, (a) => a === document.activeElement))) {
        assert.ok(++n < 80, `${where}: Tab never reached the answer "${answer}"`);
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
    } else {
      await page.click(selector);
    }
    await waitForStep(page, href.slice(1));
  }
  const end = await currentStep(page);
  assert.equal(end.outcome, true, `${label}: the route's end is not an outcome`);
  // The outcome is known by its title and its whole advice, from its
  // source file: every paragraph and list item is on the step, visible.
  const source = outcomeSource(repoRoot, route.outcome);
  assert.equal(end.heading, source.title, `${label}: shows #${end.id} (${end.heading}), not ${route.outcome}`);
  for (const line of source.advice) assert.ok(end.text.includes(line), `${label}: the outcome's advice lacks "${line}"`);
  await assertBannerInView(page, `${label}, outcome`);
  if (checked) {
    await axeOnce(page, checked, end.id);
    await assertTouchTargets(page, `${label}, outcome (#${end.id})`);
  }
  return { ...end, from };
}

// ---------------------------------------------------------------------------

let server;
let browser;

before(async () => {
  server = await serveStatic(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the default site has pathways, and Chromium supports :has()', async () => {
  assert.ok(pathways.length > 0, 'no /pathways/<id>/ page was built');
  for (const p of pathways) assert.ok(p.routes.length > 0, `${p.id}: signpost routes listed no route`);
  const { context, page } = await openPathway(browser, server, pathways[0].url);
  // The one-at-a-time CSS needs :has(); the fallback test below takes it away.
  assert.equal(await page.evaluate(() => CSS.supports('selector(:has(a))')), true);
  await context.close();
});

// JavaScript off walks every route of the report (so the page and the
// compiler agree on all of them); the other two modes walk a set of routes
// that takes every answer at least once, and so reaches every outcome.
const MODES = [
  { name: 'JavaScript off', javaScriptEnabled: false, routes: (rs) => rs },
  { name: 'JavaScript on', javaScriptEnabled: true, routes: everyAnswerOnce },
  { name: 'offline after load', javaScriptEnabled: true, offline: true, routes: everyAnswerOnce },
];

for (const p of pathways) {
  for (const mode of MODES) {
    describe(`${p.url} ${mode.name}`, () => {
      const checked = new Set(); // axe runs once per step per mode
      let tab;
      before(async () => {
        tab = await openPathway(browser, server, p.url, mode);
      });
      after(() => tab?.context.close());
      for (const route of mode.routes(p.routes)) {
        test(`route ${route.number}: ${route.steps.length} question(s) to ${route.outcome}`, async () => {
          const { context, page, errors, load, sinceLoad } = tab;
          if (mode.offline) await context.setOffline(false);
          await load();
          if (mode.offline) await context.setOffline(true);
          const label = `${p.id} route ${route.number} (${mode.name})`;
          const end = await walk(page, route, { checked, label });
          if (!mode.javaScriptEnabled) {
            const shown = await page.$$eval('#pw-back, #pw-sum, #pw-again', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.id));
            assert.deepEqual(shown, [], `${label}: controls that need the script are shown without it`);
          }
          // The browser's back button goes back one question.
          await page.goBack();
          await waitForStep(page, end.from);
          const back = await currentStep(page);
          assert.equal(back.heading, route.steps.at(-1).question, `${label}: browser back did not go back one question`);
          assert.deepEqual(sinceLoad(), [], `${label}: requests after the page loaded`);
          errors.assertNone();
        });
      }
      test('every outcome and every question was shown and passed axe', () => {
        assert.deepEqual([...checked].sort(), builtStepIds(p.url).sort());
      });
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    describe(`${p.url} keyboard only, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      let tab;
      before(async () => {
        tab = await openPathway(browser, server, p.url, { javaScriptEnabled });
      });
      after(() => tab?.context.close());
      for (const route of shortestPerOutcome(p.routes)) {
        test(`Tab and Enter reach ${route.outcome}`, async () => {
          await tab.load();
          await walk(tab.page, route, { keyboard: true, label: `keyboard to ${route.outcome}` });
          assert.deepEqual(tab.sinceLoad(), []);
          tab.errors.assertNone();
        });
      }
    });
  }

  describe(`${p.url} with JavaScript`, () => {
    const { longest } = p;
    const state = (page) =>
      page.evaluate(() => ({
        title: document.title,
        focus: document.activeElement?.id,
        say: document.getElementById('pw-say').textContent,
        scrollY,
        // shown, as a person sees it (not only the hidden attribute)
        back: document.getElementById('pw-back').getClientRects().length > 0,
        again: document.getElementById('pw-again').getClientRects().length > 0,
        summary: document.getElementById('pw-sum').getClientRects().length > 0,
        trail: sessionStorage.getItem(`trail ${location.pathname}`),
      }));

    test(`title, focus, live region, Back and banner on every step (route ${longest.number})`, async () => {
      const { context, page, errors, sinceLoad } = await openPathway(browser, server, p.url);
      try {
        let s = await state(page);
        const base = s.title; // the pathway's own title: every step's title is made from it
        assert.equal(s.back, false, 'no Back on the first question');
        assert.equal(s.again, false, 'no Start again on the first question');
        for (const [i, { question, answer }] of longest.steps.entries()) {
          const step = await currentStep(page);
          const next = await follow(page, await answerSelector(page, step.id, answer));
          s = await state(page);
          // Neutral titles: the history keeps them (issue 12).
          assert.equal(s.title, next.outcome ? `Result - ${base}` : `Question ${i + 2} - ${base}`);
          assert.equal(s.focus, `${next.id}-h`, 'focus should be on the new step heading');
          assert.equal(s.scrollY, 0, 'the page should be scrolled to the top (the banner)');
          assert.equal(s.say, next.outcome ? `Result: ${next.heading}` : `Question ${i + 2}: ${next.heading}`);
          assert.equal(s.back, true, 'Back after an answer');
          assert.match(s.trail, /^\[(\["q\d+",\d+\],?)+\]$/, 'the trail holds neutral anchors and answer positions only');
          // Back goes to this question, and the answer can be given again.
          if (i === 1) {
            await page.click('#pw-back');
            await waitForStep(page, step.id);
            assert.equal((await currentStep(page)).heading, question, 'Back did not go back one question');
            assert.equal((await follow(page, await answerSelector(page, step.id, answer))).id, next.id);
          }
        }
        assert.equal(s.summary, true, 'Change your answers on the outcome');
        assert.deepEqual(sinceLoad(), []);
        errors.assertNone();
      } finally {
        await context.close();
      }
    });

    test('the trail survives a reload, and Change your answers cuts it', async () => {
      const { context, page, errors } = await openPathway(browser, server, p.url);
      try {
        for (const { answer } of longest.steps) {
          await follow(page, await answerSelector(page, (await currentStep(page)).id, answer));
        }
        const end = await currentStep(page);
        await page.reload();
        assert.equal((await currentStep(page)).id, end.id, 'the reload kept the outcome');
        let s = await state(page);
        assert.equal(s.focus, `${end.id}-h`);
        assert.equal(s.summary, true);
        assert.equal(s.back, true);
        const rows = await page.$$eval('#pw-trail li', (lis) =>
          lis.map((li) => ({ question: li.querySelector('span').textContent, answer: li.querySelector('b').textContent })),
        );
        assert.deepEqual(rows, longest.steps, 'Change your answers lists each question and its answer');
        const trail = JSON.parse(s.trail);
        // Change the first answer: the question comes back; a new answer cuts the trail.
        await page.click('#pw-sum summary');
        await assertTouchTargets(page, 'Change your answers, open');
        const violations = await runAxe(page);
        assert.equal(violations.length, 0, `axe with Change your answers open:\n${formatViolations(violations)}`);
        const first = await follow(page, '#pw-trail li:first-child a');
        assert.equal(first.heading, longest.steps[0].question);
        s = await state(page);
        assert.equal(s.back, false);
        const other = await page.$$eval(`#${first.id} .answers a`, (as, taken) => as.findIndex((_, i) => i !== taken), trail[0][1]);
        await follow(page, `#${first.id} .answers li:nth-child(${other + 1}) > a`);
        assert.deepEqual(JSON.parse((await state(page)).trail), [[first.id, other]], 'a new answer cuts the trail');
        errors.assertNone();
      } finally {
        await context.close();
      }
    });

    test('a direct link to an outcome or a question works with no trail', async () => {
      for (const kind of ['o', 'q']) {
        const id = builtStepIds(p.url).filter((id) => id[0] === kind).at(-1);
        const { context, page, errors } = await openPathway(browser, server, p.url, { hash: `#${id}` });
        try {
          const step = await currentStep(page);
          assert.equal(step.id, id);
          const s = await state(page);
          assert.equal(s.focus, `${id}-h`);
          assert.equal(s.title, `${kind === 'o' ? 'Result' : 'Question 1'} - ${await page.$eval('h1', (h) => h.textContent)} - ${siteTitle}`);
          assert.equal(s.back, false, 'nothing to go back to');
          assert.equal(s.summary, false, 'no answers to change');
          assert.equal(s.again, true, 'Start again is offered');
          assert.equal((await follow(page, '#pw-again a')).id, 'q1');
          errors.assertNone();
        } finally {
          await context.close();
        }
      }
    });

    test('the outcomes say whether each contact is open now, in the site time zone', async () => {
      // Saturday 28 November 2026, 12:00 GMT; the device is in New York,
      // to show that its own zone does not matter.
      const context = await browser.newContext({ ...CONTEXT, timezoneId: 'America/New_York' });
      try {
        const page = await context.newPage();
        const errors = collectConsoleErrors(page);
        await page.clock.setFixedTime(new Date('2026-11-28T12:00:00Z'));
        await page.goto(`${server.url}${p.url}`, { waitUntil: 'load' });
        const statuses = await page.$$eval('.status[data-hours]', (ss) => ss.map((s) => [s.dataset.hours, s.textContent]));
        assert.ok(statuses.length > 0, 'no contact with opening hours on the page');
        for (const [hours, text] of statuses) {
          // Hours are "days,from,to" in minutes: 127,0,1440 is every day, all day.
          const want = hours === '127,0,1440' ? 'Open now' : hours === '127,1020,1440' ? 'Closed, opens at Sat 17:00' : /^(Open now|Closed, opens at \w{3} \d\d:\d\d)$/;
          if (typeof want === 'string') assert.equal(text, want, `hours ${hours}`);
          else assert.match(text, want, `hours ${hours}`);
        }
        errors.assertNone();
      } finally {
        await context.close();
      }
    });

    test('the skip link (#main) leaves the step on screen', async () => {
      const { context, page, errors } = await openPathway(browser, server, p.url, { hash: '#main' });
      try {
        assert.equal((await currentStep(page)).id, 'q1', 'a load with #main shows the first question');
        const shown = await follow(page, await answerSelector(page, 'q1', longest.steps[0].answer));
        await page.focus('.skip');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => location.hash === '#main');
        assert.equal((await currentStep(page)).id, shown.id);
        errors.assertNone();
      } finally {
        await context.close();
      }
    });

    test('the quick exit wipes the trail', async () => {
      const { context, page, errors } = await openPathway(browser, server, p.url);
      try {
        const exitURL = await page.$eval('#exit', (a) => a.href);
        await context.route(`${new URL(exitURL).origin}/**`, (r) => r.fulfill({ contentType: 'text/html', body: '<title>elsewhere</title>' }));
        for (const { answer } of longest.steps.slice(0, 2)) {
          await follow(page, await answerSelector(page, (await currentStep(page)).id, answer));
        }
        assert.ok((await state(page)).trail, 'a trail was kept');
        await page.click('#exit');
        await page.waitForURL(exitURL);
        await page.goBack(); // the exit replaced the last entry: this is the question before it
        const s = await state(page);
        assert.equal(s.trail, null, 'the trail is gone after the quick exit');
        assert.equal(s.back, false);
        errors.assertNone();
      } finally {
        await context.close();
      }
    });
  });

  describe(`${p.url} without :has() (older browsers)`, () => {
    // Chromium has :has(); take it away by renaming the pseudo-class in the
    // page's @supports test, as an engine without :has() would see it, and
    // re-hash the inline stylesheet so the Content-Security-Policy still
    // allows it.
    const withoutHas = async (route) => {
      const response = await route.fetch();
      let html = await response.text();
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
      assert.equal(style.split('@supports selector(:has(a))').length, 2, 'the stylesheet has one @supports selector(:has(a)) block');
      const hash = (s) => `'sha256-${crypto.createHash('sha256').update(s).digest('base64')}'`;
      assert.ok(html.includes(hash(style)), 'the CSP allows the stylesheet by its hash');
      const changed = style.replace('@supports selector(:has(a))', '@supports selector(:no-such-pseudo(a))');
      html = html.replace(style, changed).replace(hash(style), hash(changed));
      await route.fulfill({ response, body: html });
    };

    test('JavaScript off: every step is shown, and answers jump to their step', async () => {
      const { context, page, errors, sinceLoad } = await openPathway(browser, server, p.url, { javaScriptEnabled: false, route: withoutHas });
      try {
        assert.equal(await page.evaluate(() => CSS.supports('selector(:no-such-pseudo(a))')), false);
        const all = await page.$$eval('.pathway > .step', (s) => s.map((e) => e.id));
        assert.deepEqual(await visibleSteps(page), all, 'a readable document: every step shown');
        let id = 'q1';
        for (const { answer } of p.longest.steps) {
          const selector = await answerSelector(page, id, answer);
          const href = await page.$eval(selector, (a) => a.getAttribute('href'));
          await page.click(selector);
          await page.waitForFunction((h) => location.hash === h, href);
          id = href.slice(1);
          const top = await page.$eval(`#${id}`, (s) => s.getBoundingClientRect().top);
          assert.ok(top >= -1 && top < 100, `#${id} should be scrolled to the top, is at ${top}px`);
        }
        assert.deepEqual(sinceLoad(), []);
        errors.assertNone();
      } finally {
        await context.close();
      }
    });

    test('JavaScript on: the script shows one step at a time', async () => {
      const { context, page, errors, load, sinceLoad } = await openPathway(browser, server, p.url, { route: withoutHas });
      try {
        for (const route of shortestPerOutcome(p.routes)) {
          await load();
          await walk(page, route, { label: `no :has(), to ${route.outcome}` });
          assert.deepEqual(sinceLoad(), []);
        }
        errors.assertNone();
      } finally {
        await context.close();
      }
    });
  });
}
