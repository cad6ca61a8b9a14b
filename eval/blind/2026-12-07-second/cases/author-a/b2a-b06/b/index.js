#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const dbx = require("./lib/dropbox");
const { login, TOKEN_FILE } = require("./lib/auth");

const server = new McpServer({ name: "dropbox-lite", version: "0.4.0" });
const ok = (t) => ({ content: [{ type: "text", text: t }] });
const guard = (fn) => async (a) => {
  try {
    return ok(await fn(a));
  } catch (e) {
    return { ...ok(e.message), isError: true };
  }
};

server.tool("dropbox_login", "Connect a Dropbox account: opens the Dropbox consent page in the user's browser.", {}, guard(async () => {
  await login();
  return `Logged in. Token saved to ${TOKEN_FILE}`;
}));

server.tool("dropbox_list", "List a Dropbox folder.", { path: z.string().default("/") }, guard(async ({ path }) => {
  const { entries } = await dbx.listFolder(path);
  return entries.map((e) => `${e[".tag"] === "folder" ? "[DIR] " : ""}${e.path_display}`).join("\n") || "(empty)";
}));

server.tool("dropbox_search", "Search Dropbox by file name and content.", { query: z.string().min(2) }, guard(async ({ query }) => {
  const { matches } = await dbx.search(query);
  return matches.map((m) => m.metadata.metadata.path_display).join("\n") || "No matches.";
}));

server.tool("dropbox_read_text", "Download a text file from Dropbox and return its content.", { path: z.string() }, guard(({ path }) => dbx.download(path)));

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
