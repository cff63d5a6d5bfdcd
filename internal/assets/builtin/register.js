// signpost service worker registration, inlined in the head of every page
// of a built site (never in the preview). Progressive: without service workers
// the site works as it is, online.
//
// The worker is registered after the page has loaded, when the browser is
// idle, so its precache never competes with the first render; then it is
// asked to check for a new build (sw.js is the same on every build; it
// fetches sw-manifest.json). When the worker has saved a new build, or a
// newer copy of this page, the page is not reloaded (the person may be
// part-way through a pathway): it says that the information has been
// updated, with a link to load the new version. On a fast connection
// without Save-Data, the pages this one links to are offered to the worker,
// which saves them if the site asks for prefetching.
(function () {
  var sw = navigator.serviceWorker;
  if (!sw || !window.Promise) return;
  function check() {
    // A site under a path (<html data-base="/mysite/">) has its worker there.
    var base = document.documentElement.dataset.base || '/';
    sw.register(base + 'sw.js', { scope: base, updateViaCache: 'none' }).then(function () {
      return sw.ready;
    }).then(function (reg) {
      if (!reg.active) return;
      reg.active.postMessage({ type: 'check' });
      var c = navigator.connection;
      if (c && !c.saveData && c.effectiveType === '4g') {
        var urls = [], links = document.querySelectorAll('main a[href^="/"]');
        for (var i = 0; i < links.length && urls.length < 20; i++) urls.push(links[i].getAttribute('href'));
        reg.active.postMessage({ type: 'prefetch', urls: urls });
      }
    }).catch(function () {});
  }
  function later() {
    if (window.requestIdleCallback) window.requestIdleCallback(check, { timeout: 5000 });
    else setTimeout(check, 1000);
  }
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later);
  sw.addEventListener('message', function (e) {
    if (!e.data || e.data.type !== 'updated') return;
    var main = document.getElementById('main');
    if (!main || document.getElementById('updated')) return;
    var p = document.createElement('p');
    p.id = 'updated';
    p.className = 'note';
    p.setAttribute('role', 'status');
    main.insertBefore(p, main.firstChild);
    // Filled in after the live region exists, so screen readers announce it.
    // Its words are the page's: data-updated and data-reload on <main>.
    setTimeout(function () {
      p.appendChild(document.createTextNode(main.dataset.updated + ' '));
      var a = document.createElement('a');
      a.href = location.pathname + location.search;
      a.textContent = main.dataset.reload;
      p.appendChild(a);
    }, 100);
  });
  if (sw.startMessages) sw.startMessages();
})();
