'use strict';

const API_BASE = 'https://api.shiplog.dev/v2';

class ShiplogApi {
  constructor(token, { base = API_BASE, version = '0.0.0' } = {}) {
    this.token = token;
    this.base = base.replace(/\/+$/, '');
    this.ua = `mcp-server-shiplog/${version} node/${process.versions.node}`;
  }

  async call(method, path, body) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        'user-agent': this.ua,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status === 204) return null;
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const msg = json && json.error ? json.error.message : res.statusText;
      const err = new Error(`Shiplog ${res.status}: ${msg}`);
      err.status = res.status;
      throw err;
    }
    return json;
  }

  listEntries(project, { status, limit = 20 } = {}) {
    const qs = new URLSearchParams({ limit: String(limit) });
    if (status) qs.set('status', status);
    return this.call('GET', `/projects/${encodeURIComponent(project)}/entries?${qs}`);
  }

  getEntry(project, id) {
    return this.call('GET', `/projects/${encodeURIComponent(project)}/entries/${encodeURIComponent(id)}`);
  }

  createDraft(project, entry) {
    return this.call('POST', `/projects/${encodeURIComponent(project)}/entries`, { ...entry, status: 'draft' });
  }

  updateEntry(project, id, patch) {
    return this.call('PATCH', `/projects/${encodeURIComponent(project)}/entries/${encodeURIComponent(id)}`, patch);
  }

  publish(project, id, { publishAt } = {}) {
    return this.call(
      'POST',
      `/projects/${encodeURIComponent(project)}/entries/${encodeURIComponent(id)}/publish`,
      publishAt ? { publish_at: publishAt } : undefined
    );
  }
}

module.exports = { ShiplogApi, API_BASE };
