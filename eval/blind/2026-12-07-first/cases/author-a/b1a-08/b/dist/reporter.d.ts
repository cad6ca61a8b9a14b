export type Level = "fatal" | "error" | "warning" | "info";
export declare function captureEvent(level: Level, message: string, extra?: Record<string, unknown>): Promise<void>;
export declare function initReporter(release: string): void;
