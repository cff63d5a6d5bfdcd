// Whole-site conformance (issue 7), in Chromium, for EVERY page of two sites:
// the built-in default site, and a larger generated fixture site (sitegen
// with pathways, outcomes of every urgency, national and local services and
// ordinary pages: see FIXTURE_ARGS). "Every page" is every index.html of the
// build (home, pathways, outcomes, services, area pages, ordinary pages, the
// offline page) plus the 404 page, fetched at a URL that does not exist.
//
// Checks, each over every page of each site, each failing once with the
// list of every problem it found:
//   vnu          the Nu Html Checker, run once over every built .html file
//                of both sites (started first, in parallel with the browser
//                work): no errors.
//   axe          axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, at
//                1280 x 800: no violation.
//   keyboard     the first Tab lands on the skip link; Tab then visits every
//                visible focusable element once and leaves the page (no
//                keyboard trap, no loop); every focused element looks
//                different from its unfocused self in a way people see
//                (background, box-shadow, border, colour, underline, or an
//                outline that is not transparent); Enter on the skip link
//                moves focus to its target.
//   quick exit   on every page: focus the Exit link and press Enter; and,
//                on a fresh load, press Shift three times. Both must leave
//                for the site's exit URL. Every request off 127.0.0.1 is
//                answered by page.route with a stub page, so nothing leaves
//                the machine, and any such request other than the exit is a
//                failure.
//   reflow       no horizontal scrolling (scrollingElement.scrollWidth <=
//                clientWidth) at 320 CSS px wide (WCAG 1.4.10's own figure:
//                1280 px at 400%) and at 200% zoom of a 1280 x 800 window.
//                Browser zoom at 200% makes the CSS viewport 640 x 400 and
//                devicePixelRatio 2, and media queries see 640 px: so that
//                zoom is emulated exactly by a 640 x 400 viewport with
//                deviceScaleFactor 2 (a context of its own). CSS `zoom` on
//                <html> would test something else: media queries and
//                viewport units would still see 1280 px.
//   text spacing WCAG 1.4.12's bookmarklet styles (line-height 1.5,
//                paragraph spacing 2em, letter-spacing 0.12em, word-spacing
//                0.16em, all !important), at 320 and at 1280 px: no element
//                that clips (overflow hidden/clip, text-overflow) has its
//                text cut off, and nothing scrolls sideways. The styles go in
//                as a constructed stylesheet (document.adoptedStyleSheets),
//                which the site's CSP allows, as a user style sheet would be.
//   motion       with prefers-reduced-motion: reduce (page.emulateMedia), no
//                element or pseudo-element has a transition or animation
//                that runs, html is not scroll-behavior: smooth, and
//                document.getAnimations() is empty after tabbing and hovering.
//   forced colors with forced-colors: active (page.emulateMedia): every
//                button-like control (.button, .exit, pathway answers,
//                <button>, inputs) keeps a visible border on every side;
//                urgency boxes keep theirs, with the thicker left stripe, and
//                their tag keeps its border; every text link but the site
//                name keeps its underline; and every focusable element shows
//                an outline when focused from the keyboard (box-shadows and
//                background colours are dropped in this mode, so the outline
//                is what is left of a focus indicator).
//   JS off       (a context with JavaScript disabled) every page shows its
//                <h1>, a non-empty <main> and the emergency banner; and every
//                pathway can be completed: from the start, every answer link
//                of every reachable step is clicked, each click shows exactly
//                the step it names, every question and every outcome is
//                reached, and each outcome step links to its outcome page,
//                which exists in the build.
//
// One page load serves most checks: axe, keyboard, motion, forced colours,
// reflow at 320 and text spacing run one after another on the same loaded
// page (switching media features and viewport with page.emulateMedia and
// setViewportSize), then the quick exit leaves it. That keeps the suite to
// about three loads per page.
//
// Service workers are blocked here: offline.test.mjs covers them, and a
// worker would answer later loads from its cache.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';

