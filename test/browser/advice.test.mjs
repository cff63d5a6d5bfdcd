// The whole outcome travels with the triage (issue 11): on every pathway
// page of the default site and of a generated site, with the network cut
// once the page has loaded (browser offline, service workers blocked, so
// none can help), with JavaScript on and off, every outcome the pathway
// reaches is walked to by its answer links, and every paragraph, list item
// and heading of the outcome's advice, read from its source file
// (content/outcomes/<id>.md), must be visible on the outcome's step. An
// emergency or urgent outcome shows its advice before any signposted
// service's link, then the ways to 999 that need no voice call. The
// banner's "Cannot speak?" link leads, offline and without JavaScript, to
// those ways at the foot of the page; and no page ever asks for
// /favicon.ico.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  collectConsoleErrors,
  guardRequests,
  launchBrowser,
  listPages,
  makeTempDir,
  outcomeSource,
  repoRoot,
  serveStatic,
  squash,
  waitForStep,
} from './lib.mjs';

const execFileP = promisify(execFile);

/** A generated site: three pathways, outcomes of every urgency. */
async function generate() {
  const dir = path.join(makeTempDir('signpost-advice-'), 'site');
  await execFileP('go', ['run', './cmd/sitegen', '-pages', '4', '-per-section', '4', '-words', '200', '-services', '4', '-pathways', '3', '-outcomes', '10', '-seed', '11', '-o', dir], {
    cwd: repoRoot,
    maxBuffer: 16 << 20,
  });
  return dir;
}

const sites = [];
for (const s of [{ name: 'default site', source: repoRoot }, { name: 'generated site', source: await generate() }]) {
  const out = await buildSite({ source: s.source });
  const pathways = listPages(out).filter((p) => /^\/pathways\/[a-z0-9-]+\/$/.test(p));
  // Outcome title -> its source, to know each step's outcome by its title.
  const byTitle = new Map();
  for (const f of fs.readdirSync(path.join(s.source, 'content', 'outcomes'))) {
    const id = f.replace(/\.md$/, '');
    const src = outcomeSource(s.source, id);
    const urgency = /^urgency\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(path.join(s.source, 'content', 'outcomes', f), 'utf8'))[1];
    byTitle.set(src.title, { id, urgency, ...src });
  }
  sites.push({ ...s, out, pathways, byTitle });
}

/**
 * The pathway as the page's links draw it: for each outcome step, the
 * answers (hrefs) that lead to it from the start, fewest first.
 */
async function pathsToOutcomes(page) {
  return page.evaluate(() => {
    const steps = [...document.querySelectorAll('.pathway > .step')];
    const start = steps.find((s) => s.classList.contains('start')).id;
    const seen = new Map([[start, []]]);
    const queue = [start];
    while (queue.length) {
      const id = queue.shift();
      for (const a of document.querySelectorAll(`#${id} .answers a`)) {
        const to = a.getAttribute('href').slice(1);
        if (seen.has(to)) continue;
        seen.set(to, [...seen.get(id), { from: id, href: a.getAttribute('href') }]);
        queue.push(to);
      }
    }
    const outcomes = steps.filter((s) => s.classList.contains('outcome')).map((s) => s.id);
    return { start, outcomes, paths: Object.fromEntries(outcomes.map((o) => [o, seen.get(o)])) };
  });
}

let browser;
let servers = [];

before(async () => {
  browser = await launchBrowser();
  servers = await Promise.all(sites.map((s) => serveStatic(s.out)));
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

test('both sites have pathways whose outcomes all have a source file', () => {
  for (const s of sites) assert.ok(s.pathways.length > 0, `${s.name}: no pathway page`);
});

for (const [i, site] of sites.entries()) {
  for (const url of site.pathways) {
    for (const javaScriptEnabled of [true, false]) {
      describe(`${site.name} ${url}, offline after load, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
        let context, page, requests, errors, atLoad;
        before(async () => {
          context = await browser.newContext({ javaScriptEnabled, serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
          page = await context.newPage();
          ({ requests } = guardRequests(context));
          errors = collectConsoleErrors(page);
          const response = await page.goto(`${servers[i].url}${url}`, { waitUntil: 'load' });
          assert.equal(response?.status(), 200);
          atLoad = requests.length;
          await context.setOffline(true);
        });
        after(() => context?.close());

        test('every outcome is reached, and all of its advice is visible', async () => {
          const { start, outcomes, paths } = await pathsToOutcomes(page);
          assert.ok(outcomes.length > 0, 'no outcome step');
          for (const o of outcomes) {
            assert.ok(paths[o], `#${o} is not reached by any answer`);
            // Back to the first question: a fragment change, no request.
            await page.goto(`${servers[i].url}${url}#${start}`);
            await waitForStep(page, start);
            for (const step of paths[o]) {
              await page.click(`#${step.from} .answers a[href="${step.href}"]`);
              await waitForStep(page, step.href.slice(1));
            }
            const shown = await page.$eval(`#${o}`, (s) => {
              const all = [...s.querySelectorAll('*')];
              const firstContact = s.querySelector('.contacts a');
              return {
                title: s.querySelector('h2').textContent.trim(),
                text: s.innerText,
                body: all.indexOf(s.querySelector('.body')),
                firstContact: firstContact ? all.indexOf(firstContact) : -1,
                noVoice: [...s.querySelectorAll('h3')].some((h) => h.textContent.startsWith('If you cannot speak on the phone')),
              };
            });
            const source = site.byTitle.get(shown.title);
            assert.ok(source, `#${o}: "${shown.title}" is the title of no content/outcomes/*.md`);
            assert.ok(source.advice.length > 0, `${source.id}: no advice read from its source file`);
            const text = squash(shown.text);
            for (const line of source.advice) assert.ok(text.includes(line), `${source.id} (#${o}): the advice "${line}" is not visible`);
            if (source.urgency === 'emergency' || source.urgency === 'urgent') {
              assert.ok(shown.noVoice, `${source.id}: no ways to 999 that need no voice call`);
              assert.ok(shown.firstContact === -1 || shown.body < shown.firstContact, `${source.id}: a service's link comes before the advice`);
            }
          }
          assert.deepEqual(requests.slice(atLoad).filter((u) => !u.startsWith('data:')), [], 'requests after the page loaded');
          errors.assertNone();
        });

        test('"Cannot speak?" in the banner leads to the ways to 999 without a voice', async () => {
          const link = page.locator('.emergency a[href="#no-voice"]');
          assert.match(await link.textContent(), /Cannot speak\?/);
          await link.click();
          const section = await page.$eval('#no-voice', (s) => {
            const r = s.getBoundingClientRect();
            return { inView: r.top < innerHeight && r.bottom > 0, links: s.querySelectorAll('.contacts a, li > a').length, text: s.innerText };
          });
          assert.ok(section.inView, 'the section is not scrolled into view');
          assert.ok(section.links >= 1, 'the section lists no way to 999');
          assert.deepEqual(requests.slice(atLoad).filter((u) => !u.startsWith('data:')), [], 'requests after the page loaded');
        });

        test('no request for /favicon.ico', () => {
          assert.deepEqual(requests.filter((u) => u.endsWith('/favicon.ico')), []);
        });
      });
    }
  }
}
