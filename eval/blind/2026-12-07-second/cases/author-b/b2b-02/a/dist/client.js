export class TrackwiseApiError extends Error {
    status;
    body;
    constructor(status, body, message) {
        super(message ?? `Trackwise API error ${status}`);
        this.status = status;
        this.body = body;
        this.name = "TrackwiseApiError";
    }
}
const DEFAULT_BASE = "https://api.trackwise.app/v1";
export class TrackwiseClient {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    async request(method, path, body, query) {
        const base = this.opts.baseUrl ?? DEFAULT_BASE;
        const url = new URL(base.replace(/\/$/, "") + path);
        if (query) {
            for (const [k, v] of Object.entries(query)) {
                if (v === undefined || v === null)
                    continue;
                url.searchParams.set(k, Array.isArray(v) ? v.join(",") : String(v));
            }
        }
        const headers = {
            authorization: `Bearer ${this.opts.token}`,
            accept: "application/json",
            "user-agent": this.opts.userAgent ?? "trackwise-mcp",
        };
        if (this.opts.workspace)
            headers["x-trackwise-workspace"] = this.opts.workspace;
        if (body !== undefined)
            headers["content-type"] = "application/json";
        const res = await fetch(url, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) {
            throw new TrackwiseApiError(res.status, text, `Trackwise ${method} ${path} failed: ${res.status}`);
        }
        return (text ? JSON.parse(text) : undefined);
    }
}
