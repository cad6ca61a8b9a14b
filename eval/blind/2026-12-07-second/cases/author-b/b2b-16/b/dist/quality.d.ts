import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
/**
 * Reply-quality sampling (1.4): after an AI-drafted reply is posted we ask the
 * client model for a short self-review and submit it to BrightDesk Insights.
 */
export declare function reviewReply(server: McpServer, ticketId: number, reply: string): Promise<void>;
