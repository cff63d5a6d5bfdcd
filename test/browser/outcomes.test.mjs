// Outcome pages, service pages and the local helpline finder of the
// default site: every outcome page (and every services page) passes axe
// with JavaScript on and off; the finder lists the expected services for
// some postcodes online, offline (after the page has loaded) and after a
// reload, says what is wrong with an invalid postcode, never puts the
// postcode in a URL or a request; without JavaScript it offers the postcode
// areas A to Z; "open now" is computed in the site's time zone, daylight
// saving included; and no request leaves 127.0.0.1.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  collectConsoleErrors,
  formatViolations,
  guardRequests,
  launchBrowser,
  listPages,
  runAxe,
  serveStatic,
} from './lib.mjs';

const FINDER_PAGE = '/outcomes/urgent-mental-health-helpline/';
const NW_LEEDS = 'Example North West Leeds evening crisis line (fictional)';
const LEEDS = 'Example Leeds crisis line (fictional)';
const MANCHESTER = 'Example Manchester crisis line (fictional)';
const LONDON = 'Example London crisis line (fictional)';

// What the finder shows after searching for `postcode`: the local
// services' titles, in order, and any error.
async function search(page, postcode, { enter = false } = {}) {
  await page.evaluate(() => {
    document.getElementById('finder-status').textContent = '';
  });
  await page.fill('#finder-postcode', postcode);
  if (enter) await page.press('#finder-postcode', 'Enter');
  else await page.click('#finder-form button[type=submit]');
  // The result is announced a moment after it is shown (finder.js). While
  // the services data is still being fetched (just after a load), finder.js
  // first announces "Loading the list of services." with nothing shown yet,
  // and searches again once the data is in: wait for that second answer.
  await page.waitForFunction(() => {
    const status = document.getElementById('finder-status').textContent;
    return (status && !status.startsWith('Loading')) || !document.getElementById('finder-error').hidden;
  });
  return page.evaluate(() => {
    const error = document.getElementById('finder-error');
    const heading = document.querySelector('#finder-results h3');
    const list = heading && heading.nextElementSibling;
    const local = list && list.matches('ul') ? [...list.querySelectorAll(':scope > li h4')].map((h) => h.textContent) : [];
    return {
      error: error.hidden ? '' : error.textContent,
      invalid: document.getElementById('finder-postcode').getAttribute('aria-invalid'),
      heading: heading ? heading.textContent : '',
      local,
      national: document.querySelectorAll('#finder-results h3 ~ ul li h4').length - local.length,
      status: document.getElementById('finder-status').textContent,
    };
  });
}

