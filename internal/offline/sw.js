// The service worker of a signpost site (internal/offline/sw.js, written
// as /sw.js by signpost build, under the site's path if it has one). It is
// the same file on every build of the same signpost, under any path: what a
// build contains is in /sw-manifest.json, which the
// worker fetches when a page asks it to check (register.js, on every page
// load) and which names the chunks of the precache list (/sw/precache.
// <hash>.json, content-addressed: a deploy that changes one file changes
// one chunk). ES2017, no modules: it must run on older phones.
//
// Two caches:
//   - signpost-<version>: the triage set of one build (home, pathways,
//     outcomes, services, the offline page, the finder's data, assets),
//     complete before it is used. A new version copies the files whose hash
//     did not change from the old cache and downloads only the rest, each
//     checked against its hash; when complete it replaces the old one at
//     once, and open pages are told "this information has been updated".
//     A cache never mixes two builds.
//   - signpost-pages: ordinary pages, saved as they are visited (and, if
//     the site asks, prefetched on a fast connection without Save-Data),
//     at most PAGES of them, the least recently used dropped first. A saved
//     page is shown at once and checked in the background; if it changed,
//     the new copy is saved and the page says it has been updated.
'use strict';
// BASE is the path the site is served under, the worker's own folder: '/'
// at the root of its host, '/mysite/' for /mysite/sw.js (a GitHub Pages
// project site). The build's lists name files by site URL ('/about/');
// at() is where one is served. Caches are named by BASE too, so two sites
// on one origin (USER.github.io/a/ and /b/) never touch each other's.
var BASE = new URL('./', location.href).pathname;
function at(u) { return BASE + u.slice(1); }
var PREFIX = BASE === '/' ? 'signpost-' : 'signpost' + BASE;
var PAGES = PREFIX + 'pages';
var META = PREFIX + 'meta';
var MANIFEST = at('/sw-manifest.json');
var CHUNKS = at('/sw/');
var INDEX = at('/.signpost-precache'); // in each version's cache: what it holds
var CURRENT = at('/.signpost-current'); // in META: the version in use

var current = null; // the version in use: {version, cache, files: {url: hash}, offline, pages, prefetch}
var loading = null;
var updating = null;

function hex(buf) {
  var b = new Uint8Array(buf), s = '';
  for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
}

function json(body) {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
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

// load finds the version in use, once per worker.
function load() {
  if (current) return Promise.resolve(current);
  if (!loading) {
    loading = caches.open(META).then(function (c) { return c.match(CURRENT); }).then(function (res) {
      return res ? res.json() : null;
    }).then(function (cur) {
      if (!cur) return null;
      return caches.open(PREFIX + cur.version).then(function (c) { return c.match(INDEX); }).then(function (res) {
        return res ? res.json() : null;
      });
    }).then(function (idx) {
      if (idx && idx.version) use(idx);
      loading = null;
      return current;
    }, function () { loading = null; return null; });
  }
  return loading;
}

function use(idx) {
  current = { version: idx.version, cache: PREFIX + idx.version, files: idx.files, offline: idx.offline, pages: idx.pages, prefetch: idx.prefetch };
}

// older lists the caches of other versions of this site (not of a site
// under a path below it: their names have a '/' after PREFIX).
function older(keep) {
  return caches.keys().then(function (names) {
    return names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n.indexOf('/', PREFIX.length) < 0 && n !== PAGES && n !== META && n !== keep; });
  });
}

// found returns the first cached response for url in the named caches.
function found(names, url) {
  return names.reduce(function (p, name) {
    return p.then(function (res) {
      return res || caches.open(name).then(function (c) { return c.match(url); });
    });
  }, Promise.resolve(undefined));
}

// chunk returns the entries of one chunk of the precache list: from a
// cache when an older version has it (a chunk's name holds the hash of its
// bytes, so it never changes), otherwise from the network, checked.
function chunk(url, names) {
  var want = url.replace(/^.*\.([0-9a-f]+)\.json$/, '$1');
  return found(names, url).then(function (res) {
    return res || get(url, want, 'default');
  }).then(function (res) {
    return res.clone().json().then(function (entries) { return { url: url, res: res, entries: entries }; });
  });
}

