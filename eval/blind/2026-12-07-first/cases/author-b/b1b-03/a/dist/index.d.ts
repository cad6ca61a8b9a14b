import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
export interface NotesVecOptions { indexFile?: string; }
export declare class NotesVecServer {
    readonly mcp: McpServer;
    private store;
    constructor(opts?: NotesVecOptions);
    init(): Promise<void>;
    private registerTools;
    connect(transport: Transport): Promise<void>;
}
