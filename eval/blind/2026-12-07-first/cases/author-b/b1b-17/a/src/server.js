#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { writeFile } from "node:fs/promises";
import { Notebook } from "./notebook.js";

class MeetingNotesServer {
  constructor() {
    this.book = new Notebook();
    this.mcp = new McpServer({ name: "meeting-notes", version: "1.3.0" });
    this.tools();
  }

  reply(text, isError = false) {
    return { content: [{ type: "text", text }], ...(isError ? { isError } : {}) };
  }

  async summarize(m) {
    const transcript = m.entries.map((e) => `[${e.kind}] ${e.text}`).join("\n");
    const res = await this.mcp.server.createMessage({
      messages: [{ role: "user", content: { type: "text", text: `Meeting: ${m.title}\n\n${transcript}` } }],
      systemPrompt: "Summarise these meeting notes in 3-6 sentences. Mention decisions and owners of action items.",
      includeContext: "none",
      maxTokens: 600,
    });
    return res.content.type === "text" ? res.content.text : "";
  }

  tools() {
    this.mcp.tool("meeting_start", "Start a new meeting note.", { title: z.string(), attendees: z.array(z.string()).optional() }, async ({ title, attendees }) => {
      const m = await this.book.create(title, attendees);
      return this.reply(`Started ${m.id}`);
    });
    this.mcp.tool(
      "meeting_add",
      "Add a note, decision or action item to a meeting.",
      { id: z.string(), kind: z.enum(["note", "decision", "action"]).default("note"), text: z.string() },
      async ({ id, kind, text }) => {
        const m = await this.book.add(id, kind, text);
        return this.reply(`Added ${kind} (${m.entries.length} entries)`);
      }
    );
    this.mcp.tool("meeting_summarize", "Write a summary of a meeting using the client's model (sampling).", { id: z.string() }, async ({ id }) => {
      const m = await this.book.load(id);
      m.summary = await this.summarize(m);
      await this.book.save(m);
      return this.reply(m.summary || "(empty summary)");
    });
    this.mcp.tool("meeting_export", "Export a meeting as Markdown to a file.", { id: z.string(), path: z.string() }, async ({ id, path }) => {
      const m = await this.book.load(id);
      await writeFile(path, this.book.toMarkdown(m));
      return this.reply(`Exported to ${path}`);
    });
    this.mcp.tool("meeting_list", "List meetings, newest first.", {}, async () => this.reply((await this.book.list()).join("\n") || "No meetings."));
  }

  async start() {
    await this.mcp.connect(new StdioServerTransport());
  }
}

await new MeetingNotesServer().start();
