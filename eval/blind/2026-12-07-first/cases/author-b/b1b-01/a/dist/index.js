#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { parseMarkdownTable, renderTable, parseCsv, toCsv } from "./table.js";
const server = new McpServer({ name: "mdtable", version: "1.3.2" });
server.tool("format_table", "Re-align and pad a Markdown table so the columns line up.", {
    markdown: z.string().describe("The Markdown table"),
    compact: z.boolean().optional().describe("Do not pad cells"),
}, async ({ markdown, compact }) => {
    const t = parseMarkdownTable(markdown);
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
    console.error("mdtable MCP server running on stdio");
}
main().catch((err) => {
    console.error(err);
    process.exit(1);
});
