export declare const EGRESS: {
    region: string;
    proxy: string;
    keepAliveTimeout: number;
};
export declare const PAGE_SIZE = 25;
