import { Client } from "@notionhq/client";
export declare const notion: Client;
export declare function pageTitle(page: any): string;
export declare function pageToMarkdown(pageId: string): Promise<string>;
export declare function search(query: string, limit?: number): Promise<Array<{
    id: string;
    title: string;
    url: string;
    object: string;
}>>;
export declare function queryDatabase(databaseId: string, limit?: number): Promise<Array<Record<string, string>>>;
