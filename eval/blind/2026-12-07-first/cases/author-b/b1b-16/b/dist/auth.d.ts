import type { Octokit } from "@octokit/rest";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export declare function needsReauth(err: unknown): boolean;
export declare function missingScopes(gh: Octokit): Promise<string[]>;
export declare function reauthorize(mcp: McpServer, reason: string): Promise<Octokit | null>;
