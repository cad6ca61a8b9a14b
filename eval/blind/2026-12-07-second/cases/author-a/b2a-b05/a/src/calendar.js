import ical from "node-ical";

const sources = (process.env.ICS_SOURCES ?? "").split(",").map((s) => s.trim()).filter(Boolean);

async function loadSource(src) {
  return /^https?:\/\//.test(src) ? ical.async.fromURL(src) : ical.async.parseFile(src);
}

export async function eventsBetween(from, to) {
  if (sources.length === 0) throw new Error("Set ICS_SOURCES to one or more .ics files or URLs (comma-separated)");
  const out = [];
  for (const src of sources) {
    const data = await loadSource(src);
    for (const ev of Object.values(data)) {
      if (ev.type !== "VEVENT") continue;
      if (ev.rrule) {
        for (const start of ev.rrule.between(from, to, true)) {
          const dur = ev.end - ev.start;
          out.push({ summary: ev.summary, start, end: new Date(start.getTime() + dur), location: ev.location, allDay: ev.datetype === "date" });
        }
      } else if (ev.start < to && ev.end > from) {
        out.push({ summary: ev.summary, start: ev.start, end: ev.end, location: ev.location, allDay: ev.datetype === "date" });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
