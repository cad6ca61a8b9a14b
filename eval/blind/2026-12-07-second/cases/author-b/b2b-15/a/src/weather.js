const BASE = "https://api.weatherline.net/v2";

async function call(path, params) {
  const u = new URL(BASE + path);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  const headers = process.env.WEATHERLINE_KEY ? { "x-weatherline-key": process.env.WEATHERLINE_KEY } : {};
  const r = await fetch(u, { headers });
  if (!r.ok) throw new Error(`weatherline ${r.status}: ${await r.text()}`);
  return r.json();
}

export const geocode = ({ place }) => call("/geocode", { q: place, limit: 5 });

async function coords(args) {
  if (args.lat !== undefined && args.lon !== undefined) return { lat: args.lat, lon: args.lon };
  const [hit] = (await geocode({ place: args.place })).results || [];
  if (!hit) throw new Error(`Unknown place: ${args.place}`);
  return { lat: hit.lat, lon: hit.lon };
}

export async function forecast(args) {
  const c = await coords(args);
  const d = await call("/forecast", { ...c, days: args.days ?? 3, units: args.units ?? "metric" });
  return d.daily.map((x) => `${x.date}: ${x.summary}, ${x.min}–${x.max}°, precip ${x.precip_prob}%`).join("\n");
}

export async function current(args) {
  const c = await coords(args);
  const d = await call("/current", { ...c, units: args.units ?? "metric" });
  return `${d.summary}, ${d.temp}° (feels ${d.feels_like}°), wind ${d.wind_speed} ${d.wind_dir}, humidity ${d.humidity}%`;
}

export async function alerts(args) {
  const c = await coords(args);
  const d = await call("/alerts", c);
  return d.alerts.length ? d.alerts.map((a) => `[${a.severity}] ${a.event}: ${a.headline}`).join("\n") : "No active alerts.";
}
