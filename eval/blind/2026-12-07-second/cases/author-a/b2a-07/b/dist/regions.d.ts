export declare const REGION_ENDPOINTS: Record<"us" | "eu", string>;
export declare function detectRegion(): "us" | "eu";
export declare function defaultBaseURL(): string;
