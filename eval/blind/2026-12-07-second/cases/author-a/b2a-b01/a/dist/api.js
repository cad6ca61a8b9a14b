export const API_BASE = "https://api.shiplog.dev/v1";
export async function shiplog(path, params = {}) {
    const key = process.env.SHIPLOG_API_KEY;
    if (!key)
        throw new Error("SHIPLOG_API_KEY is not set");
    const url = new URL(API_BASE + path);
    for (const [k, v] of Object.entries(params))
        if (v !== undefined)
            url.searchParams.set(k, String(v));
    const res = await fetch(url, { headers: { "x-api-key": key, accept: "application/json" } });
    if (!res.ok)
        throw new Error(`Shiplog API ${res.status}: ${await res.text()}`);
    return res.json();
}
