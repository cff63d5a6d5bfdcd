// Runs the service worker (sw.js) under Node against an in-memory server
// and Cache Storage, for sw_test.go. Input on stdin: {worker, steps}; each
// step serves a build ({serve: {url: body}}) and then dispatches an event
// (install, activate, check, navigate). Output: one record per step: the
// URLs fetched, the cache names, the messages posted, the navigation's
// response body and whether it came from the network.
'use strict';
const vm = require('node:vm');

let files = {}; // url -> body, the deployed build
let fetched = [];
let messages = [];

// Responses from the site's own origin are "basic", clones too.
Object.defineProperty(Response.prototype, 'type', { get() { return 'basic'; } });

function makeResponse(body, init) {
  return new Response(body, init);
}

let offline = false;

async function fakeFetch(input, opts) {
  const url = new URL(typeof input === 'string' ? input : input.url, 'https://site.test/').pathname;
  if (offline) throw new TypeError('Failed to fetch');
  fetched.push(url);
  if (!(url in files)) return makeResponse('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const type = url.endsWith('/') ? 'text/html; charset=utf-8' : 'application/json';
  return makeResponse(files[url], { status: 200, headers: { 'Content-Type': type, ETag: '"' + files[url].length + '"' } });
}

class FakeCache {
  constructor() { this.entries = new Map(); }
  key(r) { return new URL(typeof r === 'string' ? r : r.url, 'https://site.test/').pathname; }
  async match(r) {
    const e = this.entries.get(this.key(r));
    if (!e) return undefined;
    return makeResponse(e.body.slice(0), { status: e.status, headers: e.headers });
  }
  async put(r, res) {
    const body = await res.arrayBuffer();
    this.entries.set(this.key(r), { body, status: res.status, headers: Object.fromEntries(res.headers) });
  }
  async delete(r) { return this.entries.delete(this.key(r)); }
  async keys() { return [...this.entries.keys()].map((k) => ({ url: 'https://site.test' + k })); }
}

const store = new Map();
const caches = {
  async open(name) { if (!store.has(name)) store.set(name, new FakeCache()); return store.get(name); },
  async keys() { return [...store.keys()]; },
  async delete(name) { return store.delete(name); },
  async match(r) { for (const c of store.values()) { const m = await c.match(r); if (m) return m; } return undefined; },
};

const listeners = {};
const client = { id: 'page-1', postMessage(m) { messages.push(m); } };
const self = {
  addEventListener(type, fn) { listeners[type] = fn; },
  skipWaiting() { return Promise.resolve(); },
  clients: { matchAll: async () => [client], get: async (id) => (id === client.id ? client : undefined), claim: async () => {} },
};
const context = vm.createContext({
  self, caches, fetch: fakeFetch, crypto: globalThis.crypto, Response, URL, Uint8Array, Promise, JSON, Object, Array, Math, Error, setTimeout,
  location: { origin: 'https://site.test', href: 'https://site.test/' },
});

async function dispatch(type, props) {
  const waits = [];
  let response = null;
  const event = Object.assign({ waitUntil(p) { waits.push(p); }, respondWith(p) { response = p; } }, props);
  listeners[type](event);
  let res = null;
  let error = null;
  try {
    if (response) res = await response;
    // waitUntil may be called while the response is worked out.
    for (let i = 0; i < waits.length; i++) await waits[i];
  } catch (err) {
    error = String(err && err.message || err);
  }
  return { res, error };
}

async function main() {
  const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  // The worker's own URL: /sw.js, or /mysite/sw.js for a site under a path.
  if (input.location) context.location.href = input.location;
  // Caches already on the origin (another site's), which must survive.
  for (const name of input.caches || []) await caches.open(name);
  vm.runInContext(input.worker, context, { filename: 'sw.js' });
  const out = [];
  for (const step of input.steps) {
    if (step.serve) files = step.serve;
    offline = !!step.offline;
    fetched = [];
    messages = [];
    let r;
    switch (step.event) {
      case 'install': r = await dispatch('install', {}); break;
      case 'activate': r = await dispatch('activate', {}); break;
      case 'check': r = await dispatch('message', { data: { type: 'check' } }); break;
      case 'navigate':
        r = await dispatch('fetch', { request: { method: 'GET', mode: 'navigate', url: 'https://site.test' + step.url }, resultingClientId: client.id });
        break;
    }
    const rec = { fetched, messages: messages.map((m) => m.type), caches: [...store.keys()].sort(), error: r.error };
    if (r.res) rec.body = await r.res.text();
    if (step.inspect) {
      const c = store.get(step.inspect);
      rec.keys = c ? [...c.entries.keys()] : null;
    }
    out.push(rec);
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((err) => { console.error(err); process.exit(1); });
