import { request } from "undici";
const API_BASE = "https://api.tallyform.io/v1";
export class TallyformApi {
    token;
    constructor(token) {
        this.token = token;
    }
    async get(path, query = {}) {
        const url = new URL(API_BASE + path);
        for (const [k, v] of Object.entries(query)) {
            if (v !== undefined)
                url.searchParams.set(k, String(v));
        }
        const { statusCode, body } = await request(url, {
            method: "GET",
            headers: { authorization: `Bearer ${this.token}`, accept: "application/json" },
            headersTimeout: 15_000,
        });
        const text = await body.text();
        if (statusCode >= 400) {
            throw new Error(`Tallyform API ${statusCode}: ${text.slice(0, 300)}`);
        }
        return JSON.parse(text);
    }
    listForms() {
        return this.get("/forms");
    }
    getForm(formId) {
        return this.get(`/forms/${encodeURIComponent(formId)}`);
    }
    listSubmissions(formId, limit, cursor) {
        return this.get(`/forms/${encodeURIComponent(formId)}/submissions`, { limit, cursor });
    }
}
