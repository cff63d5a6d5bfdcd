// Shared harness for signpost's browser tests.
//
// The tests run under Node's own test runner (`npm run test:browser`, which is
// `node --test --test-concurrency=1 test/browser/`) and drive Debian's
// /usr/bin/chromium through playwright-core. Nothing here downloads anything:
// not a browser, not a script from a CDN. Every helper cleans up after itself
// (temp dirs are removed when the test process exits; servers and browsers are
// closed by the tests, usually in `after()`).
//
// The pieces:
//   buildSite({source, drafts})      -> output dir of a fresh `signpost build`
//   copySite(from)                   -> temp copy of a site's sources (default site)
//   serveStatic(dir)                 -> {url, origin, port, root, requests, setRoot, close}
//   launchBrowser({javaScriptEnabled, offline, ...}) -> {browser, newContext, newPage, close}
//   guardRequests(pageOrContext, allowedOrigin) -> {requests, offenders, assertLocalOnly}
//   collectConsoleErrors(page)       -> {errors, assertNone}
//   runAxe(page, options)            -> axe violations ([] when clean)
//   formatViolations(violations)     -> readable multi-line string
//   listPages(outDir)                -> ['/', '/about/privacy/', ...]
//   throttleNetwork(page, conditions) -> CDP network emulation for one page
//   saveScreenshot(page, name)       -> path of a PNG under test-results/
//   waitForPage(page, fn, arg, opts) -> waits for an async page function (caches, ...)
//
// See home.test.mjs for a test that uses all of them.

import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);

/** The repository root, found from this file (test/browser/lib.mjs). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where Debian's chromium package puts the browser; CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// ---------------------------------------------------------------------------
// Temp dirs: every one made here is removed when this process exits.

const tempDirs = new Set();

/** A fresh, empty temp dir, removed when the test process exits. */
export function makeTempDir(prefix = 'signpost-browser-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

process.on('exit', () => {
  for (const dir of tempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort: a dir still in use by a dying browser is left behind
    }
  }
});

// ---------------------------------------------------------------------------
// Building sites

// `node --test` runs every test file in its own child process, so a plain
// module-level cache would rebuild the binary once per file. Under the test
// runner (NODE_TEST_CONTEXT is set in its children) the binary is shared
// through a temp dir named after the runner process (pid and start time, so a
// reused pid never finds an old binary); a plain `node file.mjs` builds its
// own. SIGNPOST_BIN=/path/to/signpost skips the build entirely.
const RUN_DIR_PREFIX = 'signpost-browser-run-';
let binaryPromise;

/** Path of the signpost binary for this test run, built on first use. */
export function signpostBinary() {
  binaryPromise ??= resolveBinary();
  return binaryPromise;
}

async function resolveBinary() {
  if (process.env.SIGNPOST_BIN) return process.env.SIGNPOST_BIN;

  let dir;
  if (process.env.NODE_TEST_CONTEXT) {
    removeStaleRunDirs();
    dir = path.join(os.tmpdir(), runDirName(process.ppid));
    fs.mkdirSync(dir, { recursive: true });
  } else {
    dir = makeTempDir('signpost-browser-bin-');
  }
  const bin = path.join(dir, 'signpost');
  if (fs.existsSync(bin)) return bin;

  // Build beside the final name and rename, so a concurrent test file never
  // sees a half-written binary.
  const partial = `${bin}.${process.pid}.partial`;
  try {
    await execFileP('go', ['build', '-o', partial, './cmd/signpost'], {
      cwd: repoRoot,
      maxBuffer: 16 << 20,
    });
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new Error(
      `go build ./cmd/signpost failed (exit ${err.code}):\n${err.stderr || err.message}`,
    );
  }
  fs.renameSync(partial, bin);
  return bin;
}

// 'signpost-browser-run-<pid>-<start time>' for a live process; the start
// time (clock ticks since boot, field 22 of /proc/<pid>/stat) is '' where
// there is no /proc, or once the process is gone.
function runDirName(pid) {
  let started = '';
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    // no /proc (not Linux) or no such process
  }
  return `${RUN_DIR_PREFIX}${pid}-${started}`;
}

