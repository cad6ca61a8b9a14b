export declare function configureNetwork(): void;
