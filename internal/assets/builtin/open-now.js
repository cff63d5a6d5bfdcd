// signpost "open now": fills each .status[data-hours] element with whether
// the contact is open now, computed on this device by openStatus
// (hours.js) in the site's time zone: the data-tz attribute of the element
// or of the nearest element around it that has one. The hours are also on the
// page as text, so without this script nothing is lost. Its words are the
// page's, on that same element: data-open, data-closed and
// data-days (<main> carries them with the site's time zone).
function showOpenStatus(root) {
  var spans = (root || document).querySelectorAll('.status[data-hours]');
  for (var i = 0; i < spans.length; i++) {
    var s = spans[i];
    var zone = s.closest('[data-tz]');
    if (!zone) continue;
    var t = zone.dataset, st = openStatus(s.getAttribute('data-hours').split(',').map(Number), t.tz);
    if (!st || (!st.open && !st.opensAt)) continue;
    // opensAt is "Tue 09:00": the page's name of its day, and the time.
    s.textContent = st.open ? t.open : t.closed.replace('{when}',
      t.days.split(' ')['SunMonTueWedThuFriSat'.indexOf(st.opensAt.slice(0, 3)) / 3] + st.opensAt.slice(3));
    s.className = 'status ' + (st.open ? 'open' : 'closed');
  }
}
showOpenStatus();
