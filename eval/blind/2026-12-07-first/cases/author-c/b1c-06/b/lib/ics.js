'use strict';

const { fromZoned, isValidTimeZone } = require('./locale');

function unfold(text) {
  return text.replace(/\r?\n[ \t]/g, '');
}

function unescape(value) {
  return value.replace(/\\n/gi, '\n').replace(/\\,/g, ',').replace(/\\;/g, ';').replace(/\\\\/g, '\\');
}

function parseDate(value, params) {
  if (/VALUE=DATE(?!-)/.test(params) || /^\d{8}$/.test(value)) {
    return { date: new Date(Date.UTC(+value.slice(0, 4), +value.slice(4, 6) - 1, +value.slice(6, 8))), allDay: true };
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  if (!m) return { date: new Date(NaN), allDay: false };
  const [, y, mo, d, h, mi, s, z] = m;
  const tzid = /TZID=("?)([^;"]+)\1/.exec(params);
  if (!z && tzid && isValidTimeZone(tzid[2])) {
    return { date: fromZoned(+y, +mo, +d, +h, +mi, +s, tzid[2]), allDay: false };
  }
  return { date: new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s)), allDay: false };
}

function parseIcs(text, calendar) {
  const events = [];
  let cur = null;
  for (const line of unfold(text).split(/\r?\n/)) {
    if (line === 'BEGIN:VEVENT') {
      cur = { calendar };
      continue;
    }
    if (line === 'END:VEVENT') {
      if (cur && cur.start) events.push(cur);
      cur = null;
      continue;
    }
    if (!cur) continue;
    const idx = line.indexOf(':');
    if (idx < 0) continue;
    const [name, ...paramParts] = line.slice(0, idx).split(';');
    const params = paramParts.join(';');
    const value = line.slice(idx + 1);
    switch (name) {
      case 'SUMMARY': cur.title = unescape(value); break;
      case 'LOCATION': cur.location = unescape(value); break;
      case 'DESCRIPTION': cur.description = unescape(value); break;
      case 'UID': cur.uid = value; break;
      case 'DTSTART': { const p = parseDate(value, params); cur.start = p.date; cur.allDay = p.allDay; break; }
      case 'DTEND': cur.end = parseDate(value, params).date; break;
      default: break;
    }
  }
  return events;
}

module.exports = { parseIcs };
