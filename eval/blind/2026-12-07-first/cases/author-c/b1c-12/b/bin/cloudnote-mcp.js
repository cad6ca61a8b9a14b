#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { buildServer } from "../lib/server.js";
import { login, logout, tokenProvider } from "../lib/auth.js";

const VERSION = "1.1.0";
const [command, ...rest] = process.argv.slice(2);

switch (command) {
  case "login":
    await login({ noBrowser: rest.includes("--no-browser") });
    break;
  case "logout":
    await logout();
    break;
  case "--version":
    console.log(VERSION);
    break;
  case undefined:
  case "serve": {
    const server = buildServer({ getToken: tokenProvider(), version: VERSION });
    await server.connect(new StdioServerTransport());
    break;
  }
  default:
    console.error(`Unknown command ${command}. Usage: cloudnote-mcp [serve|login|logout] [--no-browser]`);
    process.exit(2);
}
