#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { saveNote, listNotes, readNote, openActions, NOTES_DIR } from "./store.js";

const server = new Server({ name: "meeting-notes", version: "1.0.3" }, { capabilities: { tools: {} } });

const TOOLS = [
  {
    name: "save_meeting_notes",
    description: "Save meeting notes (Markdown) with attendees and action items to the notes folder.",
    inputSchema: {
      type: "object",
      properties: {
        title: { type: "string" },
        attendees: { type: "array", items: { type: "string" } },
        notes: { type: "string" },
        actions: { type: "array", items: { type: "string" } },
      },
      required: ["title", "notes"],
    },
  },
  { name: "list_meeting_notes", description: "List the most recent meeting notes.", inputSchema: { type: "object", properties: { limit: { type: "number" } } } },
  { name: "read_meeting_notes", description: "Read a meeting note by file name.", inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
  { name: "open_action_items", description: "List unchecked action items across all notes.", inputSchema: { type: "object", properties: {} } },
];

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

const text = (t) => ({ content: [{ type: "text", text: t }] });

server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
  const a = params.arguments ?? {};
  try {
    switch (params.name) {
      case "save_meeting_notes": {
        const file = await saveNote(a);
        return text(`Saved ${file}`);
      }
      case "list_meeting_notes": {
        const files = await listNotes(a.limit ?? 20);
        return text(files.length ? files.join("\n") : `No notes yet in ${NOTES_DIR}`);
      }
      case "read_meeting_notes":
        return text(await readNote(a.name));
      case "open_action_items": {
        const items = await openActions();
        return text(items.length ? items.join("\n") : "No open action items.");
      }
      default:
        return { ...text(`Unknown tool ${params.name}`), isError: true };
    }
  } catch (err) {
    return { ...text(err.message), isError: true };
  }
});

await server.connect(new StdioServerTransport());
