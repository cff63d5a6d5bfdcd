// signpost base script, inlined in every page's head. It marks the
// document as scripted (for .js-only/.no-js styles) and drives the quick
// exit: the Exit link, and three presses of Shift within five seconds (as
// GOV.UK's "Exit this page" does), replace the current history entry with
// the exit site and clear what this site keeps for the tab. Before it
// leaves, it sends an "exit" event, so a page's own script can first take
// off the screen what the person was doing (pathway.js shows the start
// again): the browser may keep the page for its Back button.
(function () {
  var d = document;
  d.documentElement.className += ' js';
  function exit(e) {
    var a = d.getElementById('exit');
    if (!a) return;
    if (e) e.preventDefault();
    try { sessionStorage.clear(); } catch (_) {}
    d.dispatchEvent(new Event('exit'));
    location.replace(a.href);
  }
  d.addEventListener('click', function (e) {
    var t = e.target;
    if (t && t.closest && t.closest('#exit')) exit(e);
  });
  var presses = [];
  d.addEventListener('keydown', function (e) {
    if (e.key !== 'Shift' || e.repeat) { if (e.key !== 'Shift') presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) { presses = []; exit(); }
  });
})();
