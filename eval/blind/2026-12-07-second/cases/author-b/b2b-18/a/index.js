#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { kanbanly } from "./lib/client.js";

const { KANBANLY_KEY, KANBANLY_TOKEN } = process.env;
if (!KANBANLY_KEY || !KANBANLY_TOKEN) {
  console.error("KANBANLY_KEY and KANBANLY_TOKEN are required");
  process.exit(1);
}
const kb = kanbanly(KANBANLY_KEY, KANBANLY_TOKEN);
const server = new McpServer({ name: "kanbanly", version: "1.1.4" });
const out = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });

server.tool("list_boards", "List your open boards.", {}, async () =>
  out((await kb.boards()).filter((b) => !b.closed).map((b) => `${b.id}  ${b.name}`).join("\n")));

server.tool("get_board", "Lists and open cards of a board.", { board_id: z.string() }, async ({ board_id }) => {
  const lists = await kb.lists(board_id);
  return out(lists.map((l) => `## ${l.name} (${l.id})\n` + l.cards.map((c) => `- ${c.name} [${c.id}]`).join("\n")).join("\n\n"));
});

server.tool("get_card", "Card details including description and checklists.", { card_id: z.string() }, async ({ card_id }) => out(await kb.card(card_id)));

server.tool("create_card", "Create a card in a list.", {
  list_id: z.string(), name: z.string(), description: z.string().optional(), due: z.string().optional().describe("ISO date"),
}, async ({ list_id, name, description, due }) => out(await kb.addCard(list_id, name, description, due)));

server.tool("move_card", "Move a card to another list.", { card_id: z.string(), list_id: z.string() },
  async ({ card_id, list_id }) => out(await kb.moveCard(card_id, list_id)));

server.tool("comment_card", "Add a comment to a card.", { card_id: z.string(), text: z.string() },
  async ({ card_id, text }) => out(await kb.comment(card_id, text)));

await server.connect(new StdioServerTransport());
