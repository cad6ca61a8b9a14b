export declare function recordSpan(name: string, attributes: Record<string, unknown>, startedAt: number): void;