// Removes the run dirs of test runners that have exited (or whose pid now
// belongs to another process).
function removeStaleRunDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const pid = Number.parseInt(name.slice(RUN_DIR_PREFIX.length), 10);
    if (Number.isInteger(pid) && pid > 0 && name === runDirName(pid)) continue;
    fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * Builds a site with `signpost build` into a fresh temp dir and returns the
 * output dir. `source` defaults to the repo root (the built-in default site).
 * `drafts: true` passes --drafts. Throws with the build's stderr on failure.
 */
export async function buildSite({ source = repoRoot, drafts = false, args = [] } = {}) {
  const bin = await signpostBinary();
  const out = path.join(makeTempDir('signpost-browser-site-'), 'public');
  const argv = ['build', '-s', source, '-d', out, ...(drafts ? ['--drafts'] : []), ...args];
  try {
    await execFileP(bin, argv, { cwd: repoRoot, maxBuffer: 16 << 20 });
  } catch (err) {
    throw new Error(
      `signpost ${argv.join(' ')} failed (exit ${err.code}):\n${err.stderr || err.message}`,
    );
  }
  return out;
}

/**
 * The precache list of a built site: sw-manifest.json and its chunks, as
 * { version, chunks, files: [[url, hash], ...] } in download order.
 */
export function manifestOf(outDir) {
  const top = JSON.parse(fs.readFileSync(path.join(outDir, 'sw-manifest.json'), 'utf8'));
  const files = [];
  for (const c of top.chunks) {
    for (const [url, hash, prio] of JSON.parse(fs.readFileSync(path.join(outDir, c), 'utf8'))) files.push([url, hash, prio]);
  }
  files.sort((a, b) => a[2] - b[2] || (a[0] < b[0] ? -1 : 1));
  return { version: top.version, chunks: top.chunks, files: files.map(([u, h]) => [u, h]) };
}

/**
 * Copies a site's sources (whichever of site.toml, content, pathways, assets
 * and layouts exist) from `from` (default: the repo root, the built-in
 * default site) into a fresh temp dir and returns that dir. For tests that
 * edit a site, or want it as it was at one moment.
 */
export function copySite(from = repoRoot) {
  const dir = makeTempDir('signpost-site-src-');
  for (const name of ['site.toml', 'content', 'pathways', 'assets', 'layouts']) {
    const src = path.join(from, name);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, name), { recursive: true });
  }
  return dir;
}

/**
 * Every page of a built site: each index.html under outDir as a URL path
 * ('/', '/about/privacy/', ...), sorted.
 */
export function listPages(outDir) {
  const pages = [];
  for (const entry of fs.readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    // entry.parentPath is Node >= 20.12; entry.path is the older name.
    const rel = path.relative(outDir, entry.parentPath ?? entry.path);
    pages.push(rel === '' ? '/' : `/${rel.split(path.sep).join('/')}/`);
  }
  return pages.sort();
}

// ---------------------------------------------------------------------------
// Serving built sites

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The Content-Type the test server sends for a file name. */
export function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `dir` on http://127.0.0.1:<random port>, as a plain static host:
 * `/a/b/` serves `/a/b/index.html`, `/a/b` redirects to `/a/b/` when that is
 * a folder, a missing file serves `404.html` (status 404) when the site has
 * one, and nothing outside `dir` is ever served. Every response says
 * `Cache-Control: no-cache`, so the browser revalidates instead of guessing.
 *
 * Returns:
 *   url, origin   'http://127.0.0.1:PORT' (no trailing slash: url + '/about/')
 *   port
 *   root          the dir being served now
 *   requests      [{method, path, status, bytes}] of every request answered
 *                 (bytes: status line, headers and body as sent)
 *
 * With { mount: '/mysite/' } the site is served under that path, as GitHub
 * Pages serves a project site: `/mysite/about/` is `dir/about/index.html`,
 * its 404.html answers unknown paths under it, and every path outside it
 * is a plain 404 (recorded in requests like any other).
 *
 * With { cdn: true } it answers as a CDN does: an ETag on every file and
 * 304 for a matching If-None-Match, and text compressed with gzip when the
 * request accepts it, so that bytes counts what crosses the wire.
 *   setRoot(dir)  serve another dir from now on (deploy / update tests)
 *   close()       stops the server, dropping keep-alive connections
 */
