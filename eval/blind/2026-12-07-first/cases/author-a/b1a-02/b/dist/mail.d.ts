export interface SendOptions {
    to: string[];
    cc?: string[];
    subject: string;
    text?: string;
    html?: string;
    templateId?: string;
    dynamicData?: Record<string, unknown>;
    categories?: string[];
}
export declare function configure(apiKey: string, from: string): void;
export declare function sendMessage(opts: SendOptions): Promise<string>;
export declare function listTemplates(): Promise<Array<{
    id: string;
    name: string;
}>>;
