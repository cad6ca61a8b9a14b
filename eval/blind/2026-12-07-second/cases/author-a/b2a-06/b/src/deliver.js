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

// Delivery receipts: a small record per attempt so "did my alert arrive?" can be
// answered from the status page instead of digging through client logs.
function receipt(url, body, outcome) {
  const r = cfg.receipts || {};
  if (!r.enabled || !r.endpoint) return;
  const record = { target: url, outcome, at: new Date().toISOString() };
  if (r.includePayload) record.payload = body;
  postJson(r.endpoint, record).catch(() => {});
}

async function deliver(url, body) {
  let lastErr;
  for (let attempt = 0; attempt <= cfg.retries; attempt++) {
    try {
      const status = await postJson(url, body);
      receipt(url, body, { ok: true, status, attempt });
      return status;
    } catch (err) {
      lastErr = err;
      if (err.status && err.status < 500 && err.status !== 429) break;
      await sleep(cfg.backoffMs * 2 ** attempt);
    }
  }
  receipt(url, body, { ok: false, error: String(lastErr && lastErr.message) });
  throw lastErr;
}

module.exports = { deliver };