export async function serveStatic(dir, { cdn = false, mount = '/' } = {}) {
  let root = path.resolve(dir);
  const requests = [];

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${err.stack}\n`);
      else res.destroy();
    });
  });

  async function handle(req, res) {
    const record = { method: req.method, path: req.url, status: 0, bytes: 0 };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    if (cdn) {
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      const count = (chunk) => {
        if (chunk && typeof chunk !== 'function') record.bytes += Buffer.byteLength(chunk);
      };
      res.write = (chunk, ...rest) => (count(chunk), write(chunk, ...rest));
      res.end = (chunk, ...rest) => {
        count(chunk);
        // The status line and headers, as Node writes them.
        record.bytes += Buffer.byteLength(res._header || '');
        return end(chunk, ...rest);
      };
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', req);
    }

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad request\n', req);
    }
    if (pathname.includes('\0') || pathname.includes('\\')) {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad request\n', req);
    }

    const servedRoot = root;
    const normal = path.posix.normalize(pathname);
    if (`${normal}/` === mount) {
      res.setHeader('Location', mount);
      return send(res, 301, 'text/plain; charset=utf-8', 'moved\n', req);
    }
    if (!normal.startsWith(mount)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', req);
    let file = path.resolve(servedRoot, `./${normal.slice(mount.length)}`);
    if (!(await isInside(servedRoot, file))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden\n', req);
    }
    let stat = await statOrNull(file);
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const search = new URL(req.url, 'http://127.0.0.1').search;
        res.setHeader('Location', `${pathname}/${search}`);
        return send(res, 301, 'text/plain; charset=utf-8', 'moved\n', req);
      }
      file = path.join(file, 'index.html');
      stat = await statOrNull(file);
    }
    if (stat?.isFile() && (await isInside(servedRoot, file))) {
      const body = await fsp.readFile(file);
      if (cdn) return sendCDN(res, contentTypeFor(file), body, req);
      return send(res, 200, contentTypeFor(file), body, req);
    }

    const notFound = path.join(servedRoot, '404.html');
    if ((await statOrNull(notFound))?.isFile()) {
      return send(res, 404, 'text/html; charset=utf-8', await fsp.readFile(notFound), req);
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', req);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    origin,
    port,
    get root() {
      return root;
    },
    requests,
    setRoot(newDir) {
      root = path.resolve(newDir);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(res, status, type, body, req) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req?.method === 'HEAD' ? undefined : body);
}

// sendCDN answers as a CDN does: ETag and 304, gzip for text.
function sendCDN(res, type, body, req) {
  const etag = `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  const headers = { 'Content-Type': type, ETag: etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  let data = body;
  if (/^(text\/|application\/(json|javascript|manifest\+json)|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    data = zlib.gzipSync(body, { level: 6 });
    headers['Content-Encoding'] = 'gzip';
    headers.Vary = 'Accept-Encoding';
  }
  headers['Content-Length'] = data.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : data);
}

async function statOrNull(file) {
  try {
    return await fsp.stat(file);
  } catch {
    return null;
  }
}

// True when `file` is `root` or below it, both lexically and after symlinks
// are resolved (a symlink in a built site must not lead out of it).
async function isInside(root, file) {
  const within = (r, f) => f === r || f.startsWith(r + path.sep);
  if (!within(root, file)) return false;
  try {
    return within(await fsp.realpath(root), await fsp.realpath(file));
  } catch {
    return true; // does not exist: lexically inside, and nothing to follow
  }
}

// ---------------------------------------------------------------------------
// Browser

// Contexts made by launchBrowser with javaScriptEnabled: false, so runAxe
// knows to use its no-JS mode on their pages.
const scriptlessContexts = new WeakSet();

// --disable-background-networking and friends keep Chromium from calling
// Google's hosts at start-up (this machine has no internet, and a guard on
// requests must only ever see the page's own traffic).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts headless Chromium and returns a factory of isolated contexts.
 *
 * On a fresh profile: Playwright's `chromium.launch()` makes a brand-new temp
 * profile (`--user-data-dir=$TMPDIR/playwright_chromiumdev_profile-XXXX`) for
 * every launch and deletes it on close; it refuses a `--user-data-dir` in
 * `args`. On top of that, every `newContext()` is a separate off-the-record
 * browser context: no cookies, cache, storage or service workers shared with
 * any other context. So each context starts as a first-time visitor, and two
 * contexts of one browser are two strangers; that is what the tests want.
 *
 * Options (defaults for every context; each newContext/newPage can override
 * any Playwright context option):
 *   javaScriptEnabled  true
 *   offline            false  (Playwright's emulation; also applies to
 *                             service workers' fetches in Chromium)
 *   contextOptions     any other Playwright context options
 *   ignoreDefaultArgs  Playwright's launch option: e.g.
 *                      ['--disable-back-forward-cache'] to have the
 *                      back-forward cache, as a phone's browser does
 *
 * Returns {browser, newContext(opts), newPage(opts) -> {context, page},
 * close()}. close() closes every context it made.
 */
export async function launchBrowser({ javaScriptEnabled = true, offline = false, contextOptions = {}, ignoreDefaultArgs } = {}) {
  const defaults = {
    javaScriptEnabled,
    offline,
    serviceWorkers: 'allow',
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    ...contextOptions,
  };
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, ignoreDefaultArgs });
  const newContext = async (options = {}) => {
    const merged = { ...defaults, ...options };
    const context = await browser.newContext(merged);
    if (!merged.javaScriptEnabled) scriptlessContexts.add(context);
    return context;
  };
  return {
    browser,
    newContext,
    async newPage(options = {}) {
      const context = await newContext(options);
      return { context, page: await context.newPage() };
    },
    close: () => browser.close(),
  };
}

