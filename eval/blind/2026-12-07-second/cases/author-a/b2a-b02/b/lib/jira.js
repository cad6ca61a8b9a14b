"use strict";

class JiraClient {
  constructor({ baseUrl, email, token }) {
    this.baseUrl = baseUrl;
    this.auth = "Basic " + Buffer.from(`${email}:${token}`).toString("base64");
  }

  async call(method, path, body) {
    const res = await fetch(`${this.baseUrl}/rest/api/3${path}`, {
      method,
      headers: { Authorization: this.auth, Accept: "application/json", "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`Jira ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res.status === 204 ? null : res.json();
  }

  search(jql, max = 20) {
    return this.call("POST", "/search/jql", { jql, maxResults: max, fields: ["summary", "status", "assignee", "priority"] });
  }

  issue(key) {
    return this.call("GET", `/issue/${encodeURIComponent(key)}?fields=summary,status,assignee,description,comment`);
  }

  comment(key, text) {
    return this.call("POST", `/issue/${encodeURIComponent(key)}/comment`, {
      body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
    });
  }
}

module.exports = { JiraClient };
