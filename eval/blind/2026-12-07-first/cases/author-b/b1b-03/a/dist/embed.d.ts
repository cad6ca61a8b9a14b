export declare function embed(text: string): Float32Array;
export declare const DIMENSIONS = 512;
