// Offline-first delivery of the default site, in Chromium: one visit online
// installs the service worker; after that every page of the triage set
// loads with no network (pages never opened too), an ordinary page loads
// offline once visited and otherwise gives the offline page, as does an
// unknown URL, and a pathway can be completed. Then a build with one
// ordinary page changed is deployed into the same served folder: the
// worker's manifest and sw.js are unchanged, the saved page is shown and
// checked, and its new copy is downloaded once and announced ("this
// information has been updated"). update.test.mjs covers a change to the
// triage set and counts its bytes.

import assert from 'node:assert/strict';
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
  listPages,
  manifestOf,
  runAxe,
  saveScreenshot,
  serveStatic,
  waitForPage,
  waitForStep,
} from './lib.mjs';

const CHANGED_PAGE = '/about/privacy/';
const CHANGED_TEXT = 'This sentence was added by the deploy under test.';

// Two copies of the default site, taken at one moment (the repository may
// be edited while the tests run): as it is, and with one page changed.
function siteCopies() {
  const original = copySite();
  const changed = copySite(original);
  fs.appendFileSync(path.join(changed, 'content', 'about', 'privacy.md'), `\n${CHANGED_TEXT}\n`);
  return [original, changed];
}

// The caches of versions of the build (not the saved pages, not the pointer).
const versionCaches = (names) => names.filter((n) => n !== 'signpost-pages' && n !== 'signpost-meta');

// Every entry of the worker's cache checked against a manifest, in the page.
function checkCache(page, manifest) {
  return page.evaluate(async ({ version, files }) => {
    const names = await caches.keys();
    const cache = await caches.open(`signpost-${version}`);
    const problems = [];
    for (const [url, hash] of files) {
      const res = await cache.match(url);
      if (!res) {
        problems.push(`${url}: not cached`);
        continue;
      }
      const sum = new Uint8Array(await crypto.subtle.digest('SHA-256', await res.arrayBuffer()));
      const hex = Array.from(sum, (b) => b.toString(16).padStart(2, '0')).join('');
      if (!hex.startsWith(hash)) problems.push(`${url}: cached bytes are not this build's`);
    }
    return { names, problems };
  }, manifest);
}

