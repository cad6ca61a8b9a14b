import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { TrackwiseClient } from "./client.js";
export declare function registerTools(server: McpServer, client: TrackwiseClient): void;
