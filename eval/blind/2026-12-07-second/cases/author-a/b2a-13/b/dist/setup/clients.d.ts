export declare function syncClientConfigs(): string[];
