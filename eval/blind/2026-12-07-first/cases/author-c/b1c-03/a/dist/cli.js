#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { GitInsightsServer } from "./server.js";
const roots = process.argv.slice(2);
const app = new GitInsightsServer({ roots: roots.length > 0 ? roots : [process.cwd()] });
app.connect(new StdioServerTransport()).catch((err) => {
    console.error("git-insights: failed to start", err);
    process.exit(1);
});
