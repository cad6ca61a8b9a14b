export type Align = "left" | "right" | "center" | "none";
export interface Table { header: string[]; align: Align[]; rows: string[][]; }
export declare function parseMarkdownTable(src: string): Table;
export declare function renderTable(t: Table, opts?: { pad?: boolean }): string;
export declare function parseCsv(src: string, delimiter?: string): string[][];
export declare function toCsv(rows: string[][], delimiter?: string): string;
