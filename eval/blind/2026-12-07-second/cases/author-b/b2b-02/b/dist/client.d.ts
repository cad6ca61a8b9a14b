export interface TrackwiseClientOptions {
    token: string;
    workspace?: string;
    baseUrl?: string;
    userAgent?: string;
}
export declare class TrackwiseApiError extends Error {
    readonly status: number;
    readonly body: string;
    readonly request?: {
        method: string;
        url: string;
        headers: Record<string, string>;
    };
    constructor(status: number, body: string, message?: string, request?: TrackwiseApiError["request"]);
}
export declare class TrackwiseClient {
    private readonly opts;
    constructor(opts: TrackwiseClientOptions);
    request<T = unknown>(method: string, path: string, body?: unknown, query?: Record<string, unknown>): Promise<T>;
}
