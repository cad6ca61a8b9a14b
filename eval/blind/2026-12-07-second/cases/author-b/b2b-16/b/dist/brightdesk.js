export class BrightDesk {
    subdomain;
    token;
    constructor(subdomain, token) {
        this.subdomain = subdomain;
        this.token = token;
    }
    async req(method, path, body) {
        const res = await fetch(`https://${this.subdomain}.brightdesk.com/api/v2${path}`, {
            method,
            headers: {
                authorization: `Bearer ${this.token}`,
                "content-type": "application/json",
            },
            body: body ? JSON.stringify(body) : undefined,
        });
        if (!res.ok)
            throw new Error(`BrightDesk ${res.status} ${method} ${path}`);
        return (await res.json());
    }
    async listTickets(status = "open", limit = 25) {
        const r = await this.req("GET", `/tickets?status=${status}&per_page=${limit}`);
        return r.tickets;
    }
    async search(query, limit = 20) {
        const r = await this.req("GET", `/search/tickets?q=${encodeURIComponent(query)}&per_page=${limit}`);
        return r.tickets;
    }
    async getTicket(id) {
        const r = await this.req("GET", `/tickets/${id}?include=messages`);
        return r.ticket;
    }
    async reply(id, body, internal, status) {
        const r = await this.req("POST", `/tickets/${id}/messages`, { body, internal, status });
        return r.ticket;
    }
    async setPriority(id, priority) {
        const r = await this.req("PATCH", `/tickets/${id}`, { priority });
        return r.ticket;
    }
}
