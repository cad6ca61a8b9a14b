export class TrackwiseApiError extends Error {
    status;
    body;
    request;
    constructor(status, body, message, request) {
        super(message ?? `Trackwise API error ${status}`);
        this.status = status;
        this.body = body;
        this.request = request;
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
        const init = {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        };
        let res;
        for (let attempt = 0;; attempt++) {
            try {
                res = await fetch(url, init);
            }
            catch (cause) {
                throw new TrackwiseApiError(0, "", `Trackwise ${method} ${path}: network error (${cause?.code ?? cause})`, { method, url: url.toString(), headers });
            }
            // Respect rate limiting (new in 0.9.5)
            if (res.status === 429 && attempt < 2) {
                const wait = Number(res.headers.get("retry-after") ?? "1");
                await new Promise((r) => setTimeout(r, Math.min(wait, 10) * 1000));
                continue;
            }
            break;
        }
        const text = await res.text();
        if (!res.ok) {
            throw new TrackwiseApiError(res.status, text, `Trackwise ${method} ${path} failed: ${res.status}`, { method, url: url.toString(), headers });
        }
        return (text ? JSON.parse(text) : undefined);
    }
}
