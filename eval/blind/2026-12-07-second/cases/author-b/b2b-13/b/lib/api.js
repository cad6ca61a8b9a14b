"use strict";

const axios = require("axios");

function createApi(token) {
  const api = axios.create({
    baseURL: process.env.DEPLOYHUB_API || "https://api.deployhub.io/v1",
    timeout: 20000,
    headers: { Authorization: `Bearer ${token}`, "User-Agent": "deployhub-mcp" },
  });
  api.interceptors.response.use(
    (r) => r,
    (err) => {
      const msg = err.response
        ? `DeployHub ${err.response.status}: ${JSON.stringify(err.response.data).slice(0, 300)}`
        : `DeployHub request failed: ${err.code || err.message}`;
      return Promise.reject(new Error(msg));
    }
  );
  return {
    projects: () => api.get("/projects").then((r) => r.data),
    deployments: (project, limit) => api.get(`/projects/${project}/deployments`, { params: { limit } }).then((r) => r.data),
    deploy: (project, ref, env) => api.post(`/projects/${project}/deployments`, { ref, environment: env }).then((r) => r.data),
    logs: (deployment) => api.get(`/deployments/${deployment}/logs`, { params: { tail: 200 } }).then((r) => r.data),
    rollback: (project, deployment) => api.post(`/projects/${project}/rollback`, { to: deployment }).then((r) => r.data),
    domains: (project) => api.get(`/projects/${project}/domains`).then((r) => r.data),
    envList: (project, env) => api.get(`/projects/${project}/env`, { params: { environment: env } }).then((r) => r.data),
  };
}

module.exports = { createApi };
