const DIM = 512;
function fnv1a(s) {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}
/** Cheap local embedding: hashed word unigrams + character trigrams, L2-normalised. */
export function embed(text) {
    const v = new Float32Array(DIM);
    const words = text.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/).filter(Boolean);
    for (const w of words) {
        v[fnv1a(w) % DIM] += 1;
        const padded = ` ${w} `;
        for (let i = 0; i + 3 <= padded.length; i++)
            v[fnv1a(padded.slice(i, i + 3)) % DIM] += 0.5;
    }
    let n = 0;
    for (let i = 0; i < DIM; i++)
        n += v[i] * v[i];
    n = Math.sqrt(n) || 1;
    for (let i = 0; i < DIM; i++)
        v[i] /= n;
    return v;
}
export const DIMENSIONS = DIM;
