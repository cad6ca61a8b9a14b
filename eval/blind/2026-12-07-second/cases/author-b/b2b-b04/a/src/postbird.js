"use strict";

const API = "https://api.postbird.email/v1";

async function call(method, path, body) {
  const key = process.env.POSTBIRD_API_KEY;
  if (!key) throw new Error("POSTBIRD_API_KEY is not set");
  const res = await fetch(API + path, {
    method,
    headers: { "X-Postbird-Key": key, "Content-Type": "application/json", Accept: "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`Postbird ${res.status}: ${data.message || "error"}`);
  return data;
}

function send(message) {
  return call("POST", "/messages", message);
}

function status(id) {
  return call("GET", `/messages/${encodeURIComponent(id)}`);
}

module.exports = { send, status };