describe('offline-first delivery of the default site', () => {
  let server;
  let browser;
  let context;
  let page;
  let consoleErrors;
  let requests;
  let v1;
  let v2;
  let firstSW; // index in server.requests of the first request for /sw.js

  before(async () => {
    const [original, changed] = siteCopies();
    [v1, v2] = await Promise.all([buildSite({ source: original }), buildSite({ source: changed })]);
    server = await serveStatic(v1, { cdn: true }); // ETag and 304, as hosts answer
    browser = await launchBrowser();
    ({ context, page } = await browser.newPage({ viewport: { width: 320, height: 800 } }));
    consoleErrors = collectConsoleErrors(page);
    // On the context, so that the worker's own fetches are seen too.
    requests = guardRequests(context, server.origin);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('first visit online: the page renders, then the worker installs and takes control', async () => {
    const res = await page.goto(`${server.url}/`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    // The worker is registered only after the load event: before /sw.js,
    // the server saw the page and at most what the page itself links.
    const loaded = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
    assert.ok(loaded > 0, 'the load event has run');
    firstSW = server.requests.findIndex((r) => r.path === '/sw.js');
    const beforeSW = server.requests.slice(0, firstSW === -1 ? undefined : firstSW).map((r) => r.path);
    assert.deepEqual(beforeSW.filter((p) => !p.startsWith('/assets/')), ['/'], 'nothing is precached before the worker exists');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const names = await page.evaluate(() => caches.keys());
    assert.deepEqual(versionCaches(names), [`signpost-${manifestOf(v1).version}`]);
    consoleErrors.assertNone();
  });

  test('the precache downloads the pathways and outcomes first, every file once', () => {
    firstSW = server.requests.findIndex((r) => r.path === '/sw.js');
    const fetched = server.requests.slice(firstSW + 1).map((r) => r.path);
    const { files } = manifestOf(v1);
    const pathway = fetched.findIndex((p) => p.startsWith('/pathways/'));
    const outcomes = fetched.map((p, i) => (p.startsWith('/outcomes/') ? i : -1)).filter((i) => i >= 0);
    const others = fetched.map((p, i) => (p.startsWith('/services/') ? i : -1)).filter((i) => i >= 0);
    assert.ok(!fetched.some((p) => p.startsWith('/about/')), `an ordinary page was precached: ${fetched.join(' ')}`);
    assert.ok(pathway >= 0, `the pathway was not precached: ${fetched.join(' ')}`);
    assert.ok(Math.max(pathway, ...outcomes) < Math.min(...others), `order: ${fetched.join(' ')}`);
    // "/" is cached from the worker's own download too; nothing else twice.
    const counts = {};
    for (const p of fetched) counts[p] = (counts[p] ?? 0) + 1;
    for (const [url] of files) assert.equal(counts[url], 1, `${url} downloaded ${counts[url] ?? 0} times`);
  });

  test('offline: every page of the triage set loads, and ordinary pages once visited', async () => {
    await page.goto(`${server.url}${CHANGED_PAGE}`); // online: saved as visited
    await waitForPage(page, (u) => caches.open('signpost-pages').then((c) => c.match(u)).then(Boolean), CHANGED_PAGE, { timeout: 10000 });
    await context.setOffline(true);
    const triage = new Set(manifestOf(v1).files.map(([u]) => u));
    const pages = listPages(v1);
    assert.ok(pages.length > 20, `only ${pages.length} pages`);
    let ordinary = 0;
    for (const url of pages) {
      const res = await page.goto(`${server.url}${url}`);
      assert.equal(res.status(), 200, `${url} offline`);
      assert.ok(res.fromServiceWorker(), `${url} did not come from the worker`);
      const h1 = (await page.locator('h1').first().textContent()).trim();
      assert.ok(h1 !== '', `${url} offline has no h1`);
      assert.equal(await page.locator('.emergency').count(), 1, `${url} offline has no emergency banner`);
      if (url === '/offline/') continue;
      if (!triage.has(url) && url !== CHANGED_PAGE) {
        ordinary++;
        assert.equal(h1, 'You are offline', `${url}, never visited, is not the offline page`);
      } else {
        assert.notEqual(h1, 'You are offline', `${url} was not saved`);
      }
    }
    assert.ok(ordinary > 0, 'no ordinary page outside the triage set');
    consoleErrors.assertNone();
  });

  test('offline: an unknown URL gets the offline page with the national contacts', async () => {
    const res = await page.goto(`${server.url}/no/such/page/`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('h1').textContent(), 'You are offline');
    assert.equal(await page.locator('.emergency a[href="tel:999"]').count(), 1, 'emergency banner with 999');
    for (const scheme of ['tel:', 'sms:']) {
      assert.ok(await page.locator(`main a[href^="${scheme}"]`).count() > 0, `no ${scheme} contact on the offline page`);
    }
    assert.ok(await page.locator('main a[href^="https:"]').count() > 0, 'no webchat contact on the offline page');
    await saveScreenshot(page, 'offline-page-320');
    await page.setViewportSize({ width: 1024, height: 800 });
    await saveScreenshot(page, 'offline-page-1024');
    await page.setViewportSize({ width: 320, height: 800 });
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
  });

  test('offline: a pathway can be completed', async () => {
    await page.goto(`${server.url}/pathways/mental-health-crisis/`);
    let steps = 0;
    // Answer "No" where there is one, else the last answer, until an outcome shows.
    while (!(await page.locator('.step.outcome:visible').count())) {
      assert.ok(++steps < 20, 'no outcome after 20 answers');
      const answers = page.locator('.step:visible .answers a');
      const labels = await answers.allTextContents();
      const i = labels.findIndex((l) => l.startsWith('No'));
      const answer = answers.nth(i >= 0 ? i : labels.length - 1);
      const href = await answer.getAttribute('href');
      await answer.click();
      await waitForStep(page, href.slice(1));
    }
    const outcome = await page.locator('.step.outcome:visible h2').first().textContent();
    assert.ok(outcome.trim().length > 0);
    assert.ok(steps >= 2, `the pathway ended after ${steps} answer(s)`);
    await context.setOffline(false);
    consoleErrors.assertNone();
  });

  test('a deploy that changes a visited page: its new copy is downloaded once and announced', async () => {
    await context.setOffline(false);
    const old = manifestOf(v1);
    const next = manifestOf(v2);
    assert.equal(next.version, old.version, 'an ordinary page is not in the triage set, so the manifest is the same');
    assert.deepEqual(fs.readFileSync(path.join(v2, 'sw.js')), fs.readFileSync(path.join(v1, 'sw.js')), 'sw.js is the same');

    await page.goto(`${server.url}/pathways/mental-health-crisis/`);
    await page.locator('.step:visible .answers a').last().click(); // part-way through the pathway
    const hashBefore = await page.evaluate(() => location.hash);
    const mark = server.requests.length;
    server.setRoot(v2);
    // The saved page is shown at once, checked, and the new copy announced.
    await page.goto(`${server.url}${CHANGED_PAGE}`);
    assert.ok(!(await page.content()).includes(CHANGED_TEXT), 'the saved copy is shown first');
    await page.locator('#updated a').waitFor({ timeout: 30000 });
    assert.match(await page.locator('#updated').textContent(), /This information has been updated/);
    assert.equal(await page.locator('#updated').getAttribute('role'), 'status');
    await saveScreenshot(page, 'update-notice-320');
    await page.locator('#updated a').click();
    await page.waitForLoadState('load');
    assert.ok((await page.content()).includes(CHANGED_TEXT), 'the link loads the new copy');

    // Only the changed page was downloaded, and once.
    const downloaded = server.requests.slice(mark).filter((r) => r.status === 200).map((r) => r.path)
      .filter((p) => p !== '/sw.js' && p !== '/sw-manifest.json');
    assert.deepEqual(downloaded, [CHANGED_PAGE], `the update downloaded: ${downloaded.join(' ')}`);

    // The precache is still exactly the build's, and the page is there offline.
    const { names, problems } = await checkCache(page, next);
    assert.deepEqual(versionCaches(names), [`signpost-${next.version}`]);
    assert.deepEqual(problems, []);
    await context.setOffline(true);
    await page.goto(`${server.url}${CHANGED_PAGE}`);
    assert.ok((await page.content()).includes(CHANGED_TEXT));
    await page.goto(`${server.url}/pathways/mental-health-crisis/${hashBefore}`);
    assert.equal(await page.evaluate(() => location.hash), hashBefore);
    await context.setOffline(false);
    consoleErrors.assertNone();
  });

  test('no request, of the pages or of the worker, leaves 127.0.0.1', () => {
    assert.ok(requests.requests.some((url) => url.endsWith('/sw.js')), 'the guard saw the worker being fetched');
    requests.assertLocalOnly();
  });
});