import {
  buildSite,
  formatViolations,
  launchBrowser,
  listPages,
  makeTempDir,
  repoRoot,
  runAxe,
  serveStatic,
} from './lib.mjs';

const execFileP = promisify(execFile);

/** The fixture site's shape: every kind of page, more of them than the default site. */
export const FIXTURE_ARGS = ['-pages', '12', '-per-section', '6', '-words', '300', '-services', '8', '-pathways', '3', '-outcomes', '10', '-seed', '7'];

/** Generates the fixture site with cmd/sitegen into a fresh temp dir. */
async function generateFixture() {
  const dir = path.join(makeTempDir('signpost-fixture-'), 'site');
  try {
    await execFileP('go', ['run', './cmd/sitegen', ...FIXTURE_ARGS, '-o', dir], { cwd: repoRoot, maxBuffer: 16 << 20 });
  } catch (err) {
    throw new Error(`go run ./cmd/sitegen failed (exit ${err.code}):\n${err.stderr || err.message}`);
  }
  return dir;
}

const NOT_FOUND = '/this-page-does-not-exist/';

const sites = await Promise.all(
  [
    { name: 'default site', source: repoRoot },
    { name: 'generated fixture site', source: await generateFixture() },
  ].map(async (s) => {
    const out = await buildSite({ source: s.source });
    return { ...s, out, pages: [...listPages(out), NOT_FOUND] };
  }),
);

/** Every .html file under dir. */
function htmlFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f))
    .sort();
}

function fail(problems, what) {
  assert.equal(problems.length, 0, `${problems.length} ${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

// ---------------------------------------------------------------------------
// The Nu Html Checker, once over both sites, started now so that the JVM
// works while the browser does.

const vnuFiles = sites.flatMap((s) => htmlFiles(s.out));
const vnuRun = (async () => {
  const jar = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  if (!fs.existsSync(jar)) return { error: `${jar} is missing: run npm ci` };
  const started = Date.now();
  try {
    const { stderr } = await execFileP('java', ['-jar', jar, '--errors-only', '--format', 'json', ...vnuFiles], { maxBuffer: 64 << 20 });
    return { stderr, ms: Date.now() - started };
  } catch (err) {
    // vnu exits 1 when it found errors, with its JSON report on stderr.
    if (typeof err.stderr === 'string' && err.stderr.trim().startsWith('{')) return { stderr: err.stderr, ms: Date.now() - started };
    return { error: `java -jar vnu.jar failed: ${err.stderr || err.message}` };
  }
})();

test('vnu: no HTML errors in any built page of either site', async (t) => {
  const run = await vnuRun;
  assert.ok(!run.error, run.error);
  const { messages } = JSON.parse(run.stderr);
  const problems = messages.map((m) => `${m.url.replace('file:', '')}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.type}: ${m.message}`);
  t.diagnostic(`vnu checked ${vnuFiles.length} files (${sites.map((s) => `${s.name}: ${htmlFiles(s.out).length}`).join(', ')}) in ${run.ms} ms: ${messages.length} errors`);
  fail(problems, 'vnu errors');
});

// ---------------------------------------------------------------------------
// In-page helpers, installed into each page as window.__sp.

function pageHelpers() {
  // Visible, keyboard-focusable elements in document order.
  const tabbables = () => {
    const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
    return [...document.querySelectorAll(sel)].filter((el) => {
      if (el.disabled || el.tabIndex < 0 || el.closest('[hidden], [inert]')) return false;
      return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
  };
  const transparent = (c) => /transparent|rgba\(.*, 0\)$/.test(c);
  // The parts of an element's computed style that a focus indicator changes;
  // an outline counts only if it can be seen.
  const focusStyle = (el) => {
    const cs = getComputedStyle(el);
    return {
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor) ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none',
      boxShadow: cs.boxShadow,
      background: cs.backgroundColor,
      color: cs.color,
      decoration: cs.textDecorationLine,
      border: ['Top', 'Right', 'Bottom', 'Left'].map((s) => `${cs[`border${s}Style`]} ${cs[`border${s}Width`]} ${cs[`border${s}Color`]}`).join(','),
    };
  };
  const describe = (el) => {
    if (!el) return '(nothing)';
    const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}> "${text}"`;
  };
  const shown = (el) => Boolean(el) && el.getClientRects().length > 0 && !el.closest('[hidden], .visually-hidden') && getComputedStyle(el).visibility !== 'hidden';
  window.__sp = { tabbables, focusStyle, describe, transparent, shown };
}

