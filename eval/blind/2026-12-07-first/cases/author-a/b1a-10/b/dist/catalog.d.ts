export interface PriceRow {
    provider: string;
    sku: string;
    description: string;
    unit: string;
    usd: number;
}
export declare function listPrices(service: string, region: string): Promise<PriceRow[]>;
export declare function warmCatalog(): void;
