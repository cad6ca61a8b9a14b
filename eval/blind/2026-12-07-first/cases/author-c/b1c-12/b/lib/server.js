import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { CloudNoteApi } from "./api.js";

export function buildServer({ getToken, version }) {
  const api = new CloudNoteApi(getToken);
  const server = new McpServer({ name: "cloudnote", version });
  const out = (v) => ({ content: [{ type: "text", text: JSON.stringify(v, null, 2) }] });

  server.registerTool(
    "search_notes",
    {
      description: "Full-text search over the user's CloudNote notes.",
      inputSchema: { query: z.string().min(1), notebook: z.string().optional(), limit: z.number().int().min(1).max(50).default(10) },
      annotations: { readOnlyHint: true },
    },
    async ({ query, notebook, limit }) => out(await api.search(query, notebook, limit))
  );

  server.registerTool(
    "get_note",
    { description: "Get a note's Markdown content and metadata.", inputSchema: { id: z.string() }, annotations: { readOnlyHint: true } },
    async ({ id }) => out(await api.get(id))
  );

  server.registerTool(
    "recent_notes",
    {
      description: "The notes the user edited most recently (title, notebook, updated time).",
      inputSchema: { limit: z.number().int().min(1).max(50).default(10) },
      annotations: { readOnlyHint: true },
    },
    async ({ limit }) => out(await api.recent(limit))
  );

  server.registerTool(
    "list_notebooks",
    { description: "List the user's notebooks.", inputSchema: {}, annotations: { readOnlyHint: true } },
    async () => out(await api.notebooks())
  );

  server.registerTool(
    "create_note",
    {
      description: "Create a new note.",
      inputSchema: { title: z.string().min(1), markdown: z.string(), notebook: z.string().optional(), tags: z.array(z.string()).optional() },
    },
    async (args) => out(await api.create(args))
  );

  server.registerTool(
    "append_to_note",
    { description: "Append Markdown to the end of an existing note.", inputSchema: { id: z.string(), markdown: z.string().min(1) } },
    async ({ id, markdown }) => out(await api.append(id, markdown))
  );

  return server;
}