const TEXT_SPACING = '*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}p{margin-bottom:2em!important}';

// ---------------------------------------------------------------------------
// The checks, as functions of a loaded page. Each returns a list of problems
// (strings, without the URL) and may add to `count`.

async function checkAxe(page) {
  const violations = await runAxe(page);
  return violations.length ? [formatViolations(violations)] : [];
}

// Tabs through the page from a fresh load: needs focus at the top.
async function checkKeyboard(page, count) {
  const problems = [];
  await page.evaluate(() => {
    window.__sp.list = window.__sp.tabbables();
    window.__sp.before = window.__sp.list.map((el) => window.__sp.focusStyle(el));
  });
  const n = await page.evaluate(() => window.__sp.list.length);
  const visited = new Set();
  let left = false;
  let first;
  for (let i = 0; i < n + 3 && !left; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { left: true, what: '(the end of the page)' };
      const k = window.__sp.list.indexOf(el);
      const now = window.__sp.focusStyle(el);
      const was = k >= 0 ? window.__sp.before[k] : null;
      const changed = was ? Object.keys(now).filter((p) => now[p] !== was[p]) : [];
      return { k, what: window.__sp.describe(el), changed };
    });
    if (i === 0) first = r;
    if (r.left) {
      left = true;
    } else if (r.k < 0) {
      problems.push(`Tab reached ${r.what}, which was not a visible focusable element when the page loaded`);
    } else if (visited.has(r.k)) {
      if (r.k === 0) left = true; // round to the start again: not a trap
      else problems.push(`Tab came back to ${r.what} before the end of the page (the focus order loops)`);
    } else {
      visited.add(r.k);
      count.focus++;
      if (r.changed.length === 0) problems.push(`${r.what} shows no visible change when focused`);
    }
  }
  const firstIsSkip = await page.evaluate(() => Boolean(window.__sp.list[0]?.matches('a[href^="#"]')));
  if (first?.k !== 0 || !firstIsSkip) problems.push(`the first Tab focused ${first?.what}, not a skip link`);
  if (!left) problems.push(`after ${n + 3} Tabs focus had not left the page: a keyboard trap`);
  if (visited.size < n) {
    const missed = await page.evaluate((seen) => window.__sp.list.filter((_, i) => !seen.includes(i)).map((el) => window.__sp.describe(el)), [...visited]);
    problems.push(`Tab never reached ${missed.join(', ')}`);
  }
  return problems;
}

async function checkSkipLink(page) {
  await page.focus('a[href^="#"]');
  await page.keyboard.press('Enter');
  const r = await page.evaluate(() => ({ href: document.querySelector('a[href^="#"]')?.getAttribute('href'), at: document.activeElement?.id }));
  return `#${r.at}` === r.href ? [] : [`Enter on the skip link left focus on #${r.at}, not on ${r.href}`];
}

