// The default site served by real hosts' own local servers, as it is
// deployed: Cloudflare's `wrangler pages dev` (which reads _headers as
// Cloudflare Pages does) and Debian's Caddy with `precompressed br gzip`
// (which sends the build's .br and .gz copies). Each must apply what the
// build meant: the _headers rules (and the removal of the
// Access-Control-Allow-Origin: * that Cloudflare adds), the precompressed
// copies decoding to the page, and the service worker installing and
// serving the site offline. scripts/setup installs both servers.

import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { buildSite, collectConsoleErrors, guardRequests, launchBrowser, makeTempDir, repoRoot } from './lib.mjs';

const WRANGLER = path.join(repoRoot, 'node_modules', '.bin', 'wrangler');
// The newest date the workerd binary of the pinned wrangler supports: a
// later one (wrangler's default is today) makes it refuse to start.
const COMPATIBILITY_DATE = '2026-05-01';

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server process and waits until `url` answers. Returns
 * {origin, stop()}; throws with the process's output if it exits or does
 * not answer within `timeoutMs`.
 */
async function startServer(name, cmd, args, { url, env, cwd, timeoutMs = 120_000 }) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM'); // the server and what it started (workerd)
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${name} stopped (${exited}) before answering:\n${output}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return { origin: new URL(url).origin, stop, output: () => output };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The rules of a _headers file: [{pattern, headers: [[name, value]], detach: [name]}]. */
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      rules.push({ pattern: line, headers: [], detach: [] });
      continue;
    }
    const l = line.trim();
    const rule = rules.at(-1);
    if (l.startsWith('!')) rule.detach.push(l.slice(1).trim().toLowerCase());
    else {
      const i = l.indexOf(':');
      rule.headers.push([l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()]);
    }
  }
  return rules;
}

function matches(pattern, url) {
  return pattern.endsWith('*') ? url.startsWith(pattern.slice(0, -1)) : url === pattern;
}

/**
 * Installs the worker with one visit online, then checks with the network
 * off that pages (one never opened too) come from the worker.
 */
async function checkOffline(origin) {
  const browser = await launchBrowser();
  try {
    const { context, page } = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const errors = collectConsoleErrors(page);
    const requests = guardRequests(context, origin);
    const encodings = new Set();
    context.on('response', (res) => {
      const enc = res.headers()['content-encoding'];
      if (enc) encodings.add(enc);
    });
    const res = await page.goto(`${origin}/`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await context.setOffline(true);
    for (const url of ['/', '/pathways/mental-health-crisis/', '/about/privacy/', '/no/such/page/']) {
      const r = await page.goto(`${origin}${url}`);
      assert.equal(r.status(), 200, `${url} offline`);
      assert.ok(r.fromServiceWorker(), `${url} offline did not come from the worker`);
      assert.equal(await page.locator('.emergency').count(), 1, `${url} offline has no emergency banner`);
    }
    assert.equal(await page.locator('h1').textContent(), 'You are offline');
    await context.setOffline(false);
    requests.assertLocalOnly();
    errors.assertNone();
    return encodings;
  } finally {
    await browser.close();
  }
}

let site; // the built default site, shared by both servers
before(async () => {
  site = await buildSite();
});

describe('Cloudflare Pages local server (wrangler pages dev)', () => {
  let server;

  before(async () => {
    assert.ok(fs.existsSync(WRANGLER), `${WRANGLER} is missing: run scripts/setup (npm ci)`);
    const port = await freePort();
    const work = makeTempDir('signpost-wrangler-');
    server = await startServer(
      'wrangler pages dev',
      WRANGLER,
      ['pages', 'dev', site, '--ip', '127.0.0.1', '--port', String(port), '--compatibility-date', COMPATIBILITY_DATE,
        '--persist-to', path.join(work, 'state'), '--log-level', 'warn'],
      {
        url: `http://127.0.0.1:${port}/`,
        cwd: work,
        // Local only: no telemetry, no update check, no prompts, its files in work.
        env: {
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_SEND_ERROR_REPORTS: 'false',
          CI: 'true',
          NO_UPDATE_NOTIFIER: '1',
          WRANGLER_LOG_PATH: path.join(work, 'logs'),
          XDG_CONFIG_HOME: path.join(work, 'config'),
        },
      },
    );
  });

  after(() => server?.stop());

  test('every _headers rule is applied, and Access-Control-Allow-Origin is removed', async () => {
    const rules = parseHeaders(fs.readFileSync(path.join(site, '_headers'), 'utf8'));
    assert.ok(rules.some((r) => r.pattern === '/*' && r.detach.includes('access-control-allow-origin')), 'the /* rule detaches Access-Control-Allow-Origin');
    const asset = fs.readdirSync(path.join(site, 'assets')).find((f) => f.endsWith('.svg'));
    const urls = ['/', '/pathways/mental-health-crisis/', '/about/privacy/', '/sw.js', '/manifest.webmanifest', `/assets/${asset}`, '/services/finder.json'];
    for (const url of urls) {
      const res = await fetch(`${server.origin}${url}`);
      await res.arrayBuffer();
      assert.equal(res.status, 200, url);
      const want = rules.filter((r) => matches(r.pattern, url));
      assert.ok(want.length >= 2, `${url}: the security rule and a caching rule`);
      for (const rule of want) {
        for (const [name, value] of rule.headers) {
          assert.equal(res.headers.get(name), value, `${url}: ${name} (rule ${rule.pattern})`);
        }
      }
      assert.equal(res.headers.get('access-control-allow-origin'), null, `${url}: Access-Control-Allow-Origin is still sent`);
    }
  });

  test('an unknown URL gets 404.html with status 404', async () => {
    const res = await fetch(`${server.origin}/no/such/page/`);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), fs.readFileSync(path.join(site, '404.html'), 'utf8'));
  });

  test('the service worker installs and the site works offline', async () => {
    await checkOffline(server.origin);
  });
});

