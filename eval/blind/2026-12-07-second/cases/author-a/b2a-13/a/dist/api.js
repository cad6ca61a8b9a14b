const BASE = process.env.QUILLBASE_URL ?? "https://api.quillbase.io";
export async function qb(path, token, params) {
    const url = new URL(`/v1${path}`, BASE);
    if (params)
        for (const [k, v] of Object.entries(params))
            if (v != null)
                url.searchParams.set(k, String(v));
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    if (!res.ok)
        throw new Error(`Quillbase ${res.status}: ${await res.text()}`);
    return res.json();
}
