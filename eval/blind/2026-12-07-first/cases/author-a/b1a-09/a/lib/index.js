#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { LogReader } = require("./reader");
const pkg = require("../package.json");

class LogTailServer {
  constructor(roots) {
    this.reader = new LogReader(roots);
    this.server = new Server({ name: pkg.name, version: pkg.version }, { capabilities: { tools: {} } });
    this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: this.definitions() }));
    this.server.setRequestHandler(CallToolRequestSchema, (req) => this.dispatch(req.params));
  }

  definitions() {
    const file = { type: "string", description: "Path to a log file under an allowed root" };
    return [
      { name: "list_logs", description: "List log files under the allowed roots.", inputSchema: { type: "object", properties: {} } },
      {
        name: "tail_log",
        description: "Return the last N lines of a log file.",
        inputSchema: { type: "object", properties: { file, lines: { type: "number", default: 100 } }, required: ["file"] },
      },
      {
        name: "grep_log",
        description: "Return lines of a log file that match a regular expression.",
        inputSchema: { type: "object", properties: { file, pattern: { type: "string" } }, required: ["file", "pattern"] },
      },
    ];
  }

  async dispatch({ name, arguments: args = {} }) {
    try {
      let text;
      if (name === "list_logs") text = this.reader.list() || "No log files found.";
      else if (name === "tail_log") text = this.reader.tail(args.file, args.lines);
      else if (name === "grep_log") text = this.reader.grep(args.file, args.pattern) || "No matches.";
      else throw new Error(`Unknown tool ${name}`);
      return { content: [{ type: "text", text }] };
    } catch (err) {
      return { isError: true, content: [{ type: "text", text: err.message }] };
    }
  }

  async start() {
    await this.server.connect(new StdioServerTransport());
  }
}

const roots = process.argv.slice(2);
if (!roots.length) roots.push(process.cwd());
new LogTailServer(roots).start().catch((err) => {
  console.error(err);
  process.exit(1);
});
