// Prefetching ordinary pages (issue 17: "ordinary pages are cached when
// visited, and may be prefetched on good connections; respect Save-Data"),
// in Chromium, on a copy of the default site with `[offline] prefetch =
// true` and a bound of 3 saved pages, plus six ordinary pages linked from
// one ordinary page. register.js offers the pages a page links to when
// navigator.connection says 4G and no Save-Data; the worker saves those
// that are not in the triage set into the bounded signpost-pages cache.
//
//   - 4G (emulated through the DevTools protocol): the linked ordinary pages
//     are prefetched, the triage page it links is not saved twice, and the
//     bound keeps the 3 most recently saved; a prefetched page opens
//     offline. Visiting a saved page makes it the most recently used, so the
//     next new page evicts another one (least recently used, not first in).
//   - Save-Data (Emulation.setDataSaverOverride, which is what sets
//     navigator.connection.saveData): nothing is prefetched.
//   - 2G (emulated, navigator.connection.effectiveType '2g'): nothing is
//     prefetched.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';

import { buildSite, collectConsoleErrors, copySite, launchBrowser, serveStatic, waitForPage } from './lib.mjs';

const LINKS = '/more-help/';
const EXTRA = [1, 2, 3, 4, 5, 6].map((n) => `/extra/page-${n}/`);
const TRIAGE_LINK = '/pathways/mental-health-crisis/';
const BOUND = 3;

function prefetchSite() {
  const dir = copySite();
  fs.appendFileSync(path.join(dir, 'site.toml'), `\n[offline]\npages = ${BOUND}\nprefetch = true\n`);
  const review = '[review]\nowner = "Test"\nreviewed = 2026-11-01\nnext_review = 2027-05-01\n';
  fs.mkdirSync(path.join(dir, 'content', 'extra'), { recursive: true });
  EXTRA.forEach((url, i) => {
    fs.writeFileSync(path.join(dir, 'content', 'extra', `page-${i + 1}.md`),
      `+++\ntitle = "Extra page ${i + 1}"\n${review}+++\nA page of the test, with no links of its own.\n`);
  });
  const list = EXTRA.map((url, i) => `- [Extra page ${i + 1}](${url})`).join('\n');
  fs.writeFileSync(path.join(dir, 'content', 'more-help.md'),
    `+++\ntitle = "More help"\n${review}+++\nPages to read later:\n\n${list}\n- [Get help now](${TRIAGE_LINK})\n`);
  return dir;
}

// The URL paths saved in signpost-pages, oldest first (Cache.keys keeps
// insertion order; the worker deletes and puts again to mark a page used).
function savedPages(page) {
  return page.evaluate(async () => {
    const c = await caches.open('signpost-pages');
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  });
}

