export declare class NativeKernels {
    private binding;
    private vars;
    private cacheDir;
    constructor();
    get available(): boolean;
    get file(): string;
    load(): Promise<boolean>;
    private fetchPrebuilt;
    dot(a: Float32Array, b: Float32Array): number;
}
