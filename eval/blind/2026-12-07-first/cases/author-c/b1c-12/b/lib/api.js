export const API_BASE = "https://api.cloudnote.app/v1";

export class CloudNoteApi {
  constructor(getToken) {
    this.getToken = getToken;
  }

  async req(method, path, body) {
    const token = await this.getToken();
    const res = await fetch(`${API_BASE}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
      const detail = await res.text().catch(() => "");
      throw new Error(`CloudNote ${res.status}: ${detail.slice(0, 300)}`);
    }
    return res.status === 204 ? null : res.json();
  }

  search(query, notebook, limit) {
    const q = new URLSearchParams({ q: query, limit: String(limit) });
    if (notebook) q.set("notebook", notebook);
    return this.req("GET", `/notes/search?${q}`);
  }

  get(id) {
    return this.req("GET", `/notes/${encodeURIComponent(id)}`);
  }

  create(note) {
    return this.req("POST", "/notes", note);
  }

  append(id, markdown) {
    return this.req("POST", `/notes/${encodeURIComponent(id)}/append`, { markdown });
  }

  recent(limit) {
    return this.req("GET", `/notes?sort=-updated_at&limit=${limit}`);
  }

  notebooks() {
    return this.req("GET", "/notebooks");
  }
}
