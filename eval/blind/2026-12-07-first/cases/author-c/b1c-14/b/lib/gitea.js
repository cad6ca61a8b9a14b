'use strict';

const { request } = require('undici');
const pkg = require('../package.json');

class GiteaClient {
  constructor(baseUrl, token) {
    this.api = new URL('/api/v1/', baseUrl).toString();
    this.token = token;
    this.headers = {
      accept: 'application/json',
      authorization: `token ${token}`,
      'user-agent': `gitea-mcp-lite/${pkg.version}`,
    };
  }

  async call(method, path, { query = {}, body } = {}) {
    const url = new URL(path.replace(/^\//, ''), this.api);
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const { statusCode, body: res } = await request(url, {
      method,
      headers: body ? { ...this.headers, 'content-type': 'application/json' } : this.headers,
      body: body ? JSON.stringify(body) : undefined,
      maxRedirections: 0,
    });
    const data = await res.json().catch(() => null);
    if (statusCode >= 400) throw new Error(`Gitea ${statusCode}: ${(data && data.message) || 'request failed'}`);
    return data;
  }

  get(path, query) {
    return this.call('GET', path, { query });
  }

  post(path, body) {
    return this.call('POST', path, { body });
  }

  whoami() {
    return this.get('/user');
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

  listPulls(owner, repo, state, limit) {
    return this.get(`/repos/${owner}/${repo}/pulls`, { state, limit, sort: 'recentupdate' });
  }

  createIssue(owner, repo, issue) {
    return this.post(`/repos/${owner}/${repo}/issues`, issue);
  }

  comment(owner, repo, index, bodyText) {
    return this.post(`/repos/${owner}/${repo}/issues/${index}/comments`, { body: bodyText });
  }
}

module.exports = { GiteaClient };
