import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export declare function registerTools(server: McpServer, token: string): void;
