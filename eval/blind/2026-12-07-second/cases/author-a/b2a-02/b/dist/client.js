const DEFAULT_BASE = "https://api.notekit.app/v2";
export class NoteKitClient {
    apiKey;
    baseUrl;
    constructor(apiKey, baseUrl = process.env.NOTEKIT_API_URL ?? DEFAULT_BASE) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl.replace(/\/+$/, "");
    }
    async request(method, path, body) {
        const res = await fetch(`${this.baseUrl}${path}`, {
            method,
            headers: {
                Authorization: `Bearer ${this.apiKey}`,
                "Content-Type": "application/json",
                "User-Agent": "notekit-mcp/0.8",
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!res.ok) {
            const text = await res.text().catch(() => "");
            throw new Error(`NoteKit API ${method} ${path} failed: ${res.status} ${text.slice(0, 200)}`);
        }
        return (await res.json());
    }
    searchNotes(query, limit = 20) {
        const q = new URLSearchParams({ q: query, limit: String(limit) });
        return this.request("GET", `/notes/search?${q}`);
    }
    getNote(id) {
        return this.request("GET", `/notes/${encodeURIComponent(id)}`);
    }
    createNote(input) {
        return this.request("POST", "/notes", input);
    }
    listNotebooks() {
        return this.request("GET", "/notebooks");
    }
}
