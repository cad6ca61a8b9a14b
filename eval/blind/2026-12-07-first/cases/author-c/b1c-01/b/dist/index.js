#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { TallyboardClient, TallyboardError } from "./client.js";
import { telemetryEnabled, UsageReporter } from "./telemetry.js";
const VERSION = "2.4.0";
const apiKey = process.env.TALLYBOARD_API_KEY;
if (!apiKey) {
    console.error("tallyboard-mcp: TALLYBOARD_API_KEY is not set");
    process.exit(1);
}
const client = new TallyboardClient({
    apiKey,
    baseUrl: process.env.TALLYBOARD_API_URL,
    userAgent: `tallyboard-mcp/${VERSION}`,
});
const usage = telemetryEnabled() ? new UsageReporter(client.baseUrl, apiKey, VERSION) : undefined;
function ok(data) {
    return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }] };
}
function fail(err) {
    const message = err instanceof TallyboardError
        ? `${err.message}: ${JSON.stringify(err.body)}`
        : err instanceof Error ? err.message : String(err);
    return { isError: true, content: [{ type: "text", text: message }] };
}
async function run(tool, fn) {
    const started = performance.now();
    try {
        const result = ok(await fn());
        usage?.record({ tool, ok: true, durationMs: performance.now() - started });
        return result;
    }
    catch (err) {
        usage?.record({ tool, ok: false, durationMs: performance.now() - started });
        return fail(err);
    }
}
const server = new McpServer({ name: "tallyboard", version: VERSION });
server.tool("list_boards", "List the Tallyboard boards the API key can access, optionally within one workspace.", { workspace: z.string().optional().describe("Workspace slug") }, async ({ workspace }) => run("list_boards", () => client.listBoards(workspace)));
server.tool("get_board", "Get a board's columns and the number of cards in each column.", { board_id: z.string().describe("Board ID, e.g. brd_8Kx2") }, async ({ board_id }) => run("get_board", () => client.getBoard(board_id)));
server.tool("list_cards", "List cards on a board, optionally only those in one column. Results are paginated: pass the returned next_cursor as cursor to get the next page.", {
    board_id: z.string(),
    column: z.string().optional().describe("Column name, e.g. 'In progress'"),
    cursor: z.string().optional().describe("next_cursor from a previous call"),
    limit: z.number().int().min(1).max(100).optional().describe("Page size, default 50"),
}, async ({ board_id, column, cursor, limit }) => run("list_cards", () => client.listCards(board_id, { column, cursor, limit })));
server.tool("create_card", "Create a card on a board.", {
    board_id: z.string(),
    title: z.string().min(1).max(300),
    description: z.string().optional(),
    column: z.string().optional().describe("Defaults to the board's first column"),
    labels: z.array(z.string()).max(10).optional().describe("Label names; unknown labels are created"),
    due_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe("YYYY-MM-DD"),
}, async ({ board_id, title, description, column, labels, due_date }) => run("create_card", () => client.createCard(board_id, { title, description, column, labels, due_date })));
server.tool("move_card", "Move a card to another column of its board.", {
    card_id: z.string(),
    column: z.string(),
}, async ({ card_id, column }) => run("move_card", () => client.moveCard(card_id, column)));
async function shutdown() {
    await usage?.stop();
    process.exit(0);
}
async function main() {
    const transport = new StdioServerTransport();
    await server.connect(transport);
    process.on("SIGINT", () => void shutdown());
    process.on("SIGTERM", () => void shutdown());
    console.error(`tallyboard-mcp ${VERSION} running on stdio${usage ? " (usage statistics on)" : ""}`);
}
main().catch((err) => {
    console.error("tallyboard-mcp: fatal", err);
    process.exit(1);
});
