'use strict';

/**
 * Locale / time-zone helpers. Everything here is presentation only: it decides how dates are
 * printed and where "today" and "this week" begin for the user.
 */

// Subset of CLDR weekData "firstDay", used when Intl.Locale#getWeekInfo is not available (Node < 21).
const SUNDAY_FIRST = new Set([
  'US', 'CA', 'MX', 'BR', 'JP', 'KR', 'TW', 'HK', 'IL', 'IN', 'PH', 'ZA', 'SA', 'PE', 'CO', 'VE', 'GT', 'HN', 'PA', 'DO',
]);
const SATURDAY_FIRST = new Set(['AF', 'BH', 'DJ', 'DZ', 'EG', 'IQ', 'IR', 'JO', 'KW', 'LY', 'OM', 'QA', 'SD', 'SY']);

function posixToBcp47(value) {
  if (!value) return undefined;
  const base = value.split('.')[0].split('@')[0];
  if (!base || base === 'C' || base === 'POSIX') return undefined;
  return base.replace('_', '-');
}

function resolveLocale(env = process.env) {
  const candidates = [env.AGENDA_LOCALE, posixToBcp47(env.LC_ALL), posixToBcp47(env.LC_TIME), posixToBcp47(env.LANG)];
  for (const c of candidates) {
    if (!c) continue;
    try {
      return Intl.getCanonicalLocales(c)[0];
    } catch {
      // not a valid tag, try the next one
    }
  }
  return 'en-US';
}

function isValidTimeZone(tz) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function resolveTimeZone(requested, env = process.env) {
  for (const tz of [requested, env.AGENDA_TZ, env.TZ, Intl.DateTimeFormat().resolvedOptions().timeZone]) {
    if (tz && isValidTimeZone(tz)) return tz;
  }
  return 'UTC';
}

/** 0 = Sunday … 6 = Saturday */
function firstDayOfWeek(locale) {
  try {
    const loc = new Intl.Locale(locale);
    const info = typeof loc.getWeekInfo === 'function' ? loc.getWeekInfo() : loc.weekInfo;
    if (info && info.firstDay) return info.firstDay % 7;
    const region = loc.maximize().region;
    if (SUNDAY_FIRST.has(region)) return 0;
    if (SATURDAY_FIRST.has(region)) return 6;
  } catch {
    // fall through
  }
  return 1;
}

function zonedParts(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  }).formatToParts(date);
  const get = (t) => parts.find((p) => p.type === t).value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { y: +get('year'), m: +get('month'), d: +get('day'), h: +get('hour'), mi: +get('minute'), s: +get('second'), weekday };
}

function offsetMs(date, timeZone) {
  const p = zonedParts(date, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(date.getTime() / 1000) * 1000;
}

/** Convert a wall-clock time in `timeZone` to a UTC Date. */
function fromZoned(y, m, d, h, mi, s, timeZone) {
  const guess = Date.UTC(y, m - 1, d, h, mi, s);
  let t = guess - offsetMs(new Date(guess), timeZone);
  t = guess - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

function startOfDay(date, timeZone) {
  const p = zonedParts(date, timeZone);
  return fromZoned(p.y, p.m, p.d, 0, 0, 0, timeZone);
}

function startOfWeek(date, timeZone, firstDay) {
  const p = zonedParts(date, timeZone);
  const back = (p.weekday - firstDay + 7) % 7;
  const noon = fromZoned(p.y, p.m, p.d, 12, 0, 0, timeZone);
  return startOfDay(new Date(noon.getTime() - back * 86400000), timeZone);
}

function formatter(locale, timeZone, allDay) {
  return new Intl.DateTimeFormat(locale, allDay
    ? { timeZone: 'UTC', weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }
    : { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
}

module.exports = {
  resolveLocale,
  resolveTimeZone,
  isValidTimeZone,
  firstDayOfWeek,
  zonedParts,
  fromZoned,
  startOfDay,
  startOfWeek,
  formatter,
};