describe('outcome and service pages of the default site', () => {
  let server;
  let browser;
  let pages;
  const guards = [];

  before(async () => {
    const out = await buildSite();
    server = await serveStatic(out);
    browser = await launchBrowser();
    pages = listPages(out);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Service workers are blocked unless a test asks for them: these tests
  // are about the pages, and offline.test.mjs covers the worker.
  async function open(url, { idle = true, ...options } = {}) {
    const { context, page } = await browser.newPage({ serviceWorkers: 'block', ...options });
    guards.push(guardRequests(context, server.origin));
    const errors = collectConsoleErrors(page);
    const response = await page.goto(server.url + url, { waitUntil: 'load' });
    assert.equal(response.status(), 200, `GET ${url}`);
    if (idle) await page.waitForLoadState('networkidle'); // finder.js fetches its data after load
    return { context, page, errors };
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`every outcome page and ${javaScriptEnabled ? 'every' : 'each kind of'} services page passes axe (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      // With JavaScript off, the service pages differ from one another only
      // in text, so the outcome pages and one page of each kind are enough.
      const sample = ['/services/', '/services/areas/', '/services/areas/ls/', '/services/shout/'];
      const urls = pages.filter(
        (p) => p.startsWith('/outcomes/') || (javaScriptEnabled ? p.startsWith('/services/') : sample.includes(p)),
      );
      assert.ok(urls.filter((p) => p.startsWith('/outcomes/')).length >= 6, `outcome pages: ${urls}`);
      assert.ok(urls.includes('/services/areas/ls/'), 'the LS area page is built');
      const failures = [];
      for (const url of urls) {
        const { context, page, errors } = await open(url, { javaScriptEnabled, idle: false, viewport: { width: 320, height: 640 } });
        const violations = await runAxe(page);
        if (violations.length) failures.push(`${url}:\n${formatViolations(violations)}`);
        if (errors.errors.length) failures.push(`${url}: ${errors.errors.join('\n')}`);
        await context.close();
      }
      assert.equal(failures.length, 0, failures.join('\n'));
    });
  }

  test('an emergency outcome page puts the advice and 999 first, then the ways to 999 without a voice, then other support', async () => {
    const { context, page } = await open('/outcomes/call-999/');
    const order = await page.evaluate(() => {
      const main = document.querySelector('main');
      const all = [...main.querySelectorAll('*')];
      const at = (el) => (el ? all.indexOf(el) : -1);
      const heading = (start) => [...main.querySelectorAll('h2')].find((h) => h.textContent.startsWith(start));
      return {
        urgency: at(main.querySelector('.urgency.u-emergency')),
        tag: main.querySelector('.urgency .tag').textContent.trim(),
        icon: Boolean(main.querySelector('.urgency .tag svg[aria-hidden="true"]')),
        call: main.querySelector('.urgency a.call')?.getAttribute('href'),
        body: at(main.querySelector('.body')),
        noVoice: at(heading('If you cannot speak on the phone')),
        relay: at(main.querySelector('.contacts a[href="tel:18000"]')),
        sms999: at(main.querySelector('.contacts a[href="sms:999"]')),
        bsl: at(main.querySelector('.contacts a[href="https://www.999bsl.co.uk/"]')),
        register: main.querySelector('a[href="sms:999?&body=register"]')?.closest('li')?.textContent ?? '',
        other: at(heading('Other support')),
        // The first button or link of a signposted service that is not a
        // way to 999: it must come after the advice.
        firstService: at([...main.querySelectorAll('.contacts a')].find((a) => !/^(tel:18000|sms:999|https:\/\/www\.999bsl)/.test(a.getAttribute('href')))),
      };
    });
    await context.close();
    assert.equal(order.tag, 'Emergency');
    assert.ok(order.icon, 'the urgency has an icon');
    assert.equal(order.call, 'tel:999');
    const o = JSON.stringify(order);
    assert.ok(order.urgency === 0 && order.urgency < order.body, `urgency and call first: ${o}`);
    assert.ok(order.body < order.noVoice, `the advice before the ways to 999: ${o}`);
    assert.ok(order.noVoice < order.relay && order.noVoice < order.sms999 && order.noVoice < order.bsl, `Relay UK, emergency SMS and 999 BSL under it: ${o}`);
    assert.match(order.register, /registered in advance/, 'emergency SMS says it needs registering first');
    assert.ok(Math.max(order.relay, order.sms999, order.bsl) < order.other && order.other < order.firstService, `other support after the ways to 999: ${o}`);
  });

  test('the finder lists local services, most specific first, online', async () => {
    const { context, page, errors } = await open(FINDER_PAGE);
    const startURL = page.url();

    let r = await search(page, 'ls6 1aa');
    assert.deepEqual(r.local, [NW_LEEDS, LEEDS], JSON.stringify(r));
    assert.equal(r.heading, 'Local services for LS6 1AA');
    assert.ok(r.national > 0, 'national services are listed too');
    assert.match(r.status, /2 local services found for LS6 1AA/);
    let violations = await runAxe(page);
    assert.equal(violations.length, 0, `axe, with results:\n${formatViolations(violations)}`);

    r = await search(page, '  LS61AA ', { enter: true });
    assert.deepEqual(r.local, [NW_LEEDS, LEEDS]);
    r = await search(page, 'LS16');
    assert.deepEqual(r.local, [LEEDS]);
    r = await search(page, 'm1 1ae');
    assert.deepEqual(r.local, [MANCHESTER]);
    r = await search(page, 'EC1A 1BB');
    assert.deepEqual(r.local, [LONDON]);
    r = await search(page, 'ZZ9 9ZZ');
    assert.deepEqual(r.local, []);
    assert.equal(r.heading, 'No local services listed for ZZ9 9ZZ');
    assert.ok(r.national > 0, 'with no local service, the national ones are still listed');

    r = await search(page, 'hello');
    assert.match(r.error, /does not look like a UK postcode/);
    assert.equal(r.invalid, 'true');
    assert.equal(r.heading, '');
    violations = await runAxe(page);
    assert.equal(violations.length, 0, `axe, with an error:\n${formatViolations(violations)}`);
    r = await search(page, '   ');
    assert.match(r.error, /Enter your postcode/);

    // The postcode never enters a URL: not the page's, not any request's.
    assert.equal(page.url(), startURL);
    const guard = guards.at(-1);
    const leaked = guard.requests.filter((u) => /ls6|1aa|m1|ec1a|zz9/i.test(new URL(u).pathname + new URL(u).search));
    assert.deepEqual(leaked, []);
    errors.assertNone();
    await context.close();
  });

  test('the finder works offline once the page has loaded, and after a reload', async () => {
    const { context, page, errors } = await open(FINDER_PAGE);
    await context.setOffline(true);
    // Requests of this page only: a service worker may still be precaching.
    const pageRequests = [];
    page.on('request', (req) => pageRequests.push(req.url()));
    let r = await search(page, 'LS6');
    assert.deepEqual(r.local, [NW_LEEDS, LEEDS]);
    r = await search(page, 'w1a 1aa');
    assert.deepEqual(r.local, [LONDON]);
    assert.deepEqual(pageRequests, [], 'the searches made no request');

    await context.setOffline(false);
    await page.reload({ waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    r = await search(page, 'ls6 1aa');
    assert.deepEqual(r.local, [NW_LEEDS, LEEDS], 'after a reload');
    await context.setOffline(true);
    r = await search(page, 'M1');
    assert.deepEqual(r.local, [MANCHESTER], 'after a reload, offline');
    await context.setOffline(false);
    errors.assertNone();
    await context.close();
  });

  test('with the service worker, the finder works offline after an offline reload', async () => {
    const { context, page, errors } = await open(FINDER_PAGE, { serviceWorkers: 'allow' });
    // The default site registers a worker (offline.test.mjs): one that never
    // takes control is a failure here, not a reason to skip.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    const r = await search(page, 'ls6 1aa');
    assert.deepEqual(r.local, [NW_LEEDS, LEEDS]);
    await context.setOffline(false);
    errors.assertNone();
    await context.close();
  });

  test('without JavaScript the finder offers the postcode areas A to Z, each linking to its services', async () => {
    const { context, page } = await open(FINDER_PAGE, { javaScriptEnabled: false });
    assert.equal(await page.isVisible('#finder-form'), false, 'the form needs JavaScript, so it is hidden');
    const areas = await page.$$eval('#finder .areas a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    const codes = areas.map(([text]) => text.replace(' postcode area', ''));
    assert.deepEqual(codes, [...codes].sort(), 'A to Z');
    assert.ok(codes.includes('LS') && codes.includes('M'), codes.join(' '));
    await page.click('#finder .areas a[href="/services/areas/ls/"]');
    await page.waitForLoadState('load');
    const titles = await page.$$eval('main .services h3', (hs) => hs.map((h) => h.textContent));
    assert.ok(titles.includes(LEEDS) && titles.includes(NW_LEEDS), titles.join(', '));
    assert.ok(!titles.includes(MANCHESTER));
    const tel = await page.getAttribute(`main .services li:has(h3 a:text-is("${NW_LEEDS}")) a[href^="tel:"]`, 'href');
    assert.equal(tel, 'tel:01134960606');
    await context.close();
  });

  test('"open now" is worked out in the site time zone, daylight saving included', async () => {
    // Mind Infoline: Monday to Friday, 9am to 6pm, Europe/London. The
    // device is in New York, to show its own zone does not matter.
    const cases = [
      ['2026-03-30T08:30:00Z', 'Open now'], // Monday 09:30 BST (08:30 UTC)
      ['2026-03-27T08:30:00Z', 'Closed, opens at Fri 09:00'], // Friday 08:30 GMT
      ['2026-11-28T12:00:00Z', 'Closed, opens at Mon 09:00'], // Saturday
    ];
    for (const [time, want] of cases) {
      const { context, page } = await browser.newPage({ timezoneId: 'America/New_York', serviceWorkers: 'block' });
      await page.clock.setFixedTime(new Date(time));
      await page.goto(`${server.url}/services/mind-infoline/`, { waitUntil: 'load' });
      const status = await page.textContent('.status');
      assert.equal(status, want, time);
      assert.match(await page.textContent('.hours'), /Monday to Friday, 9am to 6pm/);
      await context.close();
    }
  });

  test('no request leaves 127.0.0.1', () => {
    for (const g of guards) g.assertLocalOnly();
  });
});