async function checkReducedMotion(page) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    // Hover the first visible control in <main>.
    const box = await page.evaluate(() => {
      const el = [...document.querySelectorAll('main a, main button')].find((e) => window.__sp.shown(e));
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + 2, y: r.y + 2 };
    });
    if (box) await page.mouse.move(box.x, box.y);
    return await page.evaluate(() => {
      const moving = [];
      // Elements, and the ::before/::after of those that have one (computing
      // a pseudo-element's style for every element is slow).
      for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
        for (const pseudo of [null, '::before', '::after']) {
          const cs = getComputedStyle(el, pseudo);
          if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
          const where = `<${el.tagName.toLowerCase()}>${pseudo ?? ''}`;
          if (cs.transitionProperty !== 'none' && cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0)) moving.push(`${where} has transition ${cs.transitionProperty} ${cs.transitionDuration}`);
          if (cs.animationName !== 'none' && parseFloat(cs.animationDuration) > 0) moving.push(`${where} has animation ${cs.animationName}`);
        }
      }
      if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') moving.push('html has scroll-behavior: smooth');
      for (const a of document.getAnimations()) moving.push(`an animation is running: ${a.animationName ?? a.transitionProperty ?? a.constructor.name}`);
      return moving;
    });
  } finally {
    await page.mouse.move(0, 0);
    await page.emulateMedia({ reducedMotion: null });
  }
}

async function checkForcedColors(page, count) {
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    await page.evaluate(() => document.activeElement?.blur());
    const r = await page.evaluate(() => {
      const sp = window.__sp;
      const out = { problems: [], controls: 0, links: 0, urgency: 0, focus: 0 };
      const sides = ['Top', 'Right', 'Bottom', 'Left'];
      const side = (cs, s) => !/none|hidden/.test(cs[`border${s}Style`]) && parseFloat(cs[`border${s}Width`]) >= 1 && !sp.transparent(cs[`border${s}Color`]);
      const controls = new Set(document.querySelectorAll('.button, .exit, .answers a, button, input:not([type=hidden]), select, textarea'));
      for (const el of controls) {
        if (!sp.shown(el)) continue;
        out.controls++;
        const cs = getComputedStyle(el);
        if (!sides.every((s) => side(cs, s))) out.problems.push(`${sp.describe(el)} has no visible border on every side (${sides.map((s) => cs[`border${s}Style`]).join(' ')})`);
        if (sp.transparent(cs.color)) out.problems.push(`${sp.describe(el)} has transparent text`);
      }
      for (const el of document.querySelectorAll('a[href]')) {
        if (controls.has(el) || !sp.shown(el) || el.matches('.skip')) continue;
        out.links++;
        const cs = getComputedStyle(el);
        // The site name is the header's home link, set apart by its place
        // and weight as on GOV.UK and the NHS website.
        if (!cs.textDecorationLine.includes('underline') && !sides.some((s) => side(cs, s)) && !el.matches('.site-name')) out.problems.push(`link ${sp.describe(el)} has neither underline nor border`);
        if (sp.transparent(cs.color)) out.problems.push(`link ${sp.describe(el)} has transparent text`);
      }
      for (const el of document.querySelectorAll('.urgency')) {
        if (!sp.shown(el)) continue;
        out.urgency++;
        const cs = getComputedStyle(el);
        if (!sides.every((s) => side(cs, s))) out.problems.push(`urgency box ${sp.describe(el)} lost a border`);
        if (!(parseFloat(cs.borderLeftWidth) > parseFloat(cs.borderTopWidth))) out.problems.push(`urgency box ${sp.describe(el)} lost its left stripe (${cs.borderLeftWidth} left, ${cs.borderTopWidth} top)`);
        const tag = el.querySelector('.tag');
        if (tag && !sides.every((s) => side(getComputedStyle(tag), s))) out.problems.push(`urgency tag ${sp.describe(tag)} lost its border`);
      }
      return out;
    });
    count.controls += r.controls;
    count.links += r.links;
    count.urgency += r.urgency;
    // Focus from the keyboard: after one Tab, Chromium treats programmatic
    // focus as keyboard focus too (:focus-visible), so one evaluate can
    // visit every element.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const sp = window.__sp;
      const bad = [];
      const list = sp.tabbables();
      for (const el of list) {
        el.focus();
        const cs = getComputedStyle(el);
        if (!el.matches(':focus-visible')) bad.push(`${sp.describe(el)} does not match :focus-visible when focused after a Tab`);
        else if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) < 2) bad.push(`focused ${sp.describe(el)} has no outline (${cs.outlineStyle} ${cs.outlineWidth})`);
      }
      document.activeElement?.blur();
      return { bad, n: list.length };
    });
    count.focusForced += focus.n;
    return [...r.problems, ...focus.bad];
  } finally {
    await page.emulateMedia({ forcedColors: null });
  }
}

