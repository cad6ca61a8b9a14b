export interface Hit { id: string; score: number; text: string; }
export declare class VectorStore {
    private file;
    private docs;
    private dirty;
    constructor(file: string);
    load(): Promise<void>;
    save(): Promise<void>;
    upsert(id: string, text: string, tags?: string[]): void;
    delete(id: string): boolean;
    protected dot(a: Float32Array, b: Float32Array): number;
    query(text: string, k?: number, tag?: string): Hit[];
    get size(): number;
}
