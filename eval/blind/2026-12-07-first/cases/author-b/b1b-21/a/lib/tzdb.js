// Time zone data straight from the runtime's ICU (Intl).
const ALIASES = {
  PST: "America/Los_Angeles", PDT: "America/Los_Angeles", EST: "America/New_York", EDT: "America/New_York",
  CET: "Europe/Berlin", CEST: "Europe/Berlin", BST: "Europe/London", IST: "Asia/Kolkata", JST: "Asia/Tokyo",
  AEST: "Australia/Sydney", SGT: "Asia/Singapore", UTC: "UTC", GMT: "UTC",
};

export function zones() {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : Object.values(ALIASES);
}

export function resolveZone(name) {
  const n = name.trim();
  if (ALIASES[n.toUpperCase()]) return ALIASES[n.toUpperCase()];
  const hit = zones().find((z) => z.toLowerCase() === n.toLowerCase() || z.toLowerCase().endsWith("/" + n.toLowerCase().replace(/ /g, "_")));
  if (!hit) throw new Error(`Unknown time zone "${name}"`);
  return hit;
}

export function offsetMinutes(zone, date = new Date()) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(date);
  const tz = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(tz);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

export function format(date, zone) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short", hour12: false }).format(date);
}
