export interface NoteMeta {
    slug: string;
    title: string;
    updated: string;
    tags: string[];
}
export declare function notesDir(): string;
export declare function saveNote(title: string, body: string, tags?: string[]): Promise<NoteMeta>;
export declare function readNote(slug: string): Promise<string>;
export declare function listNotes(tag?: string): Promise<NoteMeta[]>;
export declare function searchNotes(query: string, limit?: number): Promise<Array<NoteMeta & {
    excerpt: string;
}>>;
