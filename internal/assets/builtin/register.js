// signpost service worker registration, inlined in the head of every page
// of a built site (never in the preview). Progressive: without service workers
// the site works as it is, online.
//
// The worker is registered after the page has loaded, when the browser is
// idle, so its precache never competes with the first render. When a new
// build's worker takes over while this page is open, the page is not
// reloaded (the person may be part-way through a pathway): it says that the
// information has been updated, with a link to load the new version. Every
// page opened after that is the new build.
(function () {
  var sw = navigator.serviceWorker;
  if (!sw || !window.Promise) return;
  var controlled = !!sw.controller;
  function register() {
    sw.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(function () {});
  }
  function later() {
    if (window.requestIdleCallback) window.requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 1000);
  }
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later);
  sw.addEventListener('controllerchange', function () {
    if (!controlled) { controlled = true; return; } // first visit: the worker just took charge
    var main = document.getElementById('main');
    if (!main || document.getElementById('updated')) return;
    var p = document.createElement('p');
    p.id = 'updated';
    p.className = 'note';
    p.setAttribute('role', 'status');
    main.insertBefore(p, main.firstChild);
    // Filled in after the live region exists, so screen readers announce it.
    setTimeout(function () {
      p.appendChild(document.createTextNode('This information has been updated. '));
      var a = document.createElement('a');
      a.href = location.pathname + location.search;
      a.textContent = 'Load the latest version';
      p.appendChild(a);
    }, 100);
  });
})();
