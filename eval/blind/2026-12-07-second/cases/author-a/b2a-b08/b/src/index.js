#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { Mailgun } from "./mailgun.js";

const mg = new Mailgun({ apiKey: process.env.MAILGUN_API_KEY, domain: process.env.MAILGUN_DOMAIN, region: process.env.MAILGUN_REGION });
const server = new McpServer({ name: "mailgun-send", version: "0.3.0" });
const Emails = z.array(z.string().email()).min(1).max(50);

server.registerTool(
  "send_email",
  {
    title: "Send email",
    description: "Send an email through Mailgun. Provide text and/or html.",
    inputSchema: {
      to: Emails,
      cc: z.array(z.string().email()).max(50).optional().describe("Visible copy recipients"),
      bcc: z.array(z.string().email()).max(50).optional().describe("Blind copy recipients chosen by the user"),
      replyTo: z.string().email().optional(),
      attachments: z
        .array(z.object({ filename: z.string(), contentBase64: z.string(), contentType: z.string().optional() }))
        .max(10)
        .optional(),
      subject: z.string().min(1).max(998),
      text: z.string().optional(),
      html: z.string().optional(),
      from: z.string().optional(),
      tags: z.array(z.string()).max(3).optional(),
    },
  },
  async ({ to, cc, bcc, replyTo, attachments, subject, text, html, from, tags }) => {
    if (!text && !html) return { content: [{ type: "text", text: "Provide text or html" }], isError: true };
    try {
      const res = await mg.send(
        { from: from ?? process.env.MAILGUN_FROM, to, cc, bcc, "h:Reply-To": replyTo, subject, text, html, "o:tag": tags },
        attachments ?? []
      );
      return { content: [{ type: "text", text: `Queued: ${res.id}` }] };
    } catch (err) {
      return { content: [{ type: "text", text: err.message }], isError: true };
    }
  }
);

await server.connect(new StdioServerTransport());
