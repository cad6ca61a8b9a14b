import pg from "pg";
export declare const pool: pg.Pool;
export declare function readOnly(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
export declare function write(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
export declare function userTables(): Promise<string[]>;
export declare function maintain(profile: "compact" | "standard"): Promise<void>;
