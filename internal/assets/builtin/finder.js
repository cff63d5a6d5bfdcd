// signpost local helpline finder. The form never submits: its input has no
// name and submit is handled here, so the postcode stays on this device and
// never enters a URL. The services come from one file (the form's
// data-src), fetched after the page has loaded, so the finder keeps working
// if the connection drops; the service worker caches that file for the
// next visit. finderLookup(data, postcode) lists the local services that
// cover a postcode, most specific first, as Go's finder.Data.Lookup does.
// Needs normalisePostcode (postcode.js) and, for "open now",
// showOpenStatus (open-now.js). Its words are the page's: data-finder-*
// and data-national-heading on <main>.
function finderLookup(data, p) {
  var keys = [], local = [];
  if (p.outward) {
    keys.push(p.outward);
    // The district of a sub-district: W1 covers W1A.
    if (/[A-Z]$/.test(p.outward)) keys.push(p.outward.slice(0, -1));
  }
  keys.push(p.area);
  keys.forEach(function (k) {
    (data.a[k] || []).forEach(function (i) { if (local.indexOf(i) < 0) local.push(i); });
  });
  return local;
}

(function () {
  var d = typeof document === 'object' && document;
  if (!d) return;
  var form = d.getElementById('finder-form');
  // Without fetch the form stays hidden; the list of areas still works.
  if (!form || !window.fetch) return;
  var input = d.getElementById('finder-postcode');
  var error = d.getElementById('finder-error');
  var status = d.getElementById('finder-status');
  var out = d.getElementById('finder-results');
  var t = d.getElementById('main').dataset;
  var data = null, failed = false, pending = false;

  function load() {
    if (data) return Promise.resolve(data);
    return fetch(form.getAttribute('data-src'), {credentials: 'same-origin'})
      .then(function (r) { if (!r.ok) throw r.status; return r.json(); })
      .then(function (j) { if (j.v !== 1) throw 'version'; data = j; failed = false; return j; })
      .catch(function () { failed = true; return null; });
  }

  function el(tag, text, cls) {
    var e = d.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function say(msg) { status.textContent = ''; setTimeout(function () { status.textContent = msg; }, 50); }

  function setError(msg) {
    error.textContent = msg;
    error.hidden = !msg;
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  function list(indices) {
    var ul = el('ul', '', 'services');
    indices.forEach(function (i) {
      var s = data.s[i];
      var li = el('li', '', 'card');
      var h = el('h4');
      var a = el('a', s[1]);
      a.href = (d.documentElement.dataset.base || '/') + 'services/' + s[0] + '/';
      h.appendChild(a);
      li.appendChild(h);
      var cs = el('ul', '', 'contacts');
      // Contacts that need no phone call first, as on the outcome pages.
      var rank = {text: 0, webchat: 1, email: 2, phone: 3, web: 4};
      s[2].slice().sort(function (x, y) { return rank[x[0]] - rank[y[0]]; }).forEach(function (c) {
        var ci = el('li');
        var link = el('a', c[1]);
        link.href = c[2];
        ci.appendChild(link);
        if (c[3]) ci.appendChild(el('span', c[3], 'hours'));
        if (c[4]) {
          var st = el('span', '', 'status');
          // open-now.js finds the time zone and its words on <main>.
          st.setAttribute('data-hours', c[4].join(','));
          ci.appendChild(st);
        }
        cs.appendChild(ci);
      });
      li.appendChild(cs);
      ul.appendChild(li);
    });
    return ul;
  }

  // found is finder_found for n services: a plural text, one attribute per
  // form (data-finder-found-one, ...-other); the form of n in the page's
  // language, or one or other where the browser has no Intl.PluralRules.
  function found(n) {
    var f = n === 1 ? 'One' : 'Other';
    try {
      f = new Intl.PluralRules(d.documentElement.lang).select(n);
      f = f[0].toUpperCase() + f.slice(1);
    } catch (e) {}
    return (t['finderFound' + f] || t.finderFoundOther).replace('{count}', n);
  }

  function find() {
    var p = normalisePostcode(input.value);
    out.textContent = '';
    if (!p) {
      setError(input.value.trim() ? t.finderInvalid : t.finderEmpty);
      say('');
      input.focus();
      return;
    }
    setError('');
    if (!data) {
      say(failed ? t.finderFailed : t.finderLoading);
      if (!pending) { pending = true; load().then(function () { pending = false; if (data) find(); }); }
      return;
    }
    var shown = p.full || p.outward || p.area, local = finderLookup(data, p);
    var h = el('h3', (local.length ? t.finderLocal : t.finderLocalNone).replace('{postcode}', shown));
    h.id = 'finder-local';
    h.tabIndex = -1;
    out.appendChild(h);
    if (local.length) out.appendChild(list(local));
    else out.appendChild(el('p', t.finderNoneHere));
    if (!p.outward) out.appendChild(el('p', t.finderAreaOnly.replace('{example}', p.area + '1'), 'hint'));
    if (data.n.length) {
      out.appendChild(el('h3', t.nationalHeading));
      out.appendChild(list(data.n));
    }
    if (window.showOpenStatus) showOpenStatus(out);
    say((local.length ? found(local.length) : t.finderFoundNone).replace('{postcode}', shown));
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    find();
  });
  form.hidden = false;
  if (d.readyState === 'complete') load();
  else window.addEventListener('load', function () { load(); });
})();