async function checkReflow(page) {
  const r = await page.evaluate(() => {
    const s = document.scrollingElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > s.clientWidth + 1 && !el.closest('.visually-hidden, .skip'))
      .slice(-3)
      .map((el) => `${window.__sp.describe(el)} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, wide };
  });
  return r.scrollWidth > r.clientWidth ? [`scrollWidth ${r.scrollWidth} > clientWidth ${r.clientWidth}; widest: ${r.wide.join(', ')}`] : [];
}

async function checkTextSpacing(page) {
  return page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const problems = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.visually-hidden, [hidden], svg') || !el.textContent.trim() || el.getClientRects().length === 0) continue;
        const cs = getComputedStyle(el);
        const clips = /hidden|clip/.test(cs.overflowX + cs.overflowY) || cs.textOverflow === 'ellipsis';
        if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
          problems.push(`clipped ${window.__sp.describe(el)} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
        }
      }
      const s = document.scrollingElement;
      if (s.scrollWidth > s.clientWidth) problems.push(`scrolls sideways: scrollWidth ${s.scrollWidth} > ${s.clientWidth}`);
      return problems;
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== sheet);
    }
  }, TEXT_SPACING);
}

// Leaves the loaded page by the quick exit: true if it went to exitURL.
async function exitBy(page, how, exitURL) {
  const left = page.waitForURL(exitURL, { timeout: 5000 }).then(
    () => true,
    () => false,
  );
  if (how === 'Enter') {
    await page.focus('#exit');
    await page.keyboard.press('Enter');
  } else {
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  }
  return left;
}

// ---------------------------------------------------------------------------

const CHECKS = {
  axe: 'axe: no WCAG 2.0/2.1/2.2 A or AA violation on any page',
  keyboard: 'keyboard: skip link first, visible focus on every control, no trap, skip link works',
  exit: 'quick exit works from the keyboard on every page (Enter on Exit; Shift three times)',
  reflow320: 'reflow at 320 CSS px wide: no horizontal scrolling on any page',
  reflowZoom: 'reflow at 200% zoom of a 1280 x 800 window: no horizontal scrolling on any page',
  spacing: 'text spacing (WCAG 1.4.12) at 320 and 1280 px: no clipped text, no sideways scrolling',
  motion: 'prefers-reduced-motion: no transition, animation or smooth scrolling runs',
  forced: 'forced-colors: active keeps every control, focus indicator and urgency style visible',
  noJS: 'JavaScript off: every page renders its heading, main content and emergency banner',
  pathways: 'JavaScript off: every question and every outcome of every pathway is reached by following answer links',
  offsite: 'no request leaves 127.0.0.1 (other than the quick exit, stubbed)',
};

