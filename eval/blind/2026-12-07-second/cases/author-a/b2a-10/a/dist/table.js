import { displayWidth } from "./width.js";
function pad(cell, width, align) {
    const gap = width - displayWidth(cell);
    if (gap <= 0)
        return cell;
    if (align === "right")
        return " ".repeat(gap) + cell;
    if (align === "center")
        return " ".repeat(gap >> 1) + cell + " ".repeat(gap - (gap >> 1));
    return cell + " ".repeat(gap);
}
export function renderTable(header, rows, aligns = []) {
    const cols = header.length;
    const norm = rows.map((r) => Array.from({ length: cols }, (_, i) => String(r[i] ?? "").replace(/\|/g, "\\|")));
    const widths = header.map((h, i) => Math.max(3, displayWidth(h), ...norm.map((r) => displayWidth(r[i]))));
    const line = (cells) => "| " + cells.map((c, i) => pad(c, widths[i], aligns[i])).join(" | ") + " |";
    const sep = "| " + widths.map((w, i) => {
        const a = aligns[i];
        const dashes = "-".repeat(w);
        if (a === "center")
            return ":" + dashes.slice(2) + ":";
        if (a === "right")
            return dashes.slice(1) + ":";
        return dashes;
    }).join(" | ") + " |";
    return [line(header), sep, ...norm.map(line)].join("\n");
}
export function parseCsv(text, delimiter = ",") {
    const rows = [];
    let row = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            }
            else if (ch === '"')
                quoted = false;
            else
                cell += ch;
        }
        else if (ch === '"')
            quoted = true;
        else if (ch === delimiter) {
            row.push(cell);
            cell = "";
        }
        else if (ch === "\n") {
            row.push(cell.replace(/\r$/, ""));
            rows.push(row);
            row = [];
            cell = "";
        }
        else
            cell += ch;
    }
    if (cell || row.length) {
        row.push(cell);
        rows.push(row);
    }
    return rows;
}
