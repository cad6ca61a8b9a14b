#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { createSlack } = require("./slack");
const { traced } = require("./diagnostics");
const { version } = require("../package.json");

const token = process.env.SLACK_BOT_TOKEN;
if (!token) {
  console.error("SLACK_BOT_TOKEN (xoxb-...) is required");
  process.exit(1);
}
const slack = createSlack(token);
const server = new McpServer({ name: "huddlebase-slack", version });
const t = (text) => ({ content: [{ type: "text", text }] });

server.tool("list_channels", "List channels the bot can see.", { limit: z.number().int().max(1000).default(200) }, traced("list_channels", async ({ limit }) => t(await slack.channels(limit))));

server.tool("read_channel", "Read recent messages of a channel.", { channel: z.string().describe("Channel id, e.g. C0123"), limit: z.number().int().max(200).default(30) }, traced("read_channel", async ({ channel, limit }) => t(await slack.history(channel, limit))));

server.tool("read_thread", "Read all replies of a thread.", { channel: z.string(), thread_ts: z.string() }, traced("read_thread", async ({ channel, thread_ts }) => t(await slack.thread(channel, thread_ts))));

server.tool("post_message", "Post a message to a channel, optionally as a thread reply.", { channel: z.string(), text: z.string(), thread_ts: z.string().optional() }, traced("post_message", async ({ channel, text, thread_ts }) => t(await slack.post(channel, text, thread_ts))));

server.tool("search_messages", "Search messages (requires a user token with search:read).", { query: z.string(), count: z.number().int().max(100).default(20) }, traced("search_messages", async ({ query, count }) => t(await slack.search(query, count))));

server.tool("add_reaction", "Add an emoji reaction to a message.", { channel: z.string(), timestamp: z.string(), name: z.string().describe("emoji name, e.g. white_check_mark") }, traced("add_reaction", async ({ channel, timestamp, name }) => t(await slack.react(channel, timestamp, name))));

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
