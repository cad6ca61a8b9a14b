export interface Note {
    id: string;
    title: string;
    body: string;
    notebookId: string;
    tags: string[];
    updatedAt: string;
}
export interface Notebook {
    id: string;
    name: string;
}
export declare class NoteKitClient {
    private apiKey;
    private baseUrl;
    constructor(apiKey: string, baseUrl?: string);
    private request;
    searchNotes(query: string, limit?: number): Promise<{
        results: Note[];
    }>;
    getNote(id: string): Promise<Note>;
    createNote(input: {
        title: string;
        body: string;
        notebookId?: string;
        tags?: string[];
    }): Promise<Note>;
    listNotebooks(): Promise<{
        notebooks: Notebook[];
    }>;
}
