export declare function clientConfigFiles(): string[];