describe('Caddy with precompressed br gzip', () => {
  let server;

  before(async () => {
    try {
      execFileSync('caddy', ['version']);
    } catch {
      assert.fail('caddy is missing: run scripts/setup (apt-get install caddy)');
    }
    const port = await freePort();
    const work = makeTempDir('signpost-caddy-');
    const conf = path.join(work, 'Caddyfile');
    fs.writeFileSync(
      conf,
      `{\n\tadmin off\n\tauto_https off\n}\nhttp://127.0.0.1:${port} {\n\troot * ${site}\n\tfile_server {\n\t\tprecompressed br gzip\n\t}\n}\n`,
    );
    server = await startServer('caddy', 'caddy', ['run', '--config', conf, '--adapter', 'caddyfile'], {
      url: `http://127.0.0.1:${port}/`,
      cwd: work,
      env: { HOME: work, XDG_DATA_HOME: path.join(work, 'data'), XDG_CONFIG_HOME: path.join(work, 'config') },
    });
  });

  after(() => server?.stop());

  test('the .br and .gz copies are served and decode to the files', async () => {
    const files = ['index.html', 'pathways/mental-health-crisis/index.html', 'about/privacy/index.html', 'sw.js', 'services/finder.json'];
    const css = fs.readdirSync(path.join(site, 'assets')).filter((f) => f.endsWith('.css') || f.endsWith('.js'));
    files.push(...css.map((f) => `assets/${f}`));
    for (const file of files) {
      const url = `${server.origin}/${file.replace(/index\.html$/, '')}`;
      const plain = fs.readFileSync(path.join(site, file));
      for (const [accept, enc, suffix, decode] of [
        ['br, gzip', 'br', '.br', zlib.brotliDecompressSync],
        ['gzip', 'gzip', '.gz', zlib.gunzipSync],
        ['identity', null, '', (b) => b],
      ]) {
        // node's fetch would decode the body itself: ask with http.get.
        const { headers, body } = await rawGet(url, accept);
        assert.equal(headers['content-encoding'] ?? null, enc, `${file} with Accept-Encoding: ${accept}`);
        assert.ok(body.equals(fs.readFileSync(path.join(site, file + suffix))), `${file}: the body is not ${file}${suffix}`);
        assert.ok(decode(body).equals(plain), `${file}${suffix} does not decode to ${file}`);
      }
    }
  });

  test('the service worker installs and the site works offline', async () => {
    const encodings = await checkOffline(server.origin);
    assert.ok(encodings.has('br') || encodings.has('gzip'), `Chromium got no precompressed file: ${[...encodings]}`);
  });
});

/** GET url with an Accept-Encoding, without decoding: {status, headers, body}. */
async function rawGet(url, acceptEncoding) {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
