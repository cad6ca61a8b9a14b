"use strict";

const axios = require("axios");

function createClient({ account, email, apiKey }) {
  const http = axios.create({
    baseURL: `https://${account}.deskly.io/api/v1`,
    timeout: 15000,
    auth: { username: `${email}/token`, password: apiKey },
    headers: { "User-Agent": "mcp-deskly" },
  });

  http.interceptors.response.use(undefined, (err) => {
    const status = err.response && err.response.status;
    const detail = err.response && err.response.data && (err.response.data.error || err.response.data.message);
    return Promise.reject(new Error(status ? `Deskly API ${status}: ${detail || err.message}` : err.message));
  });

  return {
    async searchTickets(query, status) {
      const { data } = await http.get("/tickets/search", { params: { q: query, status, per_page: 25 } });
      return data.tickets;
    },
    async getTicket(id) {
      const { data } = await http.get(`/tickets/${id}`, { params: { include: "comments" } });
      return data.ticket;
    },
    async reply(id, body, isPublic) {
      const { data } = await http.post(`/tickets/${id}/comments`, { body, public: isPublic });
      return data.comment;
    },
    async update(id, fields) {
      const { data } = await http.patch(`/tickets/${id}`, fields);
      return data.ticket;
    },
  };
}

module.exports = { createClient };
