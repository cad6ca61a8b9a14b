export declare function snapshot(title: string, markdown: string): Promise<void>;
