"use strict";

const API_ROOT = "https://api.telegram.org";

class TelegramError extends Error {
  constructor(method, description, code) {
    super(`${method}: ${description}`);
    this.code = code;
  }
}

async function call(token, method, params = {}) {
  const res = await fetch(`${API_ROOT}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  const data = await res.json();
  if (!data.ok) throw new TelegramError(method, data.description, data.error_code);
  return data.result;
}

module.exports = { call, TelegramError };
