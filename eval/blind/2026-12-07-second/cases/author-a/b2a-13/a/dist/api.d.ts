export declare function qb<T = any>(path: string, token: string, params?: Record<string, unknown>): Promise<T>;
