// What an update costs a returning visitor, counted in bytes over the wire
// (status lines, headers and bodies, as a CDN would send them: ETags, 304s
// and gzip), on generated sites of 1,000 and 10,000 pages built with the
// default settings (but precompress = []). After a deploy that changes one page, the visitor
// downloads that page plus at most 2 KB of update information (sw.js is
// the same file; the worker's manifest and at most one chunk of its list):
//   - an ordinary page they saved by visiting it: the saved copy is shown,
//     checked, and its new copy downloaded once and announced;
//   - a page of the triage set (the home page): the worker fetches the new
//     manifest and the one changed chunk, copies every other file from the
//     old cache, downloads the home page, and tells the open page.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { buildSite, copySite, launchBrowser, makeTempDir, manifestOf, repoRoot, serveStatic, waitForPage } from './lib.mjs';

const execFileP = promisify(execFile);
const UPDATE_BUDGET = 2048; // bytes of update information beside the changed page

async function generate(pages) {
  const dir = path.join(makeTempDir('signpost-update-src-'), 'site');
  await execFileP('go', ['run', './cmd/sitegen', '-pages', String(pages), '-o', dir], { cwd: repoRoot, maxBuffer: 16 << 20 });
  return dir;
}

// The first ordinary page's file and URL.
function ordinaryPage(src) {
  const dir = path.join(src, 'content', 'section-00');
  const file = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'index.md').sort()[0];
  return { file: path.join('content', 'section-00', file), url: `/section-00/${file.replace(/\.md$/, '')}/` };
}

function currentVersion(page) {
  return page.evaluate(async () => {
    const res = await (await caches.open('signpost-meta')).match('/.signpost-current');
    return res ? (await res.json()).version : null;
  });
}

const sum = (reqs) => reqs.reduce((n, r) => n + r.bytes, 0);
const describeReqs = (reqs) => reqs.map((r) => `${r.path} ${r.status} ${r.bytes}`).join(', ');

for (const pages of [1000, 10000]) {
  describe(`updates on a ${pages}-page site cost one page`, () => {
    let server;
    let browser;
    let page;
    let builds;
    let ordinary;

    before(async () => {
      const v1 = await generate(pages);
      // No .gz/.br copies: the server compresses as it sends (and the
      // worker's files are the same either way); it saves build time.
      fs.appendFileSync(path.join(v1, 'site.toml'), '\nprecompress = []\n');
      ordinary = ordinaryPage(v1);
      const v2 = copySite(v1);
      fs.appendFileSync(path.join(v2, ordinary.file), '\nThis sentence was added by the first deploy.\n');
      const v3 = copySite(v2);
      fs.appendFileSync(path.join(v3, 'content', 'index.md'), '\nThis sentence was added by the second deploy.\n');
      builds = await Promise.all([v1, v2, v3].map((source) => buildSite({ source })));
      server = await serveStatic(builds[0], { cdn: true });
      browser = await launchBrowser();
      ({ page } = await browser.newPage());
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test('a first visit precaches the triage set and saves the visited page', async () => {
      const mark = server.requests.length;
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
      assert.equal(await currentVersion(page), manifestOf(builds[0]).version);
      await page.goto(`${server.url}${ordinary.url}`);
      await waitForPage(page, (u) => caches.open('signpost-pages').then((c) => c.match(u)).then(Boolean), ordinary.url, { timeout: 10000 });
      const first = server.requests.slice(mark);
      const other = first.filter((r) => r.path !== ordinary.url);
      console.log(`${pages} pages: first visit ${sum(other)} bytes in ${other.length} requests, plus ${ordinary.url} (${sum(first) - sum(other)} bytes)`);
      assert.ok(!first.some((r) => /^\/section-/.test(r.path) && r.path !== ordinary.url), 'an ordinary page was precached');
    });

    test('a deploy that changes a visited ordinary page: that page plus at most 2 KB', async () => {
      assert.equal(manifestOf(builds[1]).version, manifestOf(builds[0]).version);
      server.setRoot(builds[1]);
      const mark = server.requests.length;
      await page.goto(`${server.url}/`);
      await page.waitForTimeout(1500); // the update check runs when the browser is idle
      await page.goto(`${server.url}${ordinary.url}`);
      await page.locator('#updated a').waitFor({ timeout: 30000 });
      const reqs = server.requests.slice(mark);
      const full = reqs.filter((r) => r.status === 200);
      assert.deepEqual(full.map((r) => r.path).filter((p) => p !== '/sw-manifest.json'), [ordinary.url], describeReqs(reqs));
      const info = reqs.filter((r) => !(r.path === ordinary.url && r.status === 200));
      console.log(`${pages} pages, ordinary page changed: ${sum(reqs)} bytes: ${describeReqs(reqs)}; update information ${sum(info)} bytes`);
      assert.ok(sum(info) <= UPDATE_BUDGET, `update information ${sum(info)} bytes: ${describeReqs(info)}`);
    });

    test('a deploy that changes the home page (triage set): that page plus at most 2 KB', async () => {
      const next = manifestOf(builds[2]);
      assert.notEqual(next.version, manifestOf(builds[1]).version);
      assert.deepEqual(fs.readFileSync(path.join(builds[2], 'sw.js')), fs.readFileSync(path.join(builds[0], 'sw.js')), 'sw.js changed with the content');
      server.setRoot(builds[2]);
      const mark = server.requests.length;
      await page.goto(`${server.url}${ordinary.url}`); // an open page, told when the new build is in
      await page.locator('#updated a').waitFor({ timeout: 60000 });
      await waitForPage(page, async (v) => {
        const res = await (await caches.open('signpost-meta')).match('/.signpost-current');
        return res && (await res.json()).version === v;
      }, next.version, { timeout: 30000 });
      const reqs = server.requests.slice(mark);
      const full = reqs.filter((r) => r.status === 200).map((r) => r.path);
      const chunks = full.filter((p) => p.startsWith('/sw/'));
      assert.ok(full.includes('/'), `the home page was not downloaded: ${describeReqs(reqs)}`);
      assert.equal(chunks.length, 1, `chunks downloaded: ${describeReqs(reqs)}`);
      assert.deepEqual(full.filter((p) => p !== '/' && p !== '/sw-manifest.json' && !p.startsWith('/sw/')), [], describeReqs(reqs));
      const info = reqs.filter((r) => !(r.path === '/' && r.status === 200));
      console.log(`${pages} pages, home page changed: ${sum(reqs)} bytes: ${describeReqs(reqs)}; update information ${sum(info)} bytes`);
      assert.ok(sum(info) <= UPDATE_BUDGET, `update information ${sum(info)} bytes: ${describeReqs(info)}`);
      // The cache is exactly the new build.
      const problems = await page.evaluate(async ({ version, files }) => {
        const cache = await caches.open(`signpost-${version}`);
        const out = [];
        for (const [url] of files) if (!(await cache.match(url))) out.push(url);
        return out;
      }, next);
      assert.deepEqual(problems, []);
    });
  });
}
