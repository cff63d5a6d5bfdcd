// signpost "open now": fills each .status[data-hours] element with whether
// the contact is open now, computed on this device by openStatus
// (hours.js) in the site's time zone: the data-tz attribute of the element
// or of the nearest element around it that has one. The hours are also on the
// page as text, so without this script nothing is lost.
function showOpenStatus(root) {
  var spans = (root || document).querySelectorAll('.status[data-hours]');
  for (var i = 0; i < spans.length; i++) {
    var s = spans[i];
    var zone = s.closest('[data-tz]');
    if (!zone) continue;
    var st = openStatus(s.getAttribute('data-hours').split(',').map(Number), zone.getAttribute('data-tz'));
    if (!st || (!st.open && !st.opensAt)) continue;
    s.textContent = st.open ? 'Open now' : 'Closed, opens at ' + st.opensAt;
    s.className = 'status ' + (st.open ? 'open' : 'closed');
  }
}
showOpenStatus();
