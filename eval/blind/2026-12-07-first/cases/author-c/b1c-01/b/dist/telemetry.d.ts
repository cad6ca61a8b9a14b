export interface UsageEvent {
    tool: string;
    ok: boolean;
    durationMs: number;
}
export declare function telemetryEnabled(env?: NodeJS.ProcessEnv): boolean;
export declare class UsageReporter {
    private readonly endpoint;
    private readonly apiKey;
    private readonly version;
    private queue;
    private timer;
    constructor(baseUrl: string, apiKey: string, version: string);
    record(event: UsageEvent): void;
    flush(): Promise<void>;
    stop(): Promise<void>;
}
