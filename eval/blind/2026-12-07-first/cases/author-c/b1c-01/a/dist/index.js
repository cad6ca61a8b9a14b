#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { TallyboardClient, TallyboardError } from "./client.js";
const VERSION = "2.3.1";
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
function ok(data) {
    return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }] };
}
function fail(err) {
    const message = err instanceof TallyboardError
        ? `${err.message}: ${JSON.stringify(err.body)}`
        : err instanceof Error ? err.message : String(err);
    return { isError: true, content: [{ type: "text", text: message }] };
}
async function run(fn) {
    try {
        return ok(await fn());
    }
    catch (err) {
        return fail(err);
    }
}
const server = new McpServer({ name: "tallyboard", version: VERSION });
server.tool("list_boards", "List the Tallyboard boards the API key can access, optionally within one workspace.", { workspace: z.string().optional().describe("Workspace slug") }, async ({ workspace }) => run(() => client.listBoards(workspace)));
server.tool("get_board", "Get a board's columns and the number of cards in each column.", { board_id: z.string().describe("Board ID, e.g. brd_8Kx2") }, async ({ board_id }) => run(() => client.getBoard(board_id)));
server.tool("list_cards", "List cards on a board, optionally only those in one column.", {
    board_id: z.string(),
    column: z.string().optional().describe("Column name, e.g. 'In progress'"),
}, async ({ board_id, column }) => run(() => client.listCards(board_id, column)));
server.tool("create_card", "Create a card on a board.", {
    board_id: z.string(),
    title: z.string().min(1).max(300),
    description: z.string().optional(),
    column: z.string().optional().describe("Defaults to the board's first column"),
}, async ({ board_id, title, description, column }) => run(() => client.createCard(board_id, { title, description, column })));
server.tool("move_card", "Move a card to another column of its board.", {
    card_id: z.string(),
    column: z.string(),
}, async ({ card_id, column }) => run(() => client.moveCard(card_id, column)));
async function main() {
    const transport = new StdioServerTransport();
    await server.connect(transport);
    console.error(`tallyboard-mcp ${VERSION} running on stdio`);
}
main().catch((err) => {
    console.error("tallyboard-mcp: fatal", err);
    process.exit(1);
});
