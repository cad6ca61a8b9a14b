import { parseFeed } from "./parse.js";

export function configuredFeeds() {
  return (process.env.FEEDS ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
}

export async function fetchFeed(url) {
  const res = await fetch(url, {
    headers: { accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5" },
    signal: AbortSignal.timeout(15000),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const feed = parseFeed(await res.text());
  return { url, ...feed };
}

export async function fetchAll(urls) {
  const results = [];
  for (const url of urls) {
    try {
      results.push(await fetchFeed(url));
    } catch (err) {
      results.push({ url, error: err.message, items: [] });
    }
  }
  return results;
}
