#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { renderTable, parseCsv } from "./table.js";
const server = new McpServer({ name: "markdown-tables", version: "1.1.4" });
const Align = z.enum(["left", "center", "right"]);
server.tool("make_table", "Render a Markdown table with aligned columns from a header and rows.", { header: z.array(z.string()).min(1), rows: z.array(z.array(z.union([z.string(), z.number()]))), align: z.array(Align).optional() }, async ({ header, rows, align }) => ({
    content: [{ type: "text", text: renderTable(header, rows.map((r) => r.map(String)), align) }],
}));
server.tool("csv_to_markdown", "Convert CSV text (first row = header) to an aligned Markdown table.", { csv: z.string(), delimiter: z.string().length(1).default(",") }, async ({ csv, delimiter }) => {
    const [header, ...rows] = parseCsv(csv.trim(), delimiter);
    if (!header)
        return { content: [{ type: "text", text: "Empty CSV" }], isError: true };
    return { content: [{ type: "text", text: renderTable(header, rows) }] };
});
server.tool("reformat_table", "Re-align an existing Markdown table.", { markdown: z.string() }, async ({ markdown }) => {
    const lines = markdown.trim().split(/\r?\n/).filter((l) => l.trim().startsWith("|"));
    const cells = (l) => l.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map((c) => c.trim());
    if (lines.length < 2)
        return { content: [{ type: "text", text: "Not a Markdown table" }], isError: true };
    const aligns = cells(lines[1]).map((c) => (c.startsWith(":") && c.endsWith(":") ? "center" : c.endsWith(":") ? "right" : "left"));
    return { content: [{ type: "text", text: renderTable(cells(lines[0]), lines.slice(2).map(cells), aligns) }] };
});
await server.connect(new StdioServerTransport());
