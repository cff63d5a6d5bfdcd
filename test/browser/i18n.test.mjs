// The pseudo-locale test for the built-in scripts: the default site built
// with a catalog that marks every text ⟦...⟧ (`signpost i18n --pseudo` as
// its i18n/en-GB.toml). After each script has written to the page (the
// pathway's trail, title and announcement, open-now, the finder's
// messages and results, the service worker's update notice), every text
// and reader-facing attribute must be marked or come from the site's own
// content files: a word a script holds in its source shows unmarked.
// (internal/build's TestPseudoLocale checks the built HTML the same way.)

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { buildSite, copySite, launchBrowser, serveStatic, signpostBinary } from './lib.mjs';

const execFileP = promisify(execFile);

let server;
let browser;
let corpus;

// The words of the site's own content files, whitespace collapsed.
function contentCorpus(src) {
  const parts = [fs.readFileSync(path.join(src, 'site.toml'), 'utf8')];
  for (const dir of ['content', 'pathways']) {
    for (const e of fs.readdirSync(path.join(src, dir), { recursive: true, withFileTypes: true })) {
      if (e.isFile()) parts.push(fs.readFileSync(path.join(e.parentPath ?? e.path, e.name), 'utf8'));
    }
  }
  return parts.join('\n').replaceAll('\\"', '"').split(/\s+/).join(' ');
}

// The runs of s outside the marks (which nest).
function unmarkedRuns(s) {
  const runs = [];
  let cur = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '⟦') {
      if (depth === 0 && cur) runs.push(cur);
      cur = '';
      depth++;
    } else if (ch === '⟧') depth--;
    else if (depth === 0) cur += ch;
  }
  if (cur) runs.push(cur);
  return runs;
}

// Every text a reader sees or hears on the page now, with where it is.
function readerTexts(page) {
  return page.evaluate(() => {
    const out = [['title', document.title]];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walk.currentNode; n; n = walk.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (!n.parentElement.closest('script,style')) out.push(['text', n.data]);
        continue;
      }
      for (const a of ['alt', 'title', 'aria-label', 'placeholder', 'value']) {
        if (n.hasAttribute(a)) out.push([a, n.getAttribute(a)]);
      }
    }
    return out;
  });
}

async function assertMarked(page, where) {
  const bad = [];
  for (const [what, text] of await readerTexts(page)) {
    for (let run of unmarkedRuns(text)) {
      run = run.split(/\s+/).join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (/\p{L}/u.test(run) && !corpus.includes(run)) bad.push(`${what} "${run}"`);
    }
  }
  assert.deepEqual(bad, [], `${where}: words neither from the catalog nor from the content`);
}

before(async () => {
  const src = copySite();
  const bin = await signpostBinary();
  const { stdout } = await execFileP(bin, ['i18n', '--pseudo']);
  fs.mkdirSync(path.join(src, 'i18n'));
  fs.writeFileSync(path.join(src, 'i18n', 'en-GB.toml'), stdout);
  corpus = contentCorpus(src);
  server = await serveStatic(await buildSite({ source: src }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the pathway script, open-now and the update notice show only the catalog\'s words', async () => {
  const { context, page } = await browser.newPage();
  await page.goto(`${server.url}/pathways/mental-health-crisis/`);
  await page.waitForLoadState('load');
  // Answer until an outcome: the last answer of each question, then the first.
  for (let i = 0; i < 12; i++) {
    const step = page.locator('.pathway > .step:not([hidden])');
    if (await step.evaluate((s) => s.matches('.outcome'))) break;
    await step.locator('.answers a').last().click();
  }
  assert.ok(await page.locator('.pathway > .step.outcome:not([hidden])').count(), 'no outcome reached');
  assert.match(await page.title(), /^⟦/, 'the document title names the step with the catalog\'s words');
  assert.match(await page.locator('#pw-trail').textContent(), /⟦/, 'the answer trail has the catalog\'s "Change"');
  assert.match(await page.locator('#pw-say').textContent(), /⟦/);
  const statuses = await page.locator('.status.open, .status.closed').allInnerTexts();
  assert.ok(statuses.length > 0 && statuses.every((s) => s.startsWith('⟦')), `open-now wrote ${JSON.stringify(statuses)}`);
  // The update notice, as the service worker's message makes it.
  await page.evaluate(() => navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'updated' } })));
  await page.locator('#updated a').waitFor();
  assert.match(await page.locator('#updated').innerText(), /^⟦.*⟧ ⟦.*⟧$/);
  await assertMarked(page, 'pathway page');
  await context.close();
});

test('the finder shows only the catalog\'s words', async () => {
  const { context, page } = await browser.newPage();
  await page.goto(`${server.url}/services/`);
  await page.waitForLoadState('load');
  const input = page.locator('#finder-postcode');
  const submit = page.locator('#finder-form button');
  for (const [postcode, shows] of [['not a postcode', '#finder-error'], ['', '#finder-error'], ['LS', '#finder-results .hint'], ['LS6 1AA', '#finder-local'], ['ZE1 0AA', '#finder-local']]) {
    await input.fill(postcode);
    await submit.click();
    await page.locator(`${shows}:not([hidden])`).first().waitFor();
    await page.waitForFunction(() => document.getElementById('finder-status').textContent || document.getElementById('finder-error').textContent);
    await assertMarked(page, `the finder, after "${postcode}"`);
  }
  assert.match(await page.locator('#finder-status').innerText(), /^⟦/);
  await context.close();
});