// update fetches the manifest and, when it names a version other than the
// one in use, installs it. It resolves to whether the version changed.
function update() {
  if (updating) return updating;
  updating = Promise.all([load(), fetch(MANIFEST, { cache: 'no-cache', credentials: 'same-origin' })]).then(function (r) {
    var res = r[1];
    if (!res.ok) throw new Error(MANIFEST + ': HTTP ' + res.status);
    return res.json().then(function (man) {
      if (current && current.version === man.version) return false;
      return install(man).then(function () { return true; });
    });
  });
  var done = function () { updating = null; };
  updating.then(done, done);
  return updating;
}

function install(man) {
  var name = PREFIX + man.version, had = current;
  return Promise.all([caches.open(name), older(name)]).then(function (r) {
    var cache = r[0], names = r[1];
    return Promise.all(man.chunks.map(function (u) { return chunk(at(u), [name].concat(names)); })).then(function (chunks) {
      var files = {}, list = [];
      chunks.forEach(function (c) {
        c.entries.forEach(function (e) { e = [at(e[0]), e[1], e[2]]; files[e[0]] = e[1]; list.push(e); });
      });
      // Download order: the build's priority (pathways first), then URL.
      list.sort(function (a, b) { return a[2] - b[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
      return previous(names, files).then(function (old) {
        var next = 0;
        function one(f) {
          return cache.match(f[0]).then(function (have) {
            if (have) return; // an earlier attempt of this same version got it
            var copy = old[f[0]] ? caches.open(old[f[0]]).then(function (c) { return c.match(f[0]); }) : Promise.resolve();
            return copy.then(function (res) { return res || get(f[0], f[1], 'no-cache'); }).then(function (res) { return cache.put(f[0], res); });
          });
        }
        // Four downloads at a time, in download order.
        function worker() {
          if (next >= list.length) return Promise.resolve();
          return one(list[next++]).then(worker);
        }
        return Promise.all([worker(), worker(), worker(), worker()]);
      }).then(function () {
        return Promise.all(chunks.map(function (c) { return cache.put(c.url, c.res); }));
      }).then(function () {
        var idx = { version: man.version, files: files, offline: at(man.offline), pages: man.pages, prefetch: man.prefetch };
        return cache.put(INDEX, json(idx)).then(function () {
          return caches.open(META);
        }).then(function (meta) {
          return meta.put(CURRENT, json({ version: man.version }));
        }).then(function () {
          use(idx);
          return Promise.all(names.map(function (n) { return caches.delete(n); }));
        }).then(function () {
          return trim();
        }).then(function () {
          if (had) tell({ type: 'updated' });
        });
      });
    });
  });
}

// previous maps URL -> cache name for the entries of older caches whose
// hash is the one this version wants: those are copied, not downloaded.
function previous(names, files) {
  var out = {};
  return Promise.all(names.map(function (name) {
    return caches.open(name).then(function (c) { return c.match(INDEX); }).then(function (res) {
      return res ? res.json() : {};
    }).then(function (idx) {
      var old = idx.files || idx; // workers before sw-manifest.json kept {url: hash}
      Object.keys(old).forEach(function (url) { if (old[url] === files[url]) out[url] = name; });
    }).catch(function () {});
  })).then(function () { return out; });
}

// tell posts msg to every open page, or to the page with that client id:
// a page being loaded may not exist yet, so it is looked for again for a
// few seconds.
function tell(msg, id, tries) {
  if (!id) {
    return self.clients.matchAll({ type: 'window' }).then(function (all) {
      all.forEach(function (c) { c.postMessage(msg); });
    });
  }
  return self.clients.get(id).then(function (c) {
    if (c) return c.postMessage(msg);
    if ((tries || 0) < 40) {
      return new Promise(function (ok) { setTimeout(ok, 250); }).then(function () { return tell(msg, id, (tries || 0) + 1); });
    }
  });
}

// trim drops the least recently used saved pages beyond the bound.
function trim() {
  var bound = current ? current.pages : 0;
  return caches.open(PAGES).then(function (c) {
    return c.keys().then(function (keys) {
      return Promise.all(keys.slice(0, Math.max(0, keys.length - bound)).map(function (k) { return c.delete(k); }));
    });
  });
}

// save keeps a visited page, as the most recently used.
function save(key, res) {
  if (!current || !current.pages || !res.ok || res.type !== 'basic') return Promise.resolve();
  if (!/^text\/html/.test(res.headers.get('Content-Type') || '')) return Promise.resolve();
  return caches.open(PAGES).then(function (c) {
    return c.delete(key).then(function () { return c.put(key, res); });
  }).then(trim);
}

// revalidate asks whether a saved page changed; a new copy replaces it
// and the page that shows the old one is told.
function revalidate(key, saved, client) {
  var tag = saved.headers.get('ETag'), headers = {};
  if (tag) headers['If-None-Match'] = tag;
  return fetch(key, { cache: 'no-store', credentials: 'same-origin', headers: headers }).then(function (res) {
    if (res.status === 304 || !res.ok) return;
    return Promise.all([res.clone().arrayBuffer(), saved.arrayBuffer()]).then(function (b) {
      return Promise.all([crypto.subtle.digest('SHA-256', b[0]), crypto.subtle.digest('SHA-256', b[1])]);
    }).then(function (sums) {
      if (hex(sums[0]) === hex(sums[1])) return;
      return save(key, res).then(function () { return tell({ type: 'updated' }, client); });
    });
  }).catch(function () {});
}

function offline(cur) {
  return caches.open(cur.cache).then(function (c) { return c.match(cur.offline); }).then(function (res) { return res || Response.error(); });
}

self.addEventListener('install', function (e) {
  e.waitUntil(update().then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(load().then(function (cur) {
    return older(cur ? cur.cache : '').then(function (names) {
      return Promise.all(names.map(function (n) { return caches.delete(n); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('message', function (e) {
  var d = e.data || {};
  if (d.type === 'check') {
    e.waitUntil(update().catch(function () {}));
  } else if (d.type === 'prefetch' && Array.isArray(d.urls)) {
    e.waitUntil(load().then(function (cur) {
      if (!cur || !cur.prefetch) return;
      return d.urls.slice(0, 20).reduce(function (p, u) {
        return p.then(function () {
          var url = new URL(u, location.href);
          if (url.origin !== location.origin || cur.files[url.pathname]) return;
          return caches.open(PAGES).then(function (c) { return c.match(url.pathname); }).then(function (have) {
            if (!have) return fetch(url.pathname, { credentials: 'same-origin' }).then(function (res) { return save(url.pathname, res); });
          });
        }).catch(function () {});
      }, Promise.resolve());
    }));
  }
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== location.origin || url.pathname === MANIFEST || url.pathname.indexOf(CHUNKS) === 0) return;
  var nav = req.mode === 'navigate';
  e.respondWith(load().then(function (cur) {
    if (!cur) return fetch(req);
    var key = url.pathname;
    if (/\/index\.html$/.test(key) && cur.files[key.slice(0, -10)]) key = key.slice(0, -10);
    if (cur.files[key]) {
      return caches.open(cur.cache).then(function (c) { return c.match(key); }).then(function (res) {
        return res || fetch(req).catch(function (err) {
          if (!nav) throw err;
          return offline(cur);
        });
      });
    }
    if (nav && cur.files[key + '/']) return Response.redirect(key + '/' + url.search, 301);
    if (!nav) return fetch(req);
    return caches.open(PAGES).then(function (c) { return c.match(key); }).then(function (saved) {
      if (saved) {
        // Both copies now: the response's body is read once it is returned.
        var keep = saved.clone(), check = saved.clone();
        e.waitUntil(save(key, keep).then(function () {
          return revalidate(key, check, e.resultingClientId || e.clientId);
        }));
        return saved;
      }
      return fetch(req).then(function (res) {
        if (!url.search) e.waitUntil(save(key, res.clone()));
        return res;
      }, function () { return offline(cur); });
    });
  }));
});
