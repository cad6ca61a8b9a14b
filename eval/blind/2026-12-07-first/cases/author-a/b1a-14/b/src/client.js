const API = process.env.DAYLOG_API_URL ?? "https://api.daylog.app/v2";

export class DaylogClient {
  constructor(token) {
    if (!token) throw new Error("DAYLOG_TOKEN is required");
    this.token = token;
  }

  async req(method, path, body) {
    const res = await fetch(`${API}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        "content-type": "application/json",
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`Daylog ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  }

  postUpdate(team, update) {
    return this.req("POST", `/teams/${encodeURIComponent(team)}/updates`, update);
  }

  feed(team, since) {
    const q = since ? `?since=${encodeURIComponent(since)}` : "";
    return this.req("GET", `/teams/${encodeURIComponent(team)}/updates${q}`);
  }

  teams() {
    return this.req("GET", "/me/teams");
  }
}