for (const site of sites) {
  describe(`conformance of every page: ${site.name}`, () => {
    const problems = Object.fromEntries(Object.keys(CHECKS).map((k) => [k, []]));
    const count = { focus: 0, focusForced: 0, controls: 0, links: 0, urgency: 0, exits: 0, clicks: 0, pathways: 0, ms: {} };

    // Runs every check over every page, recording problems by check.
    before(async () => {
      const timed = async (name, f) => {
        const start = Date.now();
        try {
          return await f();
        } finally {
          count.ms[name] = (count.ms[name] ?? 0) + (Date.now() - start);
        }
      };
      const server = await serveStatic(site.out);
      const browser = await launchBrowser();
      const exitURLs = new Set();
      // A context with service workers blocked, in which every request off
      // the test server is answered by a stub and recorded.
      const context = async (options = {}) => {
        const ctx = await browser.newContext({ serviceWorkers: 'block', ...options });
        await ctx.route(
          (url) => url.origin !== server.origin,
          (route) => {
            const url = route.request().url();
            if (!exitURLs.has(url)) problems.offsite.push(`${route.request().frame().url()}: ${url}`);
            return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><p>Stub page.' });
          },
        );
        return ctx;
      };
      const load = async (page, url) => {
        const res = await page.goto(`${server.origin}${url}`, { waitUntil: 'load' });
        const want = url === NOT_FOUND ? 404 : 200;
        if (res?.status() !== want) throw new Error(`${url}: status ${res?.status()}, want ${want}`);
      };
      const record = (check, url, list) => {
        for (const p of list) problems[check].push(`${url}: ${p}`);
      };
      try {
        // JavaScript on, CSP on, 1280 x 800: most checks on one load.
        const main = await context();
        const page = await main.newPage();
        for (const url of site.pages) {
          await load(page, url);
          await page.evaluate(pageHelpers);
          record('axe', url, await timed('axe', () => checkAxe(page)));
          record('keyboard', url, await timed('keyboard', () => checkKeyboard(page, count)));
          record('motion', url, await timed('motion', () => checkReducedMotion(page)));
          record('forced', url, await timed('forced', () => checkForcedColors(page, count)));
          await timed('reflow320+spacing', async () => {
            await page.setViewportSize({ width: 320, height: 640 });
            record('reflow320', url, await checkReflow(page));
            record('spacing', url, (await checkTextSpacing(page)).map((p) => `at 320 px: ${p}`));
            await page.setViewportSize({ width: 1280, height: 800 });
            record('spacing', url, (await checkTextSpacing(page)).map((p) => `at 1280 px: ${p}`));
          });
          record('keyboard', url, await timed('keyboard', () => checkSkipLink(page)));
          await timed('exit', async () => {
            const exitURL = await page.locator('#exit').getAttribute('href');
            if (!exitURL) return record('exit', url, ['no #exit link']);
            exitURLs.add(exitURL);
            for (const how of ['Enter', 'Shift x3']) {
              if (how !== 'Enter') await load(page, url);
              if (await exitBy(page, how, exitURL)) count.exits++;
              else record('exit', url, [`${how} did not go to ${exitURL} (still at ${page.url()})`]);
            }
          });
        }
        await main.close();

        // 200% zoom.
        await timed('reflowZoom', async () => {
          const zoom = await context({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
          const zpage = await zoom.newPage();
          for (const url of site.pages) {
            await load(zpage, url);
            await zpage.evaluate(pageHelpers);
            record('reflowZoom', url, await checkReflow(zpage));
          }
          await zoom.close();
        });

        // JavaScript off.
        await timed('noJS', async () => {
          const off = await context({ javaScriptEnabled: false });
          const npage = await off.newPage();
          for (const url of site.pages) {
            await load(npage, url);
            const r = await npage.evaluate(() => {
              const shown = (el) => Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
              const main = document.querySelector('main');
              const h1 = document.querySelector('h1');
              const banner = document.querySelector('.emergency');
              return { main: shown(main) ? main.innerText.trim().length : -1, h1: shown(h1) ? h1.innerText.trim() : '', banner: shown(banner) ? banner.innerText.trim() : '' };
            });
            if (r.main < 40) record('noJS', url, [`<main> is missing, hidden or nearly empty (${r.main} characters)`]);
            if (!r.h1) record('noJS', url, ['no visible <h1>']);
            if (!r.banner) record('noJS', url, ['no visible emergency banner']);
          }
          for (const url of site.pages.filter((p) => /^\/pathways\/[a-z0-9-]+\/$/.test(p))) {
            count.pathways++;
            record('pathways', url, await completePathway(npage, `${server.origin}${url}`, count));
          }
          await off.close();
        });
      } finally {
        await browser.close();
        await server.close();
      }
    });

    test(`the site has every kind of page (${site.pages.length} pages)`, (t) => {
      t.diagnostic(`${site.pages.length} pages: ${site.pages.join(' ')}`);
      t.diagnostic(`time per check (ms): ${JSON.stringify(count.ms)}`);
      for (const prefix of ['/pathways/', '/outcomes/', '/services/', '/offline/']) {
        assert.ok(site.pages.some((p) => p.startsWith(prefix)), `no page under ${prefix}`);
      }
      assert.ok(site.pages.includes('/'));
      assert.ok(fs.existsSync(path.join(site.out, '404.html')), 'no 404.html');
    });

    const notes = {
      axe: () => `axe ran on ${site.pages.length} pages`,
      keyboard: () => `${count.focus} focus stops checked on ${site.pages.length} pages`,
      exit: () => `${count.exits} keyboard exits on ${site.pages.length} pages`,
      forced: () => `forced colours: ${count.controls} controls, ${count.links} links, ${count.urgency} urgency boxes, ${count.focusForced} focus outlines`,
      pathways: () => `${count.pathways} pathways completed without JavaScript: ${count.clicks} answer links followed`,
    };
    for (const [check, name] of Object.entries(CHECKS)) {
      test(name, (t) => {
        if (notes[check]) t.diagnostic(notes[check]());
        fail(problems[check], 'problems');
      });
    }
  });
}

// Follows every answer link of the pathway page at `at` with JavaScript off
// (the page must already be in a context without JavaScript); returns the
// problems.
async function completePathway(page, at, count) {
  const problems = [];
  await page.goto(at);
  const steps = await page.evaluate(() => [...document.querySelectorAll('.step')].map((s) => ({ id: s.id, outcome: s.classList.contains('outcome') })));
  const visibleSteps = () => page.evaluate(() => [...document.querySelectorAll('.step')].filter((s) => s.getClientRects().length > 0).map((s) => s.id));
  const start = await visibleSteps();
  if (start.length !== 1) return [`without a fragment ${start.length} steps show (${start.join(' ')}), want just the start`];
  const reached = new Set(start);
  const queue = [...start];
  while (queue.length) {
    const id = queue.shift();
    if (steps.find((s) => s.id === id)?.outcome) continue;
    const targets = await page.evaluate((sid) => [...document.querySelectorAll(`#${sid} .answers a`)].map((a) => a.getAttribute('href')), id);
    if (targets.length === 0) problems.push(`#${id}: a question with no answer links`);
    for (let i = 0; i < targets.length; i++) {
      await page.goto(id === start[0] ? at : `${at}#${id}`);
      await page.locator(`#${id} .answers a`).nth(i).click();
      count.clicks++;
      const want = targets[i].slice(1);
      const now = await visibleSteps();
      if (now.length !== 1 || now[0] !== want) {
        problems.push(`#${id}: answer ${i + 1} (${targets[i]}) shows ${now.join(' ') || 'nothing'}`);
      } else if (!reached.has(want)) {
        reached.add(want);
        queue.push(want);
      }
    }
  }
  for (const s of steps) if (!reached.has(s.id)) problems.push(`${s.outcome ? 'outcome' : 'question'} #${s.id} is never reached by following answers`);
  // Each outcome step carries the whole outcome (issue 11), so it needs no
  // link to the outcome page; it must have the outcome's title.
  const links = await page.evaluate(() => [...document.querySelectorAll('.step.outcome')].map((s) => ({ id: s.id, title: s.querySelector(`#${s.id}-h`)?.textContent.trim() || null })));
  for (const l of links) {
    if (!l.title) problems.push(`#${l.id}: no outcome title`);
  }
  return problems;
}
