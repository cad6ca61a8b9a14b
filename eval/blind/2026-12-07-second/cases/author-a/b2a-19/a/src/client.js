"use strict";

const BASE = "https://api.taskpilot.app/v1";

async function tp(method, path, body) {
  const token = process.env.TASKPILOT_TOKEN;
  if (!token) throw new Error("TASKPILOT_TOKEN is not set");
  const res = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`TaskPilot ${res.status}: ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

module.exports = { tp };
