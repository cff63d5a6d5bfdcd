// openStatus says whether a service is open now, on the visitor's device.
// compact is the encoding of signpost's Hours.Compact: a flat list of
// [days, start, end] triples, where bit d of days is the weekday d (0 is
// Sunday, as in Date.getDay), start and end are minutes after that day's
// midnight, and an end past 1440 runs into the next day. The wall clock is
// read in timeZone (the site's), so the browser handles daylight saving.
// now is a Date or milliseconds; it defaults to the current time.
// Returns {open, opensAt}, where opensAt names the next opening time by the
// wall clock, like "Tue 09:00" (null when open or never open), or null when
// the browser does not know timeZone.
function openStatus(compact, timeZone, now) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-GB', {timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'})
      .formatToParts(now == null ? new Date() : now);
  } catch (e) {
    return null;
  }
  const names = 'SunMonTueWedThuFriSat';
  const part = type => (parts.find(p => p.type === type) || {}).value;
  const day = names.indexOf(part('weekday')) / 3;
  const minute = part('hour') % 24 * 60 + +part('minute');
  if (!(day >= 0 && day % 1 === 0 && minute >= 0)) return null;
  const pad = n => (n < 10 ? '0' : '') + n;
  let open = false, wait = 1e9, opensAt = null;
  for (let i = 0; i + 2 < compact.length; i += 3) {
    const days = compact[i], start = compact[i + 1], end = compact[i + 2];
    if ((days >> day & 1 && start <= minute && minute < end) ||
        (days >> (day + 6) % 7 & 1 && minute + 1440 < end)) open = true;
    for (let d = 0; d < 7; d++) {
      // Minutes from now until this slot next opens on day d.
      const w = ((d - day) * 1440 + start - minute + 10080) % 10080;
      if (days >> d & 1 && w > 0 && w < wait) {
        wait = w;
        opensAt = names.substr(d * 3, 3) + ' ' + pad(start / 60 | 0) + ':' + pad(start % 60);
      }
    }
  }
  return {open, opensAt: open ? null : opensAt};
}
