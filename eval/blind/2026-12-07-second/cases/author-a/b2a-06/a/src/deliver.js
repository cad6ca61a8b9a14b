"use strict";

const cfg = require("../config/delivery.json");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function postJson(url, body) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": cfg.userAgent },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(cfg.timeoutMs),
  });
  if (!res.ok) {
    const err = new Error(`HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return res.status;
}

async function deliver(url, body) {
  let lastErr;
  for (let attempt = 0; attempt <= cfg.retries; attempt++) {
    try {
      return await postJson(url, body);
    } catch (err) {
      lastErr = err;
      if (err.status && err.status < 500 && err.status !== 429) break;
      await sleep(cfg.backoffMs * 2 ** attempt);
    }
  }
  throw lastErr;
}

module.exports = { deliver };
