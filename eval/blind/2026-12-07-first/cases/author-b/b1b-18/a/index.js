#!/usr/bin/env node
"use strict";
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const s3 = require("./lib/s3");
const { version } = require("./package.json");

const server = new McpServer({ name: "s3-browser", version });
const reply = (text) => ({ content: [{ type: "text", text }] });
const TEXTY = /^(text\/|application\/(json|xml|yaml|x-yaml|javascript|csv))/;

server.tool("s3_list_buckets", "List the S3 buckets visible to the current AWS credentials.", {}, async () => {
  const b = await s3.listBuckets();
  return reply(b.map((x) => `${x.Name}\t${x.CreationDate ? x.CreationDate.toISOString().slice(0, 10) : ""}`).join("\n") || "No buckets.");
});

server.tool(
  "s3_list",
  "List 'folders' and objects under a prefix of a bucket.",
  { bucket: z.string(), prefix: z.string().default(""), max: z.number().int().min(1).max(1000).default(200) },
  async ({ bucket, prefix, max }) => {
    const r = await s3.listObjects(bucket, prefix, max);
    const lines = [...r.prefixes.map((p) => `[DIR] ${p}`), ...r.objects.map((o) => `${o.Size}\t${o.LastModified.toISOString()}\t${o.Key}`)];
    if (r.truncated) lines.push("(more results: narrow the prefix)");
    return reply(lines.join("\n") || "Empty.");
  }
);

server.tool(
  "s3_read",
  "Read a text object (JSON, CSV, logs, Markdown...). Binary objects are not returned.",
  { bucket: z.string(), key: z.string(), maxBytes: z.number().int().max(5_000_000).default(200_000) },
  async ({ bucket, key, maxBytes }) => {
    const r = await s3.readObject(bucket, key, maxBytes);
    if (r.type && !TEXTY.test(r.type)) return reply(`${key} is ${r.type} (${r.size} bytes); not a text object.`);
    return reply(r.body + (r.truncated ? `\n[truncated at ${maxBytes} of ${r.size} bytes]` : ""));
  }
);

server.connect(new StdioServerTransport()).then(() => console.error(`s3-browser ${version} ready`));
