import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
export declare class NotesServer {
    private server;
    private client;
    constructor(apiKey: string);
    private text;
    private run;
    private registerTools;
    connect(transport: Transport): Promise<void>;
}
