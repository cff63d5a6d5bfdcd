'use strict';
var PREFIX = 'signpost-';
var CACHE = PREFIX + VERSION;
var INDEX = '/.signpost-precache';
var HASHES = {};
FILES.forEach(function (f) { HASHES[f[0]] = f[1]; });

function hex(buf) {
  var b = new Uint8Array(buf), s = '';
  for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
}

// get fetches url and returns a response whose bytes have the build's hash,
// asking past the HTTP cache once if the first answer is stale.
function get(url, want, mode) {
  return fetch(url, { cache: mode, credentials: 'same-origin' }).then(function (res) {
    if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
    return res.arrayBuffer().then(function (body) {
      return crypto.subtle.digest('SHA-256', body).then(function (sum) {
        if (hex(sum).slice(0, want.length) === want) {
          return new Response(body, { status: 200, headers: { 'Content-Type': res.headers.get('Content-Type') || '' } });
        }
        if (mode !== 'reload') return get(url, want, 'reload');
        throw new Error(url + ' does not match this build (a deploy in progress?)');
      });
    });
  });
}

// previous maps URL -> cache name for the entries of older caches whose
// hash is the one this build wants: those are copied, not downloaded.
function previous() {
  var found = {};
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; }).map(function (name) {
      return caches.open(name).then(function (c) { return c.match(INDEX); }).then(function (res) {
        return res ? res.json() : {};
      }).then(function (old) {
        Object.keys(old).forEach(function (url) { if (old[url] === HASHES[url]) found[url] = name; });
      }).catch(function () {});
    }));
  }).then(function () { return found; });
}

function install() {
  return Promise.all([caches.open(CACHE), previous()]).then(function (r) {
    var cache = r[0], old = r[1], next = 0;
    function one(f) {
      return cache.match(f[0]).then(function (have) {
        if (have) return; // an earlier attempt of this same version got it
        var copy = old[f[0]] ? caches.open(old[f[0]]).then(function (c) { return c.match(f[0]); }) : Promise.resolve();
        return copy.then(function (res) { return res || get(f[0], f[1], 'no-cache'); }).then(function (res) { return cache.put(f[0], res); });
      });
    }
    // Four downloads at a time, started in manifest order: pathways and
    // outcomes first.
    function worker() {
      if (next >= FILES.length) return Promise.resolve();
      return one(FILES[next++]).then(worker);
    }
    return Promise.all([worker(), worker(), worker(), worker()]).then(function () {
      return cache.put(INDEX, new Response(JSON.stringify(HASHES), { headers: { 'Content-Type': 'application/json' } }));
    });
  });
}

self.addEventListener('install', function (e) {
  e.waitUntil(install().then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== location.origin) return;
  var key = url.pathname;
  if (/\/index\.html$/.test(key) && HASHES[key.slice(0, -10)]) key = key.slice(0, -10);
  var nav = req.mode === 'navigate';
  if (!HASHES[key]) {
    if (nav && HASHES[key + '/']) {
      e.respondWith(Response.redirect(key + '/' + url.search, 301));
    } else if (nav) {
      e.respondWith(fetch(req).catch(function () {
        return caches.open(CACHE).then(function (c) { return c.match(OFFLINE); }).then(function (res) { return res || Response.error(); });
      }));
    }
    return;
  }
  e.respondWith(caches.open(CACHE).then(function (c) { return c.match(key); }).then(function (res) {
    return res || fetch(req).catch(function (err) {
      if (!nav) throw err;
      return caches.open(CACHE).then(function (c) { return c.match(OFFLINE); }).then(function (off) { return off || Response.error(); });
    });
  }));
});
