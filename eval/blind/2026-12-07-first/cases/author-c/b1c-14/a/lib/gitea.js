'use strict';

const { request } = require('undici');

class GiteaClient {
  constructor(baseUrl, token) {
    this.api = new URL('/api/v1/', baseUrl).toString();
    this.token = token;
  }

  async get(path, query = {}) {
    const url = new URL(path.replace(/^\//, ''), this.api);
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    url.searchParams.set('access_token', this.token);
    const { statusCode, body } = await request(url, { method: 'GET', headers: { accept: 'application/json' } });
    const data = await body.json().catch(() => null);
    if (statusCode >= 400) throw new Error(`Gitea ${statusCode}: ${(data && data.message) || 'request failed'}`);
    return data;
  }

  listRepos(query, limit) {
    return this.get('/repos/search', { q: query, limit });
  }

  getFile(owner, repo, path, ref) {
    return this.get(`/repos/${owner}/${repo}/contents/${path.split('/').map(encodeURIComponent).join('/')}`, { ref });
  }

  listIssues(owner, repo, state, limit) {
    return this.get(`/repos/${owner}/${repo}/issues`, { state, type: 'issues', limit });
  }

  getIssue(owner, repo, index) {
    return this.get(`/repos/${owner}/${repo}/issues/${index}`);
  }
}

module.exports = { GiteaClient };
