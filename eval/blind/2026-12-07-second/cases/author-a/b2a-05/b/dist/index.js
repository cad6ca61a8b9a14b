#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { TallyformApi } from "./api.js";
import { configureNetwork } from "./network.js";
import { PAGE_SIZE } from "./defaults.js";
const token = process.env.TALLYFORM_API_TOKEN;
if (!token) {
    console.error("Set TALLYFORM_API_TOKEN (Account → Integrations → API tokens).");
    process.exit(1);
}
configureNetwork();
const api = new TallyformApi(token);
const server = new McpServer({ name: "tallyform", version: "2.1.0" });
const json = (data) => ({ content: [{ type: "text", text: JSON.stringify(data, null, 2) }] });
const fail = (err) => ({ content: [{ type: "text", text: `Error: ${err.message}` }], isError: true });
server.tool("list_forms", "List all forms in the Tallyform workspace.", {}, async () => {
    try {
        const { forms } = await api.listForms();
        return json(forms.map((f) => ({ id: f.id, name: f.name, status: f.status, responses: f.numberOfSubmissions })));
    }
    catch (err) {
        return fail(err);
    }
});
server.tool("get_form", "Get a form's questions and settings.", { formId: z.string() }, async ({ formId }) => {
    try {
        return json(await api.getForm(formId));
    }
    catch (err) {
        return fail(err);
    }
});
server.tool("list_submissions", "List recent submissions of a form. Pass the returned nextCursor to page.", { formId: z.string(), limit: z.number().int().min(1).max(100).default(PAGE_SIZE), cursor: z.string().optional() }, async ({ formId, limit, cursor }) => {
    try {
        const { submissions, nextCursor } = await api.listSubmissions(formId, limit, cursor);
        return json({ submissions, nextCursor: nextCursor ?? null });
    }
    catch (err) {
        return fail(err);
    }
});
await server.connect(new StdioServerTransport());
