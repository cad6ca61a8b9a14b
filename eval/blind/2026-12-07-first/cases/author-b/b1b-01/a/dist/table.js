function splitRow(line) {
    let s = line.trim();
    if (s.startsWith("|"))
        s = s.slice(1);
    if (s.endsWith("|") && !s.endsWith("\\|"))
        s = s.slice(0, -1);
    const cells = [];
    let cur = "";
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (ch === "\\" && s[i + 1] === "|") {
            cur += "\\|";
            i++;
            continue;
        }
        if (ch === "|") {
            cells.push(cur.trim());
            cur = "";
            continue;
        }
        cur += ch;
    }
    cells.push(cur.trim());
    return cells;
}
function parseAlign(cell) {
    const c = cell.replace(/\s/g, "");
    const l = c.startsWith(":");
    const r = c.endsWith(":");
    if (l && r)
        return "center";
    if (r)
        return "right";
    if (l)
        return "left";
    return "none";
}
export function parseMarkdownTable(src) {
    const lines = src.split(/\r?\n/).filter((l) => l.trim().length > 0);
    if (lines.length < 2)
        throw new Error("A table needs a header row and a delimiter row");
    const header = splitRow(lines[0]);
    const align = splitRow(lines[1]).map(parseAlign);
    const rows = lines.slice(2).map(splitRow);
    return { header, align, rows };
}
function width(s) {
    return [...s].length;
}
function pad(s, w, a) {
    const gap = w - width(s);
    if (gap <= 0)
        return s;
    if (a === "right")
        return " ".repeat(gap) + s;
    if (a === "center") {
        const left = Math.floor(gap / 2);
        return " ".repeat(left) + s + " ".repeat(gap - left);
    }
    return s + " ".repeat(gap);
}
export function renderTable(t, opts = {}) {
    const cols = Math.max(t.header.length, ...t.rows.map((r) => r.length));
    const norm = (r) => Array.from({ length: cols }, (_, i) => r[i] ?? "");
    const header = norm(t.header);
    const rows = t.rows.map(norm);
    const align = Array.from({ length: cols }, (_, i) => t.align[i] ?? "none");
    const widths = header.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i]))));
    const doPad = opts.pad !== false;
    const line = (r) => "| " + r.map((c, i) => (doPad ? pad(c, widths[i], align[i]) : c)).join(" | ") + " |";
    const delim = "| " + widths.map((w, i) => {
        const a = align[i];
        const n = doPad ? w : 3;
        if (a === "center")
            return ":" + "-".repeat(n - 2) + ":";
        if (a === "right")
            return "-".repeat(n - 1) + ":";
        if (a === "left")
            return ":" + "-".repeat(n - 1);
        return "-".repeat(n);
    }).join(" | ") + " |";
    return [line(header), delim, ...rows.map(line)].join("\n");
}
export function parseCsv(src, delimiter = ",") {
    const out = [];
    let row = [];
    let cur = "";
    let q = false;
    for (let i = 0; i < src.length; i++) {
        const ch = src[i];
        if (q) {
            if (ch === '"' && src[i + 1] === '"') {
                cur += '"';
                i++;
            }
            else if (ch === '"')
                q = false;
            else
                cur += ch;
            continue;
        }
        if (ch === '"')
            q = true;
        else if (ch === delimiter) {
            row.push(cur);
            cur = "";
        }
        else if (ch === "\n" || ch === "\r") {
            if (ch === "\r" && src[i + 1] === "\n")
                i++;
            row.push(cur);
            out.push(row);
            row = [];
            cur = "";
        }
        else
            cur += ch;
    }
    if (cur.length || row.length) {
        row.push(cur);
        out.push(row);
    }
    return out;
}
export function toCsv(rows, delimiter = ",") {
    const esc = (c) => (/[",\n\r]/.test(c) || c.includes(delimiter) ? '"' + c.replace(/"/g, '""') + '"' : c);
    return rows.map((r) => r.map(esc).join(delimiter)).join("\n");
}
