import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import { parseFeed, parseOpml } from "./parse.js";

const limit = pLimit(4);

function opmlFeeds() {
  const file = process.env.FEEDS_OPML;
  if (!file) return [];
  try {
    return parseOpml(readFileSync(file, "utf8"));
  } catch (err) {
    console.error(`feedreader: cannot read FEEDS_OPML (${file}): ${err.message}`);
    return [];
  }
}

let configured;
export function configuredFeeds() {
  configured ??= [
    ...new Set([
      ...(process.env.FEEDS ?? "").split(/[\s,]+/).filter(Boolean),
      ...opmlFeeds(),
    ]),
  ].filter((u) => /^https?:\/\//.test(u));
  return configured;
}

export async function fetchFeed(url) {
  const res = await fetch(url, {
    headers: {
      accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
      "user-agent": "mcp-server-feedreader/1.4 (+https://github.com/ydemir/mcp-server-feedreader)",
    },
    signal: AbortSignal.timeout(15000),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const feed = parseFeed(await res.text());
  return { url, ...feed };
}

export async function fetchAll(urls) {
  return Promise.all(
    urls.map((url) =>
      limit(async () => {
        try {
          return await fetchFeed(url);
        } catch (err) {
          return { url, error: err.message, items: [] };
        }
      })
    )
  );
}
