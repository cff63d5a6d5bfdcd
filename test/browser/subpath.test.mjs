// A site under a path (issue 17, sub-paths): the default site built with
// base_url https://example.test/mysite/ and served under /mysite/ only, as
// GitHub Pages serves a project site (anything outside /mysite/ is a 404).
// Every request the pages and the worker make stays under /mysite/; every
// link of the home, a pathway and an outcome page resolves; the triage runs
// to an outcome with and without JavaScript; the finder links its results
// under the path; the web manifest and the service worker's scope are
// /mysite/, and the site works offline after one visit.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  collectConsoleErrors,
  copySite,
  guardRequests,
  launchBrowser,
  manifestOf,
  serveStatic,
  waitForStep,
} from './lib.mjs';

const BASE = '/mysite/';
const PATHWAY = `${BASE}pathways/mental-health-crisis/`;
const OUTCOME = `${BASE}outcomes/call-999/`;

// The default site, as it is now, with its base_url under a path.
function subpathSite() {
  const dir = copySite();
  const toml = path.join(dir, 'site.toml');
  const src = fs.readFileSync(toml, 'utf8');
  assert.match(src, /^base_url = .*$/m, 'the default site has a base_url line');
  fs.writeFileSync(toml, src.replace(/^base_url = .*$/m, 'base_url = "https://example.test/mysite/"'));
  return dir;
}

