// `signpost serve` in a real browser: a stylesheet change is swapped in
// without a reload; a content change reloads the page and keeps its scroll
// position and, on a pathway page, the question being viewed; a broken
// save shows an accessible error overlay that goes away when fixed; and a
// service worker left by a production build on the same origin is removed.
// The pathway map links the pathway's review pack, which follows edits.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  collectConsoleErrors,
  copySite,
  formatViolations,
  guardRequests,
  launchBrowser,
  runAxe,
  saveScreenshot,
  serveStatic,
  signpostBinary,
  waitForPage,
} from './lib.mjs';

/**
 * Starts `signpost serve -s dir --port port` and resolves once it has
 * printed its URL. Returns {url, origin, child, output(), close()}.
 */
async function startPreview(dir, port = 0) {
  const bin = await signpostBinary();
  const child = spawn(bin, ['serve', '-s', dir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signpost serve did not start:\n${out}`)), 30000);
    const look = () => {
      const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', look);
    child.on('exit', (code) => reject(new Error(`signpost serve exited ${code}:\n${out}`)));
  });
  return {
    url: url.replace(/\/$/, ''),
    origin: new URL(url).origin,
    child,
    output: () => out,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGINT');
      }),
  };
}

function edit(dir, file, from, to) {
  const p = path.join(dir, file);
  const src = fs.readFileSync(p, 'utf8');
  assert.ok(src.includes(from), `${file} should contain ${from}`);
  fs.writeFileSync(p, src.replace(from, to));
}

describe('signpost serve (live reload)', () => {
  let dir;
  let preview;
  let browser;

  before(async () => {
    dir = copySite();
    preview = await startPreview(dir);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await preview?.close();
  });

  test('a stylesheet change applies without a reload', async () => {
    const { context, page } = await browser.newPage();
    const requests = guardRequests(context, preview.origin);
    const errors = collectConsoleErrors(page);
    await page.goto(`${preview.url}/about/privacy/`, { waitUntil: 'load' });
    await page.evaluate(() => {
      window.notReloaded = true;
    });
    const before = await page.evaluate(() => getComputedStyle(document.querySelector('main')).backgroundColor);
    assert.notEqual(before, 'rgb(1, 2, 3)');
    fs.appendFileSync(path.join(dir, 'assets/site.css'), '\nmain { background-color: rgb(1, 2, 3); }\n');
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('main')).backgroundColor === 'rgb(1, 2, 3)',
      null,
      { timeout: 10000 },
    );
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page must not have reloaded');
    requests.assertLocalOnly();
    errors.assertNone();
    await context.close();
  });

  test('a content change reloads the page at the same scroll position', async () => {
    const { context, page } = await browser.newPage({ viewport: { width: 320, height: 480 } });
    const errors = collectConsoleErrors(page);
    await page.goto(`${preview.url}/help/going-to-ae/`, { waitUntil: 'load' });
    await page.evaluate(() => window.scrollTo(0, 400));
    await page.waitForFunction(() => window.scrollY === 400);
    const file = 'content/help/going-to-ae.md';
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    fs.writeFileSync(path.join(dir, file), `${src}\nLive reload marker paragraph.\n`);
    await page.waitForFunction(() => document.body.textContent.includes('Live reload marker paragraph.'), null, {
      timeout: 10000,
    });
    await page.waitForLoadState('load');
    await page.waitForFunction(() => window.scrollY === 400, null, { timeout: 2000 });
    errors.assertNone();
    await context.close();
  });

  test('a pathway change keeps the question being viewed', async () => {
    const { context, page } = await browser.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${preview.url}/pathways/mental-health-crisis/#q2`, { waitUntil: 'load' });
    edit(dir, 'pathways/mental-health-crisis.toml', 'In the last 2 days,', 'In the last two days,');
    await page.waitForFunction(() => document.body.textContent.includes('In the last two days,'), null, {
      timeout: 10000,
    });
    assert.equal(await page.evaluate(() => location.hash), '#q2');
    assert.ok(await page.isVisible('#q2'), 'question 2 is still the one shown');
    errors.assertNone();
    await context.close();
  });

  test('a broken save shows the errors over the page until it is fixed', async () => {
    for (const width of [320, 1024]) {
      const { context, page } = await browser.newPage({ viewport: { width, height: 700 } });
      const errors = collectConsoleErrors(page);
      await page.goto(`${preview.url}/about/privacy/`, { waitUntil: 'load' });
      await page.focus('a.skip').catch(() => {});
      const file = 'content/about/privacy.md';
      const good = fs.readFileSync(path.join(dir, file), 'utf8');
      fs.writeFileSync(path.join(dir, file), good.replace(/^title = /m, 'titel = '));
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor({ timeout: 10000 });
      const text = await dialog.textContent();
      assert.match(text, /content\/about\/privacy\.md:\d+/);
      assert.match(text, /titel/);
      // The source line, with a caret under the column the error is at.
      const item = dialog.locator('li', { hasText: 'unknown key "titel"' });
      const at = (await item.locator('.sp-where').textContent()).match(/:(\d+):(\d+)$/);
      assert.ok(at, 'the error has a line and column');
      const [line, caret] = (await item.locator('pre.sp-src').textContent()).split('\n');
      assert.match(line, /^titel = /);
      assert.equal(caret, `${' '.repeat(Number(at[2]) - 1)}^`);
      assert.ok(await page.evaluate(() => document.getElementById('signpost-errors').contains(document.activeElement)),
        'focus moves into the dialog');
      const violations = await runAxe(page, { context: { include: [['#signpost-errors']] } });
      assert.deepEqual(violations, [], formatViolations(violations));
      await saveScreenshot(page, `preview-overlay-${width}`);
      // The last good page is still there under it.
      assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
      await page.keyboard.press('Escape');
      assert.equal(await dialog.count(), 0, 'Escape hides the dialog');
      // A page loaded during the error shows it again, and fixing the file
      // clears it. (Escape already hid it: checking only after the fix, as
      // this did, could not fail.)
      await page.reload({ waitUntil: 'load' });
      await dialog.waitFor({ timeout: 10000 });
      fs.writeFileSync(path.join(dir, file), good);
      await dialog.waitFor({ state: 'detached', timeout: 10000 });
      // And it stays away.
      await page.waitForTimeout(1000);
      assert.equal(await page.getByRole('alertdialog').count(), 0);
      errors.assertNone();
      await context.close();
    }
  });

  test('the pathway map draws the pathway', async () => {
    for (const width of [320, 360, 1280]) {
      const { context, page } = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = collectConsoleErrors(page);
      const res = await page.goto(`${preview.url}/_signpost/pathways/mental-health-crisis/`, { waitUntil: 'load' });
      assert.equal(res.status(), 200);
      assert.ok(await page.locator('svg.sp-pathmap').isVisible());
      assert.match(await page.textContent('pre'), /^Pathway: /);
      // Drawn at its natural size in a viewport that scrolls: never
      // scaled down, no box clipped, every line of text inside its box.
      const geo = await page.evaluate(() => {
        const svg = document.querySelector('svg.sp-pathmap');
        const region = svg.parentElement;
        const out = { natural: svg.getBoundingClientRect().width === Number(svg.getAttribute('width')), scrolls: region.scrollWidth > region.clientWidth, spill: [] };
        for (const g of svg.querySelectorAll('g.q, g.o')) {
          const r = g.querySelector('rect').getBBox();
          for (const t of g.querySelectorAll('text')) {
            const b = t.getBBox();
            if (b.x < r.x - 1 || b.x + b.width > r.x + r.width + 1 || b.y < r.y - 1 || b.y + b.height > r.y + r.height + 1) out.spill.push(t.textContent);
          }
        }
        return out;
      });
      assert.ok(geo.natural, 'the map is scaled');
      assert.deepEqual(geo.spill, [], 'text outside its box');
      if (width <= 360) assert.ok(geo.scrolls, 'the map does not scroll sideways on a phone');
      // A question box links to its line of the file, where the
      // compiler's messages for it are shown.
      const first = page.locator('svg.sp-pathmap a').first();
      const href = await first.getAttribute('href');
      assert.match(href, /^#L\d+$/);
      await first.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((h) => location.hash === h, href);
      assert.match(await page.locator(`li${href}`).textContent(), /\[\[question\]\]/);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      await saveScreenshot(page, `preview-map-${width}`);
      errors.assertNone();
      await context.close();
    }
  });

  test('the review pack is offered from the map and follows edits', async () => {
    const { context, page } = await browser.newPage();
    const requests = guardRequests(context, preview.origin);
    const errors = collectConsoleErrors(page);
    await page.goto(`${preview.url}/_signpost/pathways/mental-health-crisis/`, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'Review pack' }).click();
    await page.waitForURL(`${preview.url}/_signpost/pathways/mental-health-crisis/review/`);
    await page.getByRole('heading', { level: 2, name: 'Sign-off' }).waitFor();
    const first = "Is anyone's life in danger right now?";
    assert.ok((await page.textContent('main')).includes(first), 'the pack shows the first question');
    // The pack's inline style applies (its hash is in the policy), and
    // nothing is refused by it.
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).maxWidth), '800px');
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await saveScreenshot(page, 'preview-review-pack');
    edit(dir, 'pathways/mental-health-crisis.toml', first, "Is anyone's life in danger at this moment?");
    await page.waitForFunction(() => document.body.textContent.includes("Is anyone's life in danger at this moment?"), null, {
      timeout: 15000,
    });
    assert.ok(!(await page.textContent('main')).includes(first), 'the old question text is still in the pack');
    edit(dir, 'pathways/mental-health-crisis.toml', "Is anyone's life in danger at this moment?", first);
    await page.waitForFunction((t) => document.body.textContent.includes(t), first, { timeout: 15000 });
    requests.assertLocalOnly();
    errors.assertNone();
    await context.close();
  });
});

