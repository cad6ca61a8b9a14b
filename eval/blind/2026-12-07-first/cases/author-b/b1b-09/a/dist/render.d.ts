export declare function blockToMarkdown(b: any): string;
export declare function pageTitle(page: any): string;
export declare function markdownToBlocks(md: string): any[];