/**
 * Network conditions for one page through the DevTools protocol, e.g.
 *   throttleNetwork(page, {latencyMs: 400, downloadKbps: 400, uploadKbps: 400})
 * (Chrome's "Slow 3G" is about that). Returns the CDP session; call with no
 * conditions, or {offline: false, latencyMs: 0}, to stop throttling.
 */
export async function throttleNetwork(
  page,
  { offline = false, latencyMs = 0, downloadKbps = -1, uploadKbps = -1 } = {},
) {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  const bytesPerSecond = (kbps) => (kbps < 0 ? -1 : (kbps * 1000) / 8);
  await session.send('Network.emulateNetworkConditions', {
    offline,
    latency: latencyMs,
    downloadThroughput: bytesPerSecond(downloadKbps),
    uploadThroughput: bytesPerSecond(uploadKbps),
  });
  return session;
}

/** Saves a full-page PNG under test-results/ (git-ignored); returns its path. */
export async function saveScreenshot(page, name) {
  const dir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------
// Guards and collectors: attach before navigating, assert after.

const ALWAYS_ALLOWED_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/**
 * Records every request made by `target` (a page, or better a context: a
 * context also sees its service workers' requests and every page it opens).
 * Allowed: `allowedOrigin` if given (e.g. server.origin), otherwise any
 * http(s) URL on 127.0.0.1; data:, blob: and about: URLs always.
 *
 * Returns {requests, offenders(), assertLocalOnly()}: `requests` is every URL
 * seen, in order; assertLocalOnly() throws listing each offending URL.
 */
export function guardRequests(target, allowedOrigin) {
  const requests = [];
  target.on('request', (request) => requests.push(request.url()));

  const allowed = (url) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (ALWAYS_ALLOWED_SCHEMES.has(parsed.protocol)) return true;
    if (allowedOrigin) return parsed.origin === new URL(allowedOrigin).origin;
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname === '127.0.0.1';
  };
  const offenders = () => [...new Set(requests.filter((url) => !allowed(url)))];

  return {
    requests,
    offenders,
    assertLocalOnly() {
      const bad = offenders();
      if (bad.length > 0) {
        throw new Error(
          `${bad.length} request(s) left ${allowedOrigin ?? '127.0.0.1'} (a triage page must not call out):\n` +
            bad.map((url) => `  - ${url}`).join('\n'),
        );
      }
    },
  };
}

