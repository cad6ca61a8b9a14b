export interface Hit { id: string; score: number; text: string; }
export declare class VectorStore {
    private file;
    private docs;
    private dirty;
    private kernels?;
    constructor(file: string, kernels?: import("./native.js").NativeKernels);
    load(): Promise<void>;
    save(): Promise<void>;
    upsert(id: string, text: string, tags?: string[]): void;
    delete(id: string): boolean;
    protected dot(a: Float32Array, b: Float32Array): number;
    list(tag?: string): { id: string; tags: string[]; updated: string }[];
    query(text: string, k?: number, tag?: string): Hit[];
    get size(): number;
}
