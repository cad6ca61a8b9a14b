export function table(rows, max = 200) {
    if (!rows.length)
        return "(0 rows)";
    const cols = Object.keys(rows[0]);
    const cell = (v) => (v === null ? "NULL" : typeof v === "object" ? JSON.stringify(v) : String(v)).replace(/\n/g, " ").slice(0, 120);
    const shown = rows.slice(0, max);
    const w = cols.map((c) => Math.max(c.length, ...shown.map((r) => cell(r[c]).length)));
    const line = (vals) => vals.map((v, i) => v.padEnd(w[i])).join(" | ");
    const out = [line(cols), w.map((n) => "-".repeat(n)).join("-+-"), ...shown.map((r) => line(cols.map((c) => cell(r[c]))))];
    if (rows.length > max)
        out.push(`… ${rows.length - max} more rows`);
    out.push(`(${rows.length} rows)`);
    return out.join("\n");
}
