import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { QuillApi } from "./api.js";
export declare function registerNoteTools(server: McpServer, api: QuillApi): void;
