// signpost pathway script, inlined in pathway pages only (layouts/
// pathway.html). The page works without it: every answer is an in-page
// link, and CSS shows the step the fragment names. This script adds, on
// every step change (a new fragment, or a load with one):
//   - focus on the step's heading, without scrolling the emergency banner
//     out of view, and a neutral document title ("Question 3 - ...",
//     "Result - ..."): the browser keeps titles in its history, so no
//     question's, answer's or outcome's words go there;
//   - one polite live region (#pw-say) that announces the new step;
//   - a Back button that goes back one question;
//   - on an outcome, "Change your answers": each question and the answer
//     given, with a link back to it (a new answer there cuts the trail);
//   - the answer trail kept in sessionStorage, so a reload keeps it. It
//     holds neutral step anchors and answer positions only ([["q1",1],
//     ["q2",0]]), and the quick exit (base.js) clears it.
// It shows and hides steps itself (the hidden attribute), so browsers
// without :has() get one step at a time too. It makes no network request.
// Its words are the page's: data-change, data-question and data-result on <main>.
//
// No trail after the quick exit: the exit wipes the stored trail, but the
// browser still holds this page's steps in its history. Coming back to one
// of them (Back from the exit site, from the back-forward cache or loaded
// again, or Back within the page) shows a later step only if the trail
// leads to it, so after the exit it always shows the start. Only a fresh
// visit to a link (#q5, #o2) opens a step with no trail.
(function () {
  var d = document;
  var pw = d.querySelector('.pathway');
  if (!pw) return;
  var steps = pw.querySelectorAll('.step');
  var $ = function (id) { return d.getElementById(id); };
  var back = $('pw-back'), sum = $('pw-sum'),
    list = $('pw-trail'), again = $('pw-again'), say = $('pw-say');
  var key = 'trail ' + location.pathname;
  var title = d.title, tx = $('main').dataset;
  var cur, path = [], answered = false;

  function step(id) {
    var s = id && $(id);
    return s && s.matches('.pathway>.step') ? s : null;
  }
  function answers(id) { return step(id).querySelectorAll('.answers a'); }
  // to is the step an answer in the trail leads to.
  function to(e) { return answers(e[0])[e[1]].getAttribute('href').slice(1); }

  // The stored trail, if it is still a chain of this page's answers
  // (anything else throws: no array, a step not on this page, ...).
  function load() {
    try {
      var t = JSON.parse(sessionStorage.getItem(key)) || [];
      t.forEach(function (e, i) {
        if (!answers(e[0])[e[1]] || i && to(t[i - 1]) !== e[0]) throw 0;
      });
      return t;
    } catch (e) {
      return [];
    }
  }
  var trail = load();
  function save() {
    try { sessionStorage.setItem(key, JSON.stringify(trail)); } catch (e) {}
  }

  // The answers that led to step id: the trail up to it, or nothing when
  // the trail does not pass through it (a link opened on its own).
  function pathTo(id) {
    for (var i = 0; i < trail.length; i++) if (trail[i][0] === id) return trail.slice(0, i);
    return trail.length && to(trail[trail.length - 1]) === id ? trail : [];
  }

  function el(tag, parent, content) {
    var e = d.createElement(tag);
    e.textContent = content || '';
    return parent.appendChild(e);
  }

  // show shows the step the fragment names. moved: the step changed (focus
  // and announce it); returning: this is a return through history, where a step
  // the trail does not lead to shows the start instead.
  function show(moved, returning) {
    var h = location.hash.slice(1);
    if (h && !step(h) && cur) return; // another fragment (#main): stay on this step
    cur = step(h) || steps[0];
    path = pathTo(cur.id);
    if (returning && !path.length && cur !== steps[0]) {
      cur = steps[0];
      history.replaceState(null, '', '#' + cur.id);
    }
    var out = cur.matches('.outcome');
    steps.forEach(function (s) { s.hidden = s !== cur; });
    back.hidden = !path.length;
    sum.hidden = !out || !path.length;
    again.hidden = !out && (path.length || cur === steps[0]);
    list.textContent = '';
    if (out) {
      path.forEach(function (e) {
        var li = el('li', list), q = step(e[0]).querySelector('h2').textContent;
        el('span', li, q);
        el('b', li, answers(e[0])[e[1]].textContent);
        var a = el('a', li, tx.change);
        a.href = '#' + e[0];
        el('span', a, ': ' + q).className = 'visually-hidden';
      });
    }
    if (!moved) return;
    var h2 = cur.querySelector('h2'), n = out ? tx.result : tx.question.replace('{number}', path.length + 1);
    d.title = n + ' - ' + title;
    say.textContent = n + ': ' + h2.textContent;
    h2.focus({ preventScroll: true });
    scrollTo(0, 0);
  }

  pw.addEventListener('click', function (ev) {
    var a = ev.target.closest('a');
    if (!a || ev.ctrlKey || ev.metaKey) return; // a new tab: not an answer here
    if (a.parentNode === again) {
      trail = [];
      save();
    } else if (a.closest('.answers')) {
      trail = path.concat([[cur.id, [].indexOf.call(answers(cur.id), a)]]);
      save();
      answered = true;
    }
  });
  back.addEventListener('click', function () {
    // After an answer, the entry before this one is the previous question.
    if (history.state) history.back();
    else location.replace('#' + path[path.length - 1][0]);
  });
  // Which fragment changes are returns through history: where the browser
  // has the Navigation API, a traverse; elsewhere any that no answer made.
  var nav = window.navigation, traverse = false;
  if (nav) nav.addEventListener('navigate', function (e) { traverse = e.navigationType === 'traverse'; });
  addEventListener('hashchange', function () {
    var a = answered;
    if (a) history.replaceState(1, ''); // see back
    answered = false;
    show(true, nav ? traverse : !a);
    traverse = false;
  });
  // Back to this page: from the back-forward cache (persisted), the
  // trail may have been wiped since the page was left.
  addEventListener('pageshow', function (e) {
    if (!e.persisted) return;
    trail = load();
    show(true, true);
  });
  d.addEventListener('exit', function () {
    trail = [];
    history.replaceState(null, '', '#' + steps[0].id);
    show(false);
    d.title = title;
  });
  pw.className += ' live';
  var load0 = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
  var returned = load0 && load0.type === 'back_forward';
  show(returned, returned);
  // A load with a fragment: the browser's own scroll to the fragment moves
  // focus to the viewport once the document is parsed, so take it after.
  if (location.hash) addEventListener('load', function () { show(true, returned); });
})();
