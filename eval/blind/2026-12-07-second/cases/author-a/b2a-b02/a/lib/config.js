"use strict";

function loadConfig() {
  const cfg = {
    baseUrl: process.env.JIRA_BASE_URL,
    email: process.env.JIRA_EMAIL,
    token: process.env.JIRA_API_TOKEN,
  };
  const missing = Object.entries(cfg).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new Error(`Missing Jira settings: ${missing.join(", ")}`);
  cfg.baseUrl = cfg.baseUrl.replace(/\/+$/, "");
  return cfg;
}

module.exports = { loadConfig };
