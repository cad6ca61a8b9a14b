#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { parseMarkdownTable, renderTable, parseCsv, toCsv } from "./table.js";
import { loadLocale, warmPluralRules, formatNumberCell } from "./i18n.js";
const server = new McpServer({ name: "mdtable", version: "1.4.0" });
server.tool("format_table", "Re-align and pad a Markdown table so the columns line up.", {
    markdown: z.string().describe("The Markdown table"),
    compact: z.boolean().optional().describe("Do not pad cells"),
    locale: z.string().optional().describe("Format numeric cells for this locale, e.g. de or fr"),
}, async ({ markdown, compact, locale }) => {
    const t = parseMarkdownTable(markdown);
    if (locale) {
        const info = loadLocale(locale);
        t.rows = t.rows.map((r) => r.map((c) => formatNumberCell(c, info)));
        t.align = t.align.map((a, i) => (a === "none" && t.rows.every((r) => /^[-\d.,\u202f]+$/.test(r[i] ?? "")) ? "right" : a));
    }
    return { content: [{ type: "text", text: renderTable(t, { pad: !compact }) }] };
});
server.tool("csv_to_markdown", "Convert CSV text into a Markdown table. The first row is the header.", {
    csv: z.string(),
    delimiter: z.string().length(1).optional(),
}, async ({ csv, delimiter }) => {
    const rows = parseCsv(csv, delimiter ?? ",");
    if (rows.length === 0)
        return { content: [{ type: "text", text: "" }], isError: true };
    const [header, ...body] = rows;
    const t = { header, align: header.map(() => "none"), rows: body };
    return { content: [{ type: "text", text: renderTable(t) }] };
});
server.tool("markdown_to_csv", "Convert a Markdown table into CSV.", {
    markdown: z.string(),
    delimiter: z.string().length(1).optional(),
}, async ({ markdown, delimiter }) => {
    const t = parseMarkdownTable(markdown);
    return { content: [{ type: "text", text: toCsv([t.header, ...t.rows], delimiter ?? ",") }] };
});
async function main() {
    const transport = new StdioServerTransport();
    await server.connect(transport);
    warmPluralRules(loadLocale().locale).catch(() => { });
    console.error("mdtable MCP server running on stdio");
}
main().catch((err) => {
    console.error(err);
    process.exit(1);
});
