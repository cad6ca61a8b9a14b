export declare function runMigrations(): number;
