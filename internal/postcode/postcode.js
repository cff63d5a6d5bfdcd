// normalisePostcode reads a UK postcode as a person typed it, exactly as
// signpost's Go postcode.Normalise does: a full postcode ("ls61aa",
// " LS6  1AA "), an outward code ("LS6") or a postcode area ("LS"), in any
// case. Spaces (ASCII white space and no-break spaces) may surround it and
// separate the outward and inward codes, and nowhere else. Returns
// {area, outward, full}, with '' for the parts not given, like
// {area: 'LS', outward: 'LS6', full: 'LS6 1AA'}; or null if it is not a
// postcode.
function normalisePostcode(input) {
  const parts = String(input).split(/[ \t\n\r\f\v\u00a0]+/).filter(Boolean);
  if (!parts.length || parts.length > 2 || !/^[A-Za-z0-9]+$/.test(parts.join(''))) return null;
  const s = parts[0].toUpperCase();
  const outward = /^([A-Z]{1,2})[0-9][0-9A-Z]?$/.exec(s);
  if (parts.length === 2) {
    const inward = parts[1].toUpperCase();
    return outward && /^[0-9][A-Z]{2}$/.test(inward) ? {area: outward[1], outward: s, full: s + ' ' + inward} : null;
  }
  const m = /^(([A-Z]{1,2})[0-9][0-9A-Z]?)([0-9][A-Z]{2})?$/.exec(s);
  if (m) return {area: m[2], outward: m[1], full: m[3] ? m[1] + ' ' + m[3] : ''};
  return /^[A-Z]{1,2}$/.test(s) ? {area: s, outward: '', full: ''} : null;
}
