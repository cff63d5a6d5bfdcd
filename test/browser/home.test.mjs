// The home page of the built-in default site, with JavaScript on: it loads
// cleanly, calls nothing outside this machine, passes axe, and has the
// landmarks a person in crisis (or using a screen reader or keyboard) needs
// first: a language, a skip link, and the emergency banner before <main>.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  collectConsoleErrors,
  formatViolations,
  guardRequests,
  launchBrowser,
  repoRoot,
  runAxe,
  serveStatic,
} from './lib.mjs';

// The default site's [emergency] text and phone, read from its site.toml
// (simple one-line basic strings, which is all the default site uses).
function emergencyConfig() {
  const toml = fs.readFileSync(path.join(repoRoot, 'site.toml'), 'utf8');
  const section = /^\[emergency\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
  const value = (key) => {
    const m = new RegExp(`^${key}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*")`, 'm').exec(section);
    return m ? JSON.parse(m[1]) : undefined;
  };
  return { text: value('text'), phone: value('phone') };
}

describe('home page of the default site (JavaScript on)', () => {
  let server;
  let browser;
  let page;
  let requests;
  let consoleErrors;

  before(async () => {
    const out = await buildSite();
    server = await serveStatic(out);
    browser = await launchBrowser({ javaScriptEnabled: true });
    let context;
    ({ context, page } = await browser.newPage());
    requests = guardRequests(context, server.origin);
    consoleErrors = collectConsoleErrors(page);
    const response = await page.goto(`${server.url}/`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, 'GET / should answer 200');
    // Give late scripts (service worker registration, deferred modules) a
    // moment to run and fail, if they are going to.
    await page.waitForLoadState('networkidle');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('no console errors or uncaught exceptions', () => {
    consoleErrors.assertNone();
  });

  test('no request leaves 127.0.0.1', () => {
    requests.assertLocalOnly();
  });

  test('axe finds no WCAG 2.2 A/AA violation', async () => {
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, `axe violations on /:\n${formatViolations(violations)}`);
  });

  test('<html> has a lang attribute', async () => {
    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    assert.ok(lang && lang.trim() !== '', `<html lang> is ${JSON.stringify(lang)}; it must name the page's language`);
  });

  test('the first Tab lands on a skip link to an in-page target', async () => {
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const href = el?.getAttribute('href');
      const target = href?.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      return {
        tag: el?.tagName.toLowerCase(),
        href,
        text: el?.textContent.trim(),
        targetExists: Boolean(target),
      };
    });
    assert.equal(focused.tag, 'a', `first Tab focused <${focused.tag}>, expected the skip link <a href="#...">`);
    assert.ok(
      focused.href?.startsWith('#'),
      `first Tab focused a link to ${JSON.stringify(focused.href)} ("${focused.text}"), expected a skip link whose href starts with #`,
    );
    assert.ok(focused.targetExists, `skip link points at ${focused.href}, but no element has that id`);
  });

  test('an emergency banner comes before <main>', async () => {
    const found = await page.evaluate(() => {
      const main = document.querySelector('main');
      const candidates = [
        ...document.querySelectorAll('[data-emergency], .emergency, #emergency, [class*="emergency"], [id*="emergency"]'),
      ];
      const before = candidates.filter(
        (el) => main && !main.contains(el) && (el.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING),
      );
      return {
        mains: document.querySelectorAll('main').length,
        candidates: candidates.length,
        banner: before[0]
          ? {
              text: before[0].textContent.trim().replace(/\s+/g, ' '),
              tels: [...before[0].querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
            }
          : null,
      };
    });
    assert.equal(found.mains, 1, `the page should have exactly one <main>, found ${found.mains}`);
    assert.ok(
      found.banner,
      found.candidates === 0
        ? 'no emergency banner found (looked for [data-emergency], .emergency, #emergency, or a class/id containing "emergency")'
        : `found ${found.candidates} emergency element(s), but none before <main>`,
    );
    assert.ok(found.banner.text.length > 0, 'the emergency banner is empty');

    const { text, phone } = emergencyConfig();
    assert.ok(text, 'site.toml of the default site has no [emergency] text to compare with');
    assert.ok(
      found.banner.text.includes(text),
      `the banner should show site.toml's emergency text ${JSON.stringify(text)}; it reads ${JSON.stringify(found.banner.text)}`,
    );
    assert.ok(phone, 'site.toml of the default site has no [emergency] phone to compare with');
    const tel = `tel:${phone.replace(/[^0-9+]/g, '')}`;
    assert.ok(
      found.banner.tels.includes(tel),
      `the banner should link to ${tel}; its tel: links are ${JSON.stringify(found.banner.tels)}`,
    );
  });
});
