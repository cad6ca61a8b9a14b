export interface ClientOptions {
    apiKey: string;
    baseUrl?: string;
    userAgent?: string;
}
export declare class TallyboardError extends Error {
    readonly status: number;
    readonly body: unknown;
    constructor(status: number, body: unknown);
}
export declare class TallyboardClient {
    readonly baseUrl: string;
    private readonly apiKey;
    private readonly userAgent;
    constructor(opts: ClientOptions);
    request<T>(method: string, path: string, body?: unknown, attempt?: number): Promise<T>;
    listBoards(workspace?: string): Promise<unknown>;
    getBoard(boardId: string): Promise<unknown>;
    listCards(boardId: string, opts?: {
        column?: string;
        cursor?: string;
        limit?: number;
    }): Promise<unknown>;
    createCard(boardId: string, input: {
        title: string;
        description?: string;
        column?: string;
        labels?: string[];
        due_date?: string;
    }): Promise<unknown>;
    moveCard(cardId: string, column: string): Promise<unknown>;
}
