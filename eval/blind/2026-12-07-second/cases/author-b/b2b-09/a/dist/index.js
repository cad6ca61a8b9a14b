#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { readFile } from "node:fs/promises";
import { hotFunctions, profileScript } from "./profiler.js";
const VERSION = "1.0.7";
class PerfScopeServer {
    server;
    last = null;
    constructor() {
        this.server = new Server({ name: "perfscope", version: VERSION }, { capabilities: { tools: {} } });
        this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: this.tools() }));
        this.server.setRequestHandler(CallToolRequestSchema, async (req) => this.call(req.params.name, req.params.arguments ?? {}));
        this.server.onerror = (e) => console.error("[perfscope]", e);
    }
    tools() {
        return [
            {
                name: "profile_script",
                description: "Run a Node.js script under the V8 CPU profiler and return the hottest functions.",
                inputSchema: {
                    type: "object",
                    properties: {
                        script: { type: "string", description: "Path to the .js/.mjs file" },
                        args: { type: "array", items: { type: "string" } },
                        cwd: { type: "string" },
                        top: { type: "number", default: 15 },
                        timeout_ms: { type: "number", default: 60000 },
                    },
                    required: ["script"],
                },
            },
            {
                name: "analyze_profile",
                description: "Summarise an existing .cpuprofile file.",
                inputSchema: {
                    type: "object",
                    properties: { file: { type: "string" }, top: { type: "number", default: 15 } },
                    required: ["file"],
                },
            },
        ];
    }
    async call(name, args) {
        try {
            if (name === "profile_script") {
                const r = await profileScript(args.script, args.args, { cwd: args.cwd, timeoutMs: args.timeout_ms });
                this.last = r.file;
                return this.text({ wallMs: r.wallMs, profile: r.file, hot: hotFunctions(r.profile, args.top) });
            }
            if (name === "analyze_profile") {
                const profile = JSON.parse(await readFile(args.file, "utf8"));
                return this.text({ hot: hotFunctions(profile, args.top) });
            }
            return this.error(`unknown tool ${name}`);
        }
        catch (e) {
            return this.error(e.message);
        }
    }
    text(v) {
        return { content: [{ type: "text", text: JSON.stringify(v, null, 2) }] };
    }
    error(msg) {
        return { isError: true, content: [{ type: "text", text: msg }] };
    }
    async run() {
        await this.server.connect(new StdioServerTransport());
        console.error(`perfscope ${VERSION} ready`);
    }
}
new PerfScopeServer().run().catch((e) => {
    console.error(e);
    process.exit(1);
});
