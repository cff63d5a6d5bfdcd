// Cheap phones on slow networks: first contentful paint (FCP) of the home
// page and of a pathway page of the default site, against the physical
// floor, under two network profiles. A benchmark that PRINTS a table, not a
// pass/fail timing test (timings on a shared machine are noisy; the byte
// budgets, which decide most of this, are hard failures in the build).
//
//   node test/browser/network.bench.mjs            3 runs per cell, median
//   node test/browser/network.bench.mjs --runs 5
//   SIGNPOST_SITE=/path/to/site node test/browser/network.bench.mjs
//
// It is named *.bench.mjs so that `node --test test/browser/` (the test
// command) does not run it: run it by hand, or from CI as a report.
//
// Conditions, in Chromium through the DevTools protocol, for every load:
//   Network.emulateNetworkConditions  2G: 800 ms latency, 50 kbit/s down and
//                                     up; Slow 4G: 150 ms, 1.6 Mbit/s down,
//                                     750 kbit/s up (Lighthouse's figures)
//   Network.setCacheDisabled          true: every load is a first visit
//   Emulation.setCPUThrottlingRate    4 (a cheap phone)
//   service workers blocked           (a first visit has none)
//
// The server sends what a production host sends for this build: the
// precompressed sibling the build wrote (index.html.br, else .gz) when the
// browser accepts it, with Content-Encoding, as Netlify, Cloudflare Pages or
// nginx's gzip_static/brotli_static do.
//
// The physical floor of a page's FCP is one round trip plus the time to
// move the response's bytes over the link:
//   floor = latency + transferBytes * 8 / downloadBitsPerSecond
// where latency is the profile's (Chromium adds it once per request, before
// the response starts) and transferBytes is what Chromium reports for the
// document (Network.loadingFinished encodedDataLength: headers and the
// compressed body). A page that needs a second request to paint (an external
// stylesheet or script) cannot get near it; signpost inlines its CSS and
// scripts so that the first response is enough. The target on 2G is
// FCP <= 1.25 x floor. A ratio under 1 is possible and good: Chromium paints
// as the HTML streams in, so a page whose first screen comes early in the
// document paints before its last byte has arrived (the floor counts every
// byte of the page).
//
// On Slow 4G the link is no longer the bottleneck: the floor is under
// 200 ms and what is left is the 4x-slowed CPU parsing, styling and painting
// the page (and, on a shared machine, other work).

import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { buildSite, contentTypeFor, launchBrowser, listPages, throttleNetwork } from './lib.mjs';

const PROFILES = [
  { name: '2G', latencyMs: 800, downKbps: 50, upKbps: 50, target: 1.25 },
  { name: 'Slow 4G', latencyMs: 150, downKbps: 1600, upKbps: 750, target: null },
];
const CPU_SLOWDOWN = 4;

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;

/** Serves dir like a production static host: precompressed siblings, 404.html. */
async function serveProduction(dir) {
  const seen = { acceptEncoding: new Set() };
  const server = http.createServer((req, res) => {
    seen.acceptEncoding.add(req.headers['accept-encoding'] ?? '');
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (rel.includes('..') || rel.includes('\0')) {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    let file = path.join(dir, rel);
    let status = 200;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      file = path.join(dir, '404.html');
      status = 404;
    }
    const accepts = req.headers['accept-encoding'] ?? '';
    const headers = { 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    let body;
    if (/\bbr\b/.test(accepts) && fs.existsSync(`${file}.br`)) {
      body = fs.readFileSync(`${file}.br`);
      headers['Content-Encoding'] = 'br';
    } else if (/\bgzip\b/.test(accepts) && fs.existsSync(`${file}.gz`)) {
      body = fs.readFileSync(`${file}.gz`);
      headers['Content-Encoding'] = 'gzip';
    } else {
      body = fs.readFileSync(file);
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

/** One cold load of url under profile: {fcp, bytes, encoding, beforeFCP}. */
async function measure(browser, url, profile) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await throttleNetwork(page, { latencyMs: profile.latencyMs, downloadKbps: profile.downKbps, uploadKbps: profile.upKbps });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  let documentId;
  let encoding = '';
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document' && !documentId) documentId = e.requestId;
  });
  cdp.on('Network.responseReceived', (e) => {
    if (e.requestId === documentId) encoding = e.response.headers['Content-Encoding'] ?? e.response.headers['content-encoding'] ?? 'identity';
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (e.requestId === documentId) bytes = e.encodedDataLength;
  });

  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const fcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const found = performance.getEntriesByName('first-contentful-paint')[0];
        if (found) return resolve(found.startTime);
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(e.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
  const beforeFCP = await page.evaluate(
    (t) => performance.getEntriesByType('resource').filter((r) => r.startTime < t).map((r) => r.name),
    fcp,
  );
  await context.close();
  return { fcp, bytes, encoding, beforeFCP };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const out = await buildSite(process.env.SIGNPOST_SITE ? { source: process.env.SIGNPOST_SITE } : {});
const pathway = listPages(out).find((p) => p.startsWith('/pathways/'));
const pages = [
  { name: 'home', url: '/' },
  ...(pathway ? [{ name: 'pathway', url: pathway }] : []),
];
const server = await serveProduction(out);
const browser = await launchBrowser();
const rows = [];
try {
  for (const profile of PROFILES) {
    for (const p of pages) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await measure(browser, `${server.origin}${p.url}`, profile));
      const bytes = samples[0].bytes;
      const floor = profile.latencyMs + (bytes * 8) / profile.downKbps; // kbit/s = bit/ms
      const fcp = median(samples.map((s) => s.fcp));
      rows.push({
        profile: profile.name,
        page: `${p.name} ${p.url}`,
        encoding: samples[0].encoding,
        bytes,
        floor,
        fcp,
        min: Math.min(...samples.map((s) => s.fcp)),
        max: Math.max(...samples.map((s) => s.fcp)),
        ratio: fcp / floor,
        target: profile.target,
        extra: samples[0].beforeFCP.length,
      });
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const fmt = (ms) => `${Math.round(ms)} ms`;
const table = [
  ['profile', 'page', 'transfer', 'floor', `FCP (median of ${runs})`, 'min..max', 'FCP / floor', 'target', 'requests before FCP'],
  ...rows.map((r) => [
    r.profile,
    r.page,
    `${r.bytes} B ${r.encoding}`,
    fmt(r.floor),
    fmt(r.fcp),
    `${Math.round(r.min)}..${Math.round(r.max)}`,
    `${r.ratio.toFixed(2)}x`,
    r.target ? `<= ${r.target}x ${r.ratio <= r.target ? 'met' : 'MISSED'}` : '-',
    String(1 + r.extra),
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
console.log(`\nFirst contentful paint, cold load, cache disabled, CPU ${CPU_SLOWDOWN}x slower; floor = latency + transfer bytes over the link`);
console.log(`Accept-Encoding sent by Chromium: ${[...server.seen.acceptEncoding].join(' | ')}\n`);
for (const [i, row] of table.entries()) {
  console.log(row.map((c, j) => c.padEnd(widths[j])).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('A ratio under 1: the first screen painted before the last byte arrived (the HTML streams).\n');
