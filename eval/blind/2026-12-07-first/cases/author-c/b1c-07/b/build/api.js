const BASE = process.env.LEDGERLY_BASE_URL ?? "https://api.ledgerly.eu";
export class LedgerlyApi {
    token;
    orgId;
    constructor(token, orgId) {
        this.token = token;
        this.orgId = orgId;
    }
    async get(path, query) {
        const url = new URL(`${BASE}${path}`);
        for (const [k, v] of Object.entries(query ?? {})) {
            if (v !== undefined && v !== "")
                url.searchParams.set(k, String(v));
        }
        return this.send("GET", url);
    }
    async post(path, body) {
        return this.send("POST", new URL(`${BASE}${path}`), body);
    }
    async send(method, url, body) {
        const res = await fetch(url, {
            method,
            headers: {
                Authorization: `Bearer ${this.token}`,
                "Ledgerly-Organization": this.orgId,
                Accept: "application/json",
                ...(body ? { "Content-Type": "application/json" } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
        });
        const data = await res.json().catch(() => null);
        if (!res.ok) {
            throw new Error(`Ledgerly ${res.status}: ${data?.message ?? res.statusText}`);
        }
        return data;
    }
}
