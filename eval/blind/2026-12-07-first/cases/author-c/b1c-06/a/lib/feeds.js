'use strict';

const { parseIcs } = require('./ics');

const TTL = 5 * 60 * 1000;
let cache = { at: 0, events: [] };

function feedUrls() {
  return (process.env.AGENDA_ICS_URL || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function loadEvents() {
  if (Date.now() - cache.at < TTL) return cache.events;
  const urls = feedUrls();
  const all = [];
  for (const [i, url] of urls.entries()) {
    const res = await fetch(url.replace(/^webcal:/, 'https:'));
    if (!res.ok) throw new Error(`Feed ${i + 1} returned HTTP ${res.status}`);
    all.push(...parseIcs(await res.text(), `feed${i + 1}`));
  }
  all.sort((a, b) => a.start - b.start);
  cache = { at: Date.now(), events: all };
  return all;
}

module.exports = { loadEvents, feedUrls };
