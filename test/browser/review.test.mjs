// The review pack (`signpost review`): one self-contained, printable HTML
// document per pathway. Checked with the Nu Html Checker and axe-core (zero
// errors, zero violations), printed to PDF by Chromium without error, with
// no script and no request but its own, and byte-for-byte the same when
// made twice with the same SOURCE_DATE_EPOCH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import {
  repoRoot, makeTempDir, signpostBinary, serveStatic, launchBrowser, runAxe, formatViolations,
} from './lib.mjs';

const execFileP = promisify(execFile);

async function makePacks() {
  const bin = await signpostBinary();
  const out = makeTempDir('signpost-review-');
  await execFileP(bin, ['review', '-s', repoRoot, '-d', out], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1764720000' },
  });
  return out;
}

test('review pack: vnu, axe, print to PDF, no script, reproducible', async (t) => {
  const out = await makePacks();
  const file = path.join(out, 'mental-health-crisis.html');
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(!/<script/i.test(html), 'the pack has a script');
  assert.match(html, /sha256:[0-9a-f]{64}/, 'the pack names its content hash');
  assert.match(html, /3 December 2025/, 'the date generated comes from SOURCE_DATE_EPOCH');
  const again = fs.readFileSync(path.join(await makePacks(), 'mental-health-crisis.html'), 'utf8');
  assert.equal(again, html, 'two packs of the same content and SOURCE_DATE_EPOCH differ');

  const jar = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  let messages = [];
  try {
    await execFileP('java', ['-jar', jar, '--errors-only', '--format', 'json', file], { maxBuffer: 16 << 20 });
  } catch (err) {
    messages = JSON.parse(err.stderr).messages;
  }
  assert.deepEqual(messages.map((m) => `${m.lastLine}: ${m.message}`), [], 'vnu errors');

  const server = await serveStatic(out);
  const b = await launchBrowser();
  try {
    const { page } = await b.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/mental-health-crisis.html`);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.length > 10_000 && pdf.subarray(0, 5).toString() === '%PDF-', `not a PDF (${pdf.length} bytes)`);
    t.diagnostic(`PDF ${pdf.length} bytes`);
    assert.deepEqual(requests, [`${server.url}/mental-health-crisis.html`], 'the pack loaded something besides itself');
  } finally {
    await b.close();
    await server.close();
  }
});