describe('signpost serve after a production build on the same origin', () => {
  let browser;
  let preview;
  let server;

  after(async () => {
    await browser?.close();
    await preview?.close();
    await server?.close();
  });

  test('the production service worker and its caches are removed', async () => {
    const out = await buildSite();
    server = await serveStatic(out);
    const port = server.port;
    browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await waitForPage(page, async () => (await caches.keys()).length > 0, null, { timeout: 15000 });

    await server.close();
    server = undefined;
    preview = await startPreview(copySite(), port);
    // The production worker answers the first navigation from its cache;
    // its update check fetches the preview's /sw.js, which deletes every
    // cache, unregisters itself and reloads the page from the preview. (A
    // production page still open may register once more on idle; the same
    // worker removes that registration too.) Poll until that has settled.
    await page.goto(`${preview.url}/`, { waitUntil: 'load' }).catch(() => {});
    const state = () =>
      page.evaluate(async () => ({
        registrations: (await navigator.serviceWorker.getRegistrations()).length,
        caches: (await caches.keys()).length,
        preview: !!document.querySelector('script[src="/_signpost/live.js"]'),
      }));
    const clean = { registrations: 0, caches: 0, preview: true };
    let last;
    for (const deadline = Date.now() + 20000; Date.now() < deadline; ) {
      last = await state().catch((err) => ({ navigating: err.message.slice(0, 40) }));
      if (JSON.stringify(last) === JSON.stringify(clean)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepEqual(last, clean, 'the production worker and caches are gone and the preview serves the page');
    // And it stays that way: preview pages register no worker.
    await page.reload({ waitUntil: 'load' });
    await page.waitForTimeout(1500);
    assert.deepEqual(await state(), clean);
    await context.close();
  });
});
