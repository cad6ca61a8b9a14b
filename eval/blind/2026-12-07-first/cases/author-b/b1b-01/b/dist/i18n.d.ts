export interface LocaleInfo { locale: string; decimal: string; group: string; labels: Record<string, string>; }
export declare function loadLocale(tag?: string): LocaleInfo;
export declare function warmPluralRules(tag: string): Promise<string[]>;
export declare function formatNumberCell(cell: string, info: LocaleInfo): string;