/**
 * Collects console.error messages and uncaught page errors of `page`.
 * Returns {errors, assertNone({ignore})}: errors are strings ('console.error:
 * ...' or 'pageerror: ...', with the source location where Chromium gives
 * one); ignore, a RegExp, leaves out the errors it matches.
 */
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    const where = url ? ` (${url}${lineNumber >= 0 ? `:${lineNumber + 1}` : ''})` : '';
    errors.push(`console.error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message}`));
  return {
    errors,
    assertNone({ ignore } = {}) {
      const left = ignore ? errors.filter((e) => !ignore.test(e)) : errors;
      if (left.length > 0) {
        throw new Error(`${left.length} console error(s):\n${left.map((e) => `  - ${e}`).join('\n')}`);
      }
    },
  };
}

/**
 * Waits until `fn(arg)`, run in the page, resolves to a truthy value, and
 * returns that value. For checks that need a promise (the Cache API, the
 * service worker): page.waitForFunction does not await one, and a promise
 * is truthy, so it returns at once whatever the check would find.
 */
export async function waitForPage(page, fn, arg, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitForPage: ${fn.toString().slice(0, 160)} was still false after ${timeout} ms`);
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

/**
 * Waits until pathway step `id` is the one step shown on `page`. A click on
 * an answer link changes the fragment at once, but with JavaScript on, the
 * step (with the title, focus and live region) changes in the script's
 * hashchange handler, a task later: a test that reads the page straight
 * after page.click can see the new fragment and the old step.
 */
export async function waitForStep(page, id, timeout = 10_000) {
  try {
    await page.waitForFunction(
      (id) => {
        const shown = [...document.querySelectorAll('.pathway > .step')].filter((s) => s.getClientRects().length > 0);
        return shown.length === 1 && shown[0].id === id;
      },
      id,
      { timeout },
    );
  } catch (err) {
    const shown = await page.$$eval('.pathway > .step', (ss) => ss.filter((s) => s.getClientRects().length > 0).map((s) => s.id));
    throw new Error(`step #${id} was not the one shown within ${timeout} ms: shown ${JSON.stringify(shown)}, fragment ${await page.evaluate(() => location.hash || '(none)')}`, { cause: err });
  }
}

// ---------------------------------------------------------------------------
// Accessibility

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSource;

/**
 * Runs axe-core on the page as it is now and returns its violations ([] when
 * clean). axe comes from node_modules/axe-core/axe.min.js, never a CDN, and
 * runs with the WCAG 2.0/2.1/2.2 A and AA rules (AXE_TAGS).
 *
 * How it is injected: through `page.evaluate(source)` (the DevTools protocol)
 * rather than `page.addScriptTag({content})`. A script tag does not run at all
 * in a context with javaScriptEnabled: false (the no-JS pathway tests), is
 * refused by a Content-Security-Policy without 'unsafe-inline' (and that
 * refusal is a console error that would fail the console check), and adds a
 * node to the DOM under test. The protocol path has none of those effects.
 *
 * Pages with JavaScript disabled: Chromium still evaluates DevTools code
 * there, but never fires timers, MutationObserver or MessageChannel callbacks
 * (only promise reactions run), and axe schedules its work with those. So on
 * such a page (a context launchBrowser made with javaScriptEnabled: false)
 * runAxe first swaps in a setTimeout that
 * runs zero-delay callbacks as promise reactions and drops the delayed ones
 * (in axe those are only give-up timeouts), hides MutationObserver, and skips
 * iframes (axe talks to frames by postMessage). The page's own scripts do not
 * run in that mode, so nothing but axe sees the swap; it is undone afterwards.
 *
 * Options: `context` narrows what axe checks (axe's context argument, e.g.
 * {exclude: [['#some-widget']]}); `rules` is passed to axe.run (e.g.
 * {'color-contrast': {enabled: false}}); `timeoutMs` (default 60000) fails a
 * run that never finishes instead of hanging the test.
 */
