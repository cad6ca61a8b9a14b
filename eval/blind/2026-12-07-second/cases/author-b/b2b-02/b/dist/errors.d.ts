export interface ReporterOptions {
    release: string;
    workspace?: string;
}
export declare function configureReporter(opts: ReporterOptions): void;
export declare function reportError(err: unknown, context?: Record<string, unknown>): void;