// Follows the first answer of each shown step from the start of the
// pathway on `page` until an outcome is shown; returns the outcome's id.
async function runToOutcome(page) {
  let id = await page.$eval('.pathway > .step.start', (s) => s.id);
  for (let i = 0; i < 30; i++) {
    await waitForStep(page, id);
    if (await page.$eval(`#${id}`, (s) => s.classList.contains('outcome'))) return id;
    const href = await page.$eval(`#${id} .answers a`, (a) => a.getAttribute('href'));
    assert.match(href, /^#/, `answer links stay on the page: ${href}`);
    await page.click(`#${id} .answers li:first-child > a`);
    id = href.slice(1);
  }
  throw new Error('no outcome after 30 answers');
}

describe('the default site under a path (/mysite/)', () => {
  let out;
  let server;
  let browser;

  before(async () => {
    out = await buildSite({ source: subpathSite() });
    server = await serveStatic(out, { mount: BASE });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Every request the server saw, and every URL a page asked for, is
  // under /mysite/ on the test server.
  function assertAllUnder(guard, since = 0) {
    guard.assertLocalOnly();
    const outside = server.requests.slice(since).filter((r) => !r.path.startsWith(BASE));
    assert.deepEqual(outside.map((r) => `${r.path} ${r.status}`), [], 'requests outside /mysite/');
    const bad = guard.requests.filter((u) => /^https?:/.test(u) && !new URL(u).pathname.startsWith(BASE));
    assert.deepEqual(bad, [], 'URLs a page asked for outside /mysite/');
  }

  test('the build: the web manifest, the sitemap and robots.txt name /mysite/', () => {
    const wm = JSON.parse(fs.readFileSync(path.join(out, 'manifest.webmanifest'), 'utf8'));
    assert.equal(wm.start_url, BASE);
    assert.equal(wm.scope, BASE);
    assert.ok(wm.icons.length >= 3, JSON.stringify(wm.icons));
    for (const icon of wm.icons) {
      assert.ok(icon.src.startsWith(`${BASE}assets/`), `icon ${icon.src}`);
      assert.ok(fs.existsSync(path.join(out, icon.src.slice(BASE.length))), `icon ${icon.src} is not written`);
    }
    const sitemap = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    assert.ok(locs.length > 20, `${locs.length} URLs in the sitemap`);
    for (const l of locs) assert.ok(l.startsWith('https://example.test/mysite/'), `sitemap ${l}`);
    assert.match(fs.readFileSync(path.join(out, 'robots.txt'), 'utf8'), /^Sitemap: https:\/\/example\.test\/mysite\/sitemap\.xml$/m);
    // The worker's lists name site URLs; the worker puts them under its path.
    assert.ok(manifestOf(out).files.some(([u]) => u === '/pathways/mental-health-crisis/'));
  });

  test('every link of the home, a pathway and an outcome page resolves, under /mysite/', async () => {
    const { context, page } = await browser.newPage({ javaScriptEnabled: false });
    const guard = guardRequests(context, server.origin);
    const since = server.requests.length;
    const checked = new Set();
    try {
      for (const url of [BASE, PATHWAY, OUTCOME]) {
        const res = await page.goto(`${server.url}${url}`);
        assert.equal(res.status(), 200, url);
        const refs = await page.evaluate(() => [
          ...[...document.querySelectorAll('a[href], link[href]')].map((e) => e.getAttribute('href')),
          ...[...document.querySelectorAll('[src]')].map((e) => e.getAttribute('src')),
          ...[...document.querySelectorAll('[data-src]')].map((e) => e.getAttribute('data-src')),
        ]);
        let local = 0;
        for (const ref of refs) {
          if (/^(https?:|tel:|sms:|mailto:|data:|#)/.test(ref)) continue;
          assert.ok(ref.startsWith(BASE), `${url}: ${ref} is not under ${BASE}`);
          local++;
          const target = new URL(ref, `${server.url}${url}`);
          target.hash = '';
          if (checked.has(target.href)) continue;
          checked.add(target.href);
          const r = await fetch(target.href, { redirect: 'manual' });
          await r.arrayBuffer();
          assert.equal(r.status, 200, `${url} links ${ref}: HTTP ${r.status}`);
        }
        assert.ok(local > 3, `${url}: only ${local} links on the site`);
      }
      assertAllUnder(guard, since);
    } finally {
      await context.close();
    }
  });

  test('an unknown URL under /mysite/ gets the 404 page, whose links are under /mysite/', async () => {
    const { context, page } = await browser.newPage({ javaScriptEnabled: false });
    try {
      const res = await page.goto(`${server.url}${BASE}no-such-page/`);
      assert.equal(res.status(), 404);
      const hrefs = await page.$$eval('a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.includes(BASE), `the 404 page links home: ${hrefs}`);
      for (const h of hrefs) assert.ok(h.startsWith(BASE), `404.html links ${h}`);
    } finally {
      await context.close();
    }
  });

  for (const javaScriptEnabled of [false, true]) {
    test(`the triage runs to an outcome, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const { context, page } = await browser.newPage({ javaScriptEnabled });
      const guard = guardRequests(context, server.origin);
      const errors = collectConsoleErrors(page);
      const since = server.requests.length;
      try {
        await page.goto(`${server.url}${PATHWAY}`);
        const id = await runToOutcome(page);
        assert.match(id, /^o\d+$/);
        // The outcome's links to the site (its services) are under /mysite/.
        const hrefs = await page.$$eval(`#${id} a[href^="/"]`, (as) => as.map((a) => a.getAttribute('href')));
        for (const h of hrefs) assert.ok(h.startsWith(BASE), `outcome links ${h}`);
        assertAllUnder(guard, since);
        errors.assertNone();
      } finally {
        await context.close();
      }
    });
  }

  test('the finder fetches its data and links its results under /mysite/', async () => {
    const { context, page } = await browser.newPage();
    const guard = guardRequests(context, server.origin);
    const errors = collectConsoleErrors(page);
    const since = server.requests.length;
    try {
      await page.goto(`${server.url}${BASE}services/`);
      await page.fill('#finder-postcode', 'LS6 1AA');
      await page.click('#finder-form button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('#finder-results h4 a').length > 0);
      const hrefs = await page.$$eval('#finder-results h4 a', (as) => as.map((a) => a.getAttribute('href')));
      for (const h of hrefs) {
        assert.match(h, /^\/mysite\/services\/[a-z0-9-]+\/$/, `finder result ${h}`);
        const r = await fetch(`${server.url}${h}`);
        await r.arrayBuffer();
        assert.equal(r.status, 200, h);
      }
      assert.ok(server.requests.slice(since).some((r) => r.path === `${BASE}services/finder.json` && r.status === 200), 'finder.json fetched under /mysite/');
      assertAllUnder(guard, since);
      errors.assertNone();
    } finally {
      await context.close();
    }
  });

  test('the service worker installs with scope /mysite/, and the site works offline', async () => {
    const { context, page } = await browser.newPage();
    const guard = guardRequests(context, server.origin);
    const errors = collectConsoleErrors(page);
    const since = server.requests.length;
    try {
      await page.goto(`${server.url}${BASE}`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
      const reg = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.ready;
        return { scope: r.scope, script: r.active.scriptURL, caches: await caches.keys() };
      });
      assert.equal(reg.scope, `${server.url}${BASE}`);
      assert.equal(reg.script, `${server.url}${BASE}sw.js`);
      const { version, files } = manifestOf(out);
      assert.ok(reg.caches.includes(`signpost${BASE}${version}`), `caches ${reg.caches}`);
      assert.ok(!reg.caches.some((c) => c.startsWith('signpost-')), `a cache named as a root site's: ${reg.caches}`);
      // Every file of the triage set is cached under its /mysite/ URL.
      const missing = await page.evaluate(async ({ name, urls }) => {
        const c = await caches.open(name);
        const out = [];
        for (const u of urls) if (!(await c.match(u))) out.push(u);
        return out;
      }, { name: `signpost${BASE}${version}`, urls: files.map(([u]) => BASE + u.slice(1)) });
      assert.deepEqual(missing, [], 'triage files not cached under /mysite/');

      await context.setOffline(true);
      const home = await page.reload();
      assert.equal(home.status(), 200);
      assert.ok(home.fromServiceWorker(), 'the home page offline comes from the worker');
      const res = await page.goto(`${server.url}${OUTCOME}`);
      assert.equal(res.status(), 200);
      assert.ok(res.fromServiceWorker());
      assert.equal(await page.locator('.emergency').count(), 1);
      // The pathway offline, run to an outcome.
      await page.goto(`${server.url}${PATHWAY}`);
      assert.match(await runToOutcome(page), /^o\d+$/);
      // A page never saved, offline: the offline page.
      const unknown = await page.goto(`${server.url}${BASE}about/privacy/`);
      assert.equal(unknown.status(), 200);
      assert.match(await page.locator('h1').first().textContent(), /offline|connection|internet/i);
      await context.setOffline(false);
      assertAllUnder(guard, since);
      errors.assertNone();
    } finally {
      await context.close();
    }
  });
});
