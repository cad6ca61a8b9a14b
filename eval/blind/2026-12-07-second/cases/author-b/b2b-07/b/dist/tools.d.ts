import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Octokit } from "@octokit/rest";
export declare function registerTriageTools(server: McpServer, gh: Octokit): void;
