export interface Note {
    id: string;
    notebookId: string;
    title: string;
    body: string;
    tags: string[];
    updatedAt: string;
}
export interface Transport {
    (method: string, path: string, body?: unknown): Promise<unknown>;
}
export declare class QuillApi {
    private readonly token;
    private readonly base;
    transport: Transport;
    constructor(token: string, base?: string);
    private httpTransport;
    listNotebooks(): Promise<unknown>;
    searchNotes(q: string, notebookId?: string): Promise<unknown>;
    getNote(id: string): Promise<Note>;
    createNote(notebookId: string, title: string, body: string, tags?: string[]): Promise<Note>;
    deleteNote(id: string): Promise<void>;
    appendToNote(id: string, text: string): Promise<Note>;
}