// Navigates to url with the given DevTools set-up and waits until the
// worker controls the page and register.js has asked it to check for a new
// build (its second request for the manifest: the install made the first),
// which is when it offers links to prefetch.
async function firstVisit(browser, server, url, setup) {
  const { context, page } = await browser.newPage();
  open.push(context);
  const errors = collectConsoleErrors(page);
  const cdp = await context.newCDPSession(page);
  await setup(cdp);
  const mark = server.requests.length;
  await page.goto(`${server.url}${url}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120000 });
  const manifests = () => server.requests.slice(mark).filter((r) => r.path === '/sw-manifest.json').length;
  for (let t = 0; manifests() < 2; t++) {
    assert.ok(t < 300, 'register.js never asked the worker to check for a new build');
    await page.waitForTimeout(100);
  }
  return { context, page, errors, mark, cdp };
}

const open = []; // contexts to close after each test, passed or failed

const fetched = (server, mark) => server.requests.slice(mark).map((r) => r.path);

describe('prefetching ordinary pages', () => {
  let server;
  let browser;

  before(async () => {
    const out = await buildSite({ source: prefetchSite() });
    const man = JSON.parse(fs.readFileSync(path.join(out, 'sw-manifest.json'), 'utf8'));
    assert.equal(man.prefetch, true, 'the test site asks for prefetching');
    assert.equal(man.pages, BOUND);
    server = await serveStatic(out);
    browser = await launchBrowser();
  });

  afterEach(async () => {
    // A context left open would go on prefetching into the next test.
    await Promise.all(open.splice(0).map((c) => c.close().catch(() => {})));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('on 4G the linked ordinary pages are prefetched, within the bound, least recently used dropped', async () => {
    const { context, page, errors, mark } = await firstVisit(browser, server, LINKS, async (cdp) => {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8, connectionType: 'wifi',
      });
    });
    assert.equal(await page.evaluate(() => navigator.connection.effectiveType), '4g');
    // Prefetched one after another: the bound keeps the last three.
    await waitForPage(page, (last) => caches.open('signpost-pages').then((c) => c.match(last)).then(Boolean), EXTRA[5], { timeout: 30000 });
    const got = fetched(server, mark);
    for (const url of EXTRA) assert.ok(got.includes(url), `${url} was not prefetched: ${got.join(' ')}`);
    assert.deepEqual(await savedPages(page), EXTRA.slice(3), 'signpost-pages holds other than the 3 last prefetched');
    // The triage page it links is in the version's cache, not fetched again.
    assert.ok(!got.slice(got.indexOf(EXTRA[0])).includes(TRIAGE_LINK), 'a triage page was prefetched as an ordinary page');

    // A prefetched page opens offline, never visited.
    await context.setOffline(true);
    await page.goto(`${server.url}${EXTRA[5]}`);
    assert.equal(await page.textContent('h1'), 'Extra page 6');
    await context.setOffline(false);

    // Using page 4 makes it the most recently used: the next new page
    // (page 1, visited) drops page 5, the least recently used, not page 4,
    // the first saved.
    const order = (want) => waitForPage(page, async (w) => {
      const keys = await (await caches.open('signpost-pages')).keys();
      return keys.map((r) => new URL(r.url).pathname).join(' ') === w;
    }, want.join(' ')).catch(async (err) => {
      throw new Error(`signpost-pages is ${(await savedPages(page)).join(' ')}, want ${want.join(' ')}`, { cause: err });
    });
    await page.goto(`${server.url}${EXTRA[3]}`);
    await order([EXTRA[4], EXTRA[5], EXTRA[3]]);
    await page.goto(`${server.url}${EXTRA[0]}`);
    await order([EXTRA[5], EXTRA[3], EXTRA[0]]);
    errors.assertNone();
  });

  test('with Save-Data nothing is prefetched', async () => {
    const { page, errors, mark } = await firstVisit(browser, server, LINKS, async (cdp) => {
      await cdp.send('Emulation.setDataSaverOverride', { dataSaverEnabled: true });
    });
    assert.equal(await page.evaluate(() => navigator.connection.saveData), true);
    assert.equal(await page.evaluate(() => navigator.connection.effectiveType), '4g', 'only Save-Data stops it here');
    await page.waitForTimeout(2000); // time the 4G case needs to prefetch all six
    assert.deepEqual(fetched(server, mark).filter((p) => EXTRA.includes(p)), [], 'pages were prefetched with Save-Data');
    assert.deepEqual(await savedPages(page), []);
    errors.assertNone();
  });

  test('on 2G nothing is prefetched', async () => {
    const { page, errors, mark } = await firstVisit(browser, server, LINKS, async (cdp) => {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 1500, downloadThroughput: 250e3 / 8, uploadThroughput: 250e3 / 8, connectionType: 'cellular2g',
      });
    });
    assert.equal(await page.evaluate(() => navigator.connection.effectiveType), '2g');
    await page.waitForTimeout(2000);
    assert.deepEqual(fetched(server, mark).filter((p) => EXTRA.includes(p)), [], 'pages were prefetched on 2G');
    assert.deepEqual(await savedPages(page), []);
    errors.assertNone();
  });
});