export async function runAxe(page, { context, rules, timeoutMs = 60_000 } = {}) {
  axeSource ??= await fsp.readFile(
    path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'),
    'utf8',
  );
  const scriptless = scriptlessContexts.has(page.context());

  if (scriptless) {
    await page.evaluate(() => {
      if (window.__signpostAxeSaved) return;
      window.__signpostAxeSaved = {
        setTimeout: window.setTimeout,
        clearTimeout: window.clearTimeout,
        MutationObserver: window.MutationObserver,
        WebKitMutationObserver: window.WebKitMutationObserver,
      };
      window.setTimeout = (fn, ms, ...args) => {
        if (!(ms > 0)) Promise.resolve().then(() => fn(...args));
        return 0;
      };
      window.clearTimeout = () => {};
      window.MutationObserver = undefined;
      window.WebKitMutationObserver = undefined;
    });
  }

  const present = () => page.evaluate(() => typeof window.axe?.run === 'function');
  if (!(await present())) {
    await page.evaluate(axeSource);
    if (!(await present())) {
      throw new Error(`axe-core could not be injected into ${page.url()}`);
    }
  }

  let timer;
  try {
    const run = page.evaluate(
      async ({ context, options }) => window.axe.run(context ?? document, options),
      {
        context,
        options: {
          runOnly: { type: 'tag', values: AXE_TAGS },
          resultTypes: ['violations'],
          ...(rules ? { rules } : {}),
          ...(scriptless ? { iframes: false } : {}),
        },
      },
    );
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`axe did not finish on ${page.url()} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const results = await Promise.race([run, timeout]);
    return results.violations;
  } finally {
    clearTimeout(timer);
    if (scriptless) {
      await page.evaluate(() => {
        Object.assign(window, window.__signpostAxeSaved);
        delete window.__signpostAxeSaved;
      });
    }
  }
}

/** A readable report of axe violations: rule, impact, help and targets. */
export function formatViolations(violations) {
  if (violations.length === 0) return 'no accessibility violations';
  return violations
    .map((v) => {
      const targets = v.nodes
        .map((n) => `    at ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `- ${v.id} [${v.impact}] ${v.help}\n    ${v.helpUrl}\n${targets}`;
    })
    .join('\n');
}

/**
 * An outcome as its source file says it: { title, advice }, where advice is
 * the plain text of each paragraph, list item and heading of the Markdown
 * body (emphasis and link targets removed, spaces collapsed), so a test can
 * assert that every word of the advice is on the page.
 */
export function outcomeSource(siteDir, id) {
  const src = fs.readFileSync(path.join(siteDir, 'content', 'outcomes', `${id}.md`), 'utf8');
  const [, front, body] = /^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/.exec(src);
  const title = /^title\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(front)[1].replace(/\\(.)/g, '$1');
  const advice = body
    .split(/\n\s*\n/)
    .flatMap((block) => block.split(/\n(?=\s*(?:[-*]|\d+\.)\s)/))
    .map((s) =>
      s
        .replace(/^\s*(?:#{1,6}|[-*]|\d+\.)\s+/, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*_`]/g, '')
        .replace(/\\(.)/g, '$1')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  return { title, advice };
}

/** Collapses runs of white space, as outcomeSource does, for comparing text. */
export function squash(text) {
  return text.replace(/\s+/g, ' ').trim();
}
