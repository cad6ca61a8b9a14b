// Present times the way the user reads them: in their time zone, language and clock
// style, instead of raw UTC ISO strings (#19, #23).
function envLocale() {
  const raw = process.env.CALENDAR_LOCALE || process.env.LC_ALL || process.env.LC_TIME || process.env.LANG || "";
  const tag = raw.split(".")[0].replace("_", "-");
  return tag && tag !== "C" && tag !== "POSIX" ? tag : undefined;
}

const resolved = Intl.DateTimeFormat(envLocale()).resolvedOptions();
export const locale = resolved.locale;
export const timeZone = process.env.CALENDAR_TZ || process.env.TZ || resolved.timeZone || "UTC";

// First day of the week: Sunday in the Americas and parts of Asia, Saturday in much of
// the Middle East, Monday elsewhere (ISO 8601). Intl.Locale#weekInfo is not available
// on every Node 18 build, so fall back to the time-zone region.
export function firstDayOfWeek() {
  try {
    const info = new Intl.Locale(locale).weekInfo ?? new Intl.Locale(locale).getWeekInfo?.();
    if (info?.firstDay) return info.firstDay % 7;
  } catch {}
  if (timeZone.startsWith("America/")) return 0;
  if (["Asia/Riyadh", "Asia/Dubai", "Africa/Cairo", "Asia/Tehran"].includes(timeZone)) return 6;
  return 1;
}

const dateFmt = new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", year: "numeric", month: "short", day: "numeric" });
const timeFmt = new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" });

export function formatDate(d) {
  return dateFmt.format(d);
}

export function formatTime(d) {
  return timeFmt.format(d);
}

export function startOfWeek(now = new Date()) {
  const d = new Date(now);
  const diff = (d.getDay() - firstDayOfWeek() + 7) % 7;
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - diff);
  return d;
}
