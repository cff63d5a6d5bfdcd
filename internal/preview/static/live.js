// signpost preview: live reload and the error overlay. Added to pages by
// `signpost serve` only; never part of `signpost build` output.
(function () {
  'use strict';
  var d = document;
  var KEY = 'signpost-preview-scroll';
  var here = location.pathname;
  // The preview's own pages (the pathway maps, and the review pack, whose
  // script tag says data-own) list the errors themselves: they reload on
  // every change instead of showing the overlay.
  var me = d.currentScript;
  var own = d.body.classList.contains('sp-page') || !!(me && me.hasAttribute('data-own'));

  // Keep the scroll position across our own reloads (the URL fragment,
  // and so the pathway question being viewed, is kept by reload itself).
  function restore() {
    var saved;
    try { saved = JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }
    if (saved && saved.href === location.href) window.scrollTo(saved.x, saved.y);
  }
  restore();
  window.addEventListener('load', function () {
    restore();
    try { sessionStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  });
  function reload() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ href: location.href, x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* private mode: reload without it */ }
    location.reload();
  }

  // A worker left by a production build on this origin must not serve
  // the preview: remove it and its caches.
  if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
    navigator.serviceWorker.getRegistrations().then(function (regs) {
      regs.forEach(function (r) { r.unregister(); });
    });
    if (window.caches) {
      caches.keys().then(function (keys) { keys.forEach(function (k) { caches.delete(k); }); });
    }
  }

  // The overlay's stylesheet (style-src 'self' allows it).
  var css = d.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/_signpost/live.css';
  d.head.appendChild(css);

  var overlay = null;
  var shown = '';
  var before = null;

  function hide() {
    if (!overlay) return;
    overlay.parentNode.removeChild(overlay);
    overlay = null;
    if (before && before.focus) before.focus();
    before = null;
  }

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // The source line a diagnostic is at, with a caret under its column:
  // the caret line keeps the line's tabs so that it lines up, and is
  // hidden from screen readers (the position is in the text before it).
  function source(line, col) {
    var pre = el('pre', 'sp-src');
    pre.appendChild(el('code', '', line));
    if (col > 0) {
      var pad = line.slice(0, col - 1).replace(/[^\t]/g, ' ');
      var caret = el('span', 'sp-caret', '\n' + pad + '^');
      caret.setAttribute('aria-hidden', 'true');
      pre.appendChild(caret);
    }
    return pre;
  }

  function where(f, line, col) {
    var w = f || 'site';
    if (line) w += ':' + line + (col ? ':' + col : '');
    return w;
  }

  function show(errors) {
    var sig = JSON.stringify(errors);
    if (overlay && sig === shown) return;
    if (!overlay) before = d.activeElement;
    hide();
    shown = sig;
    overlay = el('div', 'sp-overlay');
    overlay.id = 'signpost-errors';
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-labelledby', 'sp-ov-h');
    overlay.setAttribute('aria-describedby', 'sp-ov-d');
    var box = el('div', 'sp-box');
    var h = el('h2', '', errors.length === 1 ? 'The site has 1 error' : 'The site has ' + errors.length + ' errors');
    h.id = 'sp-ov-h';
    h.tabIndex = -1;
    var p = el('p', '', 'This page shows the last good version. Fix the files below and save: this message goes away by itself.');
    p.id = 'sp-ov-d';
    var list = el('ul', 'sp-errors');
    errors.forEach(function (e) {
      var li = el('li');
      li.appendChild(el('code', 'sp-where', where(e.file, e.line, e.col)));
      li.appendChild(d.createTextNode(' ' + e.message));
      if (e.source) li.appendChild(source(e.source, e.col));
      var r = e.related;
      if (r) {
        var rp = el('p', 'sp-related');
        rp.appendChild(el('code', 'sp-where', where(r.file, r.line, r.col)));
        rp.appendChild(d.createTextNode(' ' + r.message));
        li.appendChild(rp);
        if (r.source) li.appendChild(source(r.source, r.col));
      }
      list.appendChild(li);
    });
    var close = el('button', 'sp-close', 'Hide this message');
    close.type = 'button';
    close.addEventListener('click', hide);
    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(list);
    box.appendChild(close);
    overlay.appendChild(box);
    overlay.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); hide(); }
      if (e.key === 'Tab') { e.preventDefault(); close.focus(); }
    });
    d.body.appendChild(overlay);
    h.focus();
  }

  function swapStyle(href) {
    var old = d.querySelector('link[rel="stylesheet"][href^="/_signpost/style.css"]');
    if (!old) { reload(); return; }
    var link = d.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.addEventListener('load', function () { if (old.parentNode) old.parentNode.removeChild(old); });
    old.parentNode.insertBefore(link, old.nextSibling);
  }

  if (!window.EventSource) return;
  var gen = -1;
  var es = new EventSource('/_signpost/events');
  es.addEventListener('hello', function (e) {
    var msg = JSON.parse(e.data);
    // The server restarted or rebuilt while this page was away: reload.
    if (gen !== -1 && msg.gen !== gen) { reload(); return; }
    gen = msg.gen;
    if (own) return;
    if (msg.errors && msg.errors.length) show(msg.errors); else hide();
  });
  es.addEventListener('reload', function (e) {
    var msg = JSON.parse(e.data);
    gen = msg.gen;
    if (own || msg.full || msg.pages.indexOf(here) >= 0 || msg.other) reload(); else hide();
  });
  es.addEventListener('css', function (e) {
    var msg = JSON.parse(e.data);
    gen = msg.gen;
    hide();
    swapStyle(msg.href);
  });
  es.addEventListener('errors', function (e) {
    if (own) { reload(); return; }
    show(JSON.parse(e.data).errors);
  });
})();
