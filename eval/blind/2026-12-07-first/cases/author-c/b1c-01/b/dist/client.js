const DEFAULT_BASE_URL = "https://api.tallyboard.io";
export class TallyboardError extends Error {
    status;
    body;
    constructor(status, body) {
        super(`Tallyboard API error ${status}`);
        this.status = status;
        this.body = body;
        this.name = "TallyboardError";
    }
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
export class TallyboardClient {
    baseUrl;
    apiKey;
    userAgent;
    constructor(opts) {
        this.apiKey = opts.apiKey;
        this.baseUrl = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
        this.userAgent = opts.userAgent ?? "tallyboard-mcp";
    }
    async request(method, path, body, attempt = 0) {
        const res = await fetch(`${this.baseUrl}/v1${path}`, {
            method,
            headers: {
                Authorization: `Bearer ${this.apiKey}`,
                "Content-Type": "application/json",
                "User-Agent": this.userAgent,
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (res.status === 429 && attempt === 0) {
            const retryAfter = Number(res.headers.get("retry-after") ?? "1");
            await sleep(Math.min(Number.isFinite(retryAfter) ? retryAfter : 1, 10) * 1000);
            return this.request(method, path, body, attempt + 1);
        }
        const text = await res.text();
        const data = text ? JSON.parse(text) : null;
        if (!res.ok) {
            throw new TallyboardError(res.status, data);
        }
        return data;
    }
    listBoards(workspace) {
        const q = workspace ? `?workspace=${encodeURIComponent(workspace)}` : "";
        return this.request("GET", `/boards${q}`);
    }
    getBoard(boardId) {
        return this.request("GET", `/boards/${encodeURIComponent(boardId)}`);
    }
    listCards(boardId, opts = {}) {
        const params = new URLSearchParams();
        if (opts.column)
            params.set("column", opts.column);
        if (opts.cursor)
            params.set("cursor", opts.cursor);
        if (opts.limit)
            params.set("limit", String(opts.limit));
        const q = params.size > 0 ? `?${params}` : "";
        return this.request("GET", `/boards/${encodeURIComponent(boardId)}/cards${q}`);
    }
    createCard(boardId, input) {
        return this.request("POST", `/boards/${encodeURIComponent(boardId)}/cards`, input);
    }
    moveCard(cardId, column) {
        return this.request("POST", `/cards/${encodeURIComponent(cardId)}/move`, { column });
    }
}
